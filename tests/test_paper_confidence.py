"""Honest confidence on paper (mappings/paper.py): on a scanned page an item whose answer
place was not seen is never sure, and its low_confidence gap says why; the same rows in a
digital file keep their sure readings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extractor.errors import UnknownToolkitError
from extractor.model import FormDocument, ScannedPage
from mappings.read import read_return
from mappings.reading import ItemReading
from mappings.settings import SETTINGS
from scoring.build import build_result
from tests.docmodel import C, make_doc
from tests.test_mapping import HEADER, ITEMS, toolkit


def _boxes(*ticked: bool) -> C:
    return C(marks=[(t, None) for t in ticked], source="scan")


def _doc(scanned: dict[int, ScannedPage] | None, *rows: list[C | str]) -> FormDocument:
    doc = make_doc([HEADER, *rows], file="t.pdf")
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.provenance = replace(cell.provenance, page=1)
    doc.scanned = scanned or {}
    return doc


def _read(doc: FormDocument) -> dict[str, ItemReading]:
    return {i.item_id: i for i in read_return(doc, toolkit(), 1.0).items}


GOOD = {1: ScannedPage(1, word_confidence=93.0, words=300, boxes=6)}
ROWS: list[list[C | str]] = [
    [f"1.1 {ITEMS['1.1']}", _boxes(False, False, False), "", "", ""],
    [f"1.2 {ITEMS['1.2']}", "", "", "", ""],  # the row's boxes were not found
    [f"1.3 {ITEMS['1.3']}", _boxes(False, True, False), "Policy", "", ""],
]


def test_unanswered_without_a_box_on_paper_is_not_sure() -> None:
    items = _read(_doc(GOOD, *ROWS))
    assert items["1.1"].response is None
    assert (items["1.1"].confidence or 0) >= SETTINGS.sure
    assert items["1.2"].response is None
    assert (items["1.2"].confidence or 1) < SETTINGS.sure
    assert "no tick box found" in items["1.2"].doubt
    assert items["1.3"].response == "no"  # read by the boxes' order: not sure either way


def test_the_same_rows_in_a_digital_file_stay_sure() -> None:
    items = _read(_doc(None, *ROWS))
    assert (items["1.2"].confidence or 0) >= SETTINGS.sure
    assert (items["2.1"].confidence or 0) >= SETTINGS.sure  # absent from the file: missing


def test_a_row_not_located_on_paper_is_not_sure() -> None:
    items = _read(_doc(GOOD, *ROWS))
    assert items["2.1"].found is False
    assert (items["2.1"].confidence or 1) < SETTINGS.sure
    assert "not located" in items["2.1"].doubt


def test_poor_ocr_makes_every_item_on_its_page_unsure() -> None:
    poor = {1: ScannedPage(1, word_confidence=55.0, words=300, boxes=6)}
    items = _read(_doc(poor, *ROWS))
    for item_id in ("1.1", "1.3"):
        assert (items[item_id].confidence or 1) < SETTINGS.sure
        assert "OCR too poor" in items[item_id].doubt


def test_two_boxes_ticked_on_paper_are_not_sure() -> None:
    items = _read(_doc(GOOD, [f"1.1 {ITEMS['1.1']}", _boxes(True, True, False), "", "", ""]))
    assert items["1.1"].marked == ["yes", "no"]
    assert (items["1.1"].confidence or 1) < SETTINGS.sure
    assert "overrun" in items["1.1"].doubt


def test_missing_and_conflicting_items_on_paper_get_a_low_confidence_gap() -> None:
    doc = _doc(GOOD, [f"1.1 {ITEMS['1.1']}", _boxes(True, True, False), "", "", ""])
    result = build_result(read_return(doc, toolkit(), 1.0), toolkit())
    kinds = {(g.kind, g.item) for g in result.gaps}
    assert ("conflicting", "1.1") in kinds
    assert ("low_confidence", "1.1") in kinds
    assert ("missing_item", "2.1") in kinds
    assert ("low_confidence", "2.1") in kinds
    why = next(g.message for g in result.gaps if g.kind == "low_confidence" and g.item == "2.1")
    assert "not located" in why


def test_a_scan_of_a_few_pages_is_recognised_by_its_strong_rows() -> None:
    from mappings.detect import detect_toolkit
    from mappings.toolkits import load_toolkit

    items = [item for _, item in load_toolkit("wt2023").all_items()][:4]
    rows: list[list[C | str]] = [[f"{i.id} {i.text}", _boxes(False, True, False), ""]
                                 for i in items]
    doc = _doc(GOOD, *rows)
    toolkit, confidence = detect_toolkit(doc)
    assert toolkit.id == "wt2023"
    assert confidence < SETTINGS.detect_min_confidence  # a few of its items: said so
    doc.scanned = {}
    with pytest.raises(UnknownToolkitError):  # the same rows typed: a document quoting them
        detect_toolkit(doc)


def test_fewer_boxes_than_options_on_paper_is_not_sure() -> None:
    # The ticked box's glyph broke up in a bilevel scan: two empty boxes of three were found.
    items = _read(_doc(GOOD, [f"1.1 {ITEMS['1.1']}", _boxes(False, False), "", "", ""]))
    assert items["1.1"].response is None
    assert (items["1.1"].confidence or 1) < SETTINGS.sure
    assert "only 2 of its 3 option boxes" in items["1.1"].doubt
