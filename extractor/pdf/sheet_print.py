"""A workbook printed to PDF: no ruling lines, its columns cut onto separate pages, a wrapped
cell's lines running over the rows below it. The pages are put back side by side (pages that
share a column layout hold the same columns; the i-th page of each layout is the i-th band of
rows) and the text is read as the sheet's grid: a cell is a run of pieces drawn one after the
other in the same column, each a line below the last, so words overprinted by a neighbour's
overflow still belong to the cell they were typed in."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from extractor.model import Cell, FormDocument, Paragraph, Provenance, Row, Span, Table

CellText = Callable[[list[dict[str, Any]]], tuple[str, list[Any], list[Span]]]


@dataclass(frozen=True)
class SheetSettings:
    """Tolerances for a printed sheet (points, or shares of the font size)."""

    column_slack: float = 3.0  # cells whose text starts this close are in one column
    row_slack: float = 2.5  # first lines this close (top- or bottom-aligned) share a row
    wrap_pitch: tuple[float, float] = (0.9, 1.27)  # font sizes a wrapped line sits below the last
    same_layout: float = 0.6  # share of column starts two pages of one layout have in common
    same_rows: float = 0.8  # share of a page's rows on rows of the page it is printed beside
    same_band: float = 0.35  # a page in the first layout with fewer rows than this share starts
    # a new sheet
    full_page: float = 0.75  # a page printed full of rows has its last this far down
    short_page: float = 20.0  # a page whose last row is this far above the first's ends its rows
    min_rows: int = 5
    min_columns: int = 3


SETTINGS = SheetSettings()


@dataclass
class Piece:
    """Characters drawn in one go on one line (one text run of the printed cell)."""

    page: int
    chars: list[dict[str, Any]] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return float(self.chars[0]["x0"])

    @property
    def top(self) -> float:
        return float(self.chars[0]["top"])

    @property
    def size(self) -> float:
        return float(self.chars[0].get("size") or 10)


@dataclass
class _Cell:
    pieces: list[Piece]
    x: float = 0.0  # start in the pages put side by side
    fill: str | None = None  # a filled rectangle (a cell shaded, perhaps with no text)
    box: tuple[float, float, float, float] | None = None  # the rectangle: x0, top, x1, bottom

    @property
    def top(self) -> float:
        return self.pieces[0].top if self.pieces else 0.0

    @property
    def left(self) -> float:
        """Where it starts on its own page."""
        return self.pieces[0].x0 if self.pieces else (self.box[0] if self.box else 0.0)


@dataclass
class SheetPage:
    """A page that may be printed from a workbook: its characters, its filled rectangles
    (`colour` RGB hex and the box) and its size."""

    number: int
    chars: list[dict[str, Any]]
    fills: list[tuple[str, tuple[float, float, float, float]]]
    width: float
    height: float
    cells: list[_Cell] = field(default_factory=list)

    @functools.cached_property
    def tops(self) -> list[float]:
        """Where its rows start: its cells' first lines, clustered (once its cells are set)."""
        return _clusters([c.top for c in self.cells if c.pieces], SETTINGS.row_slack)


def pieces_of(page: int, chars: list[dict[str, Any]]) -> list[Piece]:
    """The page's characters in drawing order, cut where a text object (`run`, when PDFium
    read the page) or a line ends, or where the text jumps back or far ahead."""
    pieces: list[Piece] = []
    if chars and all("run" in ch for ch in chars):  # PDFium's text page may reorder lines
        chars = sorted(chars, key=lambda ch: int(ch["run"]))
    for ch in chars:
        last = pieces[-1].chars[-1] if pieces else None
        size = float(ch.get("size") or 10)
        if (
            last is None
            or ch.get("run") != last.get("run")
            or abs(float(ch["top"]) - float(last["top"])) > 1.0
            or float(ch["x0"]) < float(last["x0"]) - 1.0
            or float(ch["x0"]) - float(last["x1"]) > size * (2.0 if "run" in ch else 1.0)
        ):
            pieces.append(Piece(page))
        pieces[-1].chars.append(ch)
    return pieces


def _cells(pieces: list[Piece]) -> list[_Cell]:
    """Pieces joined into cells: a piece drawn straight after another, starting in line with
    it and one text line below, carries on its wrapped cell."""
    cells: list[_Cell] = []
    low, high = SETTINGS.wrap_pitch
    for piece in pieces:
        last = cells[-1].pieces[-1] if cells else None
        if (
            last is not None
            and abs(piece.x0 - last.x0) <= SETTINGS.column_slack / 2
            and abs(piece.size - last.size) < 0.5
            and low * piece.size <= piece.top - last.top <= high * piece.size
        ):
            cells[-1].pieces.append(piece)
        else:
            cells.append(_Cell([piece]))
    return cells


def _starts(cells: list[_Cell]) -> list[float]:
    return _clusters([c.pieces[0].x0 for c in cells], SETTINGS.column_slack)


def _clusters(values: list[float], slack: float) -> list[float]:
    """Sorted values grouped while within `slack` of their group's first; that first for each."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > slack:
            out.append(v)
    return out


def _same_layout(a: list[float], b: list[float]) -> bool:
    near = sum(1 for x in a if any(abs(x - y) <= SETTINGS.column_slack for y in b))
    return near >= SETTINGS.same_layout * max(len(a), len(b))


def bands(pages: list[SheetPage]) -> list[list[SheetPage]]:
    """Pages grouped into bands of rows, printed down then across (the default of Excel and
    LibreOffice): the first pages in one column layout, up to the first that is not full,
    are the sheet's k bands, and each later page is band i mod k of the columns further
    right; a page back in the first layout at a band's start, with far fewer rows, begins a
    new sheet. A page whose rows do not line up with its band's stands alone, as does a
    page of one cell (a heading's overflow)."""
    out: list[list[SheetPage]] = []
    first: list[float] = []
    start = base = 0
    k: int | None = None
    bottom = 0.0  # the lowest row of the sheet's first page: a full page
    for i, page in enumerate(pages):
        starts = _starts(page.cells)
        if len(page.cells) < 2 or all(c.left < 0 for c in page.cells):
            out.append([page])  # words run over from the page before: no column of its own
            start += 1
            continue
        j = i - start
        if (
            j and k is not None and j % k == 0 and _same_layout(first, starts)
            and len(page.tops) < SETTINGS.same_band * len(out[base][0].tops)
        ):  # back at the left, far fewer rows than the sheet's first page: the next sheet
            j, start = 0, i
        if j == 0:
            first, k, base = starts, None, len(out)
            bottom = max(page.tops, default=0.0)
            if bottom < SETTINGS.full_page * page.height:
                k = 1  # the sheet's rows fit on its first page
        elif k is None and not _same_layout(first, starts):
            k = j  # the first page of the columns further right
        band = base + (j if k is None else j % k)
        if band < len(out) and not _rows_match(out[band], page, SETTINGS.same_rows):
            band = len(out)
        if band == len(out):
            out.append([])
        out[band].append(page)
        if k is None and max(page.tops, default=0.0) < bottom - SETTINGS.short_page:
            k = j + 1  # the sheet's last band of rows: the columns further right follow
    return out


def _rows_match(band: list[SheetPage], page: SheetPage, share: float) -> bool:
    """Whether at least `share` of a page's rows start on rows of its band's first page."""
    tops_a = band[0].tops
    tops_b = page.tops
    near = sum(1 for y in tops_b if any(abs(y - t) <= SETTINGS.row_slack for t in tops_a))
    return near >= share * len(tops_b)


def read_as_sheet(doc: FormDocument, pages: list[SheetPage], cell_text: CellText) -> None:
    """Pages with no ruled table (but a shaded heading) whose text falls into a grid are a
    workbook printed without gridlines: read as the sheet's tables, in place of the
    paragraphs and heading tables read from them."""
    tables = sheet_tables(pages, 0, cell_text)
    if not tables:
        return
    read = {c.provenance.page for t in tables for r in t.rows for c in r.cells}
    doc.warnings.append(
        f"no ruled tables on {len(read)} page(s): read as a workbook printed without gridlines,"
        " its pages put side by side"
    )
    doc.paragraphs = [p for p in doc.paragraphs if p.provenance.page not in read]
    kept = [t for t in doc.tables if t.page not in read]
    for n, table in enumerate(kept + tables):
        table.index = n
        for row in table.rows:
            for cell in row.cells:
                cell.provenance = replace(cell.provenance, table=n)
    blocks: list[Table | Paragraph] = [*doc.paragraphs, *kept, *tables]
    blocks.sort(key=lambda b: (b.page if isinstance(b, Table) else b.provenance.page) or 0)
    for seq, block in enumerate(blocks):
        block.seq = seq
    doc.tables = kept + tables


def sheet_tables(pages: list[SheetPage], first_index: int, cell_text: CellText) -> list[Table]:
    """Tables rebuilt from ruling-free pages printed from a workbook: one for each band of
    rows, its pages side by side; none where the text does not fall into a grid (found from
    positions alone, before any cell's text is built)."""
    for page in pages:
        page.cells = _cells(pieces_of(page.number, page.chars))
    laid: list[tuple[_Layout, dict[int, int]]] = []
    for band in bands([p for p in pages if p.cells]):
        offset = 0.0
        cells: list[_Cell] = []
        for page in band:
            shaded = [_Cell([], fill=colour, box=box) for colour, box in page.fills]
            for c in page.cells + shaded:
                c.x = c.left + offset
                if c.box is not None:
                    c.box = (c.box[0] + offset, c.box[1], c.box[2] + offset, c.box[3])
            cells += page.cells + shaded
            offset += page.width
        layout = _layout(cells)
        if layout is not None:
            laid.append((layout, {id(c): page.number for page in band for c in page.cells}))
    # a band of a few rows (the sheet's last) counts when another band makes a grid
    if not any(layout.wide >= SETTINGS.min_rows for layout, _ in laid):
        return []
    kept = [(layout, pages_of) for layout, pages_of in laid if layout.wide >= 2]
    return [_table(lay, pages_of, first_index + n, cell_text) for n, (lay, pages_of) in
            enumerate(kept)]


@dataclass
class _Layout:
    """A band's grid: row tops, column starts, the cells at each (row, column), and how many
    rows hold text in two cells or more."""

    tops: list[float]
    columns: list[float]
    grid: dict[tuple[int, int], list[_Cell]]
    wide: int


def _layout(cells: list[_Cell]) -> _Layout | None:
    texts = [c for c in cells if c.pieces]
    tops = _clusters([c.top for c in texts], SETTINGS.row_slack)
    starts = _clusters([c.x for c in texts], SETTINGS.column_slack)
    row_of = {id(c): _at(tops, c.top) for c in texts}
    columns = _joined(starts, [(row_of[id(c)], _at(starts, c.x)) for c in texts])
    if len(columns) < SETTINGS.min_columns or not tops:
        return None
    grid: dict[tuple[int, int], list[_Cell]] = {}
    for c in cells:
        if c.pieces:
            row, column = row_of[id(c)], _at(columns, c.x)
        else:  # a shaded cell: where its middle is
            assert c.box is not None
            row = _at(tops, (c.box[1] + c.box[3]) / 2)
            column = _at(columns, (c.box[0] + c.box[2]) / 2)
        if row >= 0 and column >= 0:
            grid.setdefault((row, column), []).append(c)
    per_row = Counter(r for r, _ in grid)
    filled = {r for (r, _), here in grid.items() if any(c.pieces for c in here)}
    return _Layout(tops, columns, grid, sum(1 for r in filled if per_row[r] >= 2))


def _table(layout: _Layout, pages_of: dict[int, int], index: int, cell_text: CellText) -> Table:
    page = min(pages_of.values())
    table = Table(rows=[], index=index, page=page)
    for r in range(len(layout.tops)):
        row_cells: list[Cell] = []
        for k in range(len(layout.columns)):
            here = layout.grid.get((r, k), [])
            written = [c for c in here if c.pieces]
            chars = [ch for c in written for p in c.pieces for ch in p.chars]
            text, marks, spans = cell_text(chars) if chars else ("", [], [])
            fill = next((c.fill for c in here if c.fill), None)
            at = pages_of.get(id(written[0]), page) if written else page
            prov = Provenance(table=index, row=len(table.rows), column=k, page=at)
            row_cells.append(Cell(text=text, provenance=prov, marks=marks, spans=spans, fill=fill))
        if any(c.text or c.marks for c in row_cells):
            table.rows.append(Row(cells=row_cells, index=len(table.rows)))
    return table


def _at(starts: list[float], x: float) -> int:
    """The last start at or before x (-1 before the first)."""
    return max((i for i, s in enumerate(starts) if s <= x + SETTINGS.column_slack / 2), default=-1)


def _joined(starts: list[float], placed: list[tuple[int, int]]) -> list[float]:
    """Column starts, a start joined to the one before it when no row has text at both: a
    right-aligned or centred column ("TRUE", "FALSE", a score) starts its words further right
    than its heading does."""
    rows: dict[int, set[int]] = {}
    for row, column in placed:
        rows.setdefault(column, set()).add(row)
    kept = [0] if starts else []
    for k in range(1, len(starts)):
        before = kept[-1]
        if rows.get(before, set()) & rows.get(k, set()):
            kept.append(k)
        else:
            rows[before] = rows.get(before, set()) | rows.get(k, set())
    return [starts[k] for k in kept]
