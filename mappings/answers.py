"""Read one item's answer, evidence and actions from its block of rows.

A block is the matched criterion row and the rows that follow it up to the next matched
row (continuation rows, label rows such as "Evidence of impact and outcomes", rating rows).
Answers come, in order of trust, from ticked marks (through their label, the column header
above them, or the toolkit's option order), then cell fills, then typed words.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractor.model import Cell, Mark
from mappings.answer_marks import MarkRules
from mappings.answer_typed import TypedRules
from mappings.block_state import (
    AFFIRMATIVE,
    LABELLED,
    SCORE,
    Answer,
    Found,
    join_texts,
)
from mappings.criterion_tail import criterion_tail
from mappings.emphasis import cell_emphasis, row_emphasis
from mappings.layout import Unit, origin_cell, role_of
from mappings.normalise import clip, fold, leading_id
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Item, Toolkit
from mappings.typed_cross import Side
from mappings.unexplained import AreaCell, Reading, unexplained
from mappings.vocab import TypedAnswer, Vocabulary

_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%?")
_SHORT_ANSWER = re.compile(r"^\s*(\w{2,3})\s*[-\u2013\u2014:]\s+\S")


class BlockReader(MarkRules, TypedRules):
    """Reads items' blocks for one toolkit."""

    def __init__(self, toolkit: Toolkit, vocab: Vocabulary, x_side: Side | None = None) -> None:
        self.toolkit = toolkit
        self.vocab = vocab
        self.x_side = x_side  # where this return's typed X's stand (mappings/typed_cross.py)
        self.has_plan = bool(toolkit.fields.in_action_plan)

    def read(self, block: list[Unit], item: Item) -> Answer:
        found = Found()
        criterion_pos = _criterion_position(block[0], item)
        if criterion_pos is not None:
            found.after_criterion = criterion_tail(block[0].cells[criterion_pos].text, item)
        pending: str | None = None
        for index, unit in enumerate(block):
            if unit.row is not None and unit.kind == "header":
                self._header_emphasis(unit, found)
            if unit.row is None or unit.kind == "header":
                continue
            if unit.kind == "label":
                pending = unit.label_role
                self._typed_after_label(unit, found)
                continue
            if _answer_columns(unit):
                found.place = True  # under option or response columns, filled in or not
            continuation = index == 1 and pending is None and _continues(unit)
            skip_pos = criterion_pos if index == 0 or continuation else None
            row_unresolved: list[tuple[Mark, Cell]] = []
            option_cells: list[tuple[str, Cell]] = []
            for position, cell in enumerate(unit.cells):
                found.notes += cell.annotations
                if position == skip_pos:
                    continue
                if cell.provenance.hidden and not unit.row.hidden:
                    # A hidden column (last cycle's answers, a lookup): nobody answers where
                    # they cannot see; what it holds only counts as a doubt.
                    if cell.text.strip():
                        found.hidden.append(cell.text.strip())
                    continue
                role = role_of(unit, cell, position)
                # A label row above names this row; only rating boxes keep their option column.
                if pending is not None and (pending != "response" or not _is_option(role)):
                    role = pending
                if _is_option(role) and not cell.continued and leading_id(cell.text) is None:
                    option_cells.append(((role or "")[7:], cell))  # a row number is no option
                self._cell(unit, position, cell, role, found, row_unresolved)
            if len(option_cells) >= 2:
                listed = row_emphasis(option_cells, self.vocab)
                if listed.listed:
                    found.row_options.append(listed)
                    found.listed.update(id(c) for _, c in option_cells)
            if row_unresolved and not self._labelled_by_row(unit, row_unresolved, found):
                found.unresolved.append(row_unresolved)
            pending = None
        return self._resolve(found, item)

    def _typed_after_label(self, unit: Unit, found: Found) -> None:
        """The answer typed after a label row's own words ("Current Rating: Green")."""
        for cell in unit.cells:
            labelled = LABELLED.match(cell.text) if not cell.continued else None
            if labelled and self.vocab.exact(labelled.group(2)) is not None:
                found.place = True
                found.typed.append((labelled.group(2), "response", cell))

    def _header_emphasis(self, unit: Unit, found: Found) -> None:
        """A row of option labels inside the item's block (a rating row over empty boxes):
        the label that looks different from the others is the answer."""
        named = [
            (option, cell)
            for cell in unit.cells
            if not cell.continued and (option := self.vocab.exact(cell.text)) is not None
        ]
        if len(named) >= 2:
            listed = row_emphasis(named, self.vocab)
            if listed.options:
                found.row_options.append(listed)

    # -- one cell ---------------------------------------------------------------------------
    def _cell(
        self,
        unit: Unit,
        position: int,
        cell: Cell,
        role: str | None,
        found: Found,
        unresolved: list[tuple[Mark, Cell]],
    ) -> None:
        text = cell.text
        if cell.continued and unit.table is not None and unit.row is not None:
            origin = origin_cell(unit.table, unit.table.rows.index(unit.row), _col(cell, position))
            text = origin.text if origin is not None else ""
        quiet = ("evidence", "actions", "lead", "timescale", "template", "criterion", "grade")
        if role in quiet and any(m.checked for m in cell.marks) and not cell.continued:
            # A box ticked where no answer is read: the columns may have been read wrong.
            found.doubts.append(f"a ticked box stands in the {role} column: is it the answer?")
        if role in ("evidence", "actions", "lead", "timescale"):
            if text:
                found.texts.setdefault(role, []).append(text)
            return
        if role in ("template", "criterion", "grade"):
            return
        if role == "score":
            found.texts.setdefault("score", []).append(text)
            return
        if role == "in_action_plan":
            found.plan_seen = True
            marks = cell.all_marks()
            found.plan = found.plan or any(m.checked for m in marks)
            found.plan = found.plan or fold(text) in AFFIRMATIVE
            return
        if (
            leading_id(text) == text.strip()
            and text
            and not (role == "response" and fold(text) in self.vocab.labels)
            and not self._score_option(text, role)
        ):
            found.numbers.append(text.strip())
            return  # a bare number cell (not a rating "4" in the response column, nor a score)
        answer_cell = role is None or role == "response" or _is_option(role)
        if answer_cell and not cell.continued and (text or cell.all_marks() or cell.fill):
            found.area.append(AreaCell(cell, role))
        marks = cell.marks  # a nested table's rows are units of their own, read as such
        if any(m.confidence < SETTINGS.sure for m in marks):
            # A scanned box neither clearly empty nor clearly ticked: said, not guessed.
            found.doubts.append("a box's ink is unclear: ticked or not, check it")
        if any(not m.checked for m in marks):
            found.empty_boxes = True
        kept, kept_conf = self._left_uncrossed(text, marks)
        for left in kept:
            # "Yes    No ✗    Partial ✗": the options not crossed out are the ones marked.
            found.place = True
            uncrossed = Mark(True, marks[0].source, left, kept_conf)
            found.checked.append((left, kept_conf, uncrossed, cell))
        if kept:
            marks = []
        positional = self.vocab.in_order(text) if len(marks) >= 2 else []
        for index, mark in enumerate(marks):
            if len(positional) == len(marks) and not (role or "").startswith("option:"):
                # Boxes and option words in the same order: pair them by position, whichever
                # side of its word each box stands.
                found.place = True
                if mark.checked:
                    conf = SETTINGS.conf_labelled_mark * mark.confidence
                    found.checked.append((positional[index], conf, mark, cell))
                continue
            option, how = self._mark_option(mark, role)
            if option is None:
                unresolved.append((mark, cell))
                if mark.label and (mark.checked or len(self.vocab.in_order(mark.label)) >= 2):
                    found.doubts.append(f'a box is labelled "{clip(mark.label)}", no one option')
            else:
                found.place = True
                if mark.checked:
                    found.checked.append((option, how, mark, cell))
                    if how < SETTINGS.conf_header_mark * mark.confidence and mark.label:
                        found.doubts.append(
                            f'a ticked box is labelled "{clip(mark.label)}": read as its first word'
                        )
        unmarked = not marks and role in (None, "response")  # option words with no box
        if (unmarked or (marks and not any(m.checked for m in marks))) and not cell.continued:
            looked = cell_emphasis(cell, self.vocab).options
            conf = SETTINGS.conf_emphasis if len(looked) == 1 else SETTINGS.conf_order_mark
            for picked in looked:
                found.checked.append((picked, conf, Mark(True, "emphasis", picked, conf), cell))
            if unmarked and not looked:
                self._typed_crosses(text, cell, found)
        if _is_option(role) and not cell.continued:
            found.option_cells.add((role or "")[7:])
        elif not cell.continued and (alone := self.vocab.exact(text)) is not None:
            found.printed.add(alone)  # a cell printing one option's word, its box beside it
        if cell.fill is not None and not cell.continued:
            if role is not None and role.startswith("option:"):
                found.option_fills.append((role[7:], cell))
            else:
                found.response_fills.append(cell)
        if text and not cell.continued:
            found.typed.append((text, role, cell))

    # -- the whole block --------------------------------------------------------------------
    def _resolve(self, found: Found, item: Item) -> Answer:
        answer = Answer()
        texts = found.texts
        answer.evidence = join_texts(texts.get("evidence", []))
        answer.actions = join_texts(texts.get("actions", []))
        answer.lead = join_texts(texts.get("lead", []))
        answer.timescale = join_texts(texts.get("timescale", []))
        answer.printed_score = _percent(texts.get("score", []))
        if item.kind == "text":
            # The answer is whatever was written in the row, under whichever column header
            # its cell starts (a wide merged cell often starts under an option column).
            free = [t for t, r, _ in found.typed if r in (None, "response") or _is_option(r)]
            answer.evidence = join_texts([*free, *texts.get("evidence", [])])
            answer.response = "answered" if answer.evidence.strip() else None
            return answer
        found.figures = len([n for n in found.numbers if n != item.id and "." not in n])
        if self.has_plan:
            answer.in_action_plan = found.plan if found.plan_seen else False
        self._from_marks(found, answer)
        if not answer.marked:
            self._from_fills(found, answer)
        if not answer.marked:
            self._from_row_emphasis(found, answer)
        if not answer.marked:
            self._from_typed(found, answer)
        if not answer.marked and answer.evidence:
            typed = self.vocab.typed(answer.evidence)
            if typed is not None and self.toolkit.option(typed.option).na:
                answer.marked = [typed.option]
                answer.confidence, answer.source = typed.confidence, "typed"
                # The evidence keeps the person's words: "N/A - no volunteers" is the answer
                # and its reason at once.
            elif (said := self._said_first(answer.evidence, typed)) is not None:
                # "Partially – the policy is drafted": the answer said in the evidence only.
                answer.marked = [said]
                answer.confidence, answer.source = SETTINGS.conf_typed_prefix, "typed"
        if not answer.marked and found.after_criterion:
            # "… their responsibilities - Yes": the answer typed after the criterion's words.
            option = self.vocab.exact(found.after_criterion)
            if option is not None:
                answer.marked = [option]
                answer.confidence, answer.source = SETTINGS.conf_typed, "typed"
        if len(answer.marked) == 1:
            answer.response = answer.marked[0]
        answer.place = found.place or bool(answer.marked)
        # An answer is one value or a few beside the criterion; a row of many figures (a
        # summary table quoting the criteria) holds no answer.
        valued = [a for a in found.area if self._answer_like(a.cell)]
        count = len(valued) + found.figures
        answer.values = bool(answer.marked) or 0 < count <= SETTINGS.max_answer_values
        answer.doubts = list(dict.fromkeys(found.doubts))
        if not answer.marked and found.unread:
            answer.doubts.append(f'the answer cell says "{clip(found.unread[0])}", no option')
        if not answer.marked and found.hidden:
            answer.doubts.append(
                f'a hidden column of the row says "{clip(found.hidden[0])}": is it the answer?'
            )
        elif not found.doubts:
            # What no rule used (a coloured word, a drawing, a number, a comment) leaves the
            # reading unsure, each named.
            reading = Reading(answer.marked, answer.source, answer.locator_cell)
            answer.doubts += unexplained(found.area, found.notes, reading, self.vocab)
        return answer

    def _said_first(self, text: str, typed: TypedAnswer | None) -> str | None:
        """The option a text opens with, parted from the rest by a dash or colon ("No – the
        audit is due"); a short label counts here ("No"), never a lone letter."""
        if typed is not None:
            return typed.option if _dashed(text, typed.rest) else None
        short = _SHORT_ANSWER.match(text)
        if short is None or fold(short.group(1)) not in self.vocab.labels:
            return None
        return self.vocab.exact(short.group(1))

    def _answer_like(self, cell: Cell) -> bool:
        """A value an answer could be: a tick, a fill, a figure, initials, an option's word."""
        text = cell.text.strip()
        if cell.fill or _ticked(cell) or (text and len(fold(text).replace(" ", "")) <= 3):
            return True
        return bool(text) and (
            SCORE.match(text) is not None
            or self.vocab.typed(text) is not None
            or bool(self.vocab.mentioned(text))
        )

    def _from_row_emphasis(self, found: Found, answer: Answer) -> None:
        """Option cells that each print their own word: the one(s) that look different are
        marked; a row printed alike is no answer (its words are not typed answers)."""
        for listed in found.row_options:
            if listed.options:
                conf = SETTINGS.conf_emphasis if len(listed.options) == 1 else 0.8
                answer.marked, answer.confidence = list(listed.options), conf
                answer.source = "emphasis"
                return

    def _from_fills(self, found: Found, answer: Answer) -> None:
        shaded = list(dict.fromkeys(option for option, _ in found.option_fills))
        if shaded and len(shaded) < len(found.option_cells):
            # Some option cells shaded, the others left plain: the shaded ones are marked.
            answer.marked, answer.confidence, answer.source = shaded, SETTINGS.conf_fill, "fill"
            answer.locator_cell = found.option_fills[0][1]
            return
        fills = {cell.fill for _, cell in found.option_fills}
        if len(found.option_fills) == 1 or (len(fills) > 1 and len(found.option_fills) <= 2):
            # One option cell shaded (or one shaded differently): that option is chosen.
            distinct = [(o, c) for o, c in found.option_fills if _unique_fill(c, found)]
            if len(distinct) == 1:
                option, cell = distinct[0]
                answer.marked, answer.confidence, answer.source = [option], 0.9, "fill"
                answer.locator_cell = cell
                return
        colour = self.vocab.colour
        hits = [(hit, cell) for cell in found.response_fills if (hit := colour(cell.fill))]
        if len({hit[0] for hit, _ in hits}) == 1:  # several colours: the form's own colour key
            (option, conf), cell = hits[0]
            answer.marked, answer.confidence, answer.source = [option], conf, "fill"
            answer.locator_cell = cell

def _is_option(role: str | None) -> bool:
    return role is not None and role.startswith("option:")


def _dashed(text: str, rest: str) -> bool:
    """The answer word opens the text and a dash or colon parts it from the rest."""
    head = text[: text.find(rest)] if rest and rest in text else ""
    return bool(rest) and any(sep in head[-4:] for sep in ("-", "\u2013", "\u2014", ":"))


def _ticked(cell: Cell) -> bool:
    return any(m.checked for m in cell.all_marks())


def _answer_columns(unit: Unit) -> bool:
    """The row lies under a response column or two or more option columns (one "N/A" column
    alone is no set of options)."""
    roles = set(unit.roles.values())
    return "response" in roles or len({r for r in roles if _is_option(r)}) >= 2


def _unique_fill(cell: Cell, found: Found) -> bool:
    same = [c for _, c in found.option_fills if c.fill == cell.fill]
    return len(same) == 1


def _criterion_position(unit: Unit, item: Item) -> int | None:
    target = fold(item.text)
    best, best_pos = 0.0, None
    for position, cell in enumerate(unit.cells):
        if not cell.text or cell.continued:
            continue
        score = fuzz.token_set_ratio(fold(cell.text), target)
        if score > best:
            best, best_pos = score, position
    return best_pos


def _continues(unit: Unit) -> bool:
    """A row with no number directly under a criterion may continue its text."""
    first = next((c.text for c in unit.cells if c.text), "")
    return leading_id(first) is None and not any(m.checked for c in unit.cells for m in c.marks)


def _col(cell: Cell, position: int) -> int:
    return cell.provenance.column if cell.provenance.column is not None else position


def _percent(texts: list[str]) -> float | None:
    for text in texts:
        match = _PERCENT.search(text)
        if match:
            return float(match.group(1))
    return None
