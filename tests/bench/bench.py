"""Throughput and memory benchmark of `s11 batch` on copies of the bundled samples.

Usage (from the repo root, as `make bench` does):
    .venv/bin/python tests/bench/bench.py [--copies N]

Builds >= N distinct copies of samples/**/*.{docx,pdf,xlsx,xlsm} under out/bench/inputs, runs
`s11 batch` with 1 and K = cpu_count workers (and K workers on a quarter of the set), polls
/proc for peak RSS, reads per-file seconds from the store, times `s11 --help` and compares our
in-process extraction with the libraries' own parse floor. Prints a Markdown summary and writes
it to out/bench/bench.md. Exits 0 whatever the numbers; 1 only if the batch command crashes.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench_scan import scan_case  # beside this script

ROOT = Path(__file__).resolve().parents[2]
S11 = ROOT / ".venv" / "bin" / "s11"
BENCH = ROOT / "out" / "bench"
SUFFIXES = (".docx", ".pdf", ".xlsx", ".xlsm")
FLOOR_TARGET = {"docx": 3.0, "xlsx": 3.0, "xlsm": 3.0, "pdf": 1.5}
WORKER_RSS_TARGET_MB = 300.0
PARENT_GROWTH_LIMIT = 1.25  # "flat": full-set parent peak within +25 % of the quarter set

Row = tuple[str, str, str | None, float]  # path, status, reason, seconds


class BenchError(Exception):
    """The batch command itself crashed."""


@dataclass
class Run:
    """One `s11 batch` run: wall time, peak RSS and the store's per-file rows."""

    label: str
    workers: int
    wall: float
    parent_mb: float
    worker_mb: float
    rows: list[Row]
    cpu_ours: float = 0.0  # CPU seconds of s11 and its workers
    cpu_other: float = 0.0  # CPU seconds used by everything else on the machine meanwhile

    def busy_note(self) -> str:
        """Share of the machine taken by other processes during the run."""
        share = self.cpu_other / (self.wall * (os.cpu_count() or 1))
        return f"other processes used {share:.0%} of the CPUs" if share > 0.1 else ""


def fmt_of(path: str | Path) -> str:
    """Format key of a file: its suffix without the dot."""
    return Path(path).suffix.lower().lstrip(".")


def originals() -> dict[str, list[Path]]:
    """Bundled sample files per format (recursive under samples/, the habit returns aside:
    the benchmark's inputs stay those it was measured on)."""
    found: dict[str, list[Path]] = {}
    habits = ROOT / "samples" / "habits"
    for path in sorted((ROOT / "samples").rglob("*")):
        if (
            path.suffix.lower() in SUFFIXES
            and path.is_file()
            and not path.name.startswith(("~$", "."))
            and habits not in path.parents
        ):
            found.setdefault(fmt_of(path), []).append(path)
    return found


def make_copy(src: Path, dest: Path, n: int) -> None:
    """A valid copy with different bytes: new zip comment, or a trailing PDF comment."""
    if src.suffix.lower() != ".pdf":
        try:
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
                zout.comment = f"bench copy {n}".encode()
                for info in zin.infolist():
                    zout.writestr(info, zin.read(info))
            return
        except zipfile.BadZipFile:
            pass  # not a zip (a deliberately damaged sample?): fall through to appending
    dest.write_bytes(src.read_bytes() + f"\n% bench copy {n}\n".encode())


def build_inputs(samples: dict[str, list[Path]], copies: int) -> dict[str, Path]:
    """Write the copies (>= 40 per format, >= `copies` in all) and a quarter set by hard links.

    Returns copy file name -> original sample path.
    """
    inputs, quarter = BENCH / "inputs", BENCH / "inputs-quarter"
    for folder in (inputs, quarter):
        shutil.rmtree(folder, ignore_errors=True)
    per_format = max(40, math.ceil(copies / max(1, len(samples))))
    origin: dict[str, Path] = {}
    n = 0
    for fmt, files in samples.items():
        (inputs / fmt).mkdir(parents=True)
        (quarter / fmt).mkdir(parents=True)
        for i in range(per_format):
            src = files[i % len(files)]
            n += 1
            dest = inputs / fmt / f"{n:04d}-{src.name}"
            make_copy(src, dest, n)
            origin[dest.name] = src
            if i % 4 == 0:
                os.link(dest, quarter / fmt / dest.name)
    return origin


def proc_status_kb(pid: int, key: str = "VmHWM") -> int:
    """A /proc/<pid>/status field in kB (0 once the process has gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def children_of(pid: int) -> list[int]:
    """Direct children of pid, from /proc/<pid>/task/*/children or by scanning /proc."""
    kids: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids += [int(k) for k in (task / "children").read_text().split()]
        return kids
    except FileNotFoundError:
        pass
    except OSError:
        return kids
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def machine_busy_seconds() -> float:
    """CPU seconds spent busy so far, summed over all cores (from /proc/stat)."""
    try:
        ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return 0.0
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """User + system CPU seconds of our reaped children and their reaped descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_batch(label: str, inputs: Path, workers: int) -> Run:
    """Run `s11 batch` as a subprocess, polling peak RSS of it and its workers every 0.05 s."""
    out = BENCH / f"run-{label}"
    shutil.rmtree(out, ignore_errors=True)
    log = BENCH / f"run-{label}.log"
    cmd = [str(S11), "batch", str(inputs), "--out", str(out), "--workers", str(workers)]
    parent_kb = worker_kb = 0
    cpu0, busy0 = children_cpu_seconds(), machine_busy_seconds()
    with log.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
        while proc.poll() is None:
            parent_kb = max(parent_kb, proc_status_kb(proc.pid))
            for kid in children_of(proc.pid):
                worker_kb = max(worker_kb, proc_status_kb(kid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
    ours, busy = children_cpu_seconds() - cpu0, machine_busy_seconds() - busy0
    text = log.read_text(errors="replace")
    db = out / "s11.db"
    crashed = proc.returncode not in (0, 1) or "Traceback (most recent call last)" in text
    if crashed or not db.exists():
        tail = "\n".join(text.splitlines()[-20:])
        raise BenchError(f"`{' '.join(cmd)}` crashed (exit {proc.returncode}):\n{tail}")
    with sqlite3.connect(db) as con:
        rows = [
            (str(p), str(s), r, float(sec or 0.0))
            for p, s, r, sec in con.execute("SELECT path, status, reason, seconds FROM files")
        ]
    run = Run(label, workers, wall, parent_kb / 1024, worker_kb / 1024, rows)
    run.cpu_ours, run.cpu_other = ours, max(0.0, busy - ours)
    return run


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def page_count(path: Path, cache: dict[Path, int]) -> int:
    """Pages of a PDF (0 if unreadable), counted once per original sample."""
    if path not in cache:
        import pdfplumber

        try:
            with pdfplumber.open(path) as pdf:
                cache[path] = len(pdf.pages)
        except Exception:
            cache[path] = 0
    return cache[path]


def format_rates(run: Run, origin: dict[str, Path], pages: dict[Path, int]) -> dict[str, str]:
    """Print the per-format table of one run; return a one-line rate summary per format."""
    print(
        f"\n## {run.label}: {len(run.rows)} returns, {run.workers} worker(s), "
        f"wall {run.wall:.1f} s = {len(run.rows) / run.wall:.2f} returns/s overall; "
        f"CPU {run.cpu_ours:.1f} s in s11 + workers, {run.cpu_other:.1f} s in other processes"
    )
    print(
        "| format | returns | ok | failed | returns/s (sum of seconds) | median s | p95 s | pages/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    summary: dict[str, str] = {}
    for fmt in sorted({fmt_of(r[0]) for r in run.rows}):
        rows = [r for r in run.rows if fmt_of(r[0]) == fmt]
        seconds = [r[3] for r in rows]
        total = sum(seconds) or 1e-9
        ok = sum(r[1] == "ok" for r in rows)
        rate = len(rows) / total
        page_rate = ""
        if fmt == "pdf":
            n_pages = sum(
                page_count(origin[Path(r[0]).name], pages)
                for r in rows
                if Path(r[0]).name in origin
            )
            page_rate = f"{n_pages / total:.1f}"
        print(
            f"| {fmt} | {len(rows)} | {ok} | {len(rows) - ok} | {rate:.2f} | "
            f"{statistics.median(seconds):.3f} | {pct(seconds, 0.95):.3f} | {page_rate or '-'} |"
        )
        summary[fmt] = (
            f"{rate:.2f} returns/s"
            + (f", {page_rate} pages/s" if page_rate else "")
            + f"; median {statistics.median(seconds):.3f} s, p95 {pct(seconds, 0.95):.3f} s"
            + f"; {ok} ok / {len(rows) - ok} failed"
        )
    return summary


def median_time(call: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup_time() -> float:
    """Median of 5 wall times of `s11 --help`."""
    return median_time(
        lambda: subprocess.run([str(S11), "--help"], stdout=subprocess.DEVNULL, check=False),
        repeat=5,
    )


def floor_call(path: Path) -> Callable[[], None]:
    """The libraries' own parse of one file, forced down to every cell / char."""

    def docx_floor() -> None:
        import docx

        for table in docx.Document(str(path)).tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text

    def pdf_floor() -> None:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                _ = (page.chars, page.lines, page.rects)

    def xlsx_floor() -> None:
        import openpyxl

        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    _ = (cell.value, cell.fill)
        book.close()

    return {"docx": docx_floor, "pdf": pdf_floor}.get(fmt_of(path), xlsx_floor)


def library_floor(samples: dict[str, list[Path]]) -> dict[str, tuple[float, float]]:
    """Per format: (median floor seconds, median our extract seconds) over the originals."""
    sys.path.insert(0, str(ROOT))
    from scoring.pipeline import extract

    result: dict[str, tuple[float, float]] = {}
    for fmt, files in samples.items():
        floors, ours = [], []
        for path in files:
            try:
                extract(path)  # warm-up: spaCy, toolkits
            except Exception as e:  # a sample we cannot read is reported, not timed
                print(f"floor: our extract failed on {path.name}: {e}")
                continue
            floor = floor_call(path)
            floor()  # warm-up (imports, page cache)
            floors.append(median_time(floor))
            ours.append(median_time(partial(extract, path)))
        if ours:
            result[fmt] = (statistics.median(floors), statistics.median(ours))
    return result


def machine() -> str:
    """CPU count, model, RAM and Python version."""
    model = platform.processor()
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    if not model:
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.splitlines()
                if line.startswith("model name")
            ),
            "unknown CPU",
        )
    ram_kb = next(
        (int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")), 0
    )
    return (
        f"{os.cpu_count()} CPUs, {model}, {ram_kb / 1024 / 1024:.1f} GB RAM, "
        f"Python {platform.python_version()}"
    )


def met(ok: bool) -> str:
    """Target verdict."""
    return "met" if ok else "**not met**"


def report(
    startup: float,
    rates: dict[str, str],
    floor: dict[str, tuple[float, float]],
    one: Run,
    many: Run,
    quarter: Run,
) -> str:
    """The Markdown summary table."""
    speedup = one.wall / many.wall
    target = 0.9 * many.workers
    worker_mb = max(one.worker_mb, many.worker_mb, quarter.worker_mb)
    notes = [f"({r.label}: {r.busy_note()})" for r in (one, many) if r.busy_note()]
    flat = many.parent_mb <= quarter.parent_mb * PARENT_GROWTH_LIMIT
    lines = [
        "| Measure | Value | Target | Verdict |",
        "|---|---|---|---|",
        f"| Machine | {machine()} | | |",
        f"| Start-up (`s11 --help`, median of 5) | {startup:.2f} s | | |",
    ]
    for fmt, text in sorted(rates.items()):
        lines.append(f"| {fmt}: rate, 1 worker | {text} | | |")
    for fmt, (lib, ours) in sorted(floor.items()):
        limit = FLOOR_TARGET.get(fmt, 3.0)
        ratio = ours / lib if lib else math.inf
        lines.append(
            f"| {fmt}: ours vs library floor (per file) | {ours:.3f} s vs {lib:.3f} s "
            f"= {ratio:.1f}x | ≤ {limit:g}x | {met(ratio <= limit)} |"
        )
    lines += [
        f"| Batch wall, 1 worker ({len(one.rows)} returns) | {one.wall:.1f} s "
        f"({len(one.rows) / one.wall:.2f} returns/s) | | |",
        f"| Batch wall, {many.workers} workers ({len(many.rows)} returns) | {many.wall:.1f} s "
        f"({len(many.rows) / many.wall:.2f} returns/s) | | |",
        f"| Speedup {many.workers} workers vs 1 | {speedup:.2f}x | ≥ {target:.1f}x "
        f"| {' '.join([met(speedup >= target), *notes])} |",
        f"| Peak worker RSS | {worker_mb:.0f} MB | < {WORKER_RSS_TARGET_MB:.0f} MB "
        f"| {met(worker_mb < WORKER_RSS_TARGET_MB)} |",
        f"| Parent peak RSS, 1/4 set ({len(quarter.rows)} returns) | {quarter.parent_mb:.0f} MB "
        "| | |",
        f"| Parent peak RSS, full set ({len(many.rows)} returns) | {many.parent_mb:.0f} MB "
        f"| flat (≤ 1/4-set +{PARENT_GROWTH_LIMIT - 1:.0%}) | {met(flat)} |",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Build the set, run everything, print and write the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--copies", type=int, default=200, help="total copies (>= 40 per format)")
    args = parser.parse_args()
    began = time.perf_counter()
    samples = originals()
    if not samples:
        print("no samples under samples/", file=sys.stderr)
        return 1
    BENCH.mkdir(parents=True, exist_ok=True)
    origin = build_inputs(samples, args.copies)
    print(
        "originals: "
        + ", ".join(f"{len(v)} {k}" for k, v in samples.items())
        + f"; copies: {len(origin)}"
    )
    workers = max(2, os.cpu_count() or 1)
    pages: dict[Path, int] = {}
    try:
        one = run_batch("1w", BENCH / "inputs", 1)
        rates = format_rates(one, origin, pages)
        many = run_batch(f"{workers}w", BENCH / "inputs", workers)
        format_rates(many, origin, pages)
        quarter = run_batch(f"{workers}w-quarter", BENCH / "inputs-quarter", workers)
        format_rates(quarter, origin, pages)
    except BenchError as e:
        print(e, file=sys.stderr)
        return 1
    failures: dict[tuple[str, str], int] = {}
    for path, status, reason, _ in one.rows + many.rows + quarter.rows:
        if status != "ok":
            key = (origin.get(Path(path).name, Path(path)).name, reason or "?")
            failures[key] = failures.get(key, 0) + 1
    for (name, reason), count in sorted(failures.items()):
        print(f"failed x{count}: {name}: {reason}")
    startup = startup_time()
    floor = library_floor(samples)
    table = report(startup, rates, floor, one, many, quarter)
    table += scan_case(BENCH / "scans")  # tests/bench/bench_scan.py
    print("\n" + table)
    (BENCH / "bench.md").write_text(table)
    print(f"bench took {time.perf_counter() - began:.0f} s; table written to out/bench/bench.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
