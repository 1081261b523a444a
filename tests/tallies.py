"""What every accuracy tally shares: gap F1 from its counts, and adding one tally to another."""

from __future__ import annotations

import dataclasses
from typing import Any


def f1(tp: int, fp: int, fn: int) -> float:
    """Gap F1 as the practice scorer counts it; 1.0 when neither the key nor the reading has a gap."""
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def add_counts(into: Any, other: Any) -> None:
    """Add `other`'s numbers to `into`'s and extend its lists, field by field (a dataclass)."""
    for f in dataclasses.fields(into):
        mine, theirs = getattr(into, f.name), getattr(other, f.name)
        if isinstance(mine, list):
            mine.extend(theirs)
        elif isinstance(mine, int | float) and not isinstance(mine, bool):
            setattr(into, f.name, mine + theirs)
