"""Forms shaped any way a board makes them (issue 23): one tiny form per shape, drafted, and
where the shape is about reading, a return read with the drafted toolkit. Each fails without
the rule it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.model import FormDocument
from mappings.draft.build import draft_toolkit
from mappings.draft.listed import listed_in_name, listed_in_sentence, sentence_key
from mappings.read import read_return
from mappings.toolkits import load_toolkit_file
from mappings.toolkits.schema import Toolkit
from tests.docmodel import C, make_doc

CRITERIA = [
    "There is a named lead for safeguarding at board level",
    "Staff receive safeguarding training every three years",
    "Safer recruitment checks are made before anyone starts work",
]


def _drafted(doc: FormDocument, tmp_path: Path) -> tuple[Toolkit, str]:
    text = draft_toolkit(doc, "board").to_yaml()
    path = tmp_path / "board.yaml"
    path.write_text(text, encoding="utf-8")
    return load_toolkit_file(path), text


def _scores(tk: Toolkit) -> dict[str, float | None]:
    return {o.label: o.score for o in tk.options}


def _option_lines(text: str) -> dict[str, str]:
    """Each option's label -> its score line in the YAML (to see the '# check:' marks)."""
    out: dict[str, str] = {}
    label = ""
    for line in text.split("\noptions:")[1].split("\noption_order:")[0].splitlines():
        if line.strip().startswith("label:"):
            label = line.split("label:")[1].split("#")[0].strip().strip("'")
        if line.strip().startswith("score:"):
            out[label] = line
    return out


Block = list[list[C | str]] | str


def _form(rating: str, *before: Block, cells: list[str] | None = None) -> FormDocument:
    """A title, what comes `before` the criteria (paragraphs, tables), a heading and the
    criteria table with `rating` as the answer column's name (`cells`: what is typed there)."""
    rows: list[list[C | str]] = [["No.", "Criterion", rating, "Evidence", "Actions"]]
    for n, text in enumerate(CRITERIA):
        rows.append([f"1.{n + 1}", text, (cells or [""] * 3)[n], "", ""])
    return make_doc("Anyshire safeguarding audit", *before, "1. Leadership", rows)


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("Compliance rating (100% / 75% / 50% / 25% / N/A)", ["100%", "75%", "50%", "25%", "N/A"]),
        ("Compliance rating 100% / 75% / 50% / 25% / N/A", ["100%", "75%", "50%", "25%", "N/A"]),
        ("Rating: Met / Partially met / Not met", ["Met", "Partially met", "Not met"]),
        ("Yes / No / N/A", ["Yes", "No", "N/A"]),
        ("Rating (1-5)", ["1", "2", "3", "4", "5"]),
        ("Score 0 to 3", ["0", "1", "2", "3"]),
        ("Evidence", []),
        ("Date (dd / mm / yyyy) of the review held by the board", []),
    ],
)
def test_options_listed_in_a_column_name_never_fragments(name: str, options: list[str]) -> None:
    assert listed_in_name(name) == options


def test_percentages_in_the_rating_column_name_give_five_options(tmp_path: Path) -> None:
    """The issue's header: 'Compliance rating (100%' and junk 'N', 'A)' must never appear."""
    tk, _ = _drafted(_form("Compliance rating (100% / 75% / 50% / 25% / N/A)"), tmp_path)
    assert _scores(tk) == {"100%": 100, "75%": 75, "50%": 50, "25%": 25, "N/A": None}
    assert [o.id for o in tk.options if o.na] == ["na"]


def test_a_numbered_key_table_is_the_scale_not_criteria(tmp_path: Path) -> None:
    """'1 | Not in place: …' rows are the key of 'Rating (1 / 2 / 3)', not items 1, 2, 3; the
    worst rating means 'not in place', so it scores 0 (marked as a guess)."""
    key: list[list[C | str]] = [
        ["1", "Not in place: no arrangements exist yet."],
        ["2", "Developing: arrangements in some services."],
        ["3", "Embedded: arrangements tested and improving."],
    ]
    doc = _form("Rating (1 / 2 / 3)", key)
    tk, text = _drafted(doc, tmp_path)
    assert [i.id for _, i in tk.all_items()] == ["1.1", "1.2", "1.3"]
    assert _scores(tk) == {"1": 0, "2": 50, "3": 100, "N/A": None}
    assert all("# check:" in line for line in _option_lines(text).values())


def test_a_key_written_as_sentences_gives_a_rag_scale(tmp_path: Path) -> None:
    sentences = (
        "Use a RAG rating for each standard. Green means the standard is fully in place. "
        "Amber means it is partly in place. Red means it is not in place."
    )
    assert [k for k, _ in sentence_key(sentences)] == ["Green", "Amber", "Red"]
    tk, _ = _drafted(_form("RAG rating", sentences), tmp_path)
    assert {k: v for k, v in _scores(tk).items() if k != "N/A"} == {
        "Green": 100,
        "Amber": 50,
        "Red": 0,
    }


def test_a_guidance_sentence_lists_the_options(tmp_path: Path) -> None:
    sentence = "Mark one box for each criterion: Met, Partially met, Not met or N/A."
    assert listed_in_sentence(sentence) == ["Met", "Partially met", "Not met", "N/A"]
    tk, _ = _drafted(_form("Rating", sentence), tmp_path)
    assert _scores(tk) == {"Met": 100, "Partially met": 50, "Not met": 0, "N/A": None}


def test_fully_partly_not_scale_by_meaning(tmp_path: Path) -> None:
    tk, text = _drafted(_form("Achieved? (Fully / Partly / Not)"), tmp_path)
    assert {k: v for k, v in _scores(tk).items() if k != "N/A"} == {
        "Fully": 100,
        "Partly": 50,
        "Not": 0,
    }
    assert "# check:" in _option_lines(text)["Fully"]


def test_printed_percentages_are_no_guess(tmp_path: Path) -> None:
    _, text = _drafted(_form("Compliance rating (100% / 75% / 50% / 25% / N/A)"), tmp_path)
    assert not any("# check:" in line for line in _option_lines(text).values())


@pytest.mark.parametrize(
    ("rating", "typed", "want"),
    [
        ("Rating (1 / 2 / 3 / 4 / 5)", ["4", "1", ""], ["four", "one", None]),
        ("Score 0-3", ["0", "3", "2"], ["zero", "three", "two"]),
    ],
)
def test_a_rating_typed_as_a_bare_number_is_the_answer(
    rating: str, typed: list[str], want: list[str | None], tmp_path: Path
) -> None:
    """'4' in the response column is the option '4', not a number cell to skip."""
    tk, _ = _drafted(_form(rating), tmp_path)
    reading = read_return(_form(rating, cells=typed), tk, 1.0)
    assert [i.response for i in reading.items] == want


def test_header_block_and_key_rows_are_never_reported_as_criteria(tmp_path: Path) -> None:
    header: list[list[C | str]] = [
        ["Name of organisation", ""],
        ["Lead completing the audit and their role", ""],
    ]
    key: list[list[C | str]] = [
        ["Met", "Every part of the standard is in place and evidenced."],
        ["Not met", "The standard is not in place for some of the organisation."],
    ]
    rating = "Rating (Met / Not met)"
    tk, _ = _drafted(_form(rating, header, key), tmp_path)
    filled_header: list[list[C | str]] = [
        ["Name of organisation", "Riverside Hospitals NHS Trust serving the county"],
        ["Lead completing the audit and their role", "Dr Ruth Okafor, named doctor for adults"],
    ]
    reading = read_return(_form(rating, filled_header, key, cells=["Met"] * 3), tk, 1.0)
    assert [r.text for r in reading.unmatched_rows] == []
    assert {i.response for i in reading.items} == {"met"}


def test_a_toolkit_drafted_again_under_the_same_id_reads_its_own_items(tmp_path: Path) -> None:
    """Two drafts named alike with as many items: the second's ids, never the first's (the
    row matcher cached item texts by id and item count, and the reading crashed)."""
    first, _ = _drafted(_form("Rating (Met / Not met)"), tmp_path)
    read_return(_form("Rating (Met / Not met)", cells=["Met"] * 3), first, 1.0)
    rows: list[list[C | str]] = [["No.", "Criterion", "Rating (Met / Not met)", "Evidence"]]
    rows += [[f"2.{n + 1}", f"{text} in every team", "", ""] for n, text in enumerate(CRITERIA)]
    blank = make_doc("Anyshire safeguarding audit", "2. Workforce", rows)
    second, _ = _drafted(blank, tmp_path)
    assert (second.id, second.item_count) == (first.id, first.item_count)
    rows = [rows[0], *[[*r[:2], "Not met", ""] for r in rows[1:]]]
    reading = read_return(make_doc("Anyshire safeguarding audit", "2. Workforce", rows), second, 1)
    assert {(i.item_id, i.response) for i in reading.items} == {
        ("2.1", "not_met"),
        ("2.2", "not_met"),
        ("2.3", "not_met"),
    }
