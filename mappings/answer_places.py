"""Is this a return at all? A document that quotes a toolkit's criteria (a gap workbook, an
action plan, guidance notes, the criteria pasted into a letter) matches the toolkit, but has
nowhere an answer could be. A blank, never-filled return has those places, only empty."""

from __future__ import annotations

from extractor.errors import NoAnswersError
from mappings.reading import ReturnReading
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit


def answer_place_share(reading: ReturnReading, toolkit: Toolkit) -> float:
    """The share of matched choice items whose rows have a place for the answer."""
    choice = {item.id for _, item in toolkit.all_items() if item.kind == "choice"}
    found = [i for i in reading.items if i.found and i.item_id in choice]
    if not found:
        return 0.0
    return sum(i.answer_place for i in found) / len(found)


def ensure_answer_places(reading: ReturnReading, toolkit: Toolkit) -> None:
    """Raise NoAnswersError for a document with too few places for answers to be a return."""
    if answer_place_share(reading, toolkit) < SETTINGS.min_answer_places:
        raise NoAnswersError(reading.source.file, toolkit.id)
