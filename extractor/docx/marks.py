"""One Word paragraph: its text, the marks in it and the emphasis of its runs.

Walks the inline XML in order (through insertions, links, fields and content controls,
never into deletions), so that tracked changes read as accepted and every kind of tick box
becomes a Mark in the right place relative to the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from extractor.docx import ooxml as X
from extractor.docx.shading import hex_digits, shading_rgb
from extractor.glyphs import GLYPH_RE, glyph_state, symbol_state
from extractor.model import Mark, MarkSource, Span

MAX_LABEL_WORDS = 6
_LONE_X = re.compile(r"^\s*[xX✓]\s+(\S.{0,40})$")
_TRAILING_X = re.compile(r"^(\S.{0,40}?)\s+[xX✓]\s*$")


@dataclass(frozen=True)
class Box:
    """A check-box content control: its state and the characters Word draws for it."""

    checked: bool
    glyphs: frozenset[str]


def checkbox_control(sdt: Any) -> Box | None:
    """The w14:checkbox of a w:sdt, or None when the control is not a check box."""
    pr = sdt.find(X.SDT_PR)
    box = pr.find(X.W14_CHECKBOX) if pr is not None else None
    if box is None:
        return None
    checked = box.find(X.W14_CHECKED)
    value = (checked.get(X.W14_VAL) if checked is not None else None) or "0"
    glyphs = set(X.DEFAULT_BOX_GLYPHS)
    for tag in (X.W14_CHECKED_STATE, X.W14_UNCHECKED_STATE):
        code = box.find(tag)
        raw = code.get(X.W14_VAL) if code is not None else None
        if raw and re.fullmatch(r"[0-9A-Fa-f]{1,6}", raw) and int(raw, 16) <= 0x10FFFF:
            glyphs.add(chr(int(raw, 16)))
    return Box(value.lower() in X.TRUE_VALUES, frozenset(glyphs))


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

    def add_text(self, text: str, span: Span | None) -> None:
        if not text:
            return
        if self.pieces and isinstance(self.pieces[-1], str):
            self.pieces[-1] += text
        else:
            self.pieces.append(text)
        if span is not None:
            last = self.spans[-1] if self.spans else None
            if last is not None and _same_style(last, span):
                self.spans[-1] = Span(
                    last.text + text, last.bold, last.underline, last.strike, last.highlight
                )
            else:
                self.spans.append(
                    Span(text, span.bold, span.underline, span.strike, span.highlight)
                )

    def add_mark(self, checked: bool, source: MarkSource, confidence: float = 1.0) -> None:
        if self.box is not None and source in ("glyph", "symbol_font"):
            checked, source, self.box = self.box.checked, "content_control", None
        self.pieces.append(Mark(checked=checked, source=source, confidence=confidence))

    def place_box(self) -> None:
        """A wrapping check box whose glyph was not found: its mark opens the paragraph."""
        if self.box is not None:
            self.pieces.insert(0, Mark(self.box.checked, "content_control"))
            self.box = None


def _same_style(a: Span, b: Span) -> bool:
    return (a.bold, a.underline, a.strike, a.highlight) == (
        b.bold,
        b.underline,
        b.strike,
        b.highlight,
    )


class _Field:
    """State of a complex field (fldChar begin … separate … end)."""

    def __init__(self, checkbox: bool | None, hide_result: bool = False) -> None:
        self.checkbox = checkbox  # FORMCHECKBOX state, None for other fields
        self.hide_result = hide_result or checkbox is not None  # result drawn from ffData
        self.in_result = False


def read_inline(p: Any, inline: Inline | None = None, box: Box | None = None) -> Inline:
    """Read a w:p (or any inline container) into an Inline; `box` is a block-level check-box
    content control that wraps this paragraph."""
    inline = inline or Inline()
    inline.box = box
    fields: list[_Field] = []
    _walk(p, inline, fields)
    inline.place_box()
    return inline


def _walk(node: Any, inline: Inline, fields: list[_Field]) -> None:
    for child in node:
        tag = child.tag
        if tag == X.R:
            _run(child, inline, fields)
        elif tag == X.SDT:
            _sdt(child, inline, fields)
        elif tag in (X.DEL, X.MOVE_FROM):
            inline.saw_changes = True
            inline.deleted_marks += _count_boxes(child)
        elif tag in X.TRANSPARENT:
            if tag in (X.INS, X.MOVE_TO):
                inline.saw_changes = True
            _walk(child, inline, fields)
        elif tag == X.P:  # paragraphs inside a content control's content
            _walk(child, inline, fields)


def _sdt(sdt: Any, inline: Inline, fields: list[_Field]) -> None:
    box = checkbox_control(sdt)
    if box is not None:
        inline.add_mark(box.checked, "content_control")
        return  # the glyph it displays is decoration, never a second mark
    content = sdt.find(X.SDT_CONTENT)
    if content is not None:
        _walk(content, inline, fields)


def _run(r: Any, inline: Inline, fields: list[_Field]) -> None:
    rpr = r.find(X.R_PR)
    font = _font(rpr)
    span = _span(rpr)
    for child in r:
        tag = child.tag
        if tag == X.FLD_CHAR:
            _fld_char(child, inline, fields)
            continue
        if tag == X.INSTR_TEXT:
            continue
        if fields and fields[-1].hide_result and fields[-1].in_result:
            continue  # a check box's or drop-down's displayed result comes from its ffData
        if tag == X.T:
            _text(child.text or "", font, span, inline)
        elif tag == X.TAB:
            inline.add_text("\t", span)
        elif tag in (X.BR, X.CR):
            inline.add_text("\n", span)
        elif tag == X.NO_BREAK_HYPHEN:
            inline.add_text("-", span)
        elif tag == X.SYM:
            code = int(child.get(X.CHAR, "0"), 16) if hex_digits(child.get(X.CHAR)) else 0
            state = symbol_state(child.get(X.FONT), code)
            if state is not None:
                inline.add_mark(state, "symbol_font")
        elif tag == X.COMMENT_REFERENCE:
            inline.comments = True


def _fld_char(node: Any, inline: Inline, fields: list[_Field]) -> None:
    kind = node.get(X.FLD_CHAR_TYPE)
    if kind == "begin":
        ff = node.find(X.FF_DATA)
        box = ff.find(X.CHECK_BOX) if ff is not None else None
        state: bool | None = None
        if box is not None:
            state = _form_checkbox_state(box)
            inline.add_mark(state, "form_field")
        choice = _form_dropdown_choice(ff) if ff is not None else None
        if choice is not None:  # FORMDROPDOWN: the chosen entry is what the form shows
            inline.add_text(choice, None)
        fields.append(_Field(state, hide_result=choice is not None))
    elif kind == "separate" and fields:
        fields[-1].in_result = True
    elif kind == "end" and fields:
        fields.pop()


def _form_dropdown_choice(ff: Any) -> str | None:
    """The entry a legacy drop-down form field shows: w:result indexes w:listEntry (first
    entry when absent), else w:default."""
    dd = ff.find(X.DD_LIST)
    if dd is None:
        return None
    entries = [e.get(X.VAL) or "" for e in dd.findall(X.LIST_ENTRY)]
    if not entries:
        return None
    picked = dd.find(X.RESULT)
    if picked is None:
        picked = dd.find(X.DEFAULT)
    raw = picked.get(X.VAL) if picked is not None else "0"
    index = int(raw) if raw and raw.isdigit() else 0
    return entries[index] if index < len(entries) else None


def dropdown_entries(tc: Any) -> tuple[str, ...]:
    """The list of the first drop-down in a table cell: a legacy FORMDROPDOWN's w:listEntry,
    else a drop-down content control's w:listItem (its display text); () when none."""
    for dd in tc.iter(X.DD_LIST, X.DROP_DOWN_LIST):
        if dd.tag == X.DD_LIST:
            entries = [e.get(X.VAL) or "" for e in dd.findall(X.LIST_ENTRY)]
        else:
            items = dd.findall(X.LIST_ITEM)
            entries = [i.get(X.DISPLAY_TEXT) or i.get(X.VALUE) or "" for i in items]
        found = tuple(e.strip() for e in entries if e.strip())
        if found:
            return found
    return ()


def _form_checkbox_state(box: Any) -> bool:
    checked = box.find(X.CHECKED)
    if checked is not None:
        value = checked.get(X.VAL)
        return value is None or value.lower() in X.TRUE_VALUES
    default = box.find(X.DEFAULT)
    value = default.get(X.VAL) if default is not None else None
    return value is not None and value.lower() in X.TRUE_VALUES


def _text(text: str, font: str | None, span: Span | None, inline: Inline) -> None:
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
        inline.add_mark(state, source)
    inline.add_text("".join(buffer), span)


def _font(rpr: Any) -> str | None:
    fonts = rpr.find(X.R_FONTS) if rpr is not None else None
    if fonts is None:
        return None
    for attr in X.FONT_ATTRS:
        name = fonts.get(attr)
        if name and (symbol_state(name, 0xA8) is not None or "ding" in name.lower()):
            return str(name)
    return None


def _span(rpr: Any) -> Span:
    if rpr is None:
        return Span("")
    highlight = rpr.find(X.HIGHLIGHT)
    colour = X.HIGHLIGHT_RGB.get(highlight.get(X.VAL, "")) if highlight is not None else None
    shd = rpr.find(X.SHD)
    if colour is None and shd is not None:
        colour = shading_rgb(shd)
    u = rpr.find(X.U)
    underline = u is not None and (u.get(X.VAL) or "single") != "none"
    return Span(
        "",
        bold=X.on(rpr.find(X.B)),
        underline=underline,
        strike=X.on(rpr.find(X.STRIKE)) or X.on(rpr.find(X.DSTRIKE)),
        highlight=colour,
    )


def _count_boxes(node: Any) -> int:
    """Tick boxes inside a deletion (ignored, but worth a warning)."""
    count = 0
    for el in node.iter():
        boxed = el.tag in (X.W14_CHECKBOX, X.CHECK_BOX, X.SYM)
        typed = el.tag == X.DEL_TEXT and any(glyph_state(c) is not None for c in el.text or "")
        count += boxed or typed
    return count


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
    for n, index in enumerate(marks_at):
        if before:
            lo = marks_at[n - 1] + 1 if n else 0
            words = pieces[lo:index]
        else:
            hi = marks_at[n + 1] if n + 1 < len(marks_at) else len(pieces)
            words = pieces[index + 1 : hi]
        label = " ".join(str(w) for w in words if isinstance(w, str)).split()
        mark = pieces[index]
        assert isinstance(mark, Mark)
        short = " ".join(label[:MAX_LABEL_WORDS]) if 0 < len(label) <= MAX_LABEL_WORDS * 2 else None
        named = short.strip(" :-/|") if short else None
        marks.append(Mark(mark.checked, mark.source, named, mark.confidence))
    return text, marks


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
    for pattern in (_LONE_X, _TRAILING_X):
        match = pattern.match(text)
        if match and len(match.group(1).split()) <= 4:
            return match.group(1), Mark(True, "glyph", match.group(1).strip())
    return None


def text_marks(text: str, font: str | None = None) -> tuple[str, list[Mark]]:
    """Marks in a plain string (any format's cell text): tick glyphs, symbol-font characters
    (when `font` is a symbol font) and a lone X, with the words beside them as labels."""
    inline = Inline()
    for n, line in enumerate(text.split("\n")):
        if n:
            inline.add_text("\n", None)
        _text(line, font if font and symbol_state(font, 0xA8) is not None else None, None, inline)
    return finish(inline)


MAX_OPTION_TOKENS = 6  # option words in one cell read for emphasis
MAX_OPTION_WORDS = 3  # words in one option label
OPTION_SPLIT = re.compile(r"\s*(?:\n|/|\||,|\t)\s*")


def choose_by_emphasis(tokens: list[tuple[str, bool, bool]]) -> list[Mark]:
    """Marks for option words (text, emphasised, struck) when exactly one is emphasised
    (bold, underlined, highlighted) or all but one are struck through; else none."""
    tokens = [(t.strip(), e, s) for t, e, s in tokens if t.strip()]
    if not 2 <= len(tokens) <= MAX_OPTION_TOKENS:
        return []
    if any(len(t.split()) > MAX_OPTION_WORDS for t, _, _ in tokens):
        return []
    emphasised = [i for i, (_, e, _) in enumerate(tokens) if e]
    struck = [i for i, (_, _, s) in enumerate(tokens) if s]
    chosen: int | None = None
    if len(emphasised) == 1:
        chosen = emphasised[0]
    elif len(struck) == len(tokens) - 1:
        chosen = next(i for i in range(len(tokens)) if i not in struck)
    if chosen is None:
        return []
    return [Mark(i == chosen, "emphasis", t) for i, (t, _, _) in enumerate(tokens)]
