"""Scaling of `s11 batch --cluster` against the embedded pool, measured on this machine.

Usage (from the repo root, as `make bench-cluster` does):
    .venv/bin/python tests/bench/bench_cluster.py [--repeat 3]

1. Per-task overhead, in one run: the embedded WorkerPool and a 2-worker LocalCluster's pool
   read the same instant files (tests/fake_extract.py); per task = (time for 120 − time for
   20) / 100, so start-up and warm-up cancel out. The driver's own cost per file (hash, JSON,
   SQLite, reports) is measured the same way through the whole batch.
2. Capacity: 2, 4 and 8 single-thread workers on files that sleep 0.4 s (no CPU), so the
   run measures scheduling, not the cores: efficiency = ideal time / measured time.
3. Embedded (--workers 2) against --cluster local:2 on the same real returns (copies of the
   samples and two 200 dpi scans), whole `s11 batch` commands, as a ratio; per-format
   seconds from the stores, which give the paper estimate of a national cycle.

The machine may be shared: every figure is a median of --repeat runs and the ratios are
taken within one run. Prints Markdown and writes out/bench/bench_cluster.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]

from bench import make_copy, originals  # noqa: E402  (beside this script)
from bench_scan import _scans  # noqa: E402

from app.batch.cluster import connect  # noqa: E402
from app.batch.cluster_options import ClusterOptions  # noqa: E402
from app.batch.runner import Task, run_batch_command  # noqa: E402
from app.batch.settings import ClusterSettings  # noqa: E402
from app.batch.worker import WorkerPool  # noqa: E402

S11 = ROOT / ".venv" / "bin" / "s11"
BENCH = ROOT / "out" / "bench" / "cluster"
FAKE = "tests.fake_extract:extract"
FAST = ClusterSettings(warm_up=False)  # the fake reader needs no warm-up
SMALL, LARGE = 20, 120
SLOW_FILES, SLOW_SECONDS = 48, 0.4
# The national cycle (issue 24): 15,000 returns, a third scans of ~20 pages.
CYCLE, SCANS, SCAN_PAGES = 15_000, 5_000, 20


def instant_files(folder: Path, n: int, stem: str = "f") -> list[Task]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tasks = []
    for i in range(n):
        path = folder / f"{stem}{i:04d}.docx"
        path.write_text(f"Org {i}", encoding="utf-8")
        tasks.append(Task(path, f"{i:064d}", 5, path.name + ".json"))
    return tasks


def drain(pool: Any, tasks: list[Task]) -> float:
    started = time.perf_counter()
    for _, outcome, _ in pool.run(tasks, lambda t: t.path):
        assert outcome[0] == "ok", outcome
    return time.perf_counter() - started


def local_cluster(workers: int) -> Any:
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )


def overhead(repeat: int) -> list[str]:
    small = instant_files(BENCH / "instant-small", SMALL)
    large = instant_files(BENCH / "instant-large", LARGE, "g")
    embedded, cluster = [], []
    for _ in range(repeat):
        pool = WorkerPool(2, 60, 1024, FAKE)
        embedded.append((drain(pool, large) - drain(pool, small)) / (LARGE - SMALL))
    with local_cluster(2) as local:
        options = ClusterOptions(local.scheduler_address, settings=FAST)
        for _ in range(repeat):
            with connect(options, [BENCH], 60, 1024, FAKE) as pool:
                drain(pool, small)  # both readers started: what is left is per file
                cluster.append((drain(pool, large) - drain(pool, small)) / (LARGE - SMALL))
    driver = []
    for _ in range(repeat):
        walls = []
        for folder in ("instant-small", "instant-large"):
            out = BENCH / f"out-{folder}"
            shutil.rmtree(out, ignore_errors=True)
            started = time.perf_counter()
            with quiet():
                run_batch_command([BENCH / folder], out, 2, False, 60, 1024, False, FAKE)
            walls.append(time.perf_counter() - started)
        driver.append((walls[1] - walls[0]) / (LARGE - SMALL))
    e, c, d = (statistics.median(x) for x in (embedded, cluster, driver))
    return [
        "| per-task overhead (2 workers, instant files) | value |",
        "|---|---|",
        f"| embedded pool | {e * 1000:.1f} ms/file |",
        f"| --cluster (LocalCluster, 2 processes) | {c * 1000:.1f} ms/file |",
        f"| cluster − embedded | {(c - e) * 1000:+.1f} ms/file ({c / e:.1f}x) |",
        f"| the driver's own work per file (hash, JSON, SQLite, reports), whole batch | "
        f"{d * 1000:.1f} ms/file |",
    ]


def capacity(repeat: int) -> list[str]:
    folder = BENCH / "slow"
    tasks = instant_files(folder, SLOW_FILES, "slow")
    lines = [
        f"| workers (2 cores) | start | {SLOW_FILES} files of {SLOW_SECONDS:g} s (ideal) "
        "| files/s | efficiency |",
        "|---|---|---|---|---|",
    ]
    for workers in (2, 4, 8):
        started = time.perf_counter()
        with local_cluster(workers) as local:
            start = time.perf_counter() - started
            options = ClusterOptions(local.scheduler_address, settings=FAST)
            walls = []
            for _ in range(repeat):
                with connect(options, [folder], 60, 1024, FAKE) as pool:
                    drain(pool, tasks[: 2 * workers])  # every reader started
                    walls.append(drain(pool, tasks))
        wall = statistics.median(walls)
        ideal = SLOW_FILES * SLOW_SECONDS / workers
        lines.append(
            f"| {workers} | {start:.1f} s | {wall:.2f} s ({ideal:.2f} s) | "
            f"{SLOW_FILES / wall:.1f} | {ideal / wall:.0%} |"
        )
    return lines


def real_inputs(per_format: int, scans: int) -> Path:
    folder = BENCH / "returns"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    n = 0
    for fmt, files in originals().items():
        for i in range(per_format if fmt in ("docx", "pdf", "xlsx") else 0):
            n += 1
            src = files[i % len(files)]
            make_copy(src, folder / f"{n:03d}-{src.name}", n)
    for path, _ in _scans(BENCH / "scans")[:scans]:
        shutil.copy(path, folder / path.name)
    return folder


def whole_batch(inputs: Path, label: str, args: list[str]) -> tuple[float, Path]:
    out = BENCH / f"out-{label}"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    done = subprocess.run(
        [str(S11), "batch", str(inputs), "--out", str(out), "--timeout", "900", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"s11 batch {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return wall, out


def format_costs(outs: list[Path]) -> dict[str, list[float]]:
    """Seconds per return by format; scans per page (pages counted by pdfium)."""
    import pypdfium2

    found: dict[str, list[float]] = {}
    for out in outs:
        with sqlite3.connect(out / "s11.db") as con:
            for path, seconds in con.execute("SELECT path, seconds FROM files"):
                name = Path(path).name
                if name.startswith("bench-"):
                    pdf = pypdfium2.PdfDocument(path)
                    found.setdefault("scan page", []).append(seconds / len(pdf))
                    pdf.close()
                else:
                    found.setdefault(Path(path).suffix.lstrip("."), []).append(seconds)
    return found


def embedded_against_cluster(
    repeat: int, per_format: int, scans: int
) -> tuple[list[str], dict[str, float]]:
    inputs = real_inputs(per_format, scans)
    count = len(list(inputs.iterdir()))
    embedded, cluster, outs = [], [], []
    for n in range(repeat):
        wall, out = whole_batch(inputs, f"embedded-{n}", ["--workers", "2"])
        embedded.append(wall)
        outs.append(out)
        wall, out = whole_batch(inputs, f"cluster-{n}", ["--cluster", "local:2"])
        cluster.append(wall)
        outs.append(out)
    e, c = statistics.median(embedded), statistics.median(cluster)
    costs = {fmt: statistics.median(v) for fmt, v in format_costs(outs).items()}
    lines = [
        f"| {count} returns ({per_format} each of docx, pdf, xlsx; {scans} scans), "
        "whole `s11 batch` | wall |",
        "|---|---|",
        f"| --workers 2 (embedded) | {e:.1f} s |",
        f"| --cluster local:2 (starts its LocalCluster, warms 2 readers) | {c:.1f} s |",
        f"| ratio cluster / embedded | {c / e:.2f} |",
        "",
        "| format | median seconds in the reader (all runs) |",
        "|---|---|",
        *(f"| {fmt} | {sec:.2f} s |" for fmt, sec in sorted(costs.items())),
    ]
    return lines, costs


def cycle_estimate(costs: dict[str, float], driver_ms: float | None) -> list[str]:
    """The national cycle on paper: CPU-hours from the measured costs, then per core count."""
    office = [costs[f] for f in ("docx", "pdf", "xlsx") if f in costs]
    other = statistics.mean(office) if office else 0.5
    scan_page = costs.get("scan page", 2.4)
    cpu = SCANS * SCAN_PAGES * scan_page + (CYCLE - SCANS) * other
    lines = [
        f"CPU: {SCANS:,} scans × {SCAN_PAGES} pages × {scan_page:.2f} s + {CYCLE - SCANS:,} "
        f"others × {other:.2f} s = {cpu / 3600:.1f} CPU-hours.",
        "",
        "| cores | wall (CPU / cores) |",
        "|---|---|",
    ]
    for cores in (16, 64):
        lines.append(f"| {cores} | {cpu / cores / 3600:.1f} h |")
    if driver_ms is not None:
        lines.append(f"\nDriver alone, {CYCLE:,} files × {driver_ms:.0f} ms: "
                     f"{CYCLE * driver_ms / 1000 / 60:.0f} min (serial, beside the workers).")
    return lines


@contextlib.contextmanager
def quiet() -> Any:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--parts", default="overhead,capacity,real")
    parser.add_argument("--per-format", type=int, default=8, help="real returns of each format")
    parser.add_argument("--scans", type=int, default=2, help="200 dpi scans among them (0-2)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    BENCH.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0]
    report = [
        "# s11 batch --cluster: scaling on this machine",
        "",
        f"{os.cpu_count()} cores, load average {load:.1f} at the start; medians of "
        f"{args.repeat} runs; the machine may be shared, so compare the ratios.",
        "",
    ]
    print("\n".join(report), flush=True)
    driver_ms = None
    if "overhead" in parts:
        lines = overhead(args.repeat)
        driver_ms = float(lines[-1].split("|")[2].split()[0])
        report += [*lines, ""]
        print("\n".join(lines) + "\n", flush=True)
    if "capacity" in parts:
        lines = capacity(args.repeat)
        report += [*lines, ""]
        print("\n".join(lines) + "\n", flush=True)
    if "real" in parts:
        lines, costs = embedded_against_cluster(
            max(1, args.repeat - 1), args.per_format, args.scans
        )
        lines += ["", *cycle_estimate(costs, driver_ms)]
        report += lines
        print("\n".join(lines), flush=True)
    (BENCH.parent / "bench_cluster.md").write_text("\n".join(report) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
