"""The est2014 online audit tool's summary export, as rows: the same content for its Excel
and its PDF export, with the answer key written from it."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from mappings.toolkits import TOOLKIT_DIR, load_toolkit
from scoring.engine import display_percent

SEED = TOOLKIT_DIR / "seeds" / "est2014-essex-audit-summary.txt"
HEAD = ["", "Allocated Audits", "Status", "Score", "Grade"]


@dataclass
class Export:
    title: str
    progress: str  # "Progress: 100% Score: 91%"
    organisation: str
    rows: list[list[str]]  # section rows and item rows, under HEAD
    key: dict[str, Any]


def est_export(organisation: str, seed: int | None, misprint: str | None) -> Export:
    """`seed` None copies the seed's own figures, else draws new ones; `misprint` names a
    section whose printed score is off by 3 (a warning in the result, not an error)."""
    tk = load_toolkit("est2014")
    printed = {}
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4 and re.fullmatch(r"\d+\.\d+", cols[0]):
            printed[cols[0]] = (cols[2], float(cols[3].rstrip("%")))
    rng = random.Random(seed)
    if seed is not None:
        printed = {k: ("Complete", float(rng.choice([40, 50, 60, 75, 80, 90, 95, 100])))
                   for k in printed}
        printed["7.1"] = ("In progress", 0.0)
    means, rows = [], []
    for section in tk.sections:
        scores = [printed[i.id][1] for i in section.items]
        mean = sum(scores) / len(scores)
        shown = display_percent(mean) + (3 if section.id == misprint else 0)
        grade = next(b.name for b in tk.grades if mean >= b.min)
        means.append(mean)
        rows.append([section.id, f"{section.id}. {section.title.upper()}", "", f"{shown}%", grade])
        for item in section.items:
            status, score = printed[item.id]
            rows.append([item.id, f"{item.id} {item.text}", status, f"{score:g}%", ""])
    overall = display_percent(sum(means) / len(means))
    items = {
        item.id: {"response": "complete" if printed[item.id][0] == "Complete" else "in_progress",
                  "conflicting": False, "missing": False, "evidence": "", "actions": "",
                  "in_action_plan": None}
        for _, item in tk.all_items()
    }
    exercises = "online tool summary export: item status and printed score, section score " \
        "and grade rows" + (f"; section {misprint} misprinted" if misprint else "")
    key = {"toolkit": "est2014", "exercises": exercises,
           "organisation": {"name": organisation, "completed_by": "", "date": ""}, "items": items,
           "sections": {s.id: {"self_rating": None} for s in tk.sections}}
    return Export(f"{tk.title} Audit Summary", f"Progress: 100% Score: {overall}%", organisation,
                  rows, key)


def est_pdf(export: Export, path: Any) -> None:
    """The tool's PDF export: a ruled table, its header repeated on every page."""
    from gen.acroform import ruled_row, wrap
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(export.title)
    width, height = A4
    widths: list[float] = [36, 320, 66, 50, 62]
    left, top, bottom = 30, height - 40, 40

    def row(cells: list[str], y: float, bold: bool = False, shade: bool = False) -> float:
        return ruled_row(c, left, y, widths, cells, bold=bold, shade=shade)

    c.setFont("Helvetica-Bold", 11)
    c.drawString(left, top, export.title)
    c.setFont("Helvetica", 9)
    c.drawString(left, top - 16, export.progress)
    c.drawString(left, top - 30, f"Organisation: {export.organisation}")
    c.drawString(left, top - 44, "Allocation Date: 18-Sep-2014   Deadline Date: 30-Jan-2015")
    y = top - 60
    y -= row(HEAD, y, bold=True, shade=True)
    for cells in export.rows:
        section = "." not in cells[0]
        needed = (len(wrap(cells[1], widths[1])) or 1) * 10 + 6
        if y - needed < bottom:
            c.showPage()
            y = top
            y -= row(HEAD, y, bold=True, shade=True)
        y -= row(cells, y, bold=section)
    c.save()
