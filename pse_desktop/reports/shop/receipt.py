"""Shop receipts (80 mm roll or A4) and the Z report of a closed day. Draws plain data only."""

from __future__ import annotations

from xml.sax.saxutils import escape as esc

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..common.fonts import shape_cells, shaped_paragraph
from ...formats import format_date, format_money, format_number
from ...i18n import N_, _
from .styles import latin_style

KINDS = {"sale": N_("Sale"), "return": N_("Return"), "void": N_("Void")}


def _t(label: str, style, **values):
    """A label cell in the reader's language, shaped (a Khmer translation needs it)."""
    return shaped_paragraph(_(label).format(**values), style)


def _money(amount: int, currency: str, style) -> Paragraph:
    """An amount cell in the reader's language ('$12.50', '12,50 $US', '41,000៛'), shaped: the
    riel sign is Khmer and Helvetica has no glyph for it."""
    return shaped_paragraph(format_money(amount, currency), style)


def _styles(small: bool):
    base = 7.5 if small else 10
    return {
        "title": latin_style("rt", base + 3, bold=True, alignment=1, leading=(base + 3) * 1.4),
        "center": latin_style("rc", base, alignment=1, leading=base * 1.4),
        "body": latin_style("rb", base, leading=base * 1.4),
        "amount": latin_style("ra", base, leading=base * 1.4, alignment=2),
        "total": latin_style("rA", base, bold=True, leading=base * 1.4, alignment=2),
        "size": base,
    }


def receipt_story(data, small: bool) -> list:
    """The flowables of one receipt; ``data`` is a services.shop_docs.Receipt."""
    s = data.sale
    st = _styles(small)
    cur = s.currency
    story = [shaped_paragraph(data.org_name, st["title"]),
             shaped_paragraph(f"{s.location_name} ({s.location_code})", st["center"])]
    title = f"{_(KINDS[s.kind])} {s.location_code}-{s.number}"
    if s.original_number:
        title += " " + _("(of sale {n})").format(n=s.original_number)
    story.append(shaped_paragraph(title, latin_style("rk", st["size"], bold=True, alignment=1)))
    when = f"{s.at:%d/%m/%Y %H:%M}" + (f" - {esc(s.cashier)}" if s.cashier else "")
    story.append(Paragraph(when, st["center"]))
    if s.reason:
        story.append(_t(N_("Reason: {reason}"), st["body"], reason=s.reason))
    story.append(Spacer(1, 2 * mm))
    head = latin_style("rh", st["size"], bold=True)
    rows = [[_t(N_("Item"), head), _t(N_("Qty"), head), _t(N_("Amount"), head)]]
    for code, name, qty, unit, disc, amount in s.lines:
        label = f"{code} @ {format_money(unit, cur)}"
        if disc:
            label += ", " + _("discount {amount}").format(amount=format_money(disc, cur))
        rows.append([[shaped_paragraph(name, st["body"]), shaped_paragraph(label, st["body"])],
                     str(qty), _money(amount, cur, st["amount"])])
    width = (80 - 8) * mm if small else 170 * mm
    table = Table(shape_cells(rows, bold_rows=()), colWidths=[width * 0.58, width * 0.12, width * 0.30])
    table.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), st["size"]),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
    ]))
    story.append(table)
    totals = []
    if s.discount:
        totals.append([_t(N_("Subtotal"), st["body"]), _money(s.subtotal, cur, st["amount"])])
        totals.append([_t(N_("Discount"), st["body"]), _money(-s.discount, cur, st["amount"])])
    total_row = len(totals)
    totals.append([_t(N_("TOTAL"), latin_style("rT", st["size"], bold=True)),
                   _money(s.total, cur, st["total"])])
    for c in ("USD", "KHR", "EUR"):
        if s.paid[c]:
            totals.append([_t(N_("Paid {currency}"), st["body"], currency=c),
                           _money(s.paid[c], c, st["amount"])])
    for c in ("USD", "KHR", "EUR"):
        if s.change[c]:
            label = N_("Refund {currency}") if s.kind != "sale" else N_("Change {currency}")
            totals.append([_t(label, st["body"], currency=c), _money(s.change[c], c, st["amount"])])
    tt = Table(shape_cells(totals, bold_rows=()), colWidths=[width * 0.55, width * 0.45])
    tt.setStyle(TableStyle([
        ("FONTSIZE", (0, 0), (-1, -1), st["size"]),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black),
        ("FONTNAME", (0, total_row), (-1, total_row), "Helvetica-Bold"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
    ]))
    story.append(tt)
    story.append(Spacer(1, 2 * mm))
    rate = (_("Rate: $1 = EUR {rate}").format(rate=format_number(s.eur_per_usd_milli / 1000, 3))
            if cur == "EUR" else
            _("Rate: $1 = {rate} riel").format(rate=format_number(s.khr_per_usd, 0)))
    story.append(shaped_paragraph(rate, st["center"]))
    if data.footer:
        story.append(shaped_paragraph(data.footer, st["center"]))
    return story


def render_receipt(data, out, paper: str = "80mm") -> None:
    """Write a receipt PDF: ``paper`` '80mm' (roll, height fitted) or 'A4'."""
    small = paper == "80mm"
    if small:
        height = (95 + 11 * len(data.sale.lines)) * mm
        size = (80 * mm, height)
        margins = dict(leftMargin=4 * mm, rightMargin=4 * mm, topMargin=4 * mm,
                       bottomMargin=4 * mm)
    else:
        size = A4
        margins = dict(leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                       bottomMargin=20 * mm)
    doc = SimpleDocTemplate(str(out), pagesize=size, title=_("Receipt"), **margins)
    doc.build(receipt_story(data, small))


def render_z_report(z, out) -> None:
    """Write the Z report of a closed day on A4; ``z`` is a services.shop_close.ZReport."""
    t = z.totals
    st = _styles(False)
    cur = t.currency
    story = [shaped_paragraph(z.org_name, st["title"]),
             shaped_paragraph(_("Z report - {name} ({code}) - {day}").format(
                 name=t.location_name, code=t.location_code, day=format_date(t.day, "full")),
                 latin_style("rz", 10, bold=True, alignment=1)),
             _t(N_("Closed {when:%d/%m/%Y %H:%M} by {who}"), st["center"], when=z.closed_at,
                who=z.closed_by),
             Spacer(1, 5 * mm)]
    numbers = (_("{first} to {last}").format(first=t.first_number, last=t.last_number)
               if t.first_number else _("none"))
    amount = st["amount"]
    summary = [(N_("Records (numbers)"), numbers),
               (N_("Sales"), str(t.sales_count)), (N_("Returns"), str(t.returns_count)),
               (N_("Voids"), str(t.voids_count)), (N_("Pieces (net)"), str(t.items)),
               (N_("Sales total"), _money(t.gross, cur, amount)),
               (N_("Returns and voids"), _money(t.refunds, cur, amount)),
               (N_("Discounts given"), _money(t.discount, cur, amount)),
               (N_("Net sales"), _money(t.net, cur, amount))]
    summary = [[_t(label, st["body"]), value] for label, value in summary]
    story.append(_grid(summary, [80 * mm, 60 * mm]))
    story.append(Spacer(1, 5 * mm))
    head = latin_style("zh", 9, bold=True)
    cash = [[_t(N_("Cash"), head), _t(N_("Expected"), head), _t(N_("Counted"), head),
             _t(N_("Difference"), head)]]
    for c in ("USD", "KHR", "EUR"):
        if t.expected[c] or z.counted[c]:
            cash.append([c, _money(t.expected[c], c, amount), _money(z.counted[c], c, amount),
                         _money(z.difference[c], c, amount)])
    story.append(_grid(cash, [30 * mm, 45 * mm, 45 * mm, 45 * mm], header=True))
    if z.note:
        story.append(Spacer(1, 3 * mm))
        story.append(_t(N_("Note: {note}"), st["body"], note=z.note))
    story.append(Spacer(1, 5 * mm))
    rows = [[_t(N_("Code"), head), _t(N_("Product"), head), _t(N_("Pieces"), head),
             _t(N_("Amount"), head)]]
    rows += [[code, shaped_paragraph(name, st["body"]), str(qty), _money(value, cur, amount)]
             for code, name, qty, value in z.by_product]
    story.append(_grid(rows, [30 * mm, 85 * mm, 20 * mm, 35 * mm], header=True))
    story.append(Spacer(1, 12 * mm))
    story.append(_t(N_("Signature of the cashier: ______________________     "
                       "Checked by: ______________________"), st["body"]))
    SimpleDocTemplate(str(out), pagesize=A4, title=_("Z report"), leftMargin=20 * mm,
                      rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm).build(story)


def _grid(rows, widths, header: bool = False) -> Table:
    table = Table(shape_cells(rows, bold_rows=(0,) if header else ()), colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONTSIZE", (0, 0), (-1, -1), 9), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
             ("ALIGN", (-1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style += [("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                  ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    table.setStyle(TableStyle(style))
    return table
