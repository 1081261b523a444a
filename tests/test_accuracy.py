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

# Floors below the rates measured (README "Accuracy"); a regression fails the suite.
MIN_RESPONSE = 0.95
MIN_TEXT = 0.90

KEYED = [s for s in samples() if s.truth_path.exists()]


@pytest.mark.skipif(not KEYED, reason="no samples with answer keys")
def test_accuracy_against_answer_keys() -> None:
    total = Tally()
    for sample in KEYED:
        truth = sample.truth()
        assert truth is not None
        result = json.loads(to_json(extract(sample.path)))
        assert result["toolkit"]["id"] == truth["toolkit"], sample.name
        total.add(compare(result, truth, sample.name))
    detail = "\n".join(total.wrong[:60])
    assert total.rate("response") >= MIN_RESPONSE, detail
    assert total.rate("evidence") >= MIN_TEXT, detail
    assert total.rate("actions") >= MIN_TEXT, detail
    assert total.rate("in_action_plan") >= MIN_RESPONSE, detail
