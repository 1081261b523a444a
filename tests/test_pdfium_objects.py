"""PDFium's page objects (extractor/pdf/pdfium_objects.py) against pdfplumber's own parse of
the same page: the same characters, boxes, drawings and colours under pdfplumber's keys, and
one fixture per known difference (ligatures, spaces, rotated pages, CMYK fills, ReportLab's
standard fonts, check boxes without /AS, line-end hyphens, /ActualText)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas

import extractor.pdf.reader as reader
from extractor.pdf.marks import _rgb
from extractor.pdf.pdfium_objects import page_objects
from tests.test_tick_fixtures import hand_pdf, one_page, widget

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOX_KEYS = ("x0", "x1", "top", "bottom", "doctop")


def both(path: Path, number: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    """(pdfplumber's objects, PDFium's objects) of one page."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number]
        document = pdfium.PdfDocument(path)
        try:
            return page.objects, page_objects(document, number, page)
        finally:
            document.close()


def near(a: dict[str, Any], b: dict[str, Any], keys: tuple[str, ...] = BOX_KEYS) -> bool:
    return all(abs(float(a[k]) - float(b[k])) < 0.01 for k in keys)


def canvas(path: Path, size: tuple[float, float] = (300, 200)) -> Canvas:
    return Canvas(str(path), pagesize=size)


def one_line(path: Path, font: str, size: float, text: str) -> tuple[Any, Any]:
    """(pdfplumber's objects, PDFium's objects) of a page of one line of text."""
    c = canvas(path)
    c.setFont(font, size)
    c.drawString(20, 150, text)
    c.save()
    return both(path)


def test_standard_font_characters_and_drawings_match_pdfminer(tmp_path: Path) -> None:
    """ReportLab's Helvetica (a standard font): the box starts at pdfminer's own descent for
    the standard fonts, 2.07 pt under the baseline at 10 pt (PDFium's loose box would sit
    2.5 pt higher and is not used), and the font name is pdfminer's."""
    path = tmp_path / "plain.pdf"
    c = canvas(path)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(20, 150, "Policy in place")
    c.setLineWidth(0.5)
    c.line(20, 140, 200, 140)
    c.setFillColorRGB(0.57, 0.82, 0.31)
    c.rect(20, 100, 60, 20, fill=1, stroke=0)
    c.setStrokeColorRGB(0, 0, 0)
    c.bezier(100, 100, 110, 120, 120, 120, 130, 100)
    c.save()
    plumber, ours = both(path)
    assert [ch["text"] for ch in ours["char"]] == [ch["text"] for ch in plumber["char"]]
    for a, b in zip(plumber["char"], ours["char"], strict=True):
        assert near(a, b)
        assert a["fontname"] == b["fontname"] == "Helvetica-Bold"
        assert (a["size"], a["upright"]) == (b["size"], b["upright"])
        assert _rgb(a["non_stroking_color"]) == _rgb(b["non_stroking_color"])
    for kind in ("line", "rect", "curve"):
        assert len(ours[kind]) == len(plumber[kind]) == 1
        a, b = plumber[kind][0], ours[kind][0]
        assert near(a, b)
        assert (a["stroke"], a["fill"]) == (b["stroke"], b["fill"])
        assert _rgb(a["non_stroking_color"]) == _rgb(b["non_stroking_color"])
        assert all(
            abs(p[0] - q[0]) < 0.01 and abs(p[1] - q[1]) < 0.01
            for p, q in zip(a["pts"], b["pts"], strict=True)
        )


def test_rotated_page_is_placed_as_pdfminer_places_it(tmp_path: Path) -> None:
    path = tmp_path / "rotated.pdf"
    c = canvas(path, (300, 200))
    c.setPageRotation(90)
    c.setFont("Helvetica", 12)
    c.drawString(30, 150, "Turned")
    c.rect(30, 40, 100, 30)
    c.save()
    plumber, ours = both(path)
    assert [ch["text"] for ch in ours["char"]] == list("Turned")
    for a, b in zip(plumber["char"], ours["char"], strict=True):
        assert near(a, b)
        assert (a["upright"], round(a["size"], 2)) == (b["upright"], round(b["size"], 2))
    assert near(plumber["rect"][0], ours["rect"][0])


def _read_both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The reader's FormDocument of a file with pdfminer's objects, then with PDFium's."""
    monkeypatch.setattr(reader, "SETTINGS", reader.PdfSettings(objects="pdfminer"))
    expected = reader.read_pdf(path)
    monkeypatch.setattr(reader, "SETTINGS", reader.PdfSettings(objects="pdfium"))
    return expected, reader.read_pdf(path)


def pdfium_page(path: Path) -> dict[str, Any] | None:
    """PDFium's objects of the first page, None when they are left to pdfminer."""
    with pdfplumber.open(path) as pdf:
        document = pdfium.PdfDocument(path)
        try:
            return page_objects(document, 0, pdf.pages[0])
        finally:
            document.close()


@pytest.mark.parametrize("fill", ["cmyk", "separation"])
def test_a_page_with_colours_pdfium_converts_is_read_by_pdfminer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fill: str
) -> None:
    """PDFium gives a CMYK (or ICC, Separation…) colour only as its own colour-managed RGB,
    a duller green than the 66FF00 the reader makes of pdfminer's components, so such a
    page is pdfminer's: the same cell fill either way."""
    path = tmp_path / f"{fill}.pdf"
    c = canvas(path)
    c.setFont("Helvetica", 10)
    c.drawString(20, 150, "Shaded")
    if fill == "cmyk":
        c.setFillColorCMYK(0.6, 0.0, 1.0, 0.0)
    else:
        from reportlab.lib.colors import CMYKColorSep

        c.setFillColor(CMYKColorSep(0.6, 0.0, 1.0, 0.0, spotName="Green"))
    c.rect(20, 100, 60, 20, fill=1, stroke=0)
    c.save()
    assert pdfium_page(path) is None
    with pdfplumber.open(path) as pdf:
        pdfminer_fill = _rgb(pdf.pages[0].rects[0]["non_stroking_color"])
    assert pdfminer_fill == ("66FF00" if fill == "cmyk" else None)  # a tint read as grey
    expected, got = _read_both(path, monkeypatch)
    assert got == expected


def test_rgb_and_grey_pages_are_pdfiums(tmp_path: Path) -> None:
    """DeviceRGB and DeviceGray, set by operator or named by `cs`, are reported as they are."""
    path = tmp_path / "rgb.pdf"
    c = canvas(path)
    c.setFillColorRGB(0.57, 0.82, 0.31)
    c.rect(20, 100, 60, 20, fill=1, stroke=0)
    c.setFillGray(0.5)
    c.rect(20, 60, 60, 20, fill=1, stroke=0)
    c.save()
    plumber, ours = both(path)
    assert [_rgb(r["non_stroking_color"]) for r in ours["rect"]] == ["91D14F", "808080"]
    assert [_rgb(r["non_stroking_color"]) for r in plumber["rect"]] == ["91D14F", "808080"]
    named = one_page(b"20 150 Td (Named) Tj ET /DeviceRGB cs 1 0 0 sc 20 100 60 20 re f BT", [])
    path.write_bytes(hand_pdf(named))
    plumber, ours = both(path)
    assert _rgb(ours["rect"][0]["non_stroking_color"]) == "FF0000"


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_ligature_and_spaces(tmp_path: Path) -> None:
    """A ligature glyph: the same letters once normalised (PDFium may split it); spaces
    drawn in the string are characters for both."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    plumber, ours = one_line(tmp_path / "ligature.pdf", "DejaVu", 11, "sta\ufb00 o\ufb03ce")

    def text(objects: dict[str, Any]) -> str:
        return unicodedata.normalize("NFKC", "".join(ch["text"] for ch in objects["char"]))

    assert text(ours) == text(plumber) == "staff office"


def test_line_end_hyphen_is_the_hyphen_drawn(tmp_path: Path) -> None:
    """PDFium marks a hyphen ending a line as U+0002: read as the "-" drawn, as pdfminer."""
    path = tmp_path / "hyphen.pdf"
    c = canvas(path)
    c.setFont("Helvetica", 10)
    c.drawString(20, 150, "inter-")
    c.drawString(20, 138, "agency")
    c.save()
    plumber, ours = both(path)
    assert "".join(ch["text"] for ch in ours["char"]) == "inter-agency"
    assert "".join(ch["text"] for ch in plumber["char"]) == "inter-agency"


@pytest.mark.parametrize("objects", ["pdfminer", "pdfium"])
def test_check_box_without_as_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, objects: str
) -> None:
    """Widgets come from the page's /Annots whichever engine draws the page: a check box
    with /V and no /AS is ticked either way."""
    monkeypatch.setattr(reader, "SETTINGS", reader.PdfSettings(objects=objects))
    page = one_page(
        b"40 150 Td (Agreed) Tj",
        [widget(b"20 147 32 159", b"/FT /Btn /T (agree) /V /Yes")],
    )
    path = tmp_path / "no-as.pdf"
    path.write_bytes(hand_pdf(page))
    doc = reader.read_pdf(path)
    marks = [(m.checked, m.source) for p in doc.paragraphs for m in p.marks]
    assert marks == [(True, "acroform")]
    assert doc.paragraphs[0].text == "Agreed"


def test_pdfium_reader_matches_pdfminer_on_a_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole reader over one exported sample: the same FormDocument either way."""
    path = Path(__file__).resolve().parents[1] / "samples" / "pdf" / (
        "bscb2016-college-shaded-export.pdf"
    )
    expected, got = _read_both(path, monkeypatch)
    assert got == expected


def test_a_run_of_drawn_spaces_is_kept(tmp_path: Path) -> None:
    """PDFium's text page keeps only the first of a run of drawn spaces; the others are put
    back, one advance apart, as pdfminer has them (options split and struck by them)."""
    plumber, ours = one_line(tmp_path / "spaces.pdf", "Helvetica", 10, "Yes    No    Partial")
    assert "".join(ch["text"] for ch in ours["char"]) == "Yes    No    Partial"
    for a, b in zip(plumber["char"], ours["char"], strict=True):
        assert near(a, b, ("x0", "x1", "top", "bottom"))


@pytest.mark.parametrize(
    "text",
    [
        # A glyph marked with /ActualText (LibreOffice names so each Wingdings box it draws
        # with one substitute glyph): PDFium's text reads the replacement, pdfminer the glyph.
        b"20 150 Td /Span << /ActualText <FEFF2612> >> BDC (o) Tj EMC (k) Tj",
        b"20 150 Td [(Yes ) -2000 (    No)] TJ",  # spaces after a jump: where, not known
        b"20 150 Td (Item \\177 one) Tj",  # a code StandardEncoding leaves unmapped
    ],
)
def test_a_page_pdfium_reads_otherwise_is_read_by_pdfminer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: bytes
) -> None:
    path = tmp_path / "other.pdf"
    path.write_bytes(hand_pdf(one_page(text, [])))
    assert pdfium_page(path) is None
    expected, got = _read_both(path, monkeypatch)
    assert got == expected


def test_unused_winansi_codes_read_as_bullets_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WinAnsiEncoding's unused codes print as bullets (PDF standard, as PDFium reads them);
    pdfminer's table left them out ("(cid:127)"): "•" through both, and PDFium reads it."""
    content = b"BT /F1 10 Tf 20 150 Td (\\177 Policy \\201 Training) Tj ET"
    page = one_page(b"", [])
    page[2] = page[2].replace(b" /Annots []", b"")
    page[3] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    page[4] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    path = tmp_path / "bullets.pdf"
    path.write_bytes(hand_pdf(page))
    ours = pdfium_page(path)
    assert ours is not None
    assert "".join(ch["text"] for ch in ours["char"]) == "\u2022 Policy \u2022 Training"
    expected, got = _read_both(path, monkeypatch)
    assert got == expected
    assert expected.paragraphs[0].text == "\u2022 Policy \u2022 Training"
