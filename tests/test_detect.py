"""Toolkit detection on synthetic documents built from each real toolkit's criteria."""

from __future__ import annotations

import pytest

from extractor.errors import UnknownToolkitError
from mappings.detect import detect_toolkit, toolkit_scores
from mappings.toolkits import load_toolkit
from tests.docmodel import C, make_doc


def _doc_for(toolkit_id: str, keep: float = 1.0):  # type: ignore[no-untyped-def]
    tk = load_toolkit(toolkit_id)
    items = [item for _, item in tk.all_items()]
    items = items[: max(1, int(len(items) * keep))]
    rows: list[list[C | str]] = [["Criteria", "Response", "Evidence"]]
    rows += [[f"{i.id} {i.text}", "", ""] for i in items]
    return make_doc(rows)


@pytest.mark.parametrize("toolkit_id", ["wt2023", "gp2014", "bscb2016", "est2014"])
def test_each_toolkit_is_recognised(toolkit_id: str) -> None:
    toolkit, confidence = detect_toolkit(_doc_for(toolkit_id))
    assert toolkit.id == toolkit_id
    assert confidence >= 0.8


def test_partial_return_still_recognised() -> None:
    toolkit, confidence = detect_toolkit(_doc_for("gp2014", keep=0.4))
    assert toolkit.id == "gp2014"
    assert 0.25 <= confidence < 0.8


def test_unrelated_document_names_the_closest_toolkits() -> None:
    doc = make_doc(
        [["Invoice number", "Amount"], ["Catering for the summer fete and the raffle", "£120"]],
        "Minutes of the parish council meeting held on Tuesday",
    )
    with pytest.raises(UnknownToolkitError) as info:
        detect_toolkit(doc)
    message = str(info.value)
    assert message.startswith("t.docx: not recognised as a known Section 11 toolkit (closest: ")
    assert "\n" not in message


def test_scores_are_sorted_best_first() -> None:
    scores = toolkit_scores(_doc_for("wt2023"))
    assert [s for _, s in scores] == sorted((s for _, s in scores), reverse=True)
