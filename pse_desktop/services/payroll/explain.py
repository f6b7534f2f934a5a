"""A payslip line's explanation in the reader's language.

The explanation is written when the payroll is computed ("$710.00 for the full month (25 of 25
working days)") and stored with the line, which a final payroll never changes; it is read by a
seamstress in Khmer, a manager in French. Its figures are language-neutral; its words are the
fixed phrases below, so the reader's copy swaps each phrase for its translation. A phrase not in
the list (a reason typed by a manager) stays as written.
"""

from __future__ import annotations

import re

from ...i18n import N_, _, language

#: Every phrase calc.py writes into an explanation, the longest first where one holds another.
PHRASES = (
    N_("Salary advance repaid this month"), N_("not employed for the full month"), N_("tax-free seniority payment"),
    N_("No absence this month"), N_("for the full month"), N_("months of service"),
    N_("years of service"), N_("year of service"), N_("minimum wage"), N_("working days"),
    N_("unpaid days"), N_("unpaid day"), N_("days paid"), N_("NSSF pension"), N_("NSSF base"),
    N_("Not paid"), N_("a month"), N_("Taxable"), N_("dependants"), N_("dependant"),
    N_("ceiling"), N_("floor"), N_("gross"), N_("pieces"), N_("days"), N_("tax"), N_("riel"),
)
#: "25 of 25": the word between two numbers.
OF = N_("of")


#: The phrases (the longest first, whole words only) and the "of" between two numbers.
_PATTERN = re.compile(
    r"(?<![A-Za-z])(" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True))
    + r")(?![A-Za-z])|(?<=\d) of (?=\d)")


def explanation_text(text: str) -> str:
    """``text`` with its fixed phrases in the current language (as it is in English)."""
    if not text or language() == "en":
        return text

    def swap(match: re.Match) -> str:
        return _(match.group(1)) if match.group(1) else f" {_(OF)} "

    return _PATTERN.sub(swap, text)
