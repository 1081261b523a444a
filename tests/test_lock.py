"""One writer per folder: app.batch.lock.hold, and batch / report refusing a folder in use."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from app.batch.lock import LOCK_NAME, FolderInUse, hold
from app.batch.runner import run_batch_command
from app.cli.report import run_report_command

ROOT = Path(__file__).resolve().parents[1]
IN_USE = re.compile(
    r"^(?P<folder>.+): in use by (?P<what>s11 \w+) \(pid (?P<pid>\d+), started "
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\); wait for it to finish$"
)


@contextmanager
def held_elsewhere(folder: Path, what: str = "s11 batch") -> Iterator[int]:
    """Another process holding `folder`'s lock; yields its pid."""
    script = (
        "import sys, time; from pathlib import Path; from app.batch.lock import hold\n"
        f"with hold(Path({str(folder)!r}), {what!r}):\n"
        "    print('held', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"held\n"
        yield proc.pid
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def test_a_held_folder_names_its_holder_and_is_free_once_it_dies(tmp_path: Path) -> None:
    with held_elsewhere(tmp_path, "s11 serve") as pid:
        with pytest.raises(FolderInUse) as info, hold(tmp_path, "s11 batch"):
            pass
        found = IN_USE.match(str(info.value))
        assert found is not None, str(info.value)
        assert (found["folder"], found["what"], found["pid"]) == (
            str(tmp_path),
            "s11 serve",
            str(pid),
        )
    with hold(tmp_path, "s11 batch"):  # SIGKILLed holder: the kernel dropped its lock
        record = json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))
        assert record["pid"] == os.getpid()
        assert record["what"] == "s11 batch"


def test_a_stale_lock_file_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        check=True,
        text=True,
    )
    stale = {"what": "s11 batch", "pid": int(dead.stdout), "started": "2026-01-01 00:00:00"}
    (tmp_path / LOCK_NAME).write_text(json.dumps(stale), encoding="utf-8")
    with hold(tmp_path, "s11 batch"):
        record = json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))
        assert record["pid"] == os.getpid()


def test_the_same_process_cannot_hold_a_folder_twice(tmp_path: Path) -> None:
    with hold(tmp_path, "s11 batch"), pytest.raises(FolderInUse), hold(tmp_path, "s11 report"):
        pass
    with hold(tmp_path, "s11 report"):
        pass


def _sleep(up: Connection, seconds: float) -> None:
    up.send("up")
    time.sleep(seconds)


def test_a_forked_worker_does_not_keep_the_lock(tmp_path: Path) -> None:
    ctx = mp.get_context("fork")
    here, there = ctx.Pipe()
    with hold(tmp_path, "s11 batch"):
        child = ctx.Process(target=_sleep, args=(there, 30), daemon=True)
        child.start()
        assert here.recv() == "up"
    try:
        with hold(tmp_path, "s11 report"):  # released by its holder, the child still alive
            assert child.is_alive()
    finally:
        child.kill()
        child.join()
        here.close()
        there.close()


def test_second_batch_or_report_into_a_folder_in_use_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.docx").write_text("Org A", encoding="utf-8")
    out = tmp_path / "out"
    with held_elsewhere(out) as pid:
        code = run_batch_command(
            [inbox], out, 1, False, 30, 1024, False, extract_ref="tests.fake_extract:extract"
        )
        assert code == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        line = captured.err.strip()
        assert "\n" not in line
        assert IN_USE.match(line)
        assert f"pid {pid}," in line
        assert not (out / "results").exists()
        (out / "s11.db").touch()
        assert run_report_command(out, False) == 1
        assert IN_USE.match(capsys.readouterr().err.strip())


def test_serve_and_compare_refuse_a_folder_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli.compare import run_compare_command
    from app.service.serve import run_serve

    data = tmp_path / "data"
    data.mkdir()
    (data / "s11.db").touch()
    with held_elsewhere(data) as pid:
        assert run_serve(data, "127.0.0.1", 0, 1, 30, 1024, 25) == 1
        line = capsys.readouterr().err.strip()
        assert line.startswith("s11 serve: ")
        assert IN_USE.match(line.removeprefix("s11 serve: "))
        assert f"pid {pid}," in line
        assert run_compare_command(tmp_path / "last", data, None, None, False, False) == 1
        line = capsys.readouterr().err.strip()
        assert IN_USE.match(line.removeprefix("s11 compare: "))


def test_out_that_is_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "out").write_text("", encoding="utf-8")
    assert run_batch_command([tmp_path], tmp_path / "out", 1, False, 30, 1024, False) == 2
    assert (
        capsys.readouterr().err == f"{tmp_path / 'out'}: --out must be a folder, this is a file\n"
    )
