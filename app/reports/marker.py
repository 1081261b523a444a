"""The marker on every report s11 writes (see extractor/own_reports.py), so it is never read
back as a return: a custom document property in workbooks, a generator meta tag in pages."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from extractor.own_reports import GENERATOR, MARKER


@cache
def generator() -> str:
    """'s11 0.1.0' (read from the package metadata once: a batch writes a page per return)."""
    try:
        return f"{GENERATOR} {version('s11')}"
    except PackageNotFoundError:
        return GENERATOR


def mark_workbook(wb: Any, what: str) -> None:
    """Tag an openpyxl workbook as s11's `what` ("gap workbook", "board summary")."""
    from openpyxl.packaging.custom import StringProperty

    wb.custom_doc_props.append(StringProperty(name=MARKER, value=what))
    wb.properties.creator = generator()


def meta_tag() -> str:
    """The <meta> that marks an HTML page as s11's."""
    return f"<meta name='generator' content='{generator()}'>"
