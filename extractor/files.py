"""A file before its reader: its kind, sniffed from the bytes (never the suffix), and its hash."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Literal

from extractor.errors import EmptyFileError, UnsupportedFormatError

Kind = Literal["docx", "xlsx", "pdf", "ole", "image", "unknown"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# PNG, JPEG, TIFF (both byte orders): scanned or photographed returns.
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

# Bytes of no format s11 reads.
NOT_READ = "not a Word (.docx/.doc), PDF, Excel (.xlsx/.xls) or image (.png/.jpg/.tif) file"


def sniff(path: Path) -> Kind:
    """The container kind, from the bytes, never the extension."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise EmptyFileError(path, "the file is empty (0 bytes)")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(IMAGE_MAGICS):
        return "image"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as e:
            raise UnsupportedFormatError(path, f"damaged zip container ({e})") from e
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            return "xlsx"
        return "unknown"
    return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
