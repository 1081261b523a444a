"""Toolkit detection on synthetic documents built from each real toolkit's criteria."""

from __future__ import annotations

import numpy as np
import pytest

from extractor.errors import UnknownToolkitError
from mappings import detect
from mappings.align import Mapped, map_rows
from mappings.detect import detect_and_map, detect_toolkit, toolkit_scores
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


def _with_phrases(toolkit_id: str, keep: float = 1.0):  # type: ignore[no-untyped-def]
    doc = _doc_for(toolkit_id, keep)
    phrases = " ".join(load_toolkit(toolkit_id).identifying_phrases)
    return make_doc([[c.text for c in row.cells] for row in doc.tables[0].rows], phrases)


def _counting_map_rows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    mapped: list[str] = []

    def counting(doc, toolkit):  # type: ignore[no-untyped-def]
        mapped.append(toolkit.id)
        return map_rows(doc, toolkit)

    monkeypatch.setattr(detect, "map_rows", counting)
    return mapped


@pytest.mark.parametrize("toolkit_id", ["wt2023", "gp2014", "bscb2016", "est2014"])
@pytest.mark.parametrize("keep", [1.0, 0.4])
@pytest.mark.parametrize("phrases", [True, False])
def test_pruned_detection_is_full_scorings_winner(toolkit_id: str, keep: float, phrases: bool) -> None:
    doc = _with_phrases(toolkit_id, keep) if phrases else _doc_for(toolkit_id, keep)
    kept: dict[str, Mapped] = {}
    full = toolkit_scores(doc, kept)
    toolkit, confidence, mapped = detect_and_map(doc)
    assert (toolkit.id, confidence) == (full[0][0].id, full[0][1])
    assert np.array_equal(mapped.matrix, kept[toolkit.id].matrix)
    assert [c.texts for c in mapped.cands] == [c.texts for c in kept[toolkit.id].cands]


def test_a_rival_that_cannot_win_is_not_mapped(monkeypatch: pytest.MonkeyPatch) -> None:
    mapped = _counting_map_rows(monkeypatch)
    toolkit, confidence, _ = detect_and_map(_with_phrases("gp2014"))
    assert (toolkit.id, confidence) == ("gp2014", 1.0)
    assert mapped == ["gp2014"]  # every rival's best (all items found, no phrase) is 0.85


def test_every_toolkit_is_mapped_when_the_best_could_be_beaten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mapped = _counting_map_rows(monkeypatch)
    toolkit, confidence, _ = detect_and_map(_doc_for("gp2014", keep=0.4))
    assert toolkit.id == "gp2014"
    assert confidence < 0.85
    assert sorted(mapped) == ["bscb2016", "est2014", "gp2014", "wt2023"]
