"""An uploaded file's two names: the one shown to reviewers (the sender's own, cleaned) and
the one it is stored under (safe on disk, with the suffix of the kind its bytes are)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# The suffixes each sniffed kind may keep; any other gets the kind's own added.
KIND_SUFFIXES = {
    "docx": (".docx", ".docm"),
    "xlsx": (".xlsx", ".xlsm"),
    "pdf": (".pdf",),
    "ole": (".doc", ".xls"),
    "image": (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
}
UNSAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")
# Unicode categories never shown: controls (NUL, CR, escape), format characters (the
# right-to-left override that makes `report\u202excod.exe` read `reportexe.docx`, zero-width
# joiners, bidi isolates), surrogates and private use.
HIDDEN = ("Cc", "Cf", "Cs", "Co")
SHOWN_MAX = 200


def shown_name(name: str) -> str:
    """The file's own name as reviewers see it: no folders, no invisible or reordering
    characters, spaces collapsed, at most SHOWN_MAX characters."""
    base = re.split(r"[\\/]", name)[-1]
    visible = "".join(ch for ch in base if unicodedata.category(ch) not in HIDDEN)
    return " ".join(visible.split())[:SHOWN_MAX] or "return"


def stored_name(name: str, kind: str) -> str:
    """The name it is kept under: safe characters only, and a suffix that agrees with the
    sniffed kind (`book.pdf` holding a workbook is kept as `book.pdf.xlsx`)."""
    base = shown_name(name).lstrip(".")
    base = UNSAFE.sub("_", base)[:100] or "return"
    if Path(base).suffix.lower() not in KIND_SUFFIXES.get(kind, ()):
        base += KIND_SUFFIXES.get(kind, (".bin",))[0]
    return base
