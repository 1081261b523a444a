"""What happens to a page between the printer and the scan file, for make_office_scans.py:
pen ticks and crosses, signatures, speckles, the scanner (skew, scale, shift, lid edge and
shadow, uneven light, blur, grain), a phone photo (perspective, curl, shadow), and the file
(JPEG pages in a PDF, JPEG or CCITT G4 TIFF, grey, colour or bilevel).

Every function takes a seeded numpy Generator, so a scan is the same each time it is made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np

Rng = np.random.Generator
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in pixels

BLUE = (150, 70, 25)  # ball-point blue (BGR)
BLACK = (35, 30, 30)


def pen_mark(image: np.ndarray, box: Box, rng: Rng, *, cross: bool, overrun: bool,
             blue: bool) -> None:
    """A hand-drawn tick or cross over `box`: its size, angle and weight varied; `overrun`,
    drawn well past the box's sides (still mostly over it)."""
    x0, top, x1, bottom = box
    w = x1 - x0
    cx, cy = (x0 + x1) / 2 + rng.uniform(-0.1, 0.1) * w, (top + bottom) / 2
    size = w * (rng.uniform(1.25, 1.6) if overrun else rng.uniform(0.65, 1.0))
    if cross:
        shape = [[(-0.5, -0.5), (0.5, 0.5)], [(0.5, -0.5), (-0.5, 0.5)]]
    else:
        shape = [[(-0.45, 0.0), (-0.1, 0.42), (0.55, -0.6 if overrun else -0.5)]]
    angle = np.radians(rng.uniform(-18, 18))
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    thickness = max(2, round(w * rng.uniform(0.07, 0.16)))
    colour = BLUE if blue else BLACK
    for stroke in shape:
        points = np.array(stroke) * size @ turn.T + (cx, cy)
        points += rng.normal(0, 0.03 * w, points.shape)
        cv2.polylines(image, [points.astype(np.int32)], False, colour, thickness, cv2.LINE_AA)


def signature(image: np.ndarray, rng: Rng, dpi: int) -> None:
    """A signature scrawled in the lower part of the page."""
    h, w = image.shape[:2]
    x = rng.uniform(0.15, 0.45) * w
    y = rng.uniform(0.82, 0.92) * h
    t = np.linspace(0, 1, 160)
    length = dpi * rng.uniform(1.2, 2.0)
    xs = x + t * length + np.sin(t * rng.uniform(18, 30)) * dpi * 0.05
    ys = y + np.sin(t * rng.uniform(6, 11)) * dpi * 0.12 * (1 - t * 0.5)
    points = np.stack([xs, ys], axis=1).astype(np.int32)
    cv2.polylines(image, [points], False, BLUE, max(2, dpi // 100), cv2.LINE_AA)


def speckles(image: np.ndarray, rng: Rng, count: int) -> None:
    """Dust and toner specks scattered over the page."""
    h, w = image.shape[:2]
    for _ in range(count):
        centre = (int(rng.uniform(0, w)), int(rng.uniform(0, h)))
        grey = int(rng.uniform(20, 120))
        cv2.circle(image, centre, int(rng.integers(1, 3)), (grey, grey, grey), -1)


def scanner(image: np.ndarray, rng: Rng, *, skew: float, scale: float, shift: tuple[int, int],
            lid: bool, light: float, blur: float, grain: float) -> np.ndarray:
    """The page on the scanner's glass: turned, scaled and shifted (the uncovered glass
    dark where `lid`, with the lid's shadow), lit unevenly, blurred and grainy."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), skew, scale)
    matrix[:, 2] += shift
    glass = (70, 70, 70) if lid else (250, 250, 250)
    out = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=glass).astype(np.float32)
    if lid:  # the lid's edge along the top or the right, its shadow falling onto the page
        band = int(rng.uniform(0.008, 0.02) * h)
        reach = band * 3
        ramp = np.linspace(0.55, 1.0, reach, dtype=np.float32)
        if rng.random() < 0.5:
            out[:band] = 60
            out[band : band + reach] *= ramp[:, None, None]
        else:
            out[:, -band:] = 60
            out[:, w - band - reach : w - band] *= ramp[::-1][None, :, None]
    if light:  # brighter in the middle, darker toward one corner
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        fx, fy = rng.uniform(-1, 1, size=2)
        field = 1 - light * (0.5 + 0.5 * (fx * (xs / w - 0.5) + fy * (ys / h - 0.5)))
        out *= field[:, :, None]
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    if grain:
        out += rng.normal(0, grain, out.shape[:2]).astype(np.float32)[:, :, None]
    return np.clip(out, 0, 255).astype(np.uint8)


def phone(image: np.ndarray, rng: Rng) -> np.ndarray:
    """A phone photo of the page on a desk: perspective, the paper's curl, a hand's shadow."""
    h, w = image.shape[:2]
    margin = 0.04
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    moved = corners + np.float32(rng.uniform(-margin, margin, (4, 2)) * (w, h))
    moved = (moved - corners.mean(0)) * 0.92 + corners.mean(0)
    warp = cv2.getPerspectiveTransform(corners, moved)
    out = cv2.warpPerspective(image, warp, (w, h), borderMode=cv2.BORDER_CONSTANT,
                              borderValue=(95, 105, 120))  # the desk
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    curl = rng.uniform(0.004, 0.01) * h * np.sin(np.pi * xs / w)  # the page bows
    out = cv2.remap(out, xs, ys + curl, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    shadow = np.ones((h, w), np.float32)
    cx, cy = rng.uniform(0.6, 1.0) * w, rng.uniform(0.6, 1.0) * h
    distance = np.hypot(xs - cx, ys - cy) / max(h, w)
    shadow -= 0.35 * np.clip(1 - distance / 0.35, 0, 1)
    out = out.astype(np.float32) * shadow[:, :, None]
    out = cv2.GaussianBlur(out, (0, 0), 0.8)
    out += rng.normal(0, 4, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def to_mode(image: np.ndarray, mode: str) -> Any:
    """The page as the scanner stores it: a Pillow image, colour (RGB), grey (L) or bilevel
    (1, thresholded as a scanner's black-and-white setting does)."""
    from PIL import Image

    if mode == "colour":
        return Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if mode == "grey":
        return Image.fromarray(grey)
    _, bilevel = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return Image.fromarray(bilevel).convert("1")


def save(pages: list[Any], target: Path, fmt: str, jpeg: int, dpi: int) -> None:
    """JPEG (or CCITT G4 for bilevel) pages in a PDF, a multi-page TIFF, or one JPEG photo."""
    first, rest = pages[0], pages[1:]
    bilevel = first.mode == "1"
    if fmt == "pdf":  # Pillow writes grey and colour pages as DCT (JPEG), bilevel as CCITT
        first.save(target, "PDF", resolution=dpi, save_all=True, append_images=rest,
                   quality=jpeg)
    elif fmt == "tif":
        options: dict[str, Any] = {"compression": "group4"} if bilevel else {
            "compression": "jpeg", "quality": jpeg}
        first.save(target, "TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi),
                   **options)
    else:
        first.convert("RGB").save(target, "JPEG", quality=jpeg, dpi=(dpi, dpi))
