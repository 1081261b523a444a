"""Accuracy of s11 on scans made from the PDF samples (samples/make_scan_samples.py):
responses, evidence similarity, the uncertain share, CPU seconds per page."""

from __future__ import annotations

import json
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from scoring.pipeline import extract, to_json
from tests.accuracy import _norm
from tests.tallies import add_counts

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

from make_scan_samples import Variant, make_scan  # noqa: E402

SIMILAR = 90  # evidence at this rapidfuzz ratio or above counts as read


@dataclass
class ScanTally:
    """Counts over one or more scans."""

    items: int = 0
    responses: int = 0
    evidence_items: int = 0
    evidence_close: int = 0
    uncertain: int = 0  # items with a low_confidence gap
    pages: int = 0
    seconds: float = 0.0  # CPU (this process and Tesseract)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: ScanTally) -> None:
        add_counts(self, other)

    @property
    def response_rate(self) -> float:
        return self.responses / self.items if self.items else 1.0

    @property
    def evidence_rate(self) -> float:
        return self.evidence_close / self.evidence_items if self.evidence_items else 1.0

    @property
    def uncertain_share(self) -> float:
        return self.uncertain / self.items if self.items else 0.0

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract)."""
    return time.process_time() + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime


def score(result: dict[str, Any], truth: dict[str, Any], name: str) -> ScanTally:
    """Responses right, evidence close, items flagged, against the answer key."""
    tally = ScanTally()
    produced = {item["id"]: item for item in result["items"]}
    flagged = {g.get("item") for g in result["gaps"] if g["kind"] == "low_confidence"}
    for item_id, expected in truth["items"].items():
        got = produced.get(item_id, {})
        tally.items += 1
        tally.uncertain += item_id in flagged
        if got.get("response") == expected.get("response"):
            tally.responses += 1
        else:
            tally.wrong.append(
                f"{name} {item_id}: expected {expected.get('response')!r}, "
                f"got {got.get('response')!r}"
            )
        want = _norm(expected.get("evidence"))
        if want:
            tally.evidence_items += 1
            if fuzz.ratio(want, _norm(got.get("evidence"))) >= SIMILAR:
                tally.evidence_close += 1
    return tally


def read_scan_set(variant: Variant, folder: Path) -> ScanTally:
    """Make (or reuse) the scan, read it, score it against its answer key."""
    path = folder / variant.name
    if not path.exists():
        make_scan(variant, folder)
    truth = json.loads((folder / f"{variant.name}.truth.json").read_text(encoding="utf-8"))
    start = cpu_seconds()
    result = json.loads(to_json(extract(path)))
    tally = score(result, truth, variant.name)
    tally.seconds = cpu_seconds() - start
    tally.pages = int(result["source"].get("pages") or 1)
    return tally
