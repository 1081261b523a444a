"""OLE2 compound files: password-protected Office files, legacy Word .doc and Excel .xls."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from extractor.convert import convert_with_soffice
from extractor.errors import PasswordProtectedError, UnsupportedFormatError
from extractor.files import sha256_of
from extractor.model import FormDocument

# Stream names as they appear (UTF-16LE) in the compound file's directory.
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
WORD = "WordDocument".encode("utf-16-le")
WORKBOOKS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
POWERPOINT = "PowerPoint Document".encode("utf-16-le")
SCAN_LIMIT = 64 * 1024 * 1024  # directory sectors lie within the file; a bound for huge files


def ole_kind(path: Path) -> str:
    """'encrypted', 'doc', 'xls', 'ppt' or 'unknown', from the directory entry names."""
    with path.open("rb") as fh:
        data = fh.read(SCAN_LIMIT)
    if ENCRYPTED in data:
        return "encrypted"
    if WORD in data:
        return "doc"
    if any(name in data for name in WORKBOOKS):
        return "xls"
    if POWERPOINT in data:
        return "ppt"
    return "unknown"


def read_ole(path: Path) -> FormDocument:
    kind = ole_kind(path)
    if kind == "encrypted":
        raise PasswordProtectedError(
            path, "the file is password-protected; ask the sender for an unprotected copy"
        )
    if kind == "doc":
        return _converted(path, "docx")
    if kind == "xls":
        from extractor.xlsx import read_xls

        return read_xls(path)
    if kind == "ppt":
        raise UnsupportedFormatError(path, "a PowerPoint file, not a Word, PDF or Excel return")
    raise UnsupportedFormatError(
        path, "an Office compound file that is not a Word or Excel document"
    )


def _converted(path: Path, ext: str) -> FormDocument:
    from extractor.docx import read_docx

    with tempfile.TemporaryDirectory(prefix="s11-doc-") as tmp:
        converted = convert_with_soffice(path, ext, Path(tmp))
        doc = read_docx(converted)
    source = dataclasses.replace(doc.source, file=path.name, sha256=sha256_of(path))
    doc.source = source
    doc.warnings.insert(0, f"converted from .{path.suffix.lstrip('.') or 'doc'} with LibreOffice")
    return doc
