"""Tests for pse_desktop.reports.common.labels: the reader's language with Khmer beside it."""

import pytest

from pse_desktop import i18n
from pse_desktop.reports.common import labels
from pse_desktop.reports.common.fonts import paragraph_style


@pytest.fixture
def french():
    before = i18n.language()
    i18n.set_language("fr")
    yield
    i18n.set_language(before)


def test_both_gives_the_readers_language_then_the_khmer(french):
    text = labels.both("Payslips")
    here, khmer = text.split(" / ")
    assert here == i18n._("Payslips") and here != "Payslips"
    assert any("\u1780" <= c <= "\u17ff" for c in khmer)


def test_khmer_once_when_the_reader_reads_khmer():
    before = i18n.language()
    i18n.set_language("km")
    try:
        assert " / " not in labels.both("Payslips")
    finally:
        i18n.set_language(before)


def test_heading_cells_keep_empty_ones_empty(french):
    cells = labels.cells(["Payslips", ""], paragraph_style("T", 9), bilingual=True)
    assert cells[1] == "" and cells[0] != ""
