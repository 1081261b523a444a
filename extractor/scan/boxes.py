"""Tick boxes on a scanned page: small squares found from their straight sides, their state
from the ink inside, judged against the page's own empty boxes (so light, dark and
photocopied scans read alike); a box whose ink is neither clearly empty nor clearly marked
is uncertain, with a low confidence, never a guess passed off as sure."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.scan.image import Image
from extractor.scan.settings import SETTINGS

Box = tuple[int, int, int, int]


@dataclass
class TickBox:
    """A box on the page: where, how much ink inside, and the state read from it."""

    box: Box
    ink: float
    spread: float = 1.0  # how far the ink inside reaches across the box (0..1)
    checked: bool = False
    confidence: float = 1.0


def find_boxes(
    ink: Image, rules: Image, marks: Image, dpi: float, faint: Image | None = None
) -> list[TickBox]:
    """Small squares whose four sides are drawn, with strokes crossing or overrunning them
    (only the straight sides are looked for, so a tick drawn over the box does not hide it).
    `marks` is any ink at all, faint pencil included: what a box holds is measured in it.

    A box drawn against a table rule (its top on the cell's top rule) has three sides of its
    own and the rule for the fourth. Boxes are looked for again in `faint` (fainter ink, its
    broken sides bridged) for hairline boxes a scan left lighter than the text, kept where
    their sides are faint (a page may print dark box glyphs and hairline form fields both)."""
    found = _squares(ink, rules, marks, dpi, bridge=False)
    if faint is not None:
        more = _squares(faint, rules, marks, dpi, bridge=True)
        found += [
            b for b in more
            if not any(_overlap(b.box, f.box) for f in found) and _faint(ink, faint, rules, b.box)
        ]
    return sorted(_printed_sizes(found), key=lambda b: (b.box[1], b.box[0]))


def _faint(ink: Image, faint: Image, rules: Image, box: Box) -> bool:
    """The box's sides are fainter than the text (few of their pixels are ink at the text's
    threshold): a letter found only in fainter ink ("D", "O" made bold by it) is not.

    Strokes wider than a hairline (a pen tick across the box, a bold letter's own strokes)
    and the table rules are left out of the sides, with their edges: a hairline box keeps
    enough side of its own to be judged, a letter's sides are all stroke."""
    x0, y0, x1, y1 = box
    band = max(2, (x1 - x0) // 8)
    crop, strong = faint[y0:y1, x0:x1] > 0, ink[y0:y1, x0:x1] > 0
    ring = np.ones(crop.shape, dtype=bool)
    ring[band:-band, band:-band] = False
    sides = crop & ring
    near = np.ones((3, 3), np.uint8)
    wide = cv2.morphologyEx(ink[y0:y1, x0:x1], cv2.MORPH_OPEN, near)
    ruled = cv2.dilate(rules[y0:y1, x0:x1], near) > 0
    covered = (cv2.dilate(wide, near, iterations=2) > 0) | ruled
    own = sides & ~covered
    if not own.any() or own.sum() < SETTINGS.faint_own_sides * sides.sum():
        return False
    return float((strong & own).sum() / own.sum()) <= SETTINGS.faint_side_ink


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _squares(ink: Image, rules: Image, marks: Image, dpi: float, bridge: bool) -> list[TickBox]:
    lo, hi = SETTINGS.px(SETTINGS.box_min, dpi), SETTINGS.px(SETTINGS.box_max, dpi)
    side = max(3, int(lo * 0.6))
    without_rules = cv2.subtract(ink, cv2.dilate(rules, np.ones((3, 3), np.uint8)))
    h_source = v_source = without_rules
    if bridge:  # a hairline side broken into dashes by the scan, joined along its length
        h_source = cv2.morphologyEx(without_rules, cv2.MORPH_CLOSE, np.ones((1, 3), np.uint8))
        v_source = cv2.morphologyEx(without_rules, cv2.MORPH_CLOSE, np.ones((3, 1), np.uint8))
    horizontal = cv2.morphologyEx(
        h_source, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (side, 1))
    )
    vertical = cv2.morphologyEx(
        v_source, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, side))
    )
    own = cv2.bitwise_or(horizontal, vertical)  # the straight sides, rules left out
    sides = cv2.morphologyEx(own, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(sides, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    found: list[TickBox] = []
    for contour in contours:
        bx, by, bw, bh = cv2.boundingRect(contour)
        if not (lo <= max(bw, bh) <= 2 * hi and lo // 2 <= min(bw, bh) <= 2 * hi):
            continue
        rect = _tighten(horizontal, vertical, (bx, by, bw, bh), lo)
        box = _square(without_rules, ink, rules, rect, lo, hi, loose=bridge)
        if box is None:
            continue
        ink_share, spread = _ink_inside(marks, box)
        found.append(TickBox(box=box, ink=ink_share, spread=spread))
    return found


def _square(
    own: Image, ink: Image, rules: Image, rect: tuple[int, int, int, int], lo: int, hi: int,
    loose: bool = False,
) -> Box | None:
    """The box of a candidate rectangle: four sides of its own, or three and a table rule
    along the fourth (the rectangle then made square up to the rule); None when neither."""
    x, y, w, h = rect
    box = (x, y, x + w, y + h)
    if _fits(w, h, lo, hi) and _four_sides(own, box, loose):
        return box
    size = max(w, h)
    if not lo <= size <= hi:
        return None
    grow = size - min(w, h)
    slack = max(2, size // 8)  # the rule's band took the side's end: up to the rule itself
    for extra in range(slack + 1):
        for x0, y0, x1, y1, edge in _grown(x, y, w, h, grow + extra):
            if x0 < 0 or y0 < 0 or y1 > ink.shape[0] or x1 > ink.shape[1]:
                continue
            candidate = (x0, y0, x1, y1)
            if abs((x1 - x0) - (y1 - y0)) / size > SETTINGS.box_squareness:
                continue
            if not _on_rule(rules, candidate, edge, grow + slack):
                continue
            # The other three sides are the box's own; the corners and the fourth side are
            # measured with the rule in.
            if not _three_sides(own, candidate, edge):
                continue
            if _four_sides(ink, candidate, loose):
                return candidate
            # The side opposite the rule was placed at the strokes' outline, which the print's
            # blur or a pen mark can leave a pixel or two past the printed line.
            snapped = _snap(ink, candidate, edge)
            sx0, sy0, sx1, sy1 = snapped
            if snapped != candidate and _fits(sx1 - sx0, sy1 - sy0, lo, hi) and _four_sides(
                ink, snapped, loose
            ):
                return snapped
    return None


def _snap(ink: Image, box: Box, rule_edge: str) -> Box:
    """The box with the side opposite its rule moved onto the line of ink drawn there (the
    row or column of that side's band with the most ink); its other edges kept."""
    x0, y0, x1, y1 = box
    band = max(2, (x1 - x0) // 5)
    crop = ink[y0:y1, x0:x1] > 0
    if rule_edge == "top":
        return x0, y0, x1, y1 - band + int(np.argmax(crop[-band:].sum(axis=1))) + 1
    if rule_edge == "bottom":
        return x0, y0 + int(np.argmax(crop[:band].sum(axis=1))), x1, y1
    if rule_edge == "left":
        return x0, y0, x1 - band + int(np.argmax(crop[:, -band:].sum(axis=0))) + 1, y1
    return x0 + int(np.argmax(crop[:, :band].sum(axis=0))), y0, x1, y1


def _grown(x: int, y: int, w: int, h: int, by: int) -> list[tuple[int, int, int, int, str]]:
    """The rectangle grown by `by` pixels on each side of its shorter axis in turn."""
    if h <= w:
        return [(x, y - by, x + w, y + h, "top"), (x, y, x + w, y + h + by, "bottom")]
    return [(x - by, y, x + w, y + h, "left"), (x, y, x + w + by, y + h, "right")]


def _fits(w: int, h: int, lo: int, hi: int) -> bool:
    return lo <= w <= hi and lo <= h <= hi and abs(w - h) / max(w, h) <= SETTINGS.box_squareness


def _on_rule(rules: Image, box: Box, edge: str, reach: int) -> bool:
    """A table rule runs along `edge` of the box (within `reach` of it), over most of it."""
    x0, y0, x1, y1 = box
    band = max(2, reach)
    if edge in ("top", "bottom"):
        at = y0 if edge == "top" else y1
        strip = rules[max(0, at - band) : at + band + 1, x0:x1] > 0
        return bool(strip.size) and float(strip.any(axis=0).mean()) >= SETTINGS.box_side_share
    at = x0 if edge == "left" else x1
    strip = rules[y0:y1, max(0, at - band) : at + band + 1] > 0
    return bool(strip.size) and float(strip.any(axis=1).mean()) >= SETTINGS.box_side_share


def _three_sides(ink: Image, box: Box, skip: str) -> bool:
    present = _side_lines(ink, box)
    return bool(present) and all(v for k, v in present.items() if k != skip)


def _side_lines(ink: Image, box: Box) -> dict[str, bool]:
    """Whether each side is a straight line: one row or column near it is ink along most of
    it (measured without its end pixels, which the scan rounds)."""
    x0, y0, x1, y1 = box
    band = max(2, (x1 - x0) // 5)
    crop = ink[y0:y1, x0:x1] > 0
    if crop.shape[0] < 2 * band or crop.shape[1] < 2 * band:
        return {}
    share = SETTINGS.box_side_share
    return {
        "top": bool(crop[:band, 1:-1].mean(axis=1).max() >= share),
        "bottom": bool(crop[-band:, 1:-1].mean(axis=1).max() >= share),
        "left": bool(crop[1:-1, :band].mean(axis=0).max() >= share),
        "right": bool(crop[1:-1, -band:].mean(axis=0).max() >= share),
    }


def _tighten(
    horizontal: Image, vertical: Image, rect: tuple[int, int, int, int], lo: int
) -> tuple[int, int, int, int]:
    """The rectangle cut back to its sides: strokes that overrun a box (a cross drawn past
    its corners) leave short straight stubs outside it. An axis with only one side (a box
    whose fourth side is a rule, left out) keeps its extent."""
    x, y, w, h = rect
    rows = (horizontal[y : y + h, x : x + w] > 0).mean(axis=1)
    cols = (vertical[y : y + h, x : x + w] > 0).mean(axis=0)
    top = np.flatnonzero(rows >= 0.5)
    left = np.flatnonzero(cols >= 0.5)
    if len(top) < 2 or len(left) < 2:
        return rect
    if int(top[-1] - top[0]) >= lo // 2:
        y, h = y + int(top[0]), int(top[-1] - top[0]) + 1
    if int(left[-1] - left[0]) >= lo // 2:
        x, w = x + int(left[0]), int(left[-1] - left[0]) + 1
    return x, y, w, h


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


def _four_sides(ink: Image, box: Box, loose: bool = False) -> bool:
    """Each side is a straight line and the corners are inked, which a round letter ("o")
    or an open one ("n", "H", "d") never is. `loose`: a hairline's corner a pixel off the
    rectangle (the scan rounded it) still counts."""
    x0, y0, x1, y1 = box
    present = _side_lines(ink, box)
    if not present or not all(present.values()):
        return False
    crop = ink[y0:y1, x0:x1]
    if loose:
        crop = cv2.dilate(crop, np.ones((3, 3), np.uint8))
    crop = crop > 0
    corners = (crop[:3, :3], crop[:3, -3:], crop[-3:, :3], crop[-3:, -3:])
    # Square corners: a round or open letter leaves at least one of them blank.
    return all(float(c.mean()) >= SETTINGS.box_corner_ink for c in corners)


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
    if excess <= unsure:
        return False, 1.0
    if spread < SETTINGS.tick_spread:
        # A blot or speck that does not reach across the box (dust, a stray dot): ink, but
        # no tick; unsure, and leaning empty, so a ticked box beside it is not contradicted.
        return False, SETTINGS.unsure_confidence
    if excess >= sure:
        return True, round(min(1.0, 0.9 + (excess - sure)), 3)
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
