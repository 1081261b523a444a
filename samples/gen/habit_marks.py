"""How people mark the chosen option in a Word cell, beyond the template's own boxes.

Each habit draws either one cell holding every option word (`one_cell`: wt2023's answer
cell, "Yes / No / Partial") or one option's own cell (`option_cell`: gp2014's option
columns, bscb2016's rating row). What the habit means is the spec's answer: the drawing is
made from it, and the key is written from the same spec (gen/habit_key.py).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from gen.ooxml import EMPTY, TICKED, p, r
from gen.spec import ItemSpec

# One visual attribute that makes the chosen word differ from its siblings.
EMPHASIS = {
    "bold": "<w:b/>",
    "underline": '<w:u w:val="single"/>',
    "highlight": '<w:highlight w:val="yellow"/>',
    "colour_red": '<w:color w:val="FF0000"/>',
    "colour_green": '<w:color w:val="00B050"/>',
    "word_shading": '<w:shd w:val="clear" w:color="auto" w:fill="BFBFBF"/>',
    "italic": "<w:i/>",
    "bigger": '<w:sz w:val="30"/><w:szCs w:val="30"/>',
}
BASE_SIZE = '<w:sz w:val="20"/><w:szCs w:val="20"/>'  # the others, when size is the signal
# Attributes written into the text itself.
TEXTUAL = {"caps": "{}", "brackets": "[{}]", "asterisks": "*{}*", "parentheses": "({})"}
# Tick and cross glyphs in the fonts people's machines use: (font, chosen, not chosen).
FONT_GLYPHS = {
    "segoe_ui_symbol": ("Segoe UI Symbol", "\u2714", "\u2610"),
    "ms_gothic": ("MS Gothic", "\u2612", "\u2610"),
    "wingdings2": ("Wingdings 2", "\uf054", "\uf0a3"),  # boxed X, empty box
    "wingdings2_tick": ("Wingdings 2", "\uf050", ""),  # a bare tick, nothing against the others
    "emoji": ("Segoe UI Emoji", "\u2705", "\u274c"),  # green tick, red cross (phones, Teams)
}
CROSS = "\u2717"
TICK = "\u2713"
ONE_CELL = {
    *EMPHASIS, *TEXTUAL, "strike_others", *FONT_GLYPHS, "glyph_after", "cross_others",
    "tick_cross", "x_before", "dropdown", "rating_label", "evidence_only", "nested_table",
}
PER_OPTION = {*EMPHASIS, *TEXTUAL, "strike_others", *FONT_GLYPHS, "glyph_after", "cross_others",
              "tick_cross", "x_before", "word_x"}


def chosen_of(spec: ItemSpec) -> set[str]:
    return {spec.answer, spec.second} - {None}


def styled_alike(spec: ItemSpec) -> bool:
    """An unanswered row whose template printed every option in the same style."""
    return spec.answer is None and spec.alike


def _font_run(font: str, text: str) -> str:
    if not text:
        return ""
    return r(text, f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>')


def _sym(font: str, char: str) -> str:
    """A symbol inserted with Insert > Symbol: w:sym, the character code in the font."""
    return f'<w:r><w:sym w:font="{font}" w:char="{ord(char):04X}"/></w:r>'


def word(habit: str, label: str, chosen: bool, alike: bool = False) -> str:
    """One option word as runs, marked the way `habit` marks a chosen word."""
    on = chosen or alike
    if habit in EMPHASIS:
        props = EMPHASIS[habit] if on else (BASE_SIZE if habit == "bigger" else "")
        return r(label, props)
    if habit in TEXTUAL:
        if not on:
            return r(label)
        return r(label.upper() if habit == "caps" else TEXTUAL[habit].format(label))
    if habit == "strike_others":
        return r(label, "" if on else "<w:strike/>")
    if habit in FONT_GLYPHS:
        font, yes, no = FONT_GLYPHS[habit]
        glyph = yes if chosen else no
        if habit == "wingdings2" and glyph:
            return _sym(font, glyph) + r(f" {label}")
        return (_font_run(font, glyph) + r(f" {label}")) if glyph else r(label)
    if habit == "glyph_after":
        return r(f"{label} ") + r(TICKED if chosen else EMPTY)
    if habit == "cross_others":
        return r(label) if chosen else r(f"{label} ") + r(CROSS)
    if habit == "tick_cross":
        return r(f"{label} ") + r(TICK if chosen else CROSS)
    if habit == "x_before":  # an X typed in front of the chosen word
        return r(f"X {label}" if chosen else label)
    raise ValueError(f"no word drawing for {habit}")


def one_cell(spec: ItemSpec, options: list[tuple[str, str]], habit: str) -> str:
    """The answer cell holding every option, the chosen one marked by `habit`."""
    chosen = chosen_of(spec)
    alike = styled_alike(spec)
    labels = dict(options)
    if habit == "dropdown":
        return p(dropdown([lbl for _, lbl in options], labels.get(spec.answer or "")))
    if habit == "rating_label":
        return p(r(f"Rating: {labels[spec.answer]}")) if spec.answer else p(r("Rating:"))
    if habit == "evidence_only":
        return p()
    if habit == "nested_table":
        return nested([(lbl, oid in chosen) for oid, lbl in options])
    runs: list[str] = []
    for n, (oid, label) in enumerate(options):
        runs.append(word(habit, label, oid in chosen, alike))
        if n < len(options) - 1:
            runs.append(r("  /  " if habit in EMPHASIS or habit in TEXTUAL else "    "))
    return p(*runs)


def option_cell(spec: ItemSpec, oid: str, label: str, habit: str) -> str:
    """One option's own cell: the template printed its word there, or the person marks it."""
    chosen = oid in chosen_of(spec)
    if habit == "word_x":  # the person typed an x beside the template's word
        return p(r(f"{label} x" if chosen else label))
    return p(word(habit, label, chosen, styled_alike(spec)))


def dropdown(items: list[str], value: str | None) -> str:
    """A Word drop-down content control; unanswered shows Word's own prompt."""
    entries = "".join(
        f'<w:listItem w:displayText="{escape(i)}" w:value="{escape(i)}"/>' for i in items
    )
    shown = r(value) if value else r("Choose an item.", '<w:rStyle w:val="PlaceholderText"/>'
                                     '<w:color w:val="808080"/>')
    placeholder = "" if value else "<w:showingPlcHdr/>"
    return (f"<w:sdt><w:sdtPr>{placeholder}<w:dropDownList>{entries}</w:dropDownList></w:sdtPr>"
            f"<w:sdtContent>{shown}</w:sdtContent></w:sdt>")


def nested(rows: list[tuple[str, bool]]) -> str:
    """A small table inside the answer cell: one row per option, its box in the second cell."""
    from gen.ooxml import box, tbl, tc, tr

    body = "".join(tr(tc(p(r(label)), width=900), tc(p(box("glyph", on)), width=500))
                   for label, on in rows)
    return tbl(2, body, widths=[900, 500]) + p()  # a cell must end with a paragraph
