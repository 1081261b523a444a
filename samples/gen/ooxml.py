"""Raw WordprocessingML pieces for each way people tick a Word form."""

from __future__ import annotations

from xml.sax.saxutils import escape

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
EMPTY, TICKED = "\u2610", "\u2612"


def r(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def paras(text: str) -> str:
    return "".join(p(r(line)) for line in text.split("\n")) if text else p()


def tc(content: str, shade: str | None = None, span: int = 1, vmerge: str | None = None,
       width: int = 1800) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if shade:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content or p()}</w:tc>"


def tr(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def tbl(columns: int, *rows: str, widths: list[int] | None = None) -> str:
    width = min(1800, 9000 // columns)  # the table fits the page (9,000 twips between margins)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths or [width] * columns)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    props = f'<w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>" + "".join(rows) + "</w:tbl>"


# -- one box, by mechanism -----------------------------------------------------------------
def box(mechanism: str, checked: bool) -> str:
    """A single tick box as runs, drawn the way `mechanism` draws it."""
    if mechanism == "content_control":
        value = "1" if checked else "0"
        shown = TICKED if checked else EMPTY
        return (
            f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{value}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
            f"<w:sdtContent>{r(shown)}</w:sdtContent></w:sdt>"
        )
    if mechanism == "form_field":
        state = '<w:checked/>' if checked else '<w:default w:val="0"/>'
        return (
            f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
            f"<w:enabled/><w:calcOnExit w:val=\"0\"/><w:checkBox><w:sizeAuto/>{state}"
            "</w:checkBox></w:ffData></w:fldChar></w:r>"
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    if mechanism == "wingdings":
        char = "F0FE" if checked else "F0A8"
        return f'<w:r><w:sym w:font="Wingdings" w:char="{char}"/></w:r>'
    if mechanism == "wingdings_run":
        char = "\uf0fe" if checked else "\uf0a8"
        return r(char, '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>')
    return r(TICKED if checked else EMPTY)  # "glyph": typed by hand


def ins(content: str) -> str:
    return f'<w:ins w:id="91" w:author="Reviewer" w:date="2025-01-10T09:00:00Z">{content}</w:ins>'


def deleted(text: str) -> str:
    return (
        '<w:del w:id="92" w:author="Reviewer" w:date="2025-01-10T09:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def comment_anchor(text: str) -> str:
    return (
        '<w:commentRangeStart w:id="0"/>' + r(text) + '<w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r>'
    )
