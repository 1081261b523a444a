"""A PDF cell's or line's text rebuilt from its characters (and the boxes drawn among them):
lines by height, words by gaps, tick glyphs and symbol-font characters as marks, each
character's look (extractor/pdf/marks.py) kept as spans, wrapped lines joined."""

from __future__ import annotations

import functools
import itertools
import operator
from dataclasses import dataclass
from typing import Any

from extractor.glyphs import CROSS_CHARS, glyph_state, symbol_state
from extractor.inline import MAX_SHORT_WORDS, Inline, finish, span_emphasis
from extractor.model import MarkSource, Span
from extractor.pdf.forms import beside_text
from extractor.pdf.marks import PLAIN, char_emphasis


@dataclass(frozen=True)
class TextSettings:
    """Tolerances for rebuilding text (points, or a share of the font size)."""

    line_tolerance: float = 3.0
    space_ratio: float = 0.2  # a gap wider than this share of the font size is a space

    def __post_init__(self) -> None:
        if self.line_tolerance <= 0:
            raise ValueError("line_tolerance must be > 0")


SETTINGS = TextSettings()


def cell_text(
    chars: list[dict[str, Any]],
    boxes: list[dict[str, Any]],
    right: float | None = None,
    rules: list[tuple[float, float, float]] | None = None,
) -> tuple[str, list[Any], list[Span]]:
    ticks = [b for b in boxes if "checked" in b]
    inline = inline_of(chars + ticks, right, rules or [])
    text, marks = finish(inline)
    # Runs are kept where emphasis may be meant: looks that differ within the cell, or a
    # short cell whose look may differ from its sibling option cells (mappings/emphasis.py).
    contrasting = _contrasting(inline.spans)
    short = len(text.split()) <= MAX_SHORT_WORDS
    spans = inline.spans if short or contrasting else []
    if spans and not marks:  # the chosen option looks different, or the others struck
        marks = span_emphasis(text, spans)
    typed = [str(b["value"]) for b in boxes if b.get("value")]  # filled form text fields
    if typed:
        text = "\n".join(t for t in (text, *typed) if t)
    return text, marks, spans


def inline_of(
    items: list[dict[str, Any]],
    right: float | None = None,
    rules: list[tuple[float, float, float]] | None = None,
) -> Inline:
    """Characters (and boxes drawn as pseudo-characters) in reading order, as an Inline.

    Wrapped lines of one cell read as running text, joined by a space, except after a
    line-end hyphen ("re-" + "checked") and inside a word too long for its column, which
    the exporter breaks where the cell ends (`right`, the cell's right edge)."""
    inline = Inline()
    run = _Run(inline)
    lines = _group_lines(items)
    for n, line in enumerate(lines):
        if n and not _word_continues(lines[n - 1], line, right):
            run.add(" ", PLAIN)  # a plain space ends a styled run
        previous: dict[str, Any] | None = None
        for ch in line:
            size = float(ch.get("size") or 10)
            if previous is not None and ch["x0"] - previous["x1"] > size * SETTINGS.space_ratio:
                run.add(" ", PLAIN)
            if "checked" in ch:
                run.flush()
                inline.add_mark(bool(ch["checked"]), ch["source"])
            elif (mark := _glyph_mark(ch.get("fontname"), ch["text"])) is not None:
                run.flush()
                inline.add_mark(mark[0], mark[1], cross=mark[2])
            else:
                run.add(ch["text"], char_emphasis(ch, rules or []))
            previous = ch
    run.flush()
    return inline


class _Run:
    """Characters of one look gathered before they go to the Inline in one piece: the
    same pieces and spans as adding them one by one, without a Span made per character."""

    def __init__(self, inline: Inline) -> None:
        self.inline = inline
        self.parts: list[str] = []
        self.span = PLAIN

    def add(self, text: str, span: Span) -> None:
        if self.parts and (span is self.span or span.same_look(self.span)):
            self.parts.append(text)
            return
        self.flush()
        self.parts, self.span = [text], span

    def flush(self) -> None:
        if self.parts:
            self.inline.add_text("".join(self.parts), self.span)
            self.parts = []


@functools.lru_cache(maxsize=4096)
def _glyph_mark(font: str | None, text: str) -> tuple[bool, MarkSource, bool] | None:
    """The mark a character stands for, (checked, source, drawn as a cross), in its font."""
    state = symbol_state(font, text)
    if state is not None:
        return state, "symbol_font", False
    if (state := glyph_state(text)) is not None:
        return state, "glyph", text in CROSS_CHARS
    return None


def _contrasting(spans: list[Span]) -> bool:
    """Runs of more than one look: emphasis may be meant."""
    looks = {s.restyled("") for s in spans if s.text.strip()}
    return len(looks) > 1


CELL_PADDING = 7.0  # points between a cell's text and its right rule (Word 5.8, LibreOffice 5.4)


def _word_continues(
    before: list[dict[str, Any]], after: list[dict[str, Any]], right: float | None
) -> bool:
    """The next line carries on the last word of this one, with no space between."""
    texts = [c for c in before if "text" in c and "checked" not in c]
    while texts and texts[-1]["text"].isspace():
        texts.pop()
    first = next((c for c in after if "text" in c and "checked" not in c), None)
    if not texts or first is None or not first["text"][:1].isalnum():
        return False
    last = texts[-1]["text"]
    if last == "-" and len(texts) > 1 and texts[-2]["text"][:1].isalnum():
        return True  # "re-" / "checked", "2025-" / "26"
    head = first["text"][:1]
    if right is None or not (
        (last.isalpha() and head.islower()) or (last.isdigit() and head.isdigit())
    ):
        return False
    size = float(texts[-1].get("size") or 10)
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(texts)]
    one_word = all(g <= size * SETTINGS.space_ratio for g in gaps) and not any(
        c["text"].isspace() for c in texts
    )
    # A word wider than its column fills the line to the cell's edge and breaks there.
    return one_word and right - float(texts[-1]["x1"]) < CELL_PADDING + size * 0.6


def _group_lines(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(items, key=_TOP_LEFT):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) <= SETTINGS.line_tolerance:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=_LEFT) for line in lines]


_TOP_LEFT = operator.itemgetter("top", "x0")
_LEFT = operator.itemgetter("x0")


def text_lines(
    chars: list[dict[str, Any]], widgets: list[dict[str, Any]]
) -> list[tuple[str, list[Any], float]]:
    """Text outside tables, line by line, with the form widgets beside it."""
    out = []
    for line in beside_text(_group_lines(chars), widgets):
        text, marks = finish(inline_of(line))
        out.append((text, marks, min(float(c["top"]) for c in line)))
    return out
