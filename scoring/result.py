"""The output contract (schema_version "1"), as typed models.

`scoring/schema/s11-result.schema.json` is generated from `Result` and kept in the repo;
a test fails when the two drift apart.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "1"

GapKind = Literal[
    "unanswered",
    "conflicting",
    "no_evidence",
    "thin_evidence",
    "no_action",
    "na_without_reason",
    "missing_item",
    "unmatched_row",
    "low_confidence",
    "self_rating_inconsistent",
    "below_threshold",
    "missing_field",
    "unreadable",
    "carried_forward",  # evidence identical to the previous cycle's, answer unchanged (low)
    "regressed",  # the item's score fell since the previous cycle
]
Severity = Literal["high", "medium", "low"]


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceOut(Out):
    file: str
    sha256: str
    format: Literal["docx", "pdf", "xlsx", "image"]
    pages: int | None = None
    sheets: int | None = None


class ToolkitOut(Out):
    id: str
    title: str
    confidence: float


class OrganisationOut(Out):
    name: str
    completed_by: str
    date: str
    contact: str = ""  # email addresses and phone numbers from the header fields


class MatchOut(Out):
    confidence: float | None
    row_text: str


class ProvenanceOut(Out):
    page: int | None = None
    sheet: str | None = None
    locator: str | None = None
    mark: str | None = None


class ItemOut(Out):
    id: str
    section: str
    text: str
    response: str | None
    score: float | None
    evidence: str
    actions: str
    lead: str
    timescale: str
    in_action_plan: bool | None
    confidence: float | None  # match and answer together, 0..1; under 0.9: low_confidence
    match: MatchOut
    provenance: ProvenanceOut


class SectionOut(Out):
    id: str
    title: str
    score: float | None
    grade: str | None
    meets_threshold: bool | None
    self_rating: str | None
    statement: str
    answered: int
    applicable: int
    printed_score: float | None = None


class OverallOut(Out):
    score: float | None
    grade: str | None
    meets_threshold: bool | None
    printed_score: float | None = None


class GapOut(Out):
    kind: GapKind
    item: str | None
    section: str | None
    severity: Severity
    message: str
    locator: str | None = None


class Result(Out):
    schema_version: Literal["1"] = "1"
    source: SourceOut
    toolkit: ToolkitOut
    organisation: OrganisationOut
    items: list[ItemOut]
    sections: list[SectionOut]
    overall: OverallOut
    gaps: list[GapOut]
    warnings: list[str]
