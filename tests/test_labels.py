"""Words for people: one vocabulary (app/labels.py) for the pages, the workbooks and the HTML
reports; scores as percentages, plurals, excerpts cut between words, the gaps that need a
person first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import labels
from app.reports.board import svg_bars, tally
from app.reports.gaps import gap_rows, write_return_page
from scoring.result import GapKind
from tests.fake_extract import result

MACHINE = re.compile(r"\b(fully_met|partially_met|some_shortfalls|for_panel|unmatched_row|no_action)\b")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("fully_met", "Fully met"),
        ("partially_met", "Partially met"),
        ("some_shortfalls", "Some shortfalls"),
        ("na", "N/A"),
        ("very high", "Very high"),
        (None, "—"),
    ],
)
def test_ids_read_as_words(value: str | None, words: str) -> None:
    assert labels.word(value) == words


def test_every_gap_kind_and_decision_has_words() -> None:
    from typing import get_args

    from app.review.decisions import STATUSES

    for kind in get_args(GapKind):
        assert kind in labels.GAP_KINDS
        assert kind in labels.KIND_ORDER
        assert labels.kind_of(labels.gap_kind(kind)) == kind
    assert labels.gap_kind("unmatched_row") == "Row not matched to the toolkit"
    assert [labels.decision(s) for s in STATUSES][-1] == "For panel"


def test_scores_plurals_and_excerpts() -> None:
    assert labels.percent(100.0) == "100%"
    assert labels.percent(66.666) == "67%"
    assert labels.percent(None) == "—"
    assert labels.count(1, "agency", "agencies") == "1 agency"
    assert labels.count(2, "agency", "agencies") == "2 agencies"
    assert labels.count(0, "gap") == "0 gaps"
    text = "Safer recruitment policy reviewed annually by the board"
    cut = labels.excerpt(text, 30)
    assert cut == "Safer recruitment policy…"
    assert text.startswith(cut.removesuffix("…"))
    assert labels.excerpt("short", 30) == "short"


def test_gaps_that_need_a_person_come_first() -> None:
    gaps = [
        {"kind": "thin_evidence", "severity": "low"},
        {"kind": "no_action", "severity": "high"},
        {"kind": "unreadable", "severity": "high"},
        {"kind": "missing_field", "severity": "medium"},
    ]
    order = sorted(gaps, key=labels.needs_person_first)
    assert [g["kind"] for g in order] == ["unreadable", "no_action", "missing_field", "thin_evidence"]
    settled = labels.needs_person_first(gaps[2], "accepted")
    assert settled > labels.needs_person_first(gaps[0], "open")


def test_workbook_rows_and_return_page_speak_words(tmp_path: Path) -> None:
    r = result("a.docx", "Org A", 50.0, evidence="word " * 200)
    r["items"][0]["response"] = "partially_met"  # type: ignore[index]
    r["items"][0]["text"] = "A criterion " + "long " * 80 + "end"  # type: ignore[index]
    row = next(gap_rows("a.docx", r, "html/a.docx.html", "0" * 16))
    assert row[6:13] == [
        "Partially met",
        labels.excerpt("word " * 200, 300),
        "No action planned",
        "High",
        "1.1 is rated Partial but no action or timescale is recorded",
        "table 1, row 2",
        "Open",
    ]
    assert row[7].endswith("word…")
    page = tmp_path / "a.html"
    write_return_page(page, "a.docx", r)
    html = page.read_text(encoding="utf-8")
    assert "<html lang='en'>" in html
    assert "long end</td>" in html  # the whole criterion
    assert "<details><summary>All the evidence (200 words)</summary>" in html
    assert "Overall 50%" in html
    assert not MACHINE.search(html)


def test_board_chart_has_words_and_one_agency_is_singular() -> None:
    tallies = tally([("a.docx", result("a.docx", "Org A", 80.0))])
    svg = svg_bars(tallies["wt2023"], "chart-wt2023")
    assert 'role="img" aria-labelledby="chart-wt2023-title"' in svg
    assert (
        '<title id="chart-wt2023-title">Mean compliance per section across 1 agency, against '
        "the 75% threshold: 1A. Leadership: 80%.</title>"
    ) in svg
