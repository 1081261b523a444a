"""Scanned tick boxes, one drawn fixture per mechanism: found as small squares, their state
judged against the page's own empty boxes, an unclear one reported as uncertain."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractor.scan.boxes import TickBox, find_boxes, judge
from extractor.scan.grid import rule_masks
from extractor.scan.image import binarise, contrast
from extractor.scan.settings import SETTINGS
from tests.scan_fixtures import DPI, blank, boxes_on_a_rule, hairline_boxes, row_of_boxes


def read_boxes(img: np.ndarray) -> list[TickBox]:
    """The boxes as the reader finds them (extractor/scan/reader.py: _look)."""
    ink = binarise(img, DPI)
    fainter = binarise(img, DPI, SETTINGS.rule_ink_share, SETTINGS.min_rule_contrast)
    horizontal, vertical = rule_masks(fainter, DPI)
    faint = (contrast(img, DPI) > SETTINGS.min_ink_contrast).astype(np.uint8) * 255
    boxes = find_boxes(ink, np.maximum(horizontal, vertical), faint, DPI, fainter)
    judge(boxes)
    return boxes


def states(img: np.ndarray) -> list[tuple[bool, float]]:
    return [(b.checked, b.confidence) for b in read_boxes(img)]


def test_clean_boxes_are_empty_and_sure() -> None:
    assert states(row_of_boxes(["empty"] * 3)) == [(False, 1.0)] * 3


def test_ticked_box() -> None:
    got = states(row_of_boxes(["empty", "tick", "empty"]))
    assert [c for c, _ in got] == [False, True, False]
    assert all(conf >= 0.9 for _, conf in got)


def test_cross_overrunning_the_box_still_finds_the_box() -> None:
    # The strokes cross the sides; only straight sides are looked for, so the box stays.
    got = states(row_of_boxes(["empty", "empty", "cross_overrun"]))
    assert [c for c, _ in got] == [False, False, True]


def test_light_pencil_tick_against_the_page_s_empty_boxes() -> None:
    got = states(row_of_boxes(["light_tick", "empty", "empty"]))
    assert [c for c, _ in got] == [True, False, False]


def test_filled_box() -> None:
    got = states(row_of_boxes(["empty", "filled", "empty"]))
    assert [c for c, _ in got] == [False, True, False]


@pytest.mark.parametrize(("paper", "ink"), [(250, 20), (175, 10), (245, 120)])
def test_dark_and_light_copies_read_alike(paper: int, ink: int) -> None:
    got = states(row_of_boxes(["empty", "tick", "empty", "empty"], paper=paper, ink=ink))
    assert [c for c, _ in got] == [False, True, False, False]


def test_ambiguous_ink_is_uncertain_not_guessed() -> None:
    got = states(row_of_boxes(["empty", "speck", "empty", "tick"]))
    assert len(got) == 4
    assert got[1][1] < 0.9  # whatever the state, it is reported as unsure
    assert got[0] == (False, 1.0)
    assert got[3][0] is True


def test_a_speck_beside_a_tick_leans_empty() -> None:
    # Dust in a box does not reach across it: unsure, but not a second option marked.
    got = states(row_of_boxes(["speck", "empty", "tick"]))
    assert got[0] == (False, SETTINGS.unsure_confidence)
    assert got[2][0] is True
    assert got[2][1] >= 0.9


@pytest.mark.parametrize("size", [26, 30, 34])
def test_letters_are_not_boxes(size: int) -> None:
    # Round and open capitals at about a box's size ("O", "D", "H") have straight runs and
    # hollow insides; their corners are blank, a box's are not.
    from PIL import Image, ImageDraw

    from tests.scan_fixtures import draw_box, font

    pil = Image.new("L", (1000, 120), 250)
    ImageDraw.Draw(pil).text((20, 40), "DOH HOD no pod Bd", fill=20, font=font(size))
    img = np.array(pil)
    draw_box(img, 900, 45, "empty")
    assert [b.box[0] for b in read_boxes(img)] == [899]


@pytest.mark.parametrize("seed", [0, 1])
def test_hairline_boxes_of_a_grey_jpeg_scan(seed: int) -> None:
    # 0.1 pt sides, one pixel at 200 dpi and fainter than the text after blur and JPEG:
    # found in fainter ink, the top row's top side on the table rule, and each read right
    # against the page's own faint empty boxes (the letters "D" and "O" below are no boxes).
    found = read_boxes(hairline_boxes(["empty", "tick", "cross", "empty"], seed=seed))
    rows = sorted(found, key=lambda b: (b.box[1] > 100, b.box[0]))
    assert [(b.box[1] > 100, round(b.box[0], -1)) for b in rows] == [
        (row, x) for row in (False, True) for x in (60, 220, 380, 540)
    ]
    assert [(b.checked, b.confidence >= 0.9) for b in rows] == [
        (False, True), (True, True), (True, True), (False, True)
    ] * 2


def test_ambiguous_ink_in_a_hairline_box_is_uncertain() -> None:
    found = read_boxes(hairline_boxes(["empty", "speck", "empty", "tick"]))
    rows = sorted(found, key=lambda b: (b.box[1] > 100, b.box[0]))
    assert len(rows) == 8
    for row in (rows[:4], rows[4:]):
        assert (row[0].checked, row[0].confidence) == (False, 1.0)
        assert row[1].confidence < 0.9  # whatever the state, reported as unsure
        assert row[3].checked
        assert row[3].confidence >= 0.9



def test_boxes_on_a_rule_with_a_blurred_lower_side() -> None:
    # The box's fourth side is the rule; its lower side, blurred a pixel past the printed
    # line, is found on that line, so the far corners are inked and the box kept.
    got = read_boxes(boxes_on_a_rule(["empty", "tick", "empty"]))
    assert [round(b.box[0], -1) for b in got] == [60, 180, 300]
    assert [(b.checked, b.confidence >= 0.9) for b in got] == [
        (False, True), (True, True), (False, True)
    ]


@pytest.mark.parametrize(("run_on", "rows"), [(110, 3), (4, 2)])
def test_a_row_the_page_break_cut_is_a_row(run_on: int, rows: int) -> None:
    # Column rules running on past the table's last horizontal rule (a row split by the page
    # break, printed without its closing rule) close a last row there; rules that only
    # overshoot by a few pixels do not.
    from extractor.scan.grid import find_grids

    img = blank(900, 450)
    for x in (50, 200, 500, 850):
        cv2.line(img, (x, 50), (x, 260 + run_on), 20, 3)
    for y in (50, 120, 260):
        cv2.line(img, (50, y), (850, y), 20, 3)
    fainter = binarise(img, DPI, SETTINGS.rule_ink_share, SETTINGS.min_rule_contrast)
    grids = find_grids(*rule_masks(fainter, DPI), DPI)
    assert len(grids) == 1
    assert len(grids[0].ys) == rows + 1
    assert abs(grids[0].ys[-1] - (260 + run_on if rows == 3 else 260)) <= 3
    assert sorted({c.row for c in grids[0].cells}) == list(range(rows))


@pytest.mark.parametrize("seed", [0, 1])
def test_a_heavy_pen_tick_across_a_hairline_box_keeps_the_box(seed: int) -> None:
    # The tick, as dark as the text, covers much of the faint box's sides (and the rule the
    # first row's boxes stand on): judged on the rest of its sides, the box is still faint.
    found = read_boxes(hairline_boxes(["empty", "pen_tick", "empty"], seed=seed))
    rows = sorted(found, key=lambda b: (b.box[1] > 100, b.box[0]))
    assert [(b.box[1] > 100, round(b.box[0], -1)) for b in rows] == [
        (row, x) for row in (False, True) for x in (60, 220, 380)
    ]
    assert [(b.checked, b.confidence >= 0.9) for b in rows] == [
        (False, True), (True, True), (False, True)
    ] * 2
