"""`s11 batch`: many returns in worker processes, a progress bar, one JSON per return,
the SQLite store, then the reviewer gap reports and the board summary."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from app.batch.cluster_options import ClusterError, ClusterOptions
from app.batch.lock import FolderInUse, hold
from app.batch.store import LOST_WORKER, Store
from app.batch.worker import WorkerPool
from app.cli.extract import write_atomic
from app.review.decisions import carry_over
from extractor.files import sha256_of

# The files taken as returns (each then sniffed by its bytes): Office, PDF and scans.
SUFFIXES = (".docx", ".docm", ".doc", ".pdf", ".xlsx", ".xlsm", ".xls")
SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
RETURN_SUFFIXES = SUFFIXES + SCAN_SUFFIXES


@dataclass(frozen=True)
class Task:
    path: Path
    sha256: str
    size: int
    json_name: str


def find_returns(inputs: list[Path]) -> list[Path]:
    """Return files under the inputs (recursively), skipping lock, hidden and output files."""
    found: set[Path] = set()
    for item in inputs:
        paths = [item] if item.is_file() else sorted(item.rglob("*")) if item.is_dir() else []
        for path in paths:
            name = path.name
            if (
                path.suffix.lower() in RETURN_SUFFIXES
                and not name.startswith(("~$", "."))
                and path.is_file()
            ):
                found.add(path.resolve())
    return sorted(found)


def outside_of(paths: list[Path], out: Path) -> tuple[list[Path], list[Path]]:
    """The paths outside the output folder, and those inside it (s11's own outputs, never
    returns)."""
    own = out.resolve()
    inside = [p for p in paths if p.is_relative_to(own)]
    return [p for p in paths if not p.is_relative_to(own)], inside


def json_name(path: Path, taken: set[str]) -> str:
    """<file name>.json, disambiguated when two folders hold files of the same name."""
    name = f"{path.name}.json"
    n = 2
    while name in taken:
        name = f"{path.stem}-{n}{path.suffix}.json"
        n += 1
    taken.add(name)
    return name


def run_batch_command(
    inputs: list[Path],
    out: Path,
    workers: int | None,
    resume: bool,
    timeout: float,
    memory_mb: int,
    debug: bool,
    extract_ref: str = "app.batch.worker:extract_json",
    cluster: ClusterOptions | None = None,
) -> int:
    """The batch; with `cluster`, its files are read on a Dask cluster (app/batch/cluster.py,
    imported only then) and a cluster that cannot run it is one line and exit 2."""
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        typer.echo(f"s11 batch: no such file or folder: {', '.join(missing)}", err=True)
        return 2
    if out.exists() and not out.is_dir():
        typer.echo(f"{out}: --out must be a folder, this is a file", err=True)
        return 2
    try:
        with hold(out, "s11 batch"), contextlib.ExitStack() as stack:
            pool: Any = None
            if cluster is not None:
                from app.batch.cluster import connect

                pool = stack.enter_context(
                    connect(cluster, inputs, timeout, memory_mb, extract_ref)
                )
            else:
                pool = WorkerPool(workers or os.cpu_count() or 1, timeout, memory_mb, extract_ref)
            return _run(inputs, out, workers, resume, timeout, memory_mb, pool, cluster)
    except FolderInUse as e:
        typer.echo(str(e), err=True)
        return 1
    except ClusterError as e:
        typer.echo(str(e), err=True)
        return 2


def _run(
    inputs: list[Path],
    out: Path,
    workers: int | None,
    resume: bool,
    timeout: float,
    memory_mb: int,
    pool: Any,
    cluster: ClusterOptions | None,
) -> int:
    """The run itself, with the output folder's lock held; `pool` reads the files (the
    embedded WorkerPool or a ClusterPool, both `run(tasks, path_of)`)."""
    paths, inside = outside_of(find_returns(inputs), out)
    store = Store(out)
    run_id = store.start_run(
        {
            "inputs": [str(p) for p in inputs],
            "workers": workers,
            "timeout": timeout,
            "memory_mb": memory_mb,
            **({"cluster": cluster.where()} if cluster else {}),
        },
        resume,
    )
    counts: Counter[str] = Counter()
    if inside:
        counts["in --out folder, skipped"] = len(inside)
    tasks: list[Task] = []
    queued: set[str] = set()
    taken = {name for _, _, name in store.results() if name}
    for path in paths:
        try:
            digest, size = sha256_of(path), path.stat().st_size
        except OSError as e:
            typer.echo(f"{path.name}: cannot read the file ({e.strerror})", err=True)
            counts["failed: unreadable"] += 1
            continue
        store.see(str(path), digest, run_id)
        if store.settled(digest) or digest in queued:
            counts["unchanged, skipped"] += 1
            continue
        queued.add(digest)
        tasks.append(Task(path, digest, size, json_name(path, taken)))
    results = out / "results"
    _repair(store, results)
    progress = _Progress(len(tasks))
    try:
        for task, (status, payload, _), seconds in pool.run(tasks, lambda t: t.path):
            if status == "ok":
                write_atomic(results / task.json_name, payload)
                store.record_ok(
                    task.sha256,
                    str(task.path),
                    task.size,
                    json.loads(payload),
                    task.json_name,
                    run_id,
                    seconds,
                )
                carry_over(store, task.sha256, run_id)
                counts["ok"] += 1
            else:
                store.record_failure(
                    task.sha256, str(task.path), task.size, payload, run_id, seconds
                )
                counts[f"failed: {_category(payload)}"] += 1
                progress.note(payload)
            progress.advance(task.path.name, status == "ok")
    except KeyboardInterrupt:
        progress.stop()
        typer.echo("interrupted: finished returns are saved; run again with --resume", err=True)
        store.close()
        return 130
    progress.stop()
    store.finish_run(run_id)
    from app.reports.gaps import write_reports

    written = write_reports(out, store)
    _closing(counts, store, out, written)
    failed = sum(v for k, v in counts.items() if k.startswith("failed"))
    store.close()
    return 1 if failed else 0


def _repair(store: Store, results: Path) -> None:
    """A stored result whose JSON file is missing (crash between the two) is marked for redo."""
    for sha, _, name in list(store.results()):
        if not (results / name).exists():
            with store.db:
                store.db.execute("DELETE FROM files WHERE sha256 = ?", (sha,))


def _category(reason: str) -> str:
    lowered = reason.lower()
    for word, name in (
        (LOST_WORKER, LOST_WORKER),
        ("timed out", "timeout"),
        ("memory", "memory"),
        ("password", "password-protected"),
        ("not recognised", "unknown toolkit"),
        ("scanned", "scanned image"),
        ("not a word", "unsupported format"),
        ("refused", "unsafe file"),
        ("an s11 report", "s11 report"),
        ("holds no answers", "no answers"),
    ):
        if word in lowered:
            return name
    return "error"


class _Progress:
    """A rich progress bar on a terminal; one line per file otherwise."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self.bar = None
        if sys.stderr.isatty() and total:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("failed {task.fields[failed]}"),
                TimeRemainingColumn(),
                transient=False,
            )
            self.task = self.bar.add_task("returns", total=total, failed=0)
            self.bar.start()

    def advance(self, name: str, ok: bool) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, failed=self.failed)
        else:
            left = self.total - self.done
            typer.echo(
                f"[{self.done}/{self.total}] {'ok' if ok else 'FAILED'} {name} "
                f"(failed {self.failed}, remaining {left})",
                err=True,
            )

    def note(self, message: str) -> None:
        if self.bar is not None:
            self.bar.console.print(message)
        else:
            typer.echo(message, err=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _closing(counts: Counter[str], store: Store, out: Path, written: list[Path]) -> None:
    typer.echo("\noutcome                    returns")
    for outcome, n in sorted(counts.items()):
        typer.echo(f"{outcome:<26} {n:>7}")
    for sha, paths in store.duplicates():
        typer.echo(f"duplicate file ({sha[:12]}…): " + ", ".join(Path(p).name for p in paths))
    for toolkit, org, paths in store.same_organisation():
        typer.echo(
            f"{len(paths)} returns from {org!r} for {toolkit}: "
            + ", ".join(Path(p).name for p in paths)
        )
    typer.echo(f"\nresults: {out / 'results'}")
    for path in written:
        typer.echo(f"wrote {path}")
