"""Run s11 in-process over ../shared/returns and score it with that folder's own score.py.

The returns were written by an independent generator; their scorer is loaded from the shared
folder unchanged so the figures here are the figures `score.py --cmd 's11 extract {file}'`
prints, only faster (worker processes, no interpreter start-up per file).
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

RETURNS = Path(__file__).resolve().parents[2] / "shared" / "returns"


def available() -> bool:
    return (RETURNS / "score.py").is_file()


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_returns_score", RETURNS / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extract(path: str) -> dict[str, Any] | None:
    from scoring.pipeline import extract, to_json

    try:
        parsed: dict[str, Any] = json.loads(to_json(extract(Path(path))))
    except Exception:  # a crash is scored as one, like score.py does
        return None
    return parsed


def run(only: str = "", workers: int | None = None) -> tuple[list[Any], str, dict[str, Any]]:
    """Score every selected case; returns (per-case results, printed report, totals)."""
    score = scorer()
    cases, _ = score.select(score.load_cases(str(RETURNS)), [], only)
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        outputs = list(pool.map(_extract, [c["path"] for c in cases]))
    results = []
    for case, out in zip(cases, outputs, strict=True):
        metrics, kinds = score.score_case(case["truth"], out)
        results.append((case, metrics, kinds, out))
    text = io.StringIO()
    totals, _ = score.report([(c, m, k) for c, m, k, _ in results], [], False, out=text)
    kinds_total: dict[str, Counter[str]] = {}
    for _, _, kinds, _ in results:
        for kind, counts in kinds.items():
            kinds_total.setdefault(kind, Counter()).update(counts)
    return results, text.getvalue(), {"totals": totals, "kinds": kinds_total}


def differences(case: dict[str, Any], out: dict[str, Any] | None) -> list[str]:
    """Human-readable differences between one output and its answer key."""
    name = os.path.basename(case["path"])
    if out is None:
        return [f"{name}: CRASH"]
    truth = case["truth"]
    lines = []
    items = {str(i["id"]): i for i in out.get("items", [])}
    for want in truth["items"]:
        got = items.get(want["id"], {})
        if got.get("response") != want["response"]:
            lines.append(f"{name} {want['id']} response {want['response']!r} got {got.get('response')!r}")
        if want["evidence"] and scorer().ratio(
            scorer().norm_ws(want["evidence"]), scorer().norm_ws(got.get("evidence") or "")
        ) < 90:
            lines.append(
                f"{name} {want['id']} evidence {want['evidence'][:60]!r} "
                f"got {(got.get('evidence') or '')[:60]!r}"
            )
        if got.get("response") != want["response"]:
            pass
        elif not scorer().score_eq(got.get("score", "<absent>"), want["score"]):
            lines.append(f"{name} {want['id']} score {want['score']!r} got {got.get('score')!r}")
    sections = {str(s["id"]): s for s in out.get("sections", [])}
    rated = scorer().SELF_RATED.get(truth["toolkit"]["id"], set())
    for want in truth["sections"]:
        got = sections.get(want["id"], {})
        if not scorer().score_eq(got.get("score", "<absent>"), want["score"]):
            lines.append(f"{name} sec {want['id']} score {want['score']!r} got {got.get('score')!r}")
        if want["id"] in rated and got.get("self_rating") != want["self_rating"]:
            lines.append(
                f"{name} sec {want['id']} self_rating {want['self_rating']!r} "
                f"got {got.get('self_rating')!r}"
            )
    kinds = scorer().GAP_KINDS
    tg = {(g["kind"], g["item"]) for g in truth["gaps"] if g["kind"] in kinds}
    og = {(g["kind"], str(g.get("item"))) for g in out.get("gaps", []) if g["kind"] in kinds}
    for kind, item in sorted(tg - og):
        lines.append(f"{name} gap missed {kind} {item}")
    for kind, item in sorted(og - tg):
        lines.append(f"{name} gap extra {kind} {item}")
    return lines


def calibration(results: list[Any], sure: float = 0.9) -> dict[str, Any]:
    """Items at or above `sure` confidence and how often their response is right."""
    total = sure_n = sure_right = 0
    wrong_sure: list[str] = []
    for case, _, _, out in results:
        if out is None:
            continue
        got = {str(i["id"]): i for i in out.get("items", [])}
        for want in case["truth"]["items"]:
            item = got.get(want["id"])
            if item is None:
                continue
            total += 1
            if (item.get("confidence") or 0.0) >= sure:
                sure_n += 1
                if item.get("response") == want["response"]:
                    sure_right += 1
                else:
                    wrong_sure.append(
                        f"{os.path.basename(case['path'])} {want['id']}: "
                        f"{item.get('response')!r} != {want['response']!r} "
                        f"(confidence {item.get('confidence')})"
                    )
    return {
        "items": total,
        "sure": sure_n,
        "sure_share": sure_n / total if total else 0.0,
        "sure_right": sure_right / sure_n if sure_n else 1.0,
        "wrong_sure": wrong_sure,
    }


def markdown_table(results: list[Any]) -> str:
    """Per format: returns, items, response, evidence similarity, self-rating, gap F1, and
    the confidence figures, as the README shows them."""
    score = scorer()
    groups: dict[str, list[Any]] = {}
    for entry in results:
        groups.setdefault(entry[0]["format"], []).append(entry)
    lines = [
        "| format | returns | items | response | evidence | self-rating | gap F1 | sure (≥ 0.9) "
        "| right when sure |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for fmt, entries in [*sorted(groups.items()), ("all", results)]:
        total: Counter[str] = Counter()
        for _, metrics, _, _ in entries:
            total.update(metrics)
        m = score.metrics(total)
        cal = calibration(entries)

        def pct(value: float | None) -> str:
            return "–" if value is None else f"{value:.1%}"

        lines.append(
            f"| {fmt} | {len(entries)} | {total['items']} | {pct(m['response_acc'])} "
            f"| {pct(m['evidence_sim_acc'])} | {pct(m['self_rating_acc'])} | {m['gap_f1']:.3f} "
            f"| {pct(cal['sure_share'])} | {pct(cal['sure_right'])} |"
        )
    return "\n".join(lines)


def main() -> None:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    results, text, _ = run(args.only)
    if args.verbose:
        for case, _, _, out in results:
            meta = case["truth"].get("_meta", {})
            diff = differences(case, out)
            if diff:
                print(f"== {os.path.basename(case['path'])} {case['toolkit']} "
                      f"{case['format']} {case['mechanism']} {meta.get('perturbations')}")
                print("\n".join("   " + d for d in diff))
    print(text)
    print(markdown_table(results))
    cal = calibration(results)
    print(
        f"CONFIDENCE items={cal['items']} at>=0.9={cal['sure']} ({cal['sure_share']:.1%}) "
        f"right_when_sure={cal['sure_right']:.2%}"
    )
    for line in cal["wrong_sure"][:40]:
        print("   sure but wrong:", line)


if __name__ == "__main__":
    main()
