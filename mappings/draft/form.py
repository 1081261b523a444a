"""Everything around the criteria: title, identifying phrases, field headers, the
organisation block, the section self-rating and the threshold."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mappings.draft.lines import Line, clean, header_role, words
from mappings.draft.options import NA, PERCENT, DraftOption, valence
from mappings.settings import DRAFT
from mappings.toolkits.schema import FIELD_ROLES

PROMPT = re.compile(
    r"\b(rate|rating|evaluated?|assess(ed)?|judge|grade)\b.{0,80}"
    r"\b(standard|section|area|theme|this)\b",
    re.I,
)
THRESHOLD = re.compile(
    r"(\d{2,3})\s*%\s*(?:compliance|compliant)?\s*(?:is|are|will be)?\s*"
    r"(?:regarded|considered|deemed|seen|taken)\s*(?:as\s*)?(?:being\s*)?"
    r"(?:acceptable|adequate|satisfactory|the threshold)",
    re.I,
)
QUOTED = re.compile(r"[\"“”']([^\"“”']{2,30})[\"“”']")
KEY_PATTERNS = (
    ("date", re.compile(r"\bdate\b", re.I)),
    (
        "completed_by",
        re.compile(
            r"\bcompleted by\b|\bperson|\bsigned\b|\bresponsible for\b"
            r"|\bname of (the )?(officer|lead|manager)\b|\bcompleting\b(?!.*return)"
            r"|\bdesignated\b.*\blead\b|\bdsl\b",
            re.I,
        ),
    ),
    (
        "organisation",
        re.compile(
            r"organi[sz]ation|\bagency\b|\bpractice\b|\bservice\b|\bschool\b"
            r"|\bprovider\b|\bsetting\b|\bname of\b",
            re.I,
        ),
    ),
)


@dataclass
class SelfRatingDraft:
    prompts: list[str]
    options: list[DraftOption] = field(default_factory=list)  # empty: the item options
    statement: bool = False
    ranges: list[tuple[float, float]] = field(default_factory=list)


def title(lines: list[Line]) -> str:
    for line in lines:
        texts = [t for t in line.texts if t]
        if len(texts) == 1 and 2 <= words(texts[0]) <= 30 and not line.marks:
            return texts[0].rstrip(":")
    return "Untitled toolkit"


def field_headers(lines: list[Line]) -> dict[str, list[str]]:
    """The printed header (or label row) naming each field, in the order first seen."""
    found: dict[str, list[str]] = {role: [] for role in FIELD_ROLES}
    for line in lines:
        if line.marks:
            continue
        texts = [t for t in line.texts if t]
        if not line.is_header and (line.table is None or len(texts) > 3):
            continue
        if not line.is_header and len(texts) > 1 and any(header_role(t) is None for t in texts):
            continue  # a label and its value ("Role | Designated Safeguarding Lead")
        if not line.is_header and len(texts) == 1 and len(line.cells) >= 2:
            continue  # a label with its value cell left empty ("Lead completing the audit | ")
        for text in texts:
            role = header_role(text)
            if role == "answer":
                role = None
            if role in found and words(text) <= DRAFT.max_header_words and text not in found[role]:
                found[role].append(text)
    return found


def header_block(lines: list[Line], first_item: int) -> dict[str, list[str]]:
    """Labels of the organisation block above the first criterion."""
    found: dict[str, list[str]] = {"organisation": [], "completed_by": [], "date": [], "other": []}
    for line in lines[:first_item]:
        if line.is_header or line.marks:
            continue
        texts = [t for t in line.texts if t]
        if line.table is not None and len(texts) == 2 and words(texts[1]) < 6:
            key = texts[0]
        elif line.table is not None and len(texts) == 1 and words(texts[0]) <= 6:
            key = texts[0]
            waiting = len(line.cells) == 2 and not line.cells[1].text.strip()  # "Label | "
            if not waiting and not any(pattern.search(key) for _, pattern in KEY_PATTERNS):
                continue
        elif line.table is None and re.match(
            r"^[^:]{2,60}:\s*(_*|\.*)$", texts[0] if texts else ""
        ):
            key = texts[0].split(":")[0]
        else:
            continue
        key = clean(key).rstrip(": ")
        if not key or words(key) > 16 or PERCENT.search(key) or NA.match(key):
            continue
        role = next((name for name, pattern in KEY_PATTERNS if pattern.search(key)), "other")
        if key not in found[role]:
            found[role].append(key)
    return found


def threshold(lines: list[Line]) -> float | None:
    """The acceptable compliance printed anywhere (a sentence may wrap over lines)."""
    text = " ".join(line.text for line in lines)
    for match in THRESHOLD.finditer(text):
        if 0 < float(match.group(1)) <= 100:
            return float(match.group(1))
    return None


def self_rating(lines: list[Line], options: list[DraftOption]) -> SelfRatingDraft | None:
    """The prompt asking for a rating of each section, and the words it is rated with."""
    prompts: list[str] = []
    vocab: dict[str, DraftOption] = {}
    for n, line in enumerate(lines):
        texts = [t for t in line.texts if t]
        text = next((t for t in texts if PROMPT.search(t) and words(t) <= 40), None)
        if text is None or line.is_header or ("?" not in text and "please" not in text.lower()):
            continue
        if text not in prompts:
            prompts.append(text)
        labels = [m.label for m in line.marks if m.label]
        if not labels and n + 1 < len(lines):
            labels = [m.label for m in lines[n + 1].marks if m.label]
        if not labels:
            labels = QUOTED.findall(text)
        for label in labels:
            vocab.setdefault(clean(label), DraftOption(label=clean(label)))
    if not prompts:
        return None
    draft = SelfRatingDraft(prompts, statement=any("statement" in p.lower() for p in prompts))
    item_labels = {o.label.lower() for o in options}
    rated = [o for o in vocab.values() if not NA.match(o.label)]
    if rated and not {o.label.lower() for o in rated} <= item_labels:
        best_first = (valence(rated[0]) or 0) >= (valence(rated[-1]) or 0)
        ordered = rated if best_first else list(reversed(rated))
        n = len(ordered)
        for k, _option in enumerate(ordered):
            hi, lo = 100 - k * 100 / n, 100 - (k + 1) * 100 / n
            draft.ranges.append(
                (
                    round(max(0.0, lo - 10), 1) if k < n - 1 else 0.0,
                    round(min(100.0, hi + 10), 1) if k else 100.0,
                )
            )
        draft.options = ordered
    return draft


def phrases(name: str, fields: dict[str, list[str]], rating: SelfRatingDraft | None) -> list[str]:
    """The title, then the longest printed headers and the prompt: what tells this form apart."""
    found = [name]
    candidates = [
        t
        for role in ("evidence", "actions", "in_action_plan", "template", "response", "criterion")
        for t in fields.get(role, [])
    ]
    if rating is not None:
        candidates += rating.prompts[:1]
    for text in sorted(candidates, key=lambda t: -len(t)):
        if len(found) >= DRAFT.max_phrases:
            break
        if words(text) >= 2 and text not in found and not PERCENT.fullmatch(text):
            found.append(text)
    return found
