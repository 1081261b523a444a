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
