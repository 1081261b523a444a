"""The drafter, one tiny form per mechanism (FormDocuments built in the test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from extractor.model import FormDocument
from mappings.draft.build import draft_toolkit
from mappings.draft.drafted import Draft
from mappings.toolkits import load_toolkit_file
from mappings.toolkits.schema import Toolkit
from tests.docmodel import C, make_doc

CRITERIA = [
    "There is a named lead for safeguarding children at board level",
    "Staff receive safeguarding training every three years",
    "Safer recruitment checks are made before anyone starts work",
]
BOX = [(False, None)]


def _drafted(doc: FormDocument, tmp_path: Path) -> tuple[Draft, Toolkit, str]:
    draft = draft_toolkit(doc, "board")
    text = draft.to_yaml()
    path = tmp_path / "board.yaml"
    path.write_text(text, encoding="utf-8")
    return draft, load_toolkit_file(path), text


def _line(text: str, start: str) -> str:
    return next(ln for ln in text.splitlines() if ln.strip().startswith(start))


def _scores(tk: Toolkit) -> dict[str, float | None]:
    return {o.label: o.score for o in tk.options}


def test_numbers_typed_in_own_column_and_headings(tmp_path: Path) -> None:
    rows: list[list[C | str]] = [["No.", "Compliance criteria", "Met", "Not met", "Evidence"]]
    rows += [["1", "Leadership and accountability"]]
    rows += [[f"1.{n + 1}", t, C(marks=BOX), C(marks=BOX), ""] for n, t in enumerate(CRITERIA[:2])]
    doc = make_doc(
        "Anyshire audit form",
        rows,
        "2A - Recruitment",
        [
            ["Compliance criteria", "Met", "Not met", "Evidence"],
            [f"2.1 {CRITERIA[2]}", C(marks=BOX), C(marks=BOX), ""],
        ],
    )
    _, tk, _ = _drafted(doc, tmp_path)
    assert [(s.id, s.title) for s in tk.sections] == [
        ("1", "Leadership and accountability"),
        ("2A", "Recruitment"),
    ]
    assert [(i.id, i.text) for _, i in tk.all_items()] == [
        ("1.1", CRITERIA[0]),
        ("1.2", CRITERIA[1]),
        ("2.1", CRITERIA[2]),
    ]


def test_option_columns_with_printed_percentages_and_threshold(tmp_path: Path) -> None:
    rows: list[list[C | str]] = [["Criterion", "25%", "50%", "75%", "100%", "N/A", "Evidence"]]
    rows += [[f"1.{n + 1} {t}", *[C(marks=BOX)] * 5, ""] for n, t in enumerate(CRITERIA)]
    doc = make_doc("Anyshire audit", "70% compliance is regarded as acceptable.", rows)
    _draft, tk, text = _drafted(doc, tmp_path)
    assert _scores(tk) == {"25%": 25, "50%": 50, "75%": 75, "100%": 100, "N/A": None}
    assert tk.threshold == 70
    assert "# check" not in _line(text, "threshold:")
    assert tk.option_order == ["twenty_five", "fifty", "seventy_five", "hundred", "na"]
    assert tk.fields.evidence == ["Evidence"]


def test_scores_evenly_spaced_by_meaning_and_marked(tmp_path: Path) -> None:
    rows: list[list[C | str]] = [["Criterion", "Response", "Evidence"]]
    labelled = [(False, "Yes"), (False, "No"), (False, "Partially")]
    rows += [[f"1.{n + 1} {t}", C(marks=labelled), ""] for n, t in enumerate(CRITERIA)]
    draft, tk, text = _drafted(make_doc("Anyshire audit", rows), tmp_path)
    assert _scores(tk) == {"Yes": 100, "No": 0, "Partially": 50, "N/A": None}
    assert "# check: score evenly spaced" in _line(text, "score: 50")
    assert "# check" in _line(text, "threshold: 75")
    assert tk.option("partially").synonyms[:1] == ["P"]
    assert "# check" in _line(text, "label: N/A")  # not printed: people type it
    assert "3 items" in draft.summary()


def test_legend_gives_options_when_boxes_are_unlabelled(tmp_path: Path) -> None:
    doc = make_doc(
        "Anyshire self-assessment",
        "Blue: everything is in place and embedded, with evidence of impact.",
        "Green: everything is in place and up to date.",
        "Amber: something requires review or improvement.",
        "Red: something needs to be developed urgently.",
        *[
            [[f"{n + 1} {t}"], ["Current Rating"], [C(marks=BOX)] * 4]
            for n, t in enumerate(CRITERIA)
        ],
    )
    _draft, tk, _ = _drafted(doc, tmp_path)
    assert _scores(tk) == {"Blue": 100, "Green": 75, "Amber": 50, "Red": 25, "N/A": None}
    assert tk.option("blue").colour == "0070C0"
    assert tk.option("green").synonyms[:1] == ["G"]
    assert [i.id for _, i in tk.all_items()] == ["1", "2", "3"]
    assert tk.fields.response == ["Current Rating"]


def test_labels_over_boxes_with_their_fills(tmp_path: Path) -> None:
    blocks: list[list[list[C | str]] | str] = ["Anyshire toolkit"]
    for n, t in enumerate(CRITERIA):
        blocks.append(
            [
                [f"{n + 1} {t}"],
                [C("Good", fill="00B050"), C("Poor", fill="FF0000")],
                [C(marks=BOX), C(marks=BOX)],
            ]
        )
    _, tk, _ = _drafted(make_doc(*blocks), tmp_path)
    assert [(o.label, o.colour, o.score) for o in tk.options][:2] == [
        ("Good", "00B050", 100),
        ("Poor", "FF0000", 50),
    ]


def test_guidance_template_column_free_text_and_self_rating(tmp_path: Path) -> None:
    rows: list[list[C | str]] = [
        ["Question", "Examples of evidence", "Yes/No/Partial?", "Evidence"]
    ]
    rows += [
        [f"1.{n + 1} {t}", "Minutes, policies and training logs", "", ""]
        for n, t in enumerate(CRITERIA)
    ]
    doc = make_doc(
        "Anyshire audit",
        "Guidance: give one example of evidence for every criterion.",
        rows,
        "How do you rate your compliance with this standard?",
        C(marks=[(False, "Good"), (False, "Requires improvement"), (False, "Inadequate")]).text,
        [["Question", "Response"], [f"2.1 {CRITERIA[0]} and report on it", ""]],
    )
    _, tk, _text = _drafted(doc, tmp_path)
    assert tk.fields.template == ["Examples of evidence"]
    assert [i.kind for _, i in tk.all_items()] == ["choice"] * 3 + ["text"]
    assert all("Minutes" not in i.text for _, i in tk.all_items())
    assert tk.self_rating is not None
    assert tk.self_rating.prompts == ["How do you rate your compliance with this standard?"]
    assert _scores(tk) == {"Yes": 100, "No": 0, "Partial": 50, "N/A": None}


def test_self_rating_vocabulary_from_the_boxes_after_the_prompt(tmp_path: Path) -> None:
    from extractor.model import Mark, Paragraph, Provenance

    rows: list[list[C | str]] = [["Criterion", "Met", "Not met"]]
    rows += [[f"1.{n + 1} {t}", C(marks=BOX), C(marks=BOX)] for n, t in enumerate(CRITERIA)]
    doc = make_doc("Anyshire audit", rows, "How would you rate this standard overall?")
    marks = [Mark(False, "glyph", label) for label in ("Good", "Requires improvement", "Poor")]
    doc.paragraphs.append(Paragraph("Good Requires improvement Poor", Provenance(), marks, seq=9))
    _, tk, _ = _drafted(doc, tmp_path)
    assert tk.self_rating is not None
    assert [o.label for o in tk.self_rating.options] == ["Good", "Requires improvement", "Poor"]


def test_no_criteria_is_one_clear_error(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Minutes of the parish council meeting held on Tuesday")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    result = CliRunner().invoke(app, ["toolkits", "draft", str(path)])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == "minutes.docx: no numbered criteria found (is this the audit form?)"
    )
    missing = CliRunner().invoke(app, ["toolkits", "draft", str(tmp_path / "none.docx")])
    assert missing.exit_code == 1
    assert len(missing.output.strip().splitlines()) == 1


def test_cli_draft_writes_a_checked_file_and_a_summary(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Anyshire Safeguarding Partnership audit 2019")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["Criterion", "Met", "Not met", "Evidence"], strict=True
    ):
        cell.text = text
    for n, text in enumerate(CRITERIA):
        table.add_row().cells[0].text = f"1.{n + 1} {text}"
    document.save(str(tmp_path / "blank.docx"))
    out = tmp_path / "anyshire.yaml"
    result = CliRunner().invoke(
        app, ["toolkits", "draft", str(tmp_path / "blank.docx"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "drafted anyshire: 1 sections, 3 items, 3 options (Met, Not met, N/A)" in result.output
    assert "check:" in result.output
    checked = CliRunner().invoke(app, ["toolkits", "check", str(out)])
    assert checked.exit_code == 0
    assert "ok: anyshire, 1 sections, 3 items" in checked.output


@pytest.mark.parametrize("bad_id", ["Board 2019", "x-y"])
def test_bad_id_is_a_usage_error(bad_id: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["toolkits", "draft", "x.docx", "--id", bad_id])
    assert result.exit_code == 2
    assert "--id" in result.output


def test_criteria_printed_without_numbers_get_ids_by_order(tmp_path: Path) -> None:
    rows: list[list[C | str]] = [["Standard", "Met", "Not met", "Evidence"]]
    rows += [[C("Guidance: one line per criterion, with its evidence", col_span=4)]]
    rows += [[t, C(marks=BOX), C(marks=BOX), ""] for t in CRITERIA[:2]]
    rows += [["Please rate this standard overall", "", "", ""]]
    doc = make_doc("Anyshire audit", "3. Workforce", rows)
    _, tk, text = _drafted(doc, tmp_path)
    assert [(i.id, i.text) for _, i in tk.all_items()] == [
        ("3.1", CRITERIA[0]),
        ("3.2", CRITERIA[1]),
    ]
    assert "# check: no number printed" in _line(text, f"text: {CRITERIA[0]}")


def test_criterion_split_over_two_rows_is_one_item(tmp_path: Path) -> None:
    rows: list[list[C | str]] = [["Criterion", "Met", "Not met", "Evidence"]]
    rows += [["1.1 Staff are trained to recognise the signs of abuse and", "", "", ""]]
    rows += [["neglect and know how to respond to them", C(marks=BOX), C(marks=BOX), ""]]
    rows += [[f"1.2 {CRITERIA[1]}", C(marks=BOX), C(marks=BOX), ""]]
    _, tk, _ = _drafted(make_doc("Anyshire audit", rows), tmp_path)
    assert [(i.id, i.text) for _, i in tk.all_items()] == [
        (
            "1.1",
            "Staff are trained to recognise the signs of abuse and neglect and know how to "
            "respond to them",
        ),
        ("1.2", CRITERIA[1]),
    ]


def test_tool_export_with_unnumbered_criteria_and_printed_scores(tmp_path: Path) -> None:
    rows: list[list[C | str]] = [["", "Allocated Audits", "Status", "Score", "Grade"]]
    rows += [["1", "1. LEADERSHIP AND ACCOUNTABILITY", "", "75%", "high"]]
    rows += [
        ["", t, s, p, ""]
        for t, s, p in zip(
            CRITERIA, ["Complete", "In progress", "Complete"], ["100%", "0%", "75%"], strict=True
        )
    ]
    _, tk, _ = _drafted(make_doc("Anyshire audit tool summary", rows), tmp_path)
    assert [(s.id, s.title) for s in tk.sections] == [("1", "LEADERSHIP AND ACCOUNTABILITY")]
    assert [i.id for _, i in tk.all_items()] == ["1.1", "1.2", "1.3"]
    assert tk.scoring == "printed"
    assert [o.label for o in tk.options][:2] == ["Complete", "In progress"]
