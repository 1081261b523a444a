"""The new board's blank template and completed returns, Word and Excel, with answer keys:
`python samples/make_newboard_samples.py` writes templates/newboard/ (see gen/newboard.py)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from gen import newboard as nb  # noqa: E402
from gen.ooxml import NS, box, p, paras, r, tbl, tc, tr  # noqa: E402
from gen.worddoc import write_docx  # noqa: E402
from gen.workbook import new_book, save  # noqa: E402
from make_pdf_samples import export  # noqa: E402

OUT = HERE.parent / "templates" / "newboard"
# Word's list numbering for the standards (level 0, "1.") and their criteria (level 1, "1.1").
NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:numbering {NS}><w:abstractNum w:abstractNumId="7">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
)
SHADE = "FFFF00"


def numbered(level: int, text: str, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}{r(text, '<w:b/>' if bold else '')}</w:p>"


def option_cell(rs: nb.NewReturn, a: nb.Answer, label: str) -> str:
    chosen = label in (a.response, a.second)
    if rs.mechanism == "x":
        return tc(paras("X" if chosen else ""))
    if rs.mechanism == "shade":
        return tc(p(), shade=SHADE if chosen else None)
    return tc(p(box(rs.mechanism, chosen)))


def word_blocks(rs: nb.NewReturn) -> list[str]:
    blocks = [p(r(nb.TITLE, '<w:b/><w:sz w:val="32"/>')), *[p(r(t)) for t in nb.INTRO]]
    values = [rs.organisation, rs.completed_by, rs.date]
    blocks.append(
        tbl(
            2,
            *[
                tr(tc(paras(k), width=4000), tc(paras(v), width=6000))
                for k, v in zip(nb.HEADER_BLOCK, values, strict=True)
            ],
        )
    )
    blocks.append(p(r("Compliance scale", "<w:b/>")))
    blocks.append(
        tbl(2, *[tr(tc(paras(k), width=1500), tc(paras(v), width=8500)) for k, v in nb.LEGEND])
    )
    ids = nb.item_ids()
    for s, (heading, _) in enumerate(nb.STANDARDS):
        sid = str(s + 1)
        blocks.append(numbered(0, heading, bold=True))
        blocks.append(p(r(nb.GUIDANCE, "<w:i/>")))
        rows = [tr(*[tc(paras(h), shade="D9D9D9") for h in nb.HEADERS])]
        for section, item, text in ids:
            if section != sid:
                continue
            a = rs.answers[item]
            rows.append(
                tr(
                    tc(numbered(1, text), width=3200),
                    *[option_cell(rs, a, label) for label in nb.SCALE],
                    tc(paras(a.evidence), width=2600),
                    tc(paras(a.actions), width=2000),
                    tc(paras(a.lead)),
                    tc(paras(a.when)),
                )
            )
        widths = [3200, *[700] * 5, 2600, 2000, 1200, 1200]
        blocks.append(tbl(len(nb.HEADERS), *rows, widths=widths))
        blocks.append(p(r(nb.PROMPT)))
        runs: list[str] = []
        for label in nb.RATINGS:
            runs += [r(f"{label} "), box("glyph", rs.ratings.get(sid) == label), r("    ")]
        blocks.append(p(*runs))
    return blocks


def build_word(rs: nb.NewReturn, path: Path) -> None:
    write_docx(word_blocks(rs), path, rs.completed_by or "Board office", NUMBERING)


def build_excel(rs: nb.NewReturn, path: Path) -> None:
    from openpyxl.styles import Font, PatternFill

    book = new_book()
    ws = book.wb.active
    assert ws is not None
    ws.title = "Section 11 audit"
    ws.append([nb.TITLE])
    ws["A1"].font = Font(bold=True, size=14)
    for text in nb.INTRO:
        ws.append([text])
    for key, value in zip(
        nb.HEADER_BLOCK, [rs.organisation, rs.completed_by, rs.date], strict=True
    ):
        ws.append([key, value])
    ws.append([])
    for key, value in nb.LEGEND:
        ws.append([key, value])
    ws.append([])
    ws.append(["Ref", *nb.HEADERS])
    grey = PatternFill("solid", fgColor="D9D9D9")
    for cell in ws[ws.max_row]:
        cell.fill = grey
    glyph = "\u2713" if rs.mechanism == "tick" else "x"
    ids = nb.item_ids()
    for s, (heading, _) in enumerate(nb.STANDARDS):
        ws.append([str(s + 1), heading])
        ws.append(["", nb.GUIDANCE])
        for section, item, text in ids:
            if section != str(s + 1):
                continue
            a = rs.answers[item]
            marks = [glyph if label in (a.response, a.second) else "" for label in nb.SCALE]
            ws.append([item, text, *marks, a.evidence, a.actions, a.lead, a.when])
    for column, width in zip("ABCDEFGHIJK", [6, 60, 7, 7, 7, 7, 7, 50, 40, 18, 14], strict=True):
        ws.column_dimensions[column].width = width
    save(book, path)


RETURNS = [
    (
        "dudley2015-police-content-controls.docx",
        31,
        "West Midlands Police (Dudley)",
        "DI Sam Reid, safeguarding lead",
        "12/10/2015",
        "content_control",
    ),
    ("dudley2015-college-typed-x.docx", 32, "Dudley College", "Ann Hughes, DSL", "19/10/2015", "x"),
    (
        "dudley2015-housing-shaded.docx",
        33,
        "Dudley Housing Services",
        "Raj Patel",
        "2 November 2015",
        "shade",
    ),
    ("dudley2015-ccg-x-columns.xlsx", 34, "Dudley CCG", "Dr Helen Marsh", "2015-10-21", "x"),
    (
        "dudley2015-leisure-ticks.xlsx",
        35,
        "Dudley Leisure Trust",
        "Tom Price",
        "05/11/2015",
        "tick",
    ),
]


def main() -> None:
    (OUT / "returns").mkdir(parents=True, exist_ok=True)
    (OUT / "truth").mkdir(parents=True, exist_ok=True)
    build_word(nb.blank("blank"), OUT / "dudley2015-blank.docx")
    build_excel(nb.blank("blank"), OUT / "dudley2015-blank.xlsx")
    if shutil.which("soffice") is not None:  # the Word blank as LibreOffice exports it
        export(OUT / "dudley2015-blank.docx", OUT / "dudley2015-blank.pdf")
    for name, seed, organisation, person, date, mechanism in RETURNS:
        rs = nb.completed(name, seed, organisation, person, date, mechanism)
        builder = build_word if name.endswith(".docx") else build_excel
        builder(rs, OUT / "returns" / name)
        key = json.dumps(nb.truth(rs), indent=2, ensure_ascii=False) + "\n"
        (OUT / "truth" / f"{name}.truth.json").write_text(key, encoding="utf-8")


if __name__ == "__main__":
    main()
