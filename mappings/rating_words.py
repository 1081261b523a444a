"""A section's rating given in words: after a label ("Self-rating: Good"), leading a line
("Partially met – most in place"), or stated in a sentence ("evaluated … as Partially met")."""

from __future__ import annotations

import re

from mappings.normalise import fold
from mappings.settings import SETTINGS
from mappings.vocab import SEPARATORS, Vocabulary, after_words

# Words after which a rating word in a sentence is the rating given ("evaluated … as Good").
CUES = frozenset(
    {
        *("as", "is", "be", "being", "rate", "rated", "rating", "rates"),
        *("evaluated", "evaluate", "assessed", "assess", "judged", "judge", "graded", "grade"),
        *("consider", "considered", "scored", "score"),
    }
)
NEGATIONS = frozenset({"not", "never", "no", "nor"})
# Separators between a label and its rating ("Self-rating: Good", "Rating – Good").
LEAD = re.compile(r"\s*[:=]\s*|\s+[-\u2013\u2014]+\s+")
SEPARATOR = re.compile(r"[.,;:!?/()\[\]\u2013\u2014-]")
QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
LABEL_WORDS = 4  # "Our overall self-rating:" at most


def after_label(vocab: Vocabulary, line: str) -> tuple[str, str, str] | None:
    """ "Self-rating: Good", "… Significant shortfalls Our rating – Some shortfalls":
    a short label naming no rating, a separator, then the rating (and maybe more).
    Returns the rating, what stood before the label (folded) and what followed."""
    for sep in reversed(list(LEAD.finditer(line))):
        tail = line[sep.end() :].strip()
        folded_tail = fold(tail)
        leading = leading_rating(vocab, tail, folded_tail, vocab.hits(folded_tail))
        if leading is None:
            continue
        before = fold(line[: sep.start()])
        hits = vocab.hits(before)
        cut = hits[-1][1] if hits else 0
        label = before[cut:].split()
        if not label or len(label) > LABEL_WORDS:
            continue
        return leading[0], before[:cut].strip(), leading[1]
    return None


def leading_rating(
    vocab: Vocabulary, line: str, folded: str, hits: list[tuple[int, int, str]]
) -> tuple[str, str] | None:
    """A rating word the line starts with ("Partially met – most elements in place"):
    followed by a separator, or by words naming no other rating."""
    if not hits or hits[0][0] != 0:
        return None
    option = hits[0][2]
    weak = not names_rating(vocab, folded[hits[0][0] : hits[0][1]])
    split = after_words(line, len(folded[: hits[0][1]].split()))
    if split is None:
        return None
    gap, after = split
    rest = after.strip(SEPARATORS)
    separated = not rest or bool(SEPARATOR.search(gap))
    if separated or (not weak and all(o == option for _, _, o in hits[1:])):
        return option, rest
    return None


def cued_rating(vocab: Vocabulary, folded: str, hits: list[tuple[int, int, str]]) -> str | None:
    """The rating a sentence states ("we have evaluated this standard as Partially met")."""
    chosen: list[str] = []
    for start, end, option in hits:
        before = folded[:start].split()
        if before and before[-1] in NEGATIONS:
            return None
        cued = any(w in CUES for w in before[-SETTINGS.rating_cue_window :])
        if cued and names_rating(vocab, folded[start:end]):
            chosen.append(option)
    unique = list(dict.fromkeys(chosen))
    return unique[0] if len(unique) == 1 else None


def names_rating(vocab: Vocabulary, phrase: str) -> bool:
    """A phrase that names a rating in running text: a label ("Good"), several words
    ("partially met") or a long word ("outstanding"), never "no", "met" or "fully"."""
    return phrase in vocab.labels or " " in phrase or len(phrase) >= 6


def residual_words(folded: str, hits: list[tuple[int, int, str]]) -> int:
    """Words of a folded text that are no option phrase (the "or" of "Not met or Met")."""
    kept = []
    last = 0
    for start, end, _ in hits:
        kept.append(folded[last:start])
        last = end
    kept.append(folded[last:])
    return len([w for w in " ".join(kept).split() if w not in {"or", "and"}])


def after(line: str, folded: str, hits: list[tuple[int, int, str]], option: str) -> str:
    """The original line after the first mention of `option` ("… as Partially met. Some
    gaps identified" -> "Some gaps identified")."""
    end = next(e for _, e, o in hits if o == option)
    split = after_words(line, len(folded[:end].split()))
    return split[1].strip(SEPARATORS) if split else ""
