"""Print s11's accuracy on office-made scans (samples/make_office_scans.py) per scan and per
kind of scan: responses, gap F1, sure answers right, refusals, crashes, CPU s a page.

Usage: OMP_THREAD_LIMIT=1 .venv/bin/python tests/tools/office_report.py [--full] [-v]
(`make office-scans` runs it on every page of every return).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(_ROOT), str(_ROOT / "samples")]
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from make_office_scans import office_set, print_all  # noqa: E402

from tests.office_accuracy import OfficeTally, read_office_scan  # noqa: E402

HEAD = "| response | gap F1 | sure | sure right | refused | crashed | CPU s/page |"


def row(t: OfficeTally) -> str:
    return (f"| {t.response_rate:.1%} | {t.gap_f1:.3f} | {t.sure}/{t.items} | "
            f"{t.sure_rate:.1%} | {t.refused} | {t.crashed} | {t.seconds_per_page:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=_ROOT / "out" / "office-scans")
    parser.add_argument("--cache", type=Path, default=_ROOT / "out" / "office-print")
    parser.add_argument("--full", action="store_true", help="every page of every return")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    chosen = [v for v in office_set(full=args.full)
              if not args.only or any(o in v.name for o in args.only)]
    print_all(chosen, args.cache)
    by_kind: dict[str, OfficeTally] = {}
    total = OfficeTally()
    print(f"| scan | pages | items {HEAD}")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for v in chosen:
        tally = read_office_scan(v, args.out, args.cache)
        print(f"| {v.name} | {tally.pages} | {tally.items} {row(tally)}", flush=True)
        if args.v:
            for line in tally.wrong:
                print(f"    {line}")
        by_kind.setdefault(v.degradation, OfficeTally()).add(tally)
        total.add(tally)
    print()
    print(f"| kind of scan | returns | pages | items {HEAD}")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for kind, tally in [*sorted(by_kind.items()), ("all", total)]:
        print(f"| {kind} | {tally.returns} | {tally.pages} | {tally.items} {row(tally)}")


if __name__ == "__main__":
    main()
