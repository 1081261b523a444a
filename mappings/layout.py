"""Rows in document order with the column roles in force for each (from header rows).

A header row names columns ("Actual Evidence", "Not met | Partially met | Fully met");
a label row names the row below it ("Evidence of impact and outcomes" above the evidence);
every other row is a content row, candidate criterion or part of an item's block.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from extractor.model import Cell, FormDocument, Paragraph, Row, Table
from mappings.normalise import fold
from mappings.settings import SETTINGS
from mappings.toolkits.schema import FIELD_ROLES, Toolkit
from mappings.vocab import Vocabulary

# Roles whose cells never hold the answer marks.
TEXT_ROLES = frozenset({"evidence", "actions", "lead", "timescale", "template", "score", "grade"})
MAX_HEADER_WORDS = 25
# An unnamed cell longer than this makes a row content, never a header.
MAX_HEADER_CONTENT_WORDS = 8
MAX_UNITS = 5000  # rows and paragraphs mapped; a return never needs more (huge sheets are cut)

RowKind = Literal["header", "label", "content"]


@dataclass
class Unit:
    """One table row or body paragraph, in document order."""

    order: int
    row: Row | None = None
    table: Table | None = None
    paragraph: Paragraph | None = None
    kind: RowKind = "content"
    roles: dict[int, str] = field(default_factory=dict)  # grid column -> role in force
    label_role: str | None = None  # for a label row: the role of the row(s) below

    @property
    def cells(self) -> list[Cell]:
        return self.row.cells if self.row is not None else []

    @property
    def text(self) -> str:
        if self.paragraph is not None:
            return self.paragraph.text
        return " ".join(c.text for c in self.cells if c.text and not c.continued)


def column_of(cell: Cell, position: int) -> int:
    return cell.provenance.column if cell.provenance.column is not None else position


def role_of(unit: Unit, cell: Cell, position: int) -> str | None:
    """The role of a cell: the first role any grid column it spans has.

    A cell merged across the columns of two or more options is no one option's box: it
    holds the response itself (a typed "Red" under "Blue | Green | Amber | Red")."""
    start = column_of(cell, position)
    spanned = [unit.roles.get(col) for col in range(start, start + max(cell.col_span, 1))]
    options = {role for role in spanned if role is not None and role.startswith("option:")}
    if len(options) >= 2:
        return "response"
    return next((role for role in spanned if role is not None), None)


class HeaderReader:
    """Finds the field role or option a header cell names, for one toolkit."""

    def __init__(self, toolkit: Toolkit, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.phrases: list[tuple[str, str]] = []
        for role in FIELD_ROLES:
            for phrase in getattr(toolkit.fields, role):
                folded = fold(phrase)
                if folded:
                    self.phrases.append((folded, role))

    def role(self, text: str) -> str | None:
        if len(text) > MAX_HEADER_WORDS * 20:  # far too long for a column header
            return None
        folded = fold(text)
        if not folded or len(folded.split()) > MAX_HEADER_WORDS:
            return None
        option = self.vocab.exact(text)
        if option is not None and len(folded.split()) <= 3:
            return f"option:{option}"
        best, best_role = 0.0, None
        for phrase, role in self.phrases:
            score = fuzz.ratio(folded, phrase)
            if score < SETTINGS.header_cutoff and phrase in folded and len(phrase) >= 6:
                # "Actual Evidence (please attach)" still names the evidence column.
                score = 90.0 if len(folded) <= 2 * len(phrase) + 12 else score
            if score > best:
                best, best_role = score, role
        return best_role if best >= SETTINGS.header_cutoff else None


def build_units(doc: FormDocument, toolkit: Toolkit, vocab: Vocabulary) -> list[Unit]:
    """All rows and paragraphs in document order, classified, with column roles attached."""
    headers = HeaderReader(toolkit, vocab)
    blocks: list[tuple[int, Table | Paragraph]] = [(t.seq, t) for t in doc.tables]
    blocks += [(p.seq, p) for p in doc.paragraphs]
    blocks.sort(key=lambda b: (b[0], isinstance(b[1], Paragraph)))
    units: list[Unit] = []
    inherited: dict[int, str] = {}
    inherited_width = -1
    for _, block in blocks:
        if len(units) >= MAX_UNITS:
            break
        if isinstance(block, Paragraph):
            units.append(Unit(order=len(units), paragraph=block))
            continue
        width = _width(block)
        roles = dict(inherited) if width == inherited_width else {}
        roles = _walk_table(block, headers, roles, units)
        inherited, inherited_width = roles, width
    return units


def _walk_table(
    table: Table, headers: HeaderReader, roles: dict[int, str], units: list[Unit]
) -> dict[int, str]:
    for row in table.rows:
        if len(units) >= MAX_UNITS:
            break
        found: dict[int, str] = {}
        filled = [(i, c) for i, c in enumerate(row.cells) if c.text and not c.continued]
        for position, cell in filled:
            role = headers.role(cell.text)
            if role is not None:
                start = column_of(cell, position)
                for col in range(start, start + max(cell.col_span, 1)):
                    found[col] = role
        marks = [m for c in row.cells for m in c.all_marks()]
        checked = any(m.checked for m in marks)
        unit = Unit(order=len(units), row=row, table=table)
        named = {c for c in found if found[c]}
        if len(filled) == 1 and named and not checked and not _is_option(found):
            unit.kind = "label"
            unit.label_role = next(iter(found.values()))
        elif (
            len({found[c] for c in named}) >= 2
            and not marks
            and not _has_content(filled, found)
            and not _answers_under_options(found, roles)
        ):
            unit.kind = "header"
            roles = {**roles, **found}
        unit.roles = dict(roles)
        units.append(unit)
        for cell in row.cells:
            for inner in cell.nested:
                roles_inner = _walk_table(inner, headers, {}, units)
                del roles_inner
    return roles


def _answers_under_options(found: dict[int, str], roles: dict[int, str]) -> bool:
    """Options typed into their own columns ("A" under Amber, "R" under Red): fewer than
    the option columns in force, each under its own header, are answers, not a new header."""
    in_force = {col for col, role in roles.items() if role.startswith("option:")}
    if not found or not in_force or not _is_option(found):
        return False
    same_place = all(roles.get(col) == role for col, role in found.items())
    return same_place and set(found) < in_force


def _is_option(found: dict[int, str]) -> bool:
    return all(role.startswith("option:") for role in found.values())


def _has_content(filled: list[tuple[int, Cell]], found: dict[int, str]) -> bool:
    """A row holding text no header names (a criterion, an evidence note) is not a header,
    however many of its other cells read like header words ("Yes / No / Partial", "No")."""
    for position, cell in filled:
        start = column_of(cell, position)
        if any(col in found for col in range(start, start + max(cell.col_span, 1))):
            continue
        if len(cell.text.split()) > MAX_HEADER_CONTENT_WORDS:
            return True
    return False


def _width(table: Table) -> int:
    return max((len(r.cells) for r in table.rows), default=0)


def origin_cell(table: Table, row_index: int, column: int) -> Cell | None:
    """For a cell merged down from above, the cell that holds its text (vMerge restart)."""
    for index in range(row_index - 1, -1, -1):
        for position, cell in enumerate(table.rows[index].cells):
            if column_of(cell, position) == column and not cell.continued:
                if index + cell.row_span > row_index:
                    return cell
                return None
    return None
