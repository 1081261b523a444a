"""s11's own reports carry a marker, so that they are refused instead of read as returns.

The workbooks s11 writes (gaps.xlsx, summary.xlsx) hold a custom document property named
`MARKER` whose value says which report it is; its HTML pages carry
`<meta name="generator" content="s11 …">`. Reading either is refused with OwnReportError.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from extractor.errors import OwnReportError

MARKER = "s11 report"  # custom document property name in s11's workbooks
GENERATOR = "s11"  # content of <meta name="generator"> starts with this word
CUSTOM_PART = "docProps/custom.xml"
MAX_PART_BYTES = 1 << 20  # a custom properties part larger than this is not ours
_PROPERTY = re.compile(
    rb'<(?:\w+:)?property\b[^>]*\bname="' + re.escape(MARKER.encode()) + rb'"[^>]*>\s*'
    rb"<(?:\w+:)?lpwstr\b[^>]*>([^<]{0,200})</"
)
_META = re.compile(rb"<meta\s+name=[\"']generator[\"']\s+content=[\"']s11\b", re.IGNORECASE)


def check_workbook(path: Path, zf: zipfile.ZipFile) -> None:
    """Raise OwnReportError when the workbook carries s11's report marker."""
    try:
        info = zf.getinfo(CUSTOM_PART)
    except KeyError:
        return
    if info.file_size > MAX_PART_BYTES:
        return
    try:
        data = zf.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        return  # the reader reports the damage
    found = _PROPERTY.search(data)
    if found is not None:
        what = found.group(1).decode("utf-8", "replace").strip() or "report"
        raise OwnReportError(path, f"an s11 report, not a return (the {what})")


def check_page(path: Path, head: bytes) -> None:
    """Raise OwnReportError when the start of a file is an HTML page s11 wrote."""
    if _META.search(head):
        raise OwnReportError(path, "an s11 report, not a return (an s11 HTML page)")
