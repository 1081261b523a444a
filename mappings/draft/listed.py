"""Options written out in words rather than laid out as columns or boxes: a list in a column's
name ("Compliance rating (100% / 75% / 50% / 25% / N/A)", "Yes / No / N/A", "Rating 1-5"), a
list in a guidance sentence ("Mark one box: Met, Partially met, Not met or N/A"), and a key
given as sentences ("Green means the standard is fully in place. Amber means …")."""

from __future__ import annotations

import re

NA_WORDS = re.compile(r"\bn\s*/\s*a\b", re.I)
_PLACEHOLDER = "\x00NA\x00"
# "1-5", "0 – 3", "1 to 5": a numeric scale written as its range.
RANGE = re.compile(r"^(?:a\s+)?(\d)\s*(?:-|–|—|to)\s*(\d{1,2})$", re.I)
# A sentence asking for one of a list: "Mark one box: Met, Partially met or Not met".
ASKS = re.compile(
    r"\b(mark|tick|choose|select|pick|rate|rating|use|enter|record|score|answer)\b", re.I
)
# "Green means …", "Amber: …" inside a sentence run; "X = …", "X indicates …".
MEANS = re.compile(
    r"^(?:an?\s+|the\s+)?(?:rating\s+of\s+)?['\"“]?(?P<label>[A-Za-z0-9%/ -]{1,30}?)['\"”]?"
    r"\s+(?:means|indicates|shows|is given when|=)\s+(?P<desc>\S.{4,})$",
    re.I,
)
MAX_OPTION_CHARS = 30
# The words of a column's name that may precede its list with no bracket or colon.
_NAMED = re.compile(
    r"^.*\b(rating|score|compliance|status|level|response|answer|rag|grade|assessment)\b[?:]?",
    re.I,
)


def split_list(text: str) -> list[str]:
    """The parts of a written list: split on "/", ",", ";", "|" and "or", never inside "N/A";
    each part stripped of brackets and a trailing "?"."""
    protected = NA_WORDS.sub(_PLACEHOLDER, text)
    parts = re.split(r"\s*(?:/|,|;|\||\bor\b)\s*", protected)
    out = []
    for part in parts:
        part = part.replace(_PLACEHOLDER, "N/A").strip(" ()[]?.:").strip()
        if part:
            out.append(part)
    return out


def _option_like(part: str) -> bool:
    return 0 < len(part) <= MAX_OPTION_CHARS and len(part.split()) <= 4


def listed_in_name(text: str) -> list[str]:
    """The options a column's name lists: in brackets after the name, after a colon, or the
    whole name when it is nothing but a list. Never a fragment of the name itself."""
    text = " ".join(text.split())
    inner = re.search(r"[(\[]([^()\[\]]+)[)\]]\s*\??$", text)
    after = re.search(r":\s*([^:]+)$", text)
    for candidate in (inner.group(1) if inner else None, after.group(1) if after else None):
        if candidate is None:
            continue
        found = _list_or_range(candidate)
        if found:
            return found
    if "/" in NA_WORDS.sub("", text) or RANGE.match(text.strip(" ?")):
        return _list_or_range(text)
    scale = re.search(r"\b(\d)\s*(?:-|–|—|to)\s*(\d{1,2})\s*\)?\s*$", text)
    if scale:  # "Rating 1-5", "Score 0 to 3"
        return _list_or_range(f"{scale.group(1)}-{scale.group(2)}")
    return []


def _list_or_range(text: str) -> list[str]:
    text = text.strip(" ?")
    span = RANGE.match(text)
    if span:
        low, high = int(span.group(1)), int(span.group(2))
        return [str(n) for n in range(low, high + 1)] if 2 <= high - low + 1 <= 10 else []
    if "/" not in NA_WORDS.sub("", text) and "," not in text and " or " not in text:
        return []
    parts = split_list(text)
    if parts:  # "Compliance rating 100% / 75% …": the column's name is not the first option
        rest = _NAMED.sub("", parts[0]).strip()
        parts[0] = rest or parts[0]
    if len(parts) < 2 or not all(_option_like(p) for p in parts):
        return []
    return parts


def listed_in_sentence(text: str) -> list[str]:
    """Options a guidance sentence asks people to choose from ("Mark one box for each
    criterion: Met, Partially met, Not met or N/A")."""
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        if ":" not in sentence or not ASKS.search(sentence.split(":")[0]):
            continue
        parts = split_list(sentence.split(":", 1)[1])
        if len(parts) >= 2 and all(_option_like(p) for p in parts):
            return parts
    return []


def sentence_key(text: str) -> list[tuple[str, str]]:
    """A key written as sentences: [(label, meaning)] for "Green means …. Amber means …"."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        match = MEANS.match(sentence.strip())
        if match and _option_like(match.group("label")):
            out.append((match.group("label").strip(), match.group("desc").rstrip(".")))
    return out
