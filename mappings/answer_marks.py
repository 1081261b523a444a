"""How a block's boxes, glyphs and crosses become options: by their label, the column above
them, the word printed beside them in their row, the toolkit's order, or (crosses) the options
they leave uncrossed. A mixin of BlockReader (mappings/answers.py)."""

from __future__ import annotations

from extractor.model import Cell, Mark
from mappings.block_state import Answer, Found
from mappings.layout import Unit
from mappings.normalise import fold
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit
from mappings.typed_cross import Side, typed_crosses
from mappings.vocab import Vocabulary


class MarkRules:
    """Reading marks against one toolkit's vocabulary."""

    toolkit: Toolkit
    vocab: Vocabulary
    x_side: Side | None

    def _labelled_by_row(
        self, unit: Unit, marks: list[tuple[Mark, Cell]], found: Found
    ) -> bool:
        """Boxes with no label in a row printing one option word in a cell of its own
        ("Partially met | ☐", an option's row of a table nested in the answer cell): the
        word is their label."""
        words = {self.vocab.exact(c.text) for c in unit.cells if c.text and not c.marks}
        words.discard(None)
        if len(words) != 1 or any(mark.label for mark, _ in marks):
            return False
        option = str(words.pop())
        found.place = True
        for mark, cell in marks:
            if mark.checked:
                conf = SETTINGS.conf_header_mark * mark.confidence
                found.checked.append((option, conf, mark, cell))
        return True

    def _typed_crosses(self, text: str, cell: Cell, found: Found) -> None:
        """An X typed among the option words: its word, or a doubt when it could be two."""
        for cross in typed_crosses(text, self.vocab, self.x_side):
            found.place = True
            if cross.option is not None:
                conf = SETTINGS.conf_header_mark
                mark = Mark(True, "glyph", cross.option, conf)
                found.checked.append((cross.option, conf, mark, cell))
            elif cross.between is not None:
                a, b = (self.toolkit.option(o).label for o in cross.between)
                found.doubts.append(f'an X stands between "{a}" and "{b}": which does it mark?')

    def _left_uncrossed(self, text: str, marks: list[Mark]) -> tuple[list[str], float]:
        """The options left when others in the cell are crossed (✗) and the cell has no
        empty box (where a cross would be a tick); sure when all but one are crossed."""
        if not marks or not all(m.checked and m.cross for m in marks):
            return [], 0.0
        named = list(dict.fromkeys(self.vocab.in_order(text)))
        crossed = {self.vocab.exact(m.label) for m in marks if m.label}
        if len(named) < 3 or None in crossed or len(crossed) != len(marks):
            return [], 0.0
        left = [option for option in named if option not in crossed]
        sure = len(left) == 1
        return left, SETTINGS.conf_header_mark if sure else SETTINGS.conf_order_mark

    def _mark_option(self, mark: Mark, role: str | None) -> tuple[str | None, float]:
        column = role[7:] if role is not None and role.startswith("option:") else None
        if mark.label and column is not None and _part_of(mark.label, self.toolkit, column):
            # "met ✗" under "Not met": the label's last line only, the column names it whole.
            return column, SETTINGS.conf_header_mark * mark.confidence
        if mark.label:
            option = self.vocab.exact(mark.label)
            if option is None:
                typed = self.vocab.typed(mark.label)
                option = typed.option if typed is not None and len(typed.rest) < 3 else None
            if option is not None:
                return option, SETTINGS.conf_labelled_mark * mark.confidence
            hits = self.vocab.hits(fold(mark.label))
            if len(hits) >= 2 and hits[0][0] == 0:
                # "☒ No Partial": the next option's box lost or drawn after its word; the box
                # stands before the first word. Read, but not sure (the label's doubt stays).
                return hits[0][2], SETTINGS.conf_order_mark * mark.confidence
        if role is not None and role.startswith("option:"):
            return role[7:], SETTINGS.conf_header_mark * mark.confidence
        return None, 0.0

    def _from_marks(self, found: Found, answer: Answer) -> None:
        checked = list(found.checked)
        order = self.toolkit.option_order
        for row in found.unresolved:
            if len(row) == len(order):
                found.place = True
                for (mark, cell), option in zip(row, order, strict=True):
                    if mark.checked:
                        checked.append((option, SETTINGS.conf_order_mark, mark, cell))
            elif any(mark.checked for mark, _ in row):
                found.doubts.append("a ticked box has no option label or column header")
        if any(m.cross for _, _, m, _ in checked) and not all(m.cross for _, _, m, _ in checked):
            # "✓ Yes ✗ No ✗ Partial": beside a tick, a cross rejects its option.
            checked = [entry for entry in checked if not entry[2].cross]
        elif checked and all(m.cross for _, _, m, _ in checked) and not found.empty_boxes:
            checked = self._uncrossed_columns(checked, found)
        options = list(dict.fromkeys(option for option, _, _, _ in checked))
        if options:
            answer.marked = options
            answer.confidence = min(conf for _, conf, _, _ in checked)
            answer.source = checked[0][2].source
            answer.locator_cell = checked[0][3]

    def _uncrossed_columns(
        self, checked: list[tuple[str, float, Mark, Cell]], found: Found
    ) -> list[tuple[str, float, Mark, Cell]]:
        """Crosses in option columns, or in cells each printing one option, with no empty box
        anywhere ("Not met ✗ | Partially met | Fully met ✗"): the options left uncrossed are
        the ones marked."""
        crossed = {option for option, _, _, _ in checked}
        seen = found.option_cells | found.printed
        columns = [o for o in self.toolkit.option_order if o in seen]
        left = [o for o in columns if o not in crossed]
        if len(columns) < 3 or not left:
            return checked
        conf = SETTINGS.conf_header_mark if len(left) == 1 else SETTINGS.conf_order_mark
        cell = checked[0][3]
        return [(o, conf, Mark(True, checked[0][2].source, o, conf), cell) for o in left]


def _part_of(label: str, toolkit: Toolkit, option: str) -> bool:
    """The label is a piece of the option's own words, not the whole ("met" of "Not met")."""
    words, whole = fold(label).split(), fold(toolkit.option(option).label).split()
    n = len(words)
    pieces = {tuple(whole[i : i + n]) for i in range(len(whole) - n + 1)}
    return 0 < n < len(whole) and tuple(words) in pieces
