"""The one document model every reader produces (Word, PDF, Excel).

Format quirks end at the reader: mapping code sees only these types.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Literal

Format = Literal["docx", "pdf", "xlsx", "image"]

MarkSource = Literal[
    "content_control",  # Word w14:checkbox content control
    "form_field",  # Word legacy FORMCHECKBOX
    "glyph",  # a tick/box character typed into the text (☒ ☐ ✓ X)
    "symbol_font",  # Wingdings/Webdings/Symbol/ZapfDingbats character or w:sym
    "acroform",  # PDF form checkbox / radio button
    "vector",  # PDF vector-drawn box with a cross/tick/fill inside
    "form_control",  # Excel legacy form-control checkbox / option button
    "cell_checkbox",  # Excel in-cell TRUE/FALSE checkbox
    "fill",  # cell shading used as the mark (RAG colour)
    "emphasis",  # chosen option bold/underlined/highlighted, or others struck through
    "typed",  # a word typed into the cell ("Yes", "Partial")
    "scan",  # a box on a scanned page, its state from the ink inside
]


@dataclass(frozen=True)
class Provenance:
    """Where something sits, precise enough for a reviewer to find it."""

    table: int | None = None  # 0-based table index in FormDocument.tables
    row: int | None = None  # 0-based row index in that table
    column: int | None = None  # 0-based grid column
    page: int | None = None  # 1-based page (PDF; Word when known)
    sheet: str | None = None  # Excel sheet name
    cell_ref: str | None = None  # Excel "B7"
    hidden: bool = False  # hidden sheet/row/column (Excel)

    @property
    def locator(self) -> str:
        """Human-readable place: 'Sheet1!B7', 'page 2, table 3, row 4' (1-based for people)."""
        if self.sheet is not None and self.cell_ref is not None:
            where = f"{self.sheet}!{self.cell_ref}"
            return f"{where} (hidden)" if self.hidden else where
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}")
        if self.table is not None:
            parts.append(f"table {self.table + 1}")
        if self.row is not None:
            parts.append(f"row {self.row + 1}")
        if self.column is not None:
            parts.append(f"column {self.column + 1}")
        text = ", ".join(parts) or "document"
        return f"{text} (hidden)" if self.hidden else text


@dataclass(frozen=True)
class Mark:
    """A tick box or its equivalent.

    `label` is the option text beside the mark ("Yes", "Fully met") when the reader can see
    one in the same cell/paragraph; None when the box stands alone (its meaning then comes
    from the column header or the option order).
    """

    checked: bool
    source: MarkSource
    label: str | None = None
    confidence: float = 1.0
    cross: bool = False  # drawn as a cross (✗): beside ticks (✓) it rejects its option
    # Where a typed mark stood against its label: "before" ("X Yes No"), "after" ("Yes No X").
    side: Literal["before", "after"] | None = None


@dataclass(frozen=True)
class Span:
    """A run of text with the look that may carry meaning: emphasis, colour, size, face.

    Readers fill what their format states; None means "not stated" (the document's default),
    so runs are compared with their siblings, never with a fixed style."""

    text: str
    bold: bool = False
    underline: bool = False
    strike: bool = False
    highlight: str | None = None  # RGB hex "FFFF00" or None (shading of the word itself too)
    colour: str | None = None  # font colour RGB hex; None when automatic or black
    size: float | None = None  # points
    italic: bool = False
    caps: bool = False  # shown in capitals by the format (Word w:caps); typed capitals are text
    font: str | None = None  # face name without subset prefix or style ("Arial")

    def restyled(self, text: str) -> Span:
        """The same look on other text."""
        return replace(self, text=text)

    def same_look(self, other: Span) -> bool:
        """Every field but the text equal."""
        return bool(_LOOK(self) == _LOOK(other))


_LOOK = operator.attrgetter(*(f.name for f in fields(Span) if f.name != "text"))


AnnotationKind = Literal["comment", "drawing"]


@dataclass(frozen=True)
class Annotation:
    """Something laid over a cell that is neither its text nor a box: a reviewer's comment,
    a drawn shape or picture (a circle round an option, an arrow, a stamp)."""

    kind: AnnotationKind
    text: str = ""  # the comment's words, or the shape's name ("oval", "picture")


@dataclass
class Cell:
    """One table cell. `text` has tick glyphs removed; one line per paragraph."""

    text: str
    provenance: Provenance
    marks: list[Mark] = field(default_factory=list)
    fill: str | None = None  # RGB hex "RRGGBB", uppercase, None when unshaded/white-auto
    spans: list[Span] = field(default_factory=list)
    row_span: int = 1
    col_span: int = 1
    # A cell merged down from the row above repeats nothing: it is a continuation.
    continued: bool = False
    nested: list[Table] = field(default_factory=list)
    # The entries of the cell's dropdown (an Excel list validation), in order; () when none.
    choices: tuple[str, ...] = ()
    annotations: list[Annotation] = field(default_factory=list)

    def all_marks(self) -> list[Mark]:
        """Marks of this cell and of any table nested inside it."""
        found = list(self.marks)
        for table in self.nested:
            for row in table.rows:
                for cell in row.cells:
                    found.extend(cell.all_marks())
        return found

    def full_text(self) -> str:
        """Text of this cell followed by the text of nested tables."""
        parts = [self.text] if self.text else []
        for table in self.nested:
            for row in table.rows:
                line = " ".join(c.full_text() for c in row.cells if c.full_text())
                if line:
                    parts.append(line)
        return "\n".join(parts)


@dataclass
class Row:
    cells: list[Cell]
    index: int
    hidden: bool = False

    @property
    def text(self) -> str:
        return " | ".join(c.text for c in self.cells if c.text)


@dataclass
class Table:
    rows: list[Row]
    index: int
    page: int | None = None
    sheet: str | None = None
    parent: Provenance | None = None  # set for a table nested in a cell
    seq: int = 0  # position among tables and paragraphs in document order


@dataclass
class Paragraph:
    """Body text outside tables (headings, self-rating lines, signature blocks)."""

    text: str
    provenance: Provenance
    marks: list[Mark] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    style: str | None = None  # "Heading 1" etc. when the format has styles
    seq: int = 0  # position among tables and paragraphs in document order
    annotations: list[Annotation] = field(default_factory=list)


@dataclass(frozen=True)
class Field:
    """A header key/value pair: 'Organisation / Service' -> 'Acme NHS Trust'."""

    key: str
    value: str
    provenance: Provenance


@dataclass(frozen=True)
class Unreadable:
    """A page or part that could not be read (scanned image, encrypted part)."""

    reason: str
    provenance: Provenance


@dataclass(frozen=True)
class ScannedPage:
    """How well a page read from pixels (a scan or photo) was seen, for honest confidence."""

    number: int  # 1-based page
    word_confidence: float  # median OCR word confidence, 0..100
    words: int
    boxes: int  # tick boxes found on the page


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    format: Format
    pages: int | None = None
    sheets: int | None = None


@dataclass
class FormDocument:
    """Everything a reader saw in one return, in document order."""

    source: Source
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Pages read from pixels (image files, image-only PDF pages), by page number.
    scanned: dict[int, ScannedPage] = field(default_factory=dict)

    def walk_tables(self) -> Iterator[Table]:
        """Every table, nested ones right after the cell that holds them."""

        def visit(table: Table) -> Iterator[Table]:
            yield table
            for row in table.rows:
                for cell in row.cells:
                    for inner in cell.nested:
                        yield from visit(inner)

        for table in self.tables:
            yield from visit(table)
