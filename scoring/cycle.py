"""One item, this cycle against the last: what changed, copied evidence, stale dates, actions.

Pure rules on two result items (`ItemOut`); matching agencies and items is app/compare/cycles.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mappings.settings import CYCLE
from scoring.dates import dates_in, months_before
from scoring.evidence import is_placeholder
from scoring.gaps import ACTION_AT_OR_BELOW
from scoring.result import ItemOut

Change = Literal["new", "unchanged", "improved", "regressed", "removed"]
MatchedBy = Literal["id", "text"]
ActionStatus = Literal["done", "open"]
NA = "na"  # the option id every toolkit uses for "not applicable"
DONE_WORDS = re.compile(r"\b(completed|done|closed|achieved|implemented|finished)\b", re.I)


@dataclass(frozen=True)
class ItemChange:
    id: str  # the item's id this cycle (last cycle's when removed)
    previous_id: str | None
    section: str
    text: str
    matched_by: MatchedBy | None
    change: Change
    previous_score: float | None
    score: float | None
    previous_response: str | None
    response: str | None
    evidence_identical: bool
    evidence_date: date | None  # the newest date this cycle's evidence names (latest day meant)
    evidence_date_text: str  # ... as written ("March 2024")
    evidence_stale: bool  # ... and it is more than CYCLE.stale_months before the return's date
    action: ActionStatus | None  # last cycle's action: done or still open (None: there was none)
    previous_actions: str
    locator: str | None


def normalise(text: str) -> str:
    """Text compared for "identical": case, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def change_of(previous: ItemOut, new: ItemOut) -> Change:
    """By score when both have one; else by response: answered after unanswered is improved,
    the reverse regressed; N/A to an answer is new (it applies now), an answer to N/A removed."""
    p, n = previous, new
    if p.score is not None and n.score is not None:
        return (
            "improved" if n.score > p.score else "regressed" if n.score < p.score else "unchanged"
        )
    if p.response == n.response:
        return "unchanged"
    if p.response is None or n.response is None:
        return "improved" if p.response is None else "regressed"
    if NA in (p.response, n.response):
        return "new" if p.response == NA else "removed"
    before, after = p.score or 0.0, n.score or 0.0  # a status with no printed score counts 0
    return "improved" if after > before else "regressed" if after < before else "unchanged"


def identical_evidence(previous: ItemOut, new: ItemOut) -> bool:
    """The same evidence word for word (normalised); placeholders are not evidence."""
    if is_placeholder(new.evidence) or is_placeholder(previous.evidence):
        return False
    return normalise(previous.evidence) == normalise(new.evidence)


def newest_date(evidence: str) -> tuple[date | None, str]:
    """The newest date the evidence names, and its words."""
    found = dates_in(evidence)
    return max(found) if found else (None, "")


def is_stale(named: date | None, returned: date | None) -> bool:
    """The newest date the evidence names is more than CYCLE.stale_months before the return."""
    if named is None or returned is None:
        return False
    return named < months_before(returned, CYCLE.stale_months)


def action_status(previous: ItemOut, new: ItemOut | None) -> ActionStatus | None:
    """Last cycle's action: done when this return says so or no action is needed any more;
    open when it is repeated word for word or the answer still needs one."""
    if is_placeholder(previous.actions) or new is None:
        return None
    if DONE_WORDS.search(new.actions):
        return "done"
    if normalise(new.actions) == normalise(previous.actions):
        return "open"
    if new.score is not None and new.score > ACTION_AT_OR_BELOW:
        return "done"
    return "open"


def compare_item(
    previous: ItemOut | None,
    new: ItemOut | None,
    returned: date | None,
    matched_by: MatchedBy | None = None,
) -> ItemChange:
    """One item across two cycles (either side None: the item is new or removed)."""
    if previous is None and new is None:
        raise ValueError("compare_item needs at least one item")
    one = new if new is not None else previous
    assert one is not None
    named, words = newest_date(new.evidence) if new is not None else (None, "")
    if previous is None:
        change: Change = "new"
    elif new is None:
        change = "removed"
    else:
        change = change_of(previous, new)
    return ItemChange(
        id=one.id,
        previous_id=previous.id if previous is not None else None,
        section=one.section,
        text=one.text,
        matched_by=matched_by if previous is not None and new is not None else None,
        change=change,
        previous_score=previous.score if previous is not None else None,
        score=new.score if new is not None else None,
        previous_response=previous.response if previous is not None else None,
        response=new.response if new is not None else None,
        evidence_identical=previous is not None
        and new is not None
        and identical_evidence(previous, new),
        evidence_date=named,
        evidence_date_text=words,
        evidence_stale=is_stale(named, returned),
        action=action_status(previous, new) if previous is not None else None,
        previous_actions=previous.actions if previous is not None else "",
        locator=new.provenance.locator if new is not None else None,
    )
