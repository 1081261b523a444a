"""PDF tables rebuilt from their rules, within and across pages (extractor/pdf/reader.py,
extractor/pages.py): one tiny drawn file per mechanism, each test failing without the
code that reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.model import FormDocument
from extractor.pdf.reader import read_pdf

LEFT, RIGHT = 30.0, 270.0


def _grid(c: Any, top: float, rows: list[list[str]], height: float = 20) -> None:
    """A ruled table: one row per list, its cells equally wide."""
    bottom = top - height * len(rows)
    for n in range(len(rows) + 1):
        c.line(LEFT, top - n * height, RIGHT, top - n * height)
    columns = max(len(r) for r in rows)
    width = (RIGHT - LEFT) / columns
    for k in range(columns + 1):
        c.line(LEFT + k * width, top, LEFT + k * width, bottom)
    for n, row in enumerate(rows):
        for k, text in enumerate(row):
            if text:
                c.drawString(LEFT + k * width + 5, top - (n + 1) * height + 6, text)


def _title_fill(c: Any, bottom: float, height: float = 20) -> None:
    """The pale blue shading of an area's title row."""
    c.setFillColorRGB(0.87, 0.92, 0.96)
    c.rect(LEFT, bottom, RIGHT - LEFT, height, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)


def _texts(doc: FormDocument) -> list[list[str]]:
    return [[" | ".join(cell.text for cell in row.cells) for row in t.rows] for t in doc.tables]


def test_lone_title_row_at_a_page_bottom_heads_the_next_pages_table(tmp_path: Path) -> None:
    """pdfplumber drops a one-cell table: an area's title row left alone at the bottom of a
    page is still a row, heading the table the next page carries on (not loose text, with
    the next page's rows run into the previous area's table)."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "lone-title.pdf"
    c = Canvas(str(path), pagesize=(300, 300))
    c.setFont("Helvetica", 10)
    _title_fill(c, 260)
    _grid(c, 280, [["1. Leadership and accountability"], ["Evidence of impact"]])
    _title_fill(c, 40)
    _grid(c, 60, [["2. Training and development"]])
    c.showPage()
    c.setFont("Helvetica", 10)
    _grid(c, 280, [["Rationale - staff are trained"], ["Evidence of impact"]])
    c.save()
    assert _texts(read_pdf(path)) == [
        ["1. Leadership and accountability", "Evidence of impact"],
        ["2. Training and development", "Rationale - staff are trained", "Evidence of impact"],
    ]


def test_boxes_row_after_the_break_is_not_merged_into_the_labels_row(tmp_path: Path) -> None:
    """Option labels at the bottom of a page and their tick boxes at the top of the next are
    two rows the break fell between, not one row it split."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "labels-then-boxes.pdf"
    c = Canvas(str(path), pagesize=(300, 300))
    c.setFont("Helvetica", 10)
    _grid(c, 80, [["Current Rating", ""], ["Green", "Amber"]])
    c.showPage()
    c.setFont("Helvetica", 10)
    _grid(c, 280, [["", ""], ["Evidence of impact", ""]])
    for x, crossed in ((LEFT + 50, True), (LEFT + 170, False)):
        c.rect(x, 265, 9, 9)
        if crossed:
            c.line(x, 265, x + 9, 274)
            c.line(x, 274, x + 9, 265)
    c.save()
    doc = read_pdf(path)
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert len(rows) == 4
    assert [cell.text for cell in rows[1].cells] == ["Green", "Amber"]
    assert not any(cell.marks for cell in rows[1].cells)
    assert [[m.checked for m in cell.marks] for cell in rows[2].cells] == [[True], [False]]


def test_cell_merged_down_over_two_rows_is_continued_in_the_second(tmp_path: Path) -> None:
    """An evidence cell merged over two criteria's rows: the second row keeps a continued
    cell in that column (its text is the first row's), as a Word vMerge does."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "merged-down.pdf"
    c = Canvas(str(path), pagesize=(300, 300))
    c.setFont("Helvetica", 10)
    middle = (LEFT + RIGHT) / 2
    for y in (280, 240):
        c.line(LEFT, y, RIGHT, y)
    c.line(LEFT, 260, middle, 260)  # no rule under the merged cell
    for x in (LEFT, middle, RIGHT):
        c.line(x, 280, x, 240)
    c.drawString(LEFT + 5, 266, "6.2 References taken")
    c.drawString(LEFT + 5, 246, "6.3 Checks repeated")
    c.drawString(middle + 5, 256, "DBS checks renewed")
    c.save()
    rows = read_pdf(path).tables[0].rows
    assert [(cell.text, cell.continued) for cell in rows[1].cells] == [
        ("6.3 Checks repeated", False),
        ("", True),
    ]
    assert (rows[0].cells[1].text, rows[0].cells[1].row_span) == ("DBS checks renewed", 2)


def test_option_list_split_by_the_page_break_is_read_whole() -> None:
    """"Yes / No /" above the break and "PARTIAL" below: only the joined list shows the
    capitals standing out, so the emphasis is read once the row is whole."""
    from extractor.model import Cell, FormDocument, Provenance, Row, Source, Span, Table
    from extractor.pages import continue_table

    def row(page: int, criterion: str, options: str) -> Row:
        cells = [Cell(text=t, provenance=Provenance(page=page), spans=[Span(t)] if t else [])
                 for t in (criterion, options)]
        return Row(cells, 0)

    doc = FormDocument(source=Source(file="t.pdf", sha256="0" * 64, format="pdf"))
    doc.tables.append(Table([row(1, "1.8 The organisation has a commitment", "Yes / No /")], 0,
                            page=1))
    rest = Table([row(2, "to inter-agency working.", "PARTIAL")], 1, page=2)
    assert continue_table(doc, rest, {})
    cell = doc.tables[0].rows[0].cells[1]
    assert cell.text == "Yes / No / PARTIAL"
    assert [(m.label, m.checked) for m in cell.marks] == [
        ("Yes", False), ("No", False), ("PARTIAL", True)
    ]
