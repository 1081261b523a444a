"""Robustness: every real-world file in ../shared/corpus (Word, PDF, Excel; damaged, encrypted,
looping, fuzzed, bombs) is either processed or recorded as failed with one clear line, within
the per-file limits of 30 s and 1 GB, none is accepted as a return, and the run leaves no
worker behind.

The whole folder runs through `s11 batch` (about 2-3 minutes on two cores); set
S11_SKIP_CORPUS=1 to leave it out of a quick local run.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.batch.runner import find_returns

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TIMEOUT = 30
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir() or os.environ.get("S11_SKIP_CORPUS") == "1",
    reason="../shared/corpus is not here (or S11_SKIP_CORPUS=1)",
)


def hostile(name: str) -> bool:
    """Files SOURCES.md flags as denial-of-service reproducers may use up their time limit."""
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    return any(name in line and "DoS" in line for line in sources.splitlines())


def test_whole_corpus_reads_or_fails_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    started = time.monotonic()
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "s11"), "batch", str(CORPUS), "--out", str(out),
         "--timeout", str(TIMEOUT), "--memory-mb", "1024"],
        capture_output=True, text=True, timeout=1500, check=False,
    )
    elapsed = time.monotonic() - started
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout + proc.stderr

    found = find_returns([CORPUS])
    with sqlite3.connect(out / "s11.db") as db:
        rows = db.execute("SELECT path, status, reason, seconds FROM files").fetchall()
        seen = {r[0] for r in db.execute("SELECT path FROM seen")}
    assert {str(p) for p in found} <= seen, "some files were never recorded"
    problems = []
    for path, status, reason, seconds in rows:
        name = Path(path).name
        if status == "ok":
            continue
        assert status == "failed", (name, status)
        if not reason or "\n" in reason or "Traceback" in reason:
            problems.append(f"{name}: reason is not one line: {reason!r}")
        elif "unexpected error" in reason:
            problems.append(f"{name}: {reason}")
        elif "timed out" in reason and not hostile(name):
            problems.append(f"{name}: took longer than {TIMEOUT} s")
        if seconds is not None and seconds > TIMEOUT + 10:
            problems.append(f"{name}: ran {seconds:.0f} s past its limit")
    assert problems == []
    # None of these files is a completed return: a result from one would be made up.
    assert [Path(p).name for p, status, _, _ in rows if status == "ok"] == []
    assert elapsed < 1200
    assert _processes_mentioning(str(out)) == [], "a worker process outlived the batch"


def _processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line holds `text` (read from /proc: no pgrep needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in cmdline:
            found.append(int(entry.name))
    return found
