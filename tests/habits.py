"""Score s11 on the habit returns (samples/habits, `make habits`) or on any folder of returns
with contract-shaped keys (../shared/returns): response accuracy, gap F1 and calibration.

The definitions are the practice scorer's (../shared/returns/score.py), restated here so the
suite runs on a fresh clone without the shared folder: response right when it equals the key
(null included); gap precision / recall / F1 over (kind, item) pairs of the six contract kinds;
a case that crashes is scored with no output. Calibration groups every item by its confidence
band and counts how often its response is right.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.tallies import add_counts, f1

ROOT = Path(__file__).resolve().parents[1]
HABITS = ROOT / "samples" / "habits"
GAP_KINDS = ("unanswered", "conflicting", "no_evidence", "no_action", "na_without_reason", "missing_item")
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.95), (0.95, 1.01))
SURE = 0.9


@dataclass
class Case:
    path: Path
    truth: dict[str, Any]
    family: str
    format: str
    route: str
    toolkit: str


@dataclass
class Tally:
    """Counts over a group of cases; `rates()` turns them into the report's figures."""

    cases: int = 0
    crashes: int = 0
    items: int = 0
    right: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    bands: dict[int, list[int]] = field(default_factory=lambda: {b: [0, 0] for b in range(len(BANDS))})
    wrong: list[str] = field(default_factory=list)
    wrong_sure: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        add_counts(self, other)
        for band, (n, ok) in other.bands.items():
            self.bands[band][0] += n
            self.bands[band][1] += ok

    @property
    def response(self) -> float:
        return self.right / self.items if self.items else 1.0

    @property
    def gap_f1(self) -> float:
        return f1(self.tp, self.fp, self.fn)

    @property
    def sure(self) -> int:
        return sum(self.bands[b][0] for b in range(len(BANDS)) if BANDS[b][0] >= SURE)

    @property
    def sure_right(self) -> float:
        n = self.sure
        ok = sum(self.bands[b][1] for b in range(len(BANDS)) if BANDS[b][0] >= SURE)
        return ok / n if n else 1.0

    @property
    def sure_share(self) -> float:
        return self.sure / self.items if self.items else 1.0


def load(folder: Path = HABITS) -> list[Case]:
    """The cases of a folder whose returns sit beside (or under truth/) NAME.truth.json keys."""
    found = []
    keys = sorted(folder.glob("truth/*.truth.json")) or sorted(folder.glob("*.truth.json"))
    for key in keys:
        name = key.name[: -len(".truth.json")]
        truth = json.loads(key.read_text(encoding="utf-8"))
        meta = truth.get("_meta", {})
        path = folder / name
        found.append(Case(path, truth, meta.get("family") or meta.get("mechanism", "?"),
                          meta.get("format") or path.suffix.lstrip("."), meta.get("route", "native"),
                          truth["toolkit"]["id"]))
    return found


def band_of(confidence: float) -> int:
    return next(n for n, (lo, hi) in enumerate(BANDS) if lo <= confidence < hi)


def score(case: Case, out: dict[str, Any] | None) -> Tally:
    """One case against its key."""
    t = Tally(cases=1, crashes=int(out is None))
    got = {str(i["id"]): i for i in (out or {}).get("items", []) if isinstance(i, dict)}
    doubtful = set(case.truth.get("_meta", {}).get("doubtful", []))
    flagged = {str(g.get("item")) for g in (out or {}).get("gaps", []) if g.get("kind") == "low_confidence"}
    name = case.path.name
    for want in case.truth["items"]:
        t.items += 1
        item = got.get(want["id"])
        if item is None:
            t.wrong.append(f"{name} {want['id']}: not in output")
            continue
        ok = item.get("response", "<absent>") == want["response"] or (
            want["id"] in doubtful and want["id"] in flagged)
        t.right += ok
        confidence = float(item.get("confidence") or 0.0)
        band = band_of(confidence)
        t.bands[band][0] += 1
        t.bands[band][1] += ok
        if not ok:
            line = f"{name} {want['id']}: {item.get('response')!r} != {want['response']!r} ({confidence:.2f})"
            t.wrong.append(line)
            if confidence >= SURE:
                t.wrong_sure.append(line)
    want_gaps = {(g["kind"], str(g["item"])) for g in case.truth["gaps"]
                 if g["kind"] in GAP_KINDS and g.get("item") is not None}
    got_gaps = {(g["kind"], str(g["item"])) for g in (out or {}).get("gaps", [])
                if g.get("kind") in GAP_KINDS and g.get("item") is not None}
    t.tp, t.fp, t.fn = len(want_gaps & got_gaps), len(got_gaps - want_gaps), len(want_gaps - got_gaps)
    t.wrong += [f"{name} gap missed {k} {i}" for k, i in sorted(want_gaps - got_gaps)]
    t.wrong += [f"{name} gap extra {k} {i}" for k, i in sorted(got_gaps - want_gaps)]
    return t


def _extract(path: str) -> dict[str, Any] | None:
    from scoring.pipeline import extract, to_json

    try:
        parsed: dict[str, Any] = json.loads(to_json(extract(Path(path))))
    except Exception:  # a crash or refusal is scored as no output
        return None
    return parsed


def run(cases: list[Case], workers: int | None = None, cache: Path | None = None) -> list[tuple[Case, Tally]]:
    """Read and score every case. `cache` (JSON lines) keeps each output as it arrives, by the
    file's sha256, so an interrupted run resumes and an unchanged file is not read again."""
    import hashlib

    digests = {str(c.path): hashlib.sha256(c.path.read_bytes()).hexdigest() for c in cases}
    known: dict[str, Any] = {}
    if cache is not None and cache.is_file():
        for line in cache.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            known[entry["sha256"]] = entry["out"]
    todo = [str(c.path) for c in cases if digests[str(c.path)] not in known]
    with ProcessPoolExecutor(max_workers=workers or min(2, os.cpu_count() or 1)) as pool:
        sink = cache.open("a", encoding="utf-8") if cache is not None else None
        try:
            for path, out in zip(todo, pool.map(_extract, todo, chunksize=2), strict=True):
                known[digests[path]] = out
                if sink is not None:
                    sink.write(json.dumps({"sha256": digests[path], "out": out}) + "\n")
                    sink.flush()
        finally:
            if sink is not None:
                sink.close()
    return [(c, score(c, known[digests[str(c.path)]])) for c in cases]


def group(results: list[tuple[Case, Tally]], key: str) -> dict[str, Tally]:
    groups: dict[str, Tally] = {}
    for case, tally in results:
        groups.setdefault(str(getattr(case, key)), Tally()).add(tally)
    return dict(sorted(groups.items()))


def total(results: list[tuple[Case, Tally]]) -> Tally:
    t = Tally()
    for _, tally in results:
        t.add(tally)
    return t


def table(groups: dict[str, Tally], title: str) -> str:
    lines = [f"| {title} | returns | items | response | gap F1 | at ≥ 0.9 | right at ≥ 0.9 | crashes |",
             "|---|---|---|---|---|---|---|---|"]
    for name, t in groups.items():
        lines.append(f"| {name} | {t.cases} | {t.items} | {t.response:.1%} | {t.gap_f1:.3f} "
                     f"| {t.sure_share:.1%} | {t.sure_right:.2%} | {t.crashes} |")
    return "\n".join(lines)


def calibration_table(t: Tally) -> str:
    lines = ["| confidence | items | share | right |", "|---|---|---|---|"]
    names = ["< 0.5", "0.5-0.7", "0.7-0.9", "0.9-0.95", "≥ 0.95"]
    for band, label in enumerate(names):
        n, ok = t.bands[band]
        share = n / t.items if t.items else 0.0
        lines.append(f"| {label} | {n} | {share:.1%} | {(ok / n if n else 1.0):.2%} |")
    return "\n".join(lines)


def counts(results: list[tuple[Case, Tally]]) -> Counter[str]:
    return Counter(case.format for case, _ in results)
