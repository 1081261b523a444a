"""What an item's answer cells show that no reading rule used.

A reading is sure only when every signal in its answer area is accounted for. This lists
the ones that are not, each in words a reviewer can check: an option word that looks
different from its siblings (colour, shading, size, italic, capitals, font, brackets) when
the answer came from elsewhere or none was read; a sign that is no known mark; a drawing,
picture or comment on the row; a number; text that names no option. Each one lowers the
item's confidence (mappings/confidence.py) and names itself in its low_confidence gap.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractor.model import Annotation, Cell
from mappings.emphasis import cell_emphasis
from mappings.normalise import clip, fold, leading_id
from mappings.vocab import Vocabulary


@dataclass(frozen=True)
class Reading:
    """What the answer rules read: the options marked, how, and the cell it came from."""

    marked: list[str]
    source: str | None
    cell: Cell | None

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?\s*%?(?![\w.])")
_DATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
_SIGN_CATEGORIES = frozenset({"So", "Co"})  # other symbols, private-use (symbol-font) characters
_MAX_SIGNALS = 2  # named in one gap message
_SHORT_WORDS = 3  # an answer-sized text


@dataclass(frozen=True)
class AreaCell:
    """A cell where an answer can be: under an option or response column, or unlabelled."""

    cell: Cell
    role: str | None


def unexplained(
    area: list[AreaCell], notes: list[Annotation], answer: Reading, vocab: Vocabulary
) -> list[str]:
    """The signals in the answer area that the reading did not use, as reviewer messages."""
    signals: list[str] = []
    for note in notes:
        signals.append(_note(note))
    for place in area:
        signals += _looks(place.cell, answer, vocab)
        signals += _signs(place.cell)
        if place.role == "response" or (place.role or "").startswith("option:"):
            signals += _words(place.cell, answer, vocab)
        elif not answer.marked:
            signals += _beside(place.cell, vocab)
    return list(dict.fromkeys(signals))[:_MAX_SIGNALS]


def _note(note: Annotation) -> str:
    if note.kind == "comment":
        said = f' says "{clip(note.text, 50)}"' if note.text else ""
        return f"a comment on the row{said}: does it change the answer?"
    return f"a drawing ({note.text or 'shape'}) lies over the row: does it mark an option?"


def _looks(cell: Cell, answer: Reading, vocab: Vocabulary) -> list[str]:
    """Option words singled out by their look that are not the answer read."""
    if answer.source == "emphasis" or len(cell.spans) < 2:
        return []
    found = cell_emphasis(cell, vocab)
    out = [
        f"{found.describe(option)} and the other options are not: is it the answer?"
        for option in found.options
        if option not in answer.marked
    ]
    if found.unclear and not answer.marked:
        out.append(f"the option words differ ({found.unclear[0]}): is one of them the answer?")
    return out


def _signs(cell: Cell) -> list[str]:
    """Characters that are symbols but no known mark (known marks left the text already)."""
    signs = [
        ch for ch in cell.text if ord(ch) > 0x2000 and unicodedata.category(ch) in _SIGN_CATEGORIES
    ]
    if not signs:
        return []
    return [f'the sign "{signs[0]}" in the answer cells is no mark s11 knows: what does it mean?']


def _words(cell: Cell, answer: Reading, vocab: Vocabulary) -> list[str]:
    """A number or words in an answer column that the answer was not read from."""
    text = cell.text.strip()
    if not text or answer.source == "typed" or cell is answer.cell:
        return []
    if vocab.typed(text) is not None or vocab.mentioned(text) or len(fold(text)) <= 2:
        return []
    if len(text.split()) > _SHORT_WORDS:
        return []  # prose (guidance, a note): no answer-sized word
    if _NUMBER.search(text) and not _DATE.search(text):
        return [f'the answer cell holds "{clip(text, 30)}", a number no option has']
    if answer.marked:
        return [f'the answer cell also says "{clip(text, 40)}", which names no option']
    return []


def _beside(cell: Cell, vocab: Vocabulary) -> list[str]:
    """A short word or number in an unnamed column of an item read as unanswered: the answer
    may stand in a column nobody told us about."""
    text = cell.text.strip()
    if not text or len(text.split()) > _SHORT_WORDS or vocab.mentioned(text):
        return []
    if leading_id(text) == text.rstrip(".):"):
        return []  # the item's own number ("1.3.")
    return [
        f'the row also says "{clip(text, 30)}" in a column with no answer heading: '
        "is it the answer?"
    ]
