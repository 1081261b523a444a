"""The time a batch gives one file: the per-file limit (`--timeout`, 120 s by default) and,
for a file that may be scanned (a PDF, a TIFF or another image), SCAN_SECONDS_PER_PAGE more
for each of its pages: OCR costs about 2 s a page of CPU, three times that on a loaded
machine, so a 20-page scan gets 120 + 20 x 6 = 240 s. The pages are counted cheaply and
without a reader (the parent must never hang on a hostile file)."""

from __future__ import annotations

import re
from pathlib import Path

SCAN_SECONDS_PER_PAGE = 6.0
MAX_PAGES_COUNTED = 60  # the scan reader reads no more (extractor/scan/settings.py)
PDF_BYTES_COUNTED = 64 * 1024 * 1024
_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
_IMAGE = frozenset({".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".webp"})


def file_limit(path: Path, timeout: float) -> float:
    """Seconds allowed for `path`: `timeout`, plus time for each page it may have scanned."""
    return timeout + SCAN_SECONDS_PER_PAGE * scanned_pages(path)


def scanned_pages(path: Path) -> int:
    """Pages that may need OCR: a PDF's page objects, a TIFF's frames, 1 for another image,
    0 for other files (or when they cannot be counted)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            with path.open("rb") as f:
                data = f.read(PDF_BYTES_COUNTED)
            return min(MAX_PAGES_COUNTED, max(1, len(_PDF_PAGE.findall(data))))
        if suffix in (".tif", ".tiff"):
            from PIL import Image

            with Image.open(path) as image:
                return min(MAX_PAGES_COUNTED, max(1, int(getattr(image, "n_frames", 1))))
    except Exception:  # a file that cannot be counted gets one page's time
        return 1
    return 1 if suffix in _IMAGE else 0
