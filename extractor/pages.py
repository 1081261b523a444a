"""Tables continued across PDF pages: the parts joined, a repeated header dropped, a row the
page break split merged back into one."""

from __future__ import annotations

import re

from extractor.inline import MAX_SHORT_WORDS, span_emphasis
from extractor.model import FormDocument, Row, Table

_NUMBERED = re.compile(r"^\s*\(?\d{1,2}(\.\d{1,2})?[.)]?(\s|$)")


def continue_table(
    doc: FormDocument, table: Table, extents: dict[int, tuple[float, float]]
) -> bool:
    """Join a table that continues the previous page's table; drop a repeated header row.

    The two parts line up (same columns, or the same left and right edges when one part
    has fewer column rules); a first row that is not numbered and whose cells carry the same
    shading as the last row's is the rest of a row the page break split, unless it is a row
    of bare boxes under a row of bare words (option labels over their tick boxes)."""
    if not doc.tables or table.page is None:
        return False
    last = doc.tables[-1]
    if _end_page(last) != table.page - 1:
        return False
    edges, new_edges = extents.get(id(last)), extents.get(id(table))
    aligned = (
        edges is not None
        and new_edges is not None
        and abs(edges[0] - new_edges[0]) <= 3
        and abs(edges[1] - new_edges[1]) <= 3
    )
    if _width(last) != _width(table) and not aligned:
        return False
    width = max(_width(last), _width(table))
    for row in last.rows + table.rows:  # a part with fewer column rules: full-width rows
        if len(row.cells) == 1:
            row.cells[0].col_span = width
    if last.rows and table.rows and _row_text(table.rows[0]) == _row_text(last.rows[0]):
        table.rows.pop(0)  # the header repeated on each page
    first = table.rows[0].cells[0].text if table.rows and table.rows[0].cells else ""
    if (
        table.rows
        and last.rows
        and not _NUMBERED.match(first)
        and _same_shading(last.rows[-1], table.rows[0])
        and not _boxes_under_labels(last.rows[-1], table.rows[0])
    ):
        _merge_into(last.rows[-1], table.rows.pop(0))  # a row split by the page break
    for row in table.rows:
        row.index = len(last.rows)
        last.rows.append(row)
    return True


def _same_shading(row: Row, tail: Row) -> bool:
    """A split row keeps each cell's shading on both pages; a header row above a plain row
    (a break between rows) does not."""
    if len(row.cells) != len(tail.cells):
        return False
    return all(a.fill == b.fill for a, b in zip(row.cells, tail.cells, strict=True))


def _boxes_under_labels(row: Row, tail: Row) -> bool:
    """A row of words without boxes above a row of boxes without words ("Blue | Green | …"
    over its tick boxes) is two rows the page break fell between, not one row it split."""
    words = [c for c in row.cells if c.text.strip()]
    boxes = [c for c in tail.cells if c.all_marks()]
    return bool(
        words
        and boxes
        and not any(c.all_marks() for c in row.cells)
        and not any(c.text.strip() for c in tail.cells)
    )


def _end_page(table: Table) -> int | None:
    """The page a table ends on (it may already run over several)."""
    for row in reversed(table.rows):
        for cell in row.cells:
            if cell.provenance.page is not None:
                return cell.provenance.page
    return table.page


def _merge_into(row: Row, tail: Row) -> None:
    for cell, more in zip(row.cells, tail.cells, strict=False):
        if more.text:
            cell.text = f"{cell.text} {more.text}" if cell.text else more.text
        unmarked = not cell.marks and not more.marks and bool(cell.spans and more.spans)
        cell.marks += more.marks
        cell.fill = cell.fill or more.fill
        cell.spans += more.spans
        if unmarked and len(cell.text.split()) <= MAX_SHORT_WORDS:
            # "Yes / No /" above the break and "PARTIAL" below: the list is whole only now
            cell.marks = span_emphasis(cell.text, cell.spans)
        cell.annotations += more.annotations
        for inner in more.nested:  # a table nested in the cell, split by the break too
            host = cell.nested[-1] if cell.nested else None
            if host is not None and _width(host) == _width(inner):
                for part in inner.rows:
                    part.index = len(host.rows)
                    host.rows.append(part)
            else:
                inner.parent = cell.provenance
                cell.nested.append(inner)


def _width(table: Table) -> int:
    return max((sum(c.col_span for c in r.cells) for r in table.rows), default=0)


def _row_text(row: Row) -> str:
    return " | ".join(c.text for c in row.cells)
