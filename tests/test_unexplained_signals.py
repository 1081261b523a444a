"""Issue 20: fill-in habits nobody showed us, and never sure and wrong.

One tiny fixture per mechanism: the look of each run in every reader, emphasis by contrast
with the sibling words, answers as people write them, the signals no rule used lowering
confidence with a reason that names them, and no refusal of a return whose cells hold values.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from extractor.contrast import Look, stand_out
from extractor.docx import read_docx
from extractor.errors import NoAnswersError
from extractor.model import Annotation, Span
from extractor.pdf.marks import char_look
from extractor.xlsx import read_xlsx
from mappings.answer_places import ensure_answer_places
from mappings.settings import SETTINGS
from tests.docmodel import C
from tests.docx_fixtures import make_docx, p, r, tbl, tc, tr
from tests.test_mapping import HEADER, ITEMS, read, toolkit

RED = "FF0000"


# -- emphasis by contrast (extractor/contrast.py) -------------------------------------------
def test_a_word_that_differs_from_its_siblings_stands_out_a_list_alike_does_not() -> None:
    plain = Look()
    assert stand_out([plain, plain, Look(colour=RED)]).chosen == [2]
    assert stand_out([plain, Look(italic=True), plain]).chosen == [1]
    assert stand_out([Look(size=11), Look(size=14), Look(size=11)]).chosen == [1]
    assert stand_out([plain, plain, Look(boxed=True)]).chosen == [2]
    assert stand_out([Look(caps=True), Look(caps=False), Look(caps=False)]).chosen == [0]
    # grey printed options, the chosen one made black (auto): the one off the shared colour
    grey = Look(colour="808080")
    assert stand_out([grey, plain, grey]).chosen == [1]
    # every rating printed in its own colour, all bold, all capitals: nothing chosen
    rag = [Look(colour="FF0000"), Look(colour="FFC000"), Look(colour="00B050")]
    assert stand_out(rag).chosen == []
    assert stand_out([Look(bold=True)] * 3).chosen == []
    assert stand_out([Look(caps=True), Look(caps=None)]).chosen == []  # "YES / NO"
    # two of three in red, or shaded: those two (never the plain one)
    assert stand_out([Look(colour=RED), plain, Look(colour=RED)]).chosen == [0, 2]
    assert stand_out([Look(highlight="BFBFBF")] * 2 + [plain]).chosen == [0, 1]
    # two stand out: both (conflicting downstream)
    assert stand_out([Look(bold=True), plain, Look(colour=RED)]).chosen == [0, 2]


# -- the look on the model, per reader ---------------------------------------------------------
def test_word_runs_carry_colour_size_italic_caps_and_font(tmp_path: Path) -> None:
    runs = (
        r("Yes", '<w:rFonts w:ascii="Arial"/><w:sz w:val="22"/>')
        + r(" / ")
        + r("No", '<w:color w:val="FF0000"/><w:i/><w:caps/>')
    )
    path = make_docx(tmp_path, tbl(tr(tc(p(runs)))))
    spans = read_docx(path).tables[0].rows[0].cells[0].spans
    yes = next(s for s in spans if s.text == "Yes")
    no = next(s for s in spans if s.text == "No")
    assert (yes.font, yes.size, yes.colour) == ("Arial", 11.0, None)
    assert (no.colour, no.italic, no.caps) == (RED, True, True)


def test_word_option_in_red_is_marked_by_emphasis(tmp_path: Path) -> None:
    runs = r("Yes / ") + r("Partial", '<w:color w:val="FF0000"/>') + r(" / No")
    path = make_docx(tmp_path, tbl(tr(tc(p(runs)))))
    marks = read_docx(path).tables[0].rows[0].cells[0].marks
    assert [(m.label, m.checked, m.source) for m in marks if m.checked] == [
        ("Partial", True, "emphasis")
    ]


def test_word_comment_and_drawing_on_a_cell_are_annotations(tmp_path: Path) -> None:
    comments = (
        '<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.'
        'openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="7"><w:p><w:r>'
        "<w:t>we think partial</w:t></w:r></w:p></w:comment></w:comments>"
    )
    cell = p(r("Yes") + '<w:r><w:commentReference w:id="7"/></w:r>' + "<w:r><w:drawing/></w:r>")
    path = make_docx(tmp_path, tbl(tr(tc(cell))), extra={"word/comments.xml": comments})
    notes = read_docx(path).tables[0].rows[0].cells[0].annotations
    assert Annotation("comment", "we think partial") in notes
    assert any(n.kind == "drawing" for n in notes)


def test_pdf_char_keys_give_the_look() -> None:
    ch = {"fontname": "ABCDEF+Arial-BoldItalicMT", "size": 12.0, "non_stroking_color": (1, 0, 0)}
    look = char_look(ch)
    assert (look.bold, look.italic, look.colour, look.size, look.font) == (
        True,
        True,
        RED,
        12.0,
        "Arial",
    )
    black = char_look({"fontname": "ArialMT", "size": 10, "non_stroking_color": [0]})
    assert black.colour is None
    assert not black.bold


def test_excel_cell_font_and_comment(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Partial"
    ws["A1"].font = Font(color="FFFF0000", italic=True, size=14, name="Verdana")
    ws["A1"].comment = Comment("ask about this", "rev")
    path = tmp_path / "t.xlsx"
    wb.save(path)
    cell = read_xlsx(path).tables[0].rows[0].cells[0]
    look = cell.spans[0]
    assert (look.colour, look.italic, look.size, look.font) == (RED, True, 14.0, "Verdana")
    assert cell.annotations[0].kind == "comment"
    assert "ask about this" in cell.annotations[0].text


# -- reading (mappings) -----------------------------------------------------------------------
def _boxes_and_words(looks: dict[str, Span], ticked: str | None = None) -> C:
    labels = ["Yes", "No", "Partial"]
    spans: list[Span] = []
    for n, label in enumerate(labels):
        if n:
            spans.append(Span("\n"))
        spans.append(looks.get(label, Span("")).restyled(label))
    return C("Yes\nNo\nPartial", marks=[(lab == ticked, lab) for lab in labels], spans=spans)


def _row(item: str, answer: C | str) -> list[C | str]:
    return [f"{item} {ITEMS[item]}", answer, "Policy 2023", "Review", ""]


def test_coloured_or_bigger_option_beside_empty_boxes_is_the_answer_two_conflict() -> None:
    items, _ = read(
        [
            HEADER,
            _row("1.1", _boxes_and_words({"Partial": Span("", colour=RED)})),
            _row("1.2", _boxes_and_words({"No": Span("", size=16.0), "Yes": Span("", size=11.0),
                                          "Partial": Span("", size=11.0)})),
            _row("1.3", _boxes_and_words({"No": Span("", italic=True), "Yes": Span("", colour=RED)})),
        ]
    )
    assert (items["1.1"].response, items["1.1"].mark_source) == ("partial", "emphasis")
    assert items["1.2"].response == "no"
    assert sorted(items["1.3"].marked) == ["no", "yes"]
    assert items["1.3"].response is None


def test_a_coloured_word_no_rule_used_makes_the_answer_unsure_and_is_named() -> None:
    items, _ = read([HEADER, _row("1.1", _boxes_and_words({"Partial": Span("", colour=RED)}, "Yes"))])
    item = items["1.1"]
    assert item.response == "yes"  # the tick is read
    assert (item.confidence or 1) < SETTINGS.sure
    assert '"Partial" is coloured red' in item.doubt


def test_unanswered_with_a_comment_or_an_unknown_sign_is_never_sure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from extractor.fields import collect_fields
    from mappings.read import read_return
    from tests.docmodel import make_doc

    # The row-level signals alone: this three-row return reads wholly unanswered, which the
    # return-level rule (mappings/unseen_habit.py, tests/test_unseen_habits.py) would doubt.
    monkeypatch.setattr("mappings.unseen_habit.SETTINGS", replace(SETTINGS, unseen_min_items=99))

    boxes = C("Yes / No / Partial", marks=[(False, "Yes"), (False, "No"), (False, "Partial")])
    doc = make_doc([HEADER, _row("1.1", boxes), _row("1.2", "\u261b"), _row("1.3", boxes)])
    doc.tables[0].rows[1].cells[1].annotations.append(Annotation("comment", "we think partial"))
    doc.fields = collect_fields(doc)
    items = {i.item_id: i for i in read_return(doc, toolkit(), 1.0).items}
    for item_id in ("1.1", "1.2"):
        assert items[item_id].response is None
        assert (items[item_id].confidence or 1) < SETTINGS.sure
    assert "comment" in items["1.1"].doubt
    assert "we think partial" in items["1.1"].doubt
    assert "\u261b" in items["1.2"].doubt
    assert (items["1.3"].confidence or 0) >= SETTINGS.sure  # nothing unexplained: sure


def test_answers_as_people_write_them() -> None:
    items, _ = read(
        [
            HEADER,
            _row("1.1", "50"),  # a score on the toolkit's scale
            _row("1.2", "1 - Not met"),  # a numbered dropdown label
            _row("1.3", "100%"),
            _row("2.1", "N.M."),  # initials of "Not met"
            _row("2.2", "Current Rating: Partial"),  # after a label in its own cell
        ]
    )
    ids = ("1.1", "1.2", "1.3", "2.1", "2.2")
    assert [items[i].response for i in ids] == ["partial", "no", "yes", "no", "partial"]
    assert all((items[i].confidence or 0) >= SETTINGS.sure for i in ids)


def test_a_ticked_box_whose_label_runs_into_the_next_option_is_read_but_unsure() -> None:
    cell = C("Yes No Partial", marks=[(False, "Yes"), (True, "No Partial")], source="glyph")
    items, _ = read([HEADER, _row("1.1", cell)])
    assert items["1.1"].response == "no"
    assert (items["1.1"].confidence or 1) < SETTINGS.sure


def test_option_cells_printing_their_own_words_read_by_their_look() -> None:
    header = ["Compliance Criteria", "Yes", "No", "Partial", HEADER[2]]
    red = [Span("Partial", colour=RED)]

    def row(item: str, partial: list[Span]) -> list[C | str]:
        return [
            f"{item} {ITEMS[item]}",
            C("Yes", spans=[Span("Yes")]),
            C("No", spans=[Span("No")]),
            C("Partial", spans=partial),
            "Policy",
        ]

    items, _ = read([header, row("1.1", red), row("1.2", [Span("Partial")])])
    assert (items["1.1"].response, items["1.1"].mark_source) == ("partial", "emphasis")
    assert items["1.2"].marked == []  # the printed list, all alike: no answer, not conflicting


def test_a_return_whose_answer_column_is_unrecognised_but_holds_values_is_read() -> None:
    header = ["Compliance Criteria", "Our RAG", "Notes"]
    rows = [[f"{i} {ITEMS[i]}", "Gn", "see file"] for i in ("1.1", "1.2", "1.3", "2.1", "2.2")]
    _, reading = read([header, *rows])
    assert not any(i.answer_place for i in reading.items if i.found)
    ensure_answer_places(reading, toolkit())  # values in the cells: read, not refused
    unsure = [i for i in reading.items if i.found and i.item_id != "6.1"]
    assert unsure
    assert all((i.confidence or 1) < SETTINGS.sure for i in unsure)


def test_criteria_with_nothing_beside_them_are_still_refused() -> None:
    rows = [[f"{i} {ITEMS[i]}"] for i in ("1.1", "1.2", "1.3", "2.1", "2.2")]
    _, reading = read([["Compliance Criteria"], *rows])
    with pytest.raises(NoAnswersError):
        ensure_answer_places(reading, toolkit())


def test_crosses_against_the_options_not_chosen_reject_them() -> None:
    from extractor.inline import text_marks

    _, marks = text_marks("\u2713 Yes \u2717 No \u2717 Partial")
    assert [(m.label, m.checked, m.cross) for m in marks] == [
        ("Yes", True, False),
        ("No", True, True),
        ("Partial", True, True),
    ]
    cell = C("Yes No Partial", marks=[(True, m.label) for m in marks], source="glyph")
    doc_items = _read_marks([HEADER, _row("1.1", cell)], crosses={"No", "Partial"})
    assert doc_items["1.1"].response == "yes"


def _read_marks(rows: list[list[C | str]], crosses: set[str]):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from extractor.fields import collect_fields
    from mappings.read import read_return
    from tests.docmodel import make_doc

    doc = make_doc(rows)
    for row in doc.tables[0].rows:
        for cell in row.cells:
            cell.marks = [replace(m, cross=m.label in crosses) for m in cell.marks]
    doc.fields = collect_fields(doc)
    return {i.item_id: i for i in read_return(doc, toolkit(), 1.0).items}


def test_a_dropdown_content_control_still_showing_its_prompt_is_empty(tmp_path: Path) -> None:
    def dropdown(shown: str, placeholder: bool) -> str:
        flag = "<w:showingPlcHdr/>" if placeholder else ""
        return (
            f"<w:sdt><w:sdtPr>{flag}<w:dropDownList><w:listItem w:displayText=\"Partial\" "
            f'w:value="Partial"/></w:dropDownList></w:sdtPr><w:sdtContent>{r(shown)}'
            "</w:sdtContent></w:sdt>"
        )

    body = tbl(tr(tc(p(dropdown("Choose an item.", True))), tc(p(dropdown("Partial", False)))))
    cells = read_docx(make_docx(tmp_path, body)).tables[0].rows[0].cells
    assert [c.text for c in cells] == ["", "Partial"]


def test_pdf_sticky_notes_and_shapes_become_annotations_widgets_do_not() -> None:
    from types import SimpleNamespace

    from extractor.pdf.marks import page_annotations

    def annot(subtype: str, contents: str = "") -> dict[str, object]:
        box = {"x0": 10.0, "x1": 20.0, "top": 30.0, "bottom": 40.0}
        return {**box, "contents": contents, "data": {"Subtype": f"/'{subtype}'"}}

    page = SimpleNamespace(
        annots=[annot("Text", "partial?"), annot("Circle"), annot("Widget"), annot("Link")]
    )
    notes = [note for _, _, note in page_annotations(page)]
    assert notes == [Annotation("comment", "partial?"), Annotation("drawing", "circle")]


def test_excel_picture_over_a_cell_is_an_annotation(tmp_path: Path) -> None:
    from openpyxl.drawing.image import Image as SheetImage
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(tmp_path / "stamp.png")
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "1.1 criterion", "Yes"
    ws.add_image(SheetImage(str(tmp_path / "stamp.png")), "B1")
    wb.save(tmp_path / "t.xlsx")
    cells = read_xlsx(tmp_path / "t.xlsx").tables[0].rows[0].cells
    assert cells[1].annotations == [Annotation("drawing", "picture")]
    assert cells[0].annotations == []


def test_the_options_left_uncrossed_are_the_ones_marked() -> None:
    crossed = [(True, "No"), (True, "Partial")]
    one_left = C("Yes    No    Partial", marks=crossed, source="glyph")
    two_left = C("Yes    No    Partial", marks=[(True, "Partial")], source="glyph")
    items = _read_marks(
        [HEADER, _row("1.1", one_left), _row("1.2", two_left)], crosses={"No", "Partial"}
    )
    assert items["1.1"].response == "yes"
    assert sorted(items["1.2"].marked) == ["no", "yes"]


def test_a_cross_hugging_the_word_before_it_is_that_words() -> None:
    from extractor.inline import text_marks

    _, marks = text_marks("Yes \u2717    No \u2717    Partial")
    assert [m.label for m in marks] == ["Yes", "No"]
    _, marks = text_marks("\u2610 Yes    \u2612 No")
    assert [m.label for m in marks] == ["Yes", "No"]


def test_answer_said_only_at_the_start_of_the_evidence_is_read_unsure() -> None:
    items, _ = read(
        [
            HEADER,
            [f"1.1 {ITEMS['1.1']}", "", "No \u2013 the policy is still in draft", "", ""],
            [f"1.2 {ITEMS['1.2']}", "", "Partially: reviewed in 2021", "", ""],
            [f"1.3 {ITEMS['1.3']}", "", "Yes we have a strategy", "", ""],
        ]
    )
    assert [items[i].response for i in ("1.1", "1.2")] == ["no", "partial"]
    assert all((items[i].confidence or 1) < SETTINGS.sure for i in ("1.1", "1.2"))
    assert items["1.3"].response is None  # no dash: a sentence, not an answer said first
