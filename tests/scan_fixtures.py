"""Tiny scanned pages drawn in the test (OpenCV, PIL): boxes in each state, a small form."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

DPI = 200
BOX = 25  # pixels: a 9 pt box at 200 dpi
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans (LibreOffice's fonts); the test is skipped on a machine without it."""
    import pytest

    if not FONT.exists():
        pytest.skip(f"{FONT} is not installed")
    return ImageFont.truetype(str(FONT), size)


def blank(width: int, height: int, paper: int = 250) -> np.ndarray:
    return np.full((height, width), paper, dtype=np.uint8)


def draw_box(img: np.ndarray, x: int, y: int, state: str, ink: int = 20) -> None:
    """A printed box at (x, y) and what the person did with it."""
    cv2.rectangle(img, (x, y), (x + BOX, y + BOX), ink, 2)
    if state == "tick":
        pts = np.array([(x + 4, y + 13), (x + 10, y + 21), (x + 22, y + 4)], np.int32)
        cv2.polylines(img, [pts], False, ink, 3)
    elif state == "cross_overrun":  # a cross drawn well past the box's sides
        cv2.line(img, (x - 9, y - 8), (x + BOX + 9, y + BOX + 8), ink, 3)
        cv2.line(img, (x + BOX + 9, y - 8), (x - 9, y + BOX + 8), ink, 3)
    elif state == "light_tick":  # a pale pencil tick
        pts = np.array([(x + 4, y + 13), (x + 10, y + 21), (x + 22, y + 4)], np.int32)
        cv2.polylines(img, [pts], False, 190, 3)
    elif state == "filled":
        cv2.rectangle(img, (x + 3, y + 3), (x + BOX - 3, y + BOX - 3), ink, -1)
    elif state == "speck":  # a small stray mark: neither empty nor a tick
        cv2.circle(img, (x + BOX // 2, y + BOX // 2), 3, ink, -1)


def row_of_boxes(states: list[str], paper: int = 250, ink: int = 20) -> np.ndarray:
    """Boxes side by side on a strip of paper."""
    img = blank(80 + 90 * len(states), 120, paper)
    for n, state in enumerate(states):
        draw_box(img, 50 + 90 * n, 45, state, ink)
    return img


def form(ticks: list[int], fills: bool = False, angle: float = 0.0) -> np.ndarray:
    """A small ruled form (BGR): header No. | Criterion | Yes | No | Partial | Evidence, one
    row per entry of `ticks` (the option ticked, -1 for none), the evidence cell merged down
    over the last two rows, the header shaded green when `fills`."""
    width, height = 1654, 1000
    pil = Image.new("RGB", (width, height), (250, 250, 250))
    draw = ImageDraw.Draw(pil)
    face = font(26)
    xs = [100, 200, 700, 820, 940, 1060, 1550]
    header_h, row_h, top = 70, 110, 220
    ys = [top, top + header_h] + [top + header_h + row_h * (n + 1) for n in range(len(ticks))]
    draw.text((100, 100), "Section 11 self-assessment return", fill=(20, 20, 20), font=face)
    if fills:
        draw.rectangle((xs[0], ys[0], xs[-1], ys[1]), fill=(146, 208, 80))
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=(20, 20, 20), width=3)
    for n, y in enumerate(ys):
        last = n == len(ys) - 2
        # The evidence column's rule above the last row is left out: a merged cell.
        draw.line((xs[0], y, xs[-2] if last else xs[-1], y), fill=(20, 20, 20), width=3)
    for x, word in zip(xs, ["No.", "Criterion", "Yes", "No", "Partial", "Evidence"], strict=False):
        draw.text((x + 12, ys[0] + 18), word, fill=(20, 20, 20), font=face)
    texts = ["There is a named safeguarding lead", "Staff are trained every year",
             "Policies are reviewed by the board"]
    image = cv2.cvtColor(np.array(pil), cv2.COLOR_RGB2BGR)
    for n, tick in enumerate(ticks):
        y = ys[n + 1]
        pil2 = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
        d2 = ImageDraw.Draw(pil2)
        d2.text((xs[0] + 12, y + 20), f"1.{n + 1}", fill=(20, 20, 20), font=face)
        d2.text((xs[1] + 12, y + 20), texts[n % len(texts)], fill=(20, 20, 20), font=face)
        if n == 0:
            d2.text((xs[5] + 12, y + 20), "Named lead since 2023", fill=(20, 20, 20), font=face)
        if n == len(ticks) - 2:
            d2.text((xs[5] + 12, y + 20), "Annual training log", fill=(20, 20, 20), font=face)
        image = cv2.cvtColor(np.array(pil2), cv2.COLOR_RGB2BGR)
        grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        for option in range(3):
            x = xs[2 + option] + 45
            draw_box(grey, x, y + 40, "tick" if option == tick else "empty")
        image = cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR) if not fills else _keep_colour(image, grey)
    if angle:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        image = cv2.warpAffine(image, matrix, (width, height), borderValue=(250, 250, 250))
    return image


def _keep_colour(colour: np.ndarray, grey: np.ndarray) -> np.ndarray:
    """The colour page with the boxes drawn on the grey copy copied in."""
    out = colour.copy()
    changed = grey != cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY)
    out[changed] = np.repeat(grey[changed][:, None], 3, axis=1)
    return out


def hairline_boxes(states: list[str], seed: int = 0) -> np.ndarray:
    """Boxes with hairline sides (a form field's 0.1 pt border) as a 200 dpi grey JPEG scan
    leaves them: one pixel, fainter than the text, blurred, noisy, JPEG-compressed. Two
    rows of `states`: the first drawn against the table rule above it (its top side on the
    rule, as a form field at the top of its cell), the second free. "cross" is the field's
    own hairline cross, "tick" a pen tick, "pen_tick" a heavy one across three of its sides
    (and the rule), "speck" a stray dot."""
    face = font(26)
    width = 120 + 160 * len(states)
    pil = Image.new("L", (width, 260), 252)
    draw = ImageDraw.Draw(pil)
    draw.line((10, 30, width - 10, 30), fill=25, width=2)  # the cell's top rule
    for row, top in enumerate((33, 150)):
        for n in range(len(states)):
            x = 60 + 160 * n
            draw.text((x + BOX + 24, top + 2), ["Yes", "No", "Partial", "N/A"][n % 4],
                      fill=20, font=face)
            if row == 1:
                draw.text((x - 40, top + 50), "Do not OD", fill=20, font=face)
    img = np.array(pil)
    for top in (33, 150):
        for n, state in enumerate(states):
            x, side = 60 + 160 * n, BOX + 9
            cv2.rectangle(img, (x, top), (x + side, top + side), 120, 1, lineType=cv2.LINE_AA)
            if state == "cross":
                cv2.line(img, (x + 2, top + 2), (x + side - 2, top + side - 2), 120, 1,
                         lineType=cv2.LINE_AA)
                cv2.line(img, (x + side - 2, top + 2), (x + 2, top + side - 2), 120, 1,
                         lineType=cv2.LINE_AA)
            elif state == "tick":
                pts = np.array([(x + 5, top + 17), (x + 13, top + 28), (x + 30, top + 5)],
                               np.int32)
                cv2.polylines(img, [pts], False, 40, 3, lineType=cv2.LINE_AA)
            elif state == "speck":  # a stray dot: neither empty nor a tick
                cv2.circle(img, (x + side // 2, top + side // 2), 3, 40, -1)
            elif state == "pen_tick":  # heavy ball-point, down the left side, out at top right
                pts = np.array([(x + 2, top + 16), (x + 11, top + side), (x + side + 6, top - 9)],
                               np.int32)
                cv2.polylines(img, [pts], False, 40, 5, lineType=cv2.LINE_AA)
    rng = np.random.default_rng(seed)
    out = cv2.GaussianBlur(img.astype(np.float32), (0, 0), 0.6)
    out = np.clip(out + rng.normal(0, 5, out.shape), 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, 75])
    assert ok
    return np.asarray(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE))


def boxes_on_a_rule(states: list[str]) -> np.ndarray:
    """Box glyphs standing against the table rule above them (their top side on it), a
    little less tall than wide, their lower side with a soft grey edge a pixel below it (the
    print's blur), as a grey JPEG scan: "empty" or "tick" (to the top-right corner)."""
    img = blank(120 + 120 * len(states), 140)
    cv2.line(img, (10, 30), (img.shape[1] - 10, 30), 25, 2)  # the cell's top rule
    for n, state in enumerate(states):
        x = 60 + 120 * n
        cv2.rectangle(img, (x, 31), (x + 22, 52), 25, 2)
        cv2.line(img, (x + 1, 54), (x + 21, 54), 100, 1)
        if state == "tick":
            pts = np.array([(x + 5, 42), (x + 9, 47), (x + 21, 33)], np.int32)
            cv2.polylines(img, [pts], False, 25, 4)
    out = cv2.GaussianBlur(img.astype(np.float32), (0, 0), 0.7)
    ok, data = cv2.imencode(".jpg", np.clip(out, 0, 255).astype(np.uint8),
                            [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return np.asarray(cv2.imdecode(data, cv2.IMREAD_GRAYSCALE))


def typed_x_form(marked: list[int], size: int = 26) -> np.ndarray:
    """A small ruled grey form answered by a typed "X" alone in one option cell of each row
    (No. | Criterion | Yes | No | Partial), -1 for a row left blank; lightly blurred."""
    face = font(size)
    xs = [100, 200, 900, 1020, 1140, 1260]
    ys = [200, 270, 380, 490, 600]
    pil = Image.new("L", (1654, 2339), 250)  # A4 at 200 dpi
    draw = ImageDraw.Draw(pil)
    draw.text((100, 100), "Section 11 self-assessment return", fill=20, font=face)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=20, width=3)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=20, width=3)
    for x, word in zip(xs, ["No.", "Criterion", "Yes", "No", "Partial"], strict=False):
        draw.text((x + 12, ys[0] + 18), word, fill=20, font=face)
    texts = ["There is a named safeguarding lead", "Staff are trained every year",
             "Policies are reviewed by the board"]
    for n, option in enumerate(marked):
        y = ys[n + 1]
        draw.text((xs[0] + 12, y + 20), f"1.{n + 1}", fill=20, font=face)
        draw.text((xs[1] + 12, y + 20), texts[n % len(texts)], fill=20, font=face)
        if option >= 0:
            draw.text((xs[2 + option] + 45, y + 20), "X", fill=20, font=face)
    out = cv2.GaussianBlur(np.array(pil).astype(np.float32), (0, 0), 0.7)
    return np.clip(out, 0, 255).astype(np.uint8)
