"""Print per-format, per-field accuracy of s11 on the samples with answer keys.

Usage: .venv/bin/python tests/tools/accuracy_report.py [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scoring.pipeline import extract, to_json
from tests.accuracy import FIELDS, Tally, compare
from tests.samples_index import samples


def main() -> None:
    verbose = "-v" in sys.argv
    by_format: dict[str, Tally] = {}
    files: dict[str, int] = {}
    for sample in samples():
        truth = sample.truth()
        if truth is None:
            continue
        fmt = sample.path.suffix.lower().lstrip(".")
        try:
            result = json.loads(to_json(extract(sample.path)))
        except Exception as e:  # report, keep going
            print(f"{sample.name}: FAILED {e}")
            continue
        tally = compare(result, truth, sample.name)
        by_format.setdefault(fmt, Tally()).add(tally)
        files[fmt] = files.get(fmt, 0) + 1
    print("| format | returns | items | " + " | ".join(FIELDS) + " |")
    print("|---|---|---|" + "---|" * len(FIELDS))
    for fmt, tally in sorted(by_format.items()):
        rates = " | ".join(f"{tally.rate(k):.1%}" for k in FIELDS)
        print(f"| {fmt} | {files[fmt]} | {tally.items} | {rates} |")
        if verbose:
            for line in tally.wrong:
                print("   ", line)


if __name__ == "__main__":
    main()
