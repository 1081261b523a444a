"""Build Excel returns from a ReturnSpec: the layouts and marks people use in spreadsheets.

Layouts: one row per criterion with one column per option, or with a single response column;
one sheet per standard; criteria in merged cells. Marks: typed words and dropdown choices,
x / tick glyphs, solid and pattern fills from rgb, indexed and theme colours, TRUE/FALSE cells,
and legacy form controls (check boxes and option buttons, in VML and xl/ctrlProps, which
openpyxl cannot write, so they are added to the saved package).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gen.build import FILLS, TYPED, _ordered
from gen.spec import ItemSpec, ReturnSpec
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mappings.toolkits.schema import Item, Toolkit

FIXED = dt.datetime(2025, 2, 14, 9, 0, 0)
LABELS = {
    "wt2023": [("yes", "Yes"), ("no", "No"), ("partial", "Partial")],
    "gp2014": [("not_met", "Not met"), ("partially_met", "Partially met"), ("fully_met", "Fully met")],
    "bscb2016": [("blue", "Blue"), ("green", "Green"), ("amber", "Amber"), ("red", "Red"),
                 ("na", "N/A")],
}
HEADERS = {
    "wt2023": ("Compliance Criteria", "Describe how your organisation is assured that this "
               "standard is met.", "Provide details on plans to meet or improve these criteria."),
    "gp2014": ("Areas of compliance", "Actual Evidence", "Action required. Timescale"),
    "bscb2016": ("Standard", "Evidence of impact and outcomes", "Actions Required"),
}
RESPONSE_HEADER = {"wt2023": "Yes/No/Partial?", "gp2014": "Rating", "bscb2016": "Current Rating"}
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
# Theme colours of the theme openpyxl writes (Office 2007): 6 is accent3 (9BBB59, green),
# 9 accent6 (F79646, orange; lightened 40% here). Not met uses the indexed palette.
THEME_FILLS = {"fully_met": (6, 0.0), "partially_met": (9, 0.4), "not_met": None}
INDEXED_FILLS = {"not_met": 10, "partially_met": 51, "fully_met": 17}  # red, gold, green


@dataclass
class Control:
    """A legacy form control to add to a sheet: where it sits and what it says."""

    sheet: int  # 1-based sheet number
    row: int  # 1-based cell it sits over
    column: int
    checked: bool
    kind: str = "Checkbox"  # or "Radio"
    label: str = ""
    link: str | None = None  # linked cell, e.g. "$K$7"
    state_in_ctrlprops_only: bool = False  # newer files: VML without x:Checked


@dataclass
class Book:
    """A workbook being built, with the controls to add after saving."""

    wb: Workbook
    controls: list[Control] = field(default_factory=list)


def new_book() -> Book:
    wb = Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = "s11 samples"
    wb.properties.created = wb.properties.modified = FIXED
    return Book(wb)


def header_block(ws: Worksheet, rs: ReturnSpec, title: str) -> None:
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    for key, value in (("Organisation", rs.organisation), ("Completed by", rs.completed_by),
                       ("Date completed", rs.date)):
        ws.append([key, value])
    ws.append([])


def widths(ws: Worksheet, sizes: dict[str, int]) -> None:
    for column, width in sizes.items():
        ws.column_dimensions[column].width = width


def crit(item: Item, spec: ItemSpec) -> str:
    return spec.text or item.text


def number(item: Item, spec: ItemSpec) -> str:
    return item.id if spec.number is None else spec.number


def typed_answer(toolkit: str, spec: ItemSpec, style: str) -> str:
    """The word an agency types for its answer; `style` picks full words or short forms."""
    if spec.answer is None:
        return ""
    if toolkit == "bscb2016":
        word = {"blue": "Blue", "green": "Green", "amber": "Amber", "red": "Red", "na": "N/A"}
        short = {"blue": "B", "green": "G", "amber": "A", "red": "R", "na": "n/a"}
        return (short if style == "short" else word)[spec.answer]
    if style == "short" and toolkit == "gp2014":
        return {"fully_met": "FM", "partially_met": "PM", "not_met": "NM", "na": "N/A"}[spec.answer]
    return TYPED[spec.answer]


def option_cell_value(glyph: str, chosen: bool) -> str:
    return glyph if chosen else ""


# -- layouts -----------------------------------------------------------------------------------
def option_columns(book: Book, rs: ReturnSpec, tk: Toolkit, *, marks: Callable[[int], str],
                   per_sheet: bool = False, merged_criteria: bool = False,
                   fill: str | None = None, controls: str | None = None,
                   in_plan: str = "bool") -> None:
    """One row per criterion, one column per option. `marks(n)` is the glyph for row n;
    `fill` ("rgb", "pattern") colours the chosen option cell instead; `controls`
    ("Checkbox", "Radio") puts a form control over every option cell."""
    labels = [(o, lbl) for o, lbl in LABELS[rs.toolkit] if not (rs.toolkit == "wt2023" and o == "na")]
    crit_head, ev_head, act_head = HEADERS[rs.toolkit]
    wt = rs.toolkit == "wt2023"
    sheets: list[tuple[str, list[Any]]] = []
    for section in tk.sections:
        if section.items[0].kind == "text":
            continue
        sheets.append((section.id, [section]))
    if not per_sheet:
        sheets = [("Audit", [s for _, group in sheets for s in group])]
    first = True
    for sheet_name, sections in sheets:
        ws = book.wb.active if first else book.wb.create_sheet()
        assert ws is not None
        ws.title = sheet_name if not per_sheet else f"Standard {sheet_name}"
        if first:
            header_block(ws, rs, tk.title)
        first = False
        head = ["No.", crit_head] + ([""] if merged_criteria else []) + [lbl for _, lbl in labels]
        head += [ev_head, act_head] + (["Included in action plan?"] if wt else [])
        ws.append(head)
        for cell in ws[ws.max_row]:
            cell.fill = HEAD_FILL
            cell.font = Font(bold=True)
        if merged_criteria:
            r = ws.max_row
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        first_option_col = 4 if merged_criteria else 3
        for section in sections:
            ws.append([section.id, section.title])
            ws.cell(ws.max_row, 2).font = Font(bold=True)
            for n, item in enumerate(_ordered(section.items, rs)):
                s = rs.items[item.id]
                if s.delete:
                    continue
                chosen = {s.answer, s.second} - {None}
                mark = marks(n)
                cells = [number(item, s), crit(item, s)] + ([""] if merged_criteria else [])
                if s.na_across:
                    cells += ["N/A"] * len(labels)
                elif fill or controls:
                    cells += [""] * len(labels)
                else:
                    cells += [option_cell_value(mark, o in chosen) for o, _ in labels]
                cells += [s.evidence, s.actions]
                if wt:
                    cells.append(s.in_plan if in_plan == "bool" else ("Yes" if s.in_plan else ""))
                ws.append(cells)
                r = ws.max_row
                if merged_criteria:
                    ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
                ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")
                for k, (oid, _) in enumerate(labels):
                    column = first_option_col + k
                    if fill and oid in chosen:
                        colour = FILLS.get(oid, "FFFF00")
                        ws.cell(r, column).fill = (
                            PatternFill("darkGrid", fgColor=colour, bgColor="FFFFFF")
                            if fill == "pattern" else PatternFill("solid", fgColor=colour))
                    if controls and not s.na_across:
                        index = len(book.wb.worksheets)
                        link = None
                        if controls == "Checkbox" and n % 4 == 2:  # linked to a cell far right
                            ws.cell(r, 12 + k, value=oid in chosen)
                            link = f"${'LMNOP'[k]}${r}"
                        book.controls.append(Control(
                            sheet=index, row=r, column=column, checked=oid in chosen,
                            kind=controls, state_in_ctrlprops_only=(n % 3 == 1), link=link))
        widths(ws, {"A": 6, "B": 60, "C": 12, "D": 12, "E": 12, "F": 45, "G": 40, "H": 14})


def single_column(book: Book, rs: ReturnSpec, tk: Toolkit, *, style: str = "full",
                  dropdown: bool = True, fills: str | None = None, hide_rows: tuple[str, ...] = (),
                  lead_timescale: bool = False) -> None:
    """One row per criterion with one response column (typed word or dropdown choice);
    `fills` ("theme", "indexed", "rgb") colours the response cell instead of a word."""
    ws = book.wb.active
    assert ws is not None
    ws.title = "Self-assessment"
    header_block(ws, rs, tk.title)
    crit_head, ev_head, act_head = HEADERS[rs.toolkit]
    wt = rs.toolkit == "wt2023"
    head = ["Ref", crit_head, RESPONSE_HEADER[rs.toolkit], ev_head, act_head]
    if lead_timescale:
        head += ["Lead", "Timescale"]
    if wt:
        head.append("Included in action plan?")
    ws.append(head)
    for cell in ws[ws.max_row]:
        cell.fill = HEAD_FILL
        cell.font = Font(bold=True)
    words = {"wt2023": "Yes,No,Partial,N/A", "gp2014": "Fully met,Partially met,Not met,N/A",
             "bscb2016": "Blue,Green,Amber,Red,N/A"}[rs.toolkit]
    validation = DataValidation(type="list", formula1=f'"{words}"', allow_blank=True)
    if dropdown:
        ws.add_data_validation(validation)
    for section in tk.sections:
        ws.append([section.id, section.title])
        ws.cell(ws.max_row, 2).font = Font(bold=True)
        if section.items[0].kind == "text":
            for item in section.items:
                s = rs.items[item.id]
                ws.append([number(item, s), crit(item, s), "", s.evidence])
            continue
        for item in _ordered(section.items, rs):
            s = rs.items[item.id]
            if s.delete:
                continue
            answer = "" if fills and s.answer != "na" else typed_answer(rs.toolkit, s, style)
            if s.second:
                answer = f"{answer} / {typed_answer(rs.toolkit, ItemSpec(s.id, s.second), style)}"
            row: list[Any] = [number(item, s), crit(item, s), answer, s.evidence, s.actions]
            if lead_timescale:
                row += ["Safeguarding Lead" if s.actions else "", "March 2026" if s.actions else ""]
            if wt:
                row.append(s.in_plan)
            ws.append(row)
            r = ws.max_row
            if dropdown:
                validation.add(ws.cell(r, 3))
            if fills and s.answer and s.answer != "na":
                ws.cell(r, 3).fill = _fill(fills, s.answer)
            if item.id in hide_rows:
                ws.row_dimensions[r].hidden = True
    widths(ws, {"A": 6, "B": 60, "C": 16, "D": 45, "E": 40})


def _fill(kind: str, answer: str) -> PatternFill:
    if kind == "theme" and THEME_FILLS.get(answer):
        theme, tint = THEME_FILLS[answer]  # type: ignore[misc]
        return PatternFill("solid", fgColor=Color(theme=theme, tint=tint))
    if kind in ("theme", "indexed") and answer in INDEXED_FILLS:
        return PatternFill("solid", fgColor=Color(indexed=INDEXED_FILLS[answer]))
    return PatternFill("solid", fgColor=FILLS[answer])


# -- saving ------------------------------------------------------------------------------------
def save(book: Book, path: Path) -> None:
    """Save with fixed timestamps, adding the form controls openpyxl cannot write."""
    buffer = io.BytesIO()
    book.wb.save(buffer)
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    if book.controls:
        _add_controls(parts, book.controls)
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    parts["docProps/core.xml"] = re.sub(  # openpyxl stamps the save time: rebuilds must match
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, parts["docProps/core.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in sorted(parts):
            out.writestr(zipfile.ZipInfo(name, FIXED.timetuple()[:6]), parts[name],
                         zipfile.ZIP_DEFLATED)


VML_HEAD = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
            'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">')
REL = ('<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
       'relationships/{kind}" Target="{target}"/>')
RELS_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http:'
             '//schemas.openxmlformats.org/package/2006/relationships">')
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _add_controls(parts: dict[str, bytes], controls: list[Control]) -> None:
    by_sheet: dict[int, list[Control]] = {}
    for control in controls:
        by_sheet.setdefault(control.sheet, []).append(control)
    types = parts["[Content_Types].xml"].decode()
    extra_types = ('<Default Extension="vml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.vmlDrawing"/>')
    counter = 0
    for sheet, group in sorted(by_sheet.items()):
        shapes, rels, elements = [], [], []
        for n, c in enumerate(group):
            counter += 1
            shape_id = 1024 + counter
            col, row = c.column - 1, c.row - 1
            anchor = f"{col}, 2, {row}, 1, {col}, 40, {row}, 17"
            checked = "" if c.state_in_ctrlprops_only else (
                "<x:Checked>1</x:Checked>" if c.checked else "")
            link = f"<x:FmlaLink>{c.link}</x:FmlaLink>" if c.link else ""
            shapes.append(
                f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t201" style="position:absolute">'
                f"<v:textbox><div>{c.label}</div></v:textbox>"
                f'<x:ClientData ObjectType="{c.kind}"><x:Anchor>{anchor}</x:Anchor>'
                f"{checked}{link}</x:ClientData></v:shape>")
            prop = f"xl/ctrlProps/ctrlProp{counter}.xml"
            state = ' checked="Checked"' if c.checked else ""
            link_attr = f' fmlaLink="{c.link}"' if c.link else ""
            kind = "CheckBox" if c.kind == "Checkbox" else "Radio"
            parts[prop] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/'
                f'main" objectType="{kind}"{state}{link_attr} lockText="1"/>').encode()
            extra_types += (f'<Override PartName="/{prop}" ContentType="application/vnd.ms-excel.'
                            'controlproperties+xml"/>')
            rid = f"rIdC{n + 1}"
            rels.append(REL.format(id=rid, kind="ctrlProp", target=f"../ctrlProps/ctrlProp{counter}.xml"))
            elements.append(
                f'<control shapeId="{shape_id}" r:id="{rid}" name="{c.kind} {counter}"/>')
        vml = f"xl/drawings/vmlDrawing{sheet}.vml"
        parts[vml] = (VML_HEAD + "".join(shapes) + "</xml>").encode()
        rels.append(REL.format(id="rIdV1", kind="vmlDrawing", target=f"../drawings/vmlDrawing{sheet}.vml"))
        rels_name = f"xl/worksheets/_rels/sheet{sheet}.xml.rels"
        existing = parts.get(rels_name, (RELS_HEAD + "</Relationships>").encode()).decode()
        parts[rels_name] = existing.replace("</Relationships>", "".join(rels) + "</Relationships>").encode()
        sheet_part = f"xl/worksheets/sheet{sheet}.xml"
        xml = parts[sheet_part].decode()
        if 'xmlns:r="' not in xml.split(">", 2)[1]:
            xml = xml.replace(f'<worksheet xmlns="{MAIN}"', f'<worksheet xmlns="{MAIN}" xmlns:r="{R_NS}"', 1)
        tail = f'<legacyDrawing r:id="rIdV1"/><controls>{"".join(elements)}</controls>'
        xml = xml.replace("</worksheet>", tail + "</worksheet>")
        parts[sheet_part] = xml.encode()
    parts["[Content_Types].xml"] = types.replace("</Types>", extra_types + "</Types>").encode()
