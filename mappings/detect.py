"""Which toolkit is this return? Each toolkit scored by how many of its items find a strong row,
with a small share for its identifying phrases found in the text.

Mapping a document's rows onto a toolkit is the costly part, so `detect_and_map` maps the
toolkits in order of their phrase scores and skips a rival whose best possible score (every
item found) still cannot beat the best score so far: the winner, its confidence and its
mapping are exactly those of scoring every toolkit in full (`toolkit_scores`)."""

from __future__ import annotations

from rapidfuzz import fuzz

from extractor.errors import UnknownToolkitError
from extractor.model import FormDocument
from mappings.align import Mapped, map_rows
from mappings.normalise import fold
from mappings.settings import SETTINGS
from mappings.toolkits import all_toolkits
from mappings.toolkits.schema import Toolkit

PHRASE_WEIGHT = 0.15  # share of the confidence given to identifying phrases


def toolkit_scores(
    doc: FormDocument, keep: dict[str, Mapped] | None = None
) -> list[tuple[Toolkit, float]]:
    """Every toolkit with its confidence for this document, best first; `keep` collects each
    toolkit's row mapping."""
    text = _document_text(doc)
    scored: list[tuple[Toolkit, float]] = []
    for toolkit in all_toolkits():
        mapped = map_rows(doc, toolkit)
        if keep is not None:
            keep[toolkit.id] = mapped
        scored.append((toolkit, _score(_found(mapped), _phrase_share(toolkit, text))))
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return scored


def detect_toolkit(doc: FormDocument) -> tuple[Toolkit, float]:
    """The best toolkit and its confidence, or UnknownToolkitError naming the closest."""
    toolkit, confidence, _ = detect_and_map(doc)
    return toolkit, confidence


def detect_and_map(doc: FormDocument) -> tuple[Toolkit, float, Mapped]:
    """The best toolkit, its confidence and the document's rows mapped onto it: the first of
    `toolkit_scores`, with the rivals that provably cannot win left unmapped."""
    text = _document_text(doc)
    shares = {t.id: _phrase_share(t, text) for t in all_toolkits()}
    best: tuple[Toolkit, float, Mapped] | None = None
    scored: list[tuple[Toolkit, float]] = []
    keep: dict[str, Mapped] = {}
    for toolkit in sorted(all_toolkits(), key=lambda t: (-shares[t.id], t.id)):
        if best is not None and not _beats(_score(1.0, shares[toolkit.id]), toolkit, best):
            continue  # even with every item found it would not come first
        mapped = map_rows(doc, toolkit)
        keep[toolkit.id] = mapped
        score = _score(_found(mapped), shares[toolkit.id])
        scored.append((toolkit, score))
        if best is None or _beats(score, toolkit, best):
            best = (toolkit, score, mapped)
    if best is None or best[1] < SETTINGS.detect_min_confidence:
        # A rival is skipped only below a best score of at least 1 - PHRASE_WEIGHT, far above
        # the minimum: here every toolkit was scored, so the closest three are the true ones.
        scored.sort(key=lambda pair: (-pair[1], pair[0].id))
        if _few_pages_scanned(scored, keep, doc):
            toolkit, confidence = scored[0]
            return toolkit, confidence, keep[toolkit.id]
        raise UnknownToolkitError(doc.source.file, [(t.id, s) for t, s in scored[:3]])
    return best


def _beats(score: float, toolkit: Toolkit, best: tuple[Toolkit, float, Mapped]) -> bool:
    """Would this toolkit with this score come before the best in `toolkit_scores`' order?"""
    return score > best[1] or (score == best[1] and toolkit.id < best[0].id)


def _score(found: float, phrase_share: float) -> float:
    """The confidence: rounding and arithmetic are monotonic, so found=1 bounds it above."""
    return round((1 - PHRASE_WEIGHT) * found + PHRASE_WEIGHT * phrase_share, 3)


def _found(mapped: Mapped) -> float:
    """Share of the toolkit's items some row matches strongly."""
    matrix = mapped.matrix
    if matrix.shape[0] == 0:
        return 0.0
    return float((matrix.max(axis=0) >= SETTINGS.detect_strong).mean())


def _phrase_share(toolkit: Toolkit, text: str) -> float:
    """Share of the toolkit's identifying phrases found (nearly) verbatim in the text."""
    phrases = [fold(p) for p in toolkit.identifying_phrases]
    hits = sum(1 for p in phrases if p and fuzz.partial_ratio(p, text) >= 90)
    return hits / len(phrases) if phrases else 0.0


def _strong(mapped: Mapped) -> int:
    """How many of the toolkit's items find a strong row."""
    matrix = mapped.matrix
    return int((matrix.max(axis=0) >= SETTINGS.detect_strong).sum()) if matrix.shape[0] else 0


def _few_pages_scanned(
    scored: list[tuple[Toolkit, float]], keep: dict[str, Mapped], doc: FormDocument
) -> bool:
    """A scan of a few of a return's pages (or one whose other pages could not be read): few
    of the toolkit's items, but each found strongly, and far more than any other toolkit's."""
    if not doc.scanned:
        return False
    counts = [_strong(keep[t.id]) for t, _ in scored]
    runner_up = counts[1] if len(counts) > 1 else 0
    return counts[0] >= SETTINGS.detect_min_items and counts[0] >= 2 * runner_up


def _document_text(doc: FormDocument, limit: int = 60_000) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.walk_tables():
        for row in table.rows[:40]:
            parts.extend(c.text for c in row.cells if c.text)
    return fold(" ".join(parts))[:limit]
