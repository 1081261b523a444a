"""Print s11's accuracy on the scan set (samples/make_scan_samples.py) per variant and
degradation: responses, evidence at similarity >= 90, the uncertain share, CPU s per page.

Usage: OMP_THREAD_LIMIT=1 .venv/bin/python tests/tools/scan_report.py [--out DIR] [-v]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(_ROOT), str(_ROOT / "samples")]
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from make_scan_samples import variants  # noqa: E402

from tests.scan_accuracy import ROOT, ScanTally, read_scan_set  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "scans")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    by_kind: dict[str, ScanTally] = {}
    total = ScanTally()
    print("| scan | degradation | pages | items | response | evidence ≥ 90 | uncertain | CPU s/page |")
    print("|---|---|---|---|---|---|---|---|")
    for variant in variants():
        if args.only and not any(o in variant.name for o in args.only):
            continue
        try:
            tally = read_scan_set(variant, args.out)
        except Exception as e:  # report, keep going
            print(f"| {variant.name} | FAILED: {e} |")
            continue
        print(
            f"| {variant.name} | {variant.degradation} | {tally.pages} | {tally.items} | "
            f"{tally.response_rate:.1%} | {tally.evidence_rate:.1%} | "
            f"{tally.uncertain_share:.1%} | {tally.seconds_per_page:.2f} |",
            flush=True,
        )
        if args.v:
            for line in tally.wrong:
                print(f"    {line}")
        by_kind.setdefault(variant.degradation, ScanTally()).add(tally)
        total.add(tally)
    print()
    print("| degradation | pages | items | response | evidence ≥ 90 | uncertain | CPU s/page |")
    print("|---|---|---|---|---|---|---|")
    for kind, tally in [*sorted(by_kind.items()), ("all", total)]:
        print(
            f"| {kind} | {tally.pages} | {tally.items} | {tally.response_rate:.1%} | "
            f"{tally.evidence_rate:.1%} | {tally.uncertain_share:.1%} | "
            f"{tally.seconds_per_page:.2f} |"
        )


if __name__ == "__main__":
    main()
