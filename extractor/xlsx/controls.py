"""Legacy form-control checkboxes and option buttons in a workbook (openpyxl drops them).

Each control is described in the sheet's legacy VML drawing (x:ClientData with its anchor
cells, x:Checked and x:FmlaLink) and, in newer files, xl/ctrlProps/*.xml (checked="Checked").
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from extractor.safety import check_xml_bytes

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
X_NS = "urn:schemas-microsoft-com:office:excel"
V_NS = "urn:schemas-microsoft-com:vml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


@dataclass(frozen=True)
class Control:
    sheet_part: str  # "xl/worksheets/sheet1.xml"
    row: int  # 1-based cell the control sits over
    column: int  # 1-based
    checked: bool
    label: str | None
    link: str | None  # linked cell, "$B$7" or "Sheet1!$B$7"


def read_controls(path: Path) -> list[Control]:
    """Every checkbox/option button with the cell it sits over."""
    controls: list[Control] = []
    with zipfile.ZipFile(path) as zf:
        for sheet, related in sheets_related(zf, path):
            props = _ctrl_props(zf, path, sheet, related)
            for kind, _, part in related:
                if kind.endswith("vmlDrawing"):
                    controls += _from_vml(zf, path, part, sheet, props)
    return controls


def parse_part(zf: zipfile.ZipFile, path: Path, part: str) -> Any:
    """A part parsed after the DTD/entity check; None when it holds no element."""
    data = zf.read(part)
    check_xml_bytes(path, part, data)
    return etree.fromstring(data, _PARSER)


def sheets_related(
    zf: zipfile.ZipFile, path: Path
) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """Each worksheet part with relationships, and those relationships (`sheet_relationships`)."""
    names = set(zf.namelist())
    for sheet in sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)):
        rels = posixpath.join("xl/worksheets/_rels", posixpath.basename(sheet) + ".rels")
        if rels in names:
            yield sheet, sheet_relationships(zf, path, rels, names)


def sheet_relationships(
    zf: zipfile.ZipFile, path: Path, rels: str, names: set[str]
) -> list[tuple[str, str, str]]:
    """(type, id, part) of a sheet's relationships whose target part exists."""
    root = parse_part(zf, path, rels)
    found = []
    for r in root.iter(f"{{{REL_NS}}}Relationship") if root is not None else []:
        target = r.get("Target", "")
        # A target is relative to the sheet's folder, or absolute from the package root.
        relative = not target.startswith("/")
        part = posixpath.normpath(
            posixpath.join("xl/worksheets", target) if relative else target.lstrip("/")
        )
        if part in names:
            found.append((r.get("Type", ""), r.get("Id", ""), part))
    return found


def _ctrl_props(
    zf: zipfile.ZipFile, path: Path, sheet: str, related: list[tuple[str, str, str]]
) -> dict[str, tuple[bool, str | None]]:
    """Newer files keep each control's state in xl/ctrlProps/*.xml, tied to its VML shape by
    the sheet's <control shapeId=… r:id=…>: shape id -> (checked, linked cell)."""
    parts = {rid: part for kind, rid, part in related if kind.endswith("ctrlProp")}
    root = parse_part(zf, path, sheet) if parts else None
    found: dict[str, tuple[bool, str | None]] = {}
    for control in root.iter(f"{{{MAIN_NS}}}control") if root is not None else []:
        part = parts.get(control.get(f"{{{R_NS}}}id", ""))
        prop = parse_part(zf, path, part) if part else None
        if prop is None:
            continue
        checked = (prop.get("checked") or "").lower() in ("checked", "1", "true")
        found[f"_x0000_s{control.get('shapeId', '')}"] = (checked, prop.get("fmlaLink"))
    return found


def _from_vml(
    zf: zipfile.ZipFile,
    path: Path,
    part: str,
    sheet: str,
    props: dict[str, tuple[bool, str | None]],
) -> list[Control]:
    root = parse_part(zf, path, part)
    if root is None:
        return []
    found: list[Control] = []
    for shape in root.iter(f"{{{V_NS}}}shape"):
        client = shape.find(f"{{{X_NS}}}ClientData")
        if client is None or client.get("ObjectType") not in ("Checkbox", "Radio"):
            continue
        anchor = client.findtext(f"{{{X_NS}}}Anchor") or ""
        numbers = [int(n) for n in re.findall(r"\d+", anchor)]
        if len(numbers) < 8:
            continue
        col1, _, row1, _, col2, _, row2, _ = numbers[:8]
        checked = (client.findtext(f"{{{X_NS}}}Checked") or "0").strip() in ("1", "2")
        box = shape.find(f"{{{V_NS}}}textbox")
        label = " ".join("".join(box.itertext()).split()) or None if box is not None else None
        link = client.findtext(f"{{{X_NS}}}FmlaLink")
        if shape.get("id") in props:  # the control properties part is the newer, fuller record
            checked, prop_link = props[shape.get("id", "")]
            link = link or prop_link
        found.append(
            Control(
                sheet,
                (row1 + row2) // 2 + 1,
                (col1 + col2) // 2 + 1,
                checked,
                label,
                link.strip() if link else None,
            )
        )
    return found
