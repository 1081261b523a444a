"""PDFium's page objects (extractor/pdf/pdfium_objects.py) against pdfplumber's own parse of
the same page: the same characters, boxes, drawings and colours under pdfplumber's keys, and
one fixture per known difference (ligatures, spaces, rotated pages, CMYK fills, ReportLab's
standard fonts, check boxes without /AS, line-end hyphens)."""

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


def test_cmyk_fill_is_converted_by_pdfium(tmp_path: Path) -> None:
    """A known difference: pdfminer keeps the CMYK components (the reader converts them
    naively, 66FF00 here), PDFium gives only its own colour-managed RGB (a duller green),
    so CMYK fills read differently through PDFium: one reason it is not the default."""
    path = tmp_path / "cmyk.pdf"
    c = canvas(path)
    c.setFillColorCMYK(0.6, 0.0, 1.0, 0.0)
    c.rect(20, 100, 60, 20, fill=1, stroke=0)
    c.save()
    plumber, ours = both(path)
    assert plumber["rect"][0]["non_stroking_color"] == (0.6, 0.0, 1.0, 0.0)
    assert _rgb(plumber["rect"][0]["non_stroking_color"]) == "66FF00"
    red, green, blue = ours["rect"][0]["non_stroking_color"]
    assert green > max(red, blue)
    assert _rgb((red, green, blue)) != "66FF00"


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_ligature_and_spaces(tmp_path: Path) -> None:
    """A ligature glyph: the same letters once normalised (PDFium may split it); spaces
    drawn in the string are characters for both."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    path = tmp_path / "ligature.pdf"
    c = canvas(path)
    c.setFont("DejaVu", 11)
    c.drawString(20, 150, "sta\ufb00 o\ufb03ce")
    c.save()
    plumber, ours = both(path)

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
    monkeypatch.setattr(reader, "SETTINGS", reader.PdfSettings(objects="pdfminer"))
    expected = reader.read_pdf(path)
    monkeypatch.setattr(reader, "SETTINGS", reader.PdfSettings(objects="pdfium"))
    assert reader.read_pdf(path) == expected
