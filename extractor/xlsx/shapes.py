"""Shapes, pictures and connectors drawn over a sheet (openpyxl drops the shapes): a circle
round an option, an arrow, a stamp. Each is kept on the cell its top-left corner is in, as an
annotation the mapping cannot explain (never read as an answer)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from extractor.model import Annotation
from extractor.xlsx.controls import parse_part, sheets_related

XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_ANCHORS = ("twoCellAnchor", "oneCellAnchor")
_KINDS = {"sp": "shape", "pic": "picture", "cxnSp": "line", "graphicFrame": "chart"}

# sheet part -> {(row, column) 1-based: annotations}
Shapes = dict[str, dict[tuple[int, int], list[Annotation]]]


def read_shapes(path: Path) -> Shapes:
    """Every drawing anchored on each sheet, by the cell its top-left corner is in."""
    found: Shapes = {}
    with zipfile.ZipFile(path) as zf:
        for sheet, related in sheets_related(zf, path):
            for kind, _, part in related:
                if kind.endswith("/drawing"):
                    _drawing(parse_part(zf, path, part), found.setdefault(sheet, {}))
    return found


def _drawing(root: object, into: dict[tuple[int, int], list[Annotation]]) -> None:
    if root is None:
        return
    for tag in _ANCHORS:
        for anchor in root.iter(f"{{{XDR_NS}}}{tag}"):  # type: ignore[attr-defined]
            start = anchor.find(f"{{{XDR_NS}}}from")
            if start is None:
                continue
            row = _int(start.findtext(f"{{{XDR_NS}}}row"))
            col = _int(start.findtext(f"{{{XDR_NS}}}col"))
            for child in anchor:
                name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
                if name in _KINDS:
                    geom = child.find(f".//{{{A_NS}}}prstGeom")
                    what = geom.get("prst") if geom is not None and name == "sp" else None
                    into.setdefault((row + 1, col + 1), []).append(
                        Annotation("drawing", what or _KINDS[name])
                    )


def _int(text: str | None) -> int:
    return int(text) if text and text.strip().isdigit() else 0
