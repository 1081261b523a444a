"""Draw a fillable (AcroForm) PDF return from a ReturnSpec with reportlab: a ruled table, the
criteria as page text, check boxes (or radio buttons) for the options and text fields holding
the evidence and actions, as online form builders and Acrobat "Prepare form" make them."""

from __future__ import annotations

from pathlib import Path

from gen.build import _ordered
from gen.spec import ReturnSpec
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from mappings.toolkits import load_toolkit

OPTIONS = {
    "wt2023": [("yes", "Yes"), ("no", "No"), ("partial", "Partial")],
    "gp2014": [("not_met", "Not met"), ("partially_met", "Partially met"),
               ("fully_met", "Fully met")],
}
HEADS = {
    "wt2023": ("Compliance Criteria", "Describe how your organisation is assured that this "
               "standard is met.", "Provide details on plans to meet or improve these criteria."),
    "gp2014": ("Areas of compliance", "Actual Evidence", "Action required. Timescale"),
}
FONT, SIZE = "Helvetica", 8
LINE = 10


def wrap(text: str, width: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if stringWidth(trial, FONT, SIZE) > width - 6 and current:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


def ruled_row(c: Canvas, left: float, y: float, widths: list[float], cells: list[str], *,
              bold: bool = False, shade: bool = False, min_lines: int = 1) -> float:
    """Draw one table row at `y` (its top): shading, wrapped cell text, its rules. Returns
    its height; `min_lines` makes room for form fields drawn over it."""
    lines = [wrap(text, w) for text, w in zip(cells, widths, strict=True)]
    height = max(min_lines, *(len(x) for x in lines)) * LINE + 6
    if shade:
        c.setFillGray(0.85)
        c.rect(left, y - height, sum(widths), height, stroke=0, fill=1)
        c.setFillGray(0)
    c.setFont("Helvetica-Bold" if bold else FONT, SIZE)
    x = left
    for text_lines, width in zip(lines, widths, strict=True):
        for n, line in enumerate(text_lines):
            c.drawString(x + 3, y - 10 - n * LINE, line)
        x += width
    c.setLineWidth(0.5)
    c.rect(left, y - height, sum(widths), height)
    x = left
    for width in widths[:-1]:
        x += width
        c.line(x, y, x, y - height)
    return height


def build_acroform(rs: ReturnSpec, path: Path, radio: bool = False) -> None:
    """One table row per criterion; option cells hold a check box or radio button each."""
    tk = load_toolkit(rs.toolkit)
    page_w, page_h = landscape(A4)
    c = Canvas(str(path), pagesize=(page_w, page_h), invariant=1)
    c.setTitle(f"{tk.title}: {rs.organisation}")
    options = OPTIONS[rs.toolkit]
    crit_head, ev_head, act_head = HEADS[rs.toolkit]
    widths = [40, 240] + [52] * len(options) + [190, 150]
    heads = ["No.", crit_head] + [label for _, label in options] + [ev_head, act_head]
    left, top, bottom = 30, page_h - 40, 40
    y = top

    def header_row() -> float:
        return ruled_row(c, left, y, widths, heads, bold=True, shade=True)

    c.setFont("Helvetica-Bold", 12)
    c.drawString(left, y, f"{tk.title}")
    c.setFont(FONT, 9)
    y -= 16
    for label, value in (("Organisation", rs.organisation), ("Completed by", rs.completed_by),
                         ("Date completed", rs.date)):
        c.drawString(left, y, f"{label}: {value}")
        y -= 12
    y -= 8
    y -= header_row()
    field = 0
    for section in tk.sections:
        if section.items[0].kind == "text":
            continue
        for item in _ordered(section.items, rs):
            s = rs.items[item.id]
            if s.delete:
                continue
            number = item.id if s.number is None else s.number
            cells = [number, s.text or item.text] + [""] * (len(widths) - 2)
            fields = max(len(wrap(s.evidence, widths[-2])), len(wrap(s.actions, widths[-1])))
            height = max(len(wrap(cells[1], widths[1])), fields, 1) * LINE + 6
            if y - height < bottom:
                c.showPage()
                y = top
                y -= header_row()
            ruled_row(c, left, y, widths, cells, min_lines=fields)
            x = left + widths[0] + widths[1]
            chosen = {s.answer, s.second} - {None}
            for oid, _label in options:
                field += 1
                bx, by = x + widths[2] / 2 - 6, y - 18
                if radio:
                    c.acroForm.radio(name=f"r{item.id}", value=oid, selected=oid in chosen,
                                     x=bx, y=by, size=12, buttonStyle="circle",
                                     borderWidth=1, forceBorder=True)
                else:
                    c.acroForm.checkbox(name=f"c{field}", checked=oid in chosen, x=bx, y=by,
                                        size=12, buttonStyle="cross", borderWidth=1)
                x += widths[2]
            for text, width in ((s.evidence, widths[-2]), (s.actions, widths[-1])):
                field += 1
                c.acroForm.textfield(name=f"t{field}", value=text, x=x + 2, y=y - height + 2,
                                     width=width - 4, height=height - 4, fontSize=7,
                                     borderWidth=0, fieldFlags="multiline")
                x += width
            y -= height
    c.save()
