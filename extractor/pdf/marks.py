"""Marks and fills drawn in a PDF page: vector tick boxes, cell shading, bold faces and the
strokes drawn through or under words (AcroForm widgets: extractor/pdf/forms.py)."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Any

from extractor.model import Annotation, AnnotationKind, Span, Table
from extractor.pdf.nesting import holds

BOX_MIN, BOX_MAX = 5.0, 22.0  # points: the size of a drawn tick box
SQUARE_TOLERANCE = 2.5
FILL_SHARE = 0.5  # a filled rectangle must cover this share of a cell to be its fill


def _rgb(colour: Any) -> str | None:
    """pdfplumber colour (gray, RGB or CMYK floats 0..1) as RGB hex; None for white/none."""
    if colour is None:
        return None
    if isinstance(colour, (int, float)):
        colour = (colour,)
    try:
        values = [float(v) for v in colour]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        r = g = b = values[0]
    elif len(values) == 3:
        r, g, b = values
    elif len(values) == 4:
        c, m, y, k = values
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    hexed = "".join(f"{max(0, min(255, round(v * 255))):02X}" for v in (r, g, b))
    return None if hexed == "FFFFFF" else hexed


def cell_fill(page: Any, bbox: tuple[float, float, float, float]) -> str | None:
    """The colour of a filled rectangle covering most of the cell."""
    x0, top, x1, bottom = bbox
    area = max((x1 - x0) * (bottom - top), 1.0)
    for rect in page.rects:
        if not rect.get("fill"):
            continue
        ix = min(x1, rect["x1"]) - max(x0, rect["x0"])
        iy = min(bottom, rect["bottom"]) - max(top, rect["top"])
        if ix > 0 and iy > 0 and ix * iy / area >= FILL_SHARE:
            colour = _rgb(rect.get("non_stroking_color"))
            if colour is not None and colour not in ("000000",):
                return colour
    return None


def shaded(rect: dict[str, Any], page: Any) -> str | None:
    """The colour of a filled rectangle no wider than half the page (a shaded cell, not a
    page background or a band across it); None when unfilled, white or black."""
    if not rect.get("fill") or rect["x1"] - rect["x0"] > float(page.width) / 2:
        return None
    colour = _rgb(rect.get("non_stroking_color"))
    return colour if colour not in (None, "000000", "FFFFFF") else None


def vector_boxes(page: Any) -> list[dict[str, Any]]:
    """Small drawn squares: checked when a cross, tick or dark fill is drawn inside."""
    found: list[dict[str, Any]] = []
    strokes = list(page.lines) + list(page.curves)
    for rect in page.rects:
        w, h = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if not (
            BOX_MIN <= w <= BOX_MAX and BOX_MIN <= h <= BOX_MAX and abs(w - h) <= SQUARE_TOLERANCE
        ):
            continue
        inner = [s for s in strokes if _inside(s, rect)]
        dark = rect.get("fill") and (_rgb(rect.get("non_stroking_color")) or "FFFFFF") < "808080"
        found.append(
            {
                "x0": rect["x0"],
                "x1": rect["x1"],
                "top": rect["top"],
                "bottom": rect["bottom"],
                "checked": bool(inner or dark),
                "source": "vector",
                "text": "",
                "size": h,
            }
        )
    return found


def _inside(obj: dict[str, Any], rect: dict[str, Any]) -> bool:
    pad = 0.5
    return bool(
        obj["x0"] >= rect["x0"] - pad
        and obj["x1"] <= rect["x1"] + pad
        and obj["top"] >= rect["top"] - pad
        and obj["bottom"] <= rect["bottom"] + pad
        and (obj["x1"] - obj["x0"]) < (rect["x1"] - rect["x0"]) + 1
    )


PLAIN = Span("")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE_WORDS = re.compile(
    r"(?:[-,]?(?:bold|black|heavy|semibold|italic|oblique|regular|roman|mt|ps))+$", re.I
)


@functools.lru_cache(maxsize=512)
def _look(fontname: str, size: float, colour: tuple[float, ...] | None) -> Span:
    """A character's look from the pdfplumber char keys (fontname, size, non_stroking_color):
    bold and italic from the face's name, the face without subset prefix or style."""
    lower = fontname.lower()
    bold = any(w in lower for w in ("bold", "black", "heavy", "semibold"))
    italic = "italic" in lower or "oblique" in lower
    face = _STYLE_WORDS.sub("", _SUBSET.sub("", fontname)) or None
    colour_hex = _text_rgb(colour)
    return Span("", bold=bold, italic=italic, size=size or None, colour=colour_hex, font=face)


def _text_rgb(colour: tuple[float, ...] | None) -> str | None:
    """A text colour as RGB hex; None for black (the text's own colour)."""
    hexed = _rgb(colour)
    return None if hexed == "000000" else hexed


def char_look(ch: dict[str, Any]) -> Span:
    colour = ch.get("non_stroking_color")
    key = colour if colour is None or isinstance(colour, tuple) else tuple(colour)
    return _look(str(ch.get("fontname") or ""), round(float(ch.get("size") or 0), 1), key)


def text_rules(page: Any) -> list[tuple[float, float, float]]:
    """Thin horizontal strokes (x0, x1, y): strike-through and underline drawn over text."""
    found = []
    for obj in list(page.lines) + list(page.rects):
        height = float(obj["bottom"]) - float(obj["top"])
        width = float(obj["x1"]) - float(obj["x0"])
        if height <= 1.5 and width >= 3:
            found.append((float(obj["x0"]), float(obj["x1"]), (obj["top"] + obj["bottom"]) / 2))
    return found


def char_emphasis(ch: dict[str, Any], rules: list[tuple[float, float, float]]) -> Span:
    """The character's look (char_look); its word's shading (word_shades); strike-through or
    underline from a stroke across the character's middle or just under it."""
    look = char_look(ch)
    if ch.get("highlight"):
        look = replace(look, highlight=str(ch["highlight"]))
    if not rules:
        return look
    strike = underline = False
    cx = (ch["x0"] + ch["x1"]) / 2
    top, bottom = float(ch["top"]), float(ch["bottom"])
    height = bottom - top
    for x0, x1, y in rules:
        if x0 <= cx <= x1:
            if top + 0.3 * height <= y <= bottom - 0.2 * height:
                strike = True
            elif bottom - 0.2 * height < y <= bottom + 2.5:
                underline = True
    return replace(look, underline=underline, strike=strike) if strike or underline else look


SMALL_DRAWING = 14.0  # points: a drawn box smaller than this both ways is a tick box


def small_drawing(obj: dict[str, Any]) -> bool:
    """A rect, line or curve small enough to be a tick box (or part of one), never a rule."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return False
    width = float(obj.get("x1", 0)) - float(obj.get("x0", 0))
    height = float(obj.get("bottom", 0)) - float(obj.get("top", 0))
    return width < SMALL_DRAWING and height < SMALL_DRAWING


# PDF annotations that are neither form widgets nor links: sticky notes, shapes, ink, stamps.
_NOTE_KINDS: dict[str, AnnotationKind | None] = {
    "Text": "comment",
    "FreeText": "comment",
    "Popup": None,
    "Widget": None,
    "Link": None,
}


def page_annotations(page: Any) -> list[tuple[float, float, Annotation]]:
    """(x, y centre, annotation) for each comment or drawing annotation on a page."""
    found: list[tuple[float, float, Annotation]] = []
    try:
        annots = page.annots or []
    except Exception:  # a damaged /Annots array costs the annotations only
        return found
    for annot in annots:
        data = annot.get("data") or {}
        subtype = str(data.get("Subtype", "")).strip("/'")
        kind: AnnotationKind | None = _NOTE_KINDS.get(subtype, "drawing")
        if not kind:
            continue
        text = str(annot.get("contents") or "").strip()
        note = Annotation(kind, text if kind == "comment" else subtype.lower())
        x = (float(annot.get("x0", 0)) + float(annot.get("x1", 0))) / 2
        y = (float(annot.get("top", 0)) + float(annot.get("bottom", 0))) / 2
        found.append((x, y, note))
    return found


def place_annotations(
    table: Table, found: Any, notes: list[tuple[float, float, Annotation]]
) -> None:
    """Each annotation onto the table cell under its centre."""
    if not notes:
        return
    for row, grid in zip(table.rows, found.rows, strict=False):
        boxes = [b for b in grid.cells if b is not None]
        for cell, bbox in zip([c for c in row.cells if not c.continued], boxes, strict=False):
            for x, y, note in notes:
                if bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]:
                    cell.annotations.append(note)


SHADE_COVER = 0.8  # share of a word shade's box its rectangles fill; of a cell it stays under


def word_shades(page: Any, tables: list[Any], chars: list[dict[str, Any]]) -> list[Any]:
    """Word shading (Word's shading of the word itself, exported to PDF): a filled, unstroked
    rectangle smaller than the table cell it lies in. Its characters take its colour as their
    highlight (`ch["highlight"]`, read by char_emphasis). Returns `tables` without those the
    table finder made of such rectangles alone (one a line of the shaded words)."""
    cells = [c for t in tables for c in _cells(t)]
    shades: list[tuple[tuple[float, float, float, float], str]] = []
    for rect in page.rects:
        box = (float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))
        colour = _rgb(rect.get("non_stroking_color"))
        if not rect.get("fill") or rect.get("stroke") or colour in (None, "000000"):
            continue
        if any(holds(c, box, SHADE_COVER) for c in cells):
            shades.append((box, str(colour)))
    if not shades:
        return tables
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for (x0, top, x1, bottom), colour in shades:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                ch["highlight"] = colour
    return [t for t in tables if not _shade_table(page, t.bbox, [b for b, _ in shades])]


def _cells(table: Any) -> list[Any]:
    return [c for row in table.rows for c in row.cells if c is not None]


def _shade_table(page: Any, bbox: Any, shades: list[Any], slack: float = 1.5) -> bool:
    """The table at `bbox` is word shades and nothing else: they fill most of it and no line
    is drawn among them."""
    x0, top, x1, bottom = (float(v) for v in bbox)
    inside = [
        b for b in shades
        if b[0] >= x0 - slack and b[2] <= x1 + slack and b[1] >= top - slack
        and b[3] <= bottom + slack
    ]
    covered = sum((b[2] - b[0]) * (b[3] - b[1]) for b in inside)
    if not inside or covered < SHADE_COVER * (x1 - x0) * (bottom - top):
        return False
    return not any(x0 < ln["x0"] < x1 and top < ln["top"] < bottom for ln in page.lines)
