"""A PDF whose page tree pdfminer cannot follow (a broken or stale cross-reference table, pages
kept in object streams it misses) rewritten by PDFium, which rebuilds the table on opening, so
that pdfplumber reads the same pages a PDF viewer shows."""

from __future__ import annotations

import io
from pathlib import Path

MAX_BYTES = 64 << 20  # files larger than this are not rewritten in memory


def repaired_copy(path: Path) -> io.BytesIO | None:
    """The document re-saved by PDFium, or None when PDFium cannot open it or finds no page."""
    if path.stat().st_size > MAX_BYTES:
        return None
    try:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(path), password="")
        try:
            if len(document) == 0:
                return None
            buffer = io.BytesIO()
            document.save(buffer)
        finally:
            document.close()
    except Exception:  # pypdfium2 raises PdfiumError and others on damaged files
        return None
    buffer.seek(0)
    return buffer
