"""Marks and fills drawn in a PDF page: vector tick boxes, AcroForm widgets, cell shading."""

from __future__ import annotations

from typing import Any

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


def acroform_boxes(page: Any) -> list[dict[str, Any]]:
    """AcroForm checkbox/radio widgets (state from /AS or /V) and filled text fields."""
    from pdfminer.pdftypes import resolve1

    found: list[dict[str, Any]] = []
    for annot in page.annots or []:
        data = annot.get("data") or {}
        try:
            if _name(resolve1(data.get("Subtype"))) != "Widget":
                continue
            kind = _field_value(data, "FT")
            x0, top, x1, bottom = annot["x0"], annot["top"], annot["x1"], annot["bottom"]
            box = {
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "text": "",
                "size": bottom - top,
            }
            if kind == "Btn":
                state = _name(resolve1(data.get("AS"))) or _name(_field_value(data, "V"))
                box.update(checked=state not in (None, "", "Off"), source="acroform")
                found.append(box)
            elif kind == "Tx":
                value = _field_value(data, "V")
                if isinstance(value, bytes):
                    value = value.decode(
                        "utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe") else "latin-1",
                        "replace",
                    )
                if value:
                    box.update(value=str(value).strip())
                    found.append(box)
        except Exception:  # a broken widget is skipped, never fatal
            continue
    return found


def _field_value(data: dict[str, Any], key: str, depth: int = 0) -> Any:
    """A field attribute, inherited from /Parent when absent (bounded depth: no loops)."""
    from pdfminer.pdftypes import resolve1

    value = resolve1(data.get(key))
    if value is None and depth < 8:
        parent = resolve1(data.get("Parent"))
        if isinstance(parent, dict):
            return _field_value(parent, key, depth + 1)
    return _name(value) if key == "FT" else value


def _name(value: Any) -> str | None:
    if value is None:
        return None
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    return str(name)
