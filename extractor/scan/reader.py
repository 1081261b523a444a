"""Scanned and photographed returns into a FormDocument: image files (PNG, JPEG, multi-page
TIFF) and the image-only pages of a PDF (extractor/pdf/reader.py hands them here).

Per page: upright and level (scan_image), the table grid from ruling lines (scan_grid), tick
boxes and their state (scan_boxes), words by OCR with their confidences (scan_ocr), colour
fills; then cells, marks and paragraphs as every other reader gives them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from extractor.errors import ScannedDocumentError, UnreadableScanError
from extractor.inline import Inline, finish
from extractor.model import (
    Cell,
    FormDocument,
    Mark,
    Paragraph,
    Provenance,
    Row,
    ScannedPage,
    Source,
    Table,
    Unreadable,
)
from extractor.pages import continue_table
from extractor.scan.boxes import TickBox, blank_out, find_boxes, judge
from extractor.scan.grid import Grid, GridCell, find_grids, rule_masks
from extractor.scan.image import (
    Image,
    Page,
    binarise,
    clear_surround,
    contrast,
    flatten,
    load_image_file,
    paper_light,
    quarter_turns,
    render_pdf_page,
    straighten,
    upright,
)
from extractor.scan.lone import lone_marks, read_lone
from extractor.scan.ocr import Word, read_words
from extractor.scan.settings import SETTINGS

Block = tuple[float, Table | Paragraph]


Item = Word | TickBox  # what a cell or a line holds


def read_scan(path: Path) -> FormDocument:
    """Read an image file (every page of it) as a return."""
    from extractor.files import sha256_of

    pages = load_image_file(path)
    doc = FormDocument(
        source=Source(file=path.name, sha256=sha256_of(path), format="image", pages=len(pages))
    )
    scans = ScannedPages(path, doc)
    for number, page in enumerate(pages, start=1):
        scans.add(page, number)
    scans.finish()
    return doc


@dataclass
class ScannedPages:
    """Scanned pages of one file, read in order into `doc` (tables carried across pages)."""

    path: Path
    doc: FormDocument
    extents: dict[int, tuple[float, float]] = field(default_factory=dict)
    read: int = 0
    failures: list[str] = field(default_factory=list)

    pdf: Any = None  # the pypdfium2 document an image-only PDF page is rendered from

    def add(self, page: Page, number: int) -> bool:
        """Read one page; a page that cannot be read is recorded, the others still read."""
        try:
            blocks = read_page(
                page, number, self.path, len(self.doc.tables), self.extents, self.doc.warnings,
                self.doc.scanned,
            )
        except ScannedDocumentError as e:
            self.failures.append(e.problem)
            self.doc.unreadable.append(Unreadable(e.problem, Provenance(page=number)))
            self.doc.warnings.append(e.problem)
            return False
        place(self.doc, blocks, self.extents)
        self.read += 1
        return True

    def add_pdf_page(self, number: int) -> bool:
        """Render image-only page `number` (1-based) of the PDF and read it."""
        import pypdfium2

        if self.pdf is None:
            self.pdf = pypdfium2.PdfDocument(self.path)
            self.pdf.init_forms()  # check boxes drawn from their appearance streams
        return self.add(render_pdf_page(self.pdf, number - 1), number)

    @property
    def problem(self) -> str:
        return self.failures[0] if self.failures else "no scanned page could be read"

    def finish_pdf(self) -> None:
        """Close the rendered PDF (the PDF reader decides what an unread page means)."""
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None

    def finish(self) -> None:
        """Fail in one line when no page could be read at all."""
        self.finish_pdf()
        if not self.read:
            raise UnreadableScanError(self.path, self.problem)


def place(doc: FormDocument, blocks: list[Block], extents: dict[int, tuple[float, float]]) -> None:
    """Blocks of one page into the document in reading order; a table continuing the last
    page's table joins it."""
    for _, block in sorted(blocks, key=lambda b: b[0]):
        if isinstance(block, Paragraph):
            block.seq = len(doc.tables) + len(doc.paragraphs)
            doc.paragraphs.append(block)
        elif block.rows and not continue_table(doc, block, extents):
            block.index = len(doc.tables)
            block.seq = len(doc.tables) + len(doc.paragraphs)
            doc.tables.append(block)


@dataclass
class _Seen:
    """What one pass over a page found."""

    page: Page
    ink: Image
    grids: list[Grid]
    boxes: list[TickBox]
    words: list[Word]

    @property
    def word_confidence(self) -> float:
        return statistics.median(w.confidence for w in self.words) if self.words else 0.0


def _look(page: Page, number: int, path: Path) -> _Seen:
    page, _ = straighten(clear_surround(page))
    ink = binarise(page.grey, page.dpi)
    if float((ink > 0).mean()) < SETTINGS.blank_ink:
        raise UnreadableScanError(path, f"the scanned page {number} is blank")
    faint = binarise(page.grey, page.dpi, SETTINGS.rule_ink_share, SETTINGS.min_rule_contrast)
    horizontal, vertical = rule_masks(faint, page.dpi)
    grids = find_grids(horizontal, vertical, page.dpi)
    rules = np.maximum(horizontal, vertical)
    faintest = (contrast(page.grey, page.dpi) > SETTINGS.min_ink_contrast).astype(np.uint8)
    boxes = find_boxes(ink, rules, faintest * 255, page.dpi, faint)
    judge(boxes)
    clean = flatten(page.grey, page.dpi)
    clean[cv2.dilate(rules, np.ones((5, 5), np.uint8)) > 0] = 255  # rules and their edges
    blanked = blank_out(clean, boxes, 255)
    words = read_words(blanked, path, number)
    strokes = blank_out(cv2.subtract(ink, cv2.dilate(rules, np.ones((5, 5), np.uint8))), boxes, 0)
    cells = [gc.box for grid in grids for gc in grid.cells]
    alone = lone_marks(strokes, cells, words, [b.box for b in boxes])
    words += read_lone(blanked, alone, path, number)
    return _Seen(page, ink, grids, boxes, words)


def read_page(
    page: Page,
    number: int,
    path: Path,
    first_table: int,
    extents: dict[int, tuple[float, float]],
    warnings: list[str] | None = None,
    scanned: dict[int, ScannedPage] | None = None,
) -> list[Block]:
    """One scanned page as tables and paragraphs (positions in points from the top); words
    OCR was unsure of are counted in `warnings`; how well the page was seen goes into
    `scanned` (the mapping's confidence on paper uses it)."""
    seen = _look(page, number, path)
    if seen.word_confidence < SETTINGS.upright_word_confidence:
        # Words read poorly: the page may be sideways or upside down.
        turns = quarter_turns(seen.page.grey, seen.page.dpi)
        if turns:
            turned = _look(upright(seen.page, turns), number, path)
            if turned.word_confidence > seen.word_confidence:
                seen = turned
    page, ink, grids, boxes, words = seen.page, seen.ink, seen.grids, seen.boxes, seen.words
    if not grids and len(words) < SETTINGS.min_words:
        raise UnreadableScanError(
            path, f"the scanned page {number} is not a form (no table and hardly any words)"
        )
    if seen.word_confidence < SETTINGS.poor_word_confidence:
        raise UnreadableScanError(
            path, f"the scanned page {number} is too poor to read (blurred, dark or too small)"
        )
    if scanned is not None:
        scanned[number] = ScannedPage(
            number, round(seen.word_confidence, 1), len(words), len(boxes)
        )
    unsure = sum(1 for w in words if w.confidence < SETTINGS.unsure_word_confidence)
    if warnings is not None and unsure:
        warnings.append(
            f"scanned page {number}: {unsure} of {len(words)} words read with OCR confidence "
            f"below {SETTINGS.unsure_word_confidence:.0f}%; check its text"
        )
    to_points = 72.0 / page.dpi
    blocks: list[Block] = []
    taken_words: set[int] = set()
    taken_boxes: set[int] = set()
    for grid in grids:
        table = _table(grid, page, ink, number, first_table + len(blocks), words, boxes,
                       taken_words, taken_boxes)
        extents[id(table)] = (grid.box[0] * to_points, grid.box[2] * to_points)
        blocks.append((grid.box[1] * to_points, table))
    rest_words = [w for i, w in enumerate(words) if i not in taken_words]
    rest_boxes = [b for i, b in enumerate(boxes) if i not in taken_boxes]
    rest: list[Item] = [*rest_words, *rest_boxes]
    for line in _lines(rest):
        text, marks = _read([line])
        if text or marks:
            top = min(item.box[1] for item in line) * to_points
            prov = Provenance(page=number)
            blocks.append((top, Paragraph(text=text, marks=marks, provenance=prov)))
    return blocks


def _table(
    grid: Grid,
    page: Page,
    ink: Image,
    number: int,
    index: int,
    words: list[Word],
    boxes: list[TickBox],
    taken_words: set[int],
    taken_boxes: set[int],
) -> Table:
    table = Table(rows=[], index=index, page=number)
    by_row: dict[int, list[tuple[int, Cell]]] = {}
    for gc in grid.cells:
        inside_words = [i for i, w in enumerate(words) if i not in taken_words and _in(w, gc)]
        inside_boxes = [i for i, b in enumerate(boxes) if i not in taken_boxes and _in(b, gc)]
        taken_words.update(inside_words)
        taken_boxes.update(inside_boxes)
        inside: list[Item] = [*(words[i] for i in inside_words), *(boxes[i] for i in inside_boxes)]
        text, marks = _read(_lines(inside))
        prov = Provenance(table=index, row=gc.row, column=gc.column, page=number)
        cell = Cell(text=text, provenance=prov, marks=marks, fill=_fill(page, ink, gc),
                    row_span=gc.row_span, col_span=gc.col_span)
        by_row.setdefault(gc.row, []).append((gc.column, cell))
        for below in range(gc.row + 1, gc.row + gc.row_span):  # merged down: continued
            more = Provenance(table=index, row=below, column=gc.column, page=number)
            by_row.setdefault(below, []).append(
                (gc.column, Cell(text="", provenance=more, col_span=gc.col_span, continued=True))
            )
    for r in range(len(grid.ys) - 1):
        cells = [cell for _, cell in sorted(by_row.get(r, []), key=lambda c: c[0])]
        if cells:
            table.rows.append(Row(cells=cells, index=len(table.rows)))
    return table


def _in(item: Item, gc: GridCell) -> bool:
    x0, y0, x1, y1 = item.box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    bx0, by0, bx1, by1 = gc.box
    return bx0 <= cx < bx1 and by0 <= cy < by1


def _lines(items: list[Item]) -> list[list[Item]]:
    """Words and boxes grouped into lines by vertical overlap, each left to right."""
    lines: list[list[Item]] = []
    bounds: list[tuple[int, int]] = []
    for item in sorted(items, key=lambda i: (i.box[1] + i.box[3]) / 2):
        centre = (item.box[1] + item.box[3]) / 2
        if lines:
            top, bottom = bounds[-1]
            if top - (bottom - top) * 0.2 <= centre <= bottom:
                lines[-1].append(item)
                bounds[-1] = (min(top, item.box[1]), max(bottom, item.box[3]))
                continue
        lines.append([item])
        bounds.append((item.box[1], item.box[3]))
    return [sorted(line, key=lambda i: i.box[0]) for line in lines]


def _read(lines: list[list[Item]]) -> tuple[str, list[Mark]]:
    """Text and marks of some lines of words and boxes, labels from the words beside boxes."""
    inline = Inline()
    for n, line in enumerate(lines):
        if n:
            inline.add_text(" ", None)
        for k, item in enumerate(line):
            if k:
                inline.add_text(" ", None)
            if isinstance(item, TickBox):
                inline.add_mark(item.checked, "scan", item.confidence)
            else:
                inline.add_text(item.text, None)
    return finish(inline)


def _fill(page: Page, ink: Image, gc: GridCell) -> str | None:
    """The cell's background colour (paper-balanced), None when it is the paper's own."""
    x0, y0, x1, y1 = gc.box
    pad = max(3, SETTINGS.px(2, page.dpi))
    step = max(1, round(page.dpi / 50))  # a sample of the cell's pixels is enough
    inner = (slice(y0 + pad, y1 - pad, step), slice(x0 + pad, x1 - pad, step))
    paper_mask = ink[inner] == 0
    if paper_mask.sum() < 20:
        return None
    image = page.colour if page.colour is not None else page.grey
    pixels = image[inner][paper_mask]
    # Grey as three equal channels; BGR turned to RGB.
    pixels = np.repeat(pixels[:, None], 3, axis=1) if pixels.ndim == 1 else pixels[:, ::-1]
    colour = np.median(pixels, axis=0)
    covered = float((np.abs(pixels - colour).max(axis=1) < 40).mean())
    if covered < SETTINGS.fill_share:
        return None
    white = _paper_rgb(page)
    # Against the paper around the cell, not the page's brightest: a cell in the darker part
    # of an unevenly lit scan is not shaded for that.
    light = paper_light(page)
    local = float(light[min(light.shape[0] - 1, (y0 + y1) // 16),
                        min(light.shape[1] - 1, (x0 + x1) // 16)])
    dimmed = max(1.0, float(white.mean()) / max(local, 1.0))
    balanced = np.clip(colour * dimmed * 255.0 / np.maximum(white, 1.0), 0, 255)
    if 255 - float(balanced.min()) < SETTINGS.fill_min_darkness:
        return None
    return "".join(f"{round(float(v)):02X}" for v in balanced)


def _paper_rgb(page: Page) -> np.ndarray:
    if page.cache_paper is not None:
        return np.asarray(page.cache_paper)
    image = page.colour if page.colour is not None else page.grey
    sample = image[::7, ::7].reshape(-1, 1 if image.ndim == 2 else 3)
    paper = np.percentile(sample, 90, axis=0).astype(np.float64)
    paper = paper[::-1] if paper.size == 3 else np.repeat(paper, 3)
    page.cache_paper = paper
    return np.asarray(paper)
