"""PDF returns into a FormDocument (pdfplumber): tables from ruling lines, cell text rebuilt
from characters (so tick glyphs keep the words beside them), vector-drawn boxes, AcroForm
widgets (in the cell under them, or in the paragraph beside them outside tables; a page of
widgets without text is a form, not a scan), RAG fills, scanned pages, tables continued
across pages (extractor/pages.py) and workbooks printed without gridlines
(extractor/pdf/sheet_print.py)."""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import (
    DamagedFileError,
    DocumentLoadError,
    PasswordProtectedError,
    ScannedDocumentError,
)
from extractor.files import sha256_of
from extractor.model import (
    Cell,
    FormDocument,
    Paragraph,
    Provenance,
    Row,
    Source,
    Table,
    Unreadable,
)
from extractor.pages import continue_table
from extractor.pdf.cell_text import cell_text, text_lines
from extractor.pdf.forms import form_widgets, under_widgets
from extractor.pdf.marks import (
    cell_fill,
    page_annotations,
    place_annotations,
    shaded,
    small_drawing,
    text_rules,
    vector_boxes,
    word_shades,
)
from extractor.pdf.nesting import nested_in
from extractor.pdf.pdfium_objects import page_objects
from extractor.pdf.repair import repaired_copy
from extractor.pdf.sheet_print import SheetPage, read_as_sheet
from extractor.pdf.winansi import unused_codes_as_bullets

_PAGE_FOOTER = re.compile(r"^\s*(page\s*)?\d+(\s*(of|\/)\s*\d+)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class PdfSettings:
    """Tolerances for rebuilding text and tables (points)."""

    # Where a page's characters and drawings come from: "pdfium" (extractor/pdf/
    # pdfium_objects.py, pdfplumber's dicts, a page it would read otherwise left to pdfminer)
    # or "pdfminer" (pdfplumber's own parse of every page; the same JSON on every sample and
    # practice PDF, more CPU). S11_PDF_OBJECTS overrides it.
    objects: str = field(default_factory=lambda: os.environ.get("S11_PDF_OBJECTS", "pdfium"))
    max_pages: int = 500
    max_chars_per_page: int = 200_000
    table_settings: tuple[tuple[str, Any], ...] = (
        ("vertical_strategy", "lines"),
        ("horizontal_strategy", "lines"),
        ("snap_tolerance", 3),
        ("join_tolerance", 3),
        ("intersection_tolerance", 3),
    )

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ValueError("max_pages must be >= 1")
        if self.objects not in ("pdfminer", "pdfium"):
            raise ValueError("objects must be 'pdfminer' or 'pdfium'")


SETTINGS = PdfSettings()


def read_pdf(path: Path) -> FormDocument:
    """Read a PDF return. Raises a one-line DocumentLoadError subclass when it cannot."""
    import pdfplumber

    unused_codes_as_bullets()
    repaired = None
    try:
        pdf = pdfplumber.open(path, password="")
        pages = pdf.pages
        if not pages and (repaired := repaired_copy(path)) is not None:
            pdf.close()
            pdf = pdfplumber.open(repaired)
            pages = pdf.pages
    except Exception as e:
        raise _load_error(path, e) from e
    if not pages:
        pdf.close()
        raise DamagedFileError(path, "damaged PDF: no page could be found in it")
    doc = FormDocument(
        source=Source(file=path.name, sha256=sha256_of(path), format="pdf", pages=len(pages))
    )
    if repaired is not None:
        doc.warnings.append("the PDF's page tree is broken: read from a copy PDFium repaired")
    texty = 0
    state = _State(path=path)
    pdfium_doc = _pdfium_document(repaired or path) if SETTINGS.objects == "pdfium" else None
    with pdf:
        if len(pages) > SETTINGS.max_pages:
            doc.warnings.append(f"{len(pages)} pages: read the first {SETTINGS.max_pages} only")
        for number, page in enumerate(pages[: SETTINGS.max_pages], start=1):
            try:
                objects = (
                    page_objects(pdfium_doc, number - 1, page) if pdfium_doc is not None else None
                )
                if objects is not None:  # pdfplumber then never runs pdfminer's layout
                    page._objects = objects
                texty += _page(page, number, doc, state)
            except Exception as e:  # one broken page never loses the others
                doc.unreadable.append(
                    Unreadable(
                        f"the page could not be read ({type(e).__name__})", Provenance(page=number)
                    )
                )
            finally:
                page.close()
    if pdfium_doc is not None:
        pdfium_doc.close()
    if state.sheet_pages:
        read_as_sheet(doc, state.sheet_pages, lambda chars: cell_text(chars, []))
    scans = state.scans
    if scans is not None:
        scans.finish_pdf()
    if pages and not texty:
        why = f", and it could not be read: {scans.problem}" if scans is not None else ""
        raise ScannedDocumentError(
            path,
            f"this PDF is a scanned image without a text layer{why}; ask "
            "for the original Word/Excel file or a text PDF",
        )
    return doc


def _pdfium_document(source: Path | Any) -> Any | None:
    """The same file opened by PDFium, for its page objects (pdfplumber opened it already)."""
    import pypdfium2 as pdfium

    try:
        if not isinstance(source, Path):
            source.seek(0)
            return pdfium.PdfDocument(source.read())
        return pdfium.PdfDocument(source)
    except Exception:  # PDFium refuses what pdfminer opened: pdfminer reads it all
        return None


def _scanned(number: int, doc: FormDocument, state: _State) -> int:
    """An image-only page, read by the scan reader (extractor/scan/reader.py); 1 when read."""
    from extractor.scan.reader import ScannedPages

    if state.scans is None:
        assert state.path is not None
        state.scans = ScannedPages(state.path, doc, state.extents)
    return 1 if state.scans.add_pdf_page(number) else 0


def _load_error(path: Path, error: Exception) -> DocumentLoadError:
    wrapped = error.args[0] if error.args and isinstance(error.args[0], Exception) else None
    error = wrapped or error  # pdfplumber wraps pdfminer's error (PDFPasswordIncorrect)
    name = type(error).__name__
    if "Password" in name or "encrypt" in str(error).lower():
        return PasswordProtectedError(
            path, "the PDF is password-protected; ask the sender for an unprotected copy"
        )
    return DocumentLoadError(path, f"damaged PDF ({name}: {str(error)[:120]})")


@dataclass
class _State:
    """What one page leaves for the next."""

    extents: dict[int, tuple[float, float]] = field(default_factory=dict)  # id(table) -> x0, x1
    tail: list[Paragraph] = field(default_factory=list)  # text below the page's last table
    tail_page: int = 0
    path: Path | None = None
    scans: Any = None  # extractor.scan.reader.ScannedPages, made at the first image-only page
    sheet_pages: list[SheetPage] = field(default_factory=list)


def _resume_split_row(doc: FormDocument, table: Table, tail: list[Paragraph]) -> None:
    """A table whose first row is empty on a new page continues a row the page break split
    before its ruling closed: the text left below the previous page's last table (read as
    paragraphs there) is that row's start."""
    first = table.rows[0] if table.rows else None
    if first is None or any(c.text or c.marks for c in first.cells):
        return
    start = [p for p in tail if not _PAGE_FOOTER.match(p.text)]
    if not start:
        return
    first.cells[0].text = " ".join(p.text for p in start)
    for p in start:
        first.cells[0].marks += p.marks
        doc.paragraphs.remove(p)


def _page(page: Any, number: int, doc: FormDocument, state: _State) -> int:
    chars = [c for c in page.chars if c.get("text")]
    if len(chars) > SETTINGS.max_chars_per_page:
        doc.warnings.append(f"page {number}: {len(chars):,} characters; page cut short")
        chars = chars[: SETTINGS.max_chars_per_page]
    widgets = form_widgets(page)
    if not chars and not widgets:
        return _scanned(number, doc, state) if page.images else 0
    if not chars:  # a form whose printed words are drawn (or scanned), its fields still read
        doc.warnings.append(f"page {number} has form fields but no text layer: fields read alone")
    boxes = under_widgets(vector_boxes(page), widgets) + widgets
    rules = text_rules(page)
    notes = page_annotations(page)
    # Tick boxes drawn as small squares are marks, not table rules: left out of the grid.
    ruled = page.filter(lambda obj: not small_drawing(obj))
    found = word_shades(page, sorted(_ruled_tables(ruled, chars), key=lambda t: t.bbox[1]), chars)
    used: set[int] = set()
    by_height = _ByHeight(chars)
    blocks: list[tuple[float, Table | Paragraph]] = []
    hosts = nested_in(found)
    inner = {i: _table(found[i], page, number, by_height, boxes, len(doc.tables), used, rules)
             for i in hosts}  # first, so their words and boxes are not the host cell's too
    for i, found_table in enumerate(found):
        if i in hosts:
            continue
        placed: list[tuple[tuple[float, ...], Cell]] = []
        table = _table(
            found_table, page, number, by_height, boxes, len(doc.tables), used, rules, placed
        )
        for j, (host, box) in hosts.items():
            cell = next((c for b, c in placed if b == box), None) if host == i else None
            if cell is not None:
                inner[j].parent = cell.provenance
                cell.nested.append(inner[j])
        place_annotations(table, found_table, notes)
        state.extents[id(table)] = (float(found_table.bbox[0]), float(found_table.bbox[2]))
        blocks.append((float(found_table.bbox[1]), table))
    rest = [c for i, c in enumerate(chars) if i not in used]
    grids = [t for t in found if len({round(c[0]) for c in t.cells}) > 1]
    if chars and not widgets and sum(float(t.bbox[3] - t.bbox[1]) for t in grids) <= (
        SHEET_MAX_RULED_SHARE * float(page.height)
    ):
        # perhaps a workbook printed without gridlines: tried once all pages are read
        fills = [(colour, (r["x0"], r["top"], r["x1"], r["bottom"]))
                 for r in page.rects if (colour := shaded(r, page)) is not None]
        size = float(page.width), float(page.height)
        state.sheet_pages.append(SheetPage(number, chars, fills, *size))
    cells = [c for t in found for row in t.rows for c in row.cells if c is not None]
    loose = [w for w in boxes if not any(_within(w, c) for c in cells)]
    lowest = max((float(t.bbox[3]) for t in found), default=None)
    tail: list[Paragraph] = []
    for text, marks, top in text_lines(rest, loose):
        if text or marks:
            paragraph = Paragraph(text=text, marks=marks, provenance=Provenance(page=number))
            blocks.append((top, paragraph))
            if lowest is not None and top > lowest:
                tail.append(paragraph)
    tables = [b for _, b in blocks if isinstance(b, Table)]
    if tables and state.tail and state.tail_page == number - 1 and _opens_page(blocks, tables[0]):
        _resume_split_row(doc, tables[0], state.tail)
    for _, block in sorted(blocks, key=lambda b: b[0]):  # reading order down the page
        if isinstance(block, Paragraph):
            block.seq = len(doc.tables) + len(doc.paragraphs)
            doc.paragraphs.append(block)
        elif block.rows and not continue_table(doc, block, state.extents):
            block.seq = len(doc.tables) + len(doc.paragraphs)
            doc.tables.append(block)
    state.tail, state.tail_page = tail, number
    return 1


def _ruled_tables(ruled: Any, chars: list[dict[str, Any]]) -> list[Any]:
    """The page's ruled tables, with a lone ruled cell holding text kept as a one-row table.

    pdfplumber keeps only groups of two or more cells, so a table's row left alone on a page
    (a section's title row at the page bottom, the rest of the table on the next page) would
    be read as loose text and the table it heads would run into the previous one."""
    from pdfplumber.table import Table as PlumberTable

    finder = ruled.debug_tablefinder(dict(SETTINGS.table_settings))
    tables = list(finder.tables)
    grouped = {cell for table in tables for cell in table.cells}
    for cell in finder.cells:
        if cell in grouped or any(_inside(cell, t.bbox) for t in tables):
            continue
        if any(_within(c, cell) for c in chars):
            tables.append(PlumberTable(ruled, [cell]))
    return tables


def _inside(box: Any, outer: Any, slack: float = 1.0) -> bool:
    return bool(
        box[0] >= outer[0] - slack
        and box[1] >= outer[1] - slack
        and box[2] <= outer[2] + slack
        and box[3] <= outer[3] + slack
    )


SHEET_MAX_RULED_SHARE = 0.1  # a page may be a printed sheet when tables of two columns or
# more (a shaded heading; a column of shaded cells is none) cover no more of its height
MAX_HEADER_LINES = 2  # running-header lines a page may show above a continued table


def _opens_page(blocks: list[tuple[float, Table | Paragraph]], table: Table) -> bool:
    """The table comes first on its page (after at most a running header): only then can its
    first row carry on a row the page break split."""
    top = next(y for y, block in blocks if block is table)
    above = [
        b for y, b in blocks
        if isinstance(b, Paragraph) and y < top and not _PAGE_FOOTER.match(b.text)
    ]
    return len(above) <= MAX_HEADER_LINES


def _table(
    found: Any,
    page: Any,
    number: int,
    by_height: _ByHeight,
    boxes: list[dict[str, Any]],
    index: int,
    used: set[int],
    rules: list[tuple[float, float, float]],
    placed: list[tuple[tuple[float, ...], Cell]] | None = None,
) -> Table:
    """One ruled table; its characters and boxes not `used` by a table read before (a table
    nested in one of its cells). `placed` collects each cell with its box."""
    xs = sorted({round(c[0], 1) for row in found.rows for c in row.cells if c is not None})
    table = Table(rows=[], index=index, page=number)
    starts = sorted({c[0] for row in found.rows for c in row.cells if c is not None})
    above: list[tuple[tuple[float, ...], Cell]] = []  # cells read so far, with their boxes
    for row in found.rows:
        cells: list[Cell] = []
        for position, bbox in enumerate(row.cells):
            if bbox is None:
                origin = _merged_down(above, starts[position], float(row.bbox[1]))
                if origin is not None:  # a cell merged down from a row above (rowspan)
                    origin.row_span += 1
                    prov = Provenance(
                        table=index,
                        row=len(table.rows),
                        column=xs.index(round(starts[position], 1)),
                        page=number,
                    )
                    cells.append(
                        Cell(text="", provenance=prov, col_span=origin.col_span, continued=True)
                    )
                continue
            column = xs.index(round(bbox[0], 1))
            span = max(1, sum(1 for x in xs if bbox[0] - 0.5 <= x < bbox[2] - 0.5))
            inside = [i for i in by_height.within(bbox) if i not in used]
            used.update(inside)
            extra = [b for b in boxes if _within(b, bbox) and not b.get("used")]
            for b in extra:
                b["used"] = True
            lines = [
                r for r in rules
                if r[0] >= bbox[0] + 2 and r[1] <= bbox[2] - 2 and bbox[1] <= r[2] <= bbox[3]
            ]  # strike-through and underline, never the cell's own borders
            text, marks, spans = cell_text(
                [by_height.chars[i] for i in inside], extra, right=float(bbox[2]), rules=lines
            )
            prov = Provenance(table=index, row=len(table.rows), column=column, page=number)
            cells.append(
                Cell(
                    text=text,
                    provenance=prov,
                    marks=marks,
                    col_span=span,
                    fill=cell_fill(page, bbox),
                    spans=spans,
                )
            )
            above.append((tuple(float(v) for v in bbox), cells[-1]))
        if cells:
            table.rows.append(Row(cells=cells, index=len(table.rows)))
    if placed is not None:
        placed.extend(above)
    return table


def _merged_down(
    above: list[tuple[tuple[float, ...], Cell]], x: float, top: float
) -> Cell | None:
    """The cell of a row above that starts at this column and reaches below this row's top."""
    for bbox, cell in reversed(above):
        if abs(float(bbox[0]) - x) <= 0.5 and float(bbox[3]) > top + 1:
            return cell
    return None


class _ByHeight:
    """Characters sorted by their vertical centre: a cell's characters are found by bisection
    instead of testing every character of the page against every cell."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars
        centres = [_centre_y(ch) for ch in chars]
        self.order = sorted(range(len(chars)), key=centres.__getitem__)
        self.keys = [centres[i] for i in self.order]
        self.across = [(chars[i]["x0"] + chars[i]["x1"]) / 2 for i in self.order]  # _within's

    def within(self, bbox: tuple[float, float, float, float]) -> list[int]:
        """The characters whose centre is in the box (_within), by index."""
        lo = bisect.bisect_left(self.keys, bbox[1])
        hi = bisect.bisect_right(self.keys, bbox[3])
        left, right = bbox[0], bbox[2]  # the centres from lo to hi are within top and bottom
        return sorted(
            i for i, x in zip(self.order[lo:hi], self.across[lo:hi], strict=True)
            if left <= x <= right
        )


def _centre_y(obj: dict[str, Any]) -> float:
    return float(obj["top"] + obj["bottom"]) / 2


def _within(obj: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return bool(bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3])
