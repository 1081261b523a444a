"""Row -> item alignment: a rapidfuzz similarity matrix plus numbering agreement.

Each content row offers candidate texts (each of its cells, and a cell joined with the same
column of the next row, for criteria split over two rows). A row's score for an item is the
best of its candidates; one row per item, best pairs first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from extractor.model import Cell, FormDocument
from mappings.layout import TEXT_ROLES, Unit, build_units, role_of
from mappings.normalise import cut_short, fold, leading_id, normalise_many, strip_numbering
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit
from mappings.vocab import Vocabulary

_CACHE: dict[str, str] = {}
_PART = re.compile(r"^\s*part\s+\d+[a-z]?\s*[:.\-]?\s*", re.IGNORECASE)


def norm_all(texts: list[str]) -> list[str]:
    """Normalise texts with a process-wide cache (rows repeat across toolkits)."""
    missing = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if missing:
        for raw, norm in zip(missing, normalise_many(missing), strict=True):
            _CACHE[raw] = norm
        if len(_CACHE) > 50_000:
            _CACHE.clear()
    return [_CACHE.get(t) or normalise_many([t])[0] for t in texts]


_ITEMS: dict[tuple[tuple[str, str], ...], tuple[list[str], list[str]]] = {}


def item_norms(toolkit: Toolkit) -> tuple[list[str], list[str]]:
    """Item ids and their normalised texts, once per set of items: keyed by the items
    themselves, never by the toolkit's id (a toolkit drafted again, or edited, under the same
    id and with as many items read stale ids and crashed)."""
    key = tuple((item.id, item.text) for _, item in toolkit.all_items())
    if key not in _ITEMS:
        if len(_ITEMS) > 256:
            _ITEMS.clear()
        _ITEMS[key] = ([i for i, _ in key], norm_all([t for _, t in key]))
    return _ITEMS[key]


@dataclass
class Candidate:
    unit: Unit
    number: str | None
    texts: list[str]


@dataclass(frozen=True)
class Match:
    item_id: str
    unit: Unit
    score: float  # 0..100
    text: str  # the row text that matched
    margin: float = 100.0  # lead over the next best item for this row and row for this item
    clipped: bool = False  # matched only as its criterion cut short ("1.1 There i")


def candidates(units: list[Unit], toolkit: Toolkit) -> list[Candidate]:
    """Content rows that could hold a criterion, with their candidate texts.

    Section headings ("1. SENIOR LEVEL COMMITMENT…", "Part 2: Service Delivery…") are not.
    """
    titles = section_titles(toolkit)
    out: list[Candidate] = []
    vocab = Vocabulary(toolkit)
    for index, unit in enumerate(units):
        if unit.row is None or unit.kind != "content" or _legend_row(unit, vocab):
            continue
        texts: list[str] = []
        number: str | None = None
        nxt = units[index + 1] if index + 1 < len(units) else None
        joinable = (
            nxt is not None
            and nxt.row is not None
            and nxt.table is unit.table
            and nxt.kind == "content"
            and _number(nxt) is None
        )
        for position, cell in enumerate(unit.cells):
            if not cell.text or cell.continued:
                continue
            if number is None:
                number = leading_id(cell.text)
            role = role_of(unit, cell, position)
            if role in TEXT_ROLES and not _whole_row(unit, cell):
                continue
            if cell.marks and len(cell.text.split()) <= 6:
                continue  # the option words beside the boxes
            if len(cell.text.split()) >= SETTINGS.min_criterion_words:
                if is_heading(cell.text, titles):
                    continue
                texts.append(cell.text)
                if joinable and nxt is not None and _only_cell(nxt, position):
                    below = nxt.cells[position]
                    if below.text and not below.continued:
                        texts.append(f"{cell.text} {below.text}")
        if texts:
            out.append(Candidate(unit, number, texts))
    return out


def _whole_row(unit: Unit, cell: Cell) -> bool:
    """A cell merged across its whole row stands under no one column: the roles in force
    (carried over from a table above of the same width) are not its role."""
    return cell.col_span > 1 and len(unit.cells) == 1


def _legend_row(unit: Unit, vocab: Vocabulary) -> bool:
    """A rating key row ("Amber: | Something requires review or improvement."): its first
    cell names an option and ends with a colon. It explains the scale; it is no criterion."""
    first = next((c.text.strip() for c in unit.cells if c.text.strip()), "")
    return first.endswith(":") and vocab.exact(first) is not None


def _only_cell(unit: Unit, position: int) -> bool:
    """A continuation row: text in this one cell, nothing (text, tick, shade) anywhere else."""
    if position >= len(unit.cells):
        return False
    for index, cell in enumerate(unit.cells):
        filled = cell.text or cell.all_marks() or cell.fill
        if index != position and filled and not cell.continued:
            return False
    return True


def section_titles(toolkit: Toolkit) -> list[str]:
    """Folded section titles, except those that are also an item's criterion (bscb2016 areas)."""
    titles: list[str] = []
    for section in toolkit.sections:
        title = fold(strip_numbering(section.title))
        if not any(fuzz.token_set_ratio(title, fold(i.text)) >= 80 for i in section.items):
            titles.append(title)
    return titles


def is_heading(text: str, titles: list[str]) -> bool:
    """A section heading: the text is (nearly) a section title, numbering and "Part N" aside."""
    return _is_heading(text, tuple(titles))


@lru_cache(maxsize=65_536)
def _is_heading(text: str, titles: tuple[str, ...]) -> bool:
    folded = fold(strip_numbering(_PART.sub("", text)))
    for title in titles:
        # Both tests below need lengths within these bounds: most cells fail here cheaply.
        if not title or not 0.7 * len(title) - 10 <= len(folded) <= 1.35 * len(title) + 10:
            continue
        if fuzz.ratio(folded, title) >= 85:
            return True
        if (
            fuzz.token_set_ratio(folded, title) >= 92
            and 0.7 * len(title) - 10 <= len(folded) <= 1.3 * len(title) + 10
        ):
            return True
    return False


def _number(unit: Unit) -> str | None:
    for cell in unit.cells:
        if cell.text and not cell.continued:
            return leading_id(cell.text)
    return None


@dataclass
class Mapped:
    """A document's rows against one toolkit: units, candidate rows and their scores."""

    vocab: Vocabulary
    units: list[Unit]
    cands: list[Candidate]
    matrix: np.ndarray
    clipped: frozenset[tuple[int, int]] = frozenset()  # (row, item) matched as cut short


def map_rows(doc: FormDocument, toolkit: Toolkit) -> Mapped:
    vocab = Vocabulary(toolkit)
    units = build_units(doc, toolkit, vocab)
    cands = candidates(units, toolkit)
    clipped: set[tuple[int, int]] = set()
    return Mapped(vocab, units, cands, score_matrix(cands, toolkit, clipped), frozenset(clipped))


def score_matrix(
    cands: list[Candidate], toolkit: Toolkit, clipped: set[tuple[int, int]] | None = None
) -> np.ndarray:
    """Scores (candidate rows x items), 0..100, numbering agreement included; `clipped`
    collects the pairs matched only as a criterion cut short."""
    ids, items = item_norms(toolkit)
    if not cands:
        return np.zeros((0, len(ids)), dtype=np.float32)
    flat = [t for c in cands for t in c.texts]
    owner = np.repeat(np.arange(len(cands)), [len(c.texts) for c in cands])
    norms = norm_all(flat)
    sets = process.cdist(norms, items, scorer=fuzz.token_set_ratio, dtype=np.float32)
    sorts = process.cdist(norms, items, scorer=fuzz.token_sort_ratio, dtype=np.float32)
    n_row = np.array([max(len(n.split()), 1) for n in norms], dtype=np.float32)[:, None]
    n_item = np.array([max(len(n.split()), 1) for n in items], dtype=np.float32)[None, :]
    coverage = np.sqrt(np.minimum(1.0, n_row / (0.6 * n_item)))
    # A row much longer than the item ("The Practice can demonstrate that ...") is no match.
    sets = sets * np.sqrt(np.minimum(1.0, n_item / (0.5 * n_row)))
    per_text = np.maximum(
        np.maximum(sorts, sets * coverage), _prefix(norms, items) * (0.85 + 0.15 * coverage)
    )
    matrix = np.full((len(cands), len(ids)), 0.0, dtype=np.float32)
    np.maximum.at(matrix, owner, per_text)
    for row, col in _clipped(cands, toolkit, ids):
        if float(matrix[row, col]) < SETTINGS.clipped_match:
            matrix[row, col] = SETTINGS.clipped_match
            if clipped is not None:
                clipped.add((row, col))
    for row, cand in enumerate(cands):
        if cand.number is None:
            continue
        same = np.array([i == cand.number for i in ids])
        # Not capped at 100: between two equally worded items the number decides.
        matrix[row] = np.where(
            same,
            matrix[row] + SETTINGS.numbering_bonus,
            matrix[row] - SETTINGS.numbering_penalty,
        )
    return matrix


def _clipped(cands: list[Candidate], toolkit: Toolkit, ids: list[str]) -> list[tuple[int, int]]:
    """(row, item) pairs where a row numbered as the item shows the start of its criterion
    and no more: a printed cell cut it short ("1.1 There i")."""
    texts = {item.id: item.text for _, item in toolkit.all_items()}
    out: list[tuple[int, int]] = []
    for row, cand in enumerate(cands):
        criterion = texts.get(cand.number or "")
        if criterion is not None and any(
            cut_short(t, criterion, SETTINGS.clipped_min_chars) for t in cand.texts
        ):
            out.append((row, ids.index(cand.number or "")))
    return out


def _prefix(norms: list[str], items: list[str]) -> np.ndarray:
    """Similarity of each text to the same-length start of each item (truncated criteria)."""
    out = np.zeros((len(norms), len(items)), dtype=np.float32)
    lengths = np.array([len(item) for item in items])
    for row, text in enumerate(norms):
        if len(text) < 12:
            continue
        starts = [item[: len(text)] for item in items]
        scores = process.cdist([text], starts, scorer=fuzz.ratio, dtype=np.float32)[0]
        out[row] = np.where(len(text) < lengths, scores, 0.0)
    return out


def assign(
    cands: list[Candidate],
    matrix: np.ndarray,
    toolkit: Toolkit,
    clipped: frozenset[tuple[int, int]] = frozenset(),
) -> dict[str, Match]:
    """One row per item: best pairs first, ties broken by document order."""
    ids, _ = item_norms(toolkit)
    rows, cols = np.nonzero(matrix >= SETTINGS.match_cutoff)
    pairs = sorted(
        zip(rows.tolist(), cols.tolist(), strict=True),
        key=lambda rc: (-float(matrix[rc[0], rc[1]]), abs(rc[0] - rc[1]), rc[0]),
    )
    used_rows: set[int] = set()
    matches: dict[str, Match] = {}
    for row, col in pairs:
        item_id = ids[col]
        if row in used_rows or item_id in matches:
            continue
        used_rows.add(row)
        cand = cands[row]
        raw = float(matrix[row, col])
        score = min(100.0, raw)
        margin = _margin(matrix, row, col)
        matches[item_id] = Match(
            item_id, cand.unit, score, cand.texts[0], margin, (row, col) in clipped
        )
    return matches


def _margin(matrix: np.ndarray, row: int, col: int) -> float:
    """How far this item leads the next best item for the same row (0..100).

    Another row as like this item (a criterion repeated in a summary or action plan) is
    no doubt about which item this row is."""
    others = np.delete(matrix[row], col)
    rival = float(others.max()) if others.size else 0.0
    return max(0.0, min(100.0, float(matrix[row, col]) - rival))
