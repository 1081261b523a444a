"""`s11 batch --cluster`: the batch's files read on Dask workers, the rest as without it.

The driver (this process) keeps its role: it finds and hashes the files, skips what the store
holds, and is the only writer of result JSON and SQLite. Tasks carry a path as the workers see
it (`--path-map`), never file bytes; they are submitted longest first in a bounded window, and
each result is released once written. Per-file limits are the reader children's on the workers
(app/batch/cluster_worker.py). Imported only with --cluster: nothing else imports Dask.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, as_completed
from distributed.security import Security

from app.batch.cluster_options import ClusterError, ClusterOptions
from app.batch.cluster_worker import ReaderPlugin, plugin_name, read_file, worker_facts
from app.batch.cost import estimated_seconds
from app.batch.versions import describe, fingerprint
from app.batch.worker import Outcome

WINDOW_REFRESH = 50  # results between two looks at how many worker threads there are


@contextlib.contextmanager
def connect(
    options: ClusterOptions, inputs: list[Path], timeout: float, memory_mb: int, extract_ref: str
) -> Iterator[ClusterPool]:
    """Reach the cluster (or start local:N), check it can run this batch, install the readers;
    a ClusterError (one line) when it cannot."""
    settings = options.settings
    with contextlib.ExitStack() as stack:
        stack.enter_context(_quiet())
        stack.enter_context(dask.config.set({"distributed.scheduler.allowed-failures": 0}))
        client = _client(options, stack)
        stack.callback(client.close)
        try:
            client.wait_for_workers(1, timeout=settings.connect_seconds)
        except TimeoutError:
            raise ClusterError(
                f"s11 batch: no worker joined the scheduler at {options.where()} within "
                f"{settings.connect_seconds:g} s"
            ) from None
        _check_workers(client, options, inputs)
        _no_retries(client, options)
        plugin = ReaderPlugin(
            timeout,
            memory_mb,
            extract_ref,
            settings.recycle_after,
            settings.warm_seconds,
            settings.warm_up,
            _toolkit_files(),
        )
        name = plugin_name(plugin)
        stack.callback(_unregister, client, name)
        try:
            client.register_plugin(plugin, name=name)
        except Exception as e:  # the plugin's setup failed on a worker (its error, re-raised)
            raise ClusterError(
                f"s11 batch: the s11 readers could not start on the workers ({_first_line(e)})"
            ) from None
        yield ClusterPool(client, name, options)


class ClusterPool:
    """The embedded pool's interface: `run(tasks, path_of)` yields (task, outcome, seconds)."""

    def __init__(self, client: Client, plugin: str, options: ClusterOptions) -> None:
        self.client, self.plugin, self.options = client, plugin, options

    def window(self) -> int:
        threads = int(sum(self.client.nthreads().values()))
        settings = self.options.settings
        return max(settings.min_window, settings.window_per_thread * threads)

    def run(self, tasks: list[Any], path_of: Callable[[Any], Path]) -> Iterator[Any]:
        ordered = sorted(tasks, key=lambda t: -estimated_seconds(path_of(t), self.options.settings))
        queue = iter(ordered)
        done = as_completed()
        flying: dict[Future[Any], tuple[Any, float]] = {}
        window = self.window()

        def submit() -> bool:
            """Send the next file; False when none is left."""
            task = next(queue, None)
            if task is None:
                return False
            remote = self.options.remote(path_of(task))
            future = self.client.submit(read_file, self.plugin, remote, pure=False)
            flying[future] = (task, time.monotonic())
            done.add(future)
            return True

        try:
            while len(flying) < window and submit():
                pass
            for count, future in enumerate(done, 1):
                task, started = flying.pop(future)
                outcome, seconds = self._outcome(future, started)
                yield task, outcome, seconds
                future.release()  # written by now: the cluster may forget it
                if count % WINDOW_REFRESH == 0:
                    window = self.window()
                while len(flying) < window and submit():
                    pass
        finally:
            if flying:
                with contextlib.suppress(Exception):
                    self.client.cancel(list(flying))

    def _outcome(self, future: Future[Any], started: float) -> tuple[Outcome, float]:
        elapsed = time.monotonic() - started
        if future.status == "finished":
            status, text, seconds, _ = future.result()
            return (status, text, None), seconds
        if future.status == "error":
            error = future.exception()
            if isinstance(error, KilledWorker):
                address = getattr(error.last_worker, "address", "unknown")
                return ("failed", f"worker lost ({address})", None), elapsed
            reason = f"the cluster task failed ({_first_line(error)})"
            return ("failed", reason, None), elapsed
        return ("failed", f"worker lost (scheduler {self.options.where()} gone)", None), elapsed


def _client(options: ClusterOptions, stack: contextlib.ExitStack) -> Client:
    """A client of the scheduler named, or of a LocalCluster started here for local:N."""
    seconds = options.settings.connect_seconds
    try:
        if options.local_workers:
            cluster = LocalCluster(
                n_workers=options.local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.CRITICAL,  # a closing worker's heartbeat traceback
            )
            stack.callback(cluster.close)
            return Client(cluster, timeout=seconds)
        security = None
        if options.tls is not None:
            ca, cert, key = (str(p) for p in options.tls)
            security = Security(
                tls_ca_file=ca, tls_client_cert=cert, tls_client_key=key, require_encryption=True
            )
        if options.scheduler_file is not None:
            return Client(
                scheduler_file=str(options.scheduler_file), timeout=seconds, security=security
            )
        return Client(options.address, timeout=seconds, security=security)
    except (OSError, TimeoutError, ValueError) as e:
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ClusterError(
            f"s11 batch: cannot reach the scheduler at {options.where()} ({reason})"
        ) from None


def _first_line(error: BaseException | None) -> str:
    """An exception as one line: its type and the first line of its message."""
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0]}" if text else type(error).__name__


def _check_workers(client: Client, options: ClusterOptions, inputs: list[Path]) -> None:
    """Every worker runs the driver's s11 and sees every input; else one line naming one."""
    remote = [options.remote(p.resolve()) for p in inputs]
    here = fingerprint()
    facts: dict[str, dict[str, Any]] = client.run(worker_facts, remote)
    for address, fact in sorted(facts.items()):
        if fact["versions"] != here:
            raise ClusterError(
                f"s11 batch: worker {address} runs {describe(fact['versions'])}, this machine "
                f"{describe(here)}: install the same s11 on every worker"
            )
        if fact["missing"]:
            raise ClusterError(
                f"s11 batch: worker {address} cannot read {fact['missing'][0]}: put the "
                "returns on storage every worker mounts, or map it with --path-map LOCAL=REMOTE"
            )


def _set_no_retries(dask_scheduler: Any) -> None:
    dask_scheduler.allowed_failures = 0


def _no_retries(client: Client, options: ClusterOptions) -> None:
    """allowed-failures 0: a task whose worker died is not tried on the next worker (a file
    that kills its worker would take them all down); it is recorded as `worker lost`."""
    try:
        client.run_on_scheduler(_set_no_retries)
    except Exception as e:  # a scheduler that refuses to run code: it must be configured
        raise ClusterError(
            f"s11 batch: the scheduler at {options.where()} refused to set "
            f"allowed-failures to 0 ({type(e).__name__}); set "
            "distributed.scheduler.allowed-failures: 0 in its configuration"
        ) from None


def _unregister(client: Client, name: str) -> None:
    """Remove the readers (their children end) when the run ends."""
    with contextlib.suppress(Exception):
        client.unregister_worker_plugin(name)


def _toolkit_files() -> dict[str, str]:
    """The user's toolkit folders in use, as "<folder number>/<file name>": YAML text."""
    from mappings.toolkits import toolkit_folders

    files: dict[str, str] = {}
    for n, folder in enumerate(toolkit_folders()):
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            files[f"{n}/{path.name}"] = path.read_text(encoding="utf-8")
    return files


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Dask's own log lines kept to errors: the outcome table says what happened to each file."""
    logger = logging.getLogger("distributed")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
