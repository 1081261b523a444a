"""A workbook printed to PDF without gridlines (extractor/pdf/sheet_print.py): columns cut
onto separate pages printed down then across, wrapped criteria running over the rows below
them. Made here with reportlab the way LibreOffice prints a sheet (one text object a line,
each cell's lines drawn together), the key computed from the case."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from extractor.pdf.reader import read_pdf

PAGE_W, PAGE_H = 400.0, 180.0  # PAGE_H: the letter page; a sheet's page is full of rows
TOP, PITCH, LINE = 40.0, 15.0, 12.8  # first row's top, row height, a wrapped line's step
SIZE = 11.0
OPTIONS = ("Yes", "No", "Partial")
WORDS = ("staff", "policy", "children", "welfare", "training", "safeguarding", "review", "named")


def _case(seed: int, items: int, rows_a_page: int) -> tuple[list[tuple[str, list[str], str]], int]:
    rnd = random.Random(seed)
    case = []
    for n in range(items):
        lines = [" ".join(rnd.choice(WORDS) for _ in range(5)) for _ in range(rnd.choice((1, 2)))]
        case.append((f"{n // 4 + 1}.{n % 4 + 1}", lines, rnd.choice(OPTIONS)))
    return case, rows_a_page


def _text(c: Canvas, x: float, top: float, text: str, bold: bool = False) -> None:
    t = c.beginText(x, float(c._pagesize[1]) - top - SIZE)  # one text object a line, as LibreOffice draws
    t.setFont("Helvetica-Bold" if bold else "Helvetica", SIZE)
    t.textLine(text)
    c.drawText(t)


def _sheet_pdf(path: Path, case: list[tuple[str, list[str], str]], rows_a_page: int) -> None:
    c = Canvas(str(path), pagesize=(PAGE_W, TOP + rows_a_page * PITCH + 20))  # full of rows
    bands = [case[i : i + rows_a_page] for i in range(0, len(case), rows_a_page)]
    for group in ("criteria", "answers"):  # down, then across
        for band in bands:
            for row, (ref, lines, chosen) in enumerate(band):
                top = TOP + row * PITCH
                if group == "criteria":
                    _text(c, 55, top, ref)
                    for k, line in enumerate(lines):  # overflowing the row below
                        _text(c, 115, top + k * LINE, line)
                else:
                    for k, word in enumerate(OPTIONS):
                        _text(c, 55 + k * 70, top, word, bold=word == chosen)
                    _text(c, 270, top, f"evidence {ref}")
            c.showPage()
    c.save()


@pytest.mark.parametrize(("seed", "items", "rows_a_page"), [(1, 12, 8), (2, 9, 9), (3, 20, 7)])
def test_a_printed_sheet_is_read_as_its_grid(
    tmp_path: Path, seed: int, items: int, rows_a_page: int
) -> None:
    case, per_page = _case(seed, items, rows_a_page)
    path = tmp_path / "sheet.pdf"
    _sheet_pdf(path, case, per_page)
    doc = read_pdf(path)
    rows = [r for t in doc.tables for r in t.rows]
    assert len(rows) == len(case)
    for row, (ref, lines, chosen) in zip(rows, case, strict=True):
        texts = [cell.text for cell in row.cells]
        assert texts == [ref, " ".join(lines), *OPTIONS, f"evidence {ref}"]
        bold = [cell.text for cell in row.cells if any(s.bold for s in cell.spans)]
        assert bold == [chosen]
    bands = -(-len(case) // per_page)
    assert len(doc.tables) == bands  # one table a band of rows, its pages side by side
    assert not doc.paragraphs


def test_text_that_falls_into_no_grid_stays_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    c = Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for row in range(8):
        _text(c, 55, TOP + row * PITCH, "Dear colleague, please find our return enclosed.")
    c.save()
    doc = read_pdf(path)
    assert not doc.tables
    assert len(doc.paragraphs) == 8
