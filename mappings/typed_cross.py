"""An X typed among printed option words ("Yes X No Partial") marks the word beside it.

An X before the first option or after the last can mark one word only, and so shows which
side of its word this return's X's stand. An X between two words takes that side; in a
return that never shows it (or shows both), it is a doubt, not a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from extractor.model import Cell
from mappings.vocab import Vocabulary

Side = Literal["before", "after"]  # the X stands before its word, or after it
_X = re.compile(r"(?<![\w.&/-])[xX✓](?![\w.&/-])")
MAX_CROSSES = 2  # more X's than this in one list is no answer typed beside words


@dataclass(frozen=True)
class Cross:
    """What one typed X marks: an option, or (when the side is unknown) the two beside it."""

    option: str | None
    between: tuple[str, str] | None = None


def return_side(cells: Iterable[Cell], vocab: Vocabulary) -> Side | None:
    """The side the return's X's take where only one is possible; None when unseen or mixed."""
    sides: Counter[str] = Counter()
    for cell in cells:
        for mark in cell.marks:
            if mark.checked and mark.side and mark.label and len(vocab.in_order(mark.label)) > 1:
                sides[mark.side] += 1
        for cross in _crosses(cell.text, vocab):
            before, after = cross
            if bool(before) != bool(after):
                sides["before" if after else "after"] += 1
    if len(sides) != 1:
        return None
    side = next(iter(sides))
    return "before" if side == "before" else "after"


def typed_crosses(text: str, vocab: Vocabulary, side: Side | None) -> list[Cross]:
    """What each X typed among the option words of `text` marks ([] when there is none)."""
    out: list[Cross] = []
    for before, after in _crosses(text, vocab):
        if before and after:
            if side is None:
                out.append(Cross(None, (before, after)))
            else:
                out.append(Cross(after if side == "before" else before))
        else:
            out.append(Cross(after or before))
    return out


def _crosses(text: str, vocab: Vocabulary) -> list[tuple[str | None, str | None]]:
    """(option just before, option just after) each X of an option list, or []."""
    found = list(_X.finditer(text))
    if not found or len(found) > MAX_CROSSES or len(vocab.in_order(_X.sub(" ", text))) < 2:
        return []
    out: list[tuple[str | None, str | None]] = []
    bounds = [0, *(m.start() for m in found), len(text)]
    for n, match in enumerate(found):
        left = vocab.in_order(text[bounds[n] if n == 0 else found[n - 1].end() : match.start()])
        right = vocab.in_order(text[match.end() : bounds[n + 2]])
        if not left and not right:
            return []
        out.append((left[-1] if left else None, right[0] if right else None))
    return out
