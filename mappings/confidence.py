"""How sure the reading of one item is, its row match and its answer together (0..1).

The figure is calibrated on returns written by others (tests/practice.py): a reviewer can
trust what is at or above `SETTINGS.sure` and look at the rest, each with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from mappings.settings import SETTINGS


@dataclass(frozen=True)
class Sureness:
    value: float
    reason: str  # empty when sure


def match_sureness(score: float, margin: float) -> Sureness:
    """A row's match: its similarity to the item and its lead over the runner-up."""
    span = SETTINGS.match_sure - SETTINGS.match_cutoff
    value = 0.5 + 0.5 * min(1.0, max(0.0, (score - SETTINGS.match_cutoff) / span))
    if margin < SETTINGS.margin_sure:
        value = min(value, 0.5 + 0.4 * margin / SETTINGS.margin_sure)
    reason = ""
    if value < SETTINGS.sure:
        if margin < SETTINGS.margin_sure:
            reason = f"the row is almost as like another criterion (lead {margin:.0f} points)"
        else:
            reason = f"the row is only {score:.0f}% like the criterion"
    return Sureness(round(value, 3), reason)


def item_sureness(
    match: Sureness | None, answer_confidence: float | None, doubts: list[str], answered: bool
) -> Sureness:
    """Match and answer together; an item absent from the file is judged by `missing`."""
    if match is None:
        return Sureness(SETTINGS.conf_missing, "")
    if answer_confidence is None:  # nothing read as the answer
        answer_confidence = SETTINGS.conf_unanswered if not answered else 1.0
    if doubts:
        answer_confidence = min(answer_confidence, SETTINGS.conf_doubt)
    value = round(min(match.value, answer_confidence), 3)
    if value >= SETTINGS.sure:
        return Sureness(value, "")
    if match.value <= answer_confidence and match.reason:
        return Sureness(value, match.reason)
    return Sureness(value, "; ".join(doubts) or "the answer was read indirectly")
