"""Legacy Excel (.xls) returns with xlrd: values, merges, fills through the palette, hidden rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.errors import DocumentLoadError, PasswordProtectedError
from extractor.files import sha256_of
from extractor.inline import text_marks
from extractor.model import Cell, FormDocument, Mark, Provenance, Row, Source, Table
from extractor.xlsx.reader import letters

MAX_ROWS = 100_000


def read_xls(path: Path) -> FormDocument:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as e:
        if "encrypt" in str(e).lower() or "password" in str(e).lower():
            raise PasswordProtectedError(
                path, "the workbook is password-protected; ask the sender for an unprotected copy"
            ) from e
        raise DocumentLoadError(path, f"damaged .xls workbook ({type(e).__name__}: {e})") from e
    doc = FormDocument(
        source=Source(file=path.name, sha256=sha256_of(path), format="xlsx", sheets=book.nsheets)
    )
    doc.warnings.append("legacy .xls read with xlrd")
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        table = _sheet(book, sheet, index)
        if table.rows:
            table.seq = len(doc.tables)
            doc.tables.append(table)
        book.unload_sheet(index)
    return doc


def _sheet(book: Any, sheet: Any, index: int) -> Table:
    hidden_sheet = bool(getattr(sheet, "visibility", 0))
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, r1, c0, c1 in sheet.merged_cells:
        spans[(r0, c0)] = (r1 - r0, c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0)
    table = Table(rows=[], index=index, sheet=sheet.name)
    for r in range(min(sheet.nrows, MAX_ROWS)):
        info = sheet.rowinfo_map.get(r)
        hidden = hidden_sheet or bool(info and info.hidden)
        cells: list[Cell] = []
        for c in range(sheet.ncols):
            prov = Provenance(
                table=index,
                row=len(table.rows),
                column=c,
                sheet=sheet.name,
                cell_ref=f"{letters(c + 1)}{r + 1}",
                hidden=hidden,
            )
            owner = covered.get((r, c))
            if owner is not None:
                if owner[0] != r and owner[1] == c:
                    cells.append(Cell(text="", provenance=prov, continued=True))
                continue
            cells.append(_cell(book, sheet, r, c, prov, spans.get((r, c))))
        while cells and not (cells[-1].text or cells[-1].marks or cells[-1].fill):
            cells.pop()
        if cells:
            table.rows.append(Row(cells=cells, index=r, hidden=hidden))
    return table


def _cell(
    book: Any, sheet: Any, r: int, c: int, prov: Provenance, span: tuple[int, int] | None
) -> Cell:
    import xlrd

    value = sheet.cell_value(r, c)
    kind = sheet.cell_type(r, c)
    marks: list[Mark] = []
    text = ""
    if kind == xlrd.XL_CELL_BOOLEAN:
        marks.append(Mark(bool(value), "cell_checkbox"))
    elif kind == xlrd.XL_CELL_NUMBER:
        text = str(int(value)) if float(value).is_integer() else str(value)
    elif kind == xlrd.XL_CELL_DATE:
        text = xlrd.xldate_as_datetime(value, book.datemode).date().isoformat()
    elif kind == xlrd.XL_CELL_TEXT:
        text = str(value).strip()
    fill = None
    xf = book.xf_list[sheet.cell_xf_index(r, c)]
    if xf.background.fill_pattern:
        rgb = book.colour_map.get(xf.background.pattern_colour_index)
        if rgb and tuple(rgb) != (255, 255, 255):
            fill = "".join(f"{v:02X}" for v in rgb)
    font = book.font_list[xf.font_index].name if xf.font_index < len(book.font_list) else None
    if text:
        text, found = text_marks(text, font)
        marks += found
    cell = Cell(text=text, provenance=prov, marks=marks, fill=fill)
    if span:
        cell.row_span, cell.col_span = span
    return cell
