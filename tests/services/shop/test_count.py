"""Stock counts and events in France, through the services; their PDFs read back."""

import datetime as dt
import subprocess

import pytest

from tests.fixtures.shop import RATES, shop_setup  # noqa: F401
from pse_desktop.services.shop import (
    sales, returns as sales_returns, closing as shop_close, count as shop_count, docs as
    shop_docs, events as shop_events, stock,
)
from pse_desktop.services.common.errors import ConflictError, ValidationError

DAY = dt.date(2026, 5, 2)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_count_posts_adjustments_in_one_step_against_the_ledger(shop_setup, admin, tmp_path):
    pp1 = shop_setup["locs"]["PP1"]
    bag, scarf, blue = (shop_setup["v"][k] for k in ("bag", "scarf", "bag_blue"))
    stock.receive(admin, pp1.id, {bag.id: 5, scarf.id: 4}, day=DAY)
    count_id = shop_count.start_count(admin, pp1.id)
    with pytest.raises(ConflictError):
        shop_count.start_count(admin, pp1.id)
    shop_count.write_sheet(count_id, tmp_path / "sheet.pdf")
    assert "BAG-RED" in pdf_text(tmp_path / "sheet.pdf")
    shop_count.enter_counts(admin, count_id, {bag.id: 4, scarf.id: "4", blue.id: 1})
    # a sale between the count and the posting is already in the ledger: 4 bags left
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd="12.50", day=DAY)
    sheet = shop_count.count_sheet(count_id)
    assert {ln.code: ln.variance for ln in sheet.lines if ln.counted is not None} == {
        "BAG-RED": 0, "SCF-M": 0, "BAG-BLU": 1}
    shop_count.write_sheet(count_id, tmp_path / "variance.pdf", variance=True)
    text = pdf_text(tmp_path / "variance.pdf")
    assert "BAG-BLU" in text and "$4.00" in text  # one blue bag found, at cost
    assert shop_count.post_count(admin, count_id, day=DAY) == 1
    assert stock.balance(blue.id, pp1.id) == 1
    with pytest.raises(ConflictError):
        shop_count.post_count(admin, count_id, day=DAY)
    with pytest.raises(ConflictError):
        shop_count.enter_counts(admin, count_id, {bag.id: 1})
    assert stock.ledger_mismatches() == []


def test_event_in_france_sells_in_euros_and_reconciles(shop_setup, admin, make_user, tmp_path):
    fr1 = shop_setup["locs"]["FR1"]
    bag, scarf = shop_setup["v"]["bag"], shop_setup["v"]["scarf"]
    stock.receive(admin, fr1.id, {bag.id: 10, scarf.id: 10}, day=DAY)
    volunteer = make_user("claire", "shop_staff", shops=["FR1"])
    event = shop_events.create_event(volunteer, "Marché de Noël", "Lyon", DAY, DAY, fr1.id)
    assert event.box_code == "EV001"
    shop_events.send_stock(volunteer, event.id, {bag.id: 6, scarf.id: 5}, day=DAY)
    # 3 bags at EUR 12.00 + 2 scarves at EUR 6.53 = EUR 49.06; EUR 50 paid, 0.94 back
    sid = sales.complete_sale(volunteer, event.box_id, [(bag.id, 3), (scarf.id, 2)],
                              paid_eur="50", day=DAY, rates=RATES)
    view = sales.get_sale(sid)
    assert (view.currency, view.total, view.change["EUR"], view.change["USD"]) == ("EUR", 4906, 94, 0)
    with pytest.raises(ValidationError, match="only 3 of BAG-RED"):
        shop_events.reconcile(volunteer, event.id, {bag.id: 4}, day=DAY)
    report = shop_events.reconcile(volunteer, event.id, {bag.id: 3, scarf.id: 2}, day=DAY)
    lines = {ln.code: (ln.sent, ln.sold, ln.returned, ln.lost, ln.left) for ln in report.lines}
    assert lines == {"BAG-RED": (6, 3, 3, 0, 0), "SCF-M": (5, 2, 2, 1, 0)}
    assert report.cash["EUR"] == 4906 and report.total_eur == 4906
    assert stock.balance(bag.id, fr1.id) == 7 and stock.balance(scarf.id, fr1.id) == 7
    with pytest.raises(ConflictError):
        shop_events.send_stock(volunteer, event.id, {bag.id: 1}, day=DAY)
    shop_events.write_event_report(event.id, tmp_path / "event.pdf")
    text = pdf_text(tmp_path / "event.pdf")
    assert "Marché de Noël" in text and "49,06 €" in text
    assert stock.ledger_mismatches() == []


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
        assert "Sale PP1-1" in text and "$32.25" in text and "60,000 riel" in text
        assert "3,000 riel" in text and "Change USD" in text and "$2.00" in text

    closing = shop_close.close_day(admin, pp1.id, DAY, counted_usd="5.50", counted_khr=57000)
    shop_docs.write_z_report(closing, tmp_path / "z.pdf")
    text = pdf_text(tmp_path / "z.pdf")
    assert "Z report" in text and "$19.75" in text and "57,000 riel" in text
    assert "1 to 2" in text
