"""The words people read, in one place: responses, ratings, grades, gap kinds, severities and
statuses in plain English, scores as percentages, counts with the right plural, excerpts cut
between words. Every page, workbook and HTML report takes its words from here; the JSON and
the API keep the ids (`fully_met`, `unmatched_row`, `for_panel`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scoring.engine import display_percent

# Responses and self-ratings of the built-in toolkits whose id alone reads badly; any other id
# is shown as words (`some_shortfalls` → "Some shortfalls").
WORDS = {
    "na": "N/A",
    "yes": "Yes",
    "no": "No",
    "rag": "RAG",
    "very high": "Very high",
}
GAP_KINDS = {
    "unanswered": "No answer",
    "conflicting": "More than one answer",
    "no_evidence": "No evidence",
    "thin_evidence": "Thin evidence",
    "no_action": "No action planned",
    "na_without_reason": "N/A without a reason",
    "missing_item": "Item not in the file",
    "unmatched_row": "Row not matched to the toolkit",
    "low_confidence": "Reading to check",
    "self_rating_inconsistent": "Self-rating does not fit the score",
    "below_threshold": "Section below the threshold",
    "missing_field": "Detail missing from the form",
    "unreadable": "Part of the file could not be read",
    "carried_forward": "Evidence copied from last cycle",
    "regressed": "Score fell since last cycle",
}
SEVERITIES = {"high": "High", "medium": "Medium", "low": "Low"}
DECISIONS = {
    "open": "Open",
    "accepted": "Accepted",
    "challenged": "Challenged",
    "resolved": "Resolved",
    "for_panel": "For panel",
}
RETURN_STATUSES = {
    "queued": "Waiting to be read",
    "processing": "Being read",
    "done": "Read",
    "failed": "Could not be read",
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# Gaps a person must look at before the others of the same severity: the reading itself is in
# doubt, then what the agency left out, then what only needs a judgement.
KIND_ORDER = {
    kind: n
    for n, kind in enumerate(
        (
            "unreadable",
            "conflicting",
            "low_confidence",
            "missing_item",
            "unanswered",
            "no_evidence",
            "no_action",
            "na_without_reason",
            "regressed",
            "self_rating_inconsistent",
            "below_threshold",
            "missing_field",
            "unmatched_row",
            "thin_evidence",
            "carried_forward",
        )
    )
}


def word(value: str | None, empty: str = "—") -> str:
    """An id in words: `fully_met` → "Fully met", `na` → "N/A"; None → `empty`."""
    if value is None or not str(value).strip():
        return empty
    text = str(value).strip()
    if text.lower() in WORDS:
        return WORDS[text.lower()]
    spaced = text.replace("_", " ")
    return spaced[:1].upper() + spaced[1:]


def _from(table: Mapping[str, str], value: str | None) -> str:
    return table.get(value or "", word(value))


def gap_kind(kind: str) -> str:
    return _from(GAP_KINDS, kind)


def kind_of(text: str) -> str:
    """The gap kind a workbook's Gap cell names, in words or as the id."""
    return next((k for k, label in GAP_KINDS.items() if label.lower() == text.lower()), text)


def severity(value: str) -> str:
    return _from(SEVERITIES, value)


def decision(status: str) -> str:
    return _from(DECISIONS, status)


def return_status(status: str) -> str:
    return _from(RETURN_STATUSES, status)


def percent(score: float | None, empty: str = "—") -> str:
    """A score as people write it: 75.0 → "75%", 66.67 → "67%", None → "—"."""
    return empty if score is None else f"{display_percent(score)}%"


def count(n: int, one: str, many: str | None = None) -> str:
    """`1 agency`, `2 agencies`, `0 gaps`."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def excerpt(text: str, limit: int) -> str:
    """The text whole when it fits, else cut at the last space before `limit`, with "…"."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(None, 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-") + "…"


def gap_place(gap: Mapping[str, Any]) -> str:
    """Where a gap sits: its item, its section, or the return."""
    if gap.get("item"):
        return str(gap["item"])
    if gap.get("section"):
        return f"section {gap['section']}"
    return "return"


def gap_name(gap: Mapping[str, Any]) -> str:
    """The gap as its controls are named: "gap 1.3 no evidence"."""
    return f"gap {gap_place(gap)} {gap_kind(str(gap['kind'])).lower()}"


def needs_person_first(gap: Mapping[str, Any], status: str = "open") -> tuple[int, int, int]:
    """Sort key: open and challenged gaps before settled ones, then by severity, then kind."""
    return (
        0 if status in ("open", "challenged") else 1,
        SEVERITY_ORDER.get(str(gap.get("severity")), 3),
        KIND_ORDER.get(str(gap.get("kind")), len(KIND_ORDER)),
    )
