"""One tiny .docx per tick mechanism; each test fails without the code that reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.docx.reader import read_docx
from extractor.errors import DocumentLoadError
from extractor.model import Cell
from tests.docx_fixtures import form_checkbox, make_docx, p, r, sdt_checkbox, tbl, tc, tr


def one_cell(tmp_path: Path, content: str, props: str = "") -> Cell:
    doc = read_docx(make_docx(tmp_path, tbl(tr(tc(content, props)))))
    return doc.tables[0].rows[0].cells[0]


def states(cell: Cell) -> list[tuple[bool, str, str | None]]:
    return [(m.checked, m.source, m.label) for m in cell.marks]


@pytest.mark.parametrize(
    ("value", "shown", "checked"),
    [
        ("1", "\u2610", True),
        ("0", "\u2612", False),
        ("true", "\u2610", True),
        ("on", "x", True),
        ("false", "\u2612", False),
    ],
)
def test_content_control_state_not_glyph(
    tmp_path: Path, value: str, shown: str, checked: bool
) -> None:
    cell = one_cell(tmp_path, p(sdt_checkbox(value, shown), r(" Yes")))
    assert states(cell) == [(checked, "content_control", "Yes")]
    assert cell.text == "Yes"


@pytest.mark.parametrize(
    ("inner", "checked"),
    [
        ("<w:checked/>", True),
        ('<w:checked w:val="0"/><w:default w:val="1"/>', False),
        ('<w:default w:val="1"/>', True),
        ('<w:default w:val="0"/>', False),
        ('<w:checked w:val="true"/>', True),
    ],
)
def test_legacy_form_checkbox(tmp_path: Path, inner: str, checked: bool) -> None:
    cell = one_cell(tmp_path, p(form_checkbox(inner), r(" Partial")))
    assert states(cell) == [(checked, "form_field", "Partial")]
    assert cell.text == "Partial"


def test_form_text_result_is_kept(tmp_path: Path) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:textInput/></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("Policy reviewed May 2024")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert one_cell(tmp_path, p(field)).text == "Policy reviewed May 2024"


def _dropdown(result: str, shown: str = "") -> str:
    chosen = f'<w:result w:val="{result}"/>' if result else ""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:ddList>'
        f'{chosen}<w:listEntry w:val="Yes"/><w:listEntry w:val="No"/>'
        '<w:listEntry w:val="Partial"/></w:ddList></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r>'
        + ('<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r(shown) if shown else "")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


@pytest.mark.parametrize(
    ("field", "text"),
    [
        (_dropdown("2"), "Partial"),
        (_dropdown(""), "Yes"),  # no w:result: the first entry is shown
        (_dropdown("1", shown="stale"), "No"),  # a cached result never doubles the answer
    ],
)
def test_legacy_dropdown_shows_its_chosen_entry(tmp_path: Path, field: str, text: str) -> None:
    assert one_cell(tmp_path, p(field)).text == text


@pytest.mark.parametrize(("char", "checked"), [("F0FE", True), ("F0A8", False), ("F0FD", True)])
def test_wingdings_sym(tmp_path: Path, char: str, checked: bool) -> None:
    sym = f'<w:r><w:sym w:font="Wingdings" w:char="{char}"/></w:r>'
    cell = one_cell(tmp_path, p(sym, r(" Yes")))
    assert states(cell) == [(checked, "symbol_font", "Yes")]


@pytest.mark.parametrize("char", ["\u00fe", "\uf0fe"])
def test_wingdings_run_characters(tmp_path: Path, char: str) -> None:
    font = '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'
    cell = one_cell(tmp_path, p(r(char, font), r(" No")))
    assert states(cell) == [(True, "symbol_font", "No")]
    assert cell.text == "No"


@pytest.mark.parametrize(
    ("glyph", "checked"),
    [
        ("\u2612", True),
        ("\u2611", True),
        ("\u2713", True),
        ("\u25a0", True),
        ("\u22a0", True),
        ("\u2610", False),
        ("\u25a1", False),
    ],
)
def test_typed_glyphs(tmp_path: Path, glyph: str, checked: bool) -> None:
    cell = one_cell(tmp_path, p(r(f"{glyph} Fully met")))
    assert states(cell) == [(checked, "glyph", "Fully met")]
    assert cell.text == "Fully met"


def test_boxes_after_words_take_the_word_before(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, p(r("Exceptional \u2610   Good \u2612   Some shortfalls \u2610")))
    assert states(cell) == [
        (False, "glyph", "Exceptional"),
        (True, "glyph", "Good"),
        (False, "glyph", "Some shortfalls"),
    ]


@pytest.mark.parametrize("text", ["X", "x", "X Yes"])
def test_lone_x_is_a_tick(tmp_path: Path, text: str) -> None:
    cell = one_cell(tmp_path, p(r(text)))
    assert [(m.checked, m.source) for m in cell.marks] == [(True, "glyph")]


def test_x_inside_words_is_not_a_tick(tmp_path: Path) -> None:
    assert one_cell(tmp_path, p(r("X-ray safeguarding protocol in place since 2021"))).marks == []


@pytest.mark.parametrize(
    ("shd", "fill"),
    [
        ('<w:shd w:val="clear" w:color="auto" w:fill="00B050"/>', "00B050"),
        ('<w:shd w:val="solid" w:color="FF0000" w:fill="auto"/>', "FF0000"),
        ('<w:shd w:val="pct50" w:color="FF0000" w:fill="FFFFFF"/>', "FF8080"),
        ('<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/>', None),
    ],
)
def test_cell_shading(tmp_path: Path, shd: str, fill: str | None) -> None:
    assert one_cell(tmp_path, p(r("Green")), props=shd).fill == fill


def test_highlighted_text_colours_the_cell(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, p(r("Amber", '<w:highlight w:val="yellow"/>')))
    assert cell.fill == "FFFF00"


def test_one_bold_option_is_chosen(tmp_path: Path) -> None:
    cell = one_cell(tmp_path, p(r("Yes / "), r("No", "<w:b/>"), r(" / Partial")))
    assert states(cell) == [
        (False, "emphasis", "Yes"),
        (True, "emphasis", "No"),
        (False, "emphasis", "Partial"),
    ]


def test_all_but_one_struck_through(tmp_path: Path) -> None:
    cell = one_cell(
        tmp_path,
        p(r("Yes", "<w:strike/>")) + p(r("No", "<w:dstrike/>")) + p(r("Partial")),
    )
    assert [m.label for m in cell.marks if m.checked] == ["Partial"]


def test_all_bold_header_is_not_a_choice(tmp_path: Path) -> None:
    assert one_cell(tmp_path, p(r("Yes / No / Partial", "<w:b/>"))).marks == []


def test_grid_span_and_vertical_merge(tmp_path: Path) -> None:
    body = tbl(
        tr(tc("a", '<w:gridSpan w:val="2"/>'), tc("ev", '<w:vMerge w:val="restart"/>')),
        tr(tc("b"), tc("c"), tc("", "<w:vMerge/>")),
    )
    doc = read_docx(make_docx(tmp_path, body))
    first, second = doc.tables[0].rows
    assert [(c.text, c.provenance.column, c.col_span) for c in first.cells] == [
        ("a", 0, 2),
        ("ev", 2, 1),
    ]
    assert first.cells[1].row_span == 2
    assert second.cells[2].continued
    assert second.cells[2].text == ""


def test_nested_table_is_kept_inside_its_cell(tmp_path: Path) -> None:
    inner = tbl(tr(tc(p(r("\u2612 Yes"))), tc(p(r("\u2610 No")))))
    body = tbl(tr(tc("1.1 Criterion"), f"<w:tc>{inner}<w:p/></w:tc>"))
    doc = read_docx(make_docx(tmp_path, body))
    outer = doc.tables[0].rows[0].cells[1]
    assert outer.text == ""
    assert [(m.checked, m.label) for m in outer.all_marks()] == [(True, "Yes"), (False, "No")]
    assert len(list(doc.walk_tables())) == 2


def test_tracked_insertions_count_deletions_do_not(tmp_path: Path) -> None:
    body = tbl(
        tr(
            tc(
                p(
                    '<w:del w:id="1" w:author="A"><w:r><w:delText>\u2612</w:delText></w:r></w:del>',
                    '<w:ins w:id="2" w:author="A">' + r("\u2612") + "</w:ins>",
                    r(" Yes "),
                    '<w:del w:id="3" w:author="A"><w:r><w:delText>old evidence</w:delText></w:r></w:del>',
                    '<w:ins w:id="4" w:author="A">' + r("new evidence") + "</w:ins>",
                )
            )
        )
    )
    doc = read_docx(make_docx(tmp_path, body))
    cell = doc.tables[0].rows[0].cells[0]
    assert [(m.checked, m.label) for m in cell.marks] == [(True, "Yes new evidence")]
    assert cell.text == "Yes new evidence"
    assert any("tracked changes" in w for w in doc.warnings)


def test_moved_text_counts_once(tmp_path: Path) -> None:
    body = p(
        '<w:moveFrom w:id="1" w:author="A">' + r("moved ") + "</w:moveFrom>",
        r("stays "),
        '<w:moveTo w:id="2" w:author="A">' + r("moved") + "</w:moveTo>",
    )
    assert read_docx(make_docx(tmp_path, body)).paragraphs[0].text == "stays moved"


def test_deleted_row_is_dropped(tmp_path: Path) -> None:
    body = tbl(tr(tc("kept")), tr(tc("gone"), props='<w:del w:id="1" w:author="A"/>'))
    assert [r.cells[0].text for r in read_docx(make_docx(tmp_path, body)).tables[0].rows] == [
        "kept"
    ]


def test_comments_never_leak(tmp_path: Path) -> None:
    body = p(
        '<w:commentRangeStart w:id="0"/>',
        r("Evidence text"),
        '<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r>',
    )
    comments = (
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:comment w:id="0"><w:p><w:r><w:t>Reviewer: is this true?</w:t></w:r></w:p>'
        "</w:comment></w:comments>"
    )
    doc = read_docx(make_docx(tmp_path, body, extra={"word/comments.xml": comments}))
    assert doc.paragraphs[0].text == "Evidence text"
    assert any("comments" in w for w in doc.warnings)


def test_text_in_content_controls_and_hyperlinks(tmp_path: Path) -> None:
    body = p(
        "<w:sdt><w:sdtPr/><w:sdtContent>" + r("Named lead: ") + "</w:sdtContent></w:sdt>",
        '<w:hyperlink r:id="x">' + r("J. Smith") + "</w:hyperlink>",
    )
    assert read_docx(make_docx(tmp_path, body)).paragraphs[0].text == "Named lead: J. Smith"


def test_damaged_docx_is_one_line(tmp_path: Path) -> None:
    good = make_docx(tmp_path, p(r("x")))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good.read_bytes()[:200])
    with pytest.raises(DocumentLoadError) as info:
        read_docx(bad)
    assert str(info.value).startswith("bad.docx: ")
    assert "\n" not in str(info.value)
