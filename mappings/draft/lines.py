"""The drafter's view of a blank form: every paragraph and table row as a line, in document
order, with the column headers in force and the role each header names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.model import Cell, FormDocument, Mark, Table
from mappings.draft.listed import listed_in_name
from mappings.settings import DRAFT

# Column header → field role. Order matters: the first pattern that matches wins.
ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern, re.I))
    for role, pattern in (
        (
            "template",
            r"\bexamples?\b|\bguidance\b|\bprompts?\b|\bsuggested\b|\bhints?\b"
            r"|\bwhat good looks like\b|\blook for\b|\bgood practice\b",
        ),
        ("in_action_plan", r"\bin (the |your )?action plan\b|\bincluded in\b.*\bplan\b"),
        ("actions", r"\bactions?\b|\bplans? to\b|\bimprove|\bnext steps?\b"),
        ("evidence", r"\bevidence\b|\bassur|\bdescribe\b|\bcomments?\b|\bnarrative\b"),
        ("lead", r"\blead\b|\bresponsible (officer|person)\b|\bowner\b|\bby whom\b"),
        ("timescale", r"\btimescales?\b|\btime ?frame\b|\bby when\b|\bdeadline\b|\btarget date\b"),
        ("number", r"^(no\.|ref\.?|number|#|item|id|ref no\.?)$"),
        ("score", r"^score\b|\bscore %"),
        ("grade", r"^grade\b"),
        ("response", r"\brating\b|\bstatus\b|\brag\b|\bcompliance level\b|\blevel of compliance\b"),
        ("answer", r"^(response|answer|your response|your answer)s?\b"),
        (
            "criterion",
            r"\bcriteri|\bstandards?\b|\bcompliance\b|\bareas? of\b|\bquestions?\b"
            r"|\brequirements?\b|\bstatements?\b|\bchecklist\b",
        ),
    )
)
NUMBER_CELL = re.compile(r"^\d{1,2}(\.\d{1,2})?[a-zA-Z]?[.)]?$")
NA_TEXT = re.compile(r"^(n\s*/\s*a|n\.?a\.?|not applicable)$", re.I)
SLASHED = re.compile(r"^[^/]{1,25}(/[^/]{1,25}){1,7}\??$")  # "Yes/No/Partial?", "… / N/A"


@dataclass
class Line:
    """One paragraph (one cell) or one table row, in document order."""

    cells: list[Cell]
    table: int | None  # index into doc.tables; None for a paragraph
    row: int | None = None
    texts: list[str] = field(default_factory=list)
    columns: list[int] = field(default_factory=list)  # grid column of each cell
    header: dict[int, str] = field(default_factory=dict)  # grid column → header text in force
    marks: list[Mark] = field(default_factory=list)
    is_header: bool = False

    @property
    def text(self) -> str:
        return " ".join(t for t in self.texts if t)


def words(text: str) -> int:
    return len(text.split())


def clean(text: str) -> str:
    """One line, single spaces."""
    return " ".join(text.split())


def header_role(text: str) -> str | None:
    """The field a column header names, or None (an option, or unknown)."""
    folded = clean(text).lower().strip(" :")
    if NA_TEXT.match(folded):
        return None
    for role, pattern in ROLE_PATTERNS:
        if role == "number" and SLASHED.match(folded):  # after the named fields
            return "response"
        if pattern.search(folded):
            if role == "score" and len(listed_in_name(folded)) >= 2:
                return "response"  # "Score 0-3": a scale to choose from, not a printed score
            return role
    return None


def document_lines(doc: FormDocument) -> list[Line]:
    """Paragraphs and table rows in document order; header rows flagged, their headers kept
    in force for the rows below them in the same table."""
    blocks: list[tuple[int, int, Line | Table]] = []
    for para in doc.paragraphs:
        line = Line(
            cells=[], table=None, texts=[clean(para.text)], columns=[0], marks=list(para.marks)
        )
        blocks.append((para.seq, 1, line))
    for table in doc.tables:
        blocks.append((table.seq, 0, table))
    blocks.sort(key=lambda b: (b[0], b[1]))
    lines: list[Line] = []
    for _, _, block in blocks:
        if isinstance(block, Line):
            lines.append(block)
        else:
            lines.extend(_table_lines(block))
    return lines


def _table_lines(table: Table) -> list[Line]:
    out: list[Line] = []
    header: dict[int, str] = {}
    for row in table.rows:
        cells = [c for c in row.cells if not c.continued]
        line = Line(
            cells=cells,
            table=table.index,
            row=row.index,
            texts=[clean(c.full_text()) for c in cells],
            columns=[
                c.provenance.column if c.provenance.column is not None else n
                for n, c in enumerate(cells)
            ],
            marks=[m for c in cells for m in c.all_marks()],
        )
        if _looks_like_header(line):
            line.is_header = True
            header = {
                col + k: text
                for col, text, cell in zip(line.columns, line.texts, cells, strict=True)
                for k in range(max(1, cell.col_span))
                if text
            }
        line.header = dict(header)
        out.append(line)
    return out


def _looks_like_header(line: Line) -> bool:
    """Two or more short labels, no boxes, at least one naming a field."""
    filled = [t for t in line.texts if t]
    if len(filled) < 2 or line.marks:
        return False
    if any(words(t) > DRAFT.max_header_words for t in filled):
        return False
    if any(NUMBER_CELL.match(t) for t in filled):  # "5.8 | There is a mechanism to assure…"
        return False
    roles = [header_role(t) for t in filled]
    if len(filled) == 2 and roles[0] is None:  # "100% | Fully compliant: …" is a key, not a header
        return False
    named = [r for r in roles if r is not None and r != "number"]
    return bool(named) and any(r in ("criterion", "evidence", "response", "answer") for r in named)


def header_roles(header: dict[int, str]) -> dict[int, str | None]:
    return {col: header_role(text) for col, text in header.items()}


def option_columns(header: dict[int, str]) -> list[tuple[int, str]]:
    """Adjacent short header cells naming no field: the option columns, left to right."""
    roles = header_roles(header)
    found = [
        (col, clean(text))
        for col, text in sorted(header.items())
        if roles[col] is None and 0 < words(text) <= DRAFT.max_option_words
    ]
    return found if len({t for _, t in found}) >= 2 else []
