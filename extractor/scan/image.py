"""Scanned pages as images: loading (PNG, JPEG, multi-page TIFF, image-only PDF pages), the
page's paper and ink levels, orientation and deskew."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from extractor.errors import DamagedFileError, UnreadableScanError
from extractor.scan.settings import SETTINGS

TIFF_MAGICS = (b"II*\x00", b"MM\x00*")
A4_LONG_INCHES = 11.69
MAX_FILE_BYTES = 200 * 1024 * 1024

Image = Any  # numpy array (H, W) uint8 grey or (H, W, 3) uint8 BGR


@dataclass
class Page:
    """One page as pixels: colour (BGR, or None when the scan is grey) and grey."""

    grey: Image
    colour: Image | None
    dpi: float
    cache_paper: Any = None  # the paper's RGB, measured once
    cache_light: Any = None  # the paper's grey across the page (paper_light), measured once


def load_image_file(path: Path) -> list[Page]:
    """Every page of an image file; the resolution is taken from an A4 page's size."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnreadableScanError(path, "the image is larger than 200 MB; scan at 200-300 dpi")
    data = np.frombuffer(path.read_bytes(), dtype=np.uint8)
    frames: list[Image] = []
    if data[:4].tobytes() in TIFF_MAGICS:
        ok, found = cv2.imdecodemulti(data, cv2.IMREAD_UNCHANGED)
        frames = list(found) if ok else []
    else:
        frame = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
        frames = [frame] if frame is not None else []
    if not frames:
        raise DamagedFileError(path, "the image is damaged and cannot be decoded")
    pages = []
    for frame in frames[: SETTINGS.max_pages]:
        page = to_page(frame, dpi=max(frame.shape[:2]) / A4_LONG_INCHES)
        if min(page.grey.shape[:2]) < SETTINGS.min_side_px:
            raise UnreadableScanError(
                path, "the scanned image is too small to read (scan at 200 dpi)"
            )
        pages.append(page)
    return pages


def to_page(frame: Image, dpi: float) -> Page:
    """Grey and (when it has colour) BGR versions of one decoded frame."""
    if frame.dtype != np.uint8:  # 16-bit scans
        frame = cv2.convertScaleAbs(frame, alpha=255.0 / max(1.0, float(frame.max())))
    if frame.ndim == 3 and frame.shape[2] == 4:
        frame = cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
    if frame.ndim == 2:
        grey, colour = frame, None
    else:
        grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        spread = np.ptp(frame[::4, ::4].astype(np.int16), axis=2)
        colour = frame if float(np.percentile(spread, 99)) > SETTINGS.fill_min_saturation else None
    pixels = grey.shape[0] * grey.shape[1]
    scale = min(1.0, (SETTINGS.max_pixels / pixels) ** 0.5)
    if dpi > SETTINGS.max_dpi:  # finer than boxes, rules and OCR need: read at SETTINGS.dpi
        scale = min(scale, SETTINGS.dpi / dpi)
    if scale < 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if colour is not None:
            colour = cv2.resize(colour, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi *= scale
    return Page(grey=grey, colour=colour, dpi=dpi)


def render_pdf_page(pdf: Any, index: int) -> Page:
    """Page `index` of a pypdfium2 document, form fields drawn, at SETTINGS.dpi."""
    bitmap = pdf[index].render(scale=SETTINGS.dpi / 72.0, may_draw_forms=True)
    array = np.array(bitmap.to_numpy())  # BGR(A) or grey, owned copy
    if array.ndim == 3 and array.shape[2] == 4:
        array = array[:, :, :3]
    return to_page(array, dpi=SETTINGS.dpi)


def levels(grey: Image) -> tuple[float, float]:
    """The page's paper and ink greys (bright and dark percentiles)."""
    sample = grey[::3, ::3]
    return float(np.percentile(sample, 90)), float(np.percentile(sample, 0.5))


def paper_light(page: Page) -> Image:
    """The paper's grey across the page, at an eighth of its size: the brightest grey within
    `light_reach` (a shaded cell or a word is never that wide and tall, so the paper beside
    it shows through), smoothed. Uneven light and a scanner's fall-off darken it; ink and
    shading do not. Cached on the page."""
    if page.cache_light is not None:
        return page.cache_light
    small = cv2.resize(page.grey, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    reach = max(3, SETTINGS.px(SETTINGS.light_reach, page.dpi) // 8) | 1
    light = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, reach)))
    page.cache_light = cv2.blur(light, (reach, reach))
    return page.cache_light


def contrast(grey: Image, dpi: float) -> Image:
    """How much darker each pixel is than its surroundings (the local paper or cell shading:
    a grey closing of the page), 0..255."""
    smooth = cv2.GaussianBlur(grey, (3, 3), 0)
    reach = SETTINGS.px(SETTINGS.background_reach, dpi) | 1
    background = cv2.dilate(smooth, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, reach)))
    return cv2.subtract(background, smooth)


def binarise(
    grey: Image, dpi: float, share: float | None = None, floor: float | None = None
) -> Image:
    """Ink as 255, paper as 0: darker than its surroundings by `share` of the page's
    paper-to-ink range, so fills and uneven light drop out. A low share keeps faint rules;
    the default keeps strokes thin, as letters and boxes need."""
    share = SETTINGS.ink_share if share is None else share
    paper, ink = levels(grey)
    least = max(SETTINGS.min_ink_contrast if floor is None else floor, share * (paper - ink))
    return (contrast(grey, dpi) > least).astype(np.uint8) * 255


def flatten(grey: Image, dpi: float) -> Image:
    """The page divided by its local background: shading and fills turn white, ink stays
    dark (what OCR reads best)."""
    reach = SETTINGS.px(SETTINGS.background_reach, dpi) | 1
    background = cv2.dilate(grey, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, reach)))
    return cv2.divide(grey, background, scale=255)


def skew_angle(ink: Image) -> float:
    """The rotation (degrees) that makes the page's lines level: the angle whose row
    profile is sharpest, searched coarse then fine on a reduced copy."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    h, w = small.shape[:2]

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        turned = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST)
        profile = turned.sum(axis=1, dtype=np.float64)
        return float(np.var(profile))

    limit = SETTINGS.max_skew
    coarse = max(np.arange(-limit, limit + 0.01, 0.5), key=sharpness)
    fine = max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=sharpness)
    return float(round(fine, 2))


def rotate(image: Image, angle: float, fill: int | tuple[int, int, int]) -> Image:
    """The image turned by `angle` degrees about its centre, the corners filled with paper."""
    if abs(angle) < 0.05:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )


def quarter_turns(grey: Image, dpi: float) -> int:
    """How many quarter turns (clockwise) make the text upright, from Tesseract's
    orientation detection (on a copy reduced to about 150 dpi); 0 when it cannot tell."""
    import pytesseract

    scale = min(1.0, 150.0 / dpi)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    try:
        osd = pytesseract.image_to_osd(
            small, config="--psm 0", output_type=pytesseract.Output.DICT,
            timeout=SETTINGS.ocr_timeout,
        )
    except (pytesseract.TesseractError, RuntimeError):
        return 0
    if float(osd.get("orientation_conf", 0)) < SETTINGS.orientation_confidence:
        return 0
    return int(osd.get("rotate", 0)) // 90 % 4


def upright(page: Page, turns: int) -> Page:
    """The page turned by `turns` quarter turns clockwise."""
    if turns == 0:
        return page
    code = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    colour = cv2.rotate(page.colour, code[turns]) if page.colour is not None else None
    return Page(grey=cv2.rotate(page.grey, code[turns]), colour=colour, dpi=page.dpi)


def clear_surround(page: Page) -> Page:
    """The page with what lies around the sheet painted over: the scanner glass the sheet
    did not cover (dark, with the lid's edge), a desk under a photographed page. The sheet
    is the largest bright region (its holes, shaded cells and dark headers, kept); what is
    outside it takes the grey of the sheet's nearest edge, so no edge is left to read as a
    rule."""
    grey = page.grey
    paper, _ = levels(grey)
    scale = 0.125
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    bright = (small > paper * SETTINGS.sheet_brightness).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=4)
    if count < 2:
        return page
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    contours, _ = cv2.findContours(
        (labels == biggest).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE
    )
    outline: Image = np.zeros_like(bright)
    cv2.drawContours(outline, contours, -1, 1, thickness=-1)
    sheet: Image = cv2.erode(outline, np.ones((3, 3), np.uint8))  # the sheet's own dark edge
    if float(sheet.mean()) > 0.995 or not sheet.any():
        return page
    # Each outside pixel: the grey of the nearest sheet pixel.
    _, nearest = cv2.distanceTransformWithLabels(
        1 - sheet, cv2.DIST_L2, 5, labelType=cv2.DIST_LABEL_PIXEL
    )
    value_of = np.zeros(int(nearest.max()) + 1, np.uint8)
    value_of[nearest[sheet > 0]] = small[sheet > 0]
    surround = cv2.resize(value_of[nearest], grey.shape[::-1], interpolation=cv2.INTER_LINEAR)
    outside = cv2.resize(sheet, grey.shape[::-1], interpolation=cv2.INTER_NEAREST) == 0
    grey = grey.copy()
    grey[outside] = surround[outside]
    colour = page.colour
    if colour is not None:
        colour = colour.copy()
        colour[outside] = surround[outside][:, None]
    return Page(grey=grey, colour=colour, dpi=page.dpi)


def straighten(page: Page) -> tuple[Page, float]:
    """The page levelled by its skew; the angle applied."""
    angle = skew_angle(binarise(page.grey, page.dpi))
    if abs(angle) < 0.05:
        return page, 0.0
    paper, _ = levels(page.grey)
    grey = rotate(page.grey, angle, int(paper))
    colour = None
    if page.colour is not None:
        colour = rotate(page.colour, angle, (int(paper),) * 3)
    return Page(grey=grey, colour=colour, dpi=page.dpi), angle
