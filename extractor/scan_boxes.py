"""Tick boxes on a scanned page: small squares found from their straight sides, their state
from the ink inside, judged against the page's own empty boxes (so light, dark and
photocopied scans read alike); a box whose ink is neither clearly empty nor clearly marked
is uncertain, with a low confidence, never a guess passed off as sure."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.scan_image import Image
from extractor.scan_settings import SETTINGS

Box = tuple[int, int, int, int]


@dataclass
class TickBox:
    """A box on the page: where, how much ink inside, and the state read from it."""

    box: Box
    ink: float
    spread: float = 1.0  # how far the ink inside reaches across the box (0..1)
    checked: bool = False
    confidence: float = 1.0


def find_boxes(ink: Image, rules: Image, marks: Image, dpi: float) -> list[TickBox]:
    """Small squares whose four sides are drawn, with strokes crossing or overrunning them
    (only the straight sides are looked for, so a tick drawn over the box does not hide it).
    `marks` is any ink at all, faint pencil included: what a box holds is measured in it."""
    lo, hi = SETTINGS.px(SETTINGS.box_min, dpi), SETTINGS.px(SETTINGS.box_max, dpi)
    side = max(3, int(lo * 0.6))
    without_rules = cv2.subtract(ink, cv2.dilate(rules, np.ones((3, 3), np.uint8)))
    horizontal = cv2.morphologyEx(
        without_rules, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (side, 1))
    )
    vertical = cv2.morphologyEx(
        without_rules, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, side))
    )
    sides = cv2.bitwise_or(horizontal, vertical)
    sides = cv2.morphologyEx(sides, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(sides, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found: list[TickBox] = []
    for contour in contours:
        bx, by, bw, bh = cv2.boundingRect(contour)
        if not (lo <= bw <= 2 * hi and lo <= bh <= 2 * hi):
            continue
        x, y, w, h = _tighten(horizontal, vertical, (bx, by, bw, bh))
        if not (lo <= w <= hi and lo <= h <= hi):
            continue
        if abs(w - h) / max(w, h) > SETTINGS.box_squareness:
            continue
        if not _four_sides(without_rules, (x, y, x + w, y + h)):
            continue
        box = (x, y, x + w, y + h)
        ink_share, spread = _ink_inside(marks, box)
        found.append(TickBox(box=box, ink=ink_share, spread=spread))
    return sorted(_printed_sizes(found), key=lambda b: (b.box[1], b.box[0]))


def _tighten(
    horizontal: Image, vertical: Image, rect: tuple[int, int, int, int]
) -> tuple[int, int, int, int]:
    """The rectangle cut back to its sides: strokes that overrun a box (a cross drawn past
    its corners) leave short straight stubs outside it."""
    x, y, w, h = rect
    rows = (horizontal[y : y + h, x : x + w] > 0).mean(axis=1)
    cols = (vertical[y : y + h, x : x + w] > 0).mean(axis=0)
    top = np.flatnonzero(rows >= 0.5)
    left = np.flatnonzero(cols >= 0.5)
    if len(top) < 2 or len(left) < 2:
        return rect
    return x + int(left[0]), y + int(top[0]), int(left[-1] - left[0]) + 1, int(top[-1] - top[0]) + 1


def _size(b: TickBox) -> tuple[int, int]:
    return b.box[2] - b.box[0], b.box[3] - b.box[1]


def _printed_sizes(found: list[TickBox]) -> list[TickBox]:
    """Only squares the size of the page's own empty boxes: a form prints its boxes alike,
    while letters with straight strokes ("n", "H" in a serif face) come in other sizes."""
    least = min((b.ink for b in found), default=0.0)
    empty = [_size(b) for b in found if b.ink <= least + SETTINGS.unsure_ink]
    sizes = empty or [_size(b) for b in found]
    if not sizes:
        return []
    if not empty:  # no empty box to learn from: the commonest size
        sizes = [max(sizes, key=lambda s: sum(_alike(s, t) for t in sizes))]
    return [b for b in found if any(_alike(_size(b), s) for s in sizes)]


def _alike(a: tuple[int, int], b: tuple[int, int]) -> bool:
    tolerance = SETTINGS.box_size_tolerance
    return all(abs(p - q) <= max(2.0, tolerance * max(p, q)) for p, q in zip(a, b, strict=True))


def _four_sides(ink: Image, box: Box) -> bool:
    """Each side is a straight line (one row or column near it is ink along most of it) and
    the corners are inked, which a round letter ("o") or an open one ("n", "H", "d") never
    is."""
    x0, y0, x1, y1 = box
    band = max(2, (x1 - x0) // 5)
    crop = ink[y0:y1, x0:x1] > 0
    if crop.shape[0] < 2 * band or crop.shape[1] < 2 * band:
        return False
    share = SETTINGS.box_side_share
    corners = (crop[:3, :3], crop[:3, -3:], crop[-3:, :3], crop[-3:, -3:])
    return bool(  # each side measured without its end pixels (rounded by the scan)
        crop[:band, 1:-1].mean(axis=1).max() >= share
        and crop[-band:, 1:-1].mean(axis=1).max() >= share
        and crop[1:-1, :band].mean(axis=0).max() >= share
        and crop[1:-1, -band:].mean(axis=0).max() >= share
        # Square corners: a round or open letter leaves at least one of them blank.
        and all(float(c.mean()) >= SETTINGS.box_corner_ink for c in corners)
    )


def _ink_inside(marks: Image, box: Box) -> tuple[float, float]:
    """Share of the box's inside (its sides left out) that is ink, and how far that ink
    reaches across it (a tick spans the box, a speck does not)."""
    x0, y0, x1, y1 = box
    inset = max(2, round((x1 - x0) * SETTINGS.box_inset))
    inside = marks[y0 + inset : y1 - inset, x0 + inset : x1 - inset] > 0
    if not inside.size or not inside.any():
        return 0.0, 0.0
    ys, xs = np.nonzero(inside)
    reach = max(int(ys.max() - ys.min()) + 1, int(xs.max() - xs.min()) + 1)
    return float(inside.mean()), reach / max(inside.shape)


def judge(boxes: list[TickBox]) -> float:
    """Set each box's state against the page's empty level (the ink of its emptiest boxes);
    returns that level."""
    if not boxes:
        return 0.0
    inks = sorted(b.ink for b in boxes)
    empty = inks[len(inks) // 4] if len(inks) >= 4 else inks[0]
    if empty > SETTINGS.empty_ink_cap:
        empty = min(inks[0], SETTINGS.empty_ink_cap)
    for box in boxes:
        box.checked, box.confidence = state(box.ink - empty, box.spread)
    return empty


def state(excess: float, spread: float = 1.0) -> tuple[bool, float]:
    """A box's state and confidence from its ink above the page's empty boxes and how far
    that ink reaches across it."""
    sure, unsure = SETTINGS.checked_ink, SETTINGS.unsure_ink
    if excess >= sure and spread < SETTINGS.tick_spread:
        return True, SETTINGS.unsure_confidence  # a blot or speck: ink, but no tick
    if excess >= sure:
        return True, round(min(1.0, 0.9 + (excess - sure)), 3)
    if excess <= unsure:
        return False, 1.0
    middle = (sure + unsure) / 2
    return excess >= middle, SETTINGS.unsure_confidence


def blank_out(image: Image, boxes: list[TickBox], value: int) -> Image:
    """A copy of `image` with the boxes painted over (the words beside them read alone)."""
    out = image.copy()
    for b in boxes:
        x0, y0, x1, y1 = b.box
        pad = max(2, (x1 - x0) // 5)
        out[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad] = value
    return out
