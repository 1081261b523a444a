"""Format-neutral mapping tests: synthetic FormDocuments against a small wt2023-like toolkit."""

from __future__ import annotations

import pytest

from extractor.fields import collect_fields
from mappings.read import read_return
from mappings.toolkits.schema import Toolkit
from tests.docmodel import C, make_doc, yes_no_partial

ITEMS = {
    "1.1": "There is a named person at senior level responsible for safeguarding and championing "
    "safeguarding is clearly in their job description",
    "1.2": "The organisation has a safeguarding policy in place that is reviewed every 2 years and "
    "provides clear guidance on what action to take if there are concerns",
    "1.3": "Strategies and plans include reference to safeguarding and are clear about "
    "responsibilities in relation to the impact of our services",
    "2.1": "Safeguarding and promoting the welfare of children is central to all service "
    "development.",
    "2.2": "Children are actively involved in the design and development of services.",
    "6.1": "What are the key financial and organisational pressures that your organisation is "
    "facing that relate to safeguarding children?",
}

HEADER = [
    "Compliance Criteria",
    "Yes/No/Partial?",
    "Describe how your organisation is assured that this standard is met.",
    "Provide details on plans to meet or improve these criteria.",
    "Included in action plan?",
]


def toolkit() -> Toolkit:
    return Toolkit.model_validate(
        {
            "id": "mini",
            "title": "Mini self-assessment",
            "seed": "none",
            "identifying_phrases": ["Mini self-assessment"],
            "options": [
                {
                    "id": "yes",
                    "label": "Yes",
                    "synonyms": ["Met", "Y"],
                    "score": 100,
                    "colour": "00B050",
                },
                {
                    "id": "no",
                    "label": "No",
                    "synonyms": ["Not met", "N"],
                    "score": 0,
                    "colour": "FF0000",
                },
                {
                    "id": "partial",
                    "label": "Partial",
                    "synonyms": ["Partially", "Partly"],
                    "score": 50,
                    "colour": "FFC000",
                },
                {"id": "na", "label": "N/A", "synonyms": ["Not applicable"], "na": True},
            ],
            "option_order": ["yes", "no", "partial"],
            "fields": {
                "evidence": [HEADER[2]],
                "actions": [HEADER[3]],
                "in_action_plan": [HEADER[4]],
                "response": [HEADER[1], "Response"],
                "criterion": [HEADER[0]],
            },
            "header": {
                "organisation": ["Organisation"],
                "completed_by": ["Completed by"],
                "date": ["Date completed"],
            },
            "self_rating": {
                "prompts": ["How do you rate your compliance with this standard?"],
                "options": [
                    {"id": "exceptional", "label": "Exceptional", "range": [90, 100]},
                    {"id": "good", "label": "Good", "range": [75, 100]},
                    {"id": "some_shortfalls", "label": "Some shortfalls", "range": [40, 90]},
                    {
                        "id": "significant_shortfalls",
                        "label": "Significant shortfalls",
                        "range": [0, 60],
                    },
                ],
            },
            "sections": [
                {
                    "id": "1A",
                    "title": "Leadership",
                    "items": [{"id": k, "text": ITEMS[k]} for k in ("1.1", "1.2", "1.3")],
                },
                {
                    "id": "2",
                    "title": "Service Delivery, Development and Effective Practice for children",
                    "items": [{"id": k, "text": ITEMS[k]} for k in ("2.1", "2.2")],
                },
                {
                    "id": "6",
                    "title": "Impact",
                    "items": [{"id": "6.1", "text": ITEMS["6.1"], "kind": "text"}],
                },
            ],
            "action_plan_counts_as_action": True,
        }
    )


def read(*blocks: list[list[C | str]] | str):  # type: ignore[no-untyped-def]
    doc = make_doc(*blocks)
    doc.fields = collect_fields(doc)
    reading = read_return(doc, toolkit(), 1.0)
    return {i.item_id: i for i in reading.items}, reading


def test_labelled_content_controls_give_answers_evidence_and_plan() -> None:
    items, _ = read(
        [
            HEADER,
            [
                f"1.1 {ITEMS['1.1']}",
                yes_no_partial("Yes"),
                "Named DSL: J Smith, Director",
                "",
                C(marks=[(False, None)]),
            ],
            [
                f"1.2 {ITEMS['1.2']}",
                yes_no_partial("Partial"),
                "Policy 2023 under review",
                "Review by March 2025",
                C(marks=[(True, None)]),
            ],
            [f"1.3 {ITEMS['1.3']}", yes_no_partial(None), "", "", C(marks=[(False, None)])],
        ]
    )
    assert items["1.1"].response == "yes"
    assert items["1.1"].evidence == "Named DSL: J Smith, Director"
    assert items["1.1"].in_action_plan is False
    assert items["1.2"].response == "partial"
    assert items["1.2"].actions == "Review by March 2025"
    assert items["1.2"].in_action_plan is True
    assert items["1.3"].found
    assert items["1.3"].response is None
    assert items["2.1"].found is False


def test_two_ticks_are_conflicting() -> None:
    items, _ = read([HEADER, [ITEMS["1.1"], yes_no_partial("Yes", second="No"), "x", "", ""]])
    assert items["1.1"].response is None
    assert items["1.1"].marked == ["yes", "no"]


def test_reworded_swapped_and_renumbered_rows_align() -> None:
    items, _ = read(
        [
            HEADER,
            [
                "2.9 Kids are actively involved in designing and developing our services",
                yes_no_partial("No"),
                "",
                "Youth panel from 2025",
                "",
            ],
            [
                "2.8 Safeguarding and promoting children's welfare is central to all service "
                "development",
                yes_no_partial("Yes"),
                "Service design checklist",
                "",
                "",
            ],
        ]
    )
    assert items["2.1"].response == "yes"
    assert items["2.2"].response == "no"
    assert items["2.2"].actions == "Youth panel from 2025"


def test_truncated_criterion_matches() -> None:
    items, _ = read(
        [
            HEADER,
            [
                "1.2 The organisation has a safeguarding policy in place that...",
                yes_no_partial("Yes"),
                "Policy v3",
                "",
                "",
            ],
        ]
    )
    assert items["1.2"].response == "yes"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Yes", "yes"), ("partially", "partial"), ("Not met", "no"), ("N/A", "na"), ("Y", "yes")],
)
def test_typed_words_and_deleted_options(typed: str, expected: str) -> None:
    items, _ = read([HEADER, [ITEMS["1.1"], typed, "Job description 2024", "", ""]])
    assert items["1.1"].response == expected
    assert items["1.1"].mark_source == "typed"


def test_template_option_list_without_marks_is_unanswered() -> None:
    items, _ = read([HEADER, [ITEMS["1.1"], "Yes\nNo\nPartial", "", "", ""]])
    assert items["1.1"].response is None


def test_fill_colour_as_answer() -> None:
    items, _ = read(
        [
            HEADER,
            [ITEMS["1.1"], C("", fill="C6EFCE"), "JD", "", ""],
            [ITEMS["1.2"], C("", fill="FFC000"), "Policy", "Plan", ""],
        ]
    )
    assert items["1.1"].response == "yes"
    assert items["1.2"].response == "partial"
    assert items["1.2"].mark_source == "fill"


def test_option_columns_by_header_and_order() -> None:
    header = ["Criteria", "Yes", "No", "Partial", HEADER[2]]
    items, _ = read(
        [
            header,
            [
                ITEMS["1.1"],
                C(marks=[(False, None)]),
                C(marks=[(True, None)]),
                C(marks=[(False, None)]),
                "None yet",
            ],
            [ITEMS["1.2"], "", "", "x", "Draft policy"],
        ]
    )
    assert items["1.1"].response == "no"
    assert items["1.2"].response == "partial"
    assert items["1.2"].evidence == "Draft policy"


def test_unlabelled_boxes_resolve_by_option_order() -> None:
    items, _ = read([[ITEMS["1.1"], C(marks=[(False, None), (False, None), (True, None)])]])
    assert items["1.1"].response == "partial"


def test_merged_evidence_applies_to_each_row() -> None:
    items, _ = read(
        [
            HEADER,
            [
                ITEMS["1.1"],
                yes_no_partial("Yes"),
                C("Shared evidence: policy 2024", row_span=2),
                "",
                "",
            ],
            [ITEMS["1.2"], yes_no_partial("Yes"), C("", continued=True), "", ""],
        ]
    )
    assert items["1.1"].evidence == items["1.2"].evidence == "Shared evidence: policy 2024"


def test_free_text_item_and_self_rating_and_header_fields() -> None:
    items, reading = read(
        [
            ["Organisation", "Northshire Police"],
            ["Completed by", "A. Jones, DSL"],
            ["Date completed", "12/01/2025"],
        ],
        [HEADER, [ITEMS["1.1"], yes_no_partial("Yes"), "JD", "", ""]],
        "How do you rate your compliance with this standard?",
        "Exceptional \u2610 Good \u2612",
        [["", "Response"], [f"6.1 {ITEMS['6.1']}", "Budget pressure on early help"]],
    )
    assert reading.organisation.name == "Northshire Police"
    assert reading.organisation.completed_by == "A. Jones, DSL"
    assert reading.organisation.date == "12/01/2025"
    assert items["6.1"].response == "answered"
    assert items["6.1"].evidence == "Budget pressure on early help"
    assert items["6.1"].in_action_plan is None


def test_na_written_in_evidence_gives_reason() -> None:
    items, _ = read([HEADER, [ITEMS["2.2"], "", "N/A - we do not provide services", "", ""]])
    assert items["2.2"].response == "na"
    # The evidence keeps the person's words whole; the gap rules read the reason after "N/A".
    assert items["2.2"].evidence == "N/A - we do not provide services"


def test_unmatched_criterion_like_row_is_reported() -> None:
    _, reading = read(
        [
            HEADER,
            [ITEMS["1.1"], yes_no_partial("Yes"), "JD", "", ""],
            [
                "1.4 The most senior leaders ensure arrangements are in place for clearly "
                "documented "
                "lines of accountability and safeguarding responsibilities of the organisation",
                yes_no_partial("Yes"),
                "",
                "",
                "",
            ],
        ]
    )
    assert [u.text[:3] for u in reading.unmatched_rows] == ["1.4"]


def test_the_forms_own_header_rows_are_not_unmatched_criteria(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The organisation block: a row labelled like a header field, a row holding the value the
    header gave, and any other row of that block's table are never `unmatched_row` gaps; a
    criterion-like row among the items still is."""
    blocks = (
        [
            ["Organisation", "Northshire safeguarding partnership for children"],
            ["Designated safeguarding lead at senior level", "Jane Roe, director responsible"],
            ["Date completed", "12/01/2025"],
        ],
        [
            HEADER,
            [ITEMS["1.1"], yes_no_partial("Yes"), "JD", "", ""],
            ["Northshire safeguarding partnership for children", "", "", "", ""],
            [
                "1.4 The most senior leaders ensure arrangements are in place for clearly "
                "documented lines of accountability and safeguarding responsibilities of the "
                "organisation",
                yes_no_partial("Yes"),
                "",
                "",
                "",
            ],
        ],
    )
    _, reading = read(*blocks)
    assert reading.organisation.name == "Northshire safeguarding partnership for children"
    assert [u.text[:3] for u in reading.unmatched_rows] == ["1.4"]
    monkeypatch.setattr("mappings.read._form_header", lambda *_: False)
    _, without = read(*blocks)  # the same rows do look like criteria to the alignment
    assert len(without.unmatched_rows) > 1


def test_boxes_after_their_words_pair_by_position() -> None:
    # A reader may label each box with the word after it; the words' order decides.
    cell = C(
        "Yes No Partial",
        marks=[(False, "No"), (True, "Partial"), (False, None)],
    )
    items, _reading = read(
        [HEADER, [ITEMS["1.1"], cell, "JD 2024", "", ""]],
        "How do you rate your compliance with this standard?",
        "Exceptional \u2610 Good \u2612 Some shortfalls \u2610 Significant shortfalls \u2610",
    )
    assert items["1.1"].response == "no"


def test_self_rating_words_before_boxes() -> None:
    _doc_items, reading = read(
        [HEADER, [ITEMS["1.1"], yes_no_partial("Yes"), "JD", "", ""]],
        [
            ["How do you rate your compliance with this standard?"],
            [
                C(
                    "Exceptional Good Some shortfalls Significant shortfalls",
                    marks=[
                        (False, "Good"),
                        (False, "Some shortfalls"),
                        (True, "Significant shortfalls"),
                        (False, "Significant shortfalls"),
                    ],
                )
            ],
        ],
    )
    assert reading.sections[0].self_rating == "some_shortfalls"


def test_section_heading_rows_are_not_unmatched_criteria() -> None:
    _, reading = read(
        [
            HEADER,
            ["Part 2: Service delivery", "", "", "", ""],
            [ITEMS["2.1"], yes_no_partial("Yes"), "Checklist", "", ""],
        ]
    )
    assert reading.unmatched_rows == []


def test_heading_row_does_not_take_a_missing_item() -> None:
    items, _ = read(
        [
            HEADER,
            [
                "2. Service Delivery, Development and Effective Practice for children",
                "",
                "",
                "",
                "",
            ],
            [ITEMS["2.1"], yes_no_partial("Yes"), "Checklist", "", ""],
        ]
    )
    assert items["2.2"].found is False


def test_option_label_broken_inside_a_word_still_names_its_option() -> None:
    """A narrow PDF column breaks "Partially met" as "Partiall y met"; short words never merge."""
    from mappings.toolkits import load_toolkit
    from mappings.vocab import Vocabulary

    vocab = Vocabulary(load_toolkit("gp2014"))
    assert vocab.exact("Partiall y met") == "partially_met"
    assert vocab.exact("Ful ly met") == "fully_met"
    assert vocab.exact("N o t met") == "not_met"
    assert vocab.exact("Partially met soon") is None
