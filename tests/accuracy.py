"""Per-item accuracy of s11's output against a sample's answer key (samples/truth)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("response", "evidence", "actions", "in_action_plan")


@dataclass
class Tally:
    items: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.items += other.items
        for key in FIELDS:
            self.right[key] += other.right[key]
        self.wrong.extend(other.wrong)

    def rate(self, key: str) -> float:
        return self.right[key] / self.items if self.items else 1.0


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def compare(result: dict[str, Any], truth: dict[str, Any], name: str) -> Tally:
    """Count, field by field, the items whose output equals the answer key."""
    tally = Tally()
    produced = {item["id"]: item for item in result["items"]}
    for item_id, expected in truth["items"].items():
        got = produced.get(item_id)
        tally.items += 1
        if got is None:
            tally.wrong.append(f"{name} {item_id}: not in output")
            continue
        for key in FIELDS:
            want = expected.get(key)
            have = got.get(key)
            ok = _norm(want) == _norm(have) if key in ("evidence", "actions") else want == have
            if ok:
                tally.right[key] += 1
            else:
                tally.wrong.append(f"{name} {item_id} {key}: expected {want!r}, got {have!r}")
    return tally
