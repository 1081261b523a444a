"""Section self-ratings read the ways people fill them, on tiny in-memory documents.

One fixture per way seen in returns written by others: the rating typed on the line after
the prompt, the one option word left, the rating in the row under the prompt, a sentence,
ticks paired with their words by position, the one option emphasised, a gp2014-like
standard's own statement row; and the readings that must stay None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.model import FormDocument, Mark, Span
from mappings.read import read_return
from mappings.toolkits.schema import Toolkit
from tests.docmodel import C, make_doc, yes_no_partial
from tests.test_mapping import HEADER, ITEMS, toolkit

PROMPT = "How do you rate your compliance with this standard?"
OPTIONS = "Exceptional Good Some shortfalls Significant shortfalls"
LABELS = ["Exceptional", "Good", "Some shortfalls", "Significant shortfalls"]


@dataclass
class P:
    """A paragraph with boxes (checked, label) and emphasis runs."""

    text: str
    marks: list[tuple[bool, str | None]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


def build(*blocks: list[list[C | str]] | str | P) -> FormDocument:
    doc = make_doc(*[b.text if isinstance(b, P) else b for b in blocks])
    specs = [b for b in blocks if isinstance(b, (P, str))]
    for para, spec in zip(doc.paragraphs, specs, strict=True):
        if isinstance(spec, P):
            para.marks = [Mark(checked, "glyph", label) for checked, label in spec.marks]
            para.spans = list(spec.spans)
    return doc


def ratings(kit: Toolkit, *blocks: list[list[C | str]] | str | P) -> dict[str, str | None]:
    reading = read_return(build(*blocks), kit, 1.0)
    return {s.section_id: s.self_rating for s in reading.sections}


def statements(kit: Toolkit, *blocks: list[list[C | str]] | str | P) -> dict[str, str]:
    reading = read_return(build(*blocks), kit, 1.0)
    return {s.section_id: s.statement for s in reading.sections}


def boxes(checked: str | None = None) -> P:
    return P(OPTIONS, marks=[(label == checked, label) for label in LABELS])


def section_1a() -> list[list[C | str]]:
    return [
        HEADER,
        [f"1.1 {ITEMS['1.1']}", yes_no_partial("Yes"), "Named DSL J Smith 2024", "", ""],
        [f"1.2 {ITEMS['1.2']}", yes_no_partial("Yes"), "Policy reviewed 2023", "", ""],
    ]


def section_2() -> list[list[C | str]]:
    return [
        HEADER,
        [f"2.1 {ITEMS['2.1']}", yes_no_partial("No"), "", "Plan by 2025", ""],
        [f"2.2 {ITEMS['2.2']}", yes_no_partial("Yes"), "Youth panel 2024", "", ""],
    ]


# -- a gp2014-like toolkit: standards rated with the item options, with a statement ----------
GP_ITEMS = {
    "1.1": "A named person at senior management level is identified.",
    "1.2": "Staff have a clear understanding of their role in relation to safeguarding and "
    "promoting the welfare of children.",
    "2.1": "There is a policy/procedure for safeguarding and promoting the welfare of children "
    "(Child Protection policy)",
    "2.2": "Effective systems are in place for children, staff and other people to make a "
    "complaint about non-adherence to the practice's procedures.",
}
GP_TITLES = {
    "1": "Senior management (clinical) have commitment to the importance of safeguarding and "
    "promoting children's welfare.",
    "2": "A clear statement of GP practice's responsibility towards children is available for "
    "all staff.",
}
GP_PROMPT = (
    'Please state whether you have evaluated this standard as "Not met" "Partially met" or '
    '"Fully met" with a brief supporting statement.'
)
GP_HEADER = [
    "",
    "Areas of compliance",
    "Examples of evidence",
    "Not met",
    "Partially met",
    "Fully met",
    "Actual Evidence",
    "Action required. Timescale",
]


def gp_toolkit() -> Toolkit:
    return Toolkit.model_validate(
        {
            "id": "minigp",
            "title": "Mini primary care audit",
            "seed": "none",
            "identifying_phrases": ["Mini primary care audit"],
            "options": [
                {"id": "not_met", "label": "Not met", "synonyms": ["No", "Not"], "score": 0},
                {"id": "partially_met", "label": "Partially met", "synonyms": ["Partial"]},
                {"id": "fully_met", "label": "Fully met", "synonyms": ["Met", "Yes"]},
                {"id": "na", "label": "N/A", "na": True},
            ],
            "option_order": ["not_met", "partially_met", "fully_met"],
            "fields": {
                "evidence": ["Actual Evidence"],
                "actions": ["Action required. Timescale"],
                "criterion": ["Areas of compliance"],
                "template": ["Examples of evidence"],
            },
            "header": {
                "organisation": ["Practice name"],
                "completed_by": ["Person responsible for audit"],
                "date": ["Date of completion"],
            },
            "self_rating": {"prompts": [GP_PROMPT], "statement": True},
            "sections": [
                {
                    "id": sid,
                    "title": GP_TITLES[sid],
                    "items": [{"id": k, "text": v} for k, v in GP_ITEMS.items() if k[0] == sid],
                }
                for sid in ("1", "2")
            ],
        }
    )


def gp_row(item: str, chosen: int) -> list[C | str]:
    ticks = [C(marks=[(index == chosen, None)]) for index in range(3)]
    return [item, GP_ITEMS[item], "Policy document.", *ticks, "Policy 2015, audit 2014", ""]


def gp_standard(sid: str, *rows: list[C | str]) -> list[list[C | str]]:
    return [[C(f"Standard {sid}: {GP_TITLES[sid]}", col_span=8)], GP_HEADER, *rows]


def gp_prompt(answer: str) -> list[C | str]:
    return [C(GP_PROMPT, col_span=6), C(answer, col_span=2)]


# -- the classes of filling seen ------------------------------------------------------------
def test_rating_typed_with_a_label_on_the_line_after_the_options() -> None:
    got = ratings(toolkit(), section_1a(), PROMPT, boxes(None), P("Our rating: Good"))
    assert got["1A"] == "good"


def test_rating_typed_after_the_option_list_in_the_same_cell() -> None:
    # "Exceptional ☐ Good ☐ … Self-rating: Some shortfalls" in the row under the prompt, the
    # boxes labelled with the text after each.
    labels = ["Good", "Some shortfalls", "Significant shortfalls", "Self-rating: Some shortfalls"]
    cell = C(
        f"{OPTIONS} Self-rating: Some shortfalls",
        marks=[(False, label) for label in labels],
        col_span=5,
    )
    got = ratings(toolkit(), [*section_1a(), [C(PROMPT, col_span=5)], [cell]])
    assert got["1A"] == "some_shortfalls"


def test_the_one_option_word_left_beside_its_empty_box() -> None:
    kept = P("Significant shortfalls", marks=[(False, "Significant shortfalls")])
    assert ratings(toolkit(), section_1a(), PROMPT, kept)["1A"] == "significant_shortfalls"


def test_rating_typed_beside_the_prompt_that_quotes_the_options() -> None:
    # The prompt itself names "Not met" "Partially met" "Fully met": the typed "Not met"
    # beside it is the rating, not part of the prompt.
    kit = gp_toolkit()
    got = ratings(
        kit,
        gp_standard("1", gp_row("1.1", 2), gp_row("1.2", 2), gp_prompt("Not met")),
        gp_standard("2", gp_row("2.1", 1), gp_row("2.2", 1), gp_prompt("fully met")),
    )
    assert got == {"1": "not_met", "2": "fully_met"}


def test_rating_in_the_row_under_the_prompt() -> None:
    kit = gp_toolkit()
    rows = gp_standard(
        "1",
        gp_row("1.1", 1),
        [C(GP_PROMPT, col_span=8)],
        [C("", col_span=6), C("Not met", col_span=2)],
    )
    following = gp_standard("2", gp_row("2.1", 1), gp_prompt("Partially met – training by June."))
    reading = read_return(build(rows, following), kit, 1.0)
    assert [s.self_rating for s in reading.sections] == ["not_met", "partially_met"]
    assert reading.sections[1].statement == "training by June"


def test_rating_written_as_a_sentence() -> None:
    kit = gp_toolkit()
    sentence = "We have evaluated this standard as Partially met. Some gaps - see action plan."
    blocks = (gp_standard("1", gp_row("1.1", 2), gp_prompt(sentence)),)
    assert ratings(kit, *blocks)["1"] == "partially_met"
    assert statements(kit, *blocks)["1"] == "Some gaps - see action plan"


def test_ticks_read_for_the_section_a_misplaced_table_runs_into() -> None:
    # A PDF reader can run one section's table on past the next heading: the prompts still
    # close their sections in order.
    blocks = (
        "1A - Leadership",
        [*section_1a(), *section_2()[1:]],
        PROMPT,
        boxes("Good"),
        "Part 2: Service Delivery, Development and Effective Practice for children",
        PROMPT,
        boxes("Some shortfalls"),
        [["", "Response"], [f"6.1 {ITEMS['6.1']}", "Budget pressure"]],
    )
    assert ratings(toolkit(), *blocks) == {"1A": "good", "2": "some_shortfalls", "6": None}


def test_ticks_paired_with_words_wrapped_over_two_lines() -> None:
    # "Exceptional ☐ Good ☐ Some shortfalls ☐ Significant" / "shortfalls ☒": each box
    # labelled with the word after it, the last option wrapped onto the next line.
    first = P(
        "Exceptional Good Some shortfalls Significant",
        marks=[(False, "Good"), (False, "Some shortfalls"), (False, "Significant")],
    )
    second = P("shortfalls", marks=[(True, "shortfalls")])
    got = ratings(toolkit(), section_1a(), PROMPT, first, second)
    assert got["1A"] == "significant_shortfalls"


def test_the_one_option_emphasised_among_plain_ones() -> None:
    spans = [
        Span("Exceptional Good "),
        Span("Some shortfalls", bold=True, highlight="FFFF00"),
        Span(" Significant shortfalls"),
    ]
    emphasised = P(OPTIONS, marks=[(False, label) for label in LABELS], spans=spans)
    assert ratings(toolkit(), section_1a(), PROMPT, emphasised)["1A"] == "some_shortfalls"


def test_the_one_option_cell_emphasised_in_a_row_of_options() -> None:
    row = [C(label, spans=[Span(label, bold=label == "Some shortfalls")]) for label in LABELS]
    got = ratings(toolkit(), [*section_1a(), [C(PROMPT, col_span=5)], [*row, ""]])
    assert got["1A"] == "some_shortfalls"


def test_a_standard_rated_on_its_own_statement_row() -> None:
    kit = gp_toolkit()
    statement_row = [
        C(f"Standard 2: {GP_TITLES['2']}", col_span=3),
        C(marks=[(False, None)]),
        C(marks=[(True, None)]),
        C(marks=[(False, None)]),
        C("", col_span=2),
    ]
    blocks = (
        gp_standard("1", gp_row("1.1", 2), gp_prompt("Fully met")),
        [GP_HEADER, statement_row, gp_row("2.1", 1), gp_row("2.2", 1)],
    )
    assert ratings(kit, *blocks) == {"1": "fully_met", "2": "partially_met"}


def test_the_one_option_cell_shaded_in_a_row_of_options() -> None:
    row = [C(label, fill="FFFF00" if label == "Good" else None) for label in LABELS]
    got = ratings(toolkit(), [*section_1a(), [C(PROMPT, col_span=5)], [*row, ""]])
    assert got["1A"] == "good"


def test_x_typed_under_an_option_column_of_the_prompt_row() -> None:
    kit = gp_toolkit()
    prompt_row = [C(GP_PROMPT, col_span=3), "", "X", "", C("Most elements in place", col_span=2)]
    got = ratings(kit, gp_standard("1", gp_row("1.1", 1), prompt_row))
    assert got["1"] == "partially_met"


def test_a_prompt_printed_twice_is_one_section_rated_once() -> None:
    got = ratings(toolkit(), section_1a(), PROMPT, PROMPT, boxes("Good"), section_2())
    assert got["1A"] == "good"


# -- what must stay None ----------------------------------------------------------------------
def test_an_empty_rating_never_takes_the_next_sections_ticks() -> None:
    kit = gp_toolkit()
    got = ratings(
        kit,
        gp_standard("1", gp_row("1.1", 2), gp_prompt("")),
        gp_standard("2", gp_row("2.1", 1), gp_prompt("Partially met")),
    )
    assert got == {"1": None, "2": "partially_met"}


def test_two_boxes_ticked_is_no_rating() -> None:
    both = P(OPTIONS, marks=[(label in ("Good", "Exceptional"), label) for label in LABELS])
    assert ratings(toolkit(), section_1a(), PROMPT, both)["1A"] is None


def test_a_tick_and_a_typed_word_that_disagree_is_no_rating() -> None:
    got = ratings(toolkit(), section_1a(), PROMPT, boxes("Good"), P("Self-rating: Exceptional"))
    assert got["1A"] is None


def test_the_bare_option_list_is_no_rating() -> None:
    assert ratings(toolkit(), section_1a(), PROMPT, P(OPTIONS))["1A"] is None
