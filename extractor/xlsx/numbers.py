"""The text Excel shows for a number under its cell's number format.

A workbook stores 45% as the number 0.45 with the format "0%"; a reader must give what the
sheet shows ("45%"), not the stored value. Only the common number formats are rendered here
(percent, fixed decimals, thousands separators, literal text around the number, per-sign
sections); anything else (General, text, dates, fractions, scientific) returns None and the
caller keeps the bare value.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_PLACEHOLDERS = frozenset("0#?")
_DATE_CODES = frozenset("yYmMdDhHsS")
_UNRENDERED = frozenset("/eE@")  # fractions, scientific, text sections


def displayed(value: float, number_format: str | None) -> str | None:
    """What Excel displays for `value` under `number_format`, or None when not rendered."""
    fmt = (number_format or "").strip()
    if not fmt or fmt.lower() == "general":
        return None
    sections = _split(fmt)
    negative = value < 0
    if negative and len(sections) >= 2:
        section, sign = sections[1], ""
    elif value == 0 and len(sections) >= 3:
        section, sign = sections[2], ""
    else:
        section, sign = sections[0], "-" if negative else ""
    tokens = _tokens(section)
    if tokens is None:
        return None
    body = _number(abs(value), tokens)
    if body is None:
        return None
    return (sign + body).strip()


def _split(fmt: str) -> list[str]:
    """The format's ';'-separated sections, quotes and escapes respected."""
    sections, current, quoted, escaped = [], "", False, False
    for ch in fmt:
        if escaped:
            current, escaped = current + ch, False
        elif ch == "\\":
            current, escaped = current + ch, True
        elif ch == '"':
            current, quoted = current + ch, not quoted
        elif ch == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return sections


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """(kind, text) tokens: 'lit' literal text, 'num' a placeholder, '.', ',', '%';
    None when the section holds codes this module does not render."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append(("lit", section[i + 1 : end]))
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
            continue
        if ch == "[":  # [Red], [$-809], [$£-809]: colour or locale; a currency symbol shows
            end = section.find("]", i)
            if end < 0:
                return None
            inner = section[i + 1 : end]
            if inner.startswith("$"):
                out.append(("lit", inner[1:].split("-", 1)[0]))
            elif inner[:1] in "<>=":
                return None  # conditional sections
            i = end + 1
            continue
        if ch in "_*":  # padding to a character's width, or a fill: no visible text
            i += 2
            continue
        if ch in _DATE_CODES or ch in _UNRENDERED:
            return None
        if ch in _PLACEHOLDERS:
            out.append(("num", ch))
        elif ch in ".,%":
            out.append((ch, ch))
        else:
            out.append(("lit", ch))
        i += 1
    return out


def _number(value: float, tokens: list[tuple[str, str]]) -> str | None:
    places = [i for i, (kind, _) in enumerate(tokens) if kind == "num"]
    if not places:
        return _literal(tokens)  # a section of text only ("zero"), or empty: zeros hidden
    first, last = places[0], places[-1]
    inner = tokens[first : last + 1]
    if any(kind == "lit" for kind, _ in inner):
        return None  # text between digits ("000-000"): not rendered
    trailing_commas = 0
    j = last + 1
    while j < len(tokens) and tokens[j][0] == ",":
        trailing_commas += 1
        j += 1
    point = next((i for i, (kind, _) in enumerate(inner) if kind == "."), None)
    int_part = inner if point is None else inner[:point]
    dec_part = [] if point is None else [t for _, t in inner[point + 1 :] if t in _PLACEHOLDERS]
    grouped = any(kind == "," for kind, _ in int_part)
    min_int = sum(1 for _, t in int_part if t == "0")
    # Decimals up to the last "0" always show; "#" ones only when not zero ("0.0#").
    min_dec = max((i + 1 for i, t in enumerate(dec_part) if t == "0"), default=0)
    percents = sum(1 for kind, _ in tokens if kind == "%")
    try:  # the shortest decimal that is the float, then Excel's rounding (half away from 0)
        number = Decimal(repr(float(value)))
        number = number * (Decimal(100) ** percents) / (Decimal(1000) ** trailing_commas)
        rounded = number.quantize(Decimal(1).scaleb(-len(dec_part)), rounding=ROUND_HALF_UP)
    except (InvalidOperation, OverflowError):  # inf, nan
        return None
    whole, _, frac = f"{rounded:f}".partition(".")
    whole = whole.lstrip("0")
    whole = whole.rjust(min_int, "0")
    if grouped and whole:
        whole = f"{int(whole):,}"
    frac = frac.rstrip("0").ljust(min_dec, "0") if dec_part else ""
    digits = whole if point is None else f"{whole}.{frac}"
    before = _literal(tokens[:first])
    after = _literal(tokens[last + 1 + trailing_commas :])
    return before + digits + after


def _literal(tokens: list[tuple[str, str]]) -> str:
    return "".join(t for kind, t in tokens if kind in ("lit", "%", "."))
