"""Workbook returns in the habits spreadsheets pick up: one response column holding typed
scores, long labels, abbreviations under the column's own header, numbers stored as text,
colours from conditional formatting or fills alone, a score column of formulas with cached
values, last cycle's answers in a hidden column; or option columns marked by a word's font or
by crosses against the options not chosen. Built from a ReturnSpec like every sample.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from gen.build import FILLS, _ordered
from gen.habit_docx import ABBREV, LABELS, LONG, SCORES
from gen.habit_marks import CROSS, chosen_of
from gen.spec import ItemSpec, ReturnSpec
from gen.workbook import HEAD_FILL, HEADERS, Book, crit, header_block, new_book, number, save, widths
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill

from mappings.toolkits.schema import Toolkit

WORDS = {"yes": "Yes", "no": "No", "partial": "Partial", "fully_met": "Fully met",
         "partially_met": "Partially met", "not_met": "Not met", "blue": "Blue", "green": "Green",
         "amber": "Amber", "red": "Red", "na": "N/A"}
RESPONSE_COLUMN = {"words", "score", "score_text", "long", "abbrev", "cf_rag", "fills", "formula",
                   "hidden_last"}
OPTION_COLUMNS = {"font_red", "font_bold", "cross_others", "word_x"}
LAST_CYCLE = {"yes": "partial", "partial": "no", "no": "partial", "fully_met": "partially_met",
              "partially_met": "not_met", "not_met": "partially_met", "blue": "green",
              "green": "amber", "amber": "red", "red": "amber"}


def value(habit: str, answer: str | None) -> Any:
    """The response cell's value for an answer under `habit`."""
    if answer is None or habit == "fills":
        return None
    if answer == "na":
        return "N/A"
    if habit == "score":
        return int(SCORES[answer])
    if habit == "score_text":
        return SCORES[answer]
    if habit == "long":
        return LONG[answer]
    if habit == "abbrev":
        return ABBREV[answer]
    return WORDS[answer]


def header(rs: ReturnSpec, habit: str) -> str:
    options = [o for o, _ in LABELS[rs.toolkit]]
    if habit in ("score", "score_text"):
        return "Score (" + "/".join(SCORES[o] for o in options) + ")"
    if habit == "abbrev":
        return "/".join(ABBREV[o] for o in options)
    return {"wt2023": "Yes/No/Partial?", "gp2014": "Rating"}.get(rs.toolkit, "Current Rating")


def response_column(rs: ReturnSpec, tk: Toolkit, habit: str, layout: tuple[str, ...]) -> tuple[Book, dict[str, Any]]:
    """One row per criterion, one response column; returns the book and the formula cells'
    cached values (openpyxl writes formulas without them)."""
    book = new_book()
    ws = book.wb.active
    assert ws is not None
    ws.title = "Self-assessment"
    header_block(ws, rs, tk.title)
    crit_head, ev_head, act_head = HEADERS[rs.toolkit]
    wt = rs.toolkit == "wt2023"
    cols = ["ref", "criterion", "answer", "evidence", "actions"] + (["plan"] if wt else [])
    if habit == "hidden_last":
        cols.insert(2, "last")
    if habit == "formula":
        cols.insert(3, "score")
    if "reorder" in layout:
        cols.remove("answer")
        cols.insert(cols.index("evidence") + 1, "answer")
    if "own_columns" in layout:
        cols.insert(cols.index("actions") + 1, "lead")
    names = {"ref": "Ref", "criterion": crit_head, "answer": header(rs, habit), "evidence": ev_head,
             "actions": act_head, "plan": "Included in action plan?", "last": "2023/24 rating",
             "score": "Score", "lead": "Lead officer"}
    ws.append([names[c] for c in cols])
    for cell in ws[ws.max_row]:
        cell.fill, cell.font = HEAD_FILL, Font(bold=True)
    letter = {c: chr(ord("A") + n) for n, c in enumerate(cols)}
    cached: dict[str, Any] = {}
    first = ws.max_row + 1
    for section in tk.sections:
        if section.items[0].kind == "text":
            continue
        ws.append([section.id, section.title])
        ws.cell(ws.max_row, 2).font = Font(bold=True)
        for n, item in enumerate(_ordered(section.items, rs)):
            s = rs.items[item.id]
            if s.delete:
                continue
            row = ws.max_row + 1
            cells = _cells(rs, s, habit, number(item, s), crit(item, s))
            if habit == "formula":
                a = f"{letter['answer']}{row}"
                words = [WORDS[o] for o, _ in LABELS[rs.toolkit]]
                nested = "0"
                for w in reversed(words):
                    nested = f'IF({a}="{w}",{SCORES[_option(rs, w)]},{nested})'
                cells["score"] = f'=IF({a}="","",{nested})'
                cached[f"{letter['score']}{row}"] = SCORES.get(s.answer or "", "")
            ws.append([cells.get(c) for c in cols])
            if habit == "fills" and s.answer and s.answer != "na":
                ws.cell(row, cols.index("answer") + 1).fill = PatternFill("solid", fgColor=FILLS[s.answer])
            if "own_rows" in layout and n == 1:
                ws.append([f"{section.id}.L", "Local addition: volunteers sign the code of conduct",
                           value(habit, LABELS[rs.toolkit][0][0]) if habit != "fills" else None,
                           "Signed codes held by the coordinator."])
    last = ws.max_row
    if habit == "cf_rag":
        col = letter["answer"]
        for oid, _ in LABELS[rs.toolkit]:
            ws.conditional_formatting.add(
                f"{col}{first}:{col}{last}",
                CellIsRule(operator="equal", formula=[f'"{WORDS[oid]}"'],
                           fill=PatternFill("solid", bgColor=FILLS[oid])))
    if habit == "hidden_last":
        ws.column_dimensions[letter["last"]].hidden = True
    widths(ws, {letter["criterion"]: 60, letter["evidence"]: 45, letter["actions"]: 40})
    wrap(ws)
    text_sheet(book, rs, tk)
    return book, cached


def _option(rs: ReturnSpec, word: str) -> str:
    return next(o for o, w in WORDS.items() if w == word and o in dict(LABELS[rs.toolkit]))


def _cells(rs: ReturnSpec, s: ItemSpec, habit: str, ref: str, text: str) -> dict[str, Any]:
    answer = value("words" if habit in ("cf_rag", "formula", "hidden_last") else habit, s.answer)
    if s.second and answer is not None:
        answer = f"{answer} / {value(habit, s.second)}"
    return {"ref": ref, "criterion": text, "answer": answer, "evidence": s.evidence,
            "actions": s.actions, "plan": s.in_plan, "lead": "Safeguarding Lead" if s.actions else "",
            "last": WORDS[LAST_CYCLE.get(s.answer or "", LABELS[rs.toolkit][1][0])]}


def option_columns(rs: ReturnSpec, tk: Toolkit, habit: str) -> Book:
    """One column per option holding the template's word; the person marks one by its font,
    an x beside it, or crosses out the others' cells with a cross."""
    book = new_book()
    ws = book.wb.active
    assert ws is not None
    ws.title = "Audit"
    header_block(ws, rs, tk.title)
    crit_head, ev_head, act_head = HEADERS[rs.toolkit]
    labels = LABELS[rs.toolkit]
    ws.append(["No.", crit_head, *[lbl for _, lbl in labels], ev_head, act_head])
    for cell in ws[ws.max_row]:
        cell.fill, cell.font = HEAD_FILL, Font(bold=True)
    for section in tk.sections:
        if section.items[0].kind == "text":
            continue
        ws.append([section.id, section.title])
        for item in _ordered(section.items, rs):
            s = rs.items[item.id]
            if s.delete:
                continue
            chosen = chosen_of(s)
            marks: list[Any] = []
            for oid, label in labels:
                if habit == "cross_others":
                    marks.append(None if oid in chosen or not chosen else CROSS)
                elif habit == "word_x":
                    marks.append(f"{label} x" if oid in chosen else label)
                else:
                    marks.append(label)
            ws.append([number(item, s), crit(item, s), *marks, s.evidence, s.actions])
            row = ws.max_row
            for k, (oid, _) in enumerate(labels):
                on = oid in chosen or s.alike
                if habit == "font_red" and on:
                    ws.cell(row, 3 + k).font = Font(color="FF0000")
                if habit == "font_bold" and on:
                    ws.cell(row, 3 + k).font = Font(bold=True)
    widths(ws, {"B": 60, "C": 12, "D": 12, "E": 12, "F": 12, "G": 45, "H": 40})
    wrap(ws)
    text_sheet(book, rs, tk)
    return book


def wrap(ws: Any) -> None:
    """Long text wraps in its cell, as the template sets it."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 30:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def text_sheet(book: Book, rs: ReturnSpec, tk: Toolkit) -> None:
    """wt2023's free-text questions (part 6) on a sheet of their own."""
    texts = [s for s in tk.sections if s.items[0].kind == "text"]
    if not texts:
        return
    ws = book.wb.create_sheet("Part 6")
    for section in texts:
        ws.append([section.id, section.title])
        ws.append(["No.", "Question", "Response"])
        for item in section.items:
            s = rs.items[item.id]
            if not s.delete:
                ws.append([number(item, s), crit(item, s), s.evidence])
    widths(ws, {"B": 60, "C": 60})
    wrap(ws)


def save_cached(book: Book, path: Path, cached: dict[str, Any]) -> None:
    """Save, then write each formula's cached value as Excel would have stored it."""
    save(book, path)
    if not cached:
        return
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
        infos = {i.filename: i for i in zf.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode()

    def fill(m: re.Match[str]) -> str:
        ref, formula = m.group(1), m.group(2)
        got = cached.get(ref, "")
        if got == "":
            return f'<c r="{ref}" t="str"><f>{formula}</f><v></v></c>'
        return f'<c r="{ref}"><f>{formula}</f><v>{got}</v></c>'

    xml = re.sub(r'<c r="([A-Z]+\d+)"[^>]*><f>(.*?)</f>(?:<v\s*/>|<v></v>)?</c>', fill, xml)
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in sorted(parts):
            out.writestr(infos[name], parts[name], zipfile.ZIP_DEFLATED)

