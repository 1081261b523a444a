"""A PDFium text page's characters as pdfplumber's char dicts (extractor/pdf/pdfium_objects.py
reads the rest of the page), with the spaces PDFium drops put back.

Per character PDFium is asked only what differs between the characters of one text object
(its code, box and origin, and the object); what a text object's characters share (font,
size, matrix, colours: PDFium takes them from the object) is asked once an object. The
calls go through copies of pypdfium2's functions without ctypes' argument conversion, which
is about half the cost of a call.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
from typing import Any, NamedTuple

FONT_NAME_BYTES = 256
SPACE_FIT = 0.25  # points: a gap within this of whole space advances holds dropped spaces
UPRIGHT = (1.0, 0.0, 0.0, 1.0)  # the page's CTM without rotation
_FAR = 1e300
_NO_CHAR = frozenset((0, 0xFFFE, 0xFFFF, 0x0D, 0x0A))  # codes pdfminer has no character for


class _Calls(NamedTuple):
    generated: Any
    unicode: Any
    loose_box: Any
    origin: Any
    text_object: Any
    count: Any


def _unchecked(function: Any, restype: Any) -> Any:
    """A copy of one of pypdfium2's PDFium functions without argument types: ints pass as C
    ints, pointers as ctypes objects or byref(); pypdfium2's own copy is left as it is."""
    copy = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    copy.restype = restype
    return copy


@functools.cache
def _calls() -> _Calls:
    import pypdfium2.raw as c

    return _Calls(
        _unchecked(c.FPDFText_IsGenerated, ctypes.c_int),
        _unchecked(c.FPDFText_GetUnicode, ctypes.c_uint),
        _unchecked(c.FPDFText_GetLooseCharBox, ctypes.c_int),
        _unchecked(c.FPDFText_GetCharOrigin, ctypes.c_int),
        _unchecked(c.FPDFText_GetTextObject, ctypes.c_void_p),
        _unchecked(c.FPDFText_CountChars, ctypes.c_int),
    )


def char_codes(text: Any) -> list[tuple[int, int]]:
    """(index, code point) of each character of a text page that pdfminer has too: not a
    space or line end PDFium inferred, a line break or no code; PDFium's mark for a hyphen
    ending a line (0x02) is the "-" drawn."""
    calls = _calls()
    generated, unicode = calls.generated, calls.unicode
    found: list[tuple[int, int]] = []
    for i in range(calls.count(text)):
        if generated(text, i) == 1:
            continue
        code = unicode(text, i)
        if code == 0x02:
            code = 0x2D
        elif code in _NO_CHAR:
            continue
        found.append((i, code))
    return found


def spaces_can_match(text: Any, codes: list[tuple[int, int]], spaces: int) -> bool:
    """Whether the spaces PDFium kept, with the dropped ones spaces_restored puts back, can
    number the `spaces` drawn: read from the spaces and the characters after them only."""
    calls = _calls()
    rect = _rect()
    x, y = ctypes.c_double(), ctypes.c_double()
    at, x_at, y_at = ctypes.byref(rect), ctypes.byref(x), ctypes.byref(y)
    kept: list[dict[str, Any]] = []  # each kept space and the character after it, in order
    for i, code in codes:
        if code != 0x20 and (not kept or kept[-1]["text"] != " "):
            continue
        if not calls.loose_box(text, i, at):
            continue
        calls.origin(text, i, x_at, y_at)
        kept.append({"text": chr(code), "x0": rect.left, "x1": rect.right, "bottom": y.value})
    found: int = sum(ch["text"] == " " for ch in kept)
    found += sum(_missing(ch, after) for ch, after in itertools.pairwise(kept))
    return found == spaces


def _rect() -> Any:
    import pypdfium2.raw as c

    return c.FS_RECTF()


class _Look(NamedTuple):
    """What the characters of one text object share."""

    size: float  # scaled by the text matrix
    name: str
    descent: float
    matrix: tuple[float, float, float, float, float, float]
    upright: bool
    fill: tuple[float, float, float]
    stroke: tuple[float, float, float]
    run: int


def chars(
    text: Any,
    codes: list[tuple[int, int]],
    place: Any,
    fonts_seen: dict[str, tuple[str, float]],
    order: dict[int, int],
) -> list[dict[str, Any]]:
    """The characters of a PDFium text page (`codes` from char_codes), placed by `place`
    (pdfium_objects._Place), the dropped spaces put back. A character's box is pdfminer's:
    upright, its advance across and from its font's descent (`fonts_seen`) to its size up."""
    calls = _calls()
    loose_box, origin, text_object = calls.loose_box, calls.origin, calls.text_object
    rect = _rect()
    x, y = ctypes.c_double(), ctypes.c_double()
    at, x_at, y_at = ctypes.byref(rect), ctypes.byref(x), ctypes.byref(y)
    looks: dict[int, _Look] = {}
    colours = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    a, b, c, d, e, f = place.ctm
    height, mb_x0, mb_top, doctop = place.height, place.mb_x0, place.mb_top, place.doctop
    number, upright_page = place.number, place.ctm[:4] == UPRIGHT
    straight = a == 1.0 and b == 0.0 and c == 0.0 and d == 1.0
    found: list[dict[str, Any]] = []
    for i, code in codes:
        if not loose_box(text, i, at):
            continue
        origin(text, i, x_at, y_at)
        key = text_object(text, i) or 0
        look = looks.get(key)
        if look is None:
            look = _look(text, i, key, fonts_seen, order, colours)
            if key:  # no object (never seen): its colours are whatever was read last
                looks[key] = look
        left, right = rect.left, rect.right
        if look.upright:
            low = y.value + look.descent * look.size
            high = low + look.size
        else:
            low, high = rect.bottom, rect.top
        if straight and left and right and low and high and (
            -_FAR < left < _FAR and -_FAR < right < _FAR and -_FAR < low < _FAR
            and -_FAR < high < _FAR
        ):  # 1·v + 0·w + e is v + e exactly when v is finite and not zero
            xl, xr, yl, yh = left + e, right + e, low + f, high + f
            x0, x1 = (xr, xl) if xr < xl else (xl, xr) if xr > xl else (xl, xl)
            y0, y1 = (yh, yl) if yh < yl else (yl, yh) if yh > yl else (yl, yl)
        else:  # place.box of the four corners, written out: the same sums in the same order
            xs = (a * left + c * low + e, a * left + c * high + e,
                  a * right + c * low + e, a * right + c * high + e)
            ys = (b * left + d * low + f, b * left + d * high + f,
                  b * right + d * low + f, b * right + d * high + f)
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        top = height - y1 + mb_top
        found.append({
            "object_type": "char",
            "page_number": number,
            "x0": x0 + mb_x0,
            "x1": x1 + mb_x0,
            "y0": y0,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "top": top,
            "bottom": height - y0 + mb_top,
            "doctop": doctop + top,
            "text": chr(code),
            "fontname": look.name,
            "size": y1 - y0,  # pdfminer's size: the box's height (rotated pages too)
            "adv": right - left,
            "upright": look.upright and upright_page,
            "matrix": look.matrix,
            "non_stroking_color": look.fill,
            "stroking_color": look.stroke,
            "run": look.run,  # the text object's place in drawing order
        })
    return spaces_restored(found)


def _look(
    text: Any,
    index: int,
    key: int,
    fonts_seen: dict[str, tuple[str, float]],
    order: dict[int, int],
    colours: tuple[Any, Any, Any, Any],
) -> _Look:
    """What the character at `index` shares with its text object (at address `key`)."""
    import pypdfium2.raw as c

    size = float(c.FPDFText_GetFontSize(text, index))
    bare = _font_name(c, key)
    name, descent = fonts_seen.get(bare, (bare, 0.0))
    m = c.FS_MATRIX()
    c.FPDFText_GetMatrix(text, index, m)
    matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
    upright = abs(m.b) < 1e-6 and abs(m.c) < 1e-6 and m.a > 0
    r, g, b, a = colours
    c.FPDFText_GetFillColor(text, index, r, g, b, a)
    fill = (r.value / 255, g.value / 255, b.value / 255)
    c.FPDFText_GetStrokeColor(text, index, r, g, b, a)
    stroke = (r.value / 255, g.value / 255, b.value / 255)
    return _Look(size, name, descent, matrix, upright, fill, stroke, order.get(key, -1))


def _font_name(c: Any, key: int) -> str:
    """The font name of the text object at address `key`, as PDFium gives it (without a
    subset tag); "" without an object or a font."""
    font = c.FPDFTextObj_GetFont(ctypes.cast(key, c.FPDF_PAGEOBJECT)) if key else None
    if not font:
        return ""
    buffer = ctypes.create_string_buffer(FONT_NAME_BYTES)
    length = c.FPDFFont_GetBaseFontName(font, buffer, FONT_NAME_BYTES)
    return buffer.raw[: max(0, length - 1)].decode("latin-1", "replace")


def _missing(ch: dict[str, Any], after: dict[str, Any]) -> int:
    """How many spaces PDFium dropped between a kept space and the next character: the gap
    when it is a whole number of the space's advances on the same line, else none."""
    if ch["text"] != " " or not ch.get("upright", True) or not after.get("upright", True):
        return 0
    advance = ch["x1"] - ch["x0"]
    gap = after["x0"] - ch["x1"]
    missing = round(gap / advance) if advance > 0 else 0
    if (
        missing < 1
        or abs(gap - missing * advance) > SPACE_FIT
        or abs(after["bottom"] - ch["bottom"]) > SPACE_FIT
    ):
        return 0
    return missing


def spaces_restored(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The spaces PDFium's text page drops put back. Of a run of drawn spaces it keeps the
    first only (pdfminer keeps them all, and the reader splits and marks options by them), so
    a kept space followed on its line by a gap of a whole number of its own advances
    stands for that many more spaces, each one advance further on."""
    out: list[dict[str, Any]] = []
    last = len(found) - 1
    for n, ch in enumerate(found):
        out.append(ch)
        missing = _missing(ch, found[n + 1]) if n < last and ch["text"] == " " else 0
        advance = ch["x1"] - ch["x0"]
        for k in range(1, missing + 1):
            shift = k * advance
            matrix = ch["matrix"]
            out.append(
                {
                    **ch,
                    "x0": ch["x0"] + shift,
                    "x1": ch["x1"] + shift,
                    "matrix": (*matrix[:4], matrix[4] + shift, matrix[5]),
                }
            )
    return out
