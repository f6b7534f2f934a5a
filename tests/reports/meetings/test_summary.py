"""Participation (never-came first) and themes per quarter as PDFs, read back."""

import datetime as dt

from pse_desktop.reports.meetings.summary import render_participation, render_themes, themes_chart
from pse_desktop.services.meetings import reports as meetings_reports
from tests.fixtures.meetings import DAY, held  # noqa: F401
from tests.fixtures.pdf import pdf_text


def test_participation_and_themes_pdfs_read_back(admin, held, tmp_path):
    out = render_participation(meetings_reports.participation(admin, DAY, dt.date.today()),
                               tmp_path / "p.pdf")
    text = pdf_text(out)
    lines = [line for line in text.splitlines() if line.strip()[:2] in ("F1", "F2", "F3")]
    assert lines[0].split()[0] == "F3" and "never" in lines[0] and "1 never came" in text
    out = render_themes(meetings_reports.themes_by_quarter(admin, DAY, dt.date.today()), tmp_path / "t.pdf")
    text = pdf_text(out)
    assert "Women's rights" in text and "STM" in text


def test_themes_chart_has_a_bar_group_per_quarter(admin, held):
    report = meetings_reports.themes_by_quarter(admin, DAY, dt.date.today())
    chart = themes_chart(report)
    assert chart.width > 0 and chart.height > 0
    assert chart.contents  # the bars and the legend are drawn
