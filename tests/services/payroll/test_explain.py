"""A payslip line's stored explanation read in the reader's language."""

import datetime as dt
import re

from pse_desktop import i18n
from pse_desktop.services.payroll import docs as payroll_docs, run as payroll_run, timesheets
from pse_desktop.services.payroll.explain import explanation_text
from tests.fixtures.payroll import hire, manager, slip  # noqa: F401

D = dt.date
SALARY = "$710.00 for the full month (25 of 25 working days)"


def in_language(lang, fn):
    i18n.set_language(lang)
    try:
        return fn()
    finally:
        i18n.set_language("en")


def test_the_phrases_are_swapped_and_the_figures_kept():
    assert explanation_text(SALARY) == SALARY  # English as stored
    assert in_language("km", lambda: explanation_text(SALARY)) == \
        "$710.00 សម្រាប់ពេញមួយខែ (25 ក្នុងចំណោម 25 ថ្ងៃធ្វើការ)"
    assert in_language("fr", lambda: explanation_text("$7.00 a month ÷ 27 working days × 11 days paid")) == \
        "$7.00 par mois ÷ 27 jours ouvrés × 11 jours payés"
    # a reason typed by a manager, and a word inside another, stay as written
    assert in_language("fr", lambda: explanation_text("Bonus for the taxi days")) == "Bonus for the taxi jours"
    assert in_language("fr", lambda: explanation_text("")) == ""


def test_every_explanation_of_a_computed_payslip_reads_without_english(manager):  # noqa: F811
    # a supervisor at the NSSF ceiling with dependants and tax, and a worker hired mid-month
    hire(manager, "E002", D(2020, 3, 1), "monthly", "700", job="supervisor", dependants=2)
    hire(manager, "E003", D(2026, 3, 20), "monthly", "210")
    timesheets.quick_fill(manager, "2026-03")
    run = payroll_run.compute_draft(manager, "2026-03", 4050)
    assert run is not None
    english = set()
    for code in ("E002", "E003"):
        slip_id = slip(D(2026, 3, 1), code).id
        for line in in_language("km", lambda: payroll_docs.payslip_lines(manager, slip_id)):
            english |= set(re.findall(r"[A-Za-z]{2,}", line.explanation)) - {"KHR", "h"}
    assert not english, f"English left in Khmer explanations: {sorted(english)}"
