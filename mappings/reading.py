"""What mapping read from one return, before scoring: the mappings -> scoring boundary."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.model import Provenance, Source, Unreadable


@dataclass
class ItemReading:
    """The answer found for one canonical item (or the fact that its row is absent)."""

    item_id: str
    section_id: str
    found: bool = False  # a row matched this item
    response: str | None = None  # option id, "answered" for text items, None when unanswered
    marked: list[str] = field(default_factory=list)  # every option id marked; >1 = conflicting
    evidence: str = ""
    actions: str = ""
    lead: str = ""
    timescale: str = ""
    in_action_plan: bool | None = None
    printed_score: float | None = None  # est2014: the percentage printed beside the item
    match_confidence: float | None = None
    answer_confidence: float | None = None
    row_text: str = ""
    provenance: Provenance | None = None
    mark_source: str | None = None  # Mark.source of the mark that gave the answer
    confidence: float | None = None  # how sure the whole reading is (match and answer), 0..1
    doubt: str = ""  # why it is not sure, for the reviewer
    answer_place: bool = False  # its rows have somewhere an answer goes (answers.Answer.place)
    answer_values: bool = False  # its answer cells hold something (answers.Answer.values)


@dataclass
class SectionReading:
    section_id: str
    self_rating: str | None = None  # self-rating option id (or item option id for gp2014)
    statement: str = ""  # supporting statement beside the rating
    printed_score: float | None = None  # est2014 section rows
    printed_grade: str | None = None
    provenance: Provenance | None = None


@dataclass(frozen=True)
class UnmatchedRow:
    text: str
    provenance: Provenance


@dataclass
class Organisation:
    name: str = ""
    completed_by: str = ""
    date: str = ""
    contact: str = ""  # email addresses and phone numbers from the header, "; " between


@dataclass
class ReturnReading:
    """A whole return read against its toolkit."""

    source: Source
    toolkit_id: str
    toolkit_confidence: float
    organisation: Organisation
    items: list[ItemReading]  # canonical order, one per item
    sections: list[SectionReading]  # canonical order, one per section
    unmatched_rows: list[UnmatchedRow] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    printed_overall: float | None = None  # est2014 "Score: 91%"
