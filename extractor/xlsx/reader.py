"""Excel (.xlsx/.xlsm) returns into a FormDocument: one Table per sheet, cell references in
provenance, merged cells once, cached formula values, fills as RGB, every kind of tick."""

from __future__ import annotations

import datetime as dt
import io
import signal
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import DocumentLoadError
from extractor.files import sha256_of
from extractor.inline import text_marks
from extractor.model import (
    Annotation,
    Cell,
    FormDocument,
    Mark,
    Provenance,
    Row,
    Source,
    Span,
    Table,
)
from extractor.safety import check_ooxml
from extractor.xlsx.colours import fill_rgb, resolve, theme_colours
from extractor.xlsx.controls import Control, read_controls
from extractor.xlsx.lists import list_choices
from extractor.xlsx.numbers import displayed
from extractor.xlsx.shapes import read_shapes

MAX_CELLS = 2_000_000  # cells read per sheet; beyond, the sheet is cut with a warning
MAX_ROWS = 5_000  # rows with content read per workbook (mapping reads no more than this)
MAX_TEXT = 32_767  # Excel's own limit on a cell's text; longer strings are cut
MAX_CHARS = 20_000_000  # characters read per workbook (a return holds far fewer)
MAX_MERGES = 20_000
MAX_MERGE_SPAN = 500  # rows or columns of one merged range that are mapped
FULL_LOAD_BUDGET = 12.0  # seconds for openpyxl's full load before falling back to values only
CUT_MARK = " [\u2026cut]"
FULL_LOAD_BYTES = 4_000_000  # sheet XML above this (a return holds ~100 KB) loads values only


class _Expired(Exception):
    pass


@dataclass
class _Budget:
    """What is still allowed to be read from one workbook."""

    rows: int
    chars: int

    @property
    def spent(self) -> bool:
        return self.rows <= 0 or self.chars <= 0


def _sheet_bytes(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return sum(i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/"))


def _skip_merge_borders() -> None:
    """openpyxl redraws the borders of every merged range on load (minutes for files with
    tens of thousands of merges); s11 never reads borders, so only the covered cells are made."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

    if getattr(Worksheet, "_s11_fast_merge", False):
        return

    def clean_merge_range(self: Any, mcr: Any) -> None:
        top_left = (mcr.min_row, mcr.min_col)
        if mcr.size["rows"] * mcr.size["columns"] <= 10_000:
            covered = [cell for cell in mcr.cells if cell != top_left]
        else:  # a huge range: only the cells the file really holds (never a million objects)
            covered = [
                (r, c)
                for r, c in self._cells
                if mcr.min_row <= r <= mcr.max_row
                and mcr.min_col <= c <= mcr.max_col
                and (r, c) != top_left
            ]
        for row, col in covered:
            self._cells[row, col] = MergedCell(self, row, col)

    Worksheet._clean_merge_range = clean_merge_range
    Worksheet._s11_fast_merge = True


def _load(openpyxl: Any, path: Path) -> tuple[Any, str | None]:
    """The workbook, fully loaded (merged cells, form controls) within a time budget, else
    streamed (read-only: values and cell styles); with why it was streamed, or None.

    openpyxl is handed the bytes, never the path: given a path it refuses any suffix but
    .xlsx/.xlsm, and the kind was sniffed from the bytes already (a workbook named .pdf)."""
    _skip_merge_borders()
    size = _sheet_bytes(path)
    data = path.read_bytes()

    def load(**options: bool) -> Any:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True, **options)

    if size > FULL_LOAD_BYTES:
        return load(read_only=True), f"its sheets hold {size / 1e6:.0f} MB of XML"
    if threading.current_thread() is not threading.main_thread():
        return load(), None

    def expire(signum: int, frame: Any) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, FULL_LOAD_BUDGET)
    try:
        return load(), None
    except _Expired:
        return load(read_only=True), f"it did not load in full within {FULL_LOAD_BUDGET:g} s"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_xlsx(path: Path) -> FormDocument:
    """Read a workbook. Raises DocumentLoadError (one line) when it cannot."""
    check_ooxml(path)
    try:
        import openpyxl
        from openpyxl.styles.colors import COLOR_INDEX

        wb, streamed = _load(openpyxl, path)
        controls = read_controls(path) if streamed is None else []
        shapes = read_shapes(path) if streamed is None else {}
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
    if streamed is not None:
        doc.warnings.append(
            f"the workbook was streamed because {streamed}: merged cells and form controls "
            "were not read"
        )
    theme = theme_colours(getattr(wb, "loaded_theme", None))
    palette = list(COLOR_INDEX)
    budget = _Budget(rows=MAX_ROWS, chars=MAX_CHARS)
    for index, ws in enumerate(wb.worksheets):
        if budget.spent:
            doc.warnings.append(
                f"the workbook holds more than {MAX_ROWS:,} filled rows or {MAX_CHARS:,} "
                f"characters: sheets from {ws.title} on were not read"
            )
            break
        part = f"xl/worksheets/sheet{index + 1}.xml"
        sheet_controls = [c for c in controls if c.sheet_part == part]
        drawn = shapes.get(part, {})
        table = _sheet(wb, ws, index, theme, palette, (sheet_controls, drawn), doc.warnings, budget)
        if table.rows:
            table.seq = len(doc.tables)
            doc.tables.append(table)
    if any(c.text.endswith(CUT_MARK) for t in doc.tables for r in t.rows for c in r.cells):
        doc.warnings.append(f"cells longer than {MAX_TEXT:,} characters were cut")
    return doc


def _sheet(
    wb: Any,
    ws: Any,
    index: int,
    theme: list[str],
    palette: list[str],
    overlays: tuple[list[Control], dict[tuple[int, int], list[Annotation]]],
    warnings: list[str],
    budget: _Budget,
) -> Table:
    """One sheet as a Table, within what `budget` still allows; `overlays` are the form
    controls and the drawings laid over its cells."""
    controls, drawn = overlays
    hidden_sheet = getattr(ws, "sheet_state", "visible") != "visible"
    max_row, max_col = int(ws.max_row or 0), int(ws.max_column or 0)
    read_only = not isinstance(getattr(ws, "_cells", None), dict)
    if read_only and max_row * max_col > MAX_CELLS:
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
        # A range merged over thousands of rows or columns is page furniture, not a form cell.
        last_row = min(rng.max_row, rng.min_row + MAX_MERGE_SPAN - 1)
        last_col = min(rng.max_col, rng.min_col + MAX_MERGE_SPAN - 1)
        spans[(rng.min_row, rng.min_col)] = (last_row - rng.min_row + 1, last_col - rng.min_col + 1)
        for r in range(rng.min_row, last_row + 1):
            for c in range(rng.min_col, last_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    origin[(r, c)] = (rng.min_row, rng.min_col)
    by_cell: dict[tuple[int, int], list[Mark]] = {}
    linked: set[tuple[int, int]] = set()
    for control in controls:
        checked = control.checked
        target = link_target(control.link, ws.title)
        value = getattr(getattr(ws, "_cells", {}).get(target), "value", None) if target else None
        if target and isinstance(value, bool):  # the linked cell holds the control's state
            checked = value
            linked.add(target)
        by_cell.setdefault((control.row, control.column), []).append(
            Mark(checked, "form_control", control.label)
        )
    choices = list_choices(wb, ws, max_row, max_col)
    table = Table(rows=[], index=index, sheet=ws.title)
    dims = getattr(ws, "row_dimensions", None)
    hidden_columns = _hidden_columns(ws)
    for r_index, row in _rows(ws, max_row, max_col, set(by_cell) | set(choices)):
        hidden = hidden_sheet or bool(dims is not None and r_index in dims and dims[r_index].hidden)
        cells: list[Cell] = []
        for c_index, xc in row:
            owner = origin.get((r_index, c_index))
            prov = Provenance(
                table=index,
                row=len(table.rows),
                column=c_index - 1,
                sheet=ws.title,
                cell_ref=f"{letters(c_index)}{r_index}",
                hidden=hidden or c_index in hidden_columns,
            )
            if owner is not None:
                if owner[0] != r_index and owner[1] == c_index:  # merged down from above
                    cells.append(
                        Cell(text="", provenance=prov, continued=True, col_span=spans[owner][1])
                    )
                continue
            cell = _cell(xc, prov, theme, palette)
            if (r_index, c_index) in linked:  # counted once, through its control
                cell.marks = [m for m in cell.marks if m.source != "cell_checkbox"]
            cell.marks += by_cell.get((r_index, c_index), [])
            cell.choices = choices.get((r_index, c_index), ())
            cell.annotations += drawn.get((r_index, c_index), [])
            if (r_index, c_index) in spans:
                cell.row_span, cell.col_span = spans[(r_index, c_index)]
            cells.append(cell)
        if any(c.text or c.marks or c.fill for c in cells):
            table.rows.append(Row(cells=_trim(cells), index=r_index - 1, hidden=hidden))
            budget.rows -= 1
            budget.chars -= sum(len(c.text) for c in cells)
            if budget.spent:
                warnings.append(
                    f"sheet {ws.title}: reading stopped at row {r_index:,} (the workbook holds "
                    f"more than {MAX_ROWS:,} filled rows or {MAX_CHARS:,} characters)"
                )
                break
    return table


def _rows(
    ws: Any, max_row: int, max_col: int, extra: set[tuple[int, int]]
) -> Iterator[tuple[int, list[tuple[int, Any]]]]:
    """(row number, [(column number, openpyxl cell or None)]) for the rows that hold cells.

    A fully loaded sheet is walked through the cells it really has (iter_rows would create
    a cell object for every blank position of a sheet formatted down to row 1,048,576);
    `extra` adds positions that hold only a form control."""
    existing = getattr(ws, "_cells", None)
    if not isinstance(existing, dict):  # read-only sheet: rows stream from the XML
        for r_index, row in enumerate(
            ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col), start=1
        ):
            yield r_index, list(enumerate(row, start=1))
        return
    by_row: dict[int, set[int]] = {}
    for r, c in list(existing) + list(extra):
        if r <= max_row and c <= max_col:
            by_row.setdefault(r, set()).add(c)
    for r_index in sorted(by_row):
        last = max(by_row[r_index])
        yield r_index, [(c, existing.get((r_index, c))) for c in range(1, last + 1)]


def _cell(xc: Any, prov: Provenance, theme: list[str], palette: list[str]) -> Cell:
    value = getattr(xc, "value", None)
    marks: list[Mark] = []
    text = ""
    shown = (
        displayed(value, getattr(xc, "number_format", None))
        if isinstance(value, int | float) and not isinstance(value, bool)
        else None
    )
    if isinstance(value, bool):
        marks.append(Mark(value, "cell_checkbox"))
    elif shown is not None:  # the number as the sheet shows it ("45%" for 0.45 as "0%")
        text = shown
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif value is not None:
        text = str(value)
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT] + CUT_MARK
        text = text.replace("\r\n", "\n").strip()
    styled = bool(getattr(xc, "has_style", False))
    font = getattr(xc.font, "name", None) if styled else None
    if text:
        text, found = text_marks(text, font)
        marks += found
    fill = fill_rgb(xc.fill, theme, palette) if styled else None
    spans = [_font_look(xc.font, theme, palette).restyled(text)] if text and styled else []
    comment = getattr(xc, "comment", None)
    notes = [Annotation("comment", str(comment.text or "").strip())] if comment else []
    return Cell(text=text, provenance=prov, marks=marks, fill=fill, spans=spans, annotations=notes)


def _font_look(font: Any, theme: list[str], palette: list[str]) -> Span:
    """A cell's font as a Span's look: emphasis, colour (black as None), size, face."""
    colour = resolve(getattr(font, "color", None), theme, palette)
    return Span(
        "",
        bold=bool(font.b),
        underline=bool(font.u),
        strike=bool(font.strike),
        colour=None if colour in (None, "000000") else colour,
        size=float(font.sz) if font.sz else None,
        italic=bool(font.i),
        font=str(font.name) if font.name else None,
    )


def link_target(link: str | None, sheet: str) -> tuple[int, int] | None:
    """(row, column) of a control's linked cell on this sheet: "$K$7", "'Audit'!K7"."""
    from openpyxl.utils.cell import coordinate_to_tuple

    if not link:
        return None
    where, _, ref = link.rpartition("!")
    if where and where.strip("'") != sheet:
        return None
    try:
        row, column = coordinate_to_tuple(ref.replace("$", "").strip())
    except ValueError:
        return None
    return int(row), int(column)


def _trim(cells: list[Cell]) -> list[Cell]:
    while cells and not (
        cells[-1].text
        or cells[-1].marks
        or cells[-1].fill
        or cells[-1].continued
        or cells[-1].choices
    ):
        cells.pop()
    return cells


def letters(column: int) -> str:
    out = ""
    while column:
        column, rem = divmod(column - 1, 26)
        out = chr(65 + rem) + out
    return out


def _hidden_columns(ws: Any) -> set[int]:
    """1-based indices of the sheet's hidden columns (none known in read-only mode)."""
    out: set[int] = set()
    for dim in getattr(ws, "column_dimensions", {}).values():
        if getattr(dim, "hidden", False) and dim.min and dim.max:
            out.update(range(int(dim.min), min(int(dim.max), dim.min + MAX_MERGE_SPAN) + 1))
    return out
