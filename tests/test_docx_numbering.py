"""Word's automatic list numbering: the label Word shows becomes part of the paragraph text."""

from __future__ import annotations

from pathlib import Path

from extractor.dispatch import read_document
from tests.docx_fixtures import NS, make_docx, tbl, tc, tr


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
    '<w:abstractNum w:abstractNumId="0">'
    + _lvl(0, "decimal", "%1")
    + _lvl(1, "decimal", "%1.%2")
    + _lvl(2, "lowerLetter", "%3)")
    + '</w:abstractNum><w:abstractNum w:abstractNumId="1">'
    + _lvl(0, "bullet", "\u2022")
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    "</w:numbering>"
)


def _np(num: int, ilvl: int, text: str) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
        f"</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def test_list_labels_are_computed_in_document_order(tmp_path: Path) -> None:
    body = (
        _np(1, 0, "Leadership")
        + _np(1, 1, "A named lead is in post")
        + _np(2, 0, "a bullet is no number")
        + _np(1, 1, "The lead reports to the board")
        + _np(1, 2, "every quarter")
        + _np(1, 0, "Training")
        + tbl(tr(tc(_np(1, 1, "Staff are trained")), tc("<w:p/>")))
        + _np(3, 0, "Started at five")
    )
    doc = read_document(make_docx(tmp_path, body, extra={"word/numbering.xml": NUMBERING}))
    texts = [p.text for p in doc.paragraphs]
    assert texts == [
        "1 Leadership",
        "1.1 A named lead is in post",
        "a bullet is no number",
        "1.2 The lead reports to the board",
        "a) every quarter",
        "2 Training",
        "5 Started at five",
    ]
    assert doc.tables[0].rows[0].cells[0].text == "2.1 Staff are trained"


def test_damaged_numbering_costs_the_labels_not_the_document(tmp_path: Path) -> None:
    broken = {
        "word/numbering.xml": f"<w:numbering {NS}><w:num w:numId=",
    }
    body = _np(1, 0, "Leadership") + _np(1, "x", "Training")  # type: ignore[arg-type]
    doc = read_document(make_docx(tmp_path, body, extra=broken))
    assert [p.text for p in doc.paragraphs] == ["Leadership", "Training"]
    assert any("list numbering unreadable" in w for w in doc.warnings)
    doc = read_document(make_docx(tmp_path, body, "ok.docx", {"word/numbering.xml": NUMBERING}))
    assert [p.text for p in doc.paragraphs] == ["1 Leadership", "Training"]
