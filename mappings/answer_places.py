"""Is this a return at all? A document that quotes a toolkit's criteria (a gap workbook, an
action plan, guidance notes, the criteria pasted into a letter) matches the toolkit, but has
nowhere an answer could be. A blank, never-filled return has those places, only empty.

Refused only when the rows hold no values beside their criteria either: a return whose answer
columns were not recognised (letters, scores, a layout never seen) but whose cells hold
something is read, each such item left unsure for a reviewer to check."""

from __future__ import annotations

from extractor.errors import NoAnswersError
from mappings.reading import ItemReading, ReturnReading
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit


def _found_choice(reading: ReturnReading, toolkit: Toolkit) -> list[ItemReading]:
    choice = {item.id for _, item in toolkit.all_items() if item.kind == "choice"}
    return [i for i in reading.items if i.found and i.item_id in choice]


def answer_place_share(reading: ReturnReading, toolkit: Toolkit) -> float:
    """The share of matched choice items whose rows have a place for the answer."""
    found = _found_choice(reading, toolkit)
    if not found:
        return 0.0
    return sum(i.answer_place for i in found) / len(found)


def ensure_answer_places(reading: ReturnReading, toolkit: Toolkit) -> None:
    """Raise NoAnswersError for a document with too few places for answers to be a return
    and nothing in its answer cells; when only the places are unclear, leave its unplaced
    items unsure instead."""
    if answer_place_share(reading, toolkit) >= SETTINGS.min_answer_places:
        return
    found = _found_choice(reading, toolkit)
    valued = sum(i.answer_values for i in found) / len(found) if found else 0.0
    if valued < SETTINGS.min_answer_places:
        raise NoAnswersError(reading.source.file, toolkit.id)
    for item in found:
        if not item.answer_place and item.response is None:
            item.confidence = min(item.confidence or 1.0, SETTINGS.conf_doubt)
            item.doubt = item.doubt or (
                "no answer column was recognised in this return, though its rows hold "
                "values: check the answer"
            )
    reading.warnings.append(
        "few answer columns were recognised: the return was read, its unplaced items unsure"
    )
