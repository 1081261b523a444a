"""Build FormDocuments directly for format-neutral mapping tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.model import (
    Cell,
    FormDocument,
    Mark,
    Paragraph,
    Provenance,
    Row,
    Source,
    Span,
    Table,
)


@dataclass
class C:
    """A cell spec: text, marks as (checked, label) pairs, fill, span."""

    text: str = ""
    marks: list[tuple[bool, str | None]] = field(default_factory=list)
    fill: str | None = None
    source: str = "content_control"
    col_span: int = 1
    row_span: int = 1
    continued: bool = False
    spans: list[Span] = field(default_factory=list)
    hidden: bool = False  # in a hidden column (Excel)
    cross: bool = False  # its marks are drawn as crosses (✗)


def make_doc(*blocks: list[list[C | str]] | str, file: str = "t.docx") -> FormDocument:
    """Tables (lists of rows of cells) and paragraphs (str) in document order."""
    doc = FormDocument(source=Source(file=file, sha256="0" * 64, format="docx"))
    for seq, block in enumerate(blocks):
        if isinstance(block, str):
            prov = Provenance()
            doc.paragraphs.append(Paragraph(text=block, provenance=prov, seq=seq))
            continue
        t_index = len(doc.tables)
        rows = []
        for r_index, row in enumerate(block):
            cells = []
            col = 0
            for spec in row:
                spec = C(spec) if isinstance(spec, str) else spec
                prov = Provenance(table=t_index, row=r_index, column=col, hidden=spec.hidden)
                marks = [
                    Mark(checked=c, source=spec.source, label=lab, cross=spec.cross)  # type: ignore[arg-type]
                    for c, lab in spec.marks
                ]
                cells.append(
                    Cell(
                        text=spec.text,
                        provenance=prov,
                        marks=marks,
                        fill=spec.fill,
                        col_span=spec.col_span,
                        row_span=spec.row_span,
                        continued=spec.continued,
                        spans=list(spec.spans),
                    )
                )
                col += spec.col_span
            rows.append(Row(cells=cells, index=r_index))
        doc.tables.append(Table(rows=rows, index=t_index, seq=seq))
    return doc


def yes_no_partial(choice: str | None, *, second: str | None = None) -> C:
    labels = ["Yes", "No", "Partial"]
    return C(
        "Yes\nNo\nPartial",
        marks=[(lab in (choice, second), lab) for lab in labels],
    )
