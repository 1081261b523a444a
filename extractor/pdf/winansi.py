"""WinAnsiEncoding's unused codes read as the bullet they print as.

The PDF standard (ISO 32000-1, Annex D, note 5 of D.2) has every unused WinAnsiEncoding code
above 40 octal print as a bullet, as PDFium reads it; pdfminer's table leaves them out and
reads them as "(cid:127)". A Word bullet list saved through some exporters is drawn so.
"""

from __future__ import annotations

UNUSED = (0o177, 0o201, 0o215, 0o217, 0o220, 0o235)
BULLET = "\u2022"


def unused_codes_as_bullets() -> None:
    """Add the six codes to pdfminer's WinAnsiEncoding table (once; a code it maps is kept)."""
    from pdfminer.encodingdb import EncodingDB

    for code in UNUSED:
        EncodingDB.win2unicode.setdefault(code, BULLET)
