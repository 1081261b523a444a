"""Word shading colours: w:shd fills, patterns mixed over them and theme colours with tint."""

from __future__ import annotations

import re
from typing import Any

from extractor.docx import ooxml as X


def shading_rgb(shd: Any, theme: dict[str, str] | None = None) -> str | None:
    """Colour of a w:shd: fill, pattern colour mixed over it, or a theme colour."""
    val = (shd.get(X.VAL) or "clear").lower()
    fill = hex_digits(shd.get(X.FILL))
    color = hex_digits(shd.get(X.COLOR))
    if fill is None and theme:
        fill = _theme(shd, theme)
    if val == "solid" and color:
        return _white_none(color)
    match = re.fullmatch(r"pct(\d+)", val)
    if match and color:
        share = int(match.group(1)) / 100
        return _white_none(_mix(color, fill or "FFFFFF", share))
    if val in ("nil",):
        return None
    return _white_none(fill) if fill else None


def _theme(shd: Any, theme: dict[str, str]) -> str | None:
    name = shd.get(X.THEME_FILL)
    base = theme.get(X.THEME_SLOTS.get(name or "", ""))
    if base is None:
        return None
    tint, shade = shd.get(X.THEME_FILL_TINT), shd.get(X.THEME_FILL_SHADE)
    if tint and _hex2(tint) is not None:
        return _mix(base, "FFFFFF", (_hex2(tint) or 255) / 255)
    if shade and _hex2(shade) is not None:
        return _mix(base, "000000", (_hex2(shade) or 255) / 255)
    return base


def _mix(front: str, back: str, share: float) -> str:
    parts = []
    for i in (0, 2, 4):
        a, b = int(front[i : i + 2], 16), int(back[i : i + 2], 16)
        parts.append(f"{round(a * share + b * (1 - share)):02X}")
    return "".join(parts)


def hex_digits(value: str | None) -> str | None:
    """An RRGGBB colour or a 4-digit character code, uppercased; None for anything else."""
    if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return value.upper()
    if value and re.fullmatch(r"[0-9A-Fa-f]{4}", value):
        return value.upper()
    return None


def _hex2(value: str) -> int | None:
    return int(value, 16) if re.fullmatch(r"[0-9A-Fa-f]{2}", value) else None


def _white_none(rgb: str) -> str | None:
    return None if rgb.upper() in ("FFFFFF", "AUTO") or len(rgb) != 6 else rgb.upper()
