"""The service's worker pool: the batch pool, with its workers forked from a fork server.

The service process has many threads, whose stacks and allocator arenas a plain fork would
copy into every worker (1.6 GB of address space after 60 concurrent requests, past the
per-file memory limit before a byte is read). The fork server is a fresh single-threaded
process that loads the readers, toolkits and lemmatiser once (`app.service.warm` runs
`app.batch.worker.warm`), so each worker starts small and warm.
"""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from app.batch.worker import WorkerPool

PRELOAD = ["app.service.warm"]


def fork_server() -> Any:
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_fork_server() -> None:
    """Start the fork server now, so its warm-up is paid at start-up, not by the first upload."""
    from multiprocessing import forkserver

    fork_server()
    forkserver.ensure_running()


class ServicePool(WorkerPool):
    """WorkerPool whose workers come from the warm fork server (same time and memory limits)."""

    def __init__(self, workers: int, timeout: float, memory_mb: int, extract_ref: str) -> None:
        super().__init__(workers, timeout, memory_mb, extract_ref)
        self.ctx = fork_server()
