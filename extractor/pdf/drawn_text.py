"""What a page's text operators draw, counted as pdfminer decodes it but without laying
anything out: a tokenizer over the content streams (and the forms they draw) that follows
only the font (`Tf`, `q`/`Q`) and the strings shown (`Tj`, `TJ`, `'`, `"`).

It checks PDFium's characters (extractor/pdf/pdfium_objects.py) against pdfminer's:
PDFium's text page keeps only the first of a run of drawn spaces, and reads a glyph pdfminer
cannot map (`(cid:N)`) as some character of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extractor.pdf.winansi import unused_codes_as_bullets

MAX_DEPTH = 8  # forms drawn inside forms deeper than this are not followed (as pdfium_objects)
_STR = rb"\((?:[^\\()]|\\.|\((?:[^\\()]|\\.)*\))*\)"  # a literal string, one level of nesting
_HEX = rb"<[0-9A-Fa-f\s]*>"
_NAME = rb"[^\s/\[\]()<>{}%]+"
_END = rb"(?=[\s/\[\](<>%]|$)"  # an operator ends at whitespace or a delimiter
# What matters, in the order drawn: strings shown, fonts set, the state saved and restored,
# forms drawn; strings, comments and inline image data elsewhere are passed over whole.
_OPS = re.compile(
    b"|".join(
        [
            rb"(?P<show>" + _STR + b"|" + _HEX + rb")\s*(?:Tj|'|\")" + _END,
            rb"(?P<array>\[(?:[^\[\]()]|" + _STR + rb")*\])\s*TJ" + _END,
            rb"/(?P<font>" + _NAME + rb")\s+[-+.\d]+\s+Tf" + _END,
            rb"(?<![^\s\])>])(?P<save>[qQ])" + _END,
            rb"/(?P<form>" + _NAME + rb")\s+Do" + _END,
            _STR,
            rb"%[^\r\n]*",
            rb"(?<![^\s])ID\s.*?\sEI" + _END,
        ]
    ),
    re.S,
)
_IN_ARRAY = re.compile(_STR + rb"|" + _HEX)
_ESCAPE = re.compile(rb"\\(?:([nrtbf])|([0-7]{1,3})|(\r\n?|\n)|(.))", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


@dataclass
class Drawn:
    """Characters a page draws: spaces, and glyphs pdfminer cannot map to text."""

    spaces: int = 0
    unmapped: int = 0


class Unsure(Exception):
    """The page draws text that the count cannot follow (an unknown font, a string shown
    before any font is set): whether PDFium agrees is not known."""


def drawn_text(page: Any) -> Drawn | None:
    """The characters a pdfplumber page draws as pdfminer would decode them; None when the
    count cannot follow its text."""
    from pdfminer.pdftypes import resolve1

    unused_codes_as_bullets()  # as the reader decodes them
    contents = [resolve1(s) for s in getattr(page.page_obj, "contents", None) or []]
    resources = resolve1(getattr(page.page_obj, "resources", None) or {})
    drawn = Drawn()
    try:
        _count(page.pdf.rsrcmgr, resources, contents, drawn, 0)
    except Unsure:
        return None
    return drawn


def _count(rsrcmgr: Any, resources: Any, streams: list[Any], drawn: Drawn, depth: int) -> None:
    """Add what the streams draw with these resources (a form's own, when it is drawn)."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    resources = resources if isinstance(resources, dict) else {}
    fonts = resolve1(resources.get("Font")) or {}
    xobjects = resolve1(resources.get("XObject")) or {}
    made: dict[bytes, Any] = {}

    def font_named(name: bytes) -> Any:
        if name not in made:
            spec = fonts.get(name.decode("latin-1")) if isinstance(fonts, dict) else None
            if spec is None:
                raise Unsure(name)
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            made[name] = rsrcmgr.get_font(objid, resolve1(spec))
        return made[name]

    font: Any = None
    saved: list[Any] = []
    kinds: dict[int, dict[int, int]] = {}
    for stream in streams:
        for op in _OPS.finditer(stream.get_data()):
            shown, array, named, save, form = op.group("show", "array", "font", "save", "form")
            if shown is not None:
                _decode(font, _string(shown), drawn, kinds)
            elif array is not None:
                text = b"".join(_string(item) for item in _IN_ARRAY.findall(array))
                _decode(font, text, drawn, kinds)
            elif named is not None:
                font = font_named(named)
            elif save == b"q":
                saved.append(font)
            elif save == b"Q" and saved:
                font = saved.pop()
            elif form is not None:
                _draw_form(rsrcmgr, resources, xobjects, form.decode("latin-1"), drawn, depth)


def _draw_form(
    rsrcmgr: Any, resources: dict[str, Any], xobjects: Any, name: str, drawn: Drawn, depth: int
) -> None:
    """A form drawn by `Do`, counted as pdfminer draws it (with a BBox, its own resources or
    else its parent's, its text state fresh)."""
    from pdfminer.pdftypes import resolve1

    form = resolve1(xobjects.get(name)) if isinstance(xobjects, dict) else None
    attrs = getattr(form, "attrs", None)
    if not isinstance(attrs, dict) or depth >= MAX_DEPTH or "BBox" not in attrs:
        return
    if getattr(resolve1(attrs.get("Subtype")), "name", "") == "Form":
        own = resolve1(attrs.get("Resources"))
        _count(rsrcmgr, own if own else resources, [form], drawn, depth + 1)


SPACE, UNMAPPED, OTHER = 0, 1, 2


def _decode(font: Any, text: bytes, drawn: Drawn, kinds: dict[int, dict[int, int]]) -> None:
    """Count the spaces and unmapped glyphs of a string shown in `font` (each code's kind
    looked up once a font, in `kinds`)."""
    from pdfminer.pdffont import PDFUnicodeNotDefined

    if font is None:
        raise Unsure("text shown before a font is set")
    known = kinds.setdefault(id(font), {})
    for cid in font.decode(text):
        kind = known.get(cid)
        if kind is None:
            try:
                kind = SPACE if font.to_unichr(cid) == " " else OTHER
            except PDFUnicodeNotDefined:
                kind = UNMAPPED
            known[cid] = kind
        if kind == SPACE:
            drawn.spaces += 1
        elif kind == UNMAPPED:
            drawn.unmapped += 1


def _string(token: bytes) -> bytes:
    """A literal `(…)` or hex `<…>` string's bytes."""
    if token[:1] == b"<":
        digits = token[1:-1].translate(None, b" \t\r\n\f\x00")
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    return _ESCAPE.sub(_unescape, token[1:-1])


def _unescape(found: re.Match[bytes]) -> bytes:
    letter, octal, _, other = found.groups()
    if letter:
        return _ESCAPES[letter]
    if octal:
        return bytes([int(octal, 8) & 0xFF])
    return other or b""  # an escaped line end continues the string
