"""A table drawn inside a cell of another (Word's nested table, exported to PDF) is that
cell's nested table: its words and boxes are read once, in its own rows, not run into the
host cell's text nor left as a table after the host."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from extractor.pdf.reader import read_pdf

PAGE_H = 300.0


def _box(c: Canvas, x0: float, top: float, x1: float, bottom: float) -> None:
    c.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)


def _nested_pdf(path: Path) -> None:
    c = Canvas(str(path), pagesize=(400, PAGE_H))
    c.setFont("Helvetica", 10)
    for row, (top, bottom) in enumerate(((20.0, 50.0), (50.0, 150.0))):
        _box(c, 20, top, 200, bottom)
        _box(c, 200, top, 380, bottom)
        if row == 0:
            c.drawString(25, PAGE_H - 40, "Criterion")
            c.drawString(205, PAGE_H - 40, "Rating")
    c.drawString(25, PAGE_H - 70, "1.1 A named lead is in post")
    for n, word in enumerate(("Yes", "No", "Partial")):  # the inner table: word | box
        top = 60.0 + n * 25
        _box(c, 210, top, 320, top + 25)
        _box(c, 320, top, 370, top + 25)
        c.drawString(215, PAGE_H - top - 16, word)
        c.drawString(340, PAGE_H - top - 16, "X" if word == "No" else "")
    c.save()


def test_a_table_inside_a_cell_is_its_nested_table(tmp_path: Path) -> None:
    path = tmp_path / "nested.pdf"
    _nested_pdf(path)
    doc = read_pdf(path)
    assert len(doc.tables) == 1
    host = doc.tables[0].rows[1].cells[1]
    assert host.text == ""  # the inner words are the nested table's, not the host's
    inner = host.nested[0]
    assert [r.cells[0].text for r in inner.rows] == ["Yes", "No", "Partial"]
    assert [any(m.checked for m in r.cells[1].marks) for r in inner.rows] == [False, True, False]
    assert inner.parent == host.provenance


def test_a_nested_table_split_by_the_page_break_is_joined_in_its_cell() -> None:
    """The host row split at a page: the rest of its nested table (the next option's row,
    its box ticked) belongs to the nested table above the break, not lost with the tail."""
    from extractor.model import Cell, FormDocument, Mark, Provenance, Row, Source, Table
    from extractor.pages import continue_table

    def cell(text: str, page: int, marks: list[Mark] | None = None) -> Cell:
        return Cell(text=text, provenance=Provenance(page=page), marks=marks or [])

    def inner(page: int, rows: list[tuple[str, bool]]) -> Table:
        return Table(
            rows=[Row([cell(w, page), cell("", page, [Mark(ticked, "glyph")])], i)
                  for i, (w, ticked) in enumerate(rows)],
            index=9,
            page=page,
        )

    host = cell("", 1)
    host.nested.append(inner(1, [("Not met", False), ("Partially met", False)]))
    top = Table(rows=[Row([cell("2.2 Effective systems are in place", 1), host], 0)], index=0,
                page=1)
    doc = FormDocument(source=Source(file="t.pdf", sha256="0" * 64, format="pdf"))
    doc.tables.append(top)
    tail = cell("", 2)
    tail.nested.append(inner(2, [("Fully met", True)]))
    rest = Table(rows=[Row([cell("to make a complaint.", 2), tail], 0)], index=1, page=2)
    assert continue_table(doc, rest, {})
    joined = top.rows[0].cells[1].nested
    assert len(joined) == 1
    assert [r.cells[0].text for r in joined[0].rows] == ["Not met", "Partially met", "Fully met"]
    assert joined[0].rows[2].cells[1].marks[0].checked
