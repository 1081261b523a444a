"""The scan case of `make bench`: seconds per scanned page at 200 dpi on one core.

Makes two scans from the PDF samples (samples/make_scan_samples.py: a rotated colour scan
and a grey JPEG-compressed one, both 200 dpi), reads each with `s11 extract` pinned to one
core (taskset when present, OMP_THREAD_LIMIT=1 for Tesseract) and reports CPU and wall
seconds per page. Standalone: .venv/bin/python tests/bench/bench_scan.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
S11 = ROOT / ".venv" / "bin" / "s11"
TARGET = 3.0  # seconds a page (issue 13)


def _scans(folder: Path) -> list[tuple[Path, int]]:
    sys.path[:0] = [str(ROOT), str(ROOT / "samples")]
    from make_scan_samples import Variant, make_scan

    made = []
    for variant in (
        Variant("bench-fire-200-colour.pdf", "bscb2016-fire-service-glyphs-export.pdf",
                dpi=200, angle=1.2, noise=6, colour=True),
        Variant("bench-dental-200-grey.pdf", "gp2014-dental-practice-boxes-export.pdf",
                dpi=200, angle=-0.9, noise=5, jpeg=75, pages=(1, 2, 3, 4, 5, 6)),
    ):
        path = folder / variant.name
        if not path.exists():
            make_scan(variant, folder)
        made.append((path, _pages(path)))
    return made


def _pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def scan_case(folder: Path) -> str:
    """One Markdown table row: CPU and wall seconds per scanned page, 1 core, 200 dpi."""
    if shutil.which("tesseract") is None:
        return "| Scan, 200 dpi, 1 core | skipped: Tesseract not installed | ≤ 3 s/page | |\n"
    folder.mkdir(parents=True, exist_ok=True)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cpu = wall = 0.0
    pages = 0
    for path, count in _scans(folder):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*pin, str(S11), "extract", str(path)], env=env, check=False,
                       capture_output=True, timeout=600)
        wall += time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        pages += count
    per_page = cpu / pages
    verdict = "met" if per_page <= TARGET else "not met"
    return (
        f"| Scan, 200 dpi, 1 core ({pages} pages, whole `s11 extract`) | "
        f"{per_page:.2f} s/page CPU, {wall / pages:.2f} s/page wall | ≤ {TARGET:g} s/page "
        f"| {verdict} |\n"
    )


if __name__ == "__main__":
    print(scan_case(ROOT / "out" / "bench" / "scans"), end="")
