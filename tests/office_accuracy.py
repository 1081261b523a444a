"""Accuracy of s11 on office-made scans (samples/make_office_scans.py): responses, gap F1,
how often a sure answer (confidence >= 0.9) is right, refusals and crashes, CPU s a page."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import S11Error
from scoring.pipeline import extract, to_json
from tests.scan_accuracy import cpu_seconds
from tests.tallies import add_counts, f1

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

from make_office_scans import Office, make_office_scan  # noqa: E402

GAP_KINDS = ("unanswered", "conflicting", "missing_item")
SURE = 0.9


@dataclass
class OfficeTally:
    """Counts over one or more office scans."""

    returns: int = 0
    items: int = 0
    responses: int = 0
    sure: int = 0
    sure_right: int = 0
    gaps_true: int = 0
    gaps_found: int = 0
    gaps_hit: int = 0
    refused: int = 0  # read, but refused (not recognised, unreadable)
    crashed: int = 0  # anything else: a traceback
    pages: int = 0
    seconds: float = 0.0  # CPU (this process and Tesseract)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: OfficeTally) -> None:
        add_counts(self, other)

    @property
    def response_rate(self) -> float:
        return self.responses / self.items if self.items else 1.0

    @property
    def sure_rate(self) -> float:
        return self.sure_right / self.sure if self.sure else 1.0

    @property
    def gap_f1(self) -> float:
        hit = self.gaps_hit
        return f1(hit, self.gaps_found - hit, self.gaps_true - hit)

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def true_gaps(key: dict[str, Any]) -> set[tuple[str, str]]:
    """The key's item gaps of the kinds counted: missing, conflicting, else unanswered."""
    gaps = set()
    for item, want in key["items"].items():
        if want.get("missing"):
            gaps.add(("missing_item", item))
        elif want.get("conflicting"):
            gaps.add(("conflicting", item))
        elif want.get("response") is None:
            gaps.add(("unanswered", item))
    return gaps


def score(result: dict[str, Any] | None, key: dict[str, Any], name: str) -> OfficeTally:
    """One scan's output (None: refused) against its answer key."""
    tally = OfficeTally(returns=1)
    produced = {item["id"]: item for item in (result or {}).get("items", [])}
    expected = true_gaps(key)
    found = {
        (g["kind"], str(g.get("item"))) for g in (result or {}).get("gaps", [])
        if g["kind"] in GAP_KINDS and str(g.get("item")) in key["items"]
    }
    tally.gaps_true, tally.gaps_found = len(expected), len(found)
    tally.gaps_hit = len(expected & found)
    for item_id, want in key["items"].items():
        got = produced.get(item_id, {})
        tally.items += 1
        right = result is not None and got.get("response") == want.get("response")
        tally.responses += right
        sure = (got.get("confidence") or 0.0) >= SURE
        tally.sure += sure
        tally.sure_right += sure and right
        if not right:
            tally.wrong.append(
                f"{name} {item_id}: expected {want.get('response')!r}, got "
                f"{got.get('response')!r} at {got.get('confidence')}"
            )
    return tally


def read_office_scan(variant: Office, folder: Path, cache: Path | None = None) -> OfficeTally:
    """Make (or reuse) the scan, read it, score it against its answer key."""
    path = folder / variant.name
    if not path.exists():
        make_office_scan(variant, folder, cache)
    key = json.loads((folder / f"{variant.name}.truth.json").read_text(encoding="utf-8"))
    start = cpu_seconds()
    result: dict[str, Any] | None = None
    crashed = False
    try:
        result = json.loads(to_json(extract(path)))
    except S11Error as e:
        problem = str(e)
    except Exception as e:  # a crash: counted, the set goes on
        crashed, problem = True, f"{type(e).__name__}: {e}"
    tally = score(result, key, variant.name)
    tally.seconds = cpu_seconds() - start
    tally.pages = len(key.get("pages") or [1])
    if result is None:
        tally.refused += not crashed
        tally.crashed += crashed
        tally.wrong.insert(0, f"{variant.name}: {problem}")
    return tally
