"""Scans made the way an office makes them, with their answer keys (issue 25).

Each return is printed through LibreOffice (a Word sample converted by `soffice --headless
--convert-to pdf`; a PDF sample as it is) and rasterised by poppler's `pdftoppm`, never by
the library the reader uses. Then the office: some unanswered items ticked or crossed in
ball-point on their printed empty boxes (blue or black, varied in size, angle and weight,
some overrunning the box), a signature, speckles; the scanner: skew up to 3 degrees, scale
and shift, the lid's edge and shadow, uneven light, blur, grain; the file: JPEG 50-85 pages
in a PDF or a TIFF, CCITT G4 bilevel, grey or colour, 150/200/300 dpi; and a phone photo or
two (perspective, curl, shadow).

The answer key is the sample's own (samples/truth), cut to the items whose numbered row is
printed on the kept pages, with each pen-ticked item answered by the option of the box the
pen ticked. The items' rows and their boxes are found in the printed PDF's text (pdfplumber:
the item's number in the first column, box glyphs, form-field widgets, square drawings).

    .venv/bin/python samples/make_office_scans.py [--out DIR] [--full] [--only NAME ...]

`office_set()` (a few pages per return, what the suite reads) and `make_office_scan()` are
what tests/test_office_scans.py uses; --full (make office-scans) makes every page.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRUTH = HERE / "truth"
sys.path[:0] = [str(HERE)] if str(HERE) not in sys.path else []

import office_paper as paper  # noqa: E402

BOX_CHARS = frozenset("☐☒☑□■▢")
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points
BOX_FONTS = ("wingding", "symbol", "dingbat")


@dataclass(frozen=True)
class Office:
    """How one office scan is made from a sample return."""

    name: str  # the scan's file name
    source: str  # the sample, relative to samples/ ("word/x.docx", "pdf/x.pdf")
    pages: tuple[int, ...] = ()  # printed pages kept, 1-based (all when empty)
    dpi: int = 200
    mode: str = "grey"  # grey | colour | bilevel
    fmt: str = "pdf"  # pdf (JPEG or G4 pages) | tif (multi-page) | jpg (a phone photo)
    jpeg: int = 75
    skew: float = 0.0  # degrees, the first page's; each later page a little different
    scale: float = 1.0
    shift: tuple[int, int] = (0, 0)  # pixels
    lid: bool = False
    light: float = 0.0  # uneven light, 0..1
    blur: float = 0.0
    grain: float = 0.0
    speckles: int = 0
    signature: bool = False
    pen: int = 0  # unanswered items ticked (or crossed) by pen
    # A Word return printed with its boxes emptied, then answered by pen on paper: each item
    # whose row prints one box per option ticked (or crossed) by pen, or left unanswered.
    blank: bool = False
    photo: bool = False
    seed: int = 0
    degradation: str = ""  # the label reported per kind of scan


WORD = (
    "word/bscb2016-housing-glyphs-na-deleted.docx",
    "word/bscb2016-youth-service-content-controls.docx",
    "word/bscb2016-academy-trust-shaded-missing-date.docx",
    "word/gp2014-health-centre-formfields-x-deleted-rows.docx",
    "word/gp2014-medical-practice-wingdings-na-swapped.docx",
    "word/gp2014-surgery-content-controls-reworded.docx",
    "word/gp2014-group-practice-shaded-x-unanswered.docx",
    "word/wt2023-police-content-controls-reworded.docx",
    "word/wt2023-nhs-trust-legacy-formfields-tracked.docx",
    "word/wt2023-district-council-typed-glyphs-swapped.docx",
    "word/wt2023-sports-club-rag-fills-merged-evidence.docx",
)
PDF = (
    "pdf/bscb2016-fire-service-glyphs-export.pdf",
    "pdf/wt2023-scouts-acroform-checkboxes.pdf",
    "pdf/gp2014-dental-practice-boxes-export.pdf",
    "pdf/wt2023-county-council-glyphs-export.pdf",
    "pdf/wt2023-prison-formfields-export.pdf",
    "pdf/wt2023-ambulance-trust-wingdings-export.pdf",
    "pdf/gp2014-village-surgery-x-export.pdf",
    "pdf/wt2023-leisure-trust-shaded-export.pdf",
)
SOURCES = WORD + PDF
# Word returns whose answers are boxes (content controls, legacy form fields, glyphs,
# Wingdings): also printed blank and answered by pen.
BLANK = frozenset(s for s in WORD if any(k in s for k in ("content-controls", "formfields",
                                                           "wingdings", "glyphs"))
                  and "typed" not in s and "-x-" not in s)

# The kinds of scan an office makes, each given to returns in turn.
KINDS: tuple[Office, ...] = (
    Office("", "", dpi=200, mode="grey", fmt="pdf", jpeg=75, skew=1.2, scale=0.99,
           shift=(12, -8), lid=True, light=0.15, blur=0.6, grain=4, speckles=40, pen=2,
           degradation="200 dpi grey JPEG q75 PDF, lid, pen"),
    Office("", "", dpi=150, mode="grey", fmt="tif", jpeg=55, skew=-2.5, scale=1.01,
           shift=(-6, 10), light=0.25, blur=0.5, grain=6, speckles=60, pen=1,
           degradation="150 dpi grey JPEG q55 TIFF, skew 2.5"),
    Office("", "", dpi=300, mode="colour", fmt="pdf", jpeg=80, skew=0.4, scale=0.98,
           shift=(20, 14), lid=True, light=0.1, blur=0.9, grain=5, speckles=30, pen=2,
           signature=True, degradation="300 dpi colour JPEG q80 PDF, signed, pen"),
    Office("", "", dpi=200, mode="bilevel", fmt="tif", skew=-0.9, scale=1.0, shift=(4, 4),
           light=0.2, blur=0.4, grain=5, speckles=80, pen=2,
           degradation="200 dpi bilevel CCITT G4 TIFF, pen"),
    Office("", "", dpi=200, mode="colour", fmt="tif", jpeg=65, skew=3.0, scale=1.02,
           shift=(-14, -10), lid=True, light=0.3, blur=0.7, grain=7, speckles=50, pen=1,
           signature=True, degradation="200 dpi colour JPEG q65 TIFF, skew 3, uneven light"),
    Office("", "", dpi=200, mode="grey", fmt="pdf", jpeg=50, skew=-1.7, scale=0.97,
           shift=(8, 16), light=0.2, blur=1.0, grain=8, speckles=100, pen=2,
           degradation="200 dpi grey JPEG q50 PDF, blur, grain"),
)
PHOTO = Office("", "", dpi=200, mode="colour", fmt="jpg", jpeg=80, photo=True, pen=1,
               degradation="phone photo (perspective, curl, shadow)")


def office_set(full: bool = False) -> list[Office]:
    """The suite's set: fifteen samples through two kinds of scan each (30 returns) and two
    phone photos, a page or two of each; `full`: every sample, every page."""
    out: list[Office] = []
    n = 0
    for source in SOURCES if full else SOURCES[:15]:
        stem = Path(source).stem
        for turn in range(2):
            kind = KINDS[n % len(KINDS)]
            blank = turn == 1 and source in BLANK
            pages = () if full else (2, 3) if blank else _few_pages(source, turn)
            name = f"{stem}-{_slug(kind)}{'-blank-pen' if blank else ''}.{kind.fmt}"
            out.append(replace(kind, name=name, source=source, pages=pages, seed=n,
                               blank=blank))
            n += 1
    for k, source in enumerate((WORD[7], PDF[0])):
        stem = Path(source).stem
        out.append(replace(PHOTO, name=f"{stem}-phone-photo.jpg", source=source,
                           pages=(2 + k,), seed=100 + k))
    return out


def _few_pages(source: str, turn: int) -> tuple[int, ...]:
    """Two pages: the first (title, organisation, the first rows) and the next, or the page
    with the most unanswered items for the pen (0, resolved once the return is printed)."""
    return (1, 2) if turn == 0 else (1, 0)


def _slug(kind: Office) -> str:
    kept = "-g4" if kind.mode == "bilevel" else f"-q{kind.jpeg}"
    return f"{kind.dpi}-{kind.mode}-{kind.fmt}{kept}"


# -- printing -------------------------------------------------------------------------------


def printed(v: Office, cache: Path) -> Path:
    """The return as printed: a PDF sample itself, a Word sample through LibreOffice (with
    every box emptied first when `v.blank`: a form printed to be ticked by pen)."""
    path = HERE / v.source
    if path.suffix == ".pdf":
        return path
    target = _print_target(path, cache, v.blank)
    if not target.exists():
        print_all([v], cache)
    return target


def _print_target(path: Path, cache: Path, blank: bool) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return cache / f"{path.stem}-{digest}{'-blank' if blank else ''}.pdf"


def print_all(variants: list[Office], cache: Path) -> None:
    """Print every Word return not yet printed, in one LibreOffice run (its start is slow)."""
    todo: dict[Path, Path] = {}  # the printed PDF -> the Word file to print
    for v in variants:
        path = HERE / v.source
        target = _print_target(path, cache, v.blank)
        if path.suffix == ".docx" and not target.exists():
            todo[target] = path
    if not todo:
        return
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="s11-print-") as folder:
        inputs = []
        for target, path in todo.items():
            copy_to = Path(folder) / "in" / f"{target.stem}.docx"
            copy_to.parent.mkdir(exist_ok=True)
            if target.stem.endswith("-blank"):
                blank_docx(path, copy_to)
            else:
                shutil.copyfile(path, copy_to)
            inputs.append(str(copy_to))
        profile = Path(folder) / "profile"
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", folder, *inputs],
            check=True, capture_output=True, timeout=600,
        )
        for target in todo:
            (Path(folder) / f"{target.stem}.pdf").replace(target)


# Ticked boxes in a Word file's XML and their empty forms: content controls, legacy form
# fields, box glyphs, Wingdings boxes (as w:sym).
_EMPTIED = (
    (re.compile(r'w14:checked w14:val="(?:1|true)"'), 'w14:checked w14:val="0"'),
    (re.compile(r"<w:checked(?: w:val=\"(?:1|true)\")?/>"), ""),
    (re.compile(r'<w:default w:val="(?:1|true)"/>'), '<w:default w:val="0"/>'),
    (re.compile("[☒☑]"), "☐"),
    (re.compile(r'w:char="F0(?:FE|FD|FB|78)"'), 'w:char="F0A8"'),
)


def blank_docx(path: Path, target: Path) -> None:
    """A copy of the Word return with every box emptied (the typed text kept)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                for pattern, empty in _EMPTIED:
                    text = pattern.sub(empty, text)
                data = text.encode("utf-8")
            out.writestr(info, data)


def rasterise(pdf: Path, page: int, dpi: int, cache: Path) -> np.ndarray:
    """One printed page at `dpi` (BGR), by poppler's pdftoppm; kept in `cache`."""
    target = cache / f"{pdf.stem}-p{page}-{dpi}.png"
    if not target.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
             "-singlefile", str(pdf), str(target.with_suffix(""))],
            check=True, capture_output=True, timeout=120,
        )
    image = cv2.imread(str(target), cv2.IMREAD_COLOR)
    assert image is not None, target
    return np.asarray(image)


# -- where items and boxes are printed -----------------------------------------------------


@dataclass
class PrintedRow:
    """An item's numbered row on the printed page (points) and the boxes in it."""

    item: str
    page: int
    top: float
    bottom: float
    boxes: list[Box]  # left to right (a stack of boxes: top down)
    end_page: int = 0  # the page where the next item's row starts (its block may reach it)


def printed_rows(pdf_path: Path, items: list[str]) -> dict[str, PrintedRow]:
    """Each item's row: its number as a word in the first column, down to the next number
    (or the page's end); boxes are glyphs (☐, a symbol font's), form-field widgets and small
    square drawings within it."""
    import pdfplumber

    rows: dict[str, PrintedRow] = {}
    wanted = set(items)
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            labels = sorted(
                (w for w in words if w["text"].rstrip(".") in wanted and w["x0"] < 140),
                key=lambda w: w["top"],
            )
            boxes = _boxes(page)
            for n, label in enumerate(labels):
                item = label["text"].rstrip(".")
                if item in rows:
                    continue
                bottom = labels[n + 1]["top"] - 2 if n + 1 < len(labels) else page.height
                inside = [b for b in boxes if label["top"] - 6 <= b[1] < bottom
                          and b[0] > label["x0"]]
                inside.sort(key=lambda b: (round(b[0] / 12), b[1]))
                rows[item] = PrintedRow(item, page.page_number, label["top"], bottom, inside)
        last = len(pdf.pages)
    ordered = sorted(rows.values(), key=lambda r: (r.page, r.top))
    for row, after in zip(ordered, [*ordered[1:], None], strict=True):
        row.end_page = after.page if after is not None else last
    return rows


def _boxes(page: Any) -> list[tuple[float, float, float, float]]:
    found: list[tuple[float, float, float, float]] = []
    for c in page.chars:
        font = str(c.get("fontname", "")).lower()
        if c["text"] in BOX_CHARS or any(f in font for f in BOX_FONTS):
            found.append((c["x0"], c["top"], c["x1"], c["bottom"]))
    for a in page.annots:
        if 6 <= a["x1"] - a["x0"] <= 24 and 6 <= a["bottom"] - a["top"] <= 24:
            found.append((a["x0"], a["top"], a["x1"], a["bottom"]))
    for r in page.rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if 5 <= w <= 20 and abs(w - h) <= 1.5:
            found.append((r["x0"], r["top"], r["x1"], r["bottom"]))
    unique: list[tuple[float, float, float, float]] = []
    for box in found:
        if not any(abs(box[0] - u[0]) < 3 and abs(box[1] - u[1]) < 3 for u in unique):
            unique.append(box)
    return unique


# -- the scan -------------------------------------------------------------------------------


def make_office_scan(v: Office, out_dir: Path, cache: Path | None = None) -> Path:
    """Write the scan and its answer key (<name>.truth.json) into `out_dir`."""
    from mappings.toolkits import load_toolkit

    cache = cache or ROOT / "out" / "office-print"
    rng = np.random.default_rng(v.seed)
    pdf = printed(v, cache)
    truth = json.loads((TRUTH / f"{Path(v.source).name}.truth.json").read_text("utf-8"))
    order = load_toolkit(truth["toolkit"]).option_order
    rows = printed_rows(pdf, list(truth["items"]))
    count = _page_count(pdf)
    pages = [p for p in (v.pages or tuple(range(1, count + 1))) if p <= count]
    if 0 in pages:
        pages[pages.index(0)] = _open_page(truth, rows, [p for p in pages if p], count)
    ticks = _pen_ticks(v, truth, rows, pages, order, rng)
    images = []
    for number, page in enumerate(pages):
        image = rasterise(pdf, page, v.dpi, cache).copy()
        scale = v.dpi / 72
        for row, index in ticks:
            if row.page == page:
                boxes = option_boxes(row, order) or []
                box = tuple(c * scale for c in boxes[index])
                paper.pen_mark(image, box, rng, cross=bool(rng.random() < 0.35),
                               overrun=bool(rng.random() < 0.4), blue=bool(rng.random() < 0.6))
        if v.signature and number == len(pages) - 1:
            paper.signature(image, rng, v.dpi)
        paper.speckles(image, rng, v.speckles)
        if v.photo:
            image = paper.phone(image, rng)
        else:
            image = paper.scanner(
                image, rng, skew=v.skew + rng.uniform(-0.4, 0.4) * (number > 0),
                scale=v.scale, shift=v.shift, lid=v.lid, light=v.light, blur=v.blur,
                grain=v.grain)
        images.append(paper.to_mode(image, v.mode))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / v.name
    paper.save(images, target, v.fmt, v.jpeg, v.dpi)
    key = answer_key(truth, rows, pages, ticks, order, whole=not v.pages or len(pages) == count,
                     blank=v.blank)
    key["exercises"] = f"{truth.get('exercises', '')}; office scan: {v.degradation}"
    (out_dir / f"{v.name}.truth.json").write_text(
        json.dumps(key, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def _page_count(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def _open_page(truth: dict[str, Any], rows: dict[str, PrintedRow], taken: list[int],
               count: int) -> int:
    """The page not yet taken with the most unanswered items (the pen's), else the next."""
    tally: dict[int, int] = {}
    for item, want in truth["items"].items():
        row = rows.get(item)
        if row is not None and row.page not in taken and want.get("response") is None:
            tally[row.page] = tally.get(row.page, 0) + 1
    if tally:
        return max(sorted(tally), key=lambda p: tally[p])
    return min(max(taken, default=0) + 1, count)


def _pen_ticks(
    v: Office, truth: dict[str, Any], rows: dict[str, PrintedRow], pages: list[int],
    order: list[str], rng: np.random.Generator,
) -> list[tuple[PrintedRow, int]]:
    """The items the pen answers, each with the option it ticks: on a blank print most items
    whose row prints one box per option (the rest left unanswered); else `v.pen` unanswered
    items of the kept pages."""
    whole = [r for r in rows.values() if r.page in pages and r.end_page in pages
             and option_boxes(r, order) is not None]
    if v.blank:
        return [(r, int(rng.integers(len(order)))) for r in whole if rng.random() < 0.85]
    open_items = [r for r in whole if truth["items"][r.item].get("response") is None
                  and not truth["items"][r.item].get("conflicting")
                  and not truth["items"][r.item].get("missing")]
    picked = rng.permutation(len(open_items))[: v.pen] if open_items else []
    return [(open_items[int(k)], int(rng.integers(len(order)))) for k in picked]


def option_boxes(row: PrintedRow, order: list[str]) -> list[Box] | None:
    """The row's boxes for its options, in the toolkit's order: one per option, or one more
    (the action-plan box, rightmost) left out; None when the row prints otherwise."""
    if len(row.boxes) == len(order):
        return row.boxes
    if len(row.boxes) == len(order) + 1:
        plan = max(row.boxes, key=lambda b: b[0])
        return [b for b in row.boxes if b is not plan]
    return None


def answer_key(
    truth: dict[str, Any], rows: dict[str, PrintedRow], pages: list[int],
    ticks: list[tuple[PrintedRow, int]], order: list[str], whole: bool, blank: bool = False,
) -> dict[str, Any]:
    """The sample's key cut to the items whose rows are printed on the kept pages, up to the
    next item's row (an item missing from the sample only when every page is kept),
    pen-ticked items answered."""
    key = copy.deepcopy(truth)
    kept = {}
    for item, want in truth["items"].items():
        row = rows.get(item)
        printed_whole = row is not None and all(
            p in pages for p in range(row.page, row.end_page + 1))
        if blank and printed_whole:  # on a blank print only rows the pen could answer count
            if row is not None and option_boxes(row, order) is not None:
                kept[item] = {**want, "response": None, "conflicting": False}
        elif printed_whole or (whole and want.get("missing")):
            kept[item] = want
    for row, index in ticks:
        kept[row.item] = {**kept[row.item], "response": order[index], "conflicting": False,
                          "pen": True}
    key["items"] = kept
    key["pages"] = pages
    return key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "office-scans")
    parser.add_argument("--full", action="store_true", help="every page of every return")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--cache", type=Path, default=ROOT / "out" / "office-print",
                        help="printed returns and rasterised pages, kept between runs")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    chosen = [v for v in office_set(full=args.full)
              if not args.only or any(o in v.name for o in args.only)]
    print_all(chosen, args.cache)
    for v in chosen:
        print(f"wrote {make_office_scan(v, args.out, args.cache)}", flush=True)


if __name__ == "__main__":
    main()
