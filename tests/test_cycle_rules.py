"""Cycle comparison rules, one tiny fixture each: dates, change classes, identical evidence,
actions, item and agency matching, the cycle gaps."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.compare.cycles import CycleError, Loaded, Names, load_names, match_returns, pair_items
from scoring.cycle import action_status, change_of, compare_item, identical_evidence
from scoring.cycle_gaps import cycle_gaps, with_cycle_gaps
from scoring.dates import dates_in, first_date, months_before
from scoring.result import GapOut, ItemOut, Result


def item(id: str = "1.1", **kw: Any) -> ItemOut:
    data: dict[str, Any] = {
        "id": id,
        "section": id.split(".")[0],
        "text": f"criterion {id}",
        "response": "yes",
        "score": 100.0,
        "evidence": "",
        "actions": "",
        "lead": "",
        "timescale": "",
        "in_action_plan": None,
        "confidence": 1.0,
        "match": {"confidence": 1.0, "row_text": ""},
        "provenance": {"locator": f"row {id}"},
    }
    data.update(kw)
    return ItemOut.model_validate(data)


def result(
    name: str, toolkit: str, items: list[ItemOut], gaps: list[GapOut] | None = None
) -> Result:
    return Result.model_validate(
        {
            "source": {"file": f"{name}.docx", "sha256": name, "format": "docx"},
            "toolkit": {"id": toolkit, "title": toolkit, "confidence": 1.0},
            "organisation": {"name": name, "completed_by": "x", "date": "01/02/2026"},
            "items": [i.model_dump() for i in items],
            "sections": [],
            "overall": {"score": None, "grade": None, "meets_threshold": None},
            "gaps": [g.model_dump() for g in gaps or []],
            "warnings": [],
        }
    )


def loaded(name: str, toolkit: str = "wt2023", items: list[ItemOut] | None = None) -> Loaded:
    return Loaded(name, name, Path(f"{name}.json"), result(name, toolkit, items or [item()]))


# -- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("approved 14/01/2024", date(2024, 1, 14)),
        ("on 2024-03-05", date(2024, 3, 5)),
        ("31st January 2025", date(2025, 1, 31)),
        ("in March 2024", date(2024, 3, 31)),
        ("Sept. 2023", date(2023, 9, 30)),
        ("in Q3 2024", date(2024, 9, 30)),
        ("the 2024-25 plan", date(2025, 3, 31)),
        ("since 2021", date(2021, 12, 31)),
    ],
)
def test_a_date_is_read_at_the_latest_day_it_can_mean(text: str, expected: date) -> None:
    assert [d for d, _ in dates_in(text)] == [expected]


def test_a_year_inside_a_date_is_not_read_again_and_numbers_are_not_dates() -> None:
    assert [w for _, w in dates_in("March 2024: 3000 staff, 20 files, next review 2026")] == [
        "March 2024",
        "2026",
    ]
    assert first_date("31 January 2025") == date(2025, 1, 31)
    assert first_date("") is None


def test_months_before_keeps_the_day_within_the_month() -> None:
    assert months_before(date(2026, 1, 20), 12) == date(2025, 1, 20)
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)


def test_evidence_is_stale_only_when_its_newest_date_is_over_12_months_old() -> None:
    when = date(2026, 1, 20)
    old = compare_item(None, item(evidence="Policy of 2019, audited March 2024"), when)
    recent = compare_item(None, item(evidence="Policy of 2019, reviewed 15/11/2025"), when)
    edge = compare_item(None, item(evidence="Audit of 21/01/2025"), when)
    undated = compare_item(None, item(evidence="Policy on the intranet"), when)
    assert (old.evidence_stale, old.evidence_date_text) == (True, "March 2024")
    assert not recent.evidence_stale
    assert not edge.evidence_stale
    assert not undated.evidence_stale
    assert not compare_item(None, item(evidence="March 2024"), None).evidence_stale


# -- change classes ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        ({"score": 50.0}, {"score": 100.0}, "improved"),
        ({"score": 100.0}, {"score": 50.0}, "regressed"),
        ({"score": 75.0, "response": "green"}, {"score": 75.0, "response": "green"}, "unchanged"),
        (
            {"response": "answered", "score": None},
            {"response": "answered", "score": None},
            "unchanged",
        ),
        ({"response": None, "score": None}, {"response": "partial", "score": 50.0}, "improved"),
        ({"response": "yes"}, {"response": None, "score": None}, "regressed"),
        ({"response": "na", "score": None}, {"response": "no", "score": 0.0}, "new"),
        ({"response": "yes"}, {"response": "na", "score": None}, "removed"),
        (
            {"response": "not_started", "score": None},
            {"response": "complete", "score": 100.0},
            "improved",
        ),
    ],
)
def test_change_by_score_and_by_response_without_one(
    before: dict[str, Any], after: dict[str, Any], change: str
) -> None:
    assert change_of(item(**before), item(**after)) == change


def test_an_item_on_one_side_only_is_new_or_removed() -> None:
    assert compare_item(None, item(), None).change == "new"
    gone = compare_item(item(), None, None)
    assert (gone.change, gone.id, gone.previous_id) == ("removed", "1.1", "1.1")


def test_identical_evidence_ignores_case_punctuation_and_spacing_but_not_placeholders() -> None:
    a = item(evidence="Policy v3 approved, March 2024.")
    assert identical_evidence(a, item(evidence="policy  v3 approved March 2024"))
    assert not identical_evidence(a, item(evidence="Policy v4 approved, March 2025."))
    assert not identical_evidence(item(evidence="see above"), item(evidence="see above"))


@pytest.mark.parametrize(
    ("new", "status"),
    [
        ({"actions": "Completed in June 2025", "score": 50.0}, "done"),
        ({"actions": "Train the team by May", "score": 50.0}, "open"),
        ({"actions": "", "score": 100.0}, "done"),
        ({"actions": "", "score": 0.0}, "open"),
        ({"actions": "train the team by May.", "score": 100.0}, "open"),
    ],
)
def test_last_cycles_action_done_or_still_open(new: dict[str, Any], status: str) -> None:
    previous = item(actions="Train the team by May", score=50.0, response="partial")
    assert action_status(previous, item(**new)) == status
    assert action_status(item(actions=""), item()) is None


# -- matching ----------------------------------------------------------------------------------
def test_a_renumbered_item_whose_old_id_went_to_an_added_item_is_matched_by_text() -> None:
    complaints = "Complaints processes are effective and children can challenge services"
    added = "Complaints processes are explained to children and their families"  # 67% alike
    old = [item("4.4", text="The process is proportionate"), item("4.5", text=complaints)]
    new = [
        item("4.4", text="The process is proportionate"),
        item("4.5", text=added),
        item("4.6", text=complaints),
    ]
    pairs = [(p.id if p else None, n.id if n else None, by) for p, n, by in pair_items(old, new)]
    assert pairs == [("4.4", "4.4", "id"), (None, "4.5", None), ("4.5", "4.6", "text")]
    unlike = [item("4.5", text="Families are asked for feedback"), item("4.6", text="Other")]
    pairs = [(p.id if p else None, n.id if n else None, by) for p, n, by in pair_items(old, unlike)]
    assert pairs == [
        (None, "4.5", None),
        (None, "4.6", None),
        ("4.4", None, None),
        ("4.5", None, None),
    ]


def test_an_item_with_the_same_id_and_reworded_text_keeps_its_id_and_unlike_ones_are_listed() -> (
    None
):
    old = [item("2.1", text="Staff know how to refer a child"), item("2.9", text="Old item alone")]
    new = [item("2.1", text="All staff know how to refer a child to MASH")]
    pairs = [(p.id if p else None, n.id if n else None, by) for p, n, by in pair_items(old, new)]
    assert pairs == [("2.1", "2.1", "id"), ("2.9", None, None)]


def test_agencies_are_matched_exactly_fuzzily_or_by_the_names_file() -> None:
    previous = [loaded("Hillside Health Centre"), loaded("Eastvale District Council")]
    new = [loaded("Hillside Health Center"), loaded("Eastvale Borough Council")]
    pairs, left_p, left_n = match_returns(previous, new, Names())
    assert [(p.name, n.name) for p, n, _ in pairs] == [
        ("Hillside Health Centre", "Hillside Health Center")
    ]
    assert [x.name for x in left_p + left_n] == [
        "Eastvale District Council",
        "Eastvale Borough Council",
    ]
    renamed = Names({"Eastvale District Council": "Eastvale Borough Council"})
    pairs, left_p, left_n = match_returns(previous, new, renamed)
    assert {(p.name, how) for p, _, how in pairs} == {
        ("Eastvale District Council", "renamed"),
        ("Hillside Health Centre", "similar name, 95%"),
    }
    assert left_p == left_n == []


def test_two_similar_names_of_different_agencies_leave_the_match_undecided() -> None:
    previous = [loaded("Westvale District Council"), loaded("Eastvale District Council")]
    pairs, _, left_n = match_returns(previous, [loaded("Estvale District Council")], Names())
    assert pairs == []
    assert [x.name for x in left_n] == ["Estvale District Council"]
    clear, _, _ = match_returns(previous, [loaded("Eastvale Distric Council")], Names())
    assert [p.name for p, _, _ in clear] == ["Eastvale District Council"]


def test_an_agencys_returns_pair_by_toolkit_and_a_new_version_pairs_when_items_correspond() -> None:
    items = [item("1.1", text="Named lead for safeguarding"), item("1.2", text="Policy reviewed")]
    previous = [loaded("Police", "wt2023", items), loaded("Police", "gp2014")]
    new = [loaded("Police", "gp2014"), loaded("Police", "wt2026", items)]
    pairs, _, _ = match_returns(previous, new, Names())
    assert sorted((p.toolkit, n.toolkit) for p, n, _ in pairs) == [
        ("gp2014", "gp2014"),
        ("wt2023", "wt2026"),
    ]
    other = [loaded("Police", "bscb2016", [item("7", text="Something else entirely")])]
    assert match_returns(previous[:1], other, Names())[0] == []
    named = Names(toolkits={"wt2023": "bscb2016"})
    assert len(match_returns(previous[:1], other, named)[0]) == 1


def test_the_names_file_is_checked(tmp_path: Path) -> None:
    good = tmp_path / "names.yaml"
    good.write_text("organisations:\n  Old: New\ntoolkits:\n  wt2023: wt2026\n", encoding="utf-8")
    assert load_names(good) == Names({"Old": "New"}, {"wt2023": "wt2026"})
    for text, problem in (
        ("renames:\n  Old: New\n", "holds only 'organisations:' and 'toolkits:'"),
        ("organisations:\n  - Old\n", "'organisations:' must map previous names to new names"),
        ("organisations: [", "cannot read the names file"),
    ):
        good.write_text(text, encoding="utf-8")
        with pytest.raises(CycleError, match=problem):
            load_names(good)


# -- cycle gaps ---------------------------------------------------------------------------------
def test_carried_forward_and_regressed_gaps_and_nothing_else() -> None:
    when = date(2026, 1, 20)
    copied = "Audit of 20 case files in March 2024"
    changes = [
        compare_item(item("1.1", evidence=copied), item("1.1", evidence=copied), when, "id"),
        compare_item(item("1.2", score=100.0), item("1.2", score=50.0, response="partial"), when),
        compare_item(item("1.3", score=50.0), item("1.3", score=100.0, evidence=copied), when),
        compare_item(item("1.4", evidence=copied), item("1.4", response=None, score=None), when),
        compare_item(item("4.5", evidence=copied), item("4.6", evidence=copied), when, "text"),
        compare_item(None, item("4.7", evidence=copied), when),
    ]
    evidence = {"1.1": copied, "4.6": copied}
    gaps = cycle_gaps(changes, evidence)
    assert [(g.kind, g.item, g.severity) for g in gaps] == [
        ("carried_forward", "1.1", "low"),
        ("regressed", "1.2", "high"),
        ("carried_forward", "4.6", "low"),
    ]
    assert '"March 2024", is over a year before this return' in gaps[0].message
    assert "1.2 fell from yes (100) last cycle to partial (50)" in gaps[1].message
    assert "4.6 (numbered 4.5 last cycle) repeats last cycle's answer (yes)" in gaps[2].message
    assert gaps[0].locator == "row 1.1"


def test_cycle_gaps_replace_earlier_ones_and_leave_the_readings_gaps_alone() -> None:
    own = GapOut(kind="no_evidence", item="1.1", section="1", severity="high", message="m")
    old = GapOut(kind="regressed", item="1.2", section="1", severity="medium", message="old")
    new = GapOut(kind="carried_forward", item="1.1", section="1", severity="low", message="new")
    start = result("A", "wt2023", [item()], [own, old])
    once = with_cycle_gaps(start, [new])
    assert [g.message for g in once.gaps] == ["m", "new"]
    assert with_cycle_gaps(once, [new]) == once
