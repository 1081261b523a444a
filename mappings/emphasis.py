"""The option a person emphasised when the boxes beside the options were left empty.

People mark a choice by making its word bold, underlined or highlighted, or by striking
through the others, and leave the printed boxes untouched. Readers keep each run's style
in `Cell.spans`; this reads them against the toolkit's vocabulary, in any format.
"""

from __future__ import annotations

from extractor.model import Span
from mappings.vocab import Vocabulary


def emphasised_option(spans: list[Span], vocab: Vocabulary) -> str | None:
    """The one option emphasised (or the one not struck through) among plain option words.

    None unless the cell names at least two options and exactly one stands out: a cell
    in bold throughout (a header) or with two options emphasised says nothing.
    """
    seen: list[tuple[str, bool, bool]] = []  # option, emphasised, struck
    for span in spans:
        if not span.text.strip():
            continue
        styled = span.bold or span.underline or span.highlight is not None
        seen.extend((option, styled, span.strike) for option in vocab.in_order(span.text))
    options = list(dict.fromkeys(option for option, _, _ in seen))
    if len(options) < 2:
        return None
    loud = {option for option, emphasised, _ in seen if emphasised}
    struck = {option for option, _, strike in seen if strike}
    if len(loud) == 1 and not struck:
        return next(iter(loud))
    kept = [option for option in options if option not in struck]
    if struck and len(kept) == 1:
        return kept[0]
    return None
