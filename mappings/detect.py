"""Which toolkit is this return? Each toolkit scored by how many of its items find a strong row."""

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
    toolkit's row mapping so the chosen one is not computed twice."""
    text = _document_text(doc)
    scored: list[tuple[Toolkit, float]] = []
    for toolkit in all_toolkits():
        mapped = map_rows(doc, toolkit)
        if keep is not None:
            keep[toolkit.id] = mapped
        matrix = mapped.matrix
        if matrix.shape[0] == 0:
            found = 0.0
        else:
            found = float((matrix.max(axis=0) >= SETTINGS.detect_strong).mean())
        phrases = [fold(p) for p in toolkit.identifying_phrases]
        hits = sum(1 for p in phrases if p and fuzz.partial_ratio(p, text) >= 90)
        phrase_share = hits / len(phrases) if phrases else 0.0
        scored.append(
            (toolkit, round((1 - PHRASE_WEIGHT) * found + PHRASE_WEIGHT * phrase_share, 3))
        )
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return scored


def detect_toolkit(doc: FormDocument) -> tuple[Toolkit, float]:
    """The best toolkit and its confidence, or UnknownToolkitError naming the closest."""
    toolkit, confidence, _ = detect_and_map(doc)
    return toolkit, confidence


def detect_and_map(doc: FormDocument) -> tuple[Toolkit, float, Mapped]:
    """The best toolkit, its confidence and the document's rows mapped onto it."""
    keep: dict[str, Mapped] = {}
    scored = toolkit_scores(doc, keep)
    if not scored or (
        scored[0][1] < SETTINGS.detect_min_confidence and not _few_pages_scanned(scored, keep, doc)
    ):
        raise UnknownToolkitError(doc.source.file, [(t.id, s) for t, s in scored[:3]])
    toolkit, confidence = scored[0]
    return toolkit, confidence, keep[toolkit.id]


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
