"""The social team's documents as files: the blank survey, support receipts, the family file.
Builds the plain data and has the reports draw it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ...db.centres import Guardian
from ...db.social import SupportPayment
from ..common.errors import NotFound
from ..core import settings
from ..core.permissions import Actor, require
from . import reports, support, survey
from .rules import SUPPORT_KIND_LABELS, record_access
from ...formats import format_money
from ...i18n import _, language


@dataclass(frozen=True)
class ReceiptData:
    org: str
    receipt_no: str
    paid_on: dt.date
    family_code: str
    guardian_km: str
    received_by: str
    kind: str
    amount_text: str
    number: int
    payments: int
    paid_by: str


def _kind(kind: str) -> str:
    """The support's kind in the reader's language with its Khmer beside it (Khmer once in Khmer)."""
    english, khmer = SUPPORT_KIND_LABELS[kind]
    return khmer if language() == "km" else f"{_(english)} / {khmer}"


def receipt_data(actor: Actor, payment_id: int) -> ReceiptData:
    require(actor, "social.view")
    row = SupportPayment.get_or_none(SupportPayment.id == payment_id)
    if row is None:
        raise NotFound(_("payment {payment_id}").format(payment_id=payment_id))
    p = support._payment_info(row)
    guardian = (Guardian.select().where(Guardian.family == p.family_id,
                                        Guardian.name_latin == p.received_by).first())
    return ReceiptData(settings.get("org_name"), p.receipt_no, p.paid_on, p.family_code,
                       guardian.name_km if guardian else "", p.received_by,
                       _kind(p.kind),
                       format_money(p.amount, p.currency), p.number, p.payments, p.paid_by)


def write_receipt(actor: Actor, payment_id: int, out) -> Path:
    from ...reports.social.documents import render_receipt

    return render_receipt(receipt_data(actor, payment_id), out)


def write_blank_survey(actor: Actor, out) -> Path:
    require(actor, "social.view")
    from ...reports.social.documents import render_blank_survey

    return render_blank_survey(survey.BLANK_SECTIONS, settings.get("org_name"), out)


def write_family_file(actor: Actor, family_id: int, out, today: dt.date | None = None) -> Path:
    from ...reports.social.documents import render_family_file

    data = reports.family_file(actor, family_id, today)
    record_access(actor, family_id, "family file printed")
    return render_family_file(data, settings.get("org_name"), out)
