"""No process of a batch outlives it, whatever kills it (workers die with their parent)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.procs import kill_leftovers, living, tagged_env, wait_for, wait_until_gone

FAKE = "tests.fake_extract:extract"
ROOT = Path(__file__).resolve().parents[1]


def _start_batch(tmp_path: Path, names: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in names:
        (inbox / name).write_text(name, encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from app.batch.runner import run_batch_command;"
        f"sys.exit(run_batch_command([Path({str(inbox)!r})], Path({str(tmp_path / 'out')!r}),"
        f" 2, False, 600, 1024, False, extract_ref={FAKE!r}))"
    )
    env, tag = tagged_env()
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, tag


def test_sigkilled_batch_leaves_no_worker_behind(tmp_path: Path) -> None:
    proc, tag = _start_batch(tmp_path, ["hang1.docx", "hang2.docx", "hang3.docx"])
    try:
        assert len(wait_for(tag, 3, 30)) >= 3  # the batch and its two busy workers
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone: nothing can clean up
        proc.wait()
        assert wait_until_gone(tag, 5) == []
    finally:
        kill_leftovers(tag)


def test_sigkilled_s11_batch_command_leaves_nothing_behind(tmp_path: Path) -> None:
    """The installed command on real returns, killed while its workers read PDFs."""
    env, tag = tagged_env()
    command = [str(Path(sys.executable).parent / "s11"), "batch", str(ROOT / "samples" / "pdf")]
    proc = subprocess.Popen(
        [*command, "--out", str(tmp_path / "out"), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert len(wait_for(tag, 3, 60)) >= 3
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert wait_until_gone(tag, 5) == []
    finally:
        kill_leftovers(tag)


def test_idle_worker_sees_its_parent_gone(tmp_path: Path) -> None:
    """Without the kernel's signal (another OS, a lost race), an idle worker still exits."""
    script = (
        "import os, sys; from app.batch import worker;"
        "worker.die_with_parent = lambda parent: None;"  # the check alone
        "from app.batch.worker import WorkerPool;"
        "pool = WorkerPool(1, 600, 1024, 'tests.fake_extract:extract');"
        "pool._spawn(); os._exit(0)"
    )
    env, tag = tagged_env()
    env["PYTHONPATH"] = str(ROOT)
    try:
        subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
        assert wait_until_gone(tag, 5) == []
    finally:
        kill_leftovers(tag)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_libreoffice_dies_with_the_worker_that_started_it(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    for n in range(4000):  # long enough to convert that it is still running when killed
        doc.add_paragraph(f"Paragraph {n} of a long return. " * 8)
    source = tmp_path / "long.docx"
    doc.save(str(source))
    script = (
        "from pathlib import Path; from extractor.convert import convert_with_soffice;"
        f"convert_with_soffice(Path({str(source)!r}), 'pdf', Path({str(tmp_path)!r}))"
    )
    env, tag = tagged_env()
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _office(tag):
            time.sleep(0.02)
        assert _office(tag), "LibreOffice never started"
        time.sleep(1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert wait_until_gone(tag, 2) == []
    finally:
        kill_leftovers(tag)


def _office(tag: str) -> list[int]:
    found = []
    for pid in living(tag):
        try:
            if b"soffice.bin" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue
    return found
