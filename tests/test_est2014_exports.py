"""est2014 online-tool exports as partners send them: one tiny workbook per layout mechanism.

Each workbook is the export's shape (title lines, a header row, a row per section with its
printed percentage and grade, a row per item with status and printed percentage), written
here with openpyxl from the toolkit's own item texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from extractor.xlsx.numbers import displayed
from extractor.xlsx.reader import read_xlsx
from mappings.align import assign, map_rows
from mappings.printed import section_breaks, section_rows
from mappings.toolkits import load_toolkit
from scoring.pipeline import extract

HEADER = ["Allocated Audits", "Status", "Score", "Grade"]
# A printed percentage per item, a status per item (not started items print no score).
SCORES: dict[str, float | None] = {
    "1.1": 100, "1.2": 45, "1.3": 60, "1.4": 100, "1.5": 70, "1.6": None,
    "2.1": 80, "2.2": 90, "2.3": 100, "2.4": 50, "2.5": 50,
    "3.1": 75, "3.2": 70, "3.3": 80, "3.4": 100,
    "4.1": 75, "4.2": 90, "4.3": 85, "4.4": None, "4.5": 100, "4.6": 100,
    "5.1": 40, "5.2": 45, "5.3": 100, "5.4": 100, "5.5": 95, "5.6": 100,
    "6.1": 50, "6.2": 100, "6.3": 100, "6.4": 90, "6.5": 100,
    "7.1": 80, "7.2": 100, "7.3": 60, "7.4": 80,
}  # fmt: skip


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _section_means() -> dict[str, float]:
    out: dict[str, list[float]] = {}
    for item_id, score in SCORES.items():
        if score is not None:
            out.setdefault(item_id.split(".")[0], []).append(score)
    return {s: _mean(v) for s, v in out.items()}


def export(
    tmp_path: Path,
    *,
    numbers: bool = True,
    ref_column: bool = True,
    header: bool = True,
    repeat_header_before: str | None = None,
    repeat_heading_before: str | None = None,
    number_format: str | None = "0%",
) -> Path:
    """An est2014 summary export. `numbers`: percentages stored as fractions with a percent
    number format (else typed text "45%"); `ref_column`: a first column holding "1", "1.1"."""
    toolkit = load_toolkit("est2014")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Audit Summary"
    lead = [""] if ref_column else []
    ws.append([f"{toolkit.title} Audit Summary"])
    ws.append(["Progress: 94%  Score: 81%"])
    ws.append([])
    means = _section_means()

    def pct(value: float | None, cell_row: list[Any]) -> None:
        if value is None:
            cell_row.append(None)
        elif numbers:
            cell_row.append(value / 100)
        else:
            cell_row.append(f"{value:g}%")

    def put(values: list[Any], percent_at: int | None) -> None:
        ws.append(values)
        if numbers and percent_at is not None and number_format is not None:
            ws.cell(row=ws.max_row, column=percent_at + 1).number_format = number_format

    if header:
        put(lead + HEADER, None)
    for section in toolkit.sections:
        if header and repeat_header_before == section.id:
            put(lead + HEADER, None)
        row: list[Any] = ([section.id] if ref_column else []) + [
            f"{section.id}. {section.title}",
            None,
        ]
        pct(round(means[section.id]), row)
        row.append("high")
        put(row, len(row) - 2)
        heading = row
        for item in section.items:
            if item.id == repeat_heading_before:  # the section's row again, atop a new page
                put(list(heading), len(heading) - 2)
            score = SCORES[item.id]
            status = "Not Started" if score is None else "Complete"
            row = ([item.id] if ref_column else []) + [item.text, status]
            pct(score, row)
            put(row, len(row) - 1 if score is not None else None)
    path = tmp_path / "export.xlsx"
    wb.save(path)
    return path


def _check_scores(path: Path) -> None:
    result = extract(path)
    assert result.toolkit.id == "est2014"
    got = {i.id: i.score for i in result.items}
    assert got == SCORES
    assert {i.id: i.response for i in result.items} == {
        k: ("not_started" if v is None else "complete") for k, v in SCORES.items()
    }
    means = _section_means()
    for section in result.sections:
        assert section.score == pytest.approx(means[section.id], abs=0.05), section.id


# -- the reader: numbers as the sheet shows them ------------------------------------------------
def test_percent_number_format_gives_the_displayed_percentage(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([0.45, 1, 0.8125, 0.5, 3.0, 0.745, 1234.5])
    for ref, fmt in [("A1", "0%"), ("B1", "0%"), ("C1", "0.0%"), ("F1", "0%"), ("G1", "#,##0.00")]:
        ws[ref].number_format = fmt
    path = tmp_path / "n.xlsx"
    wb.save(path)
    texts = [c.text for c in read_xlsx(path).tables[0].rows[0].cells]
    # 0.5 and 3.0 keep General: the bare value, as before.
    assert texts == ["45%", "100%", "81.3%", "0.5", "3", "75%", "1,234.50"]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.45, "0%", "45%"),
        (0, "0%", "0%"),
        (0.125, "0.0%", "12.5%"),  # half away from zero, like Excel
        (0.8, "0.0#%", "80.0%"),
        (0.815, "0.0#%", "81.5%"),
        (-0.45, "0%", "-45%"),
        (-3, "0;(0)", "(3)"),
        (0, '0;-0;"none"', "none"),
        (12, '"Score: "0', "Score: 12"),
        (5, "[Red]0.00", "5.00"),
        (3, "[$£-809]#,##0.00", "£3.00"),
        (1_500_000, '#,##0,,"M"', "2M"),
        (0.3, "0.00_);(0.00)", "0.30"),
        (0.5, "General", None),
        (0.5, "mm/dd/yy", None),
        (1.5, "# ?/?", None),
        (3, "@", None),
        (123456, "000-000", None),  # text between the digits: left to the bare value
    ],
)
def test_number_formats_rendered(value: float, fmt: str, shown: str | None) -> None:
    assert displayed(value, fmt) == shown


# -- whole exports ------------------------------------------------------------------------------
def test_percentages_stored_as_numbers_read_as_printed(tmp_path: Path) -> None:
    """0.45 formatted "0%" is 45, not 0.45 (nor 0.5 after rounding)."""
    _check_scores(export(tmp_path, numbers=True))


def test_percentages_typed_as_text(tmp_path: Path) -> None:
    _check_scores(export(tmp_path, numbers=False))


def test_not_started_item_last_in_its_section_has_no_score(tmp_path: Path) -> None:
    """1.6 is not started and prints no score; the next row is section 2's ("2. CORE … | 74%
    | high"): that percentage is the section's, never 1.6's."""
    result = extract(export(tmp_path, numbers=False))
    items = {i.id: i for i in result.items}
    assert items["1.6"].response == "not_started"
    assert items["1.6"].score is None
    assert result.sections[0].score == pytest.approx(_mean([100, 45, 60, 100, 70]))


def test_sheet_without_a_reference_column(tmp_path: Path) -> None:
    _check_scores(export(tmp_path, ref_column=False))


def test_header_repeated_mid_sheet(tmp_path: Path) -> None:
    _check_scores(export(tmp_path, repeat_header_before="4"))


def test_sheet_without_its_header_row(tmp_path: Path) -> None:
    """No "Status | Score" header: the percentage alone in a cell of the item's row is its
    printed score (and still never the next section's)."""
    _check_scores(export(tmp_path, header=False))


@pytest.mark.parametrize("number_format", [None, "0.00"])
def test_percentages_exported_as_plain_fractions(tmp_path: Path, number_format: str | None) -> None:
    """0.45 under General (or "0.00"): every printed score within 0..1 is a fraction of one."""
    _check_scores(export(tmp_path, number_format=number_format))


def test_heading_repeated_inside_its_section_ends_no_block(tmp_path: Path) -> None:
    """Section 1's row printed again above 1.4 (a page break) does not cut 1.3's block;
    section 2's row ends 1.6's."""
    path = export(tmp_path, numbers=False, repeat_heading_before="1.4")
    toolkit = load_toolkit("est2014")
    mapped = map_rows(read_xlsx(path), toolkit)
    matches = assign(mapped.cands, mapped.matrix, toolkit)
    rows = section_rows(mapped.units, toolkit)
    repeated = [o for o, s in rows.items() if s == "1"]
    assert len(repeated) == 2
    breaks = section_breaks(mapped.units, toolkit, matches.values())
    assert repeated[1] not in breaks
    assert {rows[o] for o in breaks} == {"2", "3", "4", "5", "6", "7"}
    _check_scores(path)
