"""How typed words in a block become options: whole answer words, a leading option word or
number, a score through the toolkit's scale, a letter under an option column. A mixin of
BlockReader (mappings/answers.py)."""

from __future__ import annotations

from extractor.model import Cell
from mappings.block_state import (
    AFFIRMATIVE,
    LABELLED,
    MAX_OPTION_WORDS,
    NUMBERED_LABEL,
    SCORE,
    Answer,
    Found,
    join_texts,
)
from mappings.normalise import fold
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit
from mappings.vocab import TypedAnswer, Vocabulary


class TypedRules:
    """Reading typed answers against one toolkit's vocabulary."""

    toolkit: Toolkit
    vocab: Vocabulary

    def _from_typed(self, found: Found, answer: Answer) -> None:
        options: list[str] = []
        best_conf = 1.0
        rests: list[str] = []
        for text, role, cell in found.typed:
            if id(cell) in found.listed:
                continue  # the printed option list across the row (read by its look)
            if role is not None and role.startswith("option:"):
                option, conf = self._typed_in_box(text, role[7:])
                if option is not None:
                    options.append(option)
                    best_conf = min(best_conf, conf)
                else:
                    found.unread.append(text)
                continue
            if role not in (None, "response"):
                continue
            mentioned = self.vocab.mentioned(text)
            if len(mentioned) >= 2:
                found.place = True  # the option list to keep one of, or two answers
                # The option list itself ("Yes / No / Partial") is no answer; two of the
                # options typed with no box beside them ("NO/Partially") are two answers.
                if cell.all_marks() or set(self.toolkit.option_order) <= set(mentioned):
                    continue
                if len(fold(text).split()) <= 2 * MAX_OPTION_WORDS * len(mentioned):
                    options.extend(dict.fromkeys(self.vocab.in_order(text)))
                    best_conf = min(best_conf, SETTINGS.conf_typed_prefix)
                continue
            typed = self._answer_words(text, role, cell)
            if typed is not None and role is None and SCORE.match(text) and found.figures > 1:
                continue  # one figure among many (a summary table's row): no answer
            if typed is None or (role is None and len(text.split()) > 12 and not typed.rest):
                if role == "response":
                    found.unread.append(text)
                continue
            options.append(typed.option)
            best_conf = min(best_conf, typed.confidence)
            if typed.rest:
                rests.append(typed.rest)
        unique = list(dict.fromkeys(options))
        if unique:
            answer.marked, answer.confidence, answer.source = unique, best_conf, "typed"
            if rests and not answer.evidence:
                answer.evidence = join_texts(rests)

    def _answer_words(self, text: str, role: str | None, cell: Cell) -> TypedAnswer | None:
        """An answer as people write it: the option's word ("Partially met - see…"), a
        numbered label ("3 - Fully met"), a score on the toolkit's scale ("50", "75%"),
        initials ("PC" for Partially compliant), or after a short label ("Current Rating:
        Red"); a dropdown's entry is read whole."""
        typed = self.vocab.typed(text)
        if typed is None:
            label = NUMBERED_LABEL.match(text)
            typed = self.vocab.typed(label.group(1)) if label else None
        if typed is None:
            option = self._score_option(text, role)
            # In an unnamed column a figure may be something else: read, but not sure.
            conf = SETTINGS.conf_typed if role == "response" else SETTINGS.conf_typed_prefix
            typed = TypedAnswer(option, conf, "") if option else None
        if typed is None:
            typed = self.vocab.initials(text)
        if typed is None:
            labelled = LABELLED.match(text)
            option = self.vocab.exact(labelled.group(2)) if labelled else None
            # "Current Rating: Red": a short label, a colon, one option.
            typed = TypedAnswer(option, SETTINGS.conf_typed, "") if option else None
        if typed is not None and typed.rest and text.strip() in cell.choices:
            # "Yes - fully in place" chosen from the cell's own dropdown: one answer, whole.
            typed = TypedAnswer(typed.option, SETTINGS.conf_typed, "")
        return typed

    def _score_option(self, text: str, role: str | None) -> str | None:
        """The option whose score a typed number is ("100", "50", "0", "75%"), in a response
        or unnamed column (anywhere with a percent sign); None when no one option has that
        score. A number in one option's column is no score (a row number under "No.")."""
        match = SCORE.match(text)
        if match is None or not (role in ("response", None) or match.group(2)):
            return None
        value = float(match.group(1))
        hits = [o.id for o in self.toolkit.options if o.score is not None and o.score == value]
        return hits[0] if len(hits) == 1 else None

    def _typed_in_box(self, text: str, column: str) -> tuple[str | None, float]:
        """A word or letter typed into one option's box: "x", "A" under Amber, "Yes"."""
        exact = self.vocab.exact(text)
        if exact is not None and (exact == column or self.toolkit.option(exact).na):
            return exact, SETTINGS.conf_typed
        if fold(text) in AFFIRMATIVE:
            return column, SETTINGS.conf_typed
        if exact is not None:  # another option named in this box: the word says which
            return exact, SETTINGS.conf_typed_prefix
        if len(fold(text).replace(" ", "")) <= 2:  # a lone mark ("*", "v", "ok")
            return column, SETTINGS.conf_typed_prefix
        return None, 0.0
