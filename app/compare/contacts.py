"""A renamed agency found without a names file: the same contact on the same toolkit.

After the names have paired what they can, each return left over in the previous cycle is
paired with the one left over in the new cycle that shares its person completing, an email
address or a phone number, under the same toolkit, when that contact is on no other return of
either cycle (a shared practice mailbox is no evidence). Leftovers with no such evidence but the
same toolkit, or a shared contact under another toolkit, are listed side by side as possible
matches for a person to confirm (a names file line makes it a pair).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from app.compare.loaded import Loaded

# A title before a name ("DCI Asha Patel", "Dr. Ann Morris") is not part of the person.
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "rev", "dci", "di", "ds", "dc", "supt", "cllr"}


@dataclass(frozen=True)
class Possible:
    """Two leftovers that may be one agency: shown side by side, never paired silently."""

    previous: Loaded
    new: Loaded
    why: str  # "same toolkit", "same contact, Mark Owusu; toolkit wt2023 -> wt2026"


def person(text: str) -> str:
    """The person completing, for matching: before any comma (the role), titles dropped."""
    words = re.sub(r"[^\w\s'-]", " ", text.split(",")[0].casefold()).split()
    return " ".join(w for w in words if w not in _TITLES)


def contact_keys(x: Loaded) -> dict[str, str]:
    """What identifies the person behind a return -> how to say it ("Fiona Nowak")."""
    org = x.result.organisation
    keys: dict[str, str] = {}
    who = person(org.completed_by)
    if len(who.split()) >= 2:  # a first name alone, or a role, names nobody
        keys[f"person:{who}"] = org.completed_by.split(",")[0].strip()
    for part in org.contact.split(";"):
        part = part.strip()
        if "@" in part:
            keys[f"email:{part.casefold()}"] = part
        elif part:
            digits = re.sub(r"\D", "", part)
            keys[f"phone:{digits[-10:]}"] = part
    return keys


def _shared(p: Loaded, n: Loaded, unique: Callable[[str], bool]) -> list[str]:
    """How p and n are the same person, in words, from keys no other return carries."""
    pk, nk = contact_keys(p), contact_keys(n)
    return [nk[k] for k in nk if k in pk and unique(k)]


def _only_here(previous: list[Loaded], new: list[Loaded]) -> Callable[[str], bool]:
    """Whether a contact key is on one return of each cycle at most (a role or a shared mailbox
    printed on every return names nobody)."""
    counts = [Counter(k for x in returns for k in contact_keys(x)) for returns in (previous, new)]
    return lambda key: counts[0][key] <= 1 and counts[1][key] <= 1


def pair_by_contact(
    previous: list[Loaded], new: list[Loaded], left_p: list[Loaded], left_n: list[Loaded]
) -> list[tuple[Loaded, Loaded, str]]:
    """Leftover pairs (previous, new, "same contact, Fiona Nowak"), each side's only candidate."""
    unique = _only_here(previous, new)
    found = [
        (p, n, shared)
        for p in left_p
        for n in left_n
        if p.toolkit == n.toolkit and (shared := _shared(p, n, unique))
    ]
    per_p = Counter(id(p) for p, _, _ in found)
    per_n = Counter(id(n) for _, n, _ in found)
    return [
        (p, n, "same contact, " + ", ".join(shared))
        for p, n, shared in found
        if per_p[id(p)] == 1 and per_n[id(n)] == 1
    ]


def possible_matches(
    previous: list[Loaded], new: list[Loaded], left_p: list[Loaded], left_n: list[Loaded]
) -> list[Possible]:
    """Every leftover pair with the same toolkit or a shared contact, for a person to confirm."""
    unique = _only_here(previous, new)
    out = []
    for p in left_p:
        for n in left_n:
            shared = ", ".join(_shared(p, n, unique))
            if p.toolkit == n.toolkit:
                why = "same toolkit" + (f", same contact {shared}" if shared else "")
            elif shared:
                why = f"same contact, {shared}; toolkit {p.toolkit} → {n.toolkit}"
            else:
                continue
            out.append(Possible(p, n, why))
    return out
