"""End-to-end accuracy on the bundled samples, measured against their answer keys.

The keys are written by the sample generators from what they put in each file, never by
reading the files back, so this is an independent check of the golden files.
"""

from __future__ import annotations

import json

import pytest

from scoring.pipeline import extract, to_json
from tests.accuracy import Tally, compare
from tests.samples_index import samples

# Floors below the rates measured (README "Accuracy"), per format; a regression fails.
FLOORS = {  # format: (response and in_action_plan, evidence and actions)
    "docx": (0.98, 0.98),
    "xlsx": (0.98, 0.98),
    "pdf": (0.97, 0.97),
}

KEYED = [s for s in samples() if s.truth_path.exists()]
FORMATS = sorted({s.path.suffix.lower().lstrip(".") for s in KEYED})


@pytest.mark.parametrize("fmt", FORMATS)
def test_accuracy_against_answer_keys(fmt: str) -> None:
    total = Tally()
    for sample in KEYED:
        if sample.path.suffix.lower().lstrip(".") != fmt:
            continue
        truth = sample.truth()
        assert truth is not None
        result = json.loads(to_json(extract(sample.path)))
        assert result["toolkit"]["id"] == truth["toolkit"], sample.name
        total.add(compare(result, truth, sample.name))
    choice, text = FLOORS.get(fmt, (0.95, 0.90))
    detail = "\n".join(total.wrong[:60])
    assert total.rate("response") >= choice, detail
    assert total.rate("in_action_plan") >= choice, detail
    assert total.rate("evidence") >= text, detail
    assert total.rate("actions") >= text, detail
