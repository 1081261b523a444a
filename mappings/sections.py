"""Section-level readings: self-ratings with their statements, and printed section scores."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractor.model import Mark
from mappings.layout import Unit, role_of
from mappings.normalise import fold, strip_numbering
from mappings.reading import SectionReading
from mappings.schema import Toolkit
from mappings.vocab import Vocabulary

PROMPT_CUTOFF = 85.0
TITLE_CUTOFF = 85.0
RATING_LOOKAHEAD = 3  # units after a prompt that may hold the rating
_OVERALL = re.compile(r"\bscore\s*:?\s*(\d{1,3}(?:\.\d+)?)\s*%", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")


def is_prompt(unit: Unit, toolkit: Toolkit) -> bool:
    """A self-rating prompt row/paragraph ("How do you rate your compliance…")."""
    if toolkit.self_rating is None:
        return False
    text = fold(unit.text)
    if not text:
        return False
    for prompt in toolkit.self_rating.prompts:
        target = fold(prompt)
        if fuzz.partial_ratio(target, text) >= PROMPT_CUTOFF and len(text) >= 0.6 * len(target):
            return True
    return False


def read_self_rating(
    units: list[Unit], start: int, toolkit: Toolkit, vocab: Vocabulary, rating_vocab: Vocabulary
) -> tuple[str | None, str]:
    """The rating and statement at/after the prompt at units[start]."""
    assert toolkit.self_rating is not None
    labels = [o.id for o in toolkit.self_rating.options] or list(toolkit.option_order)
    chosen: list[str] = []
    statement: list[str] = []
    for unit in units[start : start + RATING_LOOKAHEAD + 1]:
        if unit.order != units[start].order and is_prompt(unit, toolkit):
            break
        marks = _unit_marks(unit)
        unlabelled = [m for m in marks if not m.label]
        positional = rating_vocab.in_order(" ".join(_unit_texts(unit)))
        for index, mark in enumerate(marks):
            if len(positional) == len(marks):
                option: str | None = positional[index]  # boxes and words in the same order
            else:
                option = rating_vocab.exact(mark.label) if mark.label else None
            if option is not None and mark.checked:
                chosen.append(option)
        if len(unlabelled) == len(labels) and len(positional) != len(marks):
            chosen += [o for m, o in zip(unlabelled, labels, strict=True) if m.checked]
        for text in _unit_texts(unit):
            if _is_prompt_text(text, toolkit):
                continue
            typed = rating_vocab.typed(text)
            if typed is not None and len(rating_vocab.mentioned(text)) < 2:
                if not marks:
                    chosen.append(typed.option)
                if typed.rest:
                    statement.append(typed.rest)
            elif len(rating_vocab.mentioned(text)) < 2:
                statement.append(text)
        if chosen:
            break
    unique = list(dict.fromkeys(chosen))
    return (unique[0] if len(unique) == 1 else None), "\n".join(statement).strip()


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


def _unit_marks(unit: Unit) -> list[Mark]:
    if unit.paragraph is not None:
        return list(unit.paragraph.marks)
    return [m for c in unit.cells for m in c.all_marks()]


def _unit_texts(unit: Unit) -> list[str]:
    if unit.paragraph is not None:
        return [unit.paragraph.text] if unit.paragraph.text else []
    return [c.text for c in unit.cells if c.text and not c.continued]


def _is_prompt_text(text: str, toolkit: Toolkit) -> bool:
    assert toolkit.self_rating is not None
    folded = fold(text)
    return (
        any(
            fuzz.partial_ratio(fold(p), folded) >= PROMPT_CUTOFF
            for p in toolkit.self_rating.prompts
        )
        and len(folded) < 1.5 * max(len(fold(p)) for p in toolkit.self_rating.prompts) + 20
    )
