"""The scan reader end to end on small drawn pages: grid, merged cells, boxes, text, fills,
deskew, orientation, multi-page TIFF, a mixed PDF, and one clear line for what is no form."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from extractor.dispatch import read_document
from extractor.errors import DamagedFileError, ScannedDocumentError, UnreadableScanError
from extractor.model import FormDocument, Mark
from mappings.vocab import colour_family
from tests.docmodel import C, yes_no_partial
from tests.scan_fixtures import form
from tests.test_mapping import HEADER, ITEMS, read

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract OCR is not installed"
)


def boxes_of(doc: FormDocument) -> list[list[bool]]:
    """Each body row's box states, left to right."""
    table = doc.tables[0]
    return [[m.checked for c in row.cells for m in c.marks] for row in table.rows[1:]]


@pytest.fixture(scope="module")
def colour_form(tmp_path_factory: pytest.TempPathFactory) -> FormDocument:
    path = tmp_path_factory.mktemp("scan") / "form.png"
    cv2.imwrite(str(path), form([0, 2, -1], fills=True, angle=1.5))
    return read_document(path)


@needs_tesseract
def test_grid_boxes_text_and_fill_of_a_skewed_colour_scan(colour_form: FormDocument) -> None:
    doc = colour_form
    assert doc.source.format == "image"
    table = doc.tables[0]
    assert len(table.rows) == 4
    assert [len(r.cells) for r in table.rows] == [6, 6, 6, 6]
    assert boxes_of(doc) == [[True, False, False], [False, False, True], [False, False, False]]
    assert all(m.source == "scan" and m.confidence >= 0.9 for r in table.rows
               for c in r.cells for m in c.marks)
    assert "named safeguarding lead" in table.rows[1].cells[1].text
    assert table.rows[1].cells[5].text == "Named lead since 2023"
    header_fill = table.rows[0].cells[1].fill
    assert header_fill is not None
    assert colour_family(header_fill) == "green"


@needs_tesseract
def test_a_cell_merged_down_is_read_once_and_continued(colour_form: FormDocument) -> None:
    rows = colour_form.tables[0].rows
    assert rows[2].cells[5].row_span == 2
    assert rows[2].cells[5].text == "Annual training log"
    assert rows[3].cells[5].continued


@needs_tesseract
def test_grey_jpeg_and_multi_page_tiff(tmp_path: Path) -> None:
    from PIL import Image

    grey = cv2.cvtColor(form([1, -1, 2]), cv2.COLOR_BGR2GRAY)
    ok, data = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert ok
    jpeg = tmp_path / "return.jpg"
    jpeg.write_bytes(data.tobytes())
    assert boxes_of(read_document(jpeg)) == [[False, True, False], [False] * 3, [False, False, True]]
    tif = tmp_path / "return.tif"
    turned = [cv2.rotate(grey, cv2.ROTATE_180), cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE)]
    pages = [Image.fromarray(p) for p in (grey, *turned)]
    pages[0].save(tif, "TIFF", save_all=True, append_images=pages[1:])
    doc = read_document(tif)
    assert doc.source.pages == 3
    # The second page was upside down, the third sideways: turned, then read like the first.
    for number in (1, 2, 3):
        rows = [r for t in doc.tables for r in t.rows if r.cells[0].provenance.page == number]
        marks = [[m.checked for c in r.cells for m in c.marks] for r in rows]
        marks = [m for m in marks if m]  # the header (dropped where it repeats) has none
        assert marks == [[False, True, False], [False] * 3, [False, False, True]], number


@needs_tesseract
def test_mixed_pdf_text_page_and_scanned_page(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    ok, png = cv2.imencode(".png", form([2, 0, -1]))
    assert ok
    path = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4))
    pdf.drawString(72, 500, "Section 11 return: cover note typed on page one")
    pdf.showPage()
    width, _ = landscape(A4)
    pdf.drawImage(ImageReader(io.BytesIO(png.tobytes())), 0, 0, width, width * 1000 / 1654)
    pdf.showPage()
    pdf.save()
    doc = read_document(path)
    assert doc.source.format == "pdf"
    assert any("cover note" in p.text for p in doc.paragraphs)
    assert boxes_of(doc) == [[False, False, True], [True, False, False], [False] * 3]
    assert doc.tables[0].page == 2


@needs_tesseract
@pytest.mark.parametrize(
    ("name", "make", "problem"),
    [
        ("blank.png", lambda: np.full((1600, 1200), 245, np.uint8), "is blank"),
        ("photo.jpg", lambda: _photo(), "is not a form"),
        ("blurred.png", lambda: cv2.GaussianBlur(form([0, 1, 2]), (0, 0), 7), "scanned page 1"),
    ],
)
def test_what_is_no_form_fails_with_one_line(
    tmp_path: Path, name: str, make: object, problem: str
) -> None:
    path = tmp_path / name
    assert callable(make)
    cv2.imwrite(str(path), make())
    with pytest.raises(ScannedDocumentError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{name}: ")
    assert problem in message
    assert "\n" not in message


def _photo() -> np.ndarray:
    """A photo of something else: soft shapes, no ruling, no words."""
    rng = np.random.default_rng(3)
    img = np.zeros((1200, 1600, 3), np.uint8)
    img[:] = (120, 160, 200)
    for _ in range(12):
        centre = (int(rng.integers(0, 1600)), int(rng.integers(0, 1200)))
        colour = tuple(int(v) for v in rng.integers(0, 255, 3))
        cv2.circle(img, centre, int(rng.integers(40, 200)), colour, -1)
    return cv2.GaussianBlur(img, (0, 0), 4)


def test_a_blank_image_only_pdf_still_says_it_is_a_scan(tmp_path: Path) -> None:
    from tests.test_pdf_reader import test_image_only_pdf_is_a_scan

    test_image_only_pdf_is_a_scan(tmp_path)


def test_damaged_image_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "torn.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(DamagedFileError) as info:
        read_document(path)
    assert str(info.value).startswith("torn.png: the image is damaged")


def test_tiny_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "thumb.png"
    cv2.imwrite(str(path), np.full((200, 150), 250, np.uint8))
    with pytest.raises(UnreadableScanError, match="too small"):
        read_document(path)


def test_an_unclear_scanned_box_makes_the_item_unsure() -> None:
    # The reader reports an ambiguous box with a low confidence; the item must say so.
    cell = yes_no_partial("Yes")
    doc_rows = [HEADER, [f"1.1 {ITEMS['1.1']}", cell, "Named DSL", "", ""]]
    items, _ = read(doc_rows)
    assert items["1.1"].confidence is not None
    assert items["1.1"].confidence >= 0.9
    unsure = C(cell.text, marks=cell.marks, source="scan")
    items, _ = _read_with(doc_rows, unsure, 0.5)
    assert items["1.1"].response == "yes"
    assert items["1.1"].confidence is not None
    assert items["1.1"].confidence < 0.9
    assert "unclear" in items["1.1"].doubt


def _read_with(rows: list[list[C | str]], cell: C, confidence: float):  # type: ignore[no-untyped-def]
    """`read` with the second row's box cell carrying scanned marks of this confidence."""
    import tests.test_mapping as tm
    from tests import docmodel

    original = docmodel.make_doc

    def patched(*blocks):  # type: ignore[no-untyped-def]
        doc = original(*blocks)
        target = doc.tables[0].rows[1].cells[1]
        target.marks = [
            replace(m, source="scan", confidence=confidence if n == 2 else 1.0)
            for n, m in enumerate(target.marks)
        ]
        assert all(isinstance(m, Mark) for m in target.marks)
        return doc

    tm.make_doc = patched  # type: ignore[attr-defined]
    try:
        return read(rows)
    finally:
        tm.make_doc = original  # type: ignore[attr-defined]


@needs_tesseract
def test_phone_photo_with_mild_perspective_and_uneven_light(tmp_path: Path) -> None:
    img = form([0, 2, 1])
    h, w = img.shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    seen = np.float32([[w * 0.03, h * 0.03], [w * 0.985, 0], [w, h], [0, h * 0.97]])
    photo = cv2.warpPerspective(
        img, cv2.getPerspectiveTransform(corners, seen), (w, h), borderValue=(250, 250, 250)
    ).astype(np.float32)
    photo *= np.linspace(0.75, 1.0, w)[None, :, None]  # light falling off across the page
    path = tmp_path / "photo.jpg"
    cv2.imwrite(str(path), np.clip(photo, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert boxes_of(read_document(path)) == [[True, False, False], [False, False, True],
                                             [False, True, False]]


@needs_tesseract
def test_uneven_light_is_not_read_as_shading(tmp_path: Path) -> None:
    # Light falling off toward one side (a third darker there): the plain cells stay plain,
    # the header keeps its green.
    image = form([0, 2, -1], fills=True).astype(np.float32)
    width = image.shape[1]
    image *= np.linspace(1.0, 0.68, width, dtype=np.float32)[None, :, None]
    path = tmp_path / "dim.png"
    cv2.imwrite(str(path), np.clip(image, 0, 255).astype(np.uint8))
    table = read_document(path).tables[0]
    assert colour_family(table.rows[0].cells[1].fill or "") == "green"
    assert [c.fill for r in table.rows[1:] for c in r.cells] == [None] * 18


@needs_tesseract
def test_a_typed_x_alone_in_its_cell_is_read(tmp_path: Path) -> None:
    # Tesseract's sparse pass over the page drops a single letter; the cell's strokes are
    # read again on their own, enlarged, and the X marks its option. A blank row stays blank.
    from tests.scan_fixtures import typed_x_form

    path = tmp_path / "x.png"
    cv2.imwrite(str(path), typed_x_form([0, 2, -1]))
    rows = read_document(path).tables[0].rows[1:]
    assert [[bool(c.marks and c.marks[0].checked) for c in r.cells[2:]] for r in rows] == [
        [True, False, False], [False, False, True], [False, False, False]
    ]
