"""WordprocessingML names: every namespace and tag the Word reader queries, in one place."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# ISO/IEC 29500 Strict names for the same vocabularies: a Strict file is read as Transitional.
STRICT_NAMESPACES = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": W_NS,
    "http://purl.oclc.org/ooxml/officeDocument/relationships": R_NS,
    "http://purl.oclc.org/ooxml/drawingml/main": A_NS,
}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def w14(tag: str) -> str:
    return f"{{{W14_NS}}}{tag}"


# Block and inline structure
BODY, CONFORMANCE = w("body"), w("conformance")  # w:document w:conformance="strict"
P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
TAB, BR, CR, SYM = w("tab"), w("br"), w("cr"), w("sym")
NO_BREAK_HYPHEN, SOFT_HYPHEN = w("noBreakHyphen"), w("softHyphen")
SDT, SDT_PR, SDT_CONTENT = w("sdt"), w("sdtPr"), w("sdtContent")
# Containers whose content counts as text (inserted, moved-to, links, smart tags, fields)
INS, MOVE_TO = w("ins"), w("moveTo")
DEL, MOVE_FROM, DEL_TEXT = w("del"), w("moveFrom"), w("delText")
TRANSPARENT = frozenset(
    {
        INS,
        MOVE_TO,
        w("hyperlink"),
        w("smartTag"),
        w("fldSimple"),
        w("customXml"),
        w("dir"),
        w("bdo"),
    }
)
SKIPPED = frozenset(
    {
        DEL,
        MOVE_FROM,
        w("commentRangeStart"),
        w("commentRangeEnd"),
        w("proofErr"),
        w("bookmarkStart"),
        w("bookmarkEnd"),
        w("pPr"),
        w("rPr"),
    }
)
# Fields
FLD_CHAR, INSTR_TEXT, FF_DATA = w("fldChar"), w("instrText"), w("ffData")
CHECK_BOX, CHECKED, DEFAULT = w("checkBox"), w("checked"), w("default")
DD_LIST, LIST_ENTRY, RESULT = w("ddList"), w("listEntry"), w("result")
DROP_DOWN_LIST, LIST_ITEM = w("dropDownList"), w("listItem")  # a drop-down content control
DISPLAY_TEXT, VALUE = w("displayText"), w("value")
# --- Content-control check boxes (Word 2010+) ---------------------------------------------
# <w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/><w14:checkedState w14:val="2612"/>
# inline (w:sdtContent holds runs) or block-level (it holds w:p, w:tbl, w:tr or w:tc: the
# control wraps a whole paragraph, row or cell, whose text is the glyph Word draws for it).
W14_CHECKBOX, W14_CHECKED = w14("checkbox"), w14("checked")
W14_CHECKED_STATE, W14_UNCHECKED_STATE, W14_VAL = (
    w14("checkedState"),
    w14("uncheckedState"),
    w14("val"),
)
DEFAULT_BOX_GLYPHS = ("\u2612", "\u2610")  # ☒ ☐, when the control names no states
BLOCK_LEVEL = frozenset({P, TBL, TR, TC})  # an sdtContent child that makes its sdt block-level
# -------------------------------------------------------------------------------------------
# Properties
R_PR, P_PR, TC_PR, TR_PR, P_STYLE = w("rPr"), w("pPr"), w("tcPr"), w("trPr"), w("pStyle")
# List numbering (w:numPr in a paragraph, definitions in word/numbering.xml)
NUM_PR, NUM_ID_EL, ILVL = w("numPr"), w("numId"), w("ilvl")
NUM, NUM_ID, ABSTRACT_NUM, ABSTRACT_NUM_ID = (
    w("num"),
    w("numId"),
    w("abstractNum"),
    w("abstractNumId"),
)
ABSTRACT_NUM_ID_EL, LVL, ILVL_ATTR = w("abstractNumId"), w("lvl"), w("ilvl")
LVL_OVERRIDE, START_OVERRIDE = w("lvlOverride"), w("startOverride")
START, NUM_FMT, LVL_TEXT = w("start"), w("numFmt"), w("lvlText")
STYLE, STYLE_ID = w("style"), w("styleId")
R_FONTS, B, U, STRIKE, DSTRIKE, HIGHLIGHT, SHD = (
    w("rFonts"),
    w("b"),
    w("u"),
    w("strike"),
    w("dstrike"),
    w("highlight"),
    w("shd"),
)
GRID_SPAN, V_MERGE, GRID_BEFORE, TBL_GRID, GRID_COL = (
    w("gridSpan"),
    w("vMerge"),
    w("gridBefore"),
    w("tblGrid"),
    w("gridCol"),
)
VAL, FONT, CHAR, FILL, COLOR = w("val"), w("font"), w("char"), w("fill"), w("color")
THEME_FILL, THEME_FILL_TINT, THEME_FILL_SHADE = (
    w("themeFill"),
    w("themeFillTint"),
    w("themeFillShade"),
)
FONT_ATTRS = (w("ascii"), w("hAnsi"), w("cs"), w("eastAsia"))
ITALIC, CAPS, SMALL_CAPS, SZ = w("i"), w("caps"), w("smallCaps"), w("sz")
# Things laid over the text that are no text: drawings, VML shapes, embedded objects.
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DRAWINGS = frozenset({w("drawing"), w("pict"), w("object"), f"{{{MC_NS}}}AlternateContent"})
COMMENT, COMMENT_ID = w("comment"), w("id")
SHOWING_PLACEHOLDER = w("showingPlcHdr")  # a content control still showing its prompt
FLD_CHAR_TYPE = w("fldCharType")
COMMENT_REFERENCE = w("commentReference")

TRUE_VALUES = frozenset({"1", "true", "on"})
FALSE_VALUES = frozenset({"0", "false", "off", "none"})

# w:highlight names -> RGB
HIGHLIGHT_RGB = {
    "yellow": "FFFF00",
    "green": "00FF00",
    "cyan": "00FFFF",
    "magenta": "FF00FF",
    "blue": "0000FF",
    "red": "FF0000",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
    "black": "000000",
}
# w:themeFill names -> the DrawingML colour scheme element that defines them
THEME_SLOTS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "text1": "dk1",
    "background1": "lt1",
    "text2": "dk2",
    "background2": "lt2",
    "accent1": "accent1",
    "accent2": "accent2",
    "accent3": "accent3",
    "accent4": "accent4",
    "accent5": "accent5",
    "accent6": "accent6",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}


def on(element: object | None) -> bool:
    """A toggle property (w:b, w:strike): present and not switched off."""
    if element is None:
        return False
    value = element.get(VAL)  # type: ignore[attr-defined]
    return value is None or value.lower() not in FALSE_VALUES
