"""Sniff a file's format from its bytes and hand it to the reader for that format."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from extractor.errors import DamagedFileError, EmptyFileError, UnsupportedFormatError
from extractor.model import FormDocument

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


def _reader(kind: Kind) -> Callable[[Path], FormDocument]:
    # Imported lazily: start-up stays fast and one format's library never loads for another.
    if kind == "docx":
        from extractor.docx import read_docx

        return read_docx
    if kind == "xlsx":
        from extractor.xlsx import read_xlsx

        return read_xlsx
    if kind == "pdf":
        from extractor.pdf import read_pdf

        return read_pdf
    if kind == "ole":
        from extractor.legacy import read_ole

        return read_ole
    if kind == "image":
        from extractor.scan import read_scan

        return read_scan
    raise AssertionError(kind)


def _refuse_own_report(path: Path, kind: Kind) -> None:
    """s11's own gap workbook, board summary and pages are never read as returns."""
    if kind not in ("xlsx", "unknown"):
        return
    from extractor.own_reports import check_page, check_workbook

    if kind == "unknown":
        with path.open("rb") as fh:
            check_page(path, fh.read(4096))
        return
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader reports the damage
    with zf:
        check_workbook(path, zf)


def read_document(path: Path | str) -> FormDocument:
    """Read any supported return into a FormDocument, or raise a DocumentLoadError."""
    path = Path(path)
    if path.is_dir():
        raise UnsupportedFormatError(path, "is a folder: use s11 batch")
    if not path.is_file():
        raise UnsupportedFormatError(path, "no such file")
    kind = sniff(path)
    _refuse_own_report(path, kind)
    if kind == "unknown":
        raise UnsupportedFormatError(path, NOT_READ)
    try:
        document = _reader(kind)(path)
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        # A member whose bytes fail their CRC or do not inflate: found only while reading.
        raise DamagedFileError(path, f"the file is damaged and cannot be read ({e})") from e
    if not document.fields:
        from extractor.fields import collect_fields

        document.fields = collect_fields(document)
    return document
