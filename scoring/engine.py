"""Scores: item -> section -> overall, rounding half up, grades and the 75% threshold."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from mappings.reading import ItemReading
from mappings.toolkits.schema import Item, Toolkit


def round1(value: float) -> float:
    """A score as stored: one decimal, half up (85.25 -> 85.3)."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def display_percent(value: float) -> int:
    """A percentage as shown to people: whole number, half up (85.5 -> 86, 2.5 -> 3)."""
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def item_score(reading: ItemReading, item: Item, toolkit: Toolkit) -> float | None:
    """The item's score, or None when it is left out of averages (na, unanswered, text)."""
    if item.kind == "text" or reading.response is None or len(reading.marked) > 1:
        return None
    if toolkit.scoring == "printed":
        return reading.printed_score
    try:
        option = toolkit.option(reading.response)
    except KeyError:
        return None
    return None if option.na else option.score


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def grade(score: float | None, toolkit: Toolkit) -> str | None:
    """The grade band of a score, judged on the percentage shown (89.6 -> 90 -> very high)."""
    if score is None:
        return None
    shown = display_percent(score)
    for band in toolkit.grades:
        if shown >= band.min:
            return band.name
    return toolkit.grades[-1].name


def meets(score: float | None, toolkit: Toolkit) -> bool | None:
    return None if score is None else display_percent(score) >= toolkit.threshold
