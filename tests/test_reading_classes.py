"""How other people fill forms (issue 10's classes), one tiny synthetic return per mechanism.

Each test builds a FormDocument in memory against the mini toolkit of test_mapping and fails
without the reading rule it names.
"""

from __future__ import annotations

from extractor.model import Span
from tests.docmodel import C, yes_no_partial
from tests.test_mapping import HEADER, ITEMS, read


def test_action_plan_column_typed_yes_no_keeps_the_row_a_criterion() -> None:
    # "No" under "Included in action plan?" beside a typed "Yes" looked like a header row
    # (two header words, nothing ticked), so the whole row went unmatched.
    items, _ = read(
        [
            HEADER,
            [f"1.1 {ITEMS['1.1']}", "Yes", "Named DSL: J Smith", "", "No"],
            [f"1.2 {ITEMS['1.2']}", "Partial", "Policy 2023", "Review", "Y"],
            [f"1.3 {ITEMS['1.3']}", yes_no_partial("No"), "", "Write plan", "Yes"],
        ]
    )
    assert [items[i].response for i in ("1.1", "1.2", "1.3")] == ["yes", "partial", "no"]
    assert [items[i].in_action_plan for i in ("1.1", "1.2", "1.3")] == [False, True, True]


def _options_cell(chosen: str | None, *, strike_others: bool = False) -> C:
    labels = ["Yes", "No", "Partial"]
    spans = []
    for n, label in enumerate(labels):
        if n:
            spans.append(Span("\n"))
        loud = label == chosen and not strike_others
        spans.append(Span(label, bold=loud, strike=strike_others and label != chosen))
    return C("Yes\nNo\nPartial", marks=[(False, lab) for lab in labels], spans=spans)


def test_chosen_option_emphasised_while_its_box_stays_empty() -> None:
    items, _ = read(
        [
            HEADER,
            [f"1.1 {ITEMS['1.1']}", _options_cell("Partial"), "Policy 2023", "Review", ""],
            [f"1.2 {ITEMS['1.2']}", _options_cell("No", strike_others=True), "", "Plan", ""],
            [f"1.3 {ITEMS['1.3']}", _options_cell(None), "", "", ""],
        ]
    )
    assert items["1.1"].response == "partial"
    assert items["1.1"].mark_source == "emphasis"
    assert items["1.2"].response == "no"
    assert items["1.3"].response is None  # nothing emphasised, nothing ticked: unanswered


def test_free_text_answer_in_a_cell_merged_across_option_columns() -> None:
    header = ["Ref", "Criteria", "Yes", "No", "Partial", "Evidence"]
    items, _ = read(
        [
            header,
            ["6.1", ITEMS["6.1"], C("Budget pressure on early help", col_span=4)],
        ]
    )
    assert items["6.1"].response == "answered"
    assert items["6.1"].evidence == "Budget pressure on early help"


OPTION_HEADER = ["Compliance Criteria", "Yes", "No", "Partial", HEADER[2], HEADER[3]]


def test_two_options_typed_with_no_box_are_conflicting_the_option_list_is_not() -> None:
    items, _ = read(
        [
            HEADER,
            [f"1.1 {ITEMS['1.1']}", "NO/Partially", "Policy 2023", "Review", ""],
            [f"1.2 {ITEMS['1.2']}", "Yes / No / Partial", "", "", ""],
        ]
    )
    assert items["1.1"].marked == ["no", "partial"]
    assert items["1.1"].response is None
    assert items["1.2"].marked == []  # the printed option list, untouched: unanswered


def test_two_option_cells_shaded_are_conflicting_one_is_the_answer() -> None:
    items, _ = read(
        [
            OPTION_HEADER,
            [f"1.1 {ITEMS['1.1']}", C(fill="D9D9D9"), C(fill="D9D9D9"), "", "Policy", ""],
            [f"1.2 {ITEMS['1.2']}", "", "", C(fill="D9D9D9"), "Policy", "Review"],
        ]
    )
    assert items["1.1"].marked == ["yes", "no"]
    assert items["1.2"].response == "partial"


def test_letter_typed_in_an_option_box_is_that_columns_option() -> None:
    # "P" in the Partial box and "x" in the No box, empty boxes beside them: a row like
    # this (two option words under their own columns) is answers, not a repeated header.
    items, _ = read(
        [
            OPTION_HEADER,
            [f"1.1 {ITEMS['1.1']}", "", "", "P", "Policy", "Review"],
            [f"1.2 {ITEMS['1.2']}", C(marks=[(False, None)]), "x", "", "Policy", ""],
            [f"1.3 {ITEMS['1.3']}", C(marks=[(False, None)]), "No", "Partial", "", "Plan"],
        ]
    )
    assert items["1.1"].response == "partial"
    assert items["1.2"].response == "no"
    assert items["1.3"].marked == ["no", "partial"]


def test_every_item_carries_a_confidence_and_unsure_readings_say_why() -> None:
    items, _ = read(
        [
            HEADER,
            [f"1.1 {ITEMS['1.1']}", yes_no_partial("Yes"), "Named DSL: J Smith", "", ""],
            # a box ticked with no label and no column: the answer cannot be told
            [f"1.2 {ITEMS['1.2']}", C("", marks=[(True, None)]), "Policy", "", ""],
            [f"1.3 {ITEMS['1.3']}", "Mostly", "Policy", "", ""],
        ]
    )
    assert items["1.1"].confidence is not None
    assert items["1.1"].confidence >= 0.9
    assert items["1.1"].doubt == ""
    assert items["1.2"].confidence is not None
    assert items["1.2"].confidence < 0.9
    assert "ticked box" in items["1.2"].doubt
    assert items["1.3"].confidence is not None
    assert items["1.3"].confidence < 0.9
    assert '"Mostly"' in items["1.3"].doubt
    assert items["2.1"].confidence is not None  # absent from the file, and nothing like it
    assert items["2.1"].confidence >= 0.9


def test_x_typed_over_a_box_is_that_box_ticked_whichever_side_labels_stand() -> None:
    from extractor.inline import text_marks

    text, marks = text_marks("☐ Yes ☐ No X Partial")
    assert [(m.checked, m.label) for m in marks] == [(False, "Yes"), (False, "No"), (True, "Partial")]
    assert text == "Yes No Partial"
    _, marks = text_marks("Exceptional ☐ Good ☐ Some shortfalls X Significant shortfalls ☐")
    assert [m.label for m in marks if m.checked] == ["Some shortfalls"]
    _, marks = text_marks("☐ 6 x 4 rooms")  # a multiplication, not a cross
    assert [m.checked for m in marks] == [False]


def test_rating_key_rows_are_not_criteria() -> None:
    # "Amber: | Something requires review" shares words with short criteria; it is the key.
    items, _ = read(
        [
            ["Yes:", "Everything is in place for the children and the policy is reviewed"],
            ["No:", "Nothing in place"],
        ],
        [HEADER, [f"1.1 {ITEMS['1.1']}", yes_no_partial("Yes"), "Named DSL", "", ""]],
    )
    assert not items["2.1"].found
    assert not items["1.2"].found
