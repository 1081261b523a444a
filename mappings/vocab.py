"""A toolkit's answer vocabulary: words, labels and colours people use for each option."""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass
from functools import lru_cache

from mappings.normalise import fold
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit

_NA_WORDS = ("n a", "na", "not applicable", "n a not applicable")


@dataclass(frozen=True)
class TypedAnswer:
    option: str
    confidence: float
    rest: str  # what followed the answer word ("Partially met - we are ..." -> "we are ...")


class Vocabulary:
    """Option lookup for one toolkit (labels, synonyms, colours), case- and punctuation-blind."""

    def __init__(self, toolkit: Toolkit, with_self_rating: bool = False) -> None:
        self.toolkit = toolkit
        phrases: dict[str, str] = {}
        options = [(o.id, [o.label, *o.synonyms], o.na) for o in toolkit.options]
        if with_self_rating and toolkit.self_rating and toolkit.self_rating.options:
            options = [(o.id, [o.label, *o.synonyms], False) for o in toolkit.self_rating.options]
        for option_id, words, is_na in options:
            for word in words:
                key = fold(word)
                if key:
                    phrases.setdefault(key, option_id)
            if is_na:
                for key in _NA_WORDS:
                    phrases.setdefault(key, option_id)
        self.phrases = phrases
        self.labels = frozenset(fold(words[0]) for _, words, _ in options)
        # Longest phrase first so "not met" wins over "no", "partially met" over "met".
        self._ordered = sorted(phrases, key=lambda p: (-len(p), p))
        self._pattern = re.compile(
            r"^(" + "|".join(re.escape(p) for p in self._ordered) + r")(?:\s+(.*))?$"
        )
        self.colours = {o.id: o.colour for o in toolkit.options if o.colour is not None}
        self._unspaced = {p.replace(" ", ""): o for p, o in phrases.items() if len(p) >= 6}
        by_initials: dict[str, set[str]] = {}
        for phrase, option in phrases.items():
            words = phrase.split()
            if len(words) >= 2:
                by_initials.setdefault("".join(w[0] for w in words), set()).add(option)
        # "PC" for Partially compliant: initials naming one option only, never a phrase itself.
        self._initials = {
            k: next(iter(v)) for k, v in by_initials.items() if len(v) == 1 and k not in phrases
        }

    def exact(self, text: str) -> str | None:
        """The option a whole text names ("Fully met", "fm", "N/A"), else None.

        A label broken inside a word by a narrow column ("Partiall y met" in a PDF) still
        names its option: spaces are ignored when the text has no other match."""
        folded = fold(text)
        found = self.phrases.get(folded)
        if found is None and len(folded) >= 6:
            found = self._unspaced.get(folded.replace(" ", ""))
        return found

    def typed(self, text: str) -> TypedAnswer | None:
        """Read a typed answer: the whole text, or a leading answer word followed by more."""
        folded = fold(text)
        if not folded:
            return None
        if folded in self.phrases:
            return TypedAnswer(self.phrases[folded], SETTINGS.conf_typed, "")
        match = self._pattern.match(folded)
        if match is None:
            return None
        phrase = match.group(1)
        # Single letters ("y", "g") only count as a whole answer, never as a prefix.
        if len(phrase) <= 2 and phrase not in _NA_WORDS:
            return None
        rest = _rest_after(text, phrase)
        return TypedAnswer(self.phrases[phrase], SETTINGS.conf_typed_prefix, rest)

    def initials(self, text: str) -> TypedAnswer | None:
        """An answer typed as the initials of one option's words ("PC", "N.I.P.")."""
        key = fold(text).replace(" ", "")
        option = self._initials.get(key) if 2 <= len(key) <= 4 and key.isalpha() else None
        return TypedAnswer(option, SETTINGS.conf_typed, "") if option else None

    def mentioned(self, text: str) -> list[str]:
        """Options whose labels appear as whole words in a text (template detection)."""
        folded = f" {fold(text)} "
        found: list[str] = []
        for phrase in self._ordered:
            if (len(phrase) > 2 or phrase in self.labels) and f" {phrase} " in folded:
                option = self.phrases[phrase]
                folded = folded.replace(f" {phrase} ", " | ")
                if option not in found:
                    found.append(option)
        return found

    def in_order(self, text: str) -> list[str]:
        """Options named in a text, in order of appearance, longest phrase winning overlaps."""
        return [option for _, _, option in self.hits(fold(text))]

    def hits(self, folded: str) -> list[tuple[int, int, str]]:
        """(start, end, option) of each option phrase in a folded text, in order of
        appearance, longest phrase winning overlaps; offsets index `folded`."""
        folded = f" {folded} "
        taken = [False] * len(folded)
        hits: list[tuple[int, int, str]] = []
        for phrase in self._ordered:
            if len(phrase) <= 2 and phrase not in _NA_WORDS and phrase not in self.labels:
                continue
            needle = f" {phrase} "
            start = folded.find(needle)
            while start != -1:
                span = range(start + 1, start + len(needle) - 1)
                if not any(taken[i] for i in span):
                    for i in span:
                        taken[i] = True
                    hits.append((start, start + len(phrase), self.phrases[phrase]))
                start = folded.find(needle, start + 1)
        return sorted(hits)

    def colour(self, fill: str | None) -> tuple[str, float] | None:
        """The option whose RAG colour family (red, amber/yellow, green, blue) a fill is in."""
        if fill is None or not self.colours:
            return None
        family = colour_family(fill)
        if family is None:
            return None
        for option_id, colour in self.colours.items():
            if colour_family(colour) == family:
                return option_id, SETTINGS.conf_fill
        return None


# Hue ranges (degrees) of the colour families people use for RAG ratings.
FAMILIES = (
    ("red", 0, 18),
    ("amber", 18, 66),
    ("green", 66, 170),
    ("blue", 170, 260),
    ("red", 330, 361),
)


def colour_family(hex_rgb: str) -> str | None:
    """'red', 'amber', 'green' or 'blue' for a shade saturated enough to mean one, else None."""
    hue, sat, val = _hsv(hex_rgb)
    if sat < SETTINGS.fill_min_saturation or val < SETTINGS.fill_min_value:
        return None
    for name, low, high in FAMILIES:
        if low <= hue < high:
            return name
    return None


@lru_cache(maxsize=64)
def _hsv(hex_rgb: str) -> tuple[float, float, float]:
    r, g, b = (int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    return h * 360, s, v


SEPARATORS = " \t-\u2013\u2014:.;,/\n"  # trimmed from the text after an answer word


def after_words(text: str, count: int) -> tuple[str, str] | None:
    """The original text after its first `count` words, as (the separator right after them,
    everything after them); None when the text has fewer words."""
    tokens = re.split(r"(\W+)", text.strip())
    seen = 0
    for index, token in enumerate(tokens):
        if re.match(r"\w", token):
            seen += 1
            if seen == count:
                gap = tokens[index + 1] if index + 1 < len(tokens) else ""
                return gap, "".join(tokens[index + 1 :])
    return None


def _rest_after(text: str, phrase: str) -> str:
    """The original text after its leading answer phrase, separators trimmed."""
    split = after_words(text, len(phrase.split()))
    return split[1].strip(SEPARATORS) if split else ""
