"""The event report: sent, sold, returned and lost per product, in euros, read back."""

import datetime as dt

from tests.fixtures.pdf import pdf_text
from pse_desktop.reports.shop.events import render_event_report
from pse_desktop.services.shop.events import EventInfo, EventLine, EventReport

EVENT = EventInfo(1, "Marché de Noël", "Lyon", dt.date(2026, 12, 5), dt.date(2026, 12, 6), 9,
                  "EV001", 3, "FR1", "reconciled")


def report(cash_usd=0):
    lines = [EventLine("BAG-RED", "Tote bag (red)", 6, 3, 3, 0, 0, 3600),
             EventLine("SCF-M", "Krama scarf (M)", 5, 2, 2, 1, 0, 1306)]
    return EventReport("PSE", EVENT, lines, 4, 4906, {"EUR": 4906, "USD": cash_usd})


def test_report_shows_the_event_lines_and_totals(tmp_path):
    out = tmp_path / "event.pdf"
    render_event_report(report(), out)
    text = pdf_text(out)
    assert "Event: Marché de Noël" in text
    assert "05/12/2026 to 06/12/2026 - box EV001 from FR1 - reconciled" in text
    assert "36,00 €" in text and "13,06 €" in text
    total = next(line for line in text.splitlines() if "Total" in line).split()
    assert total == ["Total", "11", "5", "5", "1", "0", "49,06", "€"]
    assert "4 sales. Cash taken: 49,06 €" in text and "$" not in text


def test_dollars_taken_at_the_event_are_shown_too(tmp_path):
    out = tmp_path / "event.pdf"
    render_event_report(report(cash_usd=2000), out)
    assert "Cash taken: 49,06 € and $20.00" in pdf_text(out)
