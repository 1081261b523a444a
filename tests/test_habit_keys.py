"""The habit generator's keys follow their stated conventions (samples/gen/habit_key.py) and
are written from the case, and the committed habit returns are what `make habits` lists."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "samples")]

import make_habits  # noqa: E402
from gen.habit_key import contract_key  # noqa: E402

from tests.habits import HABITS  # noqa: E402


def _key(family: str, toolkit: str) -> tuple[Any, dict[str, Any]]:
    case = next(c for c in make_habits.cases() if c.family == family and c.toolkit == toolkit)
    spec = make_habits.spec_of(case)
    return spec, contract_key(spec, case.family, "docx")


def test_conflicting_and_alike_rows_are_keyed_by_convention() -> None:
    spec, key = _key("bold", "wt2023")
    items = {i["id"]: i for i in key["items"]}
    gaps = {(g["kind"], g["item"]) for g in key["gaps"]}
    both = [s for s in spec.items.values() if s.second]
    alike = [s for s in spec.items.values() if s.alike]
    assert len(both) == 1
    assert len(alike) == 1
    assert items[both[0].id]["response"] is None
    assert ("conflicting", both[0].id) in gaps
    assert items[alike[0].id]["response"] is None
    assert ("unanswered", alike[0].id) in gaps
    answered = [s for s in spec.items.values() if s.answer not in (None, "answered") and not s.second]
    assert all(items[s.id]["response"] == s.answer for s in answered)


def test_an_answer_only_in_the_evidence_is_that_answer() -> None:
    spec, key = _key("evidence_only", "wt2023")
    items = {i["id"]: i for i in key["items"]}
    partial = next(s for s in spec.items.values() if s.answer == "partial")
    assert items[partial.id]["response"] == "partial"
    assert items[partial.id]["evidence"].startswith("Partially \u2013 ")


def test_gaps_follow_the_options_scale() -> None:
    spec, key = _key("typed_score", "gp2014")
    gaps = {(g["kind"], g["item"]) for g in key["gaps"]}
    for s in spec.items.values():
        if s.answer == "not_met" and not s.actions:
            assert ("no_action", s.id) in gaps
        if s.answer == "fully_met":
            assert not [g for g in gaps if g[1] == s.id]


@pytest.mark.parametrize("folder", [HABITS, HABITS / "metamorphic"])
def test_committed_habit_returns_match_the_generator(folder: Path) -> None:
    """Every listed return and key is committed; the main set is what cases() lists."""
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    for entry in manifest:
        assert (folder / entry["file"]).is_file(), entry["file"]
        assert (folder / "truth" / f"{entry['file']}.truth.json").is_file(), entry["file"]
    if folder == HABITS:
        assert {e["file"] for e in manifest} == {c.name for c in make_habits.cases()}
        assert len(manifest) >= 300
