"""The social team's papers: the blank survey to fill during a visit (Khmer with English, in the
form's order), the receipt of an emergency support payment (to sign or thumbprint: the reader's
language with the Khmer beside it), and the family file for a case conference. They draw plain data built by the services."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import paragraph_style, shaped_paragraph
from ..common.labels import both
from ...formats import format_date
from ...i18n import N_, _, ngettext
from ...services.centres.rules import PROGRAMMES, relation_label

GRID = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]
SCALE = {1: "1 critical", 2: "2 difficult", 3: "3 fair", 4: "4 good"}
LEVEL_NAMES = {"urgent": N_("Urgent"), "high": N_("High"), "medium": N_("Medium"),
               "low": N_("Low")}


def _styles():
    return {"title": paragraph_style("STitle", 14, bold=True),
            "h2": paragraph_style("SH2", 11, bold=True, leading=16),
            "body": paragraph_style("SBody", 9.5, leading=15),
            "small": paragraph_style("SSmall", 8, leading=13),
            "cell": paragraph_style("SCell", 8.5, leading=13)}


def _doc(out: Path, title: str, pagesize=A4):
    return SimpleDocTemplate(str(out), pagesize=pagesize, leftMargin=12 * mm,
                             rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
                             title=title)


def render_blank_survey(sections, org: str, out: str | Path) -> Path:
    """Sections as ``services.social.survey.BLANK_SECTIONS``: (title pair, rows, field pairs)."""
    out = Path(out)
    s = _styles()
    story = [shaped_paragraph(f"{org} - ការស្ទង់មតិសង្គមកិច្ច / Social survey", s["title"]),
             shaped_paragraph("គ្រួសារ / Family: ______________  "
                              "កាលបរិច្ឆេទ / Date: ____ / ____ / ______", s["body"]),
             Spacer(1, 3 * mm)]
    width = 186 * mm
    for (en, km), rows, fields in sections:
        head = shaped_paragraph(f"{km} / {en}", s["h2"])
        labels = [[shaped_paragraph(f_km, s["cell"]), shaped_paragraph(f_en, s["cell"])]
                  for f_en, f_km in fields]
        if rows > 1:  # a table: one column per field, blank lines below
            col = width / len(fields)
            table = Table([labels] + [[""] * len(fields) for _ in range(rows)],
                          colWidths=[col] * len(fields), rowHeights=[None] + [9 * mm] * rows)
        else:  # one field a line, the answer beside it
            table = Table([[label, ""] for label in labels], colWidths=[70 * mm, width - 70 * mm],
                          rowHeights=[10 * mm] * len(labels))
        table.setStyle(TableStyle(GRID if rows > 1 else GRID[:3]))
        story.append(KeepTogether([head, table, Spacer(1, 3 * mm)]))
    story.append(shaped_paragraph("ហត្ថលេខាបុគ្គលិកសង្គមកិច្ច / Social worker's signature: "
                                  "____________________", s["body"]))
    _doc(out, "Social survey").build(story)
    return out


def render_receipt(receipt, out: str | Path) -> Path:
    """A5 receipt of one instalment: ``receipt`` has org, family_code, guardian_km,
    guardian_latin, kind, amount_text, number, payments, paid_on, receipt_no, paid_by."""
    out = Path(out)
    s = _styles()
    r = receipt
    rows = [
        [N_("Receipt no."), r.receipt_no],
        [N_("Date"), format_date(r.paid_on, "long")],
        [N_("Family"), r.family_code],
        [N_("Received by"), f"{r.guardian_km} {r.received_by}".strip()],
        [N_("Support"), r.kind],
        [N_("Amount"), r.amount_text],
        [N_("Instalment"), f"{r.number} / {r.payments}"],
        [N_("Handed over by"), r.paid_by],
    ]
    table = Table([[shaped_paragraph(both(a), s["cell"]), shaped_paragraph(str(b), s["body"])]
                   for a, b in rows], colWidths=[45 * mm, 78 * mm])
    table.setStyle(TableStyle(GRID[:3]))
    sign = Table([[shaped_paragraph(both(N_("Signature or thumbprint of the person receiving")),
                                    s["cell"]),
                   shaped_paragraph(both(N_("Staff signature")), s["cell"])],
                  ["", ""]], colWidths=[62 * mm, 61 * mm], rowHeights=[None, 30 * mm])
    sign.setStyle(TableStyle(GRID[:3]))
    story = [shaped_paragraph(f"{r.org}", s["h2"]),
             shaped_paragraph(both(N_("Emergency support receipt")), s["title"]),
             Spacer(1, 3 * mm), table, Spacer(1, 5 * mm), sign]
    doc = SimpleDocTemplate(str(out), pagesize=A5, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=10 * mm, bottomMargin=10 * mm, title=_("Support receipt"))
    doc.build(story)
    return out


def _table(rows, widths, s):
    table = Table([[shaped_paragraph(str(c), s["cell"]) if not hasattr(c, "wrap") else c
                    for c in row] for row in rows], colWidths=[w * mm for w in widths],
                  repeatRows=1)
    table.setStyle(TableStyle(GRID))
    return table


def render_family_file(f, org: str, out: str | Path) -> Path:
    """The family file (``services.social.reports.FamilyFile``) for a case conference, in the
    language of the person who prints it."""
    out = Path(out)
    s = _styles()
    fam = f.family
    guardians = "; ".join(f"{g.name_km} {g.name_latin} ({relation_label(g.relation)})".strip()
                          for g in fam.guardians)
    title = _("Family file {code}").format(code=fam.code)
    story = [shaped_paragraph(f"{org} - {title}", s["title"]),
             shaped_paragraph(_("Guardians: {names}").format(names=guardians or "-"), s["body"]),
             shaped_paragraph(_("Village: {village}. Address: {address}. Phone: {phone}").format(
                 village=fam.village or "-", address=fam.address or "-", phone=fam.phone or "-"),
                 s["body"]),
             shaped_paragraph(_("Social worker: {worker}. Printed {day} by {who}. Confidential.")
                              .format(worker=f.worker or _("none"),
                                      day=format_date(f.printed_on, "long"), who=f.printed_by),
                              s["small"]),
             Spacer(1, 3 * mm)]
    p = f.priority
    story.append(shaped_paragraph(_("Priority"), s["h2"]))
    if p is None:
        story.append(shaped_paragraph(_("No survey yet."), s["body"]))
    else:
        text = _("Level: {level} (score {score})").format(level=_level(p.level).upper(),
                                                          score=p.score)
        if p.override_level:
            text += " - " + _("set by hand from {level}: {reason}").format(
                level=_level(p.computed_level), reason=p.override_reason)
        story.append(shaped_paragraph(text, s["body"]))
        for r in p.reasons:
            story.append(shaped_paragraph(f"- {r.label}" + (f" (+{r.points})" if r.points else ""),
                                          s["small"]))
    sv = f.survey
    story += [Spacer(1, 2 * mm), shaped_paragraph(_("Household"), s["h2"])]
    if sv.members:
        rows = [[_("Name"), _("Relation"), _("Age"), _("Occupation"), _("Income KHR/month"),
                 _("Notes")]]
        rows += [[m.name, m.relation, m.age, m.occupation, f"{m.income_khr:,}",
                  ", ".join(n for n, on in ((_("chronic illness"), m.chronic_illness),
                                            (_("disability"), m.disability),
                                            (_("in school"), m.in_school)) if on)]
                 for m in sv.members]
        story.append(_table(rows, (45, 22, 12, 35, 28, 44), s))
        story.append(shaped_paragraph(ngettext(
            "Household income KHR {income} a month; debt repayments KHR {repay} a month "
            "({n} debt).",
            "Household income KHR {income} a month; debt repayments KHR {repay} a month "
            "({n} debts).", len(sv.debts)).format(
                income=f"{sv.household_income_khr:,}", repay=f"{sv.repayments_khr:,}",
                n=len(sv.debts)), s["small"]))
    else:
        story.append(shaped_paragraph(_("Not surveyed yet."), s["body"]))
    if sv.housing:
        h = sv.housing
        risks = ", ".join(n for n, on in ((_("flood risk"), h["flood_risk"]),
                                          (_("fire risk"), h["fire_risk"]),
                                          (_("no water"), not h["water"]),
                                          (_("no toilet"), not h["toilet"]),
                                          (_("no electricity"), not h["electricity"])) if on)
        story.append(shaped_paragraph(
            _("Housing: {tenure}, roof {roof}, walls {walls}; {risks}").format(
                tenure=_word(h["tenure"]), roof=_word(h["roof"]), walls=_word(h["walls"]),
                risks=risks), s["small"]))
    if sv.protection_notes:
        story.append(shaped_paragraph(_("Protection notes: {notes}").format(
            notes=sv.protection_notes), s["small"]))
    if sv.case_notes:
        story.append(shaped_paragraph(_("Case notes: {notes}").format(notes=sv.case_notes),
                                      s["small"]))
    story += [Spacer(1, 2 * mm), shaped_paragraph(_("Assessments"), s["h2"])]
    if f.assessments:
        rows = [[_("Date"), _("Visited by"), _("Income"), _("Housing"), _("Health"),
                 _("Education"), _("Protection")]]
        for a in f.assessments:
            rows.append([format_date(a.visited_on), a.visitor] + [
                f"{a.scores[d]} {_word(a.trend[d], '')}".strip() for d in
                ("income", "housing", "health", "education", "protection")])
        story.append(_table(rows, (24, 34, 25, 25, 25, 25, 28), s))
        last = f.assessments[0]
        if last.decisions:
            story.append(shaped_paragraph(_("Last decisions: {decisions}").format(
                decisions=last.decisions), s["small"]))
    else:
        story.append(shaped_paragraph(_("None yet."), s["body"]))
    story += [Spacer(1, 2 * mm), shaped_paragraph(_("Emergency support"), s["h2"])]
    if f.support:
        rows = [[_("Requested"), _("Kind"), _("Amount"), _("Status"), _("Paid"), _("Why")]]
        rows += [[format_date(r.requested_on), r.kind_label, r.total_text, _word(r.state),
                  f"{r.paid}/{r.payments}", r.why] for r in f.support]
        story.append(_table(rows, (24, 20, 28, 20, 14, 80), s))
    else:
        story.append(shaped_paragraph(_("None."), s["body"]))
    story += [Spacer(1, 2 * mm),
              shaped_paragraph(_("Children (attendance over 12 months)"), s["h2"])]
    if f.children:
        rows = [[_("Code"), _("Name"), _("Centre"), _("Programme"), _("Attendance")]]
        rows += [[c.code, f"{c.name_km} {c.name_latin}".strip(), c.centre,
                  _(PROGRAMMES[c.programme]) if c.programme in PROGRAMMES else c.programme,
                  "-" if c.rate is None else f"{c.rate:.0f}%"] for c in f.children]
        story.append(_table(rows, (26, 70, 20, 30, 40), s))
    _doc(out, title).build(story)
    return out


def _word(value: str, empty: str = "-") -> str:
    """A word stored in English (a state, a material) in the reader's language."""
    return _(value) if value else empty


def _level(level: str) -> str:
    """A priority level's name in the reader's language ("High", "Haute")."""
    return _(LEVEL_NAMES.get(level, level)) if level else "-"
