"""Table grids on a scanned page from its ruling lines (OpenCV morphology): the rules, the
grid they make, and the cells, merged where a rule between two grid cells is missing."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractor.scan.image import Image
from extractor.scan.settings import SETTINGS

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


@dataclass
class GridCell:
    """A cell of a scanned table: its box and its place in the grid."""

    box: Box
    row: int
    column: int
    row_span: int = 1
    col_span: int = 1


@dataclass
class Grid:
    """One ruled table: its outline, grid lines and cells (each once, at its top-left)."""

    box: Box
    xs: list[int]
    ys: list[int]
    cells: list[GridCell]


def rule_masks(ink: Image, dpi: float) -> tuple[Image, Image]:
    """Horizontal and vertical ruling lines: runs of ink at least `rule_min` long.

    Each direction is thickened across the line only (a rule a scan left a pixel out of line
    stays one run), never along it, so the letters of a line of text never join into one."""
    length = SETTINGS.px(SETTINGS.rule_min, dpi)
    across_h = cv2.dilate(ink, np.ones((3, 1), np.uint8))
    across_v = cv2.dilate(ink, np.ones((1, 3), np.uint8))
    horizontal = cv2.morphologyEx(
        across_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    )
    vertical = cv2.morphologyEx(
        across_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    )
    return horizontal, cv2.bitwise_or(vertical, _short_verticals(across_v, horizontal, dpi))


def _short_verticals(ink: Image, horizontal: Image, dpi: float) -> Image:
    """Vertical strokes shorter than a rule that run from one horizontal rule to another:
    the sides of a low row (a box's sides end short of any rule)."""
    short = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN,
        cv2.getStructuringElement(cv2.MORPH_RECT, (1, SETTINGS.px(SETTINGS.short_rule, dpi))),
    )
    near = cv2.dilate(horizontal, np.ones((7, 7), np.uint8)) > 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(short, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for label in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[label])
        keep[label] = bool(near[y, x : x + w].any() and near[y + h - 1, x : x + w].any())
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def find_grids(horizontal: Image, vertical: Image, dpi: float) -> list[Grid]:
    """Every table on the page, top to bottom: rules that cross make one table."""
    joined = cv2.bitwise_or(horizontal, vertical)
    joined = cv2.dilate(joined, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    least = SETTINGS.px(SETTINGS.rule_min, dpi)
    grids = []
    for label in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[label])
        if w < least or h < SETTINGS.px(SETTINGS.min_cell * 2, dpi):
            continue
        grid = _grid(horizontal, vertical, (x, y, x + w, y + h), dpi)
        if grid is not None and len(grid.cells) >= 2:  # one ruled box is no table
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.box[1], g.box[0]))


def _positions(profile: np.ndarray, least: float, gap: int) -> list[tuple[int, float]]:
    """Centres of the runs of `profile` at or above `least` (rules), runs closer than `gap`
    joined, each with its length of ink."""
    hits = np.flatnonzero(profile >= least)
    runs: list[list[int]] = []
    for at in hits.tolist():
        if runs and at - runs[-1][-1] <= gap:
            runs[-1].append(at)
        else:
            runs.append([at])
    return [(round(sum(run) / len(run)), float(profile[run].max())) for run in runs]


def _thin(positions: list[tuple[int, float]], least: int, offset: int) -> list[int]:
    """Rules closer than `least` (a doubled line, a box drawn just inside a cell) kept once:
    the longer of the two."""
    out: list[tuple[int, float]] = []
    for at, length in positions:
        if out and at - out[-1][0] < least:
            if length > out[-1][1]:
                out[-1] = (at, length)
        else:
            out.append((at, length))
    return [offset + at for at, _ in out]


def _grid(horizontal: Image, vertical: Image, box: Box, dpi: float) -> Grid | None:
    x0, y0, x1, y1 = box
    h_part = horizontal[y0:y1, x0:x1] > 0
    v_part = vertical[y0:y1, x0:x1] > 0
    least = SETTINGS.px(SETTINGS.rule_min, dpi)
    gap = SETTINGS.px(SETTINGS.rule_gap, dpi)
    narrow = SETTINGS.px(SETTINGS.min_cell, dpi)
    ys = _thin(_positions(h_part.sum(axis=1), least, gap), narrow, y0)
    # A table only a row or two high (cut by the page end) has rules shorter than `least`.
    tall = min(least, 0.6 * (y1 - y0))
    xs = _thin(_positions(v_part.sum(axis=0), tall, gap), narrow, x0)
    if len(xs) < 2 or len(ys) < 2:
        return None
    ys = _open_ends(vertical, xs, ys, gap, narrow)
    rows, cols = len(ys) - 1, len(xs) - 1
    owner = np.arange(rows * cols).reshape(rows, cols)

    def find(i: int) -> int:
        while owner.flat[i] != i:
            owner.flat[i] = owner.flat[owner.flat[i]]
            i = int(owner.flat[i])
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            owner.flat[max(ra, rb)] = min(ra, rb)

    band = max(2, gap // 2)
    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _has_rule(vertical, xs[c + 1], ys[r], ys[r + 1], band, True):
                union(r * cols + c, r * cols + c + 1)
            if r + 1 < rows and not _has_rule(
                horizontal, ys[r + 1], xs[c], xs[c + 1], band, False
            ):
                union(r * cols + c, (r + 1) * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        cells.append(
            GridCell(
                box=(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]),
                row=r0,
                column=c0,
                row_span=r1 - r0 + 1,
                col_span=c1 - c0 + 1,
            )
        )
    cells.sort(key=lambda g: (g.row, g.column))
    return Grid(box=(xs[0], ys[0], xs[-1], ys[-1]), xs=xs, ys=ys, cells=cells)


def _open_ends(vertical: Image, xs: list[int], ys: list[int], gap: int, narrow: int) -> list[int]:
    """The horizontal rules with one added where most column rules run on past the last (or
    before the first) for at least a row's height: a row the page break cut, printed without
    its closing rule (its rest on the next page), is a row, not words below the table."""
    band = max(2, gap // 2)
    height = vertical.shape[0]
    columns = [vertical[:, max(0, x - band) : x + band + 1].max(axis=1) > 0 for x in xs]

    def reach(start: int, step: int) -> int | None:
        runs = []
        for column in columns:
            at = start
            while 0 <= at + step < height and column[at + step]:
                at += step
            runs.append(at)
        beyond = sorted(r for r in runs if abs(r - start) >= SETTINGS.open_row * narrow)
        if len(beyond) < max(2, (len(xs) + 1) // 2):
            return None
        return beyond[len(beyond) // 2]

    bottom, top = reach(ys[-1], 1), reach(ys[0], -1)
    return [*([top] if top is not None else []), *ys, *([bottom] if bottom is not None else [])]


def _has_rule(mask: Image, at: int, lo: int, hi: int, band: int, vertical: bool) -> bool:
    """Enough of the segment from `lo` to `hi` at `at` is ruled (its ends left out)."""
    trim = (hi - lo) // 8
    lo, hi = lo + trim, hi - trim
    if hi <= lo:
        return True
    if vertical:
        strip = mask[lo:hi, max(0, at - band) : at + band + 1]
        covered = strip.max(axis=1) > 0
    else:
        strip = mask[max(0, at - band) : at + band + 1, lo:hi]
        covered = strip.max(axis=0) > 0
    return float(covered.mean()) >= SETTINGS.separator_share
