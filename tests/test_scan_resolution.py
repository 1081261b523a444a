"""A page scanned finer than the reader needs is reduced to its working resolution before it
is read (extractor/scan/image.py: to_page); 200 dpi and coarser pages are left as they are."""

from __future__ import annotations

import numpy as np

from extractor.scan.image import to_page
from extractor.scan.settings import SETTINGS


def test_a_300_dpi_page_is_read_at_200_dpi() -> None:
    frame = np.full((3508, 2480), 250, np.uint8)  # A4 at 300 dpi
    page = to_page(frame, dpi=300.0)
    assert page.dpi == SETTINGS.dpi
    assert page.grey.shape == (round(3508 * 2 / 3), round(2480 * 2 / 3))


def test_200_and_150_dpi_pages_are_kept() -> None:
    for dpi, shape in ((200.0, (2339, 1654)), (150.0, (1754, 1240))):
        page = to_page(np.full(shape, 250, np.uint8), dpi=dpi)
        assert page.dpi == dpi
        assert page.grey.shape == shape
