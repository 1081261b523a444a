"""Where self-ratings stand: the prompts, the section headings, and which section each
prompt closes.

Readers can misplace whole tables (a PDF table running on past the next section's heading,
the heading and the prompt printed after it), so a prompt's section is not simply the
section of the last item above it: the item above, the heading above and the heading after
each vote, and prompts and sections are matched in document order.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from mappings.layout import Unit
from mappings.normalise import fold, strip_numbering
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit

_MARKER = re.compile(
    r"^\s*(?:(?:part|standard|section|area)\s*)?(\d{1,2}[a-z]?)\s*(?:[:.)\-\u2013\u2014]+\s*|\s+)",
    re.IGNORECASE,
)
_PART = re.compile(r"^\s*part\s+\d+[a-z]?\s*[:.\-\u2013\u2014]?\s*", re.IGNORECASE)


def is_prompt(unit: Unit, toolkit: Toolkit) -> bool:
    """A self-rating prompt row/paragraph ("How do you rate your compliance…")."""
    if toolkit.self_rating is None:
        return False
    text = fold(unit.text)
    if not text:
        return False
    for prompt in toolkit.self_rating.prompts:
        target = fold(prompt)
        similar = fuzz.partial_ratio(target, text) >= SETTINGS.prompt_cutoff
        if similar and len(text) >= 0.6 * len(target):
            return True
    return False


class Headings:
    """Which section a heading line or row names ("Part 2: Service Delivery…", "Standard 3:
    A clear line of accountability…", "1B - Senior management…" wrapped over lines)."""

    def __init__(self, toolkit: Toolkit) -> None:
        self.ids = {s.id.lower(): s.id for s in toolkit.sections}
        self.titles = [(s.id, fold(strip_numbering(s.title))) for s in toolkit.sections]
        self._cache: dict[str, tuple[bool, str | None]] = {}

    def of(self, text: str) -> tuple[bool, str | None]:
        """(is a section heading, the section it names or None when unsure which)."""
        if text not in self._cache:
            self._cache[text] = self._of(text)
        return self._cache[text]

    def _of(self, text: str) -> tuple[bool, str | None]:
        if not text or len(text) > 600:
            return False, None
        marker = _MARKER.match(text)
        named = self.ids.get(marker.group(1).lower()) if marker else None
        rest = text[marker.end() :] if marker else text
        folded = fold(strip_numbering(_PART.sub("", rest)))
        if len(folded) < 4:
            return False, None
        scored: list[tuple[float, str]] = []
        for section_id, title in self.titles:
            if not title:
                continue
            score = float(fuzz.ratio(folded, title))
            if 0.7 * len(title) - 10 <= len(folded) <= 1.3 * len(title) + 10:
                whole = float(fuzz.token_set_ratio(folded, title))
                score = max(score, whole if whole >= 92 else 0.0)
            short = min(len(folded), len(title))
            if short >= 25:
                prefix = float(fuzz.ratio(folded[:short], title[:short]))
                score = max(score, prefix if prefix >= SETTINGS.heading_prefix_cutoff else 0.0)
            if score >= SETTINGS.heading_cutoff:
                scored.append((score, section_id))
        if not scored:
            return False, None
        if named is not None and any(sid == named for _, sid in scored):
            return True, named
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[1][0] >= scored[0][0] - 1:
            return True, None  # wrapped first lines shared by two titles ("Senior management…")
        return True, scored[0][1]


def first_text(unit: Unit) -> str:
    if unit.paragraph is not None:
        return unit.paragraph.text
    return next((c.text for c in unit.cells if c.text and not c.continued), "")


def assign_prompts(
    units: list[Unit],
    item_units: dict[int, str],
    prompts: list[int],
    rated: list[str],
    toolkit: Toolkit,
    headings: Headings,
) -> dict[int, str]:
    """Each prompt's section, prompts and sections kept in document order.

    A prompt closes its section: the last item row above it, the last heading above it and
    the heading after it (the next section's) each vote. Readers can misplace whole tables
    (a PDF table running on past the next heading), so the votes are weighed together,
    in order, rather than trusting any one."""
    order = [s.id for s in toolkit.sections]
    heads: list[tuple[int, str]] = []
    for unit in units:
        if unit.order in item_units:
            continue
        heading, named = headings.of(first_text(unit))
        if heading and named is not None:
            heads.append((unit.order, named))
    votes: list[dict[str, int]] = []
    for index, prompt in enumerate(prompts):
        vote: dict[str, int] = {}
        following = prompts[index + 1] if index + 1 < len(prompts) else len(units)
        above = [sec for o, sec in sorted(item_units.items()) if o < prompt]
        if above:
            vote[above[-1]] = vote.get(above[-1], 0) + 1
        before = [sec for o, sec in heads if o < prompt]
        if before:
            vote[before[-1]] = vote.get(before[-1], 0) + 1
        nxt_item = min((o for o in item_units if o > prompt), default=len(units))
        after = [sec for o, sec in heads if prompt < o < min(following, nxt_item + 1)]
        if after and order.index(after[0]) > 0:
            closed = order[order.index(after[0]) - 1]
            vote[closed] = vote.get(closed, 0) + 1
        votes.append(vote)
    assigned = _align(prompts, votes, rated)
    # A prompt left over (the prompt printed twice in one section) still rates the section
    # its votes name, if that keeps the prompts in document order.
    for index, prompt in enumerate(prompts):
        vote = votes[index]
        if prompt in assigned or not vote:
            continue
        top = max(vote.values())
        tops = [sec for sec, count in vote.items() if count == top and sec in rated]
        if len(tops) != 1:
            continue
        place = rated.index(tops[0])
        earlier = [rated.index(assigned[p]) for p in prompts[:index] if p in assigned]
        later = [rated.index(assigned[p]) for p in prompts[index + 1 :] if p in assigned]
        if (not earlier or place >= max(earlier)) and (not later or place <= min(later)):
            assigned[prompt] = tops[0]
    return assigned


def _align(prompts: list[int], votes: list[dict[str, int]], rated: list[str]) -> dict[int, str]:
    """Monotone assignment of prompts to sections with the most votes; a prompt goes only
    to a section it votes for (a small credit per prompt placed breaks ties)."""
    m, n = len(prompts), len(rated)
    credit = 1.0 / (4 * max(m, 1))
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    step = [[""] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        for j in range(n + 1):
            choices: list[tuple[float, str]] = [(best[i - 1][j], "skip_prompt")]
            if j > 0:
                choices.append((best[i][j - 1], "skip_section"))
                vote = votes[i - 1].get(rated[j - 1], 0)
                if vote > 0:
                    choices.append((best[i - 1][j - 1] + vote + credit, "take"))
            best[i][j], step[i][j] = max(choices, key=lambda c: (c[0], c[1] == "take"))
    out: dict[int, str] = {}
    i, j = m, n
    while i > 0:
        move = step[i][j]
        if move == "take":
            out[prompts[i - 1]] = rated[j - 1]
            i, j = i - 1, j - 1
        elif move == "skip_section":
            j -= 1
        else:
            i -= 1
    return out
