"""PDF reader: scanned pages, damaged files, and a Word return exported by LibreOffice."""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import DocumentLoadError, ScannedDocumentError
from extractor.pdf.marks import _rgb
from extractor.pdf.reader import read_pdf
from scoring.pipeline import extract, to_json

ROOT = Path(__file__).resolve().parents[1]


def raw_pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from numbered object bodies (1 0 obj is the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def test_image_only_pdf_is_a_scan(tmp_path: Path) -> None:
    pixels = zlib.compress(b"\x80" * 30)
    draw = b"q 200 0 0 200 0 0 cm /Im1 Do Q"
    pdf = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            f"<< /Length {len(draw)} >>\nstream\n".encode() + draw + b"\nendstream",
            f"<< /Type /XObject /Subtype /Image /Width 10 /Height 3 /ColorSpace /DeviceGray "
            f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(pixels)} >>\nstream\n".encode()
            + pixels
            + b"\nendstream",
        ]
    )
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf)
    with pytest.raises(ScannedDocumentError) as info:
        read_pdf(path)
    assert str(info.value).startswith("scan.pdf: this PDF is a scanned image without a text layer")


def test_damaged_pdf_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << >>\n")
    with pytest.raises(DocumentLoadError) as info:
        read_pdf(path)
    assert str(info.value).startswith("broken.pdf: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("colour", "hexed"),
    [
        ((0.0, 0.69, 0.31), "00B04F"),
        ((0.0,), "000000"),
        ((1.0,), None),
        ((0.0, 1.0, 1.0, 0.0), "FF0000"),
        ((1, 1, 1), None),
    ],
)
def test_colour_spaces(colour: tuple[float, ...], hexed: str | None) -> None:
    assert _rgb(colour) == hexed


def _gap_kinds(result: dict[str, Any]) -> dict[str | None, set[str]]:
    kinds: dict[str | None, set[str]] = {}
    for gap in result["gaps"]:
        kinds.setdefault(gap.get("item"), set()).add(gap["kind"])
    return kinds


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_pdf_export_gives_the_same_answers_as_its_word_source(tmp_path: Path) -> None:
    """Every Word sample exported to PDF by LibreOffice: item for item, the same response,
    evidence and gaps as its .docx (measured 98.0% / 98.2% / 98.0%; README "Accuracy")."""
    from extractor.convert import convert_with_soffice

    same = {"response": 0, "evidence": 0, "gaps": 0}
    total = 0
    for source in sorted((ROOT / "samples" / "word").glob("*.docx")):
        pdf = convert_with_soffice(source, "pdf", tmp_path)
        from_pdf = json.loads(to_json(extract(pdf)))
        from_word = json.loads(to_json(extract(source)))
        assert from_pdf["toolkit"]["id"] == from_word["toolkit"]["id"], source.name
        gaps_pdf, gaps_word = _gap_kinds(from_pdf), _gap_kinds(from_word)
        for i, j in zip(from_pdf["items"], from_word["items"], strict=True):
            total += 1
            same["response"] += i["response"] == j["response"]
            same["evidence"] += i["evidence"].split() == j["evidence"].split()
            same["gaps"] += gaps_pdf.get(i["id"], set()) == gaps_word.get(j["id"], set())
    rates = {key: value / total for key, value in same.items()}
    assert min(rates.values()) >= 0.96, rates


def _chars(text: str, x0: float, top: float = 100.0, size: float = 10.0) -> list[dict[str, Any]]:
    """Characters of one line, 5 pt apart, as pdfplumber gives them."""
    return [
        {"text": ch, "x0": x0 + 5 * n, "x1": x0 + 5 * n + 5, "top": top, "bottom": top + size,
         "size": size}
        for n, ch in enumerate(text)
    ]


@pytest.mark.parametrize(
    ("first", "second", "right", "expected"),
    [
        ("re-", "checked", None, "re-checked"),  # a line-end hyphen keeps its word whole
        ("whistleblowin", "g procedure", 10 + 65 + 6, "whistleblowing procedure"),  # at the edge
        ("whistleblowin", "g procedure", 10 + 65 + 40, "whistleblowin g procedure"),  # room left
        ("audit of", "supervision", 10 + 40 + 6, "audit of supervision"),  # two words: a wrap
        ("Policy", "Reviewed", 10 + 30 + 6, "Policy Reviewed"),  # next line capitalised
    ],
)
def test_wrapped_lines_join_as_the_page_shows_them(
    first: str, second: str, right: float | None, expected: str
) -> None:
    from extractor.inline import finish
    from extractor.pdf.cell_text import inline_of as _inline

    items = _chars(first, 10) + _chars(second, 10, top=112)
    text, _ = finish(_inline(items, right))
    assert text == expected


def test_private_use_wingdings_in_a_substituted_font() -> None:
    """LibreOffice exports Wingdings boxes in OpenSymbol, keeping U+F0FE / U+F0A8."""
    from extractor.glyphs import symbol_state

    assert symbol_state("DAAAAA+OpenSymbol", "\uf0fe") is True
    assert symbol_state("DAAAAA+OpenSymbol", "\uf0a8") is False
    assert symbol_state("DAAAAA+OpenSymbol", "a") is None


def test_private_use_wingdings_2_in_a_substituted_font() -> None:
    """Wingdings 2 boxes come out of LibreOffice in OpenSymbol too: U+F054 (a boxed x),
    U+F052 (a boxed tick) and U+F0A3 (an empty box), codes Wingdings gives no box."""
    from extractor.glyphs import symbol_state

    assert symbol_state("DAAAAA+OpenSymbol", "\uf054") is True
    assert symbol_state("DAAAAA+OpenSymbol", "\uf052") is True
    assert symbol_state("DAAAAA+OpenSymbol", "\uf0a3") is False
    assert symbol_state("DAAAAA+OpenSymbol", "\uf041") is None  # a Wingdings hand, no box


def test_struck_and_bold_options_in_a_pdf_cell() -> None:
    """Emphasis survives export: strokes through the other options, or a bold font."""
    from extractor.pdf.cell_text import cell_text as _cell_text

    lines = _chars("Yes", 10) + _chars("No", 10, top=112) + _chars("Partial", 10, top=124)
    strokes = [(10.0, 20.0, 117.0), (10.0, 45.0, 129.0)]  # through "No" and "Partial"
    _, marks, spans = _cell_text(lines, [], right=200.0, rules=strokes)
    assert [(m.label, m.checked, m.source) for m in marks] == [
        ("Yes", True, "emphasis"), ("No", False, "emphasis"), ("Partial", False, "emphasis")
    ]
    assert any(s.strike for s in spans)
    bold = _chars("Yes / No / ", 10) + [
        dict(c, fontname="ABCDEF+Arial-BoldMT") for c in _chars("Partial", 65)
    ]
    _, marks, _ = _cell_text(bold, [], right=200.0)
    assert [m.label for m in marks if m.checked] == ["Partial"]


def test_split_row_start_left_as_page_bottom_text_is_rebuilt() -> None:
    """A row broken by the page before its bottom rule: page 1 shows its text below the last
    table (read as a paragraph), page 2 starts with an empty, shaded row."""
    from extractor.model import Cell, FormDocument, Paragraph, Provenance, Row, Source, Table
    from extractor.pdf.reader import _resume_split_row

    doc = FormDocument(source=Source(file="t.pdf", sha256="0" * 64, format="pdf"))
    start = Paragraph(text="8 Learning from Reviews", provenance=Provenance(page=1))
    footer = Paragraph(text="Page 1 of 2", provenance=Provenance(page=1))
    doc.paragraphs += [start, footer]
    table = Table(
        rows=[
            Row(cells=[Cell(text="", provenance=Provenance(page=2), fill="DEEAF6")], index=0),
            Row(cells=[Cell(text="Rationale", provenance=Provenance(page=2))], index=1),
        ],
        index=0,
        page=2,
    )
    _resume_split_row(doc, table, [start, footer])
    assert table.rows[0].cells[0].text == "8 Learning from Reviews"
    assert doc.paragraphs == [footer]  # moved once, and a page footer never moves


def test_split_row_start_not_taken_when_the_first_row_has_text() -> None:
    from extractor.model import Cell, FormDocument, Paragraph, Provenance, Row, Source, Table
    from extractor.pdf.reader import _resume_split_row

    doc = FormDocument(source=Source(file="t.pdf", sha256="0" * 64, format="pdf"))
    note = Paragraph(text="Signed by the chair", provenance=Provenance(page=1))
    doc.paragraphs.append(note)
    table = Table(
        rows=[Row(cells=[Cell(text="9 Next area", provenance=Provenance(page=2))], index=0)],
        index=0,
        page=2,
    )
    _resume_split_row(doc, table, [note])
    assert table.rows[0].cells[0].text == "9 Next area"
    assert doc.paragraphs == [note]


def test_tick_box_squares_are_not_table_rules(tmp_path: Path) -> None:
    """A small square drawn in a cell is a mark, never table rules: a box as tall as its
    row (a Word form field exported by LibreOffice into a tight row) would otherwise add
    its sides as column boundaries to the whole table."""
    from reportlab.pdfgen.canvas import Canvas

    from extractor.pdf.reader import read_pdf

    path = tmp_path / "boxes.pdf"
    c = Canvas(str(path), pagesize=(400, 200))
    c.setFont("Helvetica", 8)
    for y in (180, 162, 150):
        c.line(20, y, 320, y)
    for x in (20, 120, 220, 320):
        c.line(x, 180, x, 150)
    for y, words in ((168, ("Policy", "Met", "Not met")), (153, ("Training", "Met", "Not met"))):
        for x, word in zip((25, 125, 225), words, strict=True):
            c.drawString(x, y, word)
    c.rect(190, 150.2, 11.6, 11.6)  # a crossed (ticked) box filling the second row's height
    c.line(190, 150.2, 201.6, 161.8)
    c.line(190, 161.8, 201.6, 150.2)
    c.save()
    rows = read_pdf(path).tables[0].rows
    assert [len(r.cells) for r in rows] == [3, 3]
    assert [(m.checked, m.source) for m in rows[1].cells[1].marks] == [(True, "vector")]
