"""The count of what a page's text operators draw (extractor/pdf/drawn_text.py) equals
pdfminer's characters: literal strings with escapes and nested brackets, hex strings, TJ
arrays, the font restored by Q, forms drawn by Do, inline images and comments passed over."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extractor.pdf.drawn_text import drawn_text
from tests.test_tick_fixtures import hand_pdf

FORM = b"BT /F1 10 Tf 5 5 Td (in a form  ) Tj ET"
CONTENT = (
    b"% a comment (not a string\n"
    b"BT /F1 10 Tf 20 150 Td (a \\(b\\) c\\040d) Tj [(e ) -120 <20 2066>] TJ ET\n"
    b"q BT /F2 9 Tf 20 120 Td (x (y) z) Tj ET Q\n"
    b"BT 20 100 Td (Tj after Q ) Tj 0 -12 Td ( quoted) ' 1 2 ( double) \" ET\n"
    b"q 10 0 0 10 50 50 cm BI /W 2 /H 1 /BPC 8 /CS /G ID \x20( Tj\x20 EI Q\n"
    b"/Fm1 Do"
)


def page_pdf(content: bytes) -> bytes:
    """One page with two fonts and a form holding text."""
    return hand_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /Fm1 7 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 100] /Length %d "
            b"/Resources << /Font << /F1 5 0 R >> >> >>\nstream\n" % len(FORM)
            + FORM
            + b"\nendstream",
        ]
    )


def test_the_count_is_pdfminers(tmp_path: Path) -> None:
    path = tmp_path / "drawn.pdf"
    path.write_bytes(page_pdf(CONTENT))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        drawn = drawn_text(page)
        spaces = sum(ch["text"] == " " for ch in page.chars)
    assert drawn is not None
    assert (drawn.spaces, drawn.unmapped) == (spaces, 0)
    assert spaces == 17


@pytest.mark.parametrize(
    "content", [b"BT /F9 10 Tf (unknown font) Tj ET", b"BT (no font yet) Tj ET"]
)
def test_text_the_count_cannot_follow_is_unsure(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "unsure.pdf"
    path.write_bytes(page_pdf(content))
    with pdfplumber.open(path) as pdf:
        assert drawn_text(pdf.pages[0]) is None
