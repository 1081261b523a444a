"""Marks alone in a cell that the page's OCR left unread: a typed "X" (or "Y", "N/A") by
itself in an option cell is often dropped by Tesseract's sparse-text pass, which reads a
single letter at 200 dpi poorly. Such cells (ink of a letter's size, no word, no box) are
cut out, enlarged, set side by side on one strip and read again in one call."""

from __future__ import annotations

import statistics
from pathlib import Path

import cv2
import numpy as np

from extractor.scan.image import Image
from extractor.scan.ocr import Word, read_line
from extractor.scan.settings import SETTINGS

Box = tuple[int, int, int, int]


def lone_marks(ink: Image, cells: list[Box], words: list[Word], boxes: list[Box]) -> list[Box]:
    """Where a cell holds a few letter-sized strokes and OCR found no word (nor a box) in it."""
    if not words:
        return []
    height = statistics.median(w.box[3] - w.box[1] for w in words)
    found = []
    for x0, y0, x1, y1 in cells:
        if any(_inside(w.centre, (x0, y0, x1, y1)) for w in words) or any(
            _inside(((b[0] + b[2]) / 2, (b[1] + b[3]) / 2), (x0, y0, x1, y1)) for b in boxes
        ):
            continue
        pad = max(3, round(height / 4))
        crop = ink[y0 + pad : y1 - pad, x0 + pad : x1 - pad]
        if crop.size == 0 or not crop.any():
            continue
        count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
        parts = [
            stats[k] for k in range(1, count)
            if SETTINGS.lone_min_height * height <= stats[k][3] <= SETTINGS.lone_max_height * height
        ]
        if not parts or len(parts) > SETTINGS.lone_max_parts:
            continue
        left = min(int(p[0]) for p in parts)
        top = min(int(p[1]) for p in parts)
        right = max(int(p[0] + p[2]) for p in parts)
        bottom = max(int(p[1] + p[3]) for p in parts)
        if right - left > SETTINGS.lone_max_width * height:
            continue
        found.append((x0 + pad + left, y0 + pad + top, x0 + pad + right, y0 + pad + bottom))
    return found


def read_lone(image: Image, marks: list[Box], path: Path, page: int) -> list[Word]:
    """The marks read again: each enlarged, all on one strip with wide gaps, one OCR call;
    each word found placed back on its mark (kept only when OCR is fairly sure of it)."""
    if not marks:
        return []
    scale = SETTINGS.lone_scale
    gap = 40
    crops = [cv2.resize(image[y0 - 2 : y1 + 2, x0 - 2 : x1 + 2], None, fx=scale, fy=scale,
                        interpolation=cv2.INTER_CUBIC) for x0, y0, x1, y1 in marks]
    height = max(c.shape[0] for c in crops) + 2 * gap
    width = sum(c.shape[1] + gap for c in crops) + gap
    strip = np.full((height, width), 255, np.uint8)
    slots = []
    at = gap
    for crop in crops:
        top = (height - crop.shape[0]) // 2
        strip[top : top + crop.shape[0], at : at + crop.shape[1]] = crop
        slots.append((at - gap // 2, at + crop.shape[1] + gap // 2))
        at += crop.shape[1] + gap
    found = []
    for word in read_line(strip, path, page):
        if word.confidence < SETTINGS.unsure_word_confidence:
            continue
        centre = word.centre[0]
        for (a, b), mark in zip(slots, marks, strict=True):
            if a <= centre < b:
                found.append(Word(word.text, mark, word.confidence))
                break
    return found


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] < box[2] and box[1] <= point[1] < box[3]
