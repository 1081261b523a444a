"""One Word paragraph: its text, the marks in it and the emphasis of its runs.

Walks the inline XML in order (through insertions, links, fields and content controls,
never into deletions), so that tracked changes read as accepted and every kind of tick box
becomes a Mark in the right place relative to the words around it.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.docx import ooxml as X
from extractor.docx.shading import hex_digits, shading_rgb
from extractor.glyphs import glyph_state, symbol_state
from extractor.inline import Box, Inline, add_text_marks
from extractor.model import Annotation, Span


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
    pr = sdt.find(X.SDT_PR)
    if pr is not None and X.on(pr.find(X.SHOWING_PLACEHOLDER)):
        return  # "Choose an item.", "Click or tap here to enter text.": nothing was entered
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
            add_text_marks(child.text or "", font, span, inline)
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
            inline.annotations.append(Annotation("comment", child.get(X.COMMENT_ID) or ""))
        elif tag in X.DRAWINGS:
            inline.annotations.append(Annotation("drawing", _drawing_name(child)))


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
        colour=_font_colour(rpr.find(X.COLOR)),
        size=_half_points(rpr.find(X.SZ)),
        italic=X.on(rpr.find(X.ITALIC)),
        caps=X.on(rpr.find(X.CAPS)) or X.on(rpr.find(X.SMALL_CAPS)),
        font=_face(rpr.find(X.R_FONTS)),
    )


def _font_colour(color: Any) -> str | None:
    """w:color's RGB; None for automatic and black (the text's own colour)."""
    value = (color.get(X.VAL) or "").upper() if color is not None else ""
    return value if hex_digits(value) and len(value) == 6 and value != "000000" else None


def _half_points(sz: Any) -> float | None:
    value = sz.get(X.VAL) if sz is not None else None
    return int(value) / 2 if value and value.isdigit() else None


def _face(fonts: Any) -> str | None:
    """The run's own face (w:ascii, else w:hAnsi); None when it follows the theme or style."""
    if fonts is None:
        return None
    name = fonts.get(X.FONT_ATTRS[0]) or fonts.get(X.FONT_ATTRS[1])
    return str(name) if name else None


def _drawing_name(node: Any) -> str:
    """A drawing's kind as people would say it: its preset shape ("ellipse") or "picture"."""
    for el in node.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag == "prstGeom":
            return str(el.get("prst") or "shape")
        if tag in ("pic", "imagedata", "blip"):
            return "picture"
        if tag in ("oval", "arc", "line", "rect", "roundrect", "shape"):
            return "ellipse" if tag == "oval" else tag
    return "drawing"


def _count_boxes(node: Any) -> int:
    """Tick boxes inside a deletion (ignored, but worth a warning)."""
    count = 0
    for el in node.iter():
        boxed = el.tag in (X.W14_CHECKBOX, X.CHECK_BOX, X.SYM)
        typed = el.tag == X.DEL_TEXT and any(glyph_state(c) is not None for c in el.text or "")
        count += boxed or typed
    return count

