"""Review decisions: stable gap ids, the append-only audit trail, the gaps.xlsx round trip
through `s11 batch` and the carry-over of decisions to a resubmitted return."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.batch.gap_ids import gap_ids
from app.batch.runner import run_batch_command
from app.batch.store import Store
from app.review.decisions import ReviewError, decide, decision, history

STAND_IN = "tests.review_extract:extract"
ROOT = Path(__file__).resolve().parents[1]


def batch(inbox: Path, out: Path, ref: str = STAND_IN) -> int:
    return run_batch_command([inbox], out, 1, False, 60, 1024, False, extract_ref=ref)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def sheet_rows(path: Path) -> list[dict[str, object]]:
    ws = load_workbook(path)["Gaps"]
    header = [c.value for c in ws[1]]
    return [
        dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)
    ]


def test_gap_ids_are_stable_and_distinct() -> None:
    gaps = [
        {"kind": "no_evidence", "item": "1.1", "section": "1A"},
        {"kind": "missing_field", "item": None, "section": None},
        {"kind": "missing_field", "item": None, "section": None},
        {"kind": "below_threshold", "item": None, "section": "2"},
    ]
    ids = gap_ids("ab" * 32, gaps)
    assert ids == [
        "abababababababab-1.1-no_evidence",
        "abababababababab-return-missing_field",
        "abababababababab-return-missing_field-2",
        "abababababababab-s2-below_threshold",
    ]
    assert gap_ids("ab" * 32, gaps) == ids


def test_every_change_is_appended_never_rewritten(tmp_path: Path) -> None:
    write(tmp_path / "in", "a.docx", "Org A|1.1:no_action")
    batch(tmp_path / "in", tmp_path / "out")
    store = Store(tmp_path / "out")
    (gap_id,) = [r[0] for r in store.db.execute("SELECT gap_id FROM gaps")]
    decide(store, gap_id, "challenged", "asked for the policy", "ann")
    decide(store, gap_id, "challenged", "asked for the policy", "ann")  # no change: no row
    decide(store, gap_id, "accepted", "policy seen", "bob")
    assert decision(store, gap_id).status == "accepted"
    trail = [
        (h["who"], h["old_status"], h["new_status"], h["comment"]) for h in history(store, gap_id)
    ]
    assert trail == [
        ("ann", "open", "challenged", "asked for the policy"),
        ("bob", "challenged", "accepted", "policy seen"),
    ]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.db:
        store.db.execute("UPDATE decision_history SET who = 'eve'")
    with pytest.raises(ReviewError, match="unknown status 'maybe'"):
        decide(store, gap_id, "maybe", "", "ann")
    with pytest.raises(ReviewError, match="no gap with id"):
        decide(store, "nope", "accepted", "", "ann")
    store.close()


def test_workbook_decisions_survive_the_next_batch(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    shutil.copy(
        ROOT / "samples/word/wt2023-charity-wingdings-renumbered.docx", inbox.mkdir() or inbox
    )
    assert batch(inbox, out, "app.batch.worker:extract_json") == 0
    wb = load_workbook(out / "gaps.xlsx")
    ws = wb["Gaps"]
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("Reviewer status") + 1, "accepted")
    ws.cell(2, header.index("Reviewer comments") + 1, "policy seen on site")
    first_id = ws.cell(2, header.index("Gap id") + 1).value
    wb.save(out / "gaps.xlsx")
    before = len(sheet_rows(out / "gaps.xlsx"))
    shutil.copy(ROOT / "samples/word/gp2014-surgery-content-controls-reworded.docx", inbox)
    assert batch(inbox, out, "app.batch.worker:extract_json") == 0  # a late return arrives
    rows = {r["Gap id"]: r for r in sheet_rows(out / "gaps.xlsx")}
    assert len(rows) > before
    assert rows[first_id]["Reviewer status"] == "accepted"
    assert rows[first_id]["Reviewer comments"] == "policy seen on site"
    assert rows[first_id]["Reviewer"] == "gaps.xlsx"
    assert sum(r["Reviewer status"] == "open" for r in rows.values()) == len(rows) - 1
    store = Store(out)
    assert [h["new_status"] for h in history(store, str(first_id))] == ["accepted"]
    store.close()


def test_a_workbook_written_before_gap_ids_is_read_by_place(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    write(inbox, "a.docx", "Org A|1.1:no_action,1.1:no_evidence")
    batch(inbox, out)
    wb = load_workbook(out / "gaps.xlsx")
    ws = wb["Gaps"]
    ws.delete_cols(16, 4)  # Reviewer, Decision note, Gap id, Written: the old layout
    ws.cell(3, 13, "for panel")
    ws.cell(3, 14, "take to the panel")
    wb.save(out / "gaps.xlsx")
    batch(inbox, out)
    rows = sheet_rows(out / "gaps.xlsx")
    assert [(r["Item"], r["Gap"], r["Reviewer status"]) for r in rows] == [
        ("1.1", "no_action", "open"),
        ("1.1", "no_evidence", "for_panel"),
    ]


def test_a_resubmission_carries_decisions_and_closes_gaps_that_are_gone(tmp_path: Path) -> None:
    inbox, out = tmp_path / "in", tmp_path / "out"
    write(inbox, "org-a-v1.docx", "Org A|1.1:no_action,1.2:no_evidence")
    batch(inbox, out)
    store = Store(out)
    ids = dict(store.db.execute("SELECT item, gap_id FROM gaps"))
    decide(store, ids["1.1"], "challenged", "where is the action plan?", "ann")
    store.close()
    write(inbox, "org-a-v2.docx", "org a |1.1:no_action")  # 1.2 answered now
    batch(inbox, out)
    rows = sheet_rows(out / "gaps.xlsx")
    carried = next(r for r in rows if r["File"] == "org-a-v2.docx")
    assert (carried["Reviewer status"], carried["Reviewer comments"]) == (
        "challenged",
        "where is the action plan?",
    )
    assert str(carried["Decision note"]).startswith("carried ")
    gone = next(r for r in rows if r["File"] == "org-a-v1.docx" and r["Item"] == "1.2")
    assert (gone["Reviewer status"], gone["Decision note"]) == (
        "resolved",
        "resolved by resubmission",
    )
    store = Store(out)
    assert history(store, str(carried["Gap id"]))[0]["note"].startswith("carried ")
    store.close()
