"""Characters people use as ticked or empty boxes, in Unicode and in symbol fonts.

Shared by every reader: a glyph found in text becomes a `Mark`; the glyph itself is removed
from the cell's plain text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Unicode characters that mean "ticked".
CHECKED_CHARS = frozenset("☒☑✓✔✗✘■⊠⌧☓✅✕✖▣◼●◉")
# Ticked characters drawn as a cross: beside a tick in the same list they say "not this".
CROSS_CHARS = frozenset("✗✘✕✖☓")
# Unicode characters that mean "an empty box".
EMPTY_CHARS = frozenset("☐□❑❒▢◻○◯⬜")

# Symbol fonts: (font name lowercased) -> {code point: checked?}. Word stores symbol-font
# characters either as private-use code points (F000 + byte) or as the plain byte; both
# forms are listed by normalising to the byte below.
_WINGDINGS = {
    0xFE: True,  # ballot box with check
    0xFD: True,  # ballot box with x
    0xFC: True,  # check mark
    0xFB: True,  # x mark
    0x78: True,  # ballot box with x ('x' in Wingdings)
    0xA8: False,  # empty box
    0x6F: False,  # empty square ('o')
    0x71: False,  # ❑ ('q')
    0x72: False,  # ❒ ('r')
    0xA1: False,  # empty circle
    0x6E: True,  # filled square ('n')
    0xA4: True,  # filled circle in circle
}
_WINGDINGS2 = {
    0x50: True,  # check mark ('P')
    0x52: True,  # boxed check ('R')
    0x53: True,  # boxed x ('S')
    0x54: True,  # boxed x ('T')
    0x4F: True,  # x mark ('O')
    0xA3: False,  # empty box
    0x2A: False,  # empty box ('*')
    0x99: False,  # empty square
}
_WEBDINGS = {0x61: True, 0x63: False, 0x72: True, 0x3C: False}
_SYMBOL = {0xD6: True, 0xB4: True}  # √ and ×
_ZAPF = {
    0x33: True,
    0x34: True,
    0x35: True,
    0x36: True,
    0x37: True,
    0x38: True,
    0x6E: True,
    0x6F: False,
    0x70: False,
    0x71: False,
    0x72: False,
}

SYMBOL_FONTS: dict[str, dict[int, bool]] = {
    "wingdings": _WINGDINGS,
    "wingdings 2": _WINGDINGS2,
    "wingdings2": _WINGDINGS2,
    "webdings": _WEBDINGS,
    "symbol": _SYMBOL,
    "zapfdingbats": _ZAPF,
    "zapf dingbats": _ZAPF,
    "itc zapf dingbats": _ZAPF,
    "dingbats": _ZAPF,
}

# Standalone letters that mean "ticked" when they are alone in a box/cell.
TICK_WORDS = frozenset({"x", "X", "✓", "y", "Y"})

GLYPH_RE = re.compile("[" + re.escape("".join(sorted(CHECKED_CHARS | EMPTY_CHARS))) + "]")


def glyph_state(ch: str) -> bool | None:
    """True for a ticked-box character, False for an empty box, None for anything else."""
    if ch in CHECKED_CHARS:
        return True
    if ch in EMPTY_CHARS:
        return False
    return None


_LONGEST_FIRST = sorted(SYMBOL_FONTS, key=len, reverse=True)


@lru_cache(maxsize=4096)  # asked once per character drawn: a document has a few fonts
def font_key(font: str | None) -> str | None:
    """Normalise a font name ('ABCDEF+Wingdings-Regular' -> 'wingdings') or None if not symbolic."""
    if not font:
        return None
    name = font.split("+", 1)[-1].lower().replace("-regular", "").replace(",", " ").strip()
    name = re.sub(r"[-_]", " ", name)
    for key in _LONGEST_FIRST:
        if name.startswith(key) or name.replace(" ", "") == key.replace(" ", ""):
            return key
    return None


def symbol_state(font: str | None, char: str | int) -> bool | None:
    """Meaning of a character drawn in a symbol font: True ticked, False empty, None unknown."""
    key = font_key(font)
    code = char if isinstance(char, int) else ord(char[0]) if char else 0
    if key is None:
        # A symbol-font byte in its private-use form (U+F020-U+F0FF) drawn in another font:
        # the symbol font was substituted (LibreOffice exports Wingdings and Wingdings 2 as
        # OpenSymbol and keeps the code). Their box and tick codes do not overlap, so the
        # code says which it was: Wingdings, else Wingdings 2.
        if isinstance(char, str) and 0xF020 <= code <= 0xF0FF:
            byte = code - 0xF000
            state = SYMBOL_FONTS["wingdings"].get(byte)
            return state if state is not None else SYMBOL_FONTS["wingdings 2"].get(byte)
        return None
    if 0xF000 <= code <= 0xF0FF:  # private-use form of a symbol-font byte
        code -= 0xF000
    return SYMBOL_FONTS[key].get(code)


def strip_glyphs(text: str) -> str:
    """Remove tick/box characters and the spacing they leave behind."""
    stripped = GLYPH_RE.sub(" ", text)
    return re.sub(r"[ \t]{2,}", " ", stripped).strip()


def has_glyph(text: str) -> bool:
    return bool(GLYPH_RE.search(text))
