"""Tests for pse_desktop.reports.rice.sheets: the distribution sheet read back."""

import datetime as dt
import shutil
import subprocess

import pytest

from pse_desktop.reports.rice.sheets import render_sheet
from pse_desktop.services.rice.distribution import Sheet
from pse_desktop.services.rice.lists import LineInfo

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def test_the_sheet_has_every_family_kilograms_and_a_column_to_sign(tmp_path):
    lines = [LineInfo(n, n, f"F0000{n}", "សុខ សុភា", f"Guardian {n}", 1, "STM", 2, 90.0, 20_000,
                      False, "", 20_000 - 2500 * n, "", False, "", "") for n in (1, 2)]
    out = render_sheet(Sheet("Pour un Sourire d'Enfant", dt.date(2026, 10, 1), "STM",
                             "Stung Meanchey", lines), tmp_path / "s.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for part in ("Rice distribution", "STM Stung Meanchey", "October 2026", "F00001", "Guardian 2",
                 "17.5 kg", "15 kg", "Signature or thumbprint", "2 families, 32.5 kg"):
        assert part in text, part


def test_the_sheet_is_in_the_readers_language_with_the_khmer_beside_it(tmp_path):
    """A French reader gets French labels (not English) and French numbers; the Khmer stays."""
    from pse_desktop import i18n

    lines = [LineInfo(1, 1, "F00001", "សុខ សុភា", "Sok Sophea", 1, "STM", 2, 90.0, 12_500,
                      False, "", 12_500, "", False, "", "")]
    i18n.set_language("fr")
    try:
        out = render_sheet(Sheet("PSE", dt.date(2026, 10, 1), "STM", "Stung Meanchey", lines),
                           tmp_path / "s.pdf")
    finally:
        i18n.set_language("en")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for part in ("Distribution du riz", "octobre 2026", "1 famille, 12,5 kg", "Famille",
                 "Responsable (latin)", "Signature ou empreinte"):
        assert part in text, part
    for english in ("Rice distribution", "Guardian", "Kilograms", "Month", "families"):
        assert english not in text, english
