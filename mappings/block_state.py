"""What reading one item's block gathers (Found) and gives (Answer), and the helpers the
block readers share (mappings/answers.py, answer_marks.py, answer_typed.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.model import Annotation, Cell, Mark
from mappings.emphasis import Emphasis
from mappings.unexplained import AreaCell

MAX_OPTION_WORDS = 3  # words in one option label ("Partially met", "Not met")
AFFIRMATIVE = frozenset({"yes", "y", "x", "tick", "ticked", "true", "1", "v"})
SCORE = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*(%)?\s*$")
LABELLED = re.compile(r"^\s*((?:\w+\s*){1,4}):\s*(\S[^:\n]{0,30}?)\s*$")
NUMBERED_LABEL = re.compile(r"^\s*\(?\d{1,2}\)?\s*[-\u2013\u2014:.)=]\s*(\S.*)$", re.DOTALL)


@dataclass
class Answer:
    response: str | None = None
    marked: list[str] = field(default_factory=list)
    confidence: float | None = None
    source: str | None = None
    evidence: str = ""
    actions: str = ""
    lead: str = ""
    timescale: str = ""
    in_action_plan: bool | None = None
    printed_score: float | None = None
    locator_cell: Cell | None = None
    doubts: list[str] = field(default_factory=list)  # why the reading may be wrong
    # The block has somewhere an answer goes (an option or response column, a box that names
    # an option, an option list, a RAG fill, an answer word), answered or not.
    place: bool = False
    # Its answer cells hold something: a word, a number, a box, a fill, a drawing.
    values: bool = False


@dataclass
class Found:
    checked: list[tuple[str, float, Mark, Cell]] = field(default_factory=list)
    unresolved: list[list[tuple[Mark, Cell]]] = field(default_factory=list)
    option_fills: list[tuple[str, Cell]] = field(default_factory=list)
    response_fills: list[Cell] = field(default_factory=list)
    typed: list[tuple[str, str | None, Cell]] = field(default_factory=list)  # text, role, cell
    texts: dict[str, list[str]] = field(default_factory=dict)
    option_cells: set[str] = field(default_factory=set)  # options whose own cell was seen
    doubts: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # answer-cell texts that name no option
    plan_seen: bool = False
    plan: bool = False
    place: bool = False  # see Answer.place
    area: list[AreaCell] = field(default_factory=list)  # answer cells, for unexplained()
    notes: list[Annotation] = field(default_factory=list)  # comments, drawings on the rows
    row_options: list[Emphasis] = field(default_factory=list)  # option words across a row
    listed: set[int] = field(default_factory=set)  # ids of cells printing their own option
    numbers: list[str] = field(default_factory=list)  # bare numbers in the block's cells
    empty_boxes: bool = False  # an empty box in the answer cells (a cross there is a tick)
    figures: int = 0  # bare numbers that are not the item's own number
    hidden: list[str] = field(default_factory=list)  # texts in the row's hidden columns
    printed: set[str] = field(default_factory=set)  # options printed alone in a cell
    after_criterion: str = ""  # what the criterion's cell says after the criterion's words


def join_texts(parts: list[str]) -> str:
    """Distinct non-empty texts, one a line."""
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return "\n".join(seen)
