"""The upload queue, kept in the store's `jobs` table so a restart resumes it, and the runner
that works through it in the batch worker pool (same time and memory limits per file)."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from app.batch.runner import json_name
from app.batch.store import PRIVATE_DIR, Store
from app.cli.extract import describe_error, write_atomic
from app.review.decisions import carry_over
from app.service.names import shown_name, stored_name
from app.service.settings import Settings
from app.service.uploads import Received
from app.service.workers import ServicePool, start_fork_server
from extractor.files import NOT_READ, sniff

UPLOADS = "uploads"


def _sniffed(received: Received, shown: str) -> tuple[str, str | None]:
    """The file's kind from its bytes, and why it cannot be read (None when it can)."""
    try:
        kind = sniff(received.path)
    except Exception as e:  # empty, damaged container: the batch's one-line failure
        reason = describe_error(received.path, e).removeprefix(f"{received.path.name}: ")
        return "unknown", f"{shown}: {reason}"
    return kind, None if kind != "unknown" else f"{shown}: {NOT_READ}"


def _keep(data: Path, received: Received, kind: str) -> Path:
    """Store the file as uploads/<sha256>/<name>; the same bytes again are kept once."""
    folder = data / UPLOADS / received.sha256
    kept = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    if kept:
        received.path.unlink(missing_ok=True)
        return kept[0]
    (data / UPLOADS).mkdir(mode=PRIVATE_DIR, exist_ok=True)
    folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    target = folder / stored_name(received.name, kind)
    received.path.replace(target)
    return target


def enqueue(store: Store, data: Path, received: Received, who: str) -> dict[str, Any]:
    """Sniff the bytes, store the file under its content hash and queue it (or fail it now).

    A failed file is not kept, and leaves no folder behind. The same bytes uploaded again
    under another name keep the return's first name (the others are listed beside it)."""
    shown = shown_name(received.name)
    kind, reason = _sniffed(received, shown)
    sha = received.sha256
    if reason is None:
        target = _keep(data, received, kind)
    else:
        received.path.unlink(missing_ok=True)
        target = data / UPLOADS / sha / stored_name(received.name, kind)
    pending = store.db.execute(
        "SELECT id, status FROM jobs WHERE sha256 = ? AND status IN ('queued', 'processing')",
        (sha,),
    ).fetchone()
    known = store.known(sha)
    if pending and reason is None:  # the same file again while it waits: one job for both
        status = "duplicate"
    else:
        status = "failed" if reason else "done" if known == "ok" else "queued"
    now = time.time()
    with store.db:
        cur = store.db.execute(
            "INSERT INTO jobs (sha256, name, path, size, status, reason, uploaded_by, created, "
            "finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sha,
                shown,
                str(target),
                received.size,
                status,
                reason,
                who,
                now,
                None if status == "queued" else now,
            ),
        )
    if pending and reason is None:
        return {"id": sha, "job": pending[0], "file": shown, "status": pending[1], "reason": None}
    if reason:
        store.record_failure(sha, str(target), received.size, reason, 0, 0.0)
    return {"id": sha, "job": cur.lastrowid, "file": shown, "status": status, "reason": reason}


def requeue_interrupted(store: Store) -> int:
    """Jobs left processing by a stopped service go back to the queue."""
    with store.db:
        cur = store.db.execute(
            "UPDATE jobs SET status = 'queued', started = NULL WHERE status = 'processing'"
        )
    return cur.rowcount


class Runner:
    """A thread that takes queued jobs and extracts them in the worker pool."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="s11-jobs", daemon=True)

    def start(self) -> None:
        store = Store(self.settings.data)
        requeue_interrupted(store)
        store.close()
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        self.thread.join(timeout=5)  # a file still being read is queued again at start

    def _loop(self) -> None:
        start_fork_server()
        store = Store(self.settings.data)
        try:
            while not self.stopping.is_set():
                jobs = self._claim(store)
                if jobs:
                    self._process(store, jobs)
                else:
                    self.wake.wait(self.settings.poll_seconds)
                    self.wake.clear()
        finally:
            store.close()

    def _claim(self, store: Store) -> list[tuple[int, str, str, int]]:
        with store.db:
            jobs = list(
                store.db.execute(
                    "SELECT id, sha256, path, size FROM jobs WHERE status = 'queued' "
                    "ORDER BY id LIMIT ?",
                    (self.settings.workers * 4,),
                )
            )
            store.db.executemany(
                "UPDATE jobs SET status = 'processing', started = ? WHERE id = ?",
                [(time.time(), job[0]) for job in jobs],
            )
        return jobs

    def _process(self, store: Store, jobs: list[tuple[int, str, str, int]]) -> None:
        s = self.settings
        run_id = store.start_run({"service": [job[0] for job in jobs]}, resume=False)
        pool = ServicePool(s.workers, s.timeout, s.memory_mb, s.extract_ref)
        taken = {name for _, _, name in store.results() if name}
        outcomes = pool.run(jobs, lambda j: j[2])
        try:
            for job, (status, payload, _), seconds in outcomes:
                self._record(store, job, status, payload, seconds, run_id, taken)
                if self.stopping.is_set():
                    break  # the rest stay processing and are queued again at the next start
        finally:
            outcomes.close()  # stops the workers
        store.finish_run(run_id)

    def _record(
        self,
        store: Store,
        job: tuple[int, str, str, int],
        status: str,
        payload: str,
        seconds: float,
        run_id: int,
        taken: set[str],
    ) -> None:
        job_id, sha, path, size = job
        if status == "ok":
            name = json_name(Path(path), taken)
            write_atomic(self.settings.data / "results" / name, payload)
            store.record_ok(sha, path, size, json.loads(payload), name, run_id, seconds)
            carry_over(store, sha, run_id)
            reason = None
        else:
            store.record_failure(sha, path, size, payload, run_id, seconds)
            reason = payload
        with store.db:
            store.db.execute(
                "UPDATE jobs SET status = ?, reason = ?, finished = ? WHERE id = ?",
                ("done" if status == "ok" else "failed", reason, time.time(), job_id),
            )


def remove_return(store: Store, data: Path, sha: str) -> bool:
    """Delete a return, its gaps, jobs, stored file and result; its decisions' history stays."""
    row = store.db.execute("SELECT json_name FROM files WHERE sha256 = ?", (sha,)).fetchone()
    queued = store.db.execute("SELECT 1 FROM jobs WHERE sha256 = ?", (sha,)).fetchone()
    if row is None and queued is None:
        return False
    with store.db:
        for table in ("gaps", "files", "seen", "jobs"):
            store.db.execute(f"DELETE FROM {table} WHERE sha256 = ?", (sha,))
    if row and row[0]:
        (data / "results" / row[0]).unlink(missing_ok=True)
    shutil.rmtree(data / UPLOADS / sha, ignore_errors=True)
    return True
