"""Receipts and Z reports as files: the service builds the data, the PDF shows the figures."""

import datetime as dt

import pytest

from tests.fixtures.pdf import pdf_text
from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.services.core import settings
from pse_desktop.services.shop import closing as shop_close, docs as shop_docs, returns as sales_returns, sales, stock

DAY = dt.date(2026, 5, 2)


def test_receipt_pdfs_and_z_report_show_the_figures(shop_setup, admin, tmp_path):
    pp1 = shop_setup["locs"]["PP1"]
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {bag.id: 5, scarf.id: 5}, day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(bag.id, 2), (scarf.id, 1)], paid_usd="20",
                              paid_khr=60000, day=DAY, rates=RATES)
    sales_returns.return_items(admin, sid, {bag.id: 1}, "wrong colour", day=DAY, rates=RATES)
    for paper in ("80mm", "A4"):
        path = shop_docs.write_receipt(sid, tmp_path / f"r-{paper}.pdf", paper)
        text = pdf_text(path)
        assert "Sale PP1-1" in text and "$32.25" in text and "KHR 60,000" in text
        assert "KHR 3,000" in text and "Change USD" in text and "$2.00" in text

    closing = shop_close.close_day(admin, pp1.id, DAY, counted_usd="5.50", counted_khr=57000)
    shop_docs.write_z_report(closing, tmp_path / "z.pdf")
    text = pdf_text(tmp_path / "z.pdf")
    assert "Z report" in text and "$19.75" in text and "KHR 57,000" in text
    assert "1 to 2" in text


def test_receipt_data_carries_the_organisation_and_footer(shop_setup, admin):
    pp1, scarf = shop_setup["locs"]["PP1"], shop_setup["v"]["scarf"]
    stock.receive(admin, pp1.id, {scarf.id: 1}, day=DAY)
    sid = sales.complete_sale(admin, pp1.id, [(scarf.id, 1)], paid_usd="7.25", day=DAY)
    settings.set_values(admin, {"org_name": "PSE Cambodia", "shop_receipt_footer": "Merci !"})
    data = shop_docs.receipt_data(sid)
    assert (data.org_name, data.footer, data.sale.total) == ("PSE Cambodia", "Merci !", 725)


@pytest.mark.sqlite_only  # the folder beside a SQLite file
def test_documents_folder_sits_next_to_the_database(target, tmp_path):
    folder = shop_docs.documents_folder(target, "receipts")
    assert folder == target.path.parent / "receipts" and folder.is_dir()
    assert shop_docs.documents_folder(target, "receipts") == folder  # already there is fine
