"""Criteria and sections of a blank form: every numbered criterion with its printed id and
text (typed before the text, in its own column, or Word's list numbering, which the reader
puts in the text), grouped under the section headings printed above them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mappings.draft.lines import Line, clean, header_roles, option_columns, words
from mappings.settings import DRAFT

# "1.1 text", "1A - Title", "Standard 2: Title", "Section 3. Title", "4) text", "Q5 text"
_WORD = r"(?:standard|section|part|area|criterion|criteria|question|theme|domain|q)"
_ID = r"(\d{1,2}(?:\.\d{1,2})?[a-z]?|\d{1,2}[A-Z])"
ID_PREFIX = re.compile(rf"^(?:{_WORD}\s*)?{_ID}(?:[.):]|\s*[-–—:]|\s)\s*(?=\S)", re.I)
ID_ALONE = re.compile(rf"^(?:{_WORD}\s*)?{_ID}[.):]?$", re.I)


NO_HEADING = "no heading printed: title to write"
UNNUMBERED = "no number printed: id given by order"
HEADING_UNNUMBERED = "title from the line above its criteria, not a numbered heading"
HEADING_SHEET = "title from the name of its sheet"
# Lines in a criteria column that are not criteria: guidance, notes, prompts, questions to rate.
NOT_CRITERION = re.compile(
    r"^(guidance|notes?|please|examples?|e\.g\.|tip|hint|rationale|key)\b|\b(rate|evaluated)\b",
    re.I,
)


@dataclass
class Entry:
    """A numbered line: a criterion, or a section heading when criteria follow it."""

    id: str
    text: str
    line: int  # index into the lines
    in_table: bool
    notes: list[str] = field(default_factory=list)
    end: int = -1  # the last line it covers (a criterion split over rows)

    def __post_init__(self) -> None:
        self.end = max(self.end, self.line)


@dataclass
class DraftItem:
    id: str
    text: str
    kind: str  # choice | text
    line: int
    notes: list[str] = field(default_factory=list)


@dataclass
class DraftSection:
    id: str
    title: str
    items: list[DraftItem] = field(default_factory=list)
    optional: bool = False
    notes: list[str] = field(default_factory=list)


def numbered(text: str) -> tuple[str, str] | None:
    """(id, text after it) when the text starts with a printed number."""
    match = ID_PREFIX.match(text)
    if not match:
        return None
    rest = clean(text[match.end() :]).lstrip("-–—:. ")
    if rest[:1].islower():  # "Section 11 self-assessment": a name, not a number
        return None
    return match.group(1), rest


def _row_entry(line: Line) -> tuple[str, str] | None:
    """A row's number and criterion: a number cell followed by the text, or a text cell that
    starts with its number; the criterion column when the header names one."""
    roles = header_roles(line.header)
    texts = [(col, t) for col, t in zip(line.columns, line.texts, strict=True) if t]
    for n, (_, text) in enumerate(texts[:-1]):
        alone = ID_ALONE.match(text)
        if alone and words(texts[n + 1][1]) >= 1:
            return alone.group(1), clean(texts[n + 1][1])
    criterion_cols = [c for c, r in roles.items() if r == "criterion"]
    for col, text in texts:
        if criterion_cols and col not in criterion_cols and col < min(criterion_cols):
            continue
        found = numbered(text)
        if found:
            return found
        if words(text) >= DRAFT.min_item_words:
            return None
    return None


def _unnumbered(line: Line) -> str | None:
    """A criterion printed without a number: long text in the column headed as the criteria,
    in a row with other cells (a row spanning the table is a note), not guidance or a prompt."""
    roles = header_roles(line.header)
    if line.table is None or len(line.cells) < 2 or (line.marks and len(line.texts) < 2):
        return None
    wanted: str | None = "criterion"
    if "criterion" not in roles.values() and "score" in roles.values():
        wanted = None  # a tool export, "Allocated Audits | Status | Score": the unnamed column
    for col, text in zip(line.columns, line.texts, strict=True):
        if col in roles and roles[col] == wanted and text:
            if words(text) < max(DRAFT.min_item_words, 4) or NOT_CRITERION.search(text):
                return None
            return text
    return None


def _continues(lines: list[Line], last: Entry, n: int, text: str) -> bool:
    """An unnumbered row right under a criterion that has not ended: its second half."""
    if not last.in_table or last.end != n - 1 or lines[last.line].table != lines[n].table:
        return False
    if text[:1].islower() or re.search(
        r"([,;:–-]|\b(and|or|the|of|to|in|for|with|a|an))$", last.text
    ):
        return True
    return not lines[last.line].marks and bool(lines[n].marks)  # the boxes on the second half


def find_entries(lines: list[Line]) -> list[Entry]:
    """Every numbered paragraph and table row, in document order."""
    entries: list[Entry] = []
    for n, line in enumerate(lines):
        if line.is_header:
            continue
        found = numbered(line.text) if line.table is None else _row_entry(line)
        if found is None:
            text = _unnumbered(line)
            last = entries[-1] if entries else None
            if text is not None and last is not None and _continues(lines, last, n, text):
                last.text = f"{last.text} {text}"  # a criterion split over two rows
                last.end = n
            elif text is not None:
                entries.append(Entry("", text, n, True, [UNNUMBERED]))
            continue
        ident, text = found
        again = numbered(text)
        if again is not None and again[0] == ident:  # "1 | 1. SENIOR LEVEL …": printed twice
            text = again[1]
        if words(text) < 1:
            continue
        entries.append(Entry(ident, text, n, line.table is not None))
    return entries


def _is_dotted(ident: str) -> bool:
    return "." in ident


def _section_id(ident: str) -> str:
    head = ident.split(".")[0]
    return head[:-1] + head[-1].upper() if head[-1].isalpha() else head


def build_sections(lines: list[Line], entries: list[Entry]) -> list[DraftSection]:
    """Headings (numbers with criteria after them) become sections; the criteria under the
    last heading are its items; a numbered row with no criteria under it is a criterion in a
    section of its own."""
    sections: list[DraftSection] = []
    current: DraftSection | None = None
    printed = {e.id for e in entries if e.id}  # ids given by order never take a printed one
    seen: set[str] = set()
    loose: dict[str, str] = {}  # headings with no criteria after them (a PDF page break)
    for n, entry in enumerate(entries):
        nxt = entries[n + 1] if n + 1 < len(entries) else None
        heading = (
            bool(entry.id)
            and not _is_dotted(entry.id)
            and nxt is not None
            and (_is_dotted(nxt.id) or not nxt.id)
        )
        if heading or (not _is_dotted(entry.id) and not entry.in_table):
            if not heading:
                loose.setdefault(_section_id(entry.id), entry.text)
            if heading:
                current = DraftSection(_section_id(entry.id), entry.text)
                if any(s.id == current.id for s in sections):
                    current.id = _unique(current.id, {s.id for s in sections})
                    current.notes.append("section number printed twice")
                current.optional = _optional(entry.text)
                sections.append(current)
            continue
        if words(entry.text) < DRAFT.min_item_words and entry.in_table:
            continue
        if not entry.id:  # no number printed: the next one in its section
            head = re.sub(r"[^0-9]", "", current.id) if current is not None else ""
            head = head or str(len(sections) + 1)
            k = 1
            while f"{head}.{k}" in seen or f"{head}.{k}" in printed:
                k += 1
            entry.id = f"{head}.{k}"
        item_id = entry.id.lower() if entry.id[-1].isalpha() and _is_dotted(entry.id) else entry.id
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?[a-z]?", item_id) or item_id in seen:
            continue
        seen.add(item_id)
        kind = _kind(lines, entry, nxt)
        item = DraftItem(item_id, entry.text, kind, entry.line, list(entry.notes))
        if not _is_dotted(entry.id):
            section = DraftSection(_section_id(entry.id), entry.text, [item])
            section.notes.append("one criterion under this number: title taken from it")
            sections.append(section)
            current = None
            continue
        if current is None or not _belongs(item_id, current.id):
            sid = _section_id(item_id)
            current = next((s for s in sections if s.id == sid), None)
            if current is None:
                current = DraftSection(sid, f"Section {sid}")
                current.notes.append(NO_HEADING)
                sections.append(current)
        current.items.append(item)
    for section in sections:  # a heading read after its criteria still names their section
        if section.notes == [NO_HEADING] and section.id in loose:
            section.title, section.notes = loose[section.id], []
    kept = [s for s in sections if s.items]
    _unnumbered_titles(lines, kept)
    return kept


def _unnumbered_titles(lines: list[Line], sections: list[DraftSection]) -> None:
    """A section whose heading carries no number takes the heading printed above its first
    criterion (a bold line, a merged title row), else the name of the sheet it is on when
    every such section has a sheet of its own."""
    floor = 0
    untitled: list[DraftSection] = []
    for section in sections:
        first = section.items[0].line
        if section.notes == [NO_HEADING]:
            title = _heading_above(lines, first, floor, section.id)
            if title is not None:
                section.title, section.notes = title, [HEADING_UNNUMBERED]
            else:
                untitled.append(section)
        floor = section.items[-1].line + 1
    sheets = [_sheet(lines[s.items[0].line]) for s in untitled]
    if untitled and all(sheets) and len(set(sheets)) == len(sheets):
        for section, sheet in zip(untitled, sheets, strict=True):
            title = clean(re.sub(rf"^(?:{_WORD}\s*)?{_ID}[.):\s-]*", "", sheet or "", flags=re.I))
            section.title, section.notes = title or (sheet or ""), [HEADING_SHEET]


def _heading_above(lines: list[Line], first: int, floor: int, section_id: str) -> str | None:
    """The nearest short line of one text above a section's first criterion, in its table or
    between tables: not a column header, a prompt, guidance or a sentence; its number, when
    it is the section's, taken off ("1. Leadership" in a row the criteria column misses)."""
    table = lines[first].table
    for line in reversed(lines[floor:first]):
        texts = [t for t in line.texts if t]
        if line.table is not None and line.table != table:
            return None  # another table: the header block, a key
        if line.is_header or not texts:
            continue
        if len(texts) != 1 or line.marks:
            return None
        text = texts[0]
        sentence = text.endswith((".", "?", ":")) and words(text) > 6
        if sentence or NOT_CRITERION.search(text) or not 1 <= words(text) <= 12:
            continue
        found = numbered(text)
        if found is not None and _section_id(found[0]) == section_id:
            return found[1]
        return text
    return None


def _sheet(line: Line) -> str | None:
    return next((c.provenance.sheet for c in line.cells if c.provenance.sheet), None)


def _belongs(item_id: str, section_id: str) -> bool:
    head = item_id.split(".")[0]
    return section_id == head or section_id.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == head


def _unique(ident: str, taken: set[str]) -> str:
    for suffix in "BCDEFGH":
        if ident + suffix not in taken:
            return ident + suffix
    return ident


def _optional(text: str) -> bool:
    return bool(re.search(r"\bonly\b|\bif applicable\b|\bwhere applicable\b", text, re.I))


def _kind(lines: list[Line], entry: Entry, nxt: Entry | None) -> str:
    """choice when the criterion's lines carry boxes, option columns or a rating header;
    text when its only answer column is a free response."""
    end = nxt.line if nxt is not None else len(lines)
    first = lines[entry.line]
    roles = set(header_roles(first.header).values())
    if option_columns(first.header) or "response" in roles:
        return "choice"
    if any(line.marks for line in lines[entry.line : end]):
        return "choice"
    if any(cell.choices for cell in first.cells):  # a dropdown in the answer cell
        return "choice"
    return "text" if "answer" in roles else "choice"
