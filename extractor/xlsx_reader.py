"""Excel (.xlsx/.xlsm) returns into a FormDocument: one Table per sheet, cell references in
provenance, merged cells once, cached formula values, fills as RGB, every kind of tick."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from pathlib import Path
from typing import Any

from extractor.dispatch import sha256_of
from extractor.docx_marks import text_marks
from extractor.errors import DocumentLoadError
from extractor.model import Cell, FormDocument, Mark, Provenance, Row, Source, Span, Table
from extractor.safety import check_ooxml
from extractor.xlsx_colours import fill_rgb, theme_colours
from extractor.xlsx_controls import Control, read_controls

MAX_CELLS = 2_000_000  # cells read per sheet; beyond, the sheet is cut with a warning
MAX_MERGES = 20_000
FULL_LOAD_BUDGET = 12.0  # seconds for openpyxl's full load before falling back to values only


class _Budget(Exception):
    pass


def _load(openpyxl: Any, path: Path) -> tuple[Any, bool]:
    """Full load (fills, merges) within a time budget; else a fast values-only load."""
    if threading.current_thread() is not threading.main_thread():
        return openpyxl.load_workbook(path, data_only=True), True

    def expire(signum: int, frame: Any) -> None:
        raise _Budget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, FULL_LOAD_BUDGET)
    try:
        return openpyxl.load_workbook(path, data_only=True), True
    except _Budget:
        return openpyxl.load_workbook(path, data_only=True, read_only=True), False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_xlsx(path: Path) -> FormDocument:
    """Read a workbook. Raises DocumentLoadError (one line) when it cannot."""
    check_ooxml(path)
    try:
        import openpyxl
        from openpyxl.styles.colors import COLOR_INDEX

        wb, complete = _load(openpyxl, path)
        controls = read_controls(path) if complete else []
    except DocumentLoadError:
        raise
    except Exception as e:  # openpyxl raises many kinds on damaged or unusual files
        raise DocumentLoadError(
            path, f"damaged or unsupported workbook ({type(e).__name__}: {e})"
        ) from e
    doc = FormDocument(
        source=Source(
            file=path.name, sha256=sha256_of(path), format="xlsx", sheets=len(wb.worksheets)
        )
    )
    if not complete:
        doc.warnings.append(
            f"the workbook's formatting could not be read within {FULL_LOAD_BUDGET:g} s: "
            "values only (no colours, merged cells or form controls)"
        )
    theme = theme_colours(getattr(wb, "loaded_theme", None))
    palette = list(COLOR_INDEX)
    for index, ws in enumerate(wb.worksheets):
        part = f"xl/worksheets/sheet{index + 1}.xml"
        sheet_controls = [c for c in controls if c.sheet_part == part]
        table = _sheet(ws, index, theme, palette, sheet_controls, doc.warnings)
        if table.rows:
            table.seq = len(doc.tables)
            doc.tables.append(table)
    return doc


def _sheet(
    ws: Any,
    index: int,
    theme: list[str],
    palette: list[str],
    controls: list[Control],
    warnings: list[str],
) -> Table:
    hidden_sheet = getattr(ws, "sheet_state", "visible") != "visible"
    max_row, max_col = int(ws.max_row or 0), int(ws.max_column or 0)
    if max_row * max_col > MAX_CELLS:
        warnings.append(
            f"sheet {ws.title}: {max_row:,} rows x {max_col} columns; read the first "
            f"{MAX_CELLS // max(max_col, 1):,} rows only"
        )
        max_row = MAX_CELLS // max(max_col, 1)
    merged = getattr(ws, "merged_cells", None)
    ranges = list(merged.ranges) if merged is not None else []
    merges = ranges[:MAX_MERGES]
    if len(ranges) > MAX_MERGES:
        warnings.append(
            f"sheet {ws.title}: more than {MAX_MERGES:,} merged ranges; the rest ignored"
        )
    origin: dict[
        tuple[int, int], tuple[int, int]
    ] = {}  # covered cell -> (row_span, col_span) owner
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in merges:
        spans[(rng.min_row, rng.min_col)] = (
            rng.max_row - rng.min_row + 1,
            rng.max_col - rng.min_col + 1,
        )
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    origin[(r, c)] = (rng.min_row, rng.min_col)
    by_cell: dict[tuple[int, int], list[Mark]] = {}
    for control in controls:
        by_cell.setdefault((control.row, control.column), []).append(
            Mark(control.checked, "form_control", control.label)
        )
    table = Table(rows=[], index=index, sheet=ws.title)
    for r_index, row in enumerate(
        ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col), start=1
    ):
        dims = getattr(ws, "row_dimensions", None)
        hidden = hidden_sheet or bool(dims is not None and dims[r_index].hidden)
        cells: list[Cell] = []
        for c_index, xc in enumerate(row, start=1):
            owner = origin.get((r_index, c_index))
            prov = Provenance(
                table=index,
                row=len(table.rows),
                column=c_index - 1,
                sheet=ws.title,
                cell_ref=f"{letters(c_index)}{r_index}",
                hidden=hidden,
            )
            if owner is not None:
                if owner[0] != r_index and owner[1] == c_index:  # merged down from above
                    cells.append(
                        Cell(text="", provenance=prov, continued=True, col_span=spans[owner][1])
                    )
                continue
            cell = _cell(xc, prov, theme, palette)
            cell.marks += by_cell.get((r_index, c_index), [])
            if (r_index, c_index) in spans:
                cell.row_span, cell.col_span = spans[(r_index, c_index)]
            cells.append(cell)
        if any(c.text or c.marks or c.fill for c in cells):
            table.rows.append(Row(cells=_trim(cells), index=r_index - 1, hidden=hidden))
    return table


def _cell(xc: Any, prov: Provenance, theme: list[str], palette: list[str]) -> Cell:
    value = getattr(xc, "value", None)
    marks: list[Mark] = []
    text = ""
    if isinstance(value, bool):
        marks.append(Mark(value, "cell_checkbox"))
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif value is not None:
        text = str(value).replace("\r\n", "\n").strip()
    styled = bool(getattr(xc, "has_style", False))
    font = getattr(xc.font, "name", None) if styled else None
    if text:
        text, found = text_marks(text, font)
        marks += found
    fill = fill_rgb(xc.fill, theme, palette) if styled else None
    spans: list[Span] = []
    if text and styled and (xc.font.b or xc.font.strike or xc.font.u):
        spans.append(
            Span(text, bold=bool(xc.font.b), underline=bool(xc.font.u), strike=bool(xc.font.strike))
        )
    return Cell(text=text, provenance=prov, marks=marks, fill=fill, spans=spans)


def _trim(cells: list[Cell]) -> list[Cell]:
    while cells and not (
        cells[-1].text or cells[-1].marks or cells[-1].fill or cells[-1].continued
    ):
        cells.pop()
    return cells


def letters(column: int) -> str:
    out = ""
    while column:
        column, rem = divmod(column - 1, 26)
        out = chr(65 + rem) + out
    return out
