"""Receipts on an 80 mm roll or A4, and the Z report of a closed day, read back."""

import datetime as dt

import pytest

from tests.fixtures.pdf import pdf_text
from pse_desktop.reports.shop.receipt import render_receipt, render_z_report
from pse_desktop.services.shop.closing import DayTotals, ZReport
from pse_desktop.services.shop.docs import Receipt
from pse_desktop.services.shop.sales import SaleView

AT = dt.datetime(2026, 3, 14, 10, 5)
NONE = {"USD": 0, "KHR": 0, "EUR": 0}


def sale(**kw):
    values = dict(id=1, location_id=1, location_code="PP1", location_name="PSE Shop", number=7,
                  kind="sale", original_number=None, reason="", at=AT, day=AT.date(),
                  cashier="Heng Vanna", currency="USD", subtotal=3475, discount=250, total=3225,
                  khr_per_usd=4000, eur_per_usd_milli=900,
                  paid={"USD": 2000, "KHR": 60000, "EUR": 0},
                  change={"USD": 200, "KHR": 3000, "EUR": 0},
                  lines=[("BAG-RED", "Tote bag (red)", 2, 1250, 250, 2250),
                         ("SCF-M", "Krama scarf (M)", 1, 725, 0, 725)])
    values.update(kw)
    return SaleView(**values)


def test_receipt_on_a_roll_and_on_a4_shows_lines_payment_and_change(tmp_path):
    for paper in ("80mm", "A4"):
        out = tmp_path / f"{paper}.pdf"
        render_receipt(Receipt("PSE", "Thank you!", sale()), out, paper)
        text = " ".join(pdf_text(out).split())  # the roll wraps long lines
        assert "Sale PP1-7" in text and "14/03/2026 10:05 - Heng Vanna" in text
        assert "BAG-RED @ $12.50, discount $2.50" in text
        assert "Subtotal" in text and "-$2.50" in text and "$32.25" in text
        assert "KHR 60,000" in text and "Change KHR" in text and "KHR 3,000" in text
        assert "Rate: $1 = 4,000 riel" in text and "Thank you!" in text


def test_a_return_says_refund_names_the_sale_and_the_reason(tmp_path):
    ret = sale(kind="return", number=8, original_number=7, reason="wrong colour", subtotal=-1250,
               discount=0, total=-1250, paid=NONE, change={"USD": 1250, "KHR": 0, "EUR": 0},
               lines=[("BAG-RED", "Tote bag (red)", -1, 1250, 0, -1250)])
    out = tmp_path / "return.pdf"
    render_receipt(Receipt("PSE", "", ret), out)
    text = pdf_text(out)
    assert "Return PP1-8 (of sale 7)" in text and "Reason: wrong colour" in text
    assert "Refund USD" in text and "-$12.50" in text and "Change" not in text


def test_z_report_shows_numbers_cash_difference_and_note(tmp_path):
    totals = DayTotals(1, "PP1", "PSE Shop", AT.date(), "USD", 2, 1, 0, 3, 3225, -1250, 1975, 250,
                       {"USD": 550, "KHR": 57000, "EUR": 0}, 1, 3)
    z = ZReport("PSE", totals, {"USD": 500, "KHR": 57000, "EUR": 0},
                {"USD": -50, "KHR": 0, "EUR": 0}, "a coin missing", AT, "Heng Vanna",
                [("BAG-RED", "Tote bag (red)", 1, 1250)])
    out = tmp_path / "z.pdf"
    render_z_report(z, out)
    text = pdf_text(out)
    assert "Z report - PSE Shop (PP1) - Saturday, March 14, 2026" in text
    assert "1 to 3" in text and "$19.75" in text and "-$12.50" in text
    cash = next(line for line in text.splitlines() if line.strip().startswith("USD")).split()
    assert cash == ["USD", "$5.50", "$5.00", "-$0.50"]
    assert "EUR" not in text.split("Difference")[1].split("Note")[0]
    assert "Note: a coin missing" in text


@pytest.mark.parametrize("code, shown", [
    ("en", ["TOTAL $32.25", "Paid KHR KHR 60,000", "BAG-RED @ $12.50", "= 4,000 riel"]),
    ("fr", ["TOTAL 32,25 $US", "Payé KHR 60 000 KHR", "BAG-RED @ 12,50 $US, remise 2,50 $US",
            "1 $ = 4 000 riels"]),
    ("km", ["32.25$", "60,000 ៛", "BAG-RED @ 12.50$", "3,000 ៛"]),
])
def test_amounts_on_the_receipt_follow_the_language(tmp_path, lang, code, shown):
    lang(code)
    out = tmp_path / f"{code}.pdf"
    render_receipt(Receipt("PSE", "", sale()), out)
    text = " ".join(pdf_text(out).split())
    for part in shown:
        assert part in text
    assert "60,000 riel" not in text and "3,000 riel" not in text  # the old English-only form


def test_euro_sales_print_euros_the_french_way_whatever_the_language(tmp_path, lang):
    lang("en")
    euro = sale(currency="EUR", subtotal=1200, discount=0, total=1200,
                paid={"USD": 0, "KHR": 0, "EUR": 2000}, change={"USD": 0, "KHR": 0, "EUR": 800},
                lines=[("BAG-RED", "Tote bag (red)", 1, 1200, 0, 1200)])
    render_receipt(Receipt("PSE", "", euro), tmp_path / "eur.pdf")
    text = " ".join(pdf_text(tmp_path / "eur.pdf").split())
    assert "TOTAL 12,00 €" in text and "Change EUR 8,00 €" in text and "EUR 0.900" in text
