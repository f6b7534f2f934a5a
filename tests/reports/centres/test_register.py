"""The monthly register PDF (filled in, or blank for a power cut) read back."""

from pse_desktop.reports.centres.register import render_register, render_registers
from pse_desktop.services.centres import groups as attendance_setup, summary as attendance_summary
from tests.fixtures.pdf import pdf_pages, pdf_text
from tests.fixtures.register import world  # noqa: F401


def test_pdf_register_reads_back(admin, world, tmp_path):
    centre, group, kids = world
    out = render_register(attendance_summary.month_register(admin, group.id, "2026-03"),
                          tmp_path / "reg.pdf")
    text = pdf_text(out)
    assert "Monthly register" in text and "March 2026" in text
    assert "Keo Dara (STM-0001)" in text
    assert "67%" in text and "40%" in text
    assert "International Women's Day" in text
    blank = render_register(attendance_summary.month_register(admin, group.id, "2026-03", blank=True),
                            tmp_path / "blank.pdf")
    text = pdf_text(blank)
    assert "Blank register" in text and "Keo Sokha" in text and "67%" not in text


def test_several_groups_one_after_another_and_an_empty_list(admin, world, tmp_path):
    centre, group, kids = world
    moon = attendance_setup.save_group(admin, None, centre.id, "Moon", "daycare")
    regs = [attendance_summary.month_register(admin, g.id, "2026-03") for g in (group, moon)]
    out = render_registers(regs, tmp_path / "all.pdf")
    assert pdf_pages(out) == 2
    text = pdf_text(out)
    assert "group Sun" in text and "group Moon" in text
    assert "Total: 0 children" in text
    empty = render_registers([], tmp_path / "none.pdf")
    assert "No group to print." in pdf_text(empty)


def test_a_khmer_register_names_its_holidays_but_not_its_weekends(admin, world, tmp_path):
    from pse_desktop import i18n

    centre, group, kids = world
    i18n.set_language("km")
    try:
        reg = attendance_summary.month_register(admin, group.id, "2026-03")
        text = pdf_text(render_register(reg, tmp_path / "km.pdf"))
    finally:
        i18n.set_language("en")
    assert "8 International Women's Day" in text  # the holiday as it was typed, with its day
    legend = text[text.index("8 International"):]
    assert "7 " not in legend and "14 " not in legend  # Saturdays 7 and 14 are not listed
