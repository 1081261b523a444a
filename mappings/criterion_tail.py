"""What a criterion's cell says after the criterion's own words: where some people type the
answer ("… their responsibilities - Yes") instead of in the answer column."""

from __future__ import annotations

from rapidfuzz import fuzz

from mappings.toolkits.schema import Item

MIN_ALIGNED = 90.0  # the cell's start must hold the criterion this closely (0-100)
MAX_TAIL_WORDS = 4  # an answer-sized tail; longer is prose (a note, the evidence)
_SEPARATORS = " \t\n-–—:;,.()[]"


def criterion_tail(text: str, item: Item) -> str:
    """The few words the cell adds after the whole criterion, separators stripped; "" when the
    cell does not hold the whole criterion or adds more than an answer-sized tail."""
    criterion = item.text.strip()
    if not criterion or len(text) <= len(criterion):
        return ""
    aligned = fuzz.partial_ratio_alignment(criterion.lower(), text.lower())
    if aligned is None or aligned.score < MIN_ALIGNED or aligned.src_end < len(criterion) - 2:
        return ""
    tail = text[aligned.dest_end :].strip(_SEPARATORS)
    return tail if 0 < len(tail.split()) <= MAX_TAIL_WORDS else ""
