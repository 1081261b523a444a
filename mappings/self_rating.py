"""Section self-ratings: which section each prompt rates, and the rating people gave it.

A toolkit's prompt ("How do you rate your compliance with this standard?") closes each
rated section. People give the rating every way they answer items: a ticked box (labelled,
under an option column, or paired by position with the option words), a typed word on the
prompt's row or the line under it ("Good", "Self-rating: Good"), a sentence ("We have
evaluated this standard as Partially met. …"), the one option left after deleting the
others, or the one option made bold or highlighted. gp2014 may also rate a standard on the
standard's own statement row. A reading that points two ways is None, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from extractor.model import Mark, Provenance, Span
from mappings.block_state import AFFIRMATIVE
from mappings.emphasis import emphasised_option
from mappings.layout import Unit, role_of
from mappings.normalise import fold, leading_id
from mappings.rating_place import Headings, assign_prompts, first_text, is_prompt
from mappings.rating_words import (
    QUOTES,
    after,
    after_label,
    cued_rating,
    leading_rating,
    residual_words,
)
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit
from mappings.vocab import Vocabulary


@dataclass(frozen=True)
class SectionRating:
    """The rating read for one section, with its statement and where it was found."""

    section_id: str
    option: str | None
    statement: str
    provenance: Provenance | None


def _cut(text: str, phrase: str, cutoff: float) -> tuple[int, int] | None:
    """Where `phrase` stands in `text` (fuzzily found, widened to whole words), or None."""
    if not text.strip():
        return None
    low = text.lower().translate(QUOTES)
    target = phrase.lower().translate(QUOTES).strip()
    if len(low) < 0.6 * len(target):
        return None
    found = fuzz.partial_ratio_alignment(target, low)
    if found is None or found.score < cutoff:
        return None
    start, end = found.dest_start, found.dest_end
    while 0 < start < len(low) and low[start - 1].isalnum() and low[start].isalnum():
        start -= 1
    while 0 < end < len(low) and low[end - 1].isalnum() and low[end].isalnum():
        end += 1
    while end < len(low) and low[end] in " .?:\"'":
        end += 1
    return start, end


def _without(spans: list[Span], start: int, end: int) -> list[Span]:
    """The spans with characters start..end of their joined text taken out."""
    out: list[Span] = []
    offset = 0
    for span in spans:
        lo, hi = offset, offset + len(span.text)
        offset = hi
        if hi <= start or lo >= end:
            keep = span.text
        else:
            keep = span.text[: max(0, start - lo)] + span.text[max(0, end - lo) :]
        if keep.strip():
            out.append(replace(span, text=keep))
    return out


# -- what a region says -----------------------------------------------------------------------
@dataclass
class _Piece:
    """One cell or paragraph near a prompt, with the prompt's own words taken out."""

    text: str
    marks: list[Mark]
    spans: list[Span]
    role: str | None
    fill: str | None
    provenance: Provenance | None
    unit: int = -1  # order of the row/paragraph it is part of


@dataclass
class _Found:
    checked: list[tuple[str, _Piece]] = field(default_factory=list)
    unplaced: bool = False  # a ticked box whose option cannot be told
    typed: list[tuple[str, _Piece]] = field(default_factory=list)
    filled: list[tuple[str, _Piece]] = field(default_factory=list)
    emphasised: list[tuple[str, _Piece]] = field(default_factory=list)
    kept: list[tuple[str, _Piece]] = field(default_factory=list)
    listed: int = 0  # lines listing two or more options (the template's own words)
    statement: list[str] = field(default_factory=list)


class RatingReader:
    """Reads self-ratings for one toolkit."""

    def __init__(self, toolkit: Toolkit) -> None:
        assert toolkit.self_rating is not None
        self.toolkit = toolkit
        self.vocab = Vocabulary(toolkit, with_self_rating=True)
        self.order = [o.id for o in toolkit.self_rating.options] or list(toolkit.option_order)
        self.prompts = list(toolkit.self_rating.prompts)
        self.headings = Headings(toolkit)

    # -- the rows/lines a prompt's rating may occupy ----------------------------------------
    def region(self, units: list[Unit], start: int, items: set[int]) -> list[Unit]:
        out = [units[start]]
        for unit in units[start + 1 : start + 1 + SETTINGS.rating_lookahead]:
            if self.ends_region(unit, items):
                break
            out.append(unit)
        return out

    def ends_region(self, unit: Unit, items: set[int]) -> bool:
        if unit.order in items or unit.kind == "header" or is_prompt(unit, self.toolkit):
            return True
        text = unit.text
        if self.headings.of(first_text(unit))[0]:
            return True
        marks = any(m for c in unit.cells for m in c.all_marks()) or (
            unit.paragraph is not None and bool(unit.paragraph.marks)
        )
        if unit.row is not None and not marks:
            first = next((c.text for c in unit.cells if c.text and not c.continued), "")
            number = leading_id(first)
            if number is not None and "." in number and len(first.split()) > 3:
                return True  # a criterion row
        long = len(text.split()) > SETTINGS.rating_plain_words
        return long and not marks and not self.states_rating(text)

    def states_rating(self, text: str) -> bool:
        """Whether some line of a text gives a rating (typed, labelled or in a sentence)."""
        found = _Found()
        piece = _Piece(text, [], [], None, None, None)
        for line in text.split("\n"):
            self._line(line, piece, found, [])
        return bool(found.typed)

    def pieces(self, units: list[Unit], cut: list[str]) -> list[_Piece]:
        """Cells and paragraphs of the units, `cut` (the prompts or a title) taken out."""
        out: list[_Piece] = []
        for unit in units:
            if unit.paragraph is not None:
                p = unit.paragraph
                piece = self._piece(p.text, p.marks, p.spans, None, None, p.provenance, cut)
                piece.unit = unit.order
                out.append(piece)
                continue
            for position, cell in enumerate(unit.cells):
                if cell.continued:
                    continue
                role = role_of(unit, cell, position)
                piece = self._piece(
                    cell.full_text(),
                    cell.all_marks(),
                    cell.spans,
                    role,
                    cell.fill,
                    cell.provenance,
                    cut,
                )
                piece.unit = unit.order
                out.append(piece)
        return [p for p in out if p.text or p.marks or p.fill]

    def _piece(
        self,
        text: str,
        marks: list[Mark],
        spans: list[Span],
        role: str | None,
        fill: str | None,
        provenance: Provenance | None,
        cut: list[str],
    ) -> _Piece:
        for phrase in cut:
            where = _cut(text, phrase, SETTINGS.prompt_cutoff)
            if where is not None:
                text = text[: where[0]] + text[where[1] :]
                joined = "".join(s.text for s in spans)
                in_spans = _cut(joined, phrase, SETTINGS.prompt_cutoff)
                spans = _without(spans, *in_spans) if in_spans is not None else []
                break
        return _Piece(text.strip(), list(marks), list(spans), role, fill, provenance)

    # -- reading pieces -----------------------------------------------------------------------
    def judge(self, pieces: list[_Piece]) -> tuple[str | None, str, Provenance | None]:
        """The rating the pieces give (None when absent or pointing two ways), the
        statement beside it, and where it was read."""
        found = _Found()
        boxed: list[str] = []  # lines beside boxes, less typed ratings
        for piece in pieces:
            for line in piece.text.split("\n"):
                self._line(line, piece, found, boxed)
        self._spread_lists(found)
        # Joined, so an option wrapped over two lines ("Significant" / "shortfalls") counts.
        self._marks(pieces, self.vocab.in_order(" ".join(boxed)), found)
        for piece in pieces:
            if piece.spans and not any(m.checked for m in piece.marks):
                chosen = emphasised_option(piece.spans, self.vocab)
                if chosen is not None:
                    found.emphasised.append((chosen, piece))
        self._fills(pieces, found)
        statement = "\n".join(dict.fromkeys(s for s in found.statement if s))
        option, where = self._decide(found)
        return option, statement, where.provenance if where is not None else None

    def _spread_lists(self, found: _Found) -> None:
        """Option words one to a cell across a row ("Exceptional | Good | …") are the
        option list, not ratings typed: a row typing two or more of them types none."""
        for tier in (found.typed, found.kept):
            per_unit: dict[int, set[str]] = {}
            for option, piece in tier:
                if piece.provenance is not None and piece.provenance.column is not None:
                    per_unit.setdefault(piece.unit, set()).add(option)
            spread = {unit for unit, options in per_unit.items() if len(options) >= 2}
            if not spread:
                continue
            found.listed += len(spread)
            for unit in spread:
                # One of the cells emphasised, the others plain: read the row as one line.
                words = [p for _, p in tier if p.unit == unit and self.vocab.exact(p.text)]
                spans = [s for p in words for s in [*p.spans, Span(" ")]]
                chosen = emphasised_option(spans, self.vocab) if spans else None
                if chosen is not None:
                    found.emphasised.append((chosen, words[0]))
            tier[:] = [
                (o, p) for o, p in tier if p.unit not in spread or self.vocab.exact(p.text) is None
            ]

    def _decide(self, found: _Found) -> tuple[str | None, _Piece | None]:
        explicit = [found.checked, found.typed, found.filled]
        tiers = [*explicit, found.emphasised]
        if not found.listed:
            tiers.append(found.kept)
        for tier in tiers:
            options = list(dict.fromkeys(option for option, _ in tier))
            if not options:
                continue
            if len(options) > 1:
                return None, None  # two boxes ticked, two ratings typed
            others = {o for t in explicit if t is not tier for o, _ in t}
            if others - set(options):
                return None, None  # a tick says one thing, a typed word another
            if found.unplaced and tier in (found.emphasised, found.kept):
                return None, None  # a box is ticked somewhere we cannot place
            return options[0], tier[0][1]
        return None, None

    def _line(self, line: str, piece: _Piece, found: _Found, boxed: list[str]) -> None:
        line = line.strip()
        folded = fold(line)
        if not folded:
            return
        vocab = self.vocab
        column = piece.role[7:] if piece.role and piece.role.startswith("option:") else None
        if column is not None and folded in AFFIRMATIVE and self._own(column) is not None:
            found.typed.append((column, piece))  # "X" typed under the "Partially met" column
            return
        exact = vocab.exact(line)
        if exact is not None:
            if piece.marks:
                found.kept.append((exact, piece))  # the word beside its own box
                boxed.append(line)
            else:
                found.typed.append((exact, piece))
            return
        labelled = after_label(self.vocab, line)
        if labelled is not None:
            option, head, rest = labelled
            found.typed.append((option, piece))
            if head:
                self._line(head, piece, found, boxed)
            found.statement.append(rest)
            return
        hits = vocab.hits(folded)
        if len(hits) >= 2 and residual_words(folded, hits) <= 1:
            found.listed += 1
            if piece.marks:
                boxed.append(line)
            return
        leading = leading_rating(self.vocab, line, folded, hits)
        if leading is not None:
            found.typed.append((leading[0], piece))
            found.statement.append(leading[1])
            return
        cued = cued_rating(self.vocab, folded, hits)
        if cued is not None:
            found.typed.append((cued, piece))
            found.statement.append(after(line, folded, hits, cued))
            return
        if piece.marks:
            boxed.append(line)  # "shortfalls", the end of an option wrapped onto its own line
            if len(folded.split()) <= 2:
                return
        found.statement.append(line)

    def _marks(self, pieces: list[_Piece], boxed: list[str], found: _Found) -> None:
        marks = [(m, p) for p in pieces for m in p.marks]
        if not marks:
            return
        if len(boxed) == len(marks):
            # Boxes and option words in the same order: pair them by position, whichever
            # side of its word each box stands.
            for (mark, piece), option in zip(marks, boxed, strict=True):
                if mark.checked:
                    found.checked.append((option, piece))
            return
        loose: list[tuple[Mark, _Piece]] = []
        for mark, piece in marks:
            named = self._mark_option(mark, piece)
            if named is None:
                loose.append((mark, piece))
            elif mark.checked:
                found.checked.append((named, piece))
        if loose and len(loose) == len(self.order) and all(not m.label for m, _ in loose):
            for (mark, piece), option in zip(loose, self.order, strict=True):
                if mark.checked:
                    found.checked.append((option, piece))
            return
        found.unplaced = found.unplaced or any(m.checked for m, _ in loose)

    def _mark_option(self, mark: Mark, piece: _Piece) -> str | None:
        if mark.label:
            option = self.vocab.exact(mark.label)
            if option is not None:
                return option
            hits = self.vocab.hits(fold(mark.label))
            if hits and hits[0][0] == 0:
                return hits[0][2]
        if piece.role is not None and piece.role.startswith("option:"):
            return self._own(piece.role[7:])
        return None

    def _own(self, option: str) -> str | None:
        """An item option named by a column header, when ratings use the item options."""
        return option if option in self.order or option in self.vocab.phrases.values() else None

    def _fills(self, pieces: list[_Piece], found: _Found) -> None:
        """One option's cell shaded (differently from the other options' cells): that
        option. A cell's option is the column header above it or the one word it holds."""
        cells: list[tuple[str, _Piece]] = []
        for piece in pieces:
            option = self._option_of_cell(piece)
            if option is not None:
                cells.append((option, piece))
        shaded = [(o, p) for o, p in cells if p.fill is not None]
        fills = [p.fill for _, p in cells]
        distinct = [(o, p) for o, p in shaded if fills.count(p.fill) == 1]
        if len(distinct) == 1 and len(cells) >= 2:
            found.filled.append(distinct[0])

    def _option_of_cell(self, piece: _Piece) -> str | None:
        if piece.role is not None and piece.role.startswith("option:"):
            return self._own(piece.role[7:])
        if piece.provenance is not None and piece.provenance.column is not None:
            return self.vocab.exact(piece.text) if piece.text else None
        return None


# -- which section each prompt rates ----------------------------------------------------------
def read_ratings(
    units: list[Unit], item_units: dict[int, str], prompts: list[int], toolkit: Toolkit
) -> list[SectionRating]:
    """Every rated section's self-rating: `item_units` maps the order of each matched item
    row to its section; `prompts` are the orders of the prompt units."""
    if toolkit.self_rating is None:
        return []
    reader = RatingReader(toolkit)
    items = set(item_units)
    rated = [s.id for s in toolkit.sections if any(i.kind == "choice" for i in s.items)]
    found: dict[str, list[tuple[str | None, str, Provenance | None]]] = {s: [] for s in rated}
    for order, section_id in assign_prompts(
        units, item_units, prompts, rated, toolkit, reader.headings
    ).items():
        region = reader.region(units, order, items)
        found[section_id].append(reader.judge(reader.pieces(region, reader.prompts)))
    for unit in units:
        if unit.order in items or unit.kind == "header" or unit.order in prompts:
            continue
        heading, named = reader.headings.of(first_text(unit))
        if heading and named is not None and named in found:
            title = next(s.title for s in toolkit.sections if s.id == named)
            pieces = reader.pieces([unit], [title])
            if any(p.marks or p.fill or p.text for p in pieces):
                option, statement, where = reader.judge(pieces)
                if option is not None:
                    found[named].append((option, statement, where))
    out: list[SectionRating] = []
    for section_id, readings in found.items():
        if not readings:
            continue
        options = list(dict.fromkeys(o for o, _, _ in readings if o is not None))
        option = options[0] if len(options) == 1 else None
        best = next((r for r in readings if r[0] == option), readings[0])
        out.append(SectionRating(section_id, option, best[1], best[2]))
    return out
