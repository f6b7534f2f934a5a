"""Tests for pse_desktop.reports.social.documents: the PDFs read back with pdftotext."""

import datetime as dt
import shutil
import subprocess

import pytest

from pse_desktop.services.social import caseload, docs, support, survey
from tests.fixtures.social import TODAY, full_survey, social  # noqa: F401

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


def text_of(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_blank_survey_has_every_section_in_the_forms_order(social, tmp_path):
    out = docs.write_blank_survey(social["worker"], tmp_path / "survey.pdf")
    text = text_of(out)
    positions = [text.index(t) for t in ("Visit", "Household", "Other income", "Debts", "Housing",
                                         "IDPoor", "Urgent situations", "Notes")]
    assert positions == sorted(positions)
    assert "Relation" in text and "Equity Card" in text and "signature" in text


def _school_support_paid_once(social):
    """A school support of KHR 120,000 in two payments, approved, its first payment made."""
    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    support.set_budget(lead, dt.date.today().year, "school", "500")
    req = support.request_support(worker, fam.id, "school", "KHR", "120000", payments=2,
                                  why="stay in school")
    support.decide(lead, req.id, True)
    return worker, support.pay(worker, req.id, "Sok Sophea")


def test_a_receipt_names_the_family_amount_and_instalment(social, tmp_path):
    worker, paid = _school_support_paid_once(social)
    text = text_of(docs.write_receipt(worker, paid.id, tmp_path / "r.pdf"))
    for part in (paid.receipt_no, "F00001", "Sok Sophea", "KHR 120,000", "1/2", "School",
                 "Signature or thumbprint"):
        assert part in text, part


def test_a_receipt_is_in_the_readers_language_with_the_khmer_beside_it(social, tmp_path):
    from pse_desktop import i18n

    worker, paid = _school_support_paid_once(social)
    i18n.set_language("fr")
    try:
        text = text_of(docs.write_receipt(worker, paid.id, tmp_path / "r.pdf"))
    finally:
        i18n.set_language("en")
    for part in ("Reçu d'aide d'urgence", "N° de reçu", "Famille", "Montant", "120 000",
                 "Signature ou empreinte du pouce"):
        assert part in text, part
    for english in ("Receipt no.", "Amount", "Handed over by", "Staff signature", "School"):
        assert english not in text, english


def test_the_family_file_puts_everything_together(social, tmp_path):
    fam, worker = social["families"][0], social["worker"]
    caseload.assign(social["lead"], fam.id, worker.id, today=TODAY)
    survey.save_survey(worker, fam.id, full_survey(case_notes="father in prison"), today=TODAY)
    text = text_of(docs.write_family_file(worker, fam.id, tmp_path / "f.pdf", today=TODAY))
    for part in ("Family file F00001", "Social worker: Dara", "Level: HIGH (score 70)",
                 "Sok Mey", "Case notes: father in prison", "Sok Dara", "Confidential"):
        assert part in text, part
    with pytest.raises(Exception):
        docs.write_family_file(social["stm_staff"], fam.id, tmp_path / "g.pdf")


def test_the_family_file_is_in_the_language_of_who_prints_it(social, tmp_path):
    from pse_desktop import i18n

    fam, worker = social["families"][0], social["worker"]
    caseload.assign(social["lead"], fam.id, worker.id, today=TODAY)
    survey.save_survey(worker, fam.id, full_survey(case_notes="père en prison"), today=TODAY)
    i18n.set_language("fr")
    try:
        text = text_of(docs.write_family_file(worker, fam.id, tmp_path / "f.pdf", today=TODAY))
    finally:
        i18n.set_language("en")
    for part in ("Dossier de la famille F00001", "Travailleur social : Dara", "Niveau :",
                 "Notes de suivi du cas : père en prison", "Confidentiel", "Logement : "):
        assert part in text, part
