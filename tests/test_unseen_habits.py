"""Issue 20's reading rules for habits nobody showed the reader, one tiny return each: an X
typed among the option words, a return that reads mostly unanswered, last cycle's answers in
a hidden column, a criterion row merged across a table that inherits column roles."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from extractor.xlsx.reader import read_xlsx
from tests.docmodel import C, yes_no_partial
from tests.test_mapping import HEADER, ITEMS, read

SURE = 0.9


def _rows(cells: dict[str, C | str]) -> list[list[C | str]]:
    return [[f"{i} {ITEMS[i]}", cell, "Evidence", "", ""] for i, cell in cells.items()]


def test_x_between_two_words_takes_the_side_the_return_shows_elsewhere() -> None:
    # "X Yes No Partial" can only mark Yes: this return types its X before the word.
    items, _ = read(
        [HEADER, *_rows({"1.1": "X Yes No Partial", "1.2": "Yes X No Partial",
                         "1.3": "Yes No X Partial"})]
    )
    assert [items[i].response for i in ("1.1", "1.2", "1.3")] == ["yes", "no", "partial"]
    assert all(items[i].confidence >= SURE for i in ("1.1", "1.2", "1.3"))


def test_x_after_the_word_is_read_backwards() -> None:
    items, _ = read([HEADER, *_rows({"1.1": "Yes No Partial X", "1.2": "Yes X No Partial"})])
    assert [items["1.1"].response, items["1.2"].response] == ["partial", "yes"]


def test_x_between_two_words_in_a_return_showing_no_side_is_a_doubt() -> None:
    items, _ = read([HEADER, *_rows({"1.1": "Yes X No Partial", "1.2": yes_no_partial("No")})])
    assert items["1.1"].response is None
    assert items["1.1"].confidence < SURE
    assert '"Yes" and "No"' in items["1.1"].doubt


def test_a_return_read_mostly_unanswered_is_not_sure_of_its_blanks() -> None:
    blank = {i: yes_no_partial(None) for i in ("1.1", "1.2", "1.3", "2.1", "2.2")}
    items, _ = read([HEADER, *_rows(blank)])
    for item in blank:
        assert items[item].response is None
        assert items[item].confidence < SURE
        assert "5 of the 5 rated items of this return read as unanswered" in items[item].doubt


def test_one_blank_among_answers_stays_a_sure_unanswered() -> None:
    cells = {i: yes_no_partial("Yes") for i in ("1.1", "1.2", "1.3", "2.1")}
    items, _ = read([HEADER, *_rows({**cells, "2.2": yes_no_partial(None)})])
    assert items["2.2"].response is None
    assert items["2.2"].confidence >= SURE


def test_a_hidden_column_is_no_answer_and_alone_it_is_a_doubt() -> None:
    header = [*HEADER, "Last year"]
    items, _ = read(
        [
            header,
            [f"1.1 {ITEMS['1.1']}", "Yes", "Policy", "", "", C("No", hidden=True)],
            [f"1.2 {ITEMS['1.2']}", "", "Policy", "", "", C("Partial", hidden=True)],
            [f"1.3 {ITEMS['1.3']}", "No", "Policy", "", "", C("", hidden=True)],
        ]
    )
    assert items["1.1"].response == "yes"
    assert items["1.1"].marked == ["yes"]
    assert items["1.2"].response is None
    assert items["1.2"].confidence < SURE
    assert "hidden column" in items["1.2"].doubt


def test_xlsx_reader_marks_the_cells_of_hidden_columns(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Criterion", "Rating", "Last year"])
    ws.append(["1.1 A named lead", "Yes", "No"])
    ws.column_dimensions["C"].hidden = True
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    cells = read_xlsx(path).tables[0].rows[1].cells
    assert [c.provenance.hidden for c in cells] == [False, False, True]


def test_a_criterion_merged_across_a_table_is_under_no_inherited_column() -> None:
    # Two tables of the same width: the second inherits the first's roles (its first column
    # evidence), yet its full-width numbered row is a criterion.
    first = [[C(f"1.1 {ITEMS['1.1']}", col_span=3)], HEADER[2:], ["Policy", "", "No"]]
    second = [[C(f"1.2 {ITEMS['1.2']}", col_span=3)], ["Yes", "", ""]]
    items, _ = read(first, second)
    assert items["1.2"].found


def test_a_return_read_mostly_conflicting_is_not_sure_of_it() -> None:
    # Every option "marked" in most rows: a printed list read as answers, not five conflicts.
    every = {i: yes_no_partial("Yes", second="No") for i in ("1.1", "1.2", "1.3")}
    items, _ = read([HEADER, *_rows({**every, "2.1": yes_no_partial("No")})])
    for item in every:
        assert items[item].marked == ["yes", "no"]
        assert items[item].confidence < SURE
    assert items["2.1"].confidence >= SURE


def test_an_answer_typed_after_the_criterion_in_its_cell_is_read() -> None:
    items, _ = read(
        [
            HEADER,
            [f"1.1 {ITEMS['1.1']} - Partial", "", "Policy", "", ""],
            [f"1.2 {ITEMS['1.2']} (Yes)", "", "Policy", "", ""],
            [f"1.3 {ITEMS['1.3']} as agreed with the board", "", "", "", ""],
        ]
    )
    assert [items[i].response for i in ("1.1", "1.2")] == ["partial", "yes"]
    assert items["1.1"].confidence >= SURE
    assert items["1.3"].response is None  # words after the criterion that name no option


def test_a_mark_labelled_by_part_of_its_column_option_is_that_column() -> None:
    # A PDF export wraps "Not met ✗" so the cross hugs "met" only: under the "Not met"
    # column it is Not met's, though "met" alone would name another option.
    from mappings.answer_marks import _part_of
    from mappings.toolkits import all_toolkits

    gp = next(t for t in all_toolkits() if t.id == "gp2014")
    assert _part_of("met", gp, "not_met")
    assert not _part_of("Not met", gp, "not_met")  # the whole label names it anyway
    assert not _part_of("Fully", gp, "not_met")


def test_crosses_against_options_printed_one_a_cell_leave_the_answer() -> None:
    def crossed(word: str) -> C:
        return C(word, marks=[(True, word)], source="glyph", cross=True)

    items, _ = read(
        [
            [C(f"1.1 {ITEMS['1.1']}", col_span=3)],
            [crossed("Yes"), C("No"), crossed("Partial")],
            [C(f"1.2 {ITEMS['1.2']}", col_span=3)],
            [crossed("Yes"), C("No"), C("Partial")],
        ]
    )
    assert items["1.1"].response == "no"
    assert items["1.1"].confidence >= SURE
    assert items["1.2"].marked == ["no", "partial"]  # two left: both, said as conflicting


def test_two_letter_option_in_capitals_stands_out() -> None:
    from extractor.contrast import look_of, stand_out
    from extractor.model import Span

    span = Span("Yes / NO / Partial")
    looks = [look_of(span, word) for word in ("Yes", "NO", "Partial")]
    assert stand_out(looks).chosen == [1]
    assert look_of(Span("N/A"), "N/A").caps is None  # capitals by nature


def test_a_box_takes_the_option_word_printed_beside_it_in_its_row() -> None:
    # Options on rows of their own, each box in the cell beside its word (a table nested in
    # the answer cell reads this way too).
    def option_row(word: str, ticked: bool) -> list[C | str]:
        return [word, C("", marks=[(ticked, None)], source="glyph")]

    items, _ = read(
        [
            [C(f"1.1 {ITEMS['1.1']}", col_span=2)],
            option_row("Yes", False),
            option_row("No", True),
            option_row("Partial", False),
        ]
    )
    assert items["1.1"].response == "no"
    assert items["1.1"].confidence >= SURE


def test_two_typed_answers_one_in_capitals_are_two_answers() -> None:
    from extractor.contrast import look_of, stand_out
    from extractor.model import Span

    span = Span("NO/Partially")
    assert stand_out([look_of(span, "NO"), look_of(span, "Partially")]).chosen == []


def _rated(item_id: str, text: str, fills: list[tuple[str, str | None]]) -> list[list[C | str]]:
    """A bscb2016-style item: the criterion, a "Current Rating" label, a row of RAG cells,
    each with its empty box."""
    return [
        [C(f"{item_id} {text}", col_span=4)],
        [C("Current Rating", fill="D9D9D9", col_span=4)],
        [C(word, marks=[(False, word)], source="glyph", fill=fill) for word, fill in fills],
    ]


def test_rating_cells_each_in_its_own_colour_are_the_forms_key_not_an_answer() -> None:
    from extractor.fields import collect_fields
    from mappings.read import read_return
    from mappings.toolkits import load_toolkit
    from tests.docmodel import make_doc

    bscb = load_toolkit("bscb2016")
    items = [item for _, item in bscb.all_items()][:4]
    key = [("Blue", "0070C0"), ("Green", "00B050"), ("Amber", "FFC000"), ("Red", "FF0000")]
    chosen = [("Blue", None), ("Green", "00B050"), ("Amber", None), ("Red", None)]
    rows = [
        *_rated(items[0].id, items[0].text, key),  # printed in colour, nothing chosen
        *_rated(items[1].id, items[1].text, chosen),  # only Green shaded: Green chosen
        *_rated(items[2].id, items[2].text, chosen),
        *_rated(items[3].id, items[3].text, chosen),
    ]
    doc = make_doc(rows)
    doc.fields = collect_fields(doc)
    read = {i.item_id: i for i in read_return(doc, bscb, 1.0).items}
    assert read[items[0].id].response is None
    assert [read[i.id].response for i in items[1:]] == ["green"] * 3


def test_an_item_the_agency_added_is_not_part_of_the_item_above() -> None:
    # "Local addition: …" answered No under a blank 1.2: 1.2 stays unanswered, not No.
    own = ["Local addition: our volunteers sign the code of conduct", "No", "Signed codes", "", ""]
    rows = _rows({"1.1": "Yes", "1.2": ""})
    items, _ = read([HEADER, *rows, own, *_rows({"1.3": "Partial", "2.1": "Yes"})])
    assert items["1.2"].response is None
    assert [items[i].response for i in ("1.1", "1.3", "2.1")] == ["yes", "partial", "yes"]


def test_an_item_the_agency_numbered_its_own_way_ends_the_item_above() -> None:
    header = ["Ref", *HEADER]
    rows = [[i, ITEMS[i], answer, "Evidence", "", ""] for i, answer in
            (("1.1", "Yes"), ("1.2", ""))]
    own = ["1.L", "Volunteers sign our code", "No", "Signed codes", "", ""]  # 4 words: no sentence
    items, _ = read([header, *rows, own, ["1.3", ITEMS["1.3"], "Partial", "Evidence", "", ""]])
    assert items["1.2"].response is None
    assert items["1.3"].response == "partial"


def test_a_box_ticked_in_the_evidence_column_makes_the_reading_unsure() -> None:
    ticked = C("", marks=[(True, None)], source="glyph")
    items, _ = read([HEADER, [f"1.1 {ITEMS['1.1']}", "", ticked, "", ""],
                     *_rows({"1.2": "Yes", "1.3": "No", "2.1": "Yes"})])
    assert items["1.1"].confidence < SURE
    assert "ticked box stands in the evidence column" in items["1.1"].doubt
    assert items["1.2"].confidence >= SURE


def test_criteria_cut_short_in_print_match_by_number_and_first_words_unsure() -> None:
    # A summary printed from a spreadsheet clips each criterion to its first letters.
    def cut(text: str) -> str:  # a word and a letter: "There i"
        words = text.split()
        return f"{words[0]} {words[1][:1]}"

    clipped = {i: f"{i} {cut(ITEMS[i])}" for i in ("1.1", "1.2", "1.3", "2.1")}
    rows = [[text, answer, "Evidence", "", ""] for text, answer in
            zip(clipped.values(), ("Yes", "No", "Partial", "Yes"), strict=True)]
    items, _ = read([HEADER, *rows])
    assert [items[i].response for i in clipped] == ["yes", "no", "partial", "yes"]
    for i in clipped:
        assert items[i].confidence < SURE
        assert "cut short" in items[i].doubt
    missing = [i for i in items.values() if not i.found]
    assert missing
    assert all(i.confidence < SURE for i in missing)  # perhaps a row cut too short to match


def test_a_row_that_is_a_whole_other_criterion_is_not_cut_short() -> None:
    from mappings.normalise import cut_short

    assert cut_short("1.1 There is a na", ITEMS["1.1"], 5)
    assert not cut_short(f"1.1 {ITEMS['1.2']}", ITEMS["1.1"], 5)
    assert not cut_short("1.1 Ther", ITEMS["1.1"], 5)  # too little left to say
    assert not cut_short(f"1.1 {ITEMS['1.1']}", ITEMS["1.1"], 5)  # whole: no clipping
