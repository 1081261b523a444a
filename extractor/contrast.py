"""Which words of a list stand out from their siblings by their look, in every format.

People mark the option they chose by making it look different from the others: bold,
underlined, shaded, coloured, italic, in capitals, bigger, in another font, in brackets or
between asterisks, or by striking the others through. "Different" is measured against the
sibling words of the same list, never against a fixed style: a list printed all in bold, or
each rating in its own colour, says nothing.
"""

from __future__ import annotations

import colorsys
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.model import Span

SIZE_STEP = 0.75  # points: a size this much above its siblings' stands out
MIN_CAPS_LETTERS = 2  # "Y" is a capital by nature, never emphasis
NATURAL_CAPS = frozenset({"NA"})  # acronyms always printed in capitals ("N/A", "NA")
MIN_CAPS_LIST = 3  # typed capitals single a word out of a printed list of three or more
_BOXED = re.compile(r"^\s*(?:[\[(*{<]+\s*\S.*?\s*[\])*}>]+|\S.*\*+)\s*$", re.DOTALL)


@dataclass(frozen=True)
class Look:
    """How one option word looks (None: not stated by the format)."""

    bold: bool = False
    underline: bool = False
    highlight: str | None = None
    colour: str | None = None
    size: float | None = None
    italic: bool = False
    caps: bool | None = None  # None: too few letters to tell
    font: str | None = None
    boxed: bool = False  # in brackets or between asterisks
    struck: bool = False


def look_of(span: Span, word: str) -> Look:
    """The look of `word` (the token as it stands, brackets included) in `span`."""
    letters = [c for c in word if c.isalpha()]
    natural = len(letters) < MIN_CAPS_LETTERS or "".join(letters).upper() in NATURAL_CAPS
    caps = None if natural else span.caps or "".join(letters).isupper()
    return Look(
        bold=span.bold,
        underline=span.underline,
        highlight=span.highlight,
        colour=span.colour,
        size=round(span.size, 1) if span.size else None,
        italic=span.italic,
        caps=caps,
        font=span.font,
        boxed=bool(_BOXED.match(word)),
        struck=span.strike,
    )


@dataclass
class StandOut:
    """Which words stand out and how; `unclear` names differences that single none out."""

    how: dict[int, list[str]] = field(default_factory=dict)
    unclear: list[str] = field(default_factory=list)

    @property
    def chosen(self) -> list[int]:
        return sorted(self.how)


_FLAGS = (
    ("bold", "bold"),
    ("underline", "underlined"),
    ("italic", "in italics"),
    ("caps", "in capitals"),
    ("boxed", "in brackets or asterisks"),
)
_NO_MODE = object()


def stand_out(looks: list[Look]) -> StandOut:
    """The words that differ from their siblings in one attribute or more.

    A flag (bold, italic…) marks the words that have it, unless all have it; shading marks
    the shaded words; a colour marks the words not in the grey most of them share, else the
    coloured words;
    a size marks the words bigger than most; a face marks the words not in the face most
    share; the words left unstruck when all others are struck stand out."""
    result = StandOut()
    count = len(looks)
    if count < 2:
        return result

    def mark(index: int, what: str) -> None:
        result.how.setdefault(index, []).append(what)

    for attr, name in _FLAGS:
        on = [i for i, look in enumerate(looks) if getattr(look, attr)]
        if attr == "caps" and not any(look.caps is False for look in looks):
            continue  # "YES / NO": capitals are the list's own style
        if attr == "caps" and count < MIN_CAPS_LIST:
            continue  # "NO/Partially" typed: two answers as typed, not one in capitals
        if 0 < len(on) < count:
            for i in on:
                mark(i, name)
    for attr, name in (("highlight", "shaded"), ("colour", "coloured")):
        values = [getattr(look, attr) for look in looks]
        if len(set(values)) < 2:
            continue
        plain = _mode(values)
        if plain is _NO_MODE or attr == "highlight" or colour_name(str(plain)) not in _DULL:
            # Shading is never a list's own style, nor is a bright colour most words share
            # (two of three options in red are two marked): only a dull one is (grey print).
            plain = None
        off = [i for i, v in enumerate(values) if v != plain]
        if 0 < len(off) < count:
            for i in off:
                mark(i, f"{name} {colour_name(values[i])}".strip() if values[i] else "plain")
        else:
            result.unclear.append(f"each word {name} differently")
    sizes = [look.size for look in looks]
    if len(set(sizes)) >= 2:
        base = _mode(sizes)
        if base is None:  # most sizes follow the style: a size stated on a few differs
            for i, s in enumerate(sizes):
                if s is not None:
                    mark(i, "in another size")
        else:
            known = [s for s in sizes if s is not None]
            floor = min(known) if base is _NO_MODE else base
            assert isinstance(floor, int | float)
            bigger = [i for i, s in enumerate(sizes) if s is not None and s >= floor + SIZE_STEP]
            if 0 < len(bigger) < count:
                for i in bigger:
                    mark(i, "bigger")
    fonts = [look.font for look in looks]
    if len(set(fonts)) >= 2:
        face = _mode(fonts)
        if face is _NO_MODE:
            result.unclear.append("the words are in different fonts")
        else:
            for i, f in enumerate(fonts):
                if f != face and f is not None:
                    mark(i, f"in another font ({f})")
    struck = [i for i, look in enumerate(looks) if look.struck]
    if len(struck) == count - 1:
        mark(next(i for i in range(count) if i not in struck), "the others struck through")
    elif 0 < len(struck) < count - 1:
        result.unclear.append("some words are struck through")
    return result


def _mode(values: Sequence[object]) -> object:
    """The one value most words share (at least two), else _NO_MODE."""
    ranked = Counter(values).most_common(2)
    if ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return _NO_MODE
    return ranked[0][0]


_DULL = frozenset({"grey", "black", ""})
_HUES = ((15, "red"), (45, "orange"), (70, "yellow"), (170, "green"), (260, "blue"))


def colour_name(hex_rgb: str | None) -> str:
    """A plain name for a colour ("red", "grey"), for messages people read."""
    if not hex_rgb or len(hex_rgb) != 6:
        return ""
    try:
        r, g, b = (int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return ""
    hue, sat, val = colorsys.rgb_to_hsv(r, g, b)
    if sat < 0.2 or val < 0.2:
        return "grey" if val > 0.2 else "black"
    degrees = hue * 360
    for limit, name in _HUES:
        if degrees < limit:
            return name
    return "purple" if degrees < 330 else "red"
