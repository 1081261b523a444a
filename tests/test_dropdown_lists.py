"""A dropdown's list (Excel data validation, Word drop-down fields and content controls) on the
model's cells, and as the drafter's options."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation
from typer.testing import CliRunner

from app.cli import app
from extractor.docx.reader import read_docx
from extractor.inspect import to_jsonable
from extractor.xlsx.reader import read_xlsx
from mappings.draft.build import draft_toolkit
from tests.docx_fixtures import make_docx, p, r, tbl, tc, tr

CRITERIA = [
    "There is a named lead for safeguarding children at board level",
    "Staff receive safeguarding training every three years",
    "Safer recruitment checks are made before anyone starts work",
]


def _blank(tmp_path: Path, header: str, formula: str, lists: list[str] | None = None) -> Path:
    """A blank audit: criteria in A:B, an empty answer column C under one list validation."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Audit"
    ws.append(["Anyshire Safeguarding Partnership audit"])
    ws.append(["No.", "Criterion", header, "Evidence"])
    for n, text in enumerate(CRITERIA):
        ws.append([f"1.{n + 1}", text])
    if lists is not None:
        other = wb.create_sheet("Lists")
        for entry in lists:
            other.append([entry])
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.add("C3:C1000")  # down the whole column, as people set it
    ws.add_data_validation(dv)
    path = tmp_path / "blank.xlsx"
    wb.save(path)
    return path


def _answer_cells(path: Path) -> list[tuple[str, ...]]:
    doc = read_xlsx(path)
    rows = doc.tables[0].rows[2:]  # under the title and the header
    return [c.choices for r in rows for c in r.cells if c.provenance.cell_ref == f"C{r.index + 1}"]


def test_literal_list_is_the_cells_choices(tmp_path: Path) -> None:
    path = _blank(tmp_path, "Response", '"Yes,No,Partial"')
    assert _answer_cells(path) == [("Yes", "No", "Partial")] * 3  # item rows only, not C1000
    doc = read_xlsx(path)
    cells = to_jsonable(doc)["tables"][0]["rows"][2]["cells"]
    assert [c.get("choices") for c in cells] == [None, None, ("Yes", "No", "Partial")]


def test_range_on_another_sheet_is_resolved(tmp_path: Path) -> None:
    path = _blank(tmp_path, "Response", "Lists!$A$1:$A$3", ["Met", "Partially met", "Not met"])
    assert _answer_cells(path) == [("Met", "Partially met", "Not met")] * 3


def test_defined_name_is_resolved(tmp_path: Path) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    path = _blank(tmp_path, "Response", "Ratings", ["Met", "Not met"])
    wb = openpyxl.load_workbook(path)
    wb.defined_names["Ratings"] = DefinedName("Ratings", attr_text="'Lists'!$A$1:$A$2")
    wb.save(path)
    assert _answer_cells(path) == [("Met", "Not met")] * 3


def test_drafter_takes_the_dropdown_as_the_options(tmp_path: Path) -> None:
    entries = ["Fully met", "Partially met", "Not met", "N/A"]
    path = _blank(tmp_path, "Rating", "Lists!$A$1:$A$4", entries)
    draft = draft_toolkit(read_xlsx(path), "anyshire")
    assert [o.label for o in draft.options] == entries
    assert {o.label: o.score for o in draft.options} == {
        "Fully met": 100,
        "Partially met": 50,
        "Not met": 0,
        "N/A": None,
    }
    assert draft.option_source == "the response column's dropdown list"
    text = draft.to_yaml()
    assert "# check: score evenly spaced" in next(
        ln for ln in text.splitlines() if "score: 50" in ln
    )
    out = tmp_path / "anyshire.yaml"
    out.write_text(text, encoding="utf-8")
    checked = CliRunner().invoke(app, ["toolkits", "check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "ok: anyshire, 1 sections, 3 items" in checked.output


def test_printed_percentages_in_the_entries_are_the_scores(tmp_path: Path) -> None:
    path = _blank(tmp_path, "Response", '"Met (100%),Partly (50%),Not met (0%)"')
    draft = draft_toolkit(read_xlsx(path), "anyshire")
    assert {o.label: o.score for o in draft.options} == {
        "Met (100%)": 100,
        "Partly (50%)": 50,
        "Not met (0%)": 0,
        "N/A": None,
    }
    assert all(item.kind == "choice" for s in draft.sections for item in s.items)


LEGACY = (
    '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:ddList><w:result w:val="1"/>'
    '<w:listEntry w:val="Met"/><w:listEntry w:val="Not met"/></w:ddList></w:ffData>'
    "</w:fldChar></w:r><w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)
CONTROL = (
    '<w:sdt><w:sdtPr><w:dropDownList><w:listItem w:displayText="Green" w:value="G"/>'
    '<w:listItem w:value="Amber"/><w:listItem w:displayText="Red" w:value="R"/>'
    "</w:dropDownList></w:sdtPr><w:sdtContent>" + r("Amber") + "</w:sdtContent></w:sdt>"
)


def test_word_dropdowns_give_their_lists(tmp_path: Path) -> None:
    doc = read_docx(make_docx(tmp_path, tbl(tr(tc(p(LEGACY)), tc(p(CONTROL)), tc(p(r("x")))))))
    legacy, control, plain = doc.tables[0].rows[0].cells
    assert (legacy.text, legacy.choices) == ("Not met", ("Met", "Not met"))
    assert (control.text, control.choices) == ("Amber", ("Green", "Amber", "Red"))
    assert plain.choices == ()
