"""Batch runs: outcomes, limits, resume after a kill, skipping, duplicates, reports."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from openpyxl import load_workbook

from app.batch.runner import find_returns, run_batch_command
from app.reports.board import tally
from tests.procs import tagged_env, wait_until_gone

FAKE = "tests.fake_extract:extract"
ROOT = Path(__file__).resolve().parents[1]


def files(folder: Path, names: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in names.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as con:
        return list(con.execute(sql))


def test_one_bad_hanging_or_exploding_file_never_stops_the_rest(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    (inbox / "sub").mkdir(parents=True)
    for name, text in {
        "good1.docx": "Org A",
        "sub/good2.pdf": "Org B",
        "bad.docx": "x",
        "hang.docx": "y",
        "bomb.xlsx": "z",
        "~$lock.docx": "",
        "notes.txt": "",
    }.items():
        (inbox / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    code = run_batch_command([inbox], out, 2, False, 3.0, 512, False, extract_ref=FAKE)
    assert time.monotonic() - started < 30
    assert code == 1
    assert sorted(p.name for p in (out / "results").iterdir()) == [
        "good1.docx.json",
        "good2.pdf.json",
    ]
    failures = dict(rows(out / "s11.db", "SELECT path, reason FROM files WHERE status='failed'"))
    reasons = {Path(p).name: r for p, r in failures.items()}
    assert reasons["bad.docx"] == "bad.docx: damaged Word file (test)"
    assert reasons["hang.docx"] == "timed out after 3 s"
    assert "memory" in str(reasons["bomb.xlsx"])
    assert (out / "gaps.xlsx").exists()
    assert (out / "summary.md").exists()


def test_unchanged_files_are_skipped_and_duplicates_reported(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    inbox = files(
        tmp_path / "in", {"a.docx": "Org A", "copy-of-a.docx": "Org A", "b.docx": "Org A "}
    )
    out = tmp_path / "out"
    assert run_batch_command([inbox], out, 1, False, 30, 1024, False, extract_ref=FAKE) == 0
    first = capsys.readouterr().out
    assert "duplicate file" in first
    assert "2 returns from 'org a' for wt2023: a.docx, b.docx\n" in first
    assert run_batch_command([inbox], out, 1, False, 30, 1024, False, extract_ref=FAKE) == 0
    assert re.search(r"unchanged, skipped\s+3\n", capsys.readouterr().out)
    assert rows(out / "s11.db", "SELECT count(*) FROM files") == [(2,)]


def test_killed_run_resumes_without_loss_or_double_counting(tmp_path: Path) -> None:
    inbox = files(tmp_path / "in", {f"slow{n:02}.docx": f"Org {n}" for n in range(10)})
    out = tmp_path / "out"
    script = (
        "import sys; from pathlib import Path; from app.batch.runner import run_batch_command;"
        f"sys.exit(run_batch_command([Path({str(inbox)!r})], Path({str(out)!r}), 1, True, 30, 1024,"
        f" False, extract_ref={FAKE!r}))"
    )
    env, tag = tagged_env()
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = out / "results"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(results.glob("*.json"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert wait_until_gone(tag, 5) == []  # its worker (in a process group of its own) too
    done_before = len(list(results.glob("*.json")))
    assert 3 <= done_before < 10
    code = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=False)
    assert code.returncode == 0
    assert len(list(results.glob("*.json"))) == 10
    assert rows(out / "s11.db", "SELECT count(*), count(DISTINCT sha256) FROM files") == [(10, 10)]
    assert rows(out / "s11.db", "SELECT count(*) FROM gaps") == [(10,)]
    assert wait_until_gone(tag, 5) == []


def test_several_returns_from_one_organisation_are_counted(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Four different files from one organisation: the report says four and names them."""
    names = {f"{n}.docx": "Org X" + " " * i for i, n in enumerate("abcd")}
    out = tmp_path / "out"
    assert (
        run_batch_command(
            [files(tmp_path / "in", names)], out, 1, False, 30, 1024, False, extract_ref=FAKE
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "4 returns from 'org x' for wt2023: a.docx, b.docx, c.docx, d.docx\n" in text


def test_extract_given_a_folder_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from app.cli import app

    result = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"{tmp_path}: is a folder: use s11 batch\n"
    result = CliRunner().invoke(app, ["inspect", str(tmp_path)])
    assert (result.exit_code, result.output) == (1, f"{tmp_path}: is a folder: use s11 batch\n")


def test_gap_workbook_is_ready_for_reviewers(tmp_path: Path) -> None:
    inbox = files(tmp_path / "in", {"a.docx": "Org A", "b.docx": "Org B"})
    out = tmp_path / "out"
    run_batch_command([inbox], out, 1, False, 30, 1024, False, extract_ref=FAKE)
    ws = load_workbook(out / "gaps.xlsx")["Gaps"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Organisation", "File", "Toolkit", "Section"]
    assert "Reviewer status" in header
    assert ws.max_row == 3
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:R3"
    validations = ws.data_validations.dataValidation
    assert validations
    assert validations[0].formula1 == '"Open,Accepted,Challenged,Resolved,For panel"'
    csv_text = (out / "gaps.csv").read_text(encoding="utf-8-sig")
    assert csv_text.count("\n") == 3
    page = (out / "html" / "a.docx.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "http://" not in page
    assert "https://" not in page
    summary = (out / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in summary
    assert "<script" not in summary


def test_board_tally_by_hand() -> None:
    from tests.fake_extract import result

    def agency(name: str, score: float | None, evidence: str = "Policy 2024") -> tuple[str, dict]:  # type: ignore[type-arg]
        r = result(name, name, score if score is not None else 0.0, evidence)
        r["sections"][0]["score"] = score  # type: ignore[index]
        if score is None:
            r["sections"][0]["applicable"] = 0  # type: ignore[index]
        return name, r

    tallies = tally(
        [agency("A", 100.0), agency("B", 60.0, "tbc"), agency("C", 30.0), agency("D", None)]
    )
    section = tallies["wt2023"].sections["1A"]
    assert section.mean is not None
    assert round(section.mean, 4) == round(190 / 3, 4)
    assert section.bands() == (1, 1, 1, 0)
    assert section.na == 1
    assert section.evidenced == 3


def test_find_returns_skips_lock_and_other_files(tmp_path: Path) -> None:
    folder = files(
        tmp_path, {"a.docx": "", "~$a.docx": "", ".hidden.pdf": "", "b.txt": "", "c.XLSX": ""}
    )
    assert [p.name for p in find_returns([folder])] == ["a.docx", "c.XLSX"]
