"""Four more boards' blank forms (Word, Excel, and the Word blank as LibreOffice exports it to
PDF), completed returns and answer keys: `python samples/make_board_samples.py` writes
templates/boards/<board>/ (see gen/boards.py for the boards and their shapes)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from gen import boards as bd  # noqa: E402
from gen.ooxml import box, p, paras, r, tbl, tc, tr  # noqa: E402
from gen.worddoc import write_docx  # noqa: E402
from gen.workbook import new_book, save  # noqa: E402
from make_pdf_samples import export  # noqa: E402
from openpyxl.styles import Alignment, Font, PatternFill  # noqa: E402
from openpyxl.worksheet.datavalidation import DataValidation  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

OUT = HERE.parent / "templates" / "boards"
RAG_FILLS = {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050"}
GREY = "D9D9D9"


def headers(board: bd.Board, boxes: bool) -> list[str]:
    """The criteria table's column names, as the form prints them."""
    middle = board.labels if boxes else [board.rating_header or "Rating"]
    guidance = [board.guidance_header] if board.guidance_header else []
    return ["No.", "Criterion", *guidance, *middle, board.evidence_header, board.action_header]


def _values(rs: bd.BoardReturn) -> list[str]:
    return [rs.organisation, rs.completed_by, rs.date]


# -- Word ---------------------------------------------------------------------------------------
def _answer_cells(rs: bd.BoardReturn, a: bd.Answer) -> list[str]:
    if rs.board.layout == "boxes":
        cells = []
        for label in rs.board.labels:
            chosen = label in (a.response, a.second)
            if rs.mechanism == "x":
                cells.append(tc(paras("X" if chosen else ""), width=800))
            else:
                cells.append(tc(p(box(rs.mechanism, chosen)), width=800))
        return cells
    if rs.mechanism == "shade" and a.response in RAG_FILLS:
        return [tc(p(), shade=RAG_FILLS[a.response], width=1200)]
    return [tc(paras(a.typed if a.response else ""), width=1200)]


def _row(rs: bd.BoardReturn, item: str, text: str) -> str:
    a = rs.answers[item]
    guidance = [tc(paras(rs.board.guidance), width=2200)] if rs.board.guidance_header else []
    return tr(tc(paras(item), width=600), tc(paras(text), width=3600), *guidance,
              *_answer_cells(rs, a), tc(paras(a.evidence), width=2800),
              tc(paras(a.actions), width=2200))


def word_blocks(rs: bd.BoardReturn) -> list[str]:
    board = rs.board
    blocks = [p(r(board.title, '<w:b/><w:sz w:val="32"/>')), *[p(r(t)) for t in board.intro]]
    blocks.append(tbl(2, *[tr(tc(paras(k), width=4000), tc(paras(v), width=6000))
                           for k, v in zip(board.header_block, _values(rs), strict=True)]))
    if board.key_table:
        blocks.append(p(r("Key to ratings", "<w:b/>")))
        blocks.append(tbl(2, *[tr(tc(paras(k), width=1200), tc(paras(v), width=8800))
                               for k, v in board.key_table]))
    names = headers(board, board.layout == "boxes")
    head = tr(*[tc(paras(h), shade=GREY) for h in names])
    ids = board.item_ids()
    if board.sections_as == "merged":
        rows = [head]
        for s, (title, _) in enumerate(board.standards):
            rows.append(tr(tc(paras(title), span=len(names), shade="BDD7EE")))
            rows += [_row(rs, item, text) for sid, item, text in ids if sid == str(s + 1)]
        blocks.append(tbl(len(names), *rows))
        return blocks
    for s, (title, _) in enumerate(board.standards):
        heading = f"{s + 1}. {title}" if board.sections_as == "heading" else title
        blocks.append(p(r(heading, "<w:b/>")))
        rows = [head, *[_row(rs, item, text) for sid, item, text in ids if sid == str(s + 1)]]
        blocks.append(tbl(len(names), *rows))
    return blocks


def build_word(rs: bd.BoardReturn, path: Path) -> None:
    write_docx(word_blocks(rs), path, rs.completed_by or "Board office")


# -- Excel --------------------------------------------------------------------------------------
def _cover(ws: Worksheet, rs: bd.BoardReturn) -> None:
    ws.append([rs.board.title])
    ws["A1"].font = Font(bold=True, size=14)
    for text in rs.board.intro:
        ws.append([text])
    for key, value in zip(rs.board.header_block, _values(rs), strict=True):
        ws.append([key, value])
    if rs.board.key_table:
        ws.append([])
        ws.append(["Key to ratings"])
        for key, value in rs.board.key_table:
            ws.append([key, value])
    ws.append([])


def _table(ws: Worksheet, rs: bd.BoardReturn, section: str | None) -> None:
    """The header row, then the criteria of `section` (None: every section, each under a title
    row: merged across the table, or bold in the first column)."""
    board = rs.board
    names = headers(board, False)
    ws.append(names)
    for cell in ws[ws.max_row]:
        cell.fill = PatternFill("solid", fgColor=GREY)
        cell.font = Font(bold=True)
    answer_col = names.index(board.rating_header or "Rating") + 1
    first = ws.max_row + 1
    for s, (title, _) in enumerate(board.standards):
        sid = str(s + 1)
        if section not in (None, sid):
            continue
        if section is None:
            ws.append([title if board.sections_as == "merged" else f"{sid}. {title}"])
            ws.cell(ws.max_row, 1).font = Font(bold=True)
            if board.sections_as == "merged":
                ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row,
                               end_column=len(names))
        for sec, item, text in board.item_ids():
            if sec != sid:
                continue
            a = rs.answers[item]
            guidance = [board.guidance] if board.guidance_header else []
            shaded = rs.mechanism == "shade" and a.response in RAG_FILLS
            typed = a.typed if a.response and not shaded else ""
            ws.append([item, text, *guidance, typed, a.evidence, a.actions])
            cell = ws.cell(ws.max_row, 2)
            cell.alignment = Alignment(wrap_text=True)
            if shaded and a.response:
                ws.cell(ws.max_row, answer_col).fill = PatternFill(
                    "solid", fgColor=RAG_FILLS[a.response])
    listed = ",".join(board.labels)
    check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    ws.add_data_validation(check)
    column = ws.cell(1, answer_col).column_letter
    check.add(f"{column}{first}:{column}{ws.max_row}")
    for letter, width in zip("ABCDEFG", [6, 60, 30, 14, 45, 40, 20], strict=False):
        ws.column_dimensions[letter].width = width


def build_excel(rs: bd.BoardReturn, path: Path) -> None:
    book = new_book()
    ws = book.wb.active
    assert ws is not None
    if rs.board.sections_as in ("sheets", "plain"):
        ws.title = "Cover"
        _cover(ws, rs)
        for s, (title, _) in enumerate(rs.board.standards):
            if rs.board.sections_as == "plain":  # the sheet's name is the section's only title
                _table(book.wb.create_sheet(title[:31]), rs, str(s + 1))
                continue
            sheet = book.wb.create_sheet(f"Standard {s + 1}")
            sheet.append([title])
            sheet["A1"].font = Font(bold=True)
            _table(sheet, rs, str(s + 1))
    else:
        ws.title = "Audit"
        _cover(ws, rs)
        _table(ws, rs, None)
    save(book, path)


# -- the returns --------------------------------------------------------------------------------
RETURNS: dict[str, list[tuple[str, int, tuple[str, str, str], str]]] = {
    "adults2019": [
        ("adults2019-hospital-typed.docx", 51,
         ("Riverside Hospitals NHS Trust", "Dr Ruth Okafor", "12/07/2019"), "typed"),
        ("adults2019-care-homes-typed.docx", 52,
         ("Meadow Care Homes", "Paul Dunn, registered manager", "19/07/2019"), "typed"),
        ("adults2019-council-typed.xlsx", 53,
         ("Greyford Borough Council", "Aisha Khan", "2019-07-22"), "typed"),
        ("adults2019-police-typed.xlsx", 54, ("Greyford Police", "DS Mark Hale", "24/07/2019"),
         "typed"),
    ],
    "schools2022": [
        ("schools2022-primary-typed.docx", 61,
         ("Oakfield Primary School", "Jo Whitley", "03/10/2022"), "typed"),
        ("schools2022-academy-shaded.docx", 62,
         ("Brook Lane Academy", "Sam Ortiz", "07/10/2022"), "shade"),
        ("schools2022-college-dropdown.xlsx", 63,
         ("St Anne's College", "Liz Barker", "2022-10-10"), "typed"),
        ("schools2022-infants-filled.xlsx", 64,
         ("Hill Top Infants", "Ken Moore", "14/10/2022"), "shade"),
    ],
    "vcs2020": [
        ("vcs2020-scouts-typed.docx", 81, ("Hartley Scout Group", "Beth Cole", "04/03/2020"),
         "typed"),
        ("vcs2020-youth-club-typed.docx", 82,
         ("Eastside Youth Club", "Dan Moss, chair", "09/03/2020"), "typed"),
        ("vcs2020-choir-dropdown.xlsx", 83, ("Children's Choir of Hartley", "Ivy Lam", "2020-03-11"),
         "typed"),
        ("vcs2020-football-dropdown.xlsx", 84,
         ("Hartley Juniors FC", "Ray Burns", "16/03/2020"), "typed"),
    ],
    "assure2021": [
        ("assure2021-community-trust-boxes.docx", 71,
         ("Northgate Community Trust", "Helen Price", "01/11/2021"), "content_control"),
        ("assure2021-hospice-x.docx", 72, ("Willow Hospice", "Tom Fenn", "05/11/2021"), "x"),
        ("assure2021-ambulance-dropdown.xlsx", 73,
         ("Coastal Ambulance Service", "Nia Jones", "2021-11-08"), "typed"),
        ("assure2021-mental-health-dropdown.xlsx", 74,
         ("Lakeside Mental Health Trust", "Omar Said", "12/11/2021"), "typed"),
    ],
}


def main() -> None:
    for board in bd.BOARDS:
        out = OUT / board.id
        (out / "returns").mkdir(parents=True, exist_ok=True)
        (out / "truth").mkdir(parents=True, exist_ok=True)
        build_word(bd.blank(board), out / f"{board.id}-blank.docx")
        build_excel(bd.blank(board), out / f"{board.id}-blank.xlsx")
        if shutil.which("soffice") is not None:  # the Word blank as LibreOffice exports it
            export(out / f"{board.id}-blank.docx", out / f"{board.id}-blank.pdf")
        key = json.dumps(bd.board_key(board), indent=2, ensure_ascii=False) + "\n"
        (out / f"{board.id}.key.json").write_text(key, encoding="utf-8")
        for name, seed, who, mechanism in RETURNS[board.id]:
            rs = bd.completed(board, name, seed, who, mechanism)
            (build_word if name.endswith(".docx") else build_excel)(rs, out / "returns" / name)
            text = json.dumps(bd.truth(rs), indent=2, ensure_ascii=False) + "\n"
            (out / "truth" / f"{name}.truth.json").write_text(text, encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
