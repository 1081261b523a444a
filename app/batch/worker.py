"""Worker processes for batch runs: each reads returns one at a time under a memory limit;
the parent enforces a per-file time limit by killing and replacing a worker that overruns.

Workers die with their parent, however it ends (SIGKILL included): on Linux the kernel sends
them SIGKILL when the thread that started them ends (prctl PR_SET_PDEATHSIG), and every
worker also checks each second, while idle, that its parent is still the one that started it.
So run a pool from a thread that lives as long as the pool.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import signal
import time
from dataclasses import dataclass
from importlib import import_module
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from app.batch.limits import file_limit
from extractor.lifetime import kill_me_with_parent

Outcome = tuple[str, str, dict[str, Any] | None]  # (status, text or reason, summary)
PARENT_CHECK_SECONDS = 1.0  # an idle worker looks this often whether its parent still lives


def die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the parent ends; exit now if it already has."""
    kill_me_with_parent()
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(0)


def _worker(conn: Connection, memory_mb: int, extract_ref: str, parent: int) -> None:
    """Child: set the memory limit, then extract every path sent until None arrives. `parent`
    is the pid that forked it, or 0 when a fork server did (then the fork server is the parent
    watched, and it ends when the process that started it does)."""
    parent = parent or os.getppid()
    die_with_parent(parent)
    os.setpgrp()
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    module, name = extract_ref.split(":")
    extract = getattr(import_module(module), name)
    from app.cli.extract import describe_error

    while True:
        while not conn.poll(PARENT_CHECK_SECONDS):
            if os.getppid() != parent:
                return
        try:
            path = conn.recv()
        except (EOFError, OSError):  # the parent closed its end
            return
        if path is None:
            return
        try:
            text = extract(Path(path))
            conn.send(("ok", text, None))
        except MemoryError:
            conn.send(("failed", f"ran out of memory (limit {memory_mb} MB)", None))
        except BaseException as e:  # every failure is a one-line reason, never a traceback
            conn.send(("failed", describe_error(Path(path), e), None))


def extract_json(path: Path) -> str:
    """The default work: the JSON text of one return."""
    from scoring.pipeline import extract, to_json

    return to_json(extract(path))


@dataclass
class _Slot:
    process: Any
    conn: Connection
    task: Any = None
    started: float = 0.0
    limit: float = 0.0  # seconds this task may take (app/batch/limits.py)


class WorkerPool:
    """N workers; `run(tasks)` yields (task, outcome, seconds) as files finish."""

    def __init__(
        self,
        workers: int,
        timeout: float,
        memory_mb: int,
        extract_ref: str = "app.batch.worker:extract_json",
    ) -> None:
        self.size = max(1, workers)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.extract_ref = extract_ref
        self.ctx = mp.get_context("fork")
        self.slots: list[_Slot] = []

    def _spawn(self) -> _Slot:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(
            target=_worker,
            args=(child, self.memory_mb, self.extract_ref, self._parent()),
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def _parent(self) -> int:
        """The pid a worker's parent must have: this process when it forks the worker itself,
        else 0 (a fork server forks it; the worker watches whichever process that is)."""
        return os.getpid() if self.ctx.get_start_method() == "fork" else 0

    def run(self, tasks: list[Any], path_of: Any) -> Any:
        pending = list(reversed(tasks))
        self.slots = [self._spawn() for _ in range(min(self.size, len(tasks)))]
        try:
            for slot in self.slots:
                self._give(slot, pending, path_of)
            while any(s.task is not None for s in self.slots):
                busy = [s for s in self.slots if s.task is not None]
                deadline = min(s.started + s.limit for s in busy)
                ready = wait([s.conn for s in busy], timeout=max(0.05, deadline - time.monotonic()))
                for slot in busy:
                    if slot.conn in ready:
                        outcome = self._receive(slot)
                    elif time.monotonic() - slot.started > slot.limit:
                        outcome = ("failed", f"timed out after {slot.limit:g} s", None)
                        self._replace(slot)
                    else:
                        continue
                    task, seconds = slot.task, time.monotonic() - slot.started
                    slot.task = None
                    yield task, outcome, seconds
                    self._give(slot, pending, path_of)
        finally:
            self.close()

    def _receive(self, slot: _Slot) -> Outcome:
        try:
            result: Outcome = slot.conn.recv()
            return result
        except (EOFError, OSError):
            code = slot.process.exitcode
            self._replace(slot)
            if code is not None and code < 0:
                reason = f"the reader was killed (signal {-code}); it may have run out of memory"
            else:
                reason = f"ran out of memory or crashed (limit {self.memory_mb} MB)"
            return ("failed", reason, None)

    def _replace(self, slot: _Slot) -> None:
        self._kill(slot)
        fresh = self._spawn()
        slot.process, slot.conn = fresh.process, fresh.conn

    def _give(self, slot: _Slot, pending: list[Any], path_of: Any) -> None:
        if pending:
            slot.task = pending.pop()
            path = Path(path_of(slot.task))
            slot.limit = file_limit(path, self.timeout)
            slot.started = time.monotonic()
            slot.conn.send(str(path))

    def _kill(self, slot: _Slot) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(slot.process.pid, signal.SIGKILL)
        slot.process.join(timeout=5)
        slot.conn.close()

    def close(self) -> None:
        for slot in self.slots:
            if slot.process.is_alive():
                with contextlib.suppress(BrokenPipeError, OSError):
                    slot.conn.send(None)
                slot.process.join(timeout=2)
            if slot.process.is_alive():
                self._kill(slot)
        self.slots = []
