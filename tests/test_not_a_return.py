"""Documents that quote the criteria but are no return are refused; a blank return is read.

s11's own reports carry a marker (tests here fail without it: the gap workbook reads as a
bscb2016 return); documents with the criteria and nowhere an answer goes are refused by
mappings/answer_places.py; inputs inside --out are skipped by the batch.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from app.batch.runner import run_batch_command
from extractor.errors import (
    NoAnswersError,
    OwnReportError,
    UnknownToolkitError,
    UnsupportedFormatError,
)
from mappings.toolkits import load_toolkit
from scoring.pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
RETURNS = [
    "bscb2016-youth-service-content-controls.docx",
    "gp2014-surgery-content-controls-reworded.docx",
]
NO_ANSWERS = "mentions the toolkit's criteria ({}) but holds no answers"


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real batch over two real returns: its gap workbook, pages and board summary."""
    inbox = tmp_path_factory.mktemp("in")
    for name in RETURNS:
        shutil.copy(ROOT / "samples" / "word" / name, inbox / name)
    out = inbox / "out"
    assert run_batch_command([inbox], out, 1, False, 120, 1024, False) == 0
    return out


def _criteria(toolkit_id: str) -> list[tuple[str, str]]:
    return [(item.id, item.text) for _, item in load_toolkit(toolkit_id).all_items()]


def _unmarked(path: Path, target: Path) -> Path:
    """The workbook without its custom properties (as an older s11 wrote it)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if info.filename != "docProps/custom.xml":
                dst.writestr(info, src.read(info))
    return target


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("gaps.xlsx", "gap workbook"),
        ("summary.xlsx", "board summary"),
        ("summary.html", "an s11 HTML page"),
        (f"html/{RETURNS[0]}.html", "an s11 HTML page"),
    ],
)
def test_own_reports_are_refused(batch_out: Path, name: str, what: str) -> None:
    with pytest.raises(OwnReportError) as info:
        extract(batch_out / name)
    assert str(info.value).startswith(f"{Path(name).name}: an s11 report, not a return (")
    assert what in str(info.value)


@pytest.mark.parametrize("name", ["summary.md", "gaps.csv", f"results/{RETURNS[0]}.json"])
def test_own_text_outputs_are_no_format_s11_reads(batch_out: Path, name: str) -> None:
    with pytest.raises(UnsupportedFormatError, match="not a Word"):
        extract(batch_out / name)


def test_board_summary_without_its_marker_holds_no_answers(batch_out: Path, tmp_path: Path) -> None:
    with pytest.raises(NoAnswersError):
        extract(_unmarked(batch_out / "summary.xlsx", tmp_path / "summary.xlsx"))


def test_batch_skips_its_own_output_folder(
    batch_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = batch_out.parent
    assert run_batch_command([inbox], batch_out, 1, False, 120, 1024, False) == 0
    text = capsys.readouterr().out
    assert re.search(r"in --out folder, skipped\s+2\n", text)  # its two workbooks
    assert "\nok " not in text


def test_action_plan_listing_criteria_is_refused(tmp_path: Path) -> None:
    doc = Document()
    doc.add_heading("Section 11 action plan 2024-25", 1)
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["Ref", "Standard", "Action required", "Lead", "Timescale"],
        strict=True,
    ):
        cell.text = text
    for number, text in _criteria("gp2014")[:20]:
        row = table.add_row().cells
        row[0].text, row[1].text = number, text
        row[2].text = "Review the policy with the practice team and record it in the minutes"
        row[3].text, row[4].text = "Practice manager", "March 2025"
    path = tmp_path / "action-plan.docx"
    doc.save(str(path))
    with pytest.raises(NoAnswersError, match=re.escape(NO_ANSWERS.format("gp2014"))):
        extract(path)


@pytest.mark.parametrize("toolkit_id", ["wt2023", "gp2014", "bscb2016", "est2014"])
@pytest.mark.parametrize("layout", ["paragraphs", "table"])
def test_criteria_pasted_into_a_document_are_refused(
    tmp_path: Path, toolkit_id: str, layout: str
) -> None:
    doc = Document()
    doc.add_paragraph("Notes from the Section 11 briefing: the standards we will be asked about")
    criteria = _criteria(toolkit_id)
    if layout == "paragraphs":
        for number, text in criteria:
            doc.add_paragraph(f"{number} {text}")
    else:
        table = doc.add_table(rows=0, cols=2)
        for number, text in criteria:
            row = table.add_row().cells
            row[0].text, row[1].text = number, text
    path = tmp_path / f"{toolkit_id}-{layout}.docx"
    doc.save(str(path))
    if layout == "table":
        with pytest.raises(NoAnswersError, match=re.escape(NO_ANSWERS.format(toolkit_id))):
            extract(path)
    else:  # body text is never a criterion row: not recognised at all
        with pytest.raises(UnknownToolkitError):
            extract(path)


def test_seed_text_pasted_as_paragraphs_is_refused(tmp_path: Path) -> None:
    seed = ROOT / "mappings" / "toolkits" / "seeds" / "bscb2016-bucks-toolkit.txt"
    doc = Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    path = tmp_path / "guidance.docx"
    doc.save(str(path))
    with pytest.raises((NoAnswersError, UnknownToolkitError)):
        extract(path)


def test_blank_word_return_with_empty_boxes_is_read_unanswered(tmp_path: Path) -> None:
    doc = Document()
    table = doc.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells,
        [
            "Compliance Criteria",
            "Yes/No/Partial?",
            "Describe how your organisation is assured",
            "Provide details on plans",
        ],
        strict=True,
    ):
        cell.text = text
    for number, text in _criteria("wt2023")[:41]:
        row = table.add_row().cells
        row[0].text, row[1].text = f"{number} {text}", "\u2610 Yes\n\u2610 No\n\u2610 Partial"
    path = tmp_path / "blank.docx"
    doc.save(str(path))
    result = extract(path)
    assert result.toolkit.id == "wt2023"
    choice = [i for i in result.items if i.section != "6" and i.id not in _commissioners()]
    assert choice
    assert all(i.response is None for i in result.items)
    assert {g.kind for g in result.gaps if g.item in {i.id for i in choice}} >= {"unanswered"}


def _commissioners() -> set[str]:
    return {f"5.{n}" for n in range(1, 6)}


def test_blank_workbook_with_option_columns_is_read_unanswered(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Standard", "Not met", "Partially met", "Fully met", "Actual Evidence"])
    for number, text in _criteria("gp2014"):
        ws.append([f"{number} {text}", None, None, None, None])
    path = tmp_path / "blank.xlsx"
    wb.save(path)
    result = extract(path)
    assert result.toolkit.id == "gp2014"
    assert all(i.response is None for i in result.items)
    unanswered = {g.item for g in result.gaps if g.kind == "unanswered"}
    assert len(unanswered) >= 50
