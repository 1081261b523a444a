"""Golden tests: every sample's JSON equals its committed golden file.

Regenerate with `make golden` (sets S11_REGEN_GOLDEN=1); the golden files are then checked
against the samples' answer keys by tests/test_accuracy.py, not just snapshotted.
"""

from __future__ import annotations

import os

import pytest

from scoring.pipeline import extract, to_json
from tests.samples_index import Sample, samples

REGEN = os.environ.get("S11_REGEN_GOLDEN") == "1"
ALL = samples()


@pytest.mark.parametrize("sample", ALL, ids=[s.name for s in ALL])
def test_sample_matches_golden(sample: Sample) -> None:
    produced = to_json(extract(sample.path))
    if REGEN:
        sample.golden.parent.mkdir(exist_ok=True)
        sample.golden.write_text(produced, encoding="utf-8")
    assert sample.golden.exists(), f"no golden file for {sample.name}: run `make golden`"
    assert produced == sample.golden.read_text(encoding="utf-8"), (
        f"{sample.name} differs from golden/{sample.golden.name}; if the change is intended, "
        "run `make golden` and review the diff"
    )


def test_every_golden_file_has_its_sample() -> None:
    names = {f"{s.name}.json" for s in ALL}
    stale = (
        sorted(p.name for p in ALL[0].golden.parent.glob("*.json") if p.name not in names)
        if ALL
        else []
    )
    assert stale == []


def test_extract_is_deterministic() -> None:
    if not ALL:
        pytest.skip("no samples")
    first = ALL[0]
    assert to_json(extract(first.path)) == to_json(extract(first.path))
