"""Printed-score exports (est2014's online tool): where an item's block ends, and the printed
percentages the column roles alone do not give.

An export of the est2014 online tool lists each section as a row of its own
("7. INFORMATION-SHARING | 75% | high") between the items. Such a row ends the block of the
item above it when that item belongs to another section: otherwise an item that prints no
score (a not-started one) takes the next section's percentage as its own. A heading repeated
inside its own section (at the top of a new page) ends nothing: text continued across the
page break still belongs to the item above.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mappings.align import Match, is_heading
from mappings.layout import Unit, role_of
from mappings.normalise import fold, strip_numbering
from mappings.reading import ItemReading
from mappings.toolkits.schema import Toolkit


def section_rows(units: list[Unit], toolkit: Toolkit) -> dict[int, str]:
    """Table rows that head a section: unit order -> section id.

    Every title counts, also one an item's criterion contains ("INFORMATION-SHARING" in
    "a policy on information-sharing"): a heading cell holds the title alone."""
    titles = [(s.id, fold(strip_numbering(s.title))) for s in toolkit.sections]
    titles = [(section_id, title) for section_id, title in titles if title]
    out: dict[int, str] = {}
    for unit in units:
        if unit.row is None:
            continue
        texts = [c.text for c in unit.cells if c.text and not c.continued]
        hits = [sid for sid, title in titles for text in texts if is_heading(text, [title])]
        if hits:
            out[unit.order] = hits[0]
    return out


def section_breaks(units: list[Unit], toolkit: Toolkit, matches: Iterable[Match]) -> set[int]:
    """The section rows that end the block of the matched item above them (one of another
    section). A row matched to an item itself is never one."""
    section_of = {item.id: section.id for section, item in toolkit.all_items()}
    matched = sorted((m.unit.order, section_of[m.item_id]) for m in matches)
    at = {order for order, _ in matched}
    breaks: set[int] = set()
    for order, section_id in section_rows(units, toolkit).items():
        if order in at:
            continue
        before = [sec for o, sec in matched if o < order]
        if before and before[-1] != section_id:
            breaks.add(order)
    return breaks


_BARE_PERCENT = re.compile(r"\s*(\d{1,3}(?:\.\d+)?)\s*%\s*")


def complete_printed_scores(
    items: list[ItemReading], blocks: dict[str, list[Unit]], toolkit: Toolkit
) -> None:
    """The printed scores the column roles could not give, and one scale for all of them.

    - A layout with no score column at all (an export without its header row): the
      percentage standing alone in a cell of the item's own rows ("45%") is its score.
    - Scores all between 0 and 1, some strictly so: a percentage column exported as plain
      fractions ("0.45" in a General cell); they are read as percentages (45).
    """
    if toolkit.scoring != "printed":
        return
    for item in items:
        block = blocks.get(item.item_id)
        if item.printed_score is None and block and not _has_score_column(block):
            item.printed_score = _bare_percent(block)
    scores = [i.printed_score for i in items if i.printed_score is not None]
    if scores and all(0 <= s <= 1 for s in scores) and any(0 < s < 1 for s in scores):
        for item in items:
            if item.printed_score is not None:
                item.printed_score = round(item.printed_score * 100, 6)


def _has_score_column(block: list[Unit]) -> bool:
    return any(role == "score" for unit in block for role in unit.roles.values())


def _bare_percent(block: list[Unit]) -> float | None:
    for unit in block:
        if unit.kind != "content":
            continue
        for position, cell in enumerate(unit.cells):
            if cell.continued or role_of(unit, cell, position) is not None:
                continue
            match = _BARE_PERCENT.fullmatch(cell.text)
            if match:
                return float(match.group(1))
    return None
