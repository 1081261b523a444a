"""Accuracy floors on ../shared/returns: 101 returns written by someone else, scored by their
own score.py (loaded unchanged). The table is printed; a missed floor fails the suite.

Floors per format (issue 10): response >= 99.5%, gap F1 >= 0.98, self-rating >= 98%,
evidence similarity >= 98%; and confidence: items at >= 0.9 are right >= 99.9% of the
time, and >= 95% of items reach 0.9.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests import practice

pytestmark = pytest.mark.skipif(not practice.available(), reason="../shared/returns is not here")

FLOORS = {"response_acc": 0.995, "gap_f1": 0.98, "self_rating_acc": 0.98, "evidence_sim_acc": 0.98}
SURE_RIGHT = 0.999
SURE_SHARE = 0.95


@pytest.fixture(scope="module")
def scored() -> tuple[list[Any], str]:
    results, text, _ = practice.run()
    print(text)
    return results, text


def per_format(results: list[Any]) -> dict[str, dict[str, Any]]:
    score = practice.scorer()
    groups: dict[str, Counter[str]] = {}
    for case, metrics, _, _ in results:
        groups.setdefault(case["format"], Counter()).update(metrics)
    return {fmt: score.metrics(m) for fmt, m in sorted(groups.items())}


def test_floors_per_format(scored: tuple[list[Any], str]) -> None:
    results, text = scored
    table = per_format(results)
    lines = [f"{'format':<6} " + " ".join(f"{k:>17}" for k in FLOORS)]
    missed = []
    for fmt, m in table.items():
        lines.append(f"{fmt:<6} " + " ".join(f"{(m[k] if m[k] is not None else 1):>17.3f}" for k in FLOORS))
        for key, floor in FLOORS.items():
            if m[key] is not None and m[key] < floor:
                missed.append(f"{fmt} {key} {m[key]:.3f} < {floor}")
    print("\n".join(lines))
    detail = "\n".join(d for c, _, _, out in results for d in practice.differences(c, out))
    assert not missed, "\n".join(missed) + "\n" + text + detail[:6000]


def test_confidence_is_calibrated(scored: tuple[list[Any], str]) -> None:
    cal = practice.calibration(scored[0])
    print(
        f"items {cal['items']}, at >= 0.9: {cal['sure']} ({cal['sure_share']:.1%}), "
        f"right when sure {cal['sure_right']:.2%}"
    )
    assert cal["sure_share"] >= SURE_SHARE
    assert cal["sure_right"] >= SURE_RIGHT, "\n".join(cal["wrong_sure"][:20])


def test_no_crash(scored: tuple[list[Any], str]) -> None:
    crashed = [c["path"] for c, _, _, out in scored[0] if out is None]
    assert not crashed
