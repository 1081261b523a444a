"""Throughput and memory benchmark of `s11 batch`: a round shaped like the practice set.

Usage (from the repo root, as `make bench` does):
    .venv/bin/python tests/bench/bench.py [--returns N]

Builds N (default 1,000) distinct returns under out/bench/inputs from samples/**/*.{docx,pdf,
xlsx,xlsm}, Word, PDF and Excel in the practice set's proportions (../shared/returns; 55:21:25
when it is absent), runs `s11 batch` with 1 and K = max(2, cpu_count) workers (and K workers on
a quarter of the set, to see the parent stay flat), polls /proc for peak RSS of the parent and
of its workers, measures in-process CPU per return per format against each format's floor
(python-docx's and openpyxl's bare parse, pdfplumber's parse, pypdfium2's bare object walk)
and the wall time of `s11 extract` on one file of each format, start-up included. Prints a
Markdown table with the targets marked met or not met and writes it to out/bench/bench.md.
Exits 0 whatever the numbers; 1 only if the batch command crashes.
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
RETURNS = ROOT.parent / "shared" / "returns"
SUFFIXES = (".docx", ".pdf", ".xlsx", ".xlsm")
PRACTICE_SHARES = {"docx": 55, "pdf": 21, "xlsx": 25}  # ../shared/returns on 2026-12-07
ROUND_TARGET_S = 60.0  # 1,000 mixed returns with 2 workers
SPEEDUP_TARGET = 1.8  # 2 workers against 1
FLOOR_TARGET = 2.0  # our CPU per return against the format's floor (PDF: pypdfium2's walk)
EXTRACT_WORD_TARGET_S = 0.5  # `s11 extract` of one Word return, wall, start-up included
WORKER_RSS_TARGET_MB = 200.0
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


def practice_shares() -> dict[str, int]:
    """Returns per format in the practice set (.xlsm counted as Excel)."""
    if not RETURNS.is_dir():
        return dict(PRACTICE_SHARES)
    found: dict[str, int] = {}
    for path in RETURNS.iterdir():
        fmt = {"xlsm": "xlsx"}.get(fmt_of(path), fmt_of(path))
        if fmt in PRACTICE_SHARES:
            found[fmt] = found.get(fmt, 0) + 1
    return found or dict(PRACTICE_SHARES)


def round_sizes(total: int, samples: dict[str, list[Path]]) -> dict[str, int]:
    """How many returns of each sample format make a round of `total` in practice proportions
    (Excel's share split between .xlsx and .xlsm by their sample counts)."""
    shares = practice_shares()
    weights: dict[str, float] = {}
    for fmt, files in samples.items():
        family = "xlsx" if fmt == "xlsm" else fmt
        siblings = sum(len(f) for k, f in samples.items() if ("xlsx" if k == "xlsm" else k) == family)
        weights[fmt] = shares.get(family, 0) * len(files) / max(1, siblings)
    whole = sum(weights.values()) or 1.0
    sizes = {fmt: math.floor(total * w / whole) for fmt, w in weights.items()}
    for fmt in sorted(weights, key=lambda f: -weights[f])[: total - sum(sizes.values())]:
        sizes[fmt] += 1
    return sizes


def build_inputs(samples: dict[str, list[Path]], total: int) -> dict[str, Path]:
    """Write `total` distinct copies in practice proportions and a quarter set by hard links.

    Returns copy file name -> original sample path.
    """
    inputs, quarter = BENCH / "inputs", BENCH / "inputs-quarter"
    for folder in (inputs, quarter):
        shutil.rmtree(folder, ignore_errors=True)
    sizes = round_sizes(total, samples)
    origin: dict[str, Path] = {}
    n = 0
    for fmt, files in samples.items():
        (inputs / fmt).mkdir(parents=True)
        (quarter / fmt).mkdir(parents=True)
        for i in range(sizes[fmt]):
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


def median_cpu(call: Callable[[], object], repeat: int = 3) -> float:
    """Median CPU time (this process) of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return statistics.median(times)


def startup_time() -> float:
    """Median of 5 wall times of `s11 --help`."""
    return median_time(
        lambda: subprocess.run([str(S11), "--help"], stdout=subprocess.DEVNULL, check=False),
        repeat=5,
    )


def extract_walls(samples: dict[str, list[Path]]) -> dict[str, float]:
    """Per format: median of 3 wall times of `s11 extract` on its first sample, start-up in."""
    return {
        fmt: median_time(
            partial(
                subprocess.run, [str(S11), "extract", str(files[0])],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
            )
        )
        for fmt, files in samples.items()
    }


def docx_floor(path: Path) -> None:
    """python-docx's parse, forced down to every cell's text."""
    import docx

    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def xlsx_floor(path: Path) -> None:
    """openpyxl's parse, down to every cell's value and fill."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                _ = (cell.value, cell.fill)
    book.close()


def pdfplumber_floor(path: Path) -> None:
    """pdfplumber's (pdfminer's) parse: every page's characters, lines, rectangles, curves."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            _ = (page.chars, page.lines, page.rects, page.curves, page.annots)


def pdfium_floor(path: Path) -> None:
    """pypdfium2's bare walk: every character's code, box, font size; every page object's
    type and bounds; every annotation."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            text = page.get_textpage()
            for i in range(text.count_chars()):
                _ = (
                    c.FPDFText_GetUnicode(text.raw, i),
                    text.get_charbox(i),
                    c.FPDFText_GetFontSize(text.raw, i),
                )
            for obj in page.get_objects(max_depth=8):
                _ = (obj.type, obj.get_bounds())
            for i in range(c.FPDFPage_GetAnnotCount(page.raw)):
                c.FPDFPage_CloseAnnot(c.FPDFPage_GetAnnot(page.raw, i))
            text.close()
            page.close()
    finally:
        pdf.close()


FLOORS: dict[str, dict[str, Callable[[Path], None]]] = {
    "docx": {"python-docx": docx_floor},
    "xlsx": {"openpyxl": xlsx_floor},
    "xlsm": {"openpyxl": xlsx_floor},
    "pdf": {"pypdfium2": pdfium_floor, "pdfplumber": pdfplumber_floor},
}


@dataclass
class Cost:
    """Mean CPU seconds per return of one format: ours (warm) and each floor."""

    files: int
    ours: float
    floors: dict[str, float]


def cpu_costs(samples: dict[str, list[Path]], limit: int = 0) -> dict[str, Cost]:
    """Per format, over its samples (the first `limit`, 0: all): our warm in-process CPU per
    return and the floors'."""
    sys.path.insert(0, str(ROOT))
    from scoring.pipeline import extract, warm_up

    warm_up()
    costs: dict[str, Cost] = {}
    for fmt, files in samples.items():
        ours: list[float] = []
        floors: dict[str, list[float]] = {name: [] for name in FLOORS.get(fmt, {})}
        for path in files[:limit] if limit else files:
            try:
                extract(path)  # first call: this file's own caches
            except Exception as e:  # a sample we cannot read is reported, not timed
                print(f"cost: our extract failed on {path.name}: {e}")
                continue
            ours.append(median_cpu(partial(extract, path)))
            for name, floor in FLOORS.get(fmt, {}).items():
                floor(path)
                floors[name].append(median_cpu(partial(floor, path)))
        if ours:
            costs[fmt] = Cost(
                len(ours), statistics.mean(ours), {k: statistics.mean(v) for k, v in floors.items()}
            )
    return costs


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
    walls: dict[str, float],
    costs: dict[str, Cost],
    one: Run,
    many: Run,
    quarter: Run,
) -> str:
    """The Markdown summary table, each target marked met or not met."""
    speedup = one.wall / many.wall
    worker_mb = max(one.worker_mb, many.worker_mb, quarter.worker_mb)
    notes = [f"({r.label}: {r.busy_note()})" for r in (one, many) if r.busy_note()]
    flat = many.parent_mb <= quarter.parent_mb * PARENT_GROWTH_LIMIT
    per_1000 = many.wall * 1000 / max(1, len(many.rows))
    scaled = "" if len(many.rows) == 1000 else f" (scaled from {len(many.rows)})"
    lines = [
        "| Measure | Value | Target | Verdict |",
        "|---|---|---|---|",
        f"| Machine | {machine()} | | |",
        f"| Start-up (`s11 --help`, median of 5) | {startup:.2f} s | | |",
        f"| Round, 1 worker ({len(one.rows)} returns) | {one.wall:.1f} s wall, "
        f"{one.cpu_ours / max(1, len(one.rows)):.3f} s CPU a return | | |",
        f"| Round, {many.workers} workers ({len(many.rows)} returns) | {many.wall:.1f} s wall, "
        f"{many.cpu_ours / max(1, len(many.rows)):.3f} s CPU a return | | |",
        f"| 1,000 returns, {many.workers} workers{scaled} | {per_1000:.0f} s "
        f"| ≤ {ROUND_TARGET_S:.0f} s | {' '.join([met(per_1000 <= ROUND_TARGET_S), *notes])} |",
        f"| Speedup {many.workers} workers vs 1 | {speedup:.2f}x | ≥ {SPEEDUP_TARGET}x "
        f"| {' '.join([met(speedup >= SPEEDUP_TARGET), *notes])} |",
    ]
    for fmt, cost in sorted(costs.items()):
        for n, (name, floor) in enumerate(cost.floors.items()):
            ratio = cost.ours / floor if floor else math.inf
            target, verdict = (f"≤ {FLOOR_TARGET:g}x", met(ratio <= FLOOR_TARGET)) if n == 0 else ("", "")
            lines.append(
                f"| {fmt}: CPU a return, ours vs {name} ({cost.files} samples, warm) "
                f"| {cost.ours:.3f} s vs {floor:.3f} s = {ratio:.1f}x | {target} | {verdict} |"
            )
    for fmt, wall in sorted(walls.items()):
        target, verdict = "", ""
        if fmt == "docx":
            target, verdict = f"≤ {EXTRACT_WORD_TARGET_S} s", met(wall <= EXTRACT_WORD_TARGET_S)
        lines.append(f"| `s11 extract` one {fmt}, wall with start-up | {wall:.2f} s | {target} | {verdict} |")
    lines += [
        f"| Peak worker RSS | {worker_mb:.0f} MB | ≤ {WORKER_RSS_TARGET_MB:.0f} MB "
        f"| {met(worker_mb <= WORKER_RSS_TARGET_MB)} |",
        f"| Parent peak RSS, 1/4 set ({len(quarter.rows)} returns) | {quarter.parent_mb:.0f} MB "
        "| | |",
        f"| Parent peak RSS, full set ({len(many.rows)} returns) | {many.parent_mb:.0f} MB "
        f"| flat (≤ 1/4-set +{PARENT_GROWTH_LIMIT - 1:.0%}) | {met(flat)} |",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Build the round, run everything, print and write the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--returns", type=int, default=1000, help="returns in the round")
    parser.add_argument("--no-scans", action="store_true", help="leave the scan case out")
    parser.add_argument(
        "--cost-samples", type=int, default=0, help="samples a format for the CPU costs (0: all)"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    samples = originals()
    if not samples:
        print("no samples under samples/", file=sys.stderr)
        return 1
    BENCH.mkdir(parents=True, exist_ok=True)
    origin = build_inputs(samples, args.returns)
    sizes = round_sizes(args.returns, samples)
    print(
        "originals: "
        + ", ".join(f"{len(v)} {k}" for k, v in samples.items())
        + f"; round: {len(origin)} returns ("
        + ", ".join(f"{n} {k}" for k, n in sizes.items())
        + ")"
    )
    workers = max(2, os.cpu_count() or 1)
    pages: dict[Path, int] = {}
    try:
        one = run_batch("1w", BENCH / "inputs", 1)
        format_rates(one, origin, pages)
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
    costs = cpu_costs(samples, args.cost_samples)
    table = report(startup_time(), extract_walls(samples), costs, one, many, quarter)
    if not args.no_scans:
        table += scan_case(BENCH / "scans")  # tests/bench/bench_scan.py
    print("\n" + table)
    (BENCH / "bench.md").write_text(table)
    print(f"bench took {time.perf_counter() - began:.0f} s; table written to out/bench/bench.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
