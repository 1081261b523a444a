"""Hand a file to the reader for its sniffed kind; s11's own reports are refused first."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from extractor.errors import DamagedFileError, UnsupportedFormatError
from extractor.files import NOT_READ, Kind, sniff
from extractor.model import FormDocument


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
