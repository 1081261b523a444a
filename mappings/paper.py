"""Honest confidence on paper: an item read from a scanned page is only sure when the page
was understood where its answer goes.

A digital file that shows no tick in a row really has none; a scan that shows none may have
lost the box, the row or the words. So on scanned pages (FormDocument.scanned) an item is
held below the sure mark, with the reason, when its row was not located, its row shows no
box for each option empty, two options read as marked (a pen stroke overrunning its box, a shade
misjudged), or its page's
words were read poorly."""

from __future__ import annotations

from extractor.model import FormDocument, ScannedPage
from mappings.layout import Unit
from mappings.reading import ItemReading
from mappings.settings import SETTINGS


def check_on_paper(
    doc: FormDocument, reading: ItemReading, block: list[Unit] | None, options: int
) -> None:
    """Lower `reading`'s confidence, naming why, where the scan did not show its answer place.
    `block`: the item's rows (None when no row matched); `options`: how many options the
    toolkit prints a box for (0 for an item answered in words)."""
    if not doc.scanned:
        return
    if block is None:
        _doubt(reading, "its row was not located on the scanned pages (OCR may have misread it)")
        return
    pages = sorted({p for unit in block for p in _pages(unit)} & set(doc.scanned))
    if not pages:
        return  # a text page of a PDF with some scanned pages
    poor = [doc.scanned[p] for p in pages if _poor(doc.scanned[p])]
    if poor:
        page = poor[0]
        _doubt(
            reading,
            f"OCR too poor on scanned page {page.number} "
            f"(words read at {page.word_confidence:.0f}% median confidence)",
        )
    if not options:
        return
    boxes = sum(
        1 for unit in block for cell in unit.cells for m in cell.all_marks() if m.source == "scan"
    )
    if len(reading.marked) > 1:
        _doubt(reading, "two options read as marked on a scanned page (a pen mark may overrun "
                        "its box, a shade may be misjudged)")
    elif not reading.marked and boxes < options:
        what = "no tick box" if not boxes else f"only {boxes} of its {options} option boxes"
        _doubt(reading, f"{what} found in its row on scanned page {pages[0]}, so it cannot "
                        "be told unanswered (a ticked box may not have been seen)")


def _pages(unit: Unit) -> set[int]:
    found = {c.provenance.page for c in unit.cells if c.provenance.page is not None}
    if unit.paragraph is not None and unit.paragraph.provenance.page is not None:
        found.add(unit.paragraph.provenance.page)
    return found


def _poor(page: ScannedPage) -> bool:
    return page.word_confidence < SETTINGS.paper_ocr_sure


def _doubt(reading: ItemReading, why: str) -> None:
    current = 1.0 if reading.confidence is None else reading.confidence
    reading.confidence = min(current, SETTINGS.conf_paper)
    reading.doubt = f"{reading.doubt}; {why}" if reading.doubt else why
