"""The bundled samples, their golden JSON and their answer keys (samples/truth)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "golden"
TRUTH = SAMPLES / "truth"
HABITS = SAMPLES / "habits"
RETURN_SUFFIXES = (".docx", ".docm", ".doc", ".pdf", ".xlsx", ".xlsm", ".xls")


@dataclass(frozen=True)
class Sample:
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def golden(self) -> Path:
        return GOLDEN / f"{self.path.name}.json"

    @property
    def truth_path(self) -> Path:
        return TRUTH / f"{self.path.name}.truth.json"

    def truth(self) -> dict[str, Any] | None:
        if not self.truth_path.exists():
            return None
        data: dict[str, Any] = json.loads(self.truth_path.read_text(encoding="utf-8"))
        return data


def samples() -> list[Sample]:
    """Every return under samples/ (sub-folders included), sorted by name."""
    found = [
        p
        for p in SAMPLES.rglob("*")
        if p.suffix.lower() in RETURN_SUFFIXES
        and p.is_file()
        and not p.name.startswith("~$")
        and HABITS not in p.parents  # scored by tests/test_habit_floors.py, no goldens
    ]
    return [Sample(p) for p in sorted(found, key=lambda p: p.name)]
