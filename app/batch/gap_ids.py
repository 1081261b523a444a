"""The stable id of each gap: the return's hash, what the gap is about, its kind, a repeat count.

Decisions are keyed by it, so it must not change when a report is regenerated.
"""

from __future__ import annotations

from collections import Counter
from typing import Any


def gap_key(gap: dict[str, Any]) -> str:
    """What the gap is about and its kind: the part of its id that survives a resubmission."""
    anchor = gap.get("item") or (f"s{gap['section']}" if gap.get("section") else "return")
    return f"{anchor}-{gap['kind']}"


def gap_ids(sha256: str, gaps: list[dict[str, Any]]) -> list[str]:
    """The stable id of each gap of one return, in the result's order."""
    seen: Counter[str] = Counter()
    ids = []
    for gap in gaps:
        key = gap_key(gap)
        seen[key] += 1
        suffix = f"-{seen[key]}" if seen[key] > 1 else ""
        ids.append(f"{sha256[:16]}-{key}{suffix}")
    return ids
