"""`s11 compare PREVIOUS NEW`: load two cycles, match agencies and items, compare each item.

A cycle is a batch output folder (or a service data folder): results/*.json listed by s11.db.
Agencies are matched by name (a names file for renames, then exact, then fuzzy), then by the
same contact on the same toolkit (app/compare/contacts.py; what is still left with the same
toolkit is listed as a possible match), returns of one agency by toolkit (the same id, a pair
named in the names file, or the only return each side when enough items correspond: two
versions of one toolkit), items by id, then by text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from rapidfuzz import fuzz, utils

from app.compare.contacts import Possible, pair_by_contact, possible_matches
from app.compare.loaded import Loaded as Loaded
from mappings.settings import CYCLE
from scoring.cycle import ItemChange, MatchedBy, compare_item
from scoring.dates import first_date
from scoring.result import ItemOut, Result


class CycleError(Exception):
    """A folder or names file that cannot be compared; the message names it and the problem."""


@dataclass(frozen=True)
class Names:
    """The names file: organisations renamed (previous -> new) and toolkits replaced."""

    organisations: dict[str, str] = field(default_factory=dict)
    toolkits: dict[str, str] = field(default_factory=dict)


@dataclass
class Pair:
    previous: Loaded
    new: Loaded
    items: list[ItemChange]
    how: str  # how the agencies were matched: renamed, same name, similar name, 93%


@dataclass
class Comparison:
    previous_folder: Path
    new_folder: Path
    pairs: list[Pair]
    unmatched_previous: list[Loaded]
    unmatched_new: list[Loaded]
    possible: list[Possible] = field(default_factory=list)  # leftovers that may be one agency


# -- loading -------------------------------------------------------------------------------------
def load_cycle(folder: Path) -> list[Loaded]:
    """Every stored result of a batch or service folder, by source path."""
    if not folder.is_dir():
        raise CycleError(f"{folder}: no such folder")
    db, results = folder / "s11.db", folder / "results"
    if not db.is_file() or not results.is_dir():
        raise CycleError(f"{folder}: not a batch output folder (no s11.db and results/)")
    try:
        with closing(sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)) as con:
            rows = list(
                con.execute(
                    "SELECT sha256, path, json_name FROM files WHERE status = 'ok' ORDER BY path"
                )
            )
    except sqlite3.Error as e:
        raise CycleError(f"{folder}: the store s11.db cannot be read ({e})") from e
    loaded = []
    for sha, path, name in rows:
        target = results / name
        try:
            result = Result.model_validate(json.loads(target.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise CycleError(
                f"{target}: listed in s11.db but missing; run the batch again"
            ) from None
        except (OSError, ValueError, ValidationError) as e:
            first = str(e).splitlines()[0]
            raise CycleError(f"{target}: not an s11 result ({first})") from e
        loaded.append(Loaded(sha, path, target, result))
    if not loaded:
        raise CycleError(f"{folder}: holds no results to compare")
    return loaded


def load_names(path: Path | None) -> Names:
    """organisations: {previous name: new name}; toolkits: {previous id: new id}."""
    if path is None:
        return Names()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise CycleError(f"{path}: cannot read the names file ({str(e).splitlines()[0]})") from e
    if not isinstance(data, dict) or set(data) - {"organisations", "toolkits"}:
        raise CycleError(f"{path}: the names file holds only 'organisations:' and 'toolkits:'")
    parts: dict[str, dict[str, str]] = {}
    for key in ("organisations", "toolkits"):
        part = data.get(key) or {}
        if not isinstance(part, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in part.items()
        ):
            raise CycleError(f"{path}: '{key}:' must map previous names to new names")
        parts[key] = part
    return Names(parts["organisations"], parts["toolkits"])


# -- matching agencies ----------------------------------------------------------------------------
def norm_name(name: str) -> str:
    """An organisation's name for matching: case, punctuation, '&' and a leading 'The' ignored."""
    text = re.sub(r"[^\w\s]", " ", name.casefold().replace("&", " and "))
    return re.sub(r"^the\s+", "", " ".join(text.split()))


def name_similarity(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(norm_name(a), norm_name(b), processor=None))


def _toolkits_go(prev: Loaded, new: Loaded, names: Names) -> bool:
    return prev.toolkit == new.toolkit or names.toolkits.get(prev.toolkit) == new.toolkit


def match_returns(
    previous: list[Loaded], new: list[Loaded], names: Names
) -> tuple[list[tuple[Loaded, Loaded, str]], list[Loaded], list[Loaded]]:
    """One-to-one pairs (previous, new, how), then the unmatched of each side."""
    renamed = {norm_name(k): norm_name(v) for k, v in names.organisations.items()}
    candidates: list[tuple[float, int, int, int, str]] = []
    for i, p in enumerate(previous):
        target = renamed.get(norm_name(p.name))
        for j, n in enumerate(new):
            if target is not None:
                score, how = (100.0, "renamed") if norm_name(n.name) == target else (0.0, "")
            elif norm_name(p.name) == norm_name(n.name):
                score, how = 100.0, "same name"
            else:
                score = name_similarity(p.name, n.name)
                how = f"similar name, {score:.0f}%"
            if score >= CYCLE.org_cutoff:
                candidates.append((score, int(p.toolkit == n.toolkit), i, j, how))
    candidates = [c for c in candidates if not _ambiguous(c, candidates, previous, new)]
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    pairs: list[tuple[Loaded, Loaded, str]] = []
    used_p: set[int] = set()
    used_n: set[int] = set()
    # Same toolkit (or one named in the names file) first; then the only return left each side.
    for strict in (True, False):
        for _score, _, i, j, how in candidates:
            if i in used_p or j in used_n:
                continue
            p, n = previous[i], new[j]
            if strict and not _toolkits_go(p, n, names):
                continue
            if not strict and not _versions_of_one_toolkit(p, n, previous, new, used_p, used_n):
                continue
            pairs.append((p, n, how))
            used_p.add(i)
            used_n.add(j)
    left_p = [p for i, p in enumerate(previous) if i not in used_p]
    left_n = [n for j, n in enumerate(new) if j not in used_n]
    for p, n, how in pair_by_contact(previous, new, left_p, left_n):
        pairs.append((p, n, how))
        used_p.add(previous.index(p))
        used_n.add(new.index(n))
    pairs.sort(key=lambda t: (t[1].name.casefold(), t[1].toolkit))
    return (
        pairs,
        [p for i, p in enumerate(previous) if i not in used_p],
        [n for j, n in enumerate(new) if j not in used_n],
    )


def _ambiguous(
    c: tuple[float, int, int, int, str],
    everything: list[tuple[float, int, int, int, str]],
    previous: list[Loaded],
    new: list[Loaded],
) -> bool:
    """A fuzzy candidate is dropped when a differently named agency comes within the margin."""
    score, _, i, j, _ = c
    if score >= 100:
        return False
    for other, _, oi, oj, _ in everything:
        if other <= score - CYCLE.org_margin:
            continue
        if oi == i and oj != j and norm_name(new[oj].name) != norm_name(new[j].name):
            return True
        if oj == j and oi != i and norm_name(previous[oi].name) != norm_name(previous[i].name):
            return True
    return False


def _versions_of_one_toolkit(
    p: Loaded,
    n: Loaded,
    previous: list[Loaded],
    new: list[Loaded],
    used_p: set[int],
    used_n: set[int],
) -> bool:
    """The agency's only unpaired return on each side, with enough items in common."""
    left_p = [
        x
        for i, x in enumerate(previous)
        if i not in used_p and norm_name(x.name) == norm_name(p.name)
    ]
    left_n = [
        x for j, x in enumerate(new) if j not in used_n and norm_name(x.name) == norm_name(n.name)
    ]
    if len(left_p) != 1 or len(left_n) != 1:
        return False
    matched = sum(1 for c in pair_items(p.result.items, n.result.items) if c[0] and c[1])
    return matched >= CYCLE.toolkit_overlap * len(p.result.items)


# -- matching items -----------------------------------------------------------------------------
def text_similarity(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(a, b, processor=utils.default_process))


def pair_items(
    previous: list[ItemOut], new: list[ItemOut]
) -> list[tuple[ItemOut | None, ItemOut | None, MatchedBy | None]]:
    """Items by id (unless the texts differ: a renumbered item's old id taken by a new one),
    then by text similarity; what is left is new or removed. In the new cycle's order, the
    removed ones last."""
    by_id = {i.id: i for i in previous}
    matched: dict[str, tuple[ItemOut, MatchedBy]] = {}
    for n in new:
        p = by_id.get(n.id)
        if p is None:
            continue
        same = text_similarity(p.text, n.text)
        elsewhere = max((text_similarity(p.text, o.text) for o in new if o is not n), default=0.0)
        if same >= CYCLE.item_id_cutoff and not (
            elsewhere >= CYCLE.item_cutoff and elsewhere > same
        ):
            matched[n.id] = (p, "id")
    taken = {p.id for p, _ in matched.values()}
    scored = sorted(
        (
            (text_similarity(p.text, n.text), k, p, n)
            for k, n in enumerate(new)
            if n.id not in matched
            for p in previous
            if p.id not in taken
        ),
        key=lambda t: (-t[0], t[1]),
    )
    for score, _, p, n in scored:
        if score < CYCLE.item_cutoff:
            break
        if n.id in matched or p.id in taken:
            continue
        matched[n.id] = (p, "text")
        taken.add(p.id)
    out: list[tuple[ItemOut | None, ItemOut | None, MatchedBy | None]] = [
        (matched[n.id][0], n, matched[n.id][1]) if n.id in matched else (None, n, None) for n in new
    ]
    out += [(p, None, None) for p in previous if p.id not in taken]
    return out


# -- the comparison -----------------------------------------------------------------------------
def compare_cycles(previous: Path, new: Path, names: Names | None = None) -> Comparison:
    """Load both folders, match, and compare every item of every matched return."""
    if previous.resolve() == new.resolve():
        raise CycleError(f"{new}: PREVIOUS and NEW are the same folder")
    prev_returns, new_returns = load_cycle(previous), load_cycle(new)
    found, left_p, left_n = match_returns(prev_returns, new_returns, names or Names())
    pairs = []
    for p, n, how in found:
        returned = first_date(n.result.organisation.date)
        items = [
            compare_item(a, b, returned, by)
            for a, b, by in pair_items(p.result.items, n.result.items)
        ]
        pairs.append(Pair(p, n, items, how))
    return Comparison(
        previous,
        new,
        pairs,
        left_p,
        left_n,
        possible_matches(prev_returns, new_returns, left_p, left_n),
    )


def as_json(c: Comparison) -> dict[str, Any]:
    """The comparison for scripts (`s11 compare --json`)."""

    def unmatched(x: Loaded) -> dict[str, Any]:
        return {"name": x.name, "toolkit": x.toolkit, "file": Path(x.source).name}

    return {
        "previous": str(c.previous_folder),
        "new": str(c.new_folder),
        "organisations": [
            {
                "name": pair.new.name,
                "previous_name": pair.previous.name,
                "matched_by": pair.how,
                "toolkit": pair.new.toolkit,
                "previous_toolkit": pair.previous.toolkit,
                "file": Path(pair.new.source).name,
                "previous_file": Path(pair.previous.source).name,
                "score": pair.new.result.overall.score,
                "previous_score": pair.previous.result.overall.score,
                "items": [
                    {
                        "id": i.id,
                        "previous_id": i.previous_id,
                        "matched_by": i.matched_by,
                        "section": i.section,
                        "change": i.change,
                        "previous_score": i.previous_score,
                        "score": i.score,
                        "previous_response": i.previous_response,
                        "response": i.response,
                        "evidence_identical": i.evidence_identical,
                        "evidence_date": i.evidence_date.isoformat() if i.evidence_date else None,
                        "evidence_date_named": i.evidence_date_text or None,
                        "evidence_stale": i.evidence_stale,
                        "previous_action": i.action,
                    }
                    for i in pair.items
                ],
            }
            for pair in c.pairs
        ],
        "unmatched": {
            "previous": [unmatched(x) for x in c.unmatched_previous],
            "new": [unmatched(x) for x in c.unmatched_new],
        },
        "possible_matches": [
            {"previous": unmatched(m.previous), "new": unmatched(m.new), "why": m.why}
            for m in c.possible
        ],
    }
