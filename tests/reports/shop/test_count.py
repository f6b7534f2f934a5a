"""The count sheet (blank column to fill in by hand) and the variance report, read back."""

import datetime as dt

from tests.fixtures.pdf import pdf_pages, pdf_text
from pse_desktop.reports.shop.count import render_count_sheet
from pse_desktop.services.shop.count import CountLine, CountSheet


def sheet(lines, state="open"):
    return CountSheet(3, "PSE", "PP1", "PSE Shop Phnom Penh", dt.datetime(2026, 5, 2, 9, 30), state,
                      lines)


LINES = [CountLine(1, "BAG-RED", "Tote bag (red)", "Bags", 5, 4, 400),
         CountLine(2, "BAG-BLU", "Tote bag (blue)", "Bags", 0, 2, 400),
         CountLine(3, "SCF-M", "កន្សែង (M)", "Scarves", 3, None, 210)]


def test_sheet_lists_every_line_with_the_ledger_quantity(tmp_path):
    out = tmp_path / "sheet.pdf"
    render_count_sheet(sheet(LINES), out)
    text = pdf_text(out)
    assert "Stock count sheet: PSE Shop Phnom Penh (PP1)" in text
    assert "count 3 started 02/05/2026 09:30 - open" in text
    for code in ("BAG-RED", "BAG-BLU", "SCF-M"):
        assert code in text
    assert "Counted by:" in text


def test_variance_report_skips_uncounted_lines_and_totals_at_cost(tmp_path):
    out = tmp_path / "variance.pdf"
    render_count_sheet(sheet(LINES, "posted"), out, variance=True)
    text = pdf_text(out)
    assert "Stock count - variance" in text and "SCF-M" not in text
    assert "-1" in text and "+2" in text
    assert "-$4.00" in text and "$8.00" in text
    assert "Total at cost" in text and "$4.00" in text.split("Total at cost")[1]


def test_a_long_sheet_runs_over_pages(tmp_path):
    many = [CountLine(i, f"V-{i:03d}", f"Item {i}", "Misc", i, None, 100) for i in range(120)]
    out = tmp_path / "long.pdf"
    render_count_sheet(sheet(many), out)
    assert pdf_pages(out) >= 3
    assert "V-119" in pdf_text(out)


def test_variance_values_follow_the_language(tmp_path, lang):
    lang("fr")
    out = tmp_path / "variance-fr.pdf"
    render_count_sheet(sheet(LINES, "posted"), out, variance=True)
    text = " ".join(pdf_text(out).split())
    assert "-4,00 $US" in text and "8,00 $US" in text and "$8.00" not in text
