"""Receipts and Z reports as files: builds the plain data and has the reports draw it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import sales, closing as shop_close
from ..core import settings
from .sales import SaleView


@dataclass(frozen=True)
class Receipt:
    org_name: str
    footer: str
    sale: SaleView


def receipt_data(sale_id: int) -> Receipt:
    return Receipt(settings.get("org_name"), settings.get("shop_receipt_footer"),
                   sales.get_sale(sale_id))


def write_receipt(sale_id: int, out: Path, paper: str = "80mm") -> Path:
    """Write the receipt of a sale, return or void as a PDF ('80mm' roll or 'A4')."""
    from ...reports.shop.receipt import render_receipt

    render_receipt(receipt_data(sale_id), out, paper)
    return Path(out)


def write_z_report(closing_id: int, out: Path) -> Path:
    from ...reports.shop.receipt import render_z_report

    render_z_report(shop_close.z_report(closing_id), out)
    return Path(out)


def documents_folder(target, kind: str) -> Path:
    """Where receipts and Z reports are kept: a folder next to the database (or the home)."""
    base = target.path.parent if getattr(target, "path", None) else Path.home() / "pse-desktop"
    folder = base / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder
