"""The glass or desk around a scanned sheet (extractor/scan/image.py: clear_surround): painted
over so its edge is no table rule, while the sheet's own dark cells are kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from extractor.dispatch import read_document
from extractor.scan.image import Page, clear_surround
from tests.scan_fixtures import form


def _on_glass(image: np.ndarray) -> np.ndarray:
    """The page shrunk and shifted on dark scanner glass, the lid's dark edge along the top."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 0.0, 0.96)
    matrix[:, 2] += (-30, 25)
    out = cv2.warpAffine(image, matrix, (w, h), borderValue=(70, 70, 70))
    out[:14] = 55
    return out


def test_the_glass_is_painted_over_and_dark_cells_are_kept() -> None:
    grey = np.full((1100, 850), 245, np.uint8)
    grey[300:360, 200:600] = 90  # a dark header cell on the sheet
    grey[:, :40] = 60  # the glass the sheet did not cover
    grey[:20, :] = 60
    cleared = clear_surround(Page(grey=grey, colour=None, dpi=100)).grey
    assert cleared[:20].min() > 200
    assert cleared[:, :40].min() > 200
    assert int(cleared[330, 400]) == 90


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract OCR is not installed")
def test_a_sheet_on_dark_glass_reads_as_the_form(tmp_path: Path) -> None:
    path = tmp_path / "glass.png"
    cv2.imwrite(str(path), _on_glass(form([0, 2, -1])))
    doc = read_document(path)
    table = doc.tables[0]
    assert [len(r.cells) for r in table.rows] == [6, 6, 6, 6]
    assert [[m.checked for c in r.cells for m in c.marks] for r in table.rows[1:]] == [
        [True, False, False], [False, False, True], [False, False, False]]
