"""Marks among words, for every format: a paragraph's pieces in order, its tick glyphs and typed
crosses as Marks labelled by the words beside them, and the option chosen by emphasis."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from extractor.contrast import Look, look_of, stand_out
from extractor.glyphs import CROSS_CHARS, GLYPH_RE, glyph_state, symbol_state
from extractor.model import Annotation, Mark, MarkSource, Span

MAX_LABEL_WORDS = 6
_LONE_X = re.compile(r"^\s*[xX✓]\s+(\S.{0,40})$")
_TRAILING_X = re.compile(r"^(\S.{0,40}?)\s+[xX✓]\s*$")
_LONE_X_SIDES: tuple[tuple[re.Pattern[str], Literal["before", "after"]], ...] = (
    (_LONE_X, "before"),
    (_TRAILING_X, "after"),
)


@dataclass(frozen=True)
class Box:
    """A check-box content control: its state and the characters Word draws for it."""

    checked: bool
    glyphs: frozenset[str]


@dataclass
class Inline:
    """What one paragraph holds, in order: text pieces and marks.

    `box` is a block-level check-box content control wrapping this paragraph, not yet placed:
    it becomes the paragraph's first mark where its drawn glyph is (at the start without one),
    and that glyph is never a second mark."""

    pieces: list[str | Mark] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    saw_changes: bool = False
    deleted_marks: int = 0
    comments: bool = False
    box: Box | None = None
    annotations: list[Annotation] = field(default_factory=list)  # comments, drawings

    def add_text(self, text: str, span: Span | None) -> None:
        if not text:
            return
        if self.pieces and isinstance(self.pieces[-1], str):
            self.pieces[-1] += text
        else:
            self.pieces.append(text)
        if span is not None:
            last = self.spans[-1] if self.spans else None
            if last is not None and last.same_look(span):
                self.spans[-1] = last.restyled(last.text + text)
            else:
                self.spans.append(span.restyled(text))

    def add_mark(
        self, checked: bool, source: MarkSource, confidence: float = 1.0, cross: bool = False
    ) -> None:
        if self.box is not None and source in ("glyph", "symbol_font"):
            checked, source, self.box, cross = self.box.checked, "content_control", None, False
        self.pieces.append(Mark(checked, source, None, confidence, cross))

    def place_box(self) -> None:
        """A wrapping check box whose glyph was not found: its mark opens the paragraph."""
        if self.box is not None:
            self.pieces.insert(0, Mark(self.box.checked, "content_control"))
            self.box = None


def add_text_marks(text: str, font: str | None, span: Span | None, inline: Inline) -> None:
    text = text.replace("\u00a0", " ")
    box = inline.box
    plain = not font and not GLYPH_RE.search(text)
    if plain and (box is None or not box.glyphs.intersection(text)):
        inline.add_text(text, span)  # the common case: no box characters at all
        return
    buffer: list[str] = []
    for ch in text:
        state = symbol_state(font, ch) if font else None
        source: MarkSource = "symbol_font"
        if inline.box is not None and ch in inline.box.glyphs:
            state = inline.box.checked  # the glyph the control draws: add_mark makes it the box
        elif state is None:
            state, source = glyph_state(ch), "glyph"
        if state is None:
            buffer.append(ch)
            continue
        inline.add_text("".join(buffer), span)
        buffer = []
        inline.add_mark(state, source, cross=ch in CROSS_CHARS)
    inline.add_text("".join(buffer), span)


def finish(inline: Inline) -> tuple[str, list[Mark]]:
    """Plain text (marks removed) and the marks with the words beside them as labels.

    A box before its words ("☒ Yes") takes the words after it; when the paragraph ends
    with a box and starts with words ("Exceptional ☐ Good ☒"), each box takes the words
    before it.
    """
    crossed = _crosses_between_boxes(inline.pieces)
    pieces = [p for p in crossed if not (isinstance(p, str) and not p.strip())]
    marks_at = [i for i, p in enumerate(pieces) if isinstance(p, Mark)]
    text = "".join(p for p in crossed if isinstance(p, str))
    text = "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    text = text.strip()
    if not marks_at:
        lone = _lone_x(text)
        return (lone[0], [lone[1]]) if lone else (text, [])
    before = bool(pieces) and not isinstance(pieces[0], Mark) and isinstance(pieces[-1], Mark)
    marks: list[Mark] = []
    raw_at = [i for i, p in enumerate(crossed) if isinstance(p, Mark)]
    for n, index in enumerate(raw_at):
        side = _side(crossed, index)
        if side == "before" or (side is None and before):
            lo = raw_at[n - 1] + 1 if n else 0
            words = crossed[lo:index]
            near = _nearest("".join(str(w) for w in words if isinstance(w, str)), last=True)
        else:
            hi = raw_at[n + 1] if n + 1 < len(raw_at) else len(crossed)
            words = crossed[index + 1 : hi]
            near = _nearest("".join(str(w) for w in words if isinstance(w, str)), last=False)
        label = near.split()
        mark = crossed[index]
        assert isinstance(mark, Mark)
        short = " ".join(label[:MAX_LABEL_WORDS]) if 0 < len(label) <= MAX_LABEL_WORDS * 2 else None
        named = short.strip(" :-/|") if short else None
        marks.append(Mark(mark.checked, mark.source, named, mark.confidence, mark.cross))
    return text, marks


_GAP = re.compile(r"\s{2,}|\t|\n")


def _side(pieces: list[str | Mark], index: int) -> str | None:
    """Which words a box belongs to when the spacing says so: "before" when it hugs the word
    before it and a wide gap follows ("Yes ✗    No"), "after" for the reverse; else None."""
    before = pieces[index - 1] if index else None
    after = pieces[index + 1] if index + 1 < len(pieces) else None
    prev = before if isinstance(before, str) else None
    nxt = after if isinstance(after, str) else None
    prev_tight = isinstance(prev, str) and prev.strip() != "" and _GAP.search(prev[-2:]) is None
    next_tight = isinstance(nxt, str) and nxt.strip() != "" and _GAP.search(nxt[:2]) is None
    prev_wide = prev is None or not prev.strip() or _GAP.search(prev[-2:]) is not None
    next_wide = nxt is None or not nxt.strip() or _GAP.search(nxt[:2]) is not None
    if prev_tight and next_wide:
        return "before"
    if next_tight and prev_wide:
        return "after"
    return None


def _nearest(words: str, last: bool) -> str:
    """The words next to a box when several labels share its side, set apart by a wide gap
    ("Yes    No ✗": the cross is No's): the last group before it, or the first after it."""
    groups = [g for g in _GAP.split(words) if g.strip()]
    if len(groups) < 2:
        return words
    return groups[-1] if last else groups[0]


_CROSS = re.compile(r"(?<![\w.])([xX])(?![\w.])")


def _crosses_between_boxes(pieces: list[str | Mark]) -> list[str | Mark]:
    """An "X" typed in place of one of the boxes ("☐ Yes ☐ No X Partial", "Good ☐ Some
    shortfalls X Significant shortfalls ☐") is that box, ticked: a mark where it stands."""
    if not any(isinstance(p, Mark) for p in pieces):
        return pieces
    out: list[str | Mark] = []
    for piece in pieces:
        if isinstance(piece, Mark):
            out.append(piece)
            continue
        last = 0
        for match in _CROSS.finditer(piece):
            before, after = piece[: match.start()].split(), piece[match.end() :].split()
            if (before and before[-1][-1].isdigit()) or (after and after[0][0].isdigit()):
                continue  # "6 x 4"
            out.append(piece[last : match.start()])
            out.append(Mark(True, "glyph"))
            last = match.end()
        out.append(piece[last:])
    return out


def _lone_x(text: str) -> tuple[str, Mark] | None:
    """'X' alone, or 'X Yes' / 'Yes X': a typed cross is a tick."""
    if text in ("X", "x", "✓"):
        return "", Mark(True, "glyph")
    for pattern, side in _LONE_X_SIDES:
        match = pattern.match(text)
        if match and len(match.group(1).split()) <= 4:
            label = match.group(1).strip()
            return match.group(1), Mark(True, "glyph", label, side=side)
    return None


def text_marks(text: str, font: str | None = None) -> tuple[str, list[Mark]]:
    """Marks in a plain string (any format's cell text): tick glyphs, symbol-font characters
    (when `font` is a symbol font) and a lone X, with the words beside them as labels."""
    inline = Inline()
    for n, line in enumerate(text.split("\n")):
        if n:
            inline.add_text("\n", None)
        symbols = font if font and symbol_state(font, 0xA8) is not None else None
        add_text_marks(line, symbols, None, inline)
    return finish(inline)


MAX_OPTION_TOKENS = 6  # option words in one cell read for emphasis
MAX_OPTION_WORDS = 3  # words in one option label
OPTION_SPLIT = re.compile(r"\s*(?:\n|/|\||,|\t)\s*")


def choose_by_emphasis(tokens: list[tuple[str, Look]]) -> list[Mark]:
    """Marks for option words (text, look) when some stand out from their siblings
    (extractor/contrast.py): one is the choice, several are several choices; else none."""
    tokens = [(t.strip(), look) for t, look in tokens if t.strip()]
    if not 2 <= len(tokens) <= MAX_OPTION_TOKENS:
        return []
    if any(len(t.split()) > MAX_OPTION_WORDS for t, _ in tokens):
        return []
    chosen = stand_out([look for _, look in tokens]).chosen
    if not chosen or len(chosen) == len(tokens):
        return []
    return [Mark(i in chosen, "emphasis", _unboxed(t)) for i, (t, _) in enumerate(tokens)]


MAX_SHORT_WORDS = 6  # a cell this short may hold one option word or a list of them


def span_emphasis(text: str, spans: list[Span]) -> list[Mark]:
    """Emphasis marks of a short cell from its runs: the option words whose look differs
    (runs of several looks), or, in one look, whose own letters stand out ("[Partial]",
    "PARTIAL" among "Yes / No")."""
    if len({sp.restyled("") for sp in spans if sp.text.strip()}) > 1:
        return choose_by_emphasis(
            [(word, look_of(sp, word)) for sp in spans for word in OPTION_SPLIT.split(sp.text)]
        )
    if not spans:
        return []
    look = next((sp for sp in spans if sp.text.strip()), spans[0])
    return choose_by_emphasis([(word, look_of(look, word)) for word in OPTION_SPLIT.split(text)])


def _unboxed(token: str) -> str:
    """The word inside its brackets or asterisks ("[Partial]" -> "Partial")."""
    return token.strip(" []()*{}<>") or token


def span_tokens(text: str, spans: list[Span]) -> list[tuple[str, Look]] | None:
    """A cell's text split into option tokens, each with the look of the run holding it;
    None when a token lies across runs (no single look)."""
    tokens = [t for t in OPTION_SPLIT.split(text) if t.strip()]
    found: list[tuple[str, Look]] = []
    for token in tokens:
        word = token.strip()
        span = next((s for s in spans if word in s.text), None)
        if span is None:
            return None
        found.append((word, look_of(span, word)))
    return found
