"""Text normalisation for matching: numbering and punctuation stripped, lemmas, no stop words.

Lemmas and stop words are spaCy's (blank English + lookup lemmatiser from spacy-lookups-data),
read from its data files by mappings/lemmas.py without importing the pipeline; nothing is
downloaded at run time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from mappings.lemmas import kept_lemmas

_NUMBERING = re.compile(
    r"^\s*(?:(?:part|standard|section|area)\s+)?"
    r"(?:\(?[0-9]{1,2}(?:\.[0-9]{1,2}){0,2}[a-z]?\)?[.):]?|\(?[a-h]\)|[a-h]\.|[ivx]{1,4}\.)\s+",
    re.IGNORECASE,
)
_ID = re.compile(
    r"^\s*(?:(?:standard|section|area)\s+)?\(?([0-9]{1,2}(?:\.[0-9]{1,2})?)[a-z]?\)?[.):]?(?:\s|$)",
    re.I,
)
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase, accents and curly quotes folded, punctuation to spaces, spaces collapsed."""
    # Every toolkit tried during detection folds the same cells: short texts are cached.
    return _fold_cached(text) if len(text) <= 400 else _fold(text)


@lru_cache(maxsize=65_536)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = text.replace("&", " and ")
    return _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()


def strip_numbering(text: str) -> str:
    """Remove a leading item number ("1.3", "2.", "(a)") and bullets."""
    text = text.lstrip(" \t\u2022\u00b7-*\u25cf\u25aa")
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text, count=1)
    return text


def cut_short(text: str, criterion: str, min_chars: int) -> bool:
    """The text is the start of the criterion and no more, at least `min_chars` characters
    of it (a cell that clipped the criterion when printed), numbering aside."""
    head = fold(strip_numbering(text))
    whole = fold(strip_numbering(criterion))
    return min_chars <= len(head) < len(whole) and whole.startswith(head)


def leading_id(text: str) -> str | None:
    """The item/section number a text starts with ("1.3 Strategies…" -> "1.3"), if any."""
    match = _ID.match(text)
    return match.group(1) if match else None


def clip(text: str, limit: int = 40) -> str:
    """One line of at most `limit` characters, for quoting a cell in a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def words(text: str) -> list[str]:
    return fold(text).split()


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Matching form of a criterion: numbering gone, lemmatised, stop words and punctuation out."""
    return normalise_many((text,))[0]


def normalise_many(texts: tuple[str, ...] | list[str]) -> list[str]:
    """Normalise many texts: each folded word's spaCy lemmas (mappings/lemmas.py)."""
    out: list[str] = []
    for text in texts:
        words = fold(strip_numbering(text))[:2000].split()
        out.append(" ".join(lemma for word in words for lemma in kept_lemmas(word)))
    return out
