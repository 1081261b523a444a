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
READY = "ready"  # a child started with `ready` says so before its first file
TOOLKITS_ENV = "S11_TOOLKITS"  # mappings.toolkits.ENV_VAR, without importing it here


def die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the parent ends; exit now if it already has."""
    kill_me_with_parent()
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(0)


def _worker(
    conn: Connection,
    memory_mb: int,
    extract_ref: str,
    parent: int,
    ready: bool = False,
    toolkits: str | None = None,
    warm_up: bool = False,
) -> None:
    """Child: set the memory limit, then extract every path sent until None arrives. `parent`
    is the pid that started it, or 0 when a fork server did (then the fork server is the parent
    watched, and it ends when the process that started it does). With `ready`, it says "ready"
    once started (after `warm_up`: loading what every extraction needs), so no file's time pays
    for the start.
    `toolkits`, when given, replaces S11_TOOLKITS (the user's toolkit folders, as this machine
    holds them)."""
    parent = parent or os.getppid()
    die_with_parent(parent)
    os.setpgrp()
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if toolkits is not None:
        os.environ[TOOLKITS_ENV] = toolkits
    module, name = extract_ref.split(":")
    extract = getattr(import_module(module), name)
    from app.cli.extract import describe_error

    if warm_up:
        with contextlib.suppress(Exception):  # a failed warm-up fails the first file instead
            warm()
    if ready:
        conn.send(READY)

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


def warm() -> None:
    """Load what every extraction needs, once: the readers, the toolkits and their lemmas."""
    from mappings.align import item_norms
    from mappings.toolkits import all_toolkits

    for module in (
        "extractor.docx.reader",
        "extractor.pdf.reader",
        "extractor.xlsx.reader",
        "scoring.pipeline",
    ):
        import_module(module)
    for toolkit in all_toolkits():
        item_norms(toolkit)


def extract_json(path: Path) -> str:
    """The default work: the JSON text of one return."""
    from scoring.pipeline import extract, to_json

    return to_json(extract(path))


class Reader:
    """One reader child: paths in, outcomes out. A child that overruns, crashes or has read
    `recycle_after` files (0: never) is replaced by a fresh one."""

    def __init__(
        self,
        ctx: Any,
        memory_mb: int,
        extract_ref: str,
        parent: int,
        recycle_after: int = 0,
        warm_seconds: float = 0.0,
        toolkits: str | None = None,
        warm_up: bool = False,
    ) -> None:
        self.ctx, self.memory_mb, self.extract_ref = ctx, memory_mb, extract_ref
        self.parent, self.recycle_after, self.warm_seconds = parent, recycle_after, warm_seconds
        self.toolkits, self.warm_up = toolkits, warm_up
        self.served = 0
        self._start()

    def _start(self) -> None:
        ours, child = self.ctx.Pipe()
        self.process = self.ctx.Process(
            target=_worker,
            args=(
                child,
                self.memory_mb,
                self.extract_ref,
                self.parent,
                self.warm_seconds > 0,
                self.toolkits,
                self.warm_up,
            ),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.conn: Connection = ours
        self.served = 0
        if self.warm_seconds and ours.poll(self.warm_seconds):  # warm (or dead: the first
            with contextlib.suppress(EOFError, OSError):  # file then says how it died)
                ours.recv()

    def alive(self) -> bool:
        return bool(self.process.is_alive())

    def renew(self) -> None:
        """A fresh child when the last one has ended (overran, crashed, recycled, or the thread
        that started it ended): paid before the next file, not by the one that ended it."""
        if self.conn.closed or not self.alive():
            self.replace()

    def send(self, path: str) -> None:
        self.conn.send(path)

    def receive(self) -> Outcome:
        """The child's answer; a child that died instead is explained (and renewed later)."""
        try:
            message: Outcome | str = self.conn.recv()
            if isinstance(message, str):  # READY: a warm-up that outlasted warm_seconds
                return (READY, "", None)
            result = message
        except (EOFError, OSError):
            self.process.join(timeout=2)  # reaped, so that its exit code is known
            code = self.process.exitcode
            self.kill()
            if code is not None and code < 0:
                reason = f"the reader was killed (signal {-code}); it may have run out of memory"
            else:
                reason = f"ran out of memory or crashed (limit {self.memory_mb} MB)"
            return ("failed", reason, None)
        self.served += 1
        if self.recycle_after and self.served >= self.recycle_after:
            self.close()  # a fresh one before the next file
        return result

    def overran(self, timeout: float) -> Outcome:
        """Kill the child that overran (its whole process group)."""
        self.kill()
        return ("failed", f"timed out after {timeout:g} s", None)

    def read(self, path: str, timeout: float) -> Outcome:
        """One file, start to end, within `timeout` seconds."""
        self.renew()
        self.send(path)
        deadline = time.monotonic() + timeout
        while self.conn.poll(max(0.0, deadline - time.monotonic())):
            outcome = self.receive()
            if outcome[0] != READY:
                return outcome
        return self.overran(timeout)

    def replace(self) -> None:
        if self.process.is_alive():
            self.kill()
        else:  # already killed and reaped: its group id may belong to another process now
            self.conn.close()
        self._start()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.join(timeout=5)
        self.conn.close()

    def close(self) -> None:
        """Ask the child to finish; kill it when it does not."""
        if self.process.is_alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                self.conn.send(None)
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


def warm_up() -> None:
    """What extract_json needs, loaded before the workers fork (WorkerPool.run)."""
    from scoring.pipeline import warm_up as load_pipeline

    load_pipeline()


def warm_parent(extract_ref: str) -> None:
    """Import the work's module and run its `warm_up()`, if it has one, in this process: the
    workers forked from it start warm. Any failure is left for the workers to report."""
    with contextlib.suppress(Exception):
        warm = getattr(import_module(extract_ref.split(":")[0]), "warm_up", None)
        if callable(warm):
            warm()


@dataclass
class _Slot:
    reader: Reader
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

    def _spawn(self) -> Reader:
        return Reader(self.ctx, self.memory_mb, self.extract_ref, self._parent())

    def _parent(self) -> int:
        """The pid a worker's parent must have: this process when it forks the worker itself,
        else 0 (a fork server forks it; the worker watches whichever process that is)."""
        return os.getpid() if self.ctx.get_start_method() == "fork" else 0

    def run(self, tasks: list[Any], path_of: Any) -> Any:
        pending = list(reversed(tasks))
        if tasks and self.ctx.get_start_method() == "fork":
            warm_parent(self.extract_ref)
        self.slots = [_Slot(self._spawn()) for _ in range(min(self.size, len(tasks)))]
        try:
            for slot in self.slots:
                self._give(slot, pending, path_of)
            while any(s.task is not None for s in self.slots):
                busy = [s for s in self.slots if s.task is not None]
                deadline = min(s.started + s.limit for s in busy)
                ready = wait(
                    [s.reader.conn for s in busy],
                    timeout=max(0.05, deadline - time.monotonic()),
                )
                for slot in busy:
                    if slot.reader.conn in ready:
                        outcome = slot.reader.receive()
                    elif time.monotonic() - slot.started > slot.limit:
                        outcome = slot.reader.overran(slot.limit)
                    else:
                        continue
                    task, seconds = slot.task, time.monotonic() - slot.started
                    slot.task = None
                    yield task, outcome, seconds
                    self._give(slot, pending, path_of)
        finally:
            self.close()

    def _give(self, slot: _Slot, pending: list[Any], path_of: Any) -> None:
        if pending:
            slot.task = pending.pop()
            slot.reader.renew()
            path = Path(path_of(slot.task))
            slot.limit = file_limit(path, self.timeout)
            slot.started = time.monotonic()
            slot.reader.send(str(path))

    def close(self) -> None:
        for slot in self.slots:
            slot.reader.close()
        self.slots = []
