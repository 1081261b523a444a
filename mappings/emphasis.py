"""The option a person emphasised when the boxes beside the options were left empty.

People mark a choice by making its word look different from the other options: bold,
underlined, highlighted, coloured, italic, in capitals, bigger, in another font, in
brackets, or by striking through the others. Readers keep each run's look in `Cell.spans`;
this reads them against the toolkit's vocabulary, in any format, measured against the
sibling option words (extractor/contrast.py), within one cell or across the option cells of
a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.contrast import Look, look_of, stand_out
from extractor.model import Cell, Span
from mappings.normalise import clip
from mappings.vocab import Vocabulary


@dataclass
class Emphasis:
    """Options that stand out from their siblings, and why (for the reviewer)."""

    options: list[str] = field(default_factory=list)  # one: the answer; more: several marked
    words: dict[str, str] = field(default_factory=dict)  # option -> the word as printed
    how: dict[str, list[str]] = field(default_factory=dict)  # option -> "red", "bold"…
    unclear: list[str] = field(default_factory=list)  # differences that single none out
    listed: bool = False  # every option cell of a row prints its own word (row_emphasis)

    def describe(self, option: str) -> str:
        """'the word "Partial" is red and bold'."""
        return f'the word "{clip(self.words.get(option, option), 30)}" is ' + " and ".join(
            self.how.get(option, ["different"])
        )


def option_looks(spans: list[Span], vocab: Vocabulary) -> list[tuple[str, str, Look]]:
    """(option, word, look) for each naming of an option in the runs, in order (an option
    printed in the list and typed again in bold is named twice)."""
    named: list[tuple[str, str, Look]] = []
    for span in spans:
        text = span.text.strip()
        if not text:
            continue
        options = vocab.in_order(text)
        word = text if len(options) == 1 else ""
        named.extend((option, word or option, look_of(span, word)) for option in options)
    return named


def contrast(named: list[tuple[str, str, Look]]) -> Emphasis:
    """Which of the named options stand out (two or more options needed)."""
    result = Emphasis()
    if len({option for option, _, _ in named}) < 2:
        return result
    found = stand_out([look for _, _, look in named])
    result.unclear = found.unclear
    if len(found.chosen) == len(named):
        return result  # every option looks different from every other: no one chosen
    for index in found.chosen:
        option, word, _ = named[index]
        if option not in result.options:
            result.options.append(option)
            result.words[option] = word
            result.how[option] = found.how[index]
    return result


def cell_emphasis(cell: Cell, vocab: Vocabulary) -> Emphasis:
    """The options one cell's words single out (`Yes / No / Partial` with `Partial` red)."""
    return contrast(option_looks(cell.spans, vocab))


def row_emphasis(cells: list[tuple[str, Cell]], vocab: Vocabulary) -> Emphasis:
    """The options singled out among option cells that each print their own option word
    (`Yes | No | Partial` across a row, the chosen one red or bold)."""
    named: list[tuple[str, str, Look]] = []
    for option, cell in cells:
        spans = [s for s in cell.spans if s.text.strip()] or [Span(cell.text)]  # unstyled
        if all(s.same_look(spans[0]) for s in spans):  # one look, split at a plain space
            spans = [spans[0].restyled(cell.text.strip())]
        if len(spans) == 1 and vocab.exact(cell.text) == option and not cell.marks:
            named.append((option, cell.text.strip(), look_of(spans[0], cell.text.strip())))
    if len(named) != len(cells):
        return Emphasis()
    found = contrast(named)
    found.listed = True
    return found


def emphasised_option(spans: list[Span], vocab: Vocabulary) -> str | None:
    """The one option emphasised among plain option words, else None."""
    found = contrast(option_looks(spans, vocab))
    return found.options[0] if len(found.options) == 1 else None
