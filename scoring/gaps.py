"""Gap rules: each a small function returning the gaps a reviewer must chase, with a severity.

Item rules run in a fixed order; a missing or conflicting item gets only that one gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mappings.reading import ItemReading, ReturnReading, SectionReading
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Item, Option, Section, Toolkit
from scoring.engine import display_percent
from scoring.evidence import is_placeholder, is_thin, na_reason
from scoring.result import GapOut

RATING_STEP = 25.0
# Options scoring this or less need an action (no, partial, not met, partially met, amber, red).
ACTION_AT_OR_BELOW = 50.0
# Options scoring this or more claim something is in place and need evidence (yes, partial,
# fully/partially met, blue, green, amber; not no, not met or red).
EVIDENCE_FROM = 50.0


@dataclass(frozen=True)
class ItemContext:
    toolkit: Toolkit
    section: Section
    item: Item
    reading: ItemReading
    option: Option | None

    @property
    def label(self) -> str:
        return self.option.label if self.option is not None else str(self.reading.response)

    def gap(self, kind: str, severity: str, message: str) -> GapOut:
        where = self.reading.provenance.locator if self.reading.provenance is not None else None
        return GapOut.model_validate(
            {
                "kind": kind,
                "item": self.item.id,
                "section": self.section.id,
                "severity": "low" if self.section.optional and severity == "high" else severity,
                "message": message,
                "locator": where,
            }
        )


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def missing_item(c: ItemContext) -> list[GapOut]:
    why = c.reading.doubt or "the row may have been deleted"
    return [c.gap("missing_item", "high", f"{c.item.id} is not in the file: {why}")]


def conflicting(c: ItemContext) -> list[GapOut]:
    labels = [c.toolkit.option(o).label for o in c.reading.marked if _known(c.toolkit, o)]
    both = " and ".join(labels) or "several options"
    return [
        c.gap(
            "conflicting",
            "high",
            f"{c.item.id} has more than one option marked ({both}): confirm which applies",
        )
    ]


def unanswered(c: ItemContext) -> list[GapOut]:
    if c.reading.response is not None:
        return []
    if c.item.kind == "text":
        return [c.gap("unanswered", "medium", f"{c.item.id} has no response")]
    return [c.gap("unanswered", "high", f"{c.item.id} has no answer: no option is marked")]


def na_without_reason(c: ItemContext) -> list[GapOut]:
    if (
        c.option is None
        or not c.option.na
        or not is_placeholder(na_reason(c.reading.evidence), c.toolkit.placeholders)
    ):
        return []
    return [c.gap("na_without_reason", "medium", f"{c.item.id} is marked N/A with no reason given")]


def no_evidence(c: ItemContext) -> list[GapOut]:
    if c.toolkit.scoring == "printed" or c.option is None or c.option.na:
        return []
    if c.option.score is None or c.option.score < EVIDENCE_FROM:
        return []  # "No", "Not met", "Red": nothing in place is claimed, nothing to evidence
    if not is_placeholder(c.reading.evidence, c.toolkit.placeholders):
        return []
    said = c.reading.evidence.strip()
    detail = f'the evidence is only "{said}"' if said else "no evidence is given"
    return [c.gap("no_evidence", "high", f"{c.item.id} is answered {c.label} but {detail}")]


def thin_evidence(c: ItemContext) -> list[GapOut]:
    if c.toolkit.scoring == "printed" or c.option is None or c.option.na:
        return []
    evidence = c.reading.evidence
    if is_placeholder(evidence, c.toolkit.placeholders) or not is_thin(evidence):
        return []
    return [
        c.gap(
            "thin_evidence",
            "low",
            f"{c.item.id}: the evidence names no document, date, role or process: "
            f'"{_excerpt(evidence)}"',
        )
    ]


def no_action(c: ItemContext) -> list[GapOut]:
    if c.toolkit.scoring == "printed" or c.option is None or c.option.na or c.option.score is None:
        return []
    if c.option.score > ACTION_AT_OR_BELOW:
        return []
    r = c.reading
    if not is_placeholder(r.actions) or not is_placeholder(r.timescale):
        return []
    if c.toolkit.action_plan_counts_as_action and r.in_action_plan:
        return []
    return [
        c.gap(
            "no_action",
            "high",
            f"{c.item.id} is rated {c.label} but no action or timescale is recorded",
        )
    ]


def low_confidence(c: ItemContext) -> list[GapOut]:
    """The reading is under the sure mark (mappings/confidence.py): a person should look."""
    r = c.reading
    if r.confidence is None or r.confidence >= SETTINGS.sure:
        return []
    why = r.doubt or "it was read indirectly"
    shown = f" as {c.label}" if c.option is not None else ""
    return [
        c.gap(
            "low_confidence",
            "medium",
            f"{c.item.id} was read{shown} with confidence {r.confidence:.0%}: {why}; check it",
        )
    ]


ITEM_RULES: tuple[Callable[[ItemContext], list[GapOut]], ...] = (
    unanswered,
    na_without_reason,
    no_evidence,
    thin_evidence,
    no_action,
    low_confidence,
)


def item_gaps(c: ItemContext) -> list[GapOut]:
    # A missing or conflicting item read unsurely (on paper: the row not located, a pen
    # stroke over two boxes) says so too.
    if not c.reading.found:
        return missing_item(c) + low_confidence(c)
    if len(c.reading.marked) > 1:
        return conflicting(c) + low_confidence(c)
    return [gap for rule in ITEM_RULES for gap in rule(c)]


def section_gaps(
    toolkit: Toolkit, section: Section, reading: SectionReading, score: float | None
) -> list[GapOut]:
    gaps: list[GapOut] = []

    def gap(kind: str, message: str) -> GapOut:
        return GapOut.model_validate(
            {
                "kind": kind,
                "item": None,
                "section": section.id,
                "severity": "medium",
                "message": message,
            }
        )

    if score is not None and reading.self_rating is not None and toolkit.self_rating is not None:
        message = _rating_contradiction(toolkit, section, reading.self_rating, score)
        if message:
            gaps.append(gap("self_rating_inconsistent", message))
    if score is not None and display_percent(score) < toolkit.threshold:
        gaps.append(
            gap(
                "below_threshold",
                f"Section {section.id} scores {display_percent(score)}%, below the "
                f"{toolkit.threshold:g}% threshold",
            )
        )
    return gaps


def _rating_contradiction(toolkit: Toolkit, section: Section, rating: str, score: float) -> str:
    assert toolkit.self_rating is not None
    shown = display_percent(score)
    for option in toolkit.self_rating.options:
        if option.id == rating:
            low, high = option.range
            if low <= shown <= high:
                return ""
            return (
                f"Section {section.id} is rated {option.label} but scores {shown}% "
                f"({option.label} expects {low:g}–{high:g}%)"
            )
    if _known(toolkit, rating):
        option_score = toolkit.option(rating).score
        if option_score is not None and abs(option_score - score) > RATING_STEP:
            label = toolkit.option(rating).label
            return f"Section {section.id} is rated {label} but its items score {shown}%"
    return ""


def document_gaps(reading: ReturnReading) -> list[GapOut]:
    gaps: list[GapOut] = []
    org = reading.organisation
    for value, what in (
        (org.name, "The organisation's name"),
        (org.completed_by, "The name of the person completing the return"),
        (org.date, "The date of completion"),
    ):
        if not value.strip():
            gaps.append(_doc_gap("missing_field", "medium", f"{what} is not given"))
    for part in reading.unreadable:
        gaps.append(
            _doc_gap(
                "unreadable",
                "high",
                f"{part.provenance.locator} could not be read: {part.reason}",
                part.provenance.locator,
            )
        )
    for row in reading.unmatched_rows:
        gaps.append(
            _doc_gap(
                "unmatched_row",
                "medium",
                f'A row that looks like a criterion matched no item: "{_excerpt(row.text)}" '
                f"({row.provenance.locator})",
                row.provenance.locator,
            )
        )
    return gaps


def _doc_gap(kind: str, severity: str, message: str, locator: str | None = None) -> GapOut:
    return GapOut.model_validate(
        {
            "kind": kind,
            "item": None,
            "section": None,
            "severity": severity,
            "message": message,
            "locator": locator,
        }
    )


def _known(toolkit: Toolkit, option_id: str) -> bool:
    return any(o.id == option_id for o in toolkit.options)
