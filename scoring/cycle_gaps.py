"""The two gap kinds only a previous cycle can show: `carried_forward` and `regressed`.

Pure: item changes in (scoring/cycle.py), gaps out; nothing here reads or writes files.
They never carry a status: a reviewer's decision on last cycle's gaps belongs to last cycle's
return (decisions are keyed by return hash, item and kind), so these start open.
"""

from __future__ import annotations

from collections.abc import Iterable

from scoring.cycle import ItemChange
from scoring.result import GapOut, Result

CYCLE_KINDS = frozenset({"carried_forward", "regressed"})


def _shown(response: str | None, score: float | None) -> str:
    word = (response or "unanswered").replace("_", " ")
    return word if score is None else f"{word} ({score:g})"


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _was(c: ItemChange) -> str:
    return "" if c.previous_id in (None, c.id) else f" (numbered {c.previous_id} last cycle)"


def cycle_gaps(changes: Iterable[ItemChange], evidence: dict[str, str]) -> list[GapOut]:
    """carried_forward (low) for an unchanged answer with last cycle's evidence word for word;
    regressed (high when it fell to an answer needing action, else medium) for a fallen score.
    `evidence` is this cycle's evidence by item id, quoted in the message."""
    gaps: list[GapOut] = []
    for c in changes:
        if c.previous_id is None or c.change in ("new", "removed"):
            continue
        if c.change == "regressed" and c.previous_score is not None and c.score is not None:
            gaps.append(
                _gap(
                    c,
                    "regressed",
                    "high" if c.score <= 50 else "medium",
                    f"{c.id}{_was(c)} fell from {_shown(c.previous_response, c.previous_score)} "
                    f"last cycle to {_shown(c.response, c.score)}: ask what changed and "
                    "check an action is planned",
                )
            )
        if c.change == "unchanged" and c.evidence_identical:
            stale = ""
            if c.evidence_stale:
                named = c.evidence_date_text
                stale = f'; the newest date it names, "{named}", is over a year before this return'

            gaps.append(
                _gap(
                    c,
                    "carried_forward",
                    "low",
                    f"{c.id}{_was(c)} repeats last cycle's answer "
                    f"({_shown(c.response, None)}) and its evidence word for word: "
                    f'"{_excerpt(evidence.get(c.id, ""))}"{stale}; ask for current evidence',
                )
            )
    return gaps


def _gap(c: ItemChange, kind: str, severity: str, message: str) -> GapOut:
    return GapOut.model_validate(
        {
            "kind": kind,
            "item": c.id,
            "section": c.section,
            "severity": severity,
            "message": message,
            "locator": c.locator,
        }
    )


def with_cycle_gaps(result: Result, gaps: list[GapOut]) -> Result:
    """The result with its cycle gaps replaced by `gaps` (re-running never duplicates them);
    the reading's own gaps keep their order and content."""
    own = [g for g in result.gaps if g.kind not in CYCLE_KINDS]
    return result.model_copy(update={"gaps": own + gaps})
