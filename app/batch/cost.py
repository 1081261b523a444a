"""How long a return will take, guessed from its bytes alone, so a cluster run can start the
longest first (scans by page count) and not end waiting on one late scan.

The driver reads no file with a parser (a hostile file must not stop the run before any
limit applies): PDF pages are counted from their page objects, TIFF pages by walking the
chain of image directories, and a PDF with images but no fonts is taken for a scan.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from app.batch.settings import SETTINGS, ClusterSettings

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def estimated_seconds(path: Path, settings: ClusterSettings = SETTINGS) -> float:
    """Seconds one core is expected to spend on the file (an order, not a promise)."""
    suffix = path.suffix.lower()
    try:
        if suffix in IMAGE_SUFFIXES:
            return tiff_pages(path, settings) * settings.scan_page_seconds
        if suffix == ".pdf":
            pages, scanned = pdf_pages(path, settings)
            per_page = settings.scan_page_seconds if scanned else settings.pdf_page_seconds
            return pages * per_page
    except OSError:
        return 0.0  # unreadable: it fails fast on the worker
    return settings.office_seconds


def pdf_pages(path: Path, settings: ClusterSettings = SETTINGS) -> tuple[int, bool]:
    """(pages, looks scanned) from the raw bytes."""
    data = path.read_bytes()
    pages = len(_PAGE.findall(data)) or max(1, len(data) // settings.bytes_per_pdf_page)
    return pages, b"/Font" not in data and b"/Image" in data


def tiff_pages(path: Path, settings: ClusterSettings = SETTINGS) -> int:
    """Image directories in a TIFF (1 for any other image or a damaged TIFF)."""
    with path.open("rb") as f:
        head = f.read(8)
        order = {b"II": "<", b"MM": ">"}.get(head[:2])
        if order is None or len(head) < 8:
            return 1
        (offset,) = struct.unpack(order + "I", head[4:8])
        seen: set[int] = set()
        while offset and offset not in seen and len(seen) < settings.max_tiff_pages:
            seen.add(offset)
            f.seek(offset)
            count_bytes = f.read(2)
            if len(count_bytes) < 2:
                break
            (entries,) = struct.unpack(order + "H", count_bytes)
            f.seek(offset + 2 + 12 * entries)
            next_bytes = f.read(4)
            if len(next_bytes) < 4:
                break
            (offset,) = struct.unpack(order + "I", next_bytes)
        return max(1, len(seen))
