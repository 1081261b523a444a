"""The look of option words in a PDF table, each word in its own cell: a word shaded by a
filled rectangle of its own (Word's shading of the word, exported) is that word highlighted,
never a table; and a one-look cell keeps its look, so a bold or coloured option stands out
from its sibling cells."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import Color, black, red
from reportlab.pdfgen.canvas import Canvas

from extractor.pdf.reader import read_pdf

OPTIONS = ("Not met", "Partially met", "Fully met")
X0, TOP, W, H = 40.0, 60.0, 110.0, 30.0  # the grid: one header row, one answer row
PAGE_H = 300.0


def _grid(c: Canvas) -> None:
    for row in range(3):
        y = PAGE_H - TOP - row * H
        c.line(X0, y, X0 + 3 * W, y)
    for col in range(4):
        x = X0 + col * W
        c.line(x, PAGE_H - TOP, x, PAGE_H - TOP - 2 * H)


def _options_pdf(path: Path, chosen: str, how: str) -> None:
    c = Canvas(str(path), pagesize=(400, PAGE_H))
    _grid(c)
    for col, word in enumerate(OPTIONS):
        x, y = X0 + col * W + 5, PAGE_H - TOP - 20
        c.setFont("Helvetica", 10)
        c.drawString(x, y, word.upper())  # the header row
        y -= H
        if word == chosen and how == "shade":
            c.setFillColor(Color(0.75, 0.75, 0.75))
            c.rect(x - 1, y - 3, c.stringWidth(word, "Helvetica", 10) + 2, 13, stroke=0, fill=1)
        c.setFillColor(red if word == chosen and how == "red" else black)
        c.drawString(x, y, word)
    c.save()


def _option_cells(path: Path) -> list[tuple[str, str | None, str | None]]:
    doc = read_pdf(path)
    assert len(doc.tables) == 1  # the shade is no table of its own
    row = doc.tables[0].rows[1]
    out = []
    for cell in row.cells:
        looks = [s for s in cell.spans if s.text.strip()]
        out.append((cell.text, looks[0].highlight if looks else None,
                    looks[0].colour if looks else None))
    return out


def test_a_word_shaded_by_its_own_rectangle_is_highlighted_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "shade.pdf"
    _options_pdf(path, "Partially met", "shade")
    cells = _option_cells(path)
    assert [text for text, _, _ in cells] == list(OPTIONS)
    assert [shade for _, shade, _ in cells] == [None, "BFBFBF", None]


def test_a_one_look_option_cell_keeps_its_look(tmp_path: Path) -> None:
    path = tmp_path / "red.pdf"
    _options_pdf(path, "Fully met", "red")
    assert [colour for _, _, colour in _option_cells(path)] == [None, None, "FF0000"]


def _one_cell_pdf(path: Path, lines: list[str]) -> None:
    c = Canvas(str(path), pagesize=(400, PAGE_H))
    _grid(c)
    c.setFont("Helvetica", 10)
    for n, line in enumerate(lines):
        c.drawString(X0 + 5, PAGE_H - TOP - 12 - 9 * n, line)
    c.save()


def test_a_header_wrapped_over_lines_is_no_option_list(tmp_path: Path) -> None:
    # "How do you / know? / (evidence)": the bracketed word ends a wrapped heading, it is not
    # an option singled out by brackets.
    path = tmp_path / "header.pdf"
    _one_cell_pdf(path, ["How do you", "know?", "(evidence)"])
    cell = read_pdf(path).tables[0].rows[0].cells[0]
    assert cell.text == "How do you know? (evidence)"
    assert cell.marks == []


def test_an_option_in_brackets_in_a_one_look_list_is_chosen(tmp_path: Path) -> None:
    path = tmp_path / "brackets.pdf"
    _one_cell_pdf(path, ["Yes / No / [Partial]"])
    marks = read_pdf(path).tables[0].rows[0].cells[0].marks
    assert [m.label for m in marks if m.checked] == ["Partial"]
