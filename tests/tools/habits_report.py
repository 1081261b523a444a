"""Print s11's accuracy on the habit returns per family, per format and per route, and the
calibration table (confidence bands against accuracy); `--shared` also prints the calibration
on ../shared/returns. `make habits-report`.

Usage: .venv/bin/python tests/tools/habits_report.py [--only WORD,...] [--shared] [-v] [--workers N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests import habits  # noqa: E402

SHARED = ROOT.parent / "shared" / "returns"  # beside the repository, as tests/practice.py has it


def report(results: list[tuple[habits.Case, habits.Tally]], verbose: bool) -> None:
    for key, title in (("family", "family"), ("format", "format"), ("route", "route"),
                       ("toolkit", "toolkit")):
        print(habits.table(habits.group(results, key), title))
        print()
    all_ = habits.total(results)
    print(habits.table({"all": all_}, "total"))
    print()
    print(habits.calibration_table(all_))
    print(f"\nOVERALL response={all_.response:.4f} gap_f1={all_.gap_f1:.4f} "
          f"sure_share={all_.sure_share:.4f} sure_right={all_.sure_right:.4f} crashes={all_.crashes}")
    for line in all_.wrong_sure[:60]:
        print("   sure but wrong:", line)
    if verbose:
        for line in all_.wrong:
            print("   ", line)


def ratchet(results: list[tuple[habits.Case, habits.Tally]]) -> str:
    """BELOW_TARGET as Python: every group under a target, its figure rounded down."""
    import math

    from tests.test_habit_floors import TARGETS, figures, groups

    lines = ["BELOW_TARGET: dict[str, dict[str, float]] = {"]
    for name, tally in groups(results).items():
        below = {k: math.floor(v * 1000) / 1000 for k, v in figures(tally).items() if v < TARGETS[k]}
        if below:
            inner = ", ".join(f'"{k}": {v}' for k, v in below.items())
            lines.append(f'    "{name}": {{{inner}}},')
    return "\n".join([*lines, "}"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="", help="comma words; a case is kept when its file name holds one")
    parser.add_argument("--shared", action="store_true", help="also ../shared/returns")
    parser.add_argument("--shared-only", action="store_true", help="only ../shared/returns")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=None,
                        help="JSON lines of outputs by file sha256: resume, skip unchanged files")
    parser.add_argument("--ratchet", action="store_true",
                        help="print BELOW_TARGET for tests/test_habit_floors.py from this run")
    args = parser.parse_args()
    if args.shared_only:
        shared_report(args.workers, args.cache)
        return
    cases = habits.load()
    if args.only:
        words = [w for w in args.only.split(",") if w]
        cases = [c for c in cases if any(w in c.path.name for w in words)]
    if not cases:
        sys.exit("habits_report: no habit returns found; run `make habits`")
    print(f"# Habit returns ({len(cases)})\n")
    results = habits.run(cases, args.workers, args.cache)
    report(results, args.verbose)
    if args.ratchet:
        print(ratchet(results))
    if args.shared:
        shared_report(args.workers, args.cache)


def shared_report(workers: int | None, cache: Path | None = None) -> None:
    """The same tables and calibration on ../shared/returns."""
    shared = habits.load(SHARED) if SHARED.is_dir() else []
    if not shared:
        print("\n../shared/returns is not here")
        return
    print(f"\n# ../shared/returns ({len(shared)})\n")
    results = habits.run(shared, workers, cache)
    all_ = habits.total(results)
    print(habits.table(habits.group(results, "format"), "format"))
    print()
    print(habits.calibration_table(all_))
    print(f"\nOVERALL response={all_.response:.4f} gap_f1={all_.gap_f1:.4f} "
          f"sure_share={all_.sure_share:.4f} sure_right={all_.sure_right:.4f}")


if __name__ == "__main__":
    main()
