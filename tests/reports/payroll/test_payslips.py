"""Payroll PDFs read back with pdftotext: the figures of the worked example are printed."""

from pse_desktop.services.payroll import docs as payroll_docs
from tests.fixtures.payroll import month_run  # noqa: F401
from tests.fixtures.pdf import pdf_text as text_of


def test_payslips_one_page_per_worker_with_the_worked_figures(month_run, tmp_path):
    out = payroll_docs.write_pdf(month_run, "payslips", "2026-01", tmp_path / "p.pdf")
    text = text_of(out)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 2
    first = pages[0]
    assert "Payslip January 2026" in first and "Sok Sophea" in first
    for figure in ("$210.00", "$229.00", "-$4.58", "$224.42", "18,778", "KHR 4,100 per US$"):
        assert figure in first, figure
    assert "DRAFT" in first
    # student: 9 weekend days of January 2026 x 4 h = 36 h x $1.75 = $63.00
    assert "$63.00" in pages[1]


def test_register_totals(month_run, tmp_path):
    reg = text_of(payroll_docs.write_pdf(month_run, "register", "2026-01", tmp_path / "r.pdf"))
    assert "Total (2)" in reg and "$292.00" in reg and "$287.42" in reg  # 229 + 63; 224.42 + 63


def test_a_french_payslip_explains_its_lines_in_french(month_run, tmp_path):
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        text = " ".join(text_of(payroll_docs.write_pdf(month_run, "payslips", "2026-01",
                                                       tmp_path / "fr.pdf")).split())
    finally:
        i18n.set_language("en")
    assert "jours ouvrés" in text and "working days" not in text
    assert "Imposable" in text and "Taxable" not in text


def test_a_khmer_payslip_draws_its_explanations_in_the_khmer_font(month_run, tmp_path):
    """The explanation is Khmer for a Khmer reader: drawn in the Latin font it came out as boxes
    (the PDF then holds no Khmer letters on the explanation's line)."""
    from pse_desktop import i18n

    i18n.set_language("km")
    try:
        text = text_of(payroll_docs.write_pdf(month_run, "payslips", "2026-01", tmp_path / "km.pdf"))
    finally:
        i18n.set_language("en")
    line = next(ln for ln in text.splitlines() if ln.startswith("$") and "(" in ln)  # "$210.00 ... (27"
    assert any("\u1780" <= ch <= "\u17ff" for ch in line), line
