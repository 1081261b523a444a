"""PDF returns into a FormDocument (pdfplumber): tables from ruling lines, cell text rebuilt
from characters (so tick glyphs keep the words beside them), vector-drawn boxes, AcroForm
checkboxes and text fields, RAG fills, scanned pages and tables continued across pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.dispatch import sha256_of
from extractor.docx_marks import Inline, finish
from extractor.errors import DocumentLoadError, PasswordProtectedError, ScannedDocumentError
from extractor.glyphs import glyph_state, symbol_state
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
from extractor.pdf_marks import acroform_boxes, cell_fill, vector_boxes

_NUMBERED = re.compile(r"^\s*\(?\d{1,2}(\.\d{1,2})?[.)]?(\s|$)")


@dataclass(frozen=True)
class PdfSettings:
    """Tolerances for rebuilding text and tables (points)."""

    max_pages: int = 500
    max_chars_per_page: int = 200_000
    line_tolerance: float = 3.0
    space_ratio: float = 0.2  # a gap wider than this share of the font size is a space
    table_settings: tuple[tuple[str, Any], ...] = (
        ("vertical_strategy", "lines"),
        ("horizontal_strategy", "lines"),
        ("snap_tolerance", 3),
        ("join_tolerance", 3),
        ("intersection_tolerance", 3),
    )

    def __post_init__(self) -> None:
        if self.max_pages < 1 or self.line_tolerance <= 0:
            raise ValueError("max_pages must be >= 1 and line_tolerance > 0")


SETTINGS = PdfSettings()


def read_pdf(path: Path) -> FormDocument:
    """Read a PDF return. Raises a one-line DocumentLoadError subclass when it cannot."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path, password="")
        pages = pdf.pages
    except Exception as e:
        raise _load_error(path, e) from e
    doc = FormDocument(
        source=Source(file=path.name, sha256=sha256_of(path), format="pdf", pages=len(pages))
    )
    texty = 0
    with pdf:
        if len(pages) > SETTINGS.max_pages:
            doc.warnings.append(f"{len(pages)} pages: read the first {SETTINGS.max_pages} only")
        for number, page in enumerate(pages[: SETTINGS.max_pages], start=1):
            try:
                texty += _page(page, number, doc)
            except Exception as e:  # one broken page never loses the others
                doc.unreadable.append(
                    Unreadable(
                        f"the page could not be read ({type(e).__name__})", Provenance(page=number)
                    )
                )
            finally:
                page.close()
    if pages and not texty:
        raise ScannedDocumentError(
            path,
            "this PDF is a scanned image without a text layer; ask "
            "for the original Word/Excel file or a text PDF",
        )
    return doc


def _load_error(path: Path, error: Exception) -> DocumentLoadError:
    name = type(error).__name__
    if "Password" in name or "encrypt" in str(error).lower():
        return PasswordProtectedError(
            path, "the PDF is password-protected; ask the sender for an unprotected copy"
        )
    return DocumentLoadError(path, f"damaged PDF ({name}: {str(error)[:120]})")


def _page(page: Any, number: int, doc: FormDocument) -> int:
    chars = [c for c in page.chars if c.get("text")]
    if len(chars) > SETTINGS.max_chars_per_page:
        doc.warnings.append(f"page {number}: {len(chars):,} characters; page cut short")
        chars = chars[: SETTINGS.max_chars_per_page]
    if not chars:
        if page.images:
            doc.unreadable.append(
                Unreadable("scanned image without a text layer", Provenance(page=number))
            )
            doc.warnings.append(f"page {number} is a scanned image without a text layer")
        return 0
    boxes = vector_boxes(page) + acroform_boxes(page)
    found = page.find_tables(dict(SETTINGS.table_settings))
    used: set[int] = set()
    for found_table in sorted(found, key=lambda t: t.bbox[1]):
        table = _table(found_table, page, number, chars, boxes, len(doc.tables), used)
        if table.rows and not _continue(doc, table):
            table.seq = len(doc.tables) + len(doc.paragraphs)
            doc.tables.append(table)
    rest = [c for i, c in enumerate(chars) if i not in used]
    for text, marks, _top in _lines(rest, []):
        if text or marks:
            doc.paragraphs.append(
                Paragraph(
                    text=text,
                    marks=marks,
                    seq=len(doc.tables) + len(doc.paragraphs),
                    provenance=Provenance(page=number),
                )
            )
    return 1


def _table(
    found: Any,
    page: Any,
    number: int,
    chars: list[dict[str, Any]],
    boxes: list[dict[str, Any]],
    index: int,
    used: set[int],
) -> Table:
    xs = sorted({round(c[0], 1) for row in found.rows for c in row.cells if c is not None})
    table = Table(rows=[], index=index, page=number)
    for row in found.rows:
        cells: list[Cell] = []
        for bbox in row.cells:
            if bbox is None:
                continue
            column = xs.index(round(bbox[0], 1))
            span = max(1, sum(1 for x in xs if bbox[0] - 0.5 <= x < bbox[2] - 0.5))
            inside = [i for i, c in enumerate(chars) if _within(c, bbox)]
            used.update(inside)
            extra = [b for b in boxes if _within(b, bbox)]
            text, marks = _cell_text([chars[i] for i in inside], extra)
            prov = Provenance(table=index, row=len(table.rows), column=column, page=number)
            cells.append(
                Cell(
                    text=text,
                    provenance=prov,
                    marks=marks,
                    col_span=span,
                    fill=cell_fill(page, bbox),
                )
            )
        if cells:
            table.rows.append(Row(cells=cells, index=len(table.rows)))
    return table


def _within(obj: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return bool(bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3])


def _cell_text(chars: list[dict[str, Any]], boxes: list[dict[str, Any]]) -> tuple[str, list[Any]]:
    ticks = [b for b in boxes if "checked" in b]
    text, marks = finish(_inline(chars + ticks))
    typed = [str(b["value"]) for b in boxes if b.get("value")]  # filled form text fields
    if typed:
        text = "\n".join(t for t in (text, *typed) if t)
    return text, marks


def _inline(items: list[dict[str, Any]]) -> Inline:
    """Characters (and boxes drawn as pseudo-characters) in reading order, as an Inline."""
    inline = Inline()
    for n, line in enumerate(_group_lines(items)):
        if n:
            inline.add_text(" ", None)  # wrapped lines of one cell read as running text
        previous: dict[str, Any] | None = None
        for ch in line:
            size = float(ch.get("size") or 10)
            if previous is not None and ch["x0"] - previous["x1"] > size * SETTINGS.space_ratio:
                inline.add_text(" ", None)
            if "checked" in ch:
                inline.add_mark(bool(ch["checked"]), ch["source"])
            else:
                state = symbol_state(ch.get("fontname"), ch["text"])
                if state is not None:
                    inline.add_mark(state, "symbol_font")
                elif (state := glyph_state(ch["text"])) is not None:
                    inline.add_mark(state, "glyph")
                else:
                    inline.add_text(ch["text"], None)
            previous = ch
    return inline


def _group_lines(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(items, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) <= SETTINGS.line_tolerance:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _lines(
    chars: list[dict[str, Any]], boxes: list[dict[str, Any]]
) -> list[tuple[str, list[Any], float]]:
    out = []
    for line in _group_lines(chars + boxes):
        text, marks = finish(_inline(line))
        out.append((text, marks, float(line[0]["top"])))
    return out


def _continue(doc: FormDocument, table: Table) -> bool:
    """Join a table that continues the previous page's table; drop a repeated header row."""
    if not doc.tables or table.page is None:
        return False
    last = doc.tables[-1]
    if last.page != table.page - 1 or _width(last) != _width(table):
        return False
    if last.rows and table.rows and _row_text(table.rows[0]) == _row_text(last.rows[0]):
        table.rows.pop(0)  # the header repeated on each page
    first = table.rows[0].cells[0].text if table.rows and table.rows[0].cells else ""
    if table.rows and last.rows and not _NUMBERED.match(first):
        _merge_into(last.rows[-1], table.rows.pop(0))  # a row split by the page break
    for row in table.rows:
        row.index = len(last.rows)
        last.rows.append(row)
    return True


def _merge_into(row: Row, tail: Row) -> None:
    for cell, more in zip(row.cells, tail.cells, strict=False):
        if more.text:
            cell.text = f"{cell.text} {more.text}" if cell.text else more.text
        cell.marks += more.marks
        cell.fill = cell.fill or more.fill


def _width(table: Table) -> int:
    return max((sum(c.col_span for c in r.cells) for r in table.rows), default=0)


def _row_text(row: Row) -> str:
    return " | ".join(c.text for c in row.cells)
