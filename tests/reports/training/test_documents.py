"""Tests for pse_desktop.reports.training.documents: the PDFs read back with pdftotext."""

import datetime as dt
import shutil
import subprocess

import pytest

from pse_desktop.reports.training.documents import render_certificates, render_support_receipt
from pse_desktop.services.training.docs import CertificateData, SupportReceipt

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def text_of(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_one_certificate_page_each_with_the_skills(tmp_path):
    certs = [CertificateData("PSE", f"CT-2026-000{n}", name, "", "Cooking", "ការធ្វើម្ហូប",
                             dt.date(2026, 9, 7), dt.date(2026, 11, 27), dt.date(2026, 11, 30),
                             [("Khmer dishes", "ម្ហូបខ្មែរ"), ("Knife skills", "")], "Chef")
             for n, name in enumerate(("Sok Sophea", "Keo Srey"), start=1)]
    out = render_certificates(certs, tmp_path / "c.pdf")
    pages = text_of(out).split("\f")
    assert "Sok Sophea" in pages[0] and "Keo Srey" in pages[1]
    assert "Khmer dishes" in pages[0] and "CT-2026-0002" in pages[1]
    assert "Certificate of vocational training" in pages[1]


def test_support_receipt(tmp_path):
    out = render_support_receipt(SupportReceipt(
        "PSE", "TS-2026-0001", dt.date(2026, 11, 30), "Sok Sophea", "Noodle stall",
        "In kind", "$120.00", "A cart and a gas stove", "Dara"), tmp_path / "r.pdf")
    text = text_of(out)
    assert "TS-2026-0001" in text and "$120.00" in text and "A cart" in text


def test_support_receipt_in_the_readers_language_with_the_khmer_beside_it(tmp_path):
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        out = render_support_receipt(SupportReceipt(
            "PSE", "TS-2026-0001", dt.date(2026, 11, 30), "Sok Sophea", "Noodle stall",
            "En nature", "120,00 $US", "A cart", "Dara"), tmp_path / "r.pdf")
    finally:
        i18n.set_language("en")
    text = text_of(out)
    for part in ("Reçu d'aide au démarrage", "N° de reçu", "Remis par", "30 novembre 2026"):
        assert part in text, part
    for english in ("Receipt no.", "Handed over by", "Staff signature", "Start-up"):
        assert english not in text, english
