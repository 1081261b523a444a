"""Excel colours to RGB hex: rgb (ARGB), the indexed legacy palette, theme colours with tint."""

from __future__ import annotations

import colorsys
from typing import Any

# Theme colour index -> DrawingML colour scheme slot (Excel swaps the first two pairs).
THEME_ORDER = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
# Pattern fills: share of the foreground colour over the background.
PATTERN_DENSITY = {
    "solid": 1.0,
    "darkGray": 0.75,
    "mediumGray": 0.5,
    "lightGray": 0.25,
    "gray125": 0.125,
    "gray0625": 0.0625,
    "darkGrid": 0.5,
    "darkTrellis": 0.75,
    "lightGrid": 0.25,
    "lightTrellis": 0.25,
    "darkHorizontal": 0.5,
    "darkVertical": 0.5,
    "darkDown": 0.5,
    "darkUp": 0.5,
    "lightHorizontal": 0.25,
    "lightVertical": 0.25,
    "lightDown": 0.25,
    "lightUp": 0.25,
}


def theme_colours(theme_xml: bytes | None) -> list[str]:
    """The workbook theme's 12 colours in Excel's theme-index order."""
    if not theme_xml:
        return []
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(theme_xml, parser)
    found: dict[str, str] = {}
    for scheme in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}clrScheme"):
        for slot in scheme:
            for value in slot:
                rgb = value.get("val") if etree.QName(value).localname == "srgbClr" else None
                rgb = rgb or value.get("lastClr")
                if rgb:
                    found[etree.QName(slot).localname] = rgb.upper()
    return [found.get(name, "000000") for name in THEME_ORDER]


def apply_tint(rgb: str, tint: float) -> str:
    """Excel's tint: lighten (tint > 0) or darken (tint < 0) in HLS lightness."""
    if not tint:
        return rgb
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), s)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def resolve(colour: Any, theme: list[str], palette: list[str]) -> str | None:
    """An openpyxl Color as uppercase RGB hex, or None (auto/unknown)."""
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    if kind == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) in (6, 8):
        return colour.rgb[-6:].upper()
    if kind == "indexed" and isinstance(colour.indexed, int):
        index = colour.indexed
        if 0 <= index < len(palette):
            return palette[index][-6:].upper()
        return None
    if kind == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(theme):
        return apply_tint(theme[colour.theme], float(colour.tint or 0))
    return None


def mix(front: str, back: str, share: float) -> str:
    """`share` of the front colour over the back colour."""
    return "".join(
        f"{round(int(front[i : i + 2], 16) * share + int(back[i : i + 2], 16) * (1 - share)):02X}"
        for i in (0, 2, 4)
    )


def fill_rgb(fill: Any, theme: list[str], palette: list[str]) -> str | None:
    """A cell's fill as RGB: solid, or a pattern blended over its background; None for white."""
    kind = getattr(fill, "fill_type", None) or getattr(fill, "patternType", None)
    if not kind or kind == "none":
        return None
    front = resolve(fill.fgColor, theme, palette)
    back = resolve(fill.bgColor, theme, palette) or "FFFFFF"
    if front is None:
        return None
    share = PATTERN_DENSITY.get(kind, 0.5)
    if share < 1:
        front = mix(front, back, share)
    return None if front == "FFFFFF" else front
