"""Production PDFs drawn from plain data and read back: work order, delivery note, hand-out list,
monthly output."""

import datetime as dt

from pse_desktop.reports.production import documents as reports
from pse_desktop.services.production.docs import DeliveryNoteDoc, MonthlyOutput, WorkOrderDoc
from pse_desktop.services.production.uniforms import Handout, HandoutCentre, HandoutRow
from tests.fixtures.pdf import pdf_pages, pdf_text

DAY = dt.date(2026, 3, 9)


def line_with(text, word):
    return next(line for line in text.splitlines() if word in line).split()


def test_work_order_shows_lines_totals_and_shortages(tmp_path):
    doc = WorkOrderDoc("PSE", "PO-00007", "Stung Meanchey (STM)", dt.date(2026, 3, 31), "high",
                       "Confirmed", "Buttons from the new supplier",
                       (("SHIRT-6", "School shirt (6, white)", 2, 1, 1),
                        ("SHIRT-8", "School shirt (8, white)", 3, 0, 3)),
                       (("FAB-WHITE", "Cotton poplin (white)", "4.29 m", "1 m", "3.29 m"),),
                       ("SKIRT-10",), DAY)
    text = pdf_text(reports.render_work_order(doc, tmp_path / "wo.pdf"))
    assert "PSE - Work order PO-00007" in text and "Customer: Stung Meanchey (STM)" in text
    assert "Due: March 31, 2026 - priority: high - state: Confirmed - printed Mar 9, 2026" in text
    assert "Notes: Buttons from the new supplier" in text
    assert line_with(text, "Total")[-3:] == ["5", "1", "4"]
    assert "4.29 m" in text and "3.29 m" in text
    assert "No bill of materials: SKIRT-10" in text


def test_delivery_note_of_an_order_closed_short(tmp_path):
    doc = DeliveryNoteDoc("PSE", "DN-00002", "PO-00003", DAY, "Friends of PSE", "PSE Shop Phnom Penh",
                          "", (("BAG-RED", "Tote bag (red)", 10, 2, 6, 0),), "customer took 6", 2)
    text = pdf_text(reports.render_delivery_note(doc, tmp_path / "dn.pdf"))
    assert "Delivery note DN-00002" in text and "Order PO-00003 - date March 9, 2026" in text
    assert "Delivered to: PSE Shop Phnom Penh" in text
    assert line_with(text, "BAG-RED")[-4:] == ["10", "2", "6", "0"]
    assert "Order closed short: customer took 6" in text


def test_handout_has_a_page_per_centre_or_says_nobody(tmp_path):
    rows = (HandoutRow("STM-001", "សុខ ស្រីនាង", "Sok Sreyneang", "School shirt 6, School skirt 6"),)
    doc = Handout("PSE", "DN-00001", "PO-00001", DAY, "All centres",
                  (HandoutCentre("STM", "Stung Meanchey", rows),
                   HandoutCentre("TKM", "Takhmao", (HandoutRow("TKM-001", "", "Other Centre", "School shirt 6"),))))
    out = reports.render_handout(doc, tmp_path / "handout.pdf")
    assert pdf_pages(out) == 2
    text = pdf_text(out)
    assert "Centre STM Stung Meanchey - DN-00001 of order PO-00001 - March 9, 2026" in text
    assert "Sok Sreyneang" in text and "Other Centre" in text and "1 child." in text
    empty = reports.render_handout(Handout("PSE", "DN-00009", "PO-00001", DAY, "x", ()), tmp_path / "e.pdf")
    assert "DN-00009: no child recorded on this delivery." in pdf_text(empty)


def test_monthly_output_per_worker_and_product(tmp_path):
    doc = MonthlyOutput("PSE", dt.date(2026, 3, 1), dt.date(2026, 3, 31),
                        (("E002", "Lim Bopha", 30), ("E001", "Chea Sokha", 12)),
                        (("SKIRT", "School skirt", 42),), 42)
    out = reports.render_monthly_output(doc, tmp_path / "month.pdf")
    assert pdf_pages(out) == 2
    text = pdf_text(out)
    assert "Workshop output March 2026" in text
    assert "42 pieces sewn from Mar 1, 2026 to Mar 31, 2026 (net of corrections)" in text
    assert line_with(text, "Lim Bopha")[-1] == "30"
    assert text.count("Total") == 2
