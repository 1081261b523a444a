"""Gap rules, table-driven: each kind, its edges, and the one-gap rules for missing/conflicting."""

from __future__ import annotations

from typing import Any

import pytest

from extractor.model import Provenance, Source, Unreadable
from mappings.reading import (
    ItemReading,
    Organisation,
    ReturnReading,
    SectionReading,
    UnmatchedRow,
)
from mappings.toolkits import load_toolkit
from scoring.build import build_result
from scoring.evidence import PLACEHOLDERS, is_placeholder, is_thin
from scoring.result import Result

GOOD = "Safeguarding policy v4 approved by the Board in March 2024; DSL named in JD"


def run(toolkit_id: str, item_id: str, **fields: Any) -> Result:
    tk = load_toolkit(toolkit_id)
    items = []
    for section, item in tk.all_items():
        if item.id == item_id:
            r = ItemReading(item.id, section.id, found=True, **{"match_confidence": 0.95, **fields})
            if r.response is not None and not r.marked:
                r.marked = [r.response]
        else:
            r = ItemReading(item.id, section.id, found=True, match_confidence=0.95)
            first = tk.option_order[0]
            r.response, r.marked, r.evidence = first, [first], GOOD
            if item.kind == "text":
                r.response, r.marked = "answered", []
        items.append(r)
    reading = ReturnReading(
        source=Source(file="r.docx", sha256="0" * 64, format="docx"),
        toolkit_id=toolkit_id,
        toolkit_confidence=1.0,
        organisation=Organisation("Org", "Person", "2025-01-01"),
        items=items,
        sections=[SectionReading(s.id) for s in tk.sections],
    )
    return build_result(reading, tk)


def kinds(result: Result, item_id: str) -> list[str]:
    return [g.kind for g in result.gaps if g.item == item_id]


@pytest.mark.parametrize(
    ("toolkit_id", "item_id", "fields", "expected"),
    [
        ("wt2023", "1.3", {"response": "partial", "evidence": GOOD}, ["no_action"]),
        ("wt2023", "1.3", {"response": "partial", "evidence": GOOD, "in_action_plan": True}, []),
        (
            "wt2023",
            "1.3",
            {"response": "partial", "evidence": GOOD, "timescale": "by June 2025"},
            [],
        ),
        (
            "wt2023",
            "1.3",
            {"response": "no", "evidence": GOOD, "actions": "Write policy by May"},
            [],
        ),
        ("wt2023", "1.3", {"response": "yes", "evidence": "tbc"}, ["no_evidence"]),
        ("wt2023", "1.3", {"response": "yes", "evidence": ""}, ["no_evidence"]),
        ("wt2023", "1.3", {"response": "yes", "evidence": "We do this well"}, ["thin_evidence"]),
        ("wt2023", "1.3", {"response": "na", "evidence": ""}, ["na_without_reason"]),
        ("wt2023", "1.3", {"response": "na", "evidence": "We commission no services"}, []),
        ("wt2023", "1.3", {}, ["unanswered"]),
        ("wt2023", "1.3", {"response": None, "marked": ["yes", "no"]}, ["conflicting"]),
        ("wt2023", "6.2", {"response": None}, ["unanswered"]),
        ("wt2023", "6.2", {"response": "answered", "evidence": "Budget cuts"}, []),
        ("gp2014", "2.1", {"response": "partially_met", "evidence": GOOD}, ["no_action"]),
        ("gp2014", "2.1", {"response": "fully_met", "evidence": "see above"}, ["no_evidence"]),
        ("bscb2016", "3", {"response": "amber", "evidence": GOOD}, ["no_action"]),
        ("bscb2016", "3", {"response": "red", "evidence": GOOD, "actions": "Train staff"}, []),
        ("bscb2016", "3", {"response": "green", "evidence": "-"}, ["no_evidence"]),
        # Red, No and Not met claim nothing is in place: no evidence is owed.
        ("bscb2016", "3", {"response": "red", "evidence": "", "actions": "Train staff"}, []),
        ("wt2023", "1.3", {"response": "no", "evidence": "", "actions": "Write policy"}, []),
        ("gp2014", "2.1", {"response": "not_met", "evidence": "", "actions": "Plan"}, []),
        ("bscb2016", "3", {"response": "amber", "evidence": "", "actions": "Plan"}, ["no_evidence"]),
        # "N/A" with nothing after it is no reason; "N/A - ..." gives one.
        ("wt2023", "1.3", {"response": "na", "evidence": "Not applicable."}, ["na_without_reason"]),
        ("wt2023", "1.3", {"response": "na", "evidence": "N/A - no volunteers are used"}, []),
        ("est2014", "1.3", {"response": "complete", "printed_score": 50.0}, []),
        (
            "wt2023",
            "1.3",
            {"response": "yes", "evidence": GOOD, "confidence": 0.6, "doubt": "a stray mark"},
            ["low_confidence"],
        ),
    ],
)
def test_item_gap_rules(
    toolkit_id: str, item_id: str, fields: dict[str, Any], expected: list[str]
) -> None:
    assert kinds(run(toolkit_id, item_id, **fields), item_id) == expected


def test_missing_item_gets_only_missing_item() -> None:
    tk = load_toolkit("wt2023")
    result = run("wt2023", "2.4", response="yes", evidence=GOOD)
    result2 = build_result(
        ReturnReading(
            source=Source(file="r.docx", sha256="0" * 64, format="docx"),
            toolkit_id="wt2023",
            toolkit_confidence=1.0,
            organisation=Organisation("Org", "Person", "2025"),
            items=[ItemReading(i.id, s.id) for s, i in tk.all_items()],
            sections=[],
        ),
        tk,
    )
    assert kinds(result2, "2.4") == ["missing_item"]
    assert next(i for i in result2.items if i.id == "2.4").response is None
    assert kinds(result, "2.4") == []


def test_optional_section_unanswered_is_low_severity() -> None:
    result = run("wt2023", "5.2")
    gap = next(g for g in result.gaps if g.item == "5.2")
    assert (gap.kind, gap.severity) == ("unanswered", "low")


def test_conflicting_scores_null() -> None:
    result = run("wt2023", "1.3", response=None, marked=["yes", "no"])
    item = next(i for i in result.items if i.id == "1.3")
    assert item.response is None
    assert item.score is None
    assert "Yes and No" in result.gaps[0].message or any(
        "Yes and No" in g.message for g in result.gaps
    )


@pytest.mark.parametrize("word", sorted(PLACEHOLDERS))
def test_each_placeholder(word: str) -> None:
    assert is_placeholder(word)
    assert is_placeholder(word.upper() + ".")


def test_thin_evidence_signals() -> None:
    assert is_thin("We are good at this and staff know what to do")
    assert not is_thin("Policy reviewed 2024")
    assert not is_thin("The DSL reports to the Board")
    assert not is_thin("Referrals go through MASH")


def test_document_level_gaps_come_first() -> None:
    tk = load_toolkit("bscb2016")
    reading = ReturnReading(
        source=Source(file="r.pdf", sha256="0" * 64, format="pdf"),
        toolkit_id="bscb2016",
        toolkit_confidence=1.0,
        organisation=Organisation("", "Person", ""),
        items=[ItemReading(i.id, s.id) for s, i in tk.all_items()],
        sections=[],
        unmatched_rows=[UnmatchedRow("9. Something else entirely", Provenance(table=1, row=2))],
        unreadable=[Unreadable("scanned image without a text layer", Provenance(page=3))],
    )
    result = build_result(reading, tk)
    assert [g.kind for g in result.gaps[:4]] == [
        "missing_field",
        "missing_field",
        "unreadable",
        "unmatched_row",
    ]
    assert result.gaps[2].message == "page 3 could not be read: scanned image without a text layer"


def test_self_rating_inconsistent_and_below_threshold() -> None:
    tk = load_toolkit("wt2023")
    items = []
    for s, i in tk.all_items():
        r = ItemReading(
            i.id, s.id, found=True, match_confidence=1.0, evidence=GOOD, actions="Plan by 2025"
        )
        r.response = "no" if s.id == "1A" else "yes"
        r.marked = [r.response]
        items.append(r)
    reading = ReturnReading(
        source=Source(file="r.docx", sha256="0" * 64, format="docx"),
        toolkit_id="wt2023",
        toolkit_confidence=1.0,
        organisation=Organisation("Org", "P", "D"),
        items=items,
        sections=[
            SectionReading("1A", self_rating="good"),
            SectionReading("1B", self_rating="good"),
        ],
    )
    result = build_result(reading, tk)
    section_gaps = [(g.kind, g.section) for g in result.gaps if g.item is None and g.section]
    assert ("self_rating_inconsistent", "1A") in section_gaps
    assert ("below_threshold", "1A") in section_gaps
    assert ("self_rating_inconsistent", "1B") not in section_gaps
