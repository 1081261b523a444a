"""What runs on each Dask worker of `s11 batch --cluster`: a WorkerPlugin keeping one warm
reader child per worker thread (the embedded pool's child, app/batch/worker.py), the task
that reads one file through it, and the facts the driver checks at connect.

A file's time and memory limits are the child's, as in the embedded pool: `--timeout` kills
the child's process group and starts a fresh one, `--memory-mb` is its address-space limit,
and it is replaced after `recycle_after` files. A file's failure is a value returned to the
driver; the Dask worker itself never sees it, so one poisonous file never takes a worker down.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import threading
import time
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, get_worker

from app.batch.limits import file_limit
from app.batch.versions import fingerprint
from app.batch.worker import Outcome, Reader

# (status, JSON text or one-line reason, seconds in the reader, worker address)
TaskResult = tuple[str, str, float, str]


class ReaderPlugin(WorkerPlugin):
    """One reader child per worker thread, started on the thread's first file and kept warm
    (readers, toolkits and lemmas loaded once) until the plugin is removed."""

    def __init__(
        self,
        timeout: float,
        memory_mb: int,
        extract_ref: str,
        recycle_after: int,
        warm_seconds: float,
        warm_up: bool,
        toolkits: dict[str, str],
    ) -> None:
        self.timeout, self.memory_mb, self.extract_ref = timeout, memory_mb, extract_ref
        self.recycle_after, self.warm_seconds, self.warm_up = recycle_after, warm_seconds, warm_up
        self.toolkits = toolkits  # "<folder number>/<file name>": YAML text, from the driver

    def setup(self, worker: Any) -> None:
        self.readers: dict[int, Reader] = {}
        self.lock = threading.Lock()
        self.context = mp.get_context("spawn")  # a fresh, small interpreter: no worker threads
        self.folders = _write_toolkits(self.toolkits, Path(worker.local_directory))
        # A Dask worker is a daemonic process, which multiprocessing forbids to have children
        # (they could outlive it). Ours cannot: each dies with it (prctl PR_SET_PDEATHSIG) and
        # checks for it while idle (app/batch/worker.py).
        mp.current_process()._config["daemon"] = False  # type: ignore[attr-defined]

    def teardown(self, worker: Any) -> None:
        with self.lock:
            readers, self.readers = list(self.readers.values()), {}
        for reader in readers:
            reader.close()

    def read(self, path: str) -> tuple[Outcome, float]:
        """One file and its seconds in the reader (a fresh reader's warm-up left out)."""
        reader = self._reader()
        reader.renew()  # a child that ended with the last file is replaced outside the clock
        started = time.monotonic()
        outcome = reader.read(path, file_limit(Path(path), self.timeout))  # scans: more pages
        return outcome, time.monotonic() - started

    def _reader(self) -> Reader:
        """This thread's reader; those of threads that have ended are dropped."""
        ident = threading.get_ident()
        with self.lock:
            living = {t.ident for t in threading.enumerate()}
            ended = [self.readers.pop(i) for i in list(self.readers) if i not in living]
            reader = self.readers.get(ident)
        for old in ended:
            old.close()
        if reader is None:  # started outside the lock: other threads' files go on meanwhile
            reader = Reader(
                self.context,
                self.memory_mb,
                self.extract_ref,
                os.getpid(),
                self.recycle_after,
                self.warm_seconds,
                self.folders,
                self.warm_up,
            )
            with self.lock:
                self.readers[ident] = reader
        return reader

    def pids(self) -> list[int]:
        with self.lock:
            return [r.process.pid for r in self.readers.values()]


def plugin_name(plugin: ReaderPlugin) -> str:
    """One name per configuration: runs configured alike share warm readers."""
    digest = hashlib.sha256(
        repr(
            (
                plugin.timeout,
                plugin.memory_mb,
                plugin.extract_ref,
                plugin.recycle_after,
                plugin.warm_up,
                sorted(plugin.toolkits.items()),
            )
        ).encode()
    )
    return f"s11-readers-{digest.hexdigest()[:12]}"


def read_file(name: str, path: str) -> TaskResult:
    """The task: one file through this thread's reader child (`name`: the plugin's)."""
    worker = get_worker()
    plugin = worker.plugins.get(name)
    if not isinstance(plugin, ReaderPlugin):
        return ("failed", "the worker has no s11 readers (plugin missing)", 0.0, worker.address)
    try:
        (status, text, _), seconds = plugin.read(path)
    except (OSError, EOFError) as e:  # the plugin was removed under this file (a new run's)
        return ("failed", f"the reader was stopped ({e})", 0.0, worker.address)
    return status, text, seconds, worker.address


def worker_facts(paths: list[str]) -> dict[str, Any]:
    """At connect, on every worker: its s11 versions and which of `paths` it cannot see."""
    return {
        "versions": fingerprint(),
        "missing": [p for p in paths if not os.access(p, os.R_OK)],
        "pid": os.getpid(),
    }


def _write_toolkits(toolkits: dict[str, str], local: Path) -> str:
    """The driver's toolkit folders, written under the worker's local directory; the value
    for S11_TOOLKITS ("" when the driver has none)."""
    if not toolkits:
        return ""
    digest = hashlib.sha256(repr(sorted(toolkits.items())).encode()).hexdigest()[:12]
    root = local / f"s11-toolkits-{digest}"
    folders: list[str] = []
    for relative, text in sorted(toolkits.items()):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if str(target.parent) not in folders:
            folders.append(str(target.parent))
    return os.pathsep.join(folders)
