"""Section-level readings of printed exports: section scores and the overall score.

Self-ratings are read in mappings/self_rating.py."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from mappings.layout import Unit, role_of
from mappings.normalise import fold, strip_numbering
from mappings.reading import SectionReading
from mappings.toolkits.schema import Toolkit

TITLE_CUTOFF = 85.0
_OVERALL = re.compile(r"\bscore\s*:?\s*(\d{1,3}(?:\.\d+)?)\s*%", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")


def read_printed_section(unit: Unit, toolkit: Toolkit) -> SectionReading | None:
    """An export's section row ("1. SENIOR LEVEL … | 86% | high") with its printed figures."""
    if unit.row is None:
        return None
    text = fold(strip_numbering(" ".join(c.text for c in unit.cells[:3] if c.text)))
    for section in toolkit.sections:
        title = fold(section.title)
        if not title or fuzz.ratio(title, text[: len(title) + 8]) < TITLE_CUTOFF:
            continue
        score: float | None = None
        grade: str | None = None
        for position, cell in enumerate(unit.cells):
            role = role_of(unit, cell, position)
            if role == "score" and (m := _PERCENT.search(cell.text)):
                score = float(m.group(1))
            elif role == "grade" and cell.text.strip():
                grade = cell.text.strip().lower()
        if score is None and grade is None:
            return None
        return SectionReading(section.id, printed_score=score, printed_grade=grade)
    return None


def printed_overall(units: list[Unit]) -> float | None:
    """The overall score an export prints near its top ("Progress: 100% Score: 91%")."""
    for unit in units[:40]:
        match = _OVERALL.search(unit.text)
        if match:
            return float(match.group(1))
    return None
