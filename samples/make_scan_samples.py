"""Scanned returns made from the PDF samples (samples/pdf), with their answer keys.

Each PDF page is rendered with pypdfium2 (form fields drawn), then printed-and-scanned:
a resolution (150/200/300 dpi), a small rotation, noise, blur, JPEG artefacts, grey or
colour, a light or dark copy; some get a pen-drawn tick over an empty printed box, and their
answer key says so. Scans are written to a folder (default out/scans), never committed:

    .venv/bin/python samples/make_scan_samples.py [--out DIR] [--only NAME ...]

`variants()` and `make_scan()` are what the tests use (tests/test_scan_samples.py).
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PDF = HERE / "pdf"
TRUTH = HERE / "truth"


@dataclass(frozen=True)
class Variant:
    """How one scan is made from a PDF sample."""

    name: str  # the scan's file name
    source: str  # the PDF sample it is made from
    dpi: int = 200
    angle: float = 0.0  # degrees, counter-clockwise
    noise: float = 0.0  # sigma of Gaussian noise (grey levels)
    blur: float = 0.0  # sigma of Gaussian blur (pixels)
    jpeg: int = 0  # JPEG quality the pages went through (0: none)
    colour: bool = False
    contrast: float = 1.0  # < 1: a light copy, > 1 with `darken`: a dark one
    darken: float = 0.0  # grey levels taken off the paper
    fmt: str = "pdf"  # "pdf" (image-only), "tif" (multi-page) or "png"/"jpg" (first page)
    pages: tuple[int, ...] = ()  # 1-based pages kept (all when empty)
    pen: tuple[tuple[str, int], ...] = ()  # (item id, box index from the left) ticked by pen
    seed: int = 0
    degradation: str = "clean"  # the label reported per variant
    tags: frozenset[str] = field(default_factory=frozenset)


# PDF samples whose answers are tick boxes. Not gp2014-walk-in-centre-acroform-radio.pdf:
# PDFium draws its radio buttons (reportlab's appearance streams) as open curls, not the
# round buttons a printer shows, and round buttons are not read from scans yet.
BOX_RETURNS = (
    "bscb2016-fire-service-glyphs-export.pdf",
    "wt2023-scouts-acroform-checkboxes.pdf",
    "gp2014-dental-practice-boxes-export.pdf",
    "wt2023-county-council-glyphs-export.pdf",
    "wt2023-prison-formfields-export.pdf",
    "wt2023-ambulance-trust-wingdings-export.pdf",
)


def variants(small: bool = False) -> list[Variant]:
    """The scan set: every tick-box return at 200 dpi; the short ones also at 150 and
    300 dpi and through each degradation; `small`, the few the test suite reads."""
    short = BOX_RETURNS[:2]
    out: list[Variant] = []
    for n, source in enumerate(short):
        stem = source.removesuffix(".pdf")
        pen = _PEN.get(source, ())
        out += [
            Variant(f"{stem}-150-grey-jpeg.pdf", source, dpi=150, jpeg=60, seed=n,
                    degradation="150 dpi, grey, JPEG q60"),
            Variant(f"{stem}-200-colour-rotated.pdf", source, dpi=200, angle=1.4 - n, noise=6,
                    colour=True, seed=n, degradation="200 dpi, colour, rotated, noise"),
            Variant(f"{stem}-300-grey-rotated-blur.tif", source, dpi=300, angle=-2.2 + n,
                    blur=1.0, noise=8, fmt="tif", seed=n,
                    degradation="300 dpi, grey, rotated, blur, noise"),
            Variant(f"{stem}-200-light-copy.pdf", source, dpi=200, contrast=0.45, noise=5,
                    angle=0.6, seed=n, degradation="200 dpi, light photocopy"),
            Variant(f"{stem}-200-dark-copy{'-pen' if pen else ''}.pdf", source, dpi=200,
                    contrast=1.0, darken=60,
                    noise=10, jpeg=70, angle=-0.8, pen=pen, seed=n,
                    degradation="200 dpi, dark copy (pen ticks where unanswered)"),
        ]
    if small:
        return [v for v in out if v.source == short[0] and v.dpi < 300 and not v.contrast < 1
                and not v.darken] + [v for v in out if v.source == short[1] and v.pen]
    for n, source in enumerate(BOX_RETURNS[2:]):
        out.append(Variant(f"{source.removesuffix('.pdf')}-200-grey.pdf", source, dpi=200,
                           noise=5, angle=0.9, jpeg=75, seed=10 + n, pen=_PEN.get(source, ()),
                           degradation="200 dpi, grey, rotated, JPEG q75"))
    return out


# An unanswered item's empty box, ticked by pen: (item, box index from the left).
_PEN = {
    "wt2023-scouts-acroform-checkboxes.pdf": (("2.2", 0),),
    "wt2023-county-council-glyphs-export.pdf": (("2.4", 1),),
}


def render(pdf_path: Path, dpi: int, pages: tuple[int, ...]) -> list[np.ndarray]:
    """The PDF's pages as BGR images, form fields drawn from their appearance streams."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_path)
    pdf.init_forms()
    try:
        wanted = pages or tuple(range(1, len(pdf) + 1))
        out = []
        for number in wanted:
            bitmap = pdf[number - 1].render(scale=dpi / 72, may_draw_forms=True)
            array = np.array(bitmap.to_numpy())
            out.append(array[:, :, :3] if array.ndim == 3 else array)
        return out
    finally:
        pdf.close()


def pen_spots(pdf_path: Path, pen: tuple[tuple[str, int], ...]) -> dict[int, list[Any]]:
    """Page (1-based) → boxes (x0, top, x1, bottom in points) to tick by pen: the n-th
    empty box (a widget or a box glyph) on the row whose number is the item id."""
    import pdfplumber

    spots: dict[int, list[Any]] = {}
    with pdfplumber.open(pdf_path) as pdf:
        for item, index in pen:
            for page in pdf.pages:
                labels = [w for w in page.extract_words() if w["text"] == item and w["x0"] < 90]
                if not labels:
                    continue
                top = labels[0]["top"]
                boxes = [
                    (a["x0"], a["top"], a["x1"], a["bottom"]) for a in page.annots
                    if 6 <= a["x1"] - a["x0"] <= 24 and top - 6 <= a["top"] <= top + 30
                ] + [
                    (c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.chars
                    if c["text"] == "☐" and top - 6 <= c["top"] <= top + 30
                ]
                boxes.sort()
                if len(boxes) > index:
                    spots.setdefault(page.page_number, []).append(boxes[index])
                break
    return spots


def draw_tick(image: np.ndarray, box: Any, scale: float, rng: np.random.Generator) -> None:
    """A hand-drawn tick (blue-black ink) over a box, overrunning its top right."""
    x0, top, x1, bottom = (v * scale for v in box)
    w = x1 - x0
    jitter = rng.uniform(-0.08, 0.08, size=6) * w
    points = np.array([
        (x0 + 0.1 * w + jitter[0], top + 0.55 * w + jitter[1]),
        (x0 + 0.4 * w + jitter[2], bottom + 0.05 * w + jitter[3]),
        (x1 + 0.45 * w + jitter[4], top - 0.5 * w + jitter[5]),
    ], dtype=np.int32)
    thickness = max(2, round(w / 9))
    colour = (110, 40, 20) if image.ndim == 3 else 50
    cv2.polylines(image, [points], False, colour, thickness, lineType=cv2.LINE_AA)


def degrade(image: np.ndarray, v: Variant, rng: np.random.Generator) -> np.ndarray:
    """A printed-and-scanned copy of one rendered page."""
    out = image if v.colour else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    out = out.astype(np.float32)
    if v.contrast != 1.0:
        out = 255 - (255 - out) * v.contrast
    if v.darken:
        out = out * (255 - v.darken) / 255
    if v.angle:
        h, w = out.shape[:2]
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), v.angle, 1.0)
        out = cv2.warpAffine(out, matrix, (w, h), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_REPLICATE)
    if v.blur:
        out = cv2.GaussianBlur(out, (0, 0), v.blur)
    if v.noise:
        out = out + rng.normal(0, v.noise, out.shape).astype(np.float32)
    result = np.clip(out, 0, 255).astype(np.uint8)
    if v.jpeg:
        ok, data = cv2.imencode(".jpg", result, [cv2.IMWRITE_JPEG_QUALITY, v.jpeg])
        assert ok
        result = cv2.imdecode(data, cv2.IMREAD_UNCHANGED)
    return result


def make_scan(v: Variant, out_dir: Path) -> Path:
    """Write the scan and its answer key (<name>.truth.json) into `out_dir`."""
    from PIL import Image

    rng = np.random.default_rng(v.seed)
    source = PDF / v.source
    pages = render(source, v.dpi, v.pages)
    spots = pen_spots(source, v.pen) if v.pen else {}
    for number, boxes in spots.items():
        for box in boxes:
            draw_tick(pages[number - 1], box, v.dpi / 72, rng)
    scans = [degrade(p, v, rng) for p in pages]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / v.name
    pictures = [
        Image.fromarray(cv2.cvtColor(s, cv2.COLOR_BGR2RGB) if s.ndim == 3 else s)
        for s in scans
    ]
    if v.fmt == "pdf":
        pictures[0].save(target, "PDF", resolution=v.dpi, save_all=True,
                         append_images=pictures[1:])
    elif v.fmt == "tif":
        pictures[0].save(target, "TIFF", save_all=True, append_images=pictures[1:],
                         compression="tiff_deflate", dpi=(v.dpi, v.dpi))
    else:
        pictures[0].save(target, dpi=(v.dpi, v.dpi))
    truth = json.loads((TRUTH / f"{v.source}.truth.json").read_text(encoding="utf-8"))
    truth = pen_truth(truth, v, spots)
    (out_dir / f"{v.name}.truth.json").write_text(
        json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return target


def pen_truth(truth: dict[str, Any], v: Variant, spots: dict[int, list[Any]]) -> dict[str, Any]:
    """The sample's answer key with the pen-ticked items answered (the toolkit's option at
    the ticked box's place; every option has its box in these forms)."""
    if not spots:
        return truth
    sys.path.insert(0, str(ROOT))
    from mappings.toolkits import load_toolkit

    truth = copy.deepcopy(truth)
    order = load_toolkit(truth["toolkit"]).option_order
    for item, index in v.pen:
        truth["items"][item]["response"] = order[index]
    truth["exercises"] = f"{truth.get('exercises', '')}; scanned, pen ticks on {len(v.pen)} items"
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "scans")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    for v in variants(small=args.small):
        if args.only and not any(o in v.name for o in args.only):
            continue
        print(f"wrote {make_scan(v, args.out)}")


if __name__ == "__main__":
    main()
