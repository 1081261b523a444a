"""The drafter on the four toolkits we know: each blank template (samples/make_blank_samples.py)
drafted and compared with the hand-written YAML, then the samples extracted with the drafts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.dispatch import read_document
from mappings.draft.build import draft_toolkit
from mappings.toolkits import load_toolkit, load_toolkit_file, use_folders
from scoring.pipeline import extract
from tests.accuracy import FIELDS, Tally, compare
from tests.draft_compare import compare as compare_toolkits
from tests.samples_index import ROOT, samples
from tests.toolkit_env import clean_toolkit_env

BLANK = ROOT / "templates" / "blank"
BLANKS = sorted(p.name for p in BLANK.glob("*-blank.*"))


def _draft(name: str, folder: Path, toolkit_id: str) -> Path:
    path = folder / f"{toolkit_id}.yaml"
    path.write_text(draft_toolkit(read_document(BLANK / name), toolkit_id).to_yaml(), "utf-8")
    return path


@pytest.mark.parametrize("name", BLANKS)
def test_drafted_toolkit_matches_the_hand_written_one(name: str, tmp_path: Path) -> None:
    hand = load_toolkit(name.split("-")[0])
    drafted = load_toolkit_file(_draft(name, tmp_path, "drafted"))
    result = compare_toolkits(drafted, hand)
    assert result.share >= 0.98, result.wrong
    assert result.found == result.expected, result.wrong
    if hand.scoring == "option":
        assert result.options_right == result.options, result.wrong


@pytest.fixture
def drafted_folder(tmp_path: Path) -> Iterator[Path]:
    with clean_toolkit_env():
        for toolkit_id in ("wt2023", "gp2014", "bscb2016"):
            _draft(f"{toolkit_id}-blank.docx", tmp_path, f"draft{toolkit_id}")
        use_folders([tmp_path])
        yield tmp_path


@pytest.mark.parametrize("toolkit_id", ["wt2023", "gp2014", "bscb2016"])
def test_samples_read_as_well_with_the_drafted_toolkit(
    toolkit_id: str, drafted_folder: Path
) -> None:
    hand, drafted = Tally(), Tally()
    for sample in samples():
        truth = sample.truth()
        if truth is None or not sample.name.startswith(toolkit_id) or sample.path.suffix == ".pdf":
            continue
        hand.add(compare(json.loads(sample.golden.read_text("utf-8")), truth, sample.name))
        produced = json.loads(extract(sample.path, f"draft{toolkit_id}").model_dump_json())
        drafted.add(compare(produced, truth, sample.name))
    assert drafted.items == hand.items > 0
    for key in FIELDS:
        assert drafted.rate(key) >= hand.rate(key) - 0.01, (key, drafted.wrong[:5])


def test_est2014_drafted_from_a_completed_tool_export(tmp_path: Path) -> None:
    """The tool export prints no status words when blank: a completed export gives them, and
    its Score column makes the scoring printed."""
    export = next(s.path for s in samples() if s.name.startswith("est2014-thurrock"))
    path = tmp_path / "draftest.yaml"
    path.write_text(draft_toolkit(read_document(export), "draftest").to_yaml(), "utf-8")
    drafted, hand = load_toolkit_file(path), load_toolkit("est2014")
    result = compare_toolkits(drafted, hand)
    assert result.right == result.expected == result.found
    assert drafted.scoring == "printed"
    assert {"complete", "in_progress"} <= {o.id for o in drafted.options}
    assert all(o.score is None for o in drafted.options)
