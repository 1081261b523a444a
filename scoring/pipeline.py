"""One return end to end: read -> recognise -> map -> score."""

from __future__ import annotations

import contextlib
from pathlib import Path

from scoring.result import Result


def extract(path: Path | str, toolkit_id: str | None = None) -> Result:
    """Read, recognise, map and score one return. Raises S11Error subclasses on bad input."""
    from extractor.dispatch import read_document
    from mappings.answer_places import ensure_answer_places
    from mappings.detect import detect_and_map
    from mappings.read import read_return
    from mappings.toolkits import load_toolkit
    from scoring.build import build_result

    document = read_document(Path(path))
    if toolkit_id is not None:
        toolkit, confidence, mapped = load_toolkit(toolkit_id), 1.0, None
    else:
        toolkit, confidence, mapped = detect_and_map(document)
    reading = read_return(document, toolkit, confidence, mapped)
    ensure_answer_places(reading, toolkit)
    return build_result(reading, toolkit)


def warm_up() -> None:
    """Load now what every return needs: the pipeline's modules, the readers' libraries, the
    lemma tables and the toolkits with their items normalised. A batch parent calls it before
    forking, so its workers start with all of it in memory (shared, copy-on-write) instead
    of each paying the start-up again. Anything that fails here fails again, with its one
    line, on the first return that needs it."""
    import importlib

    for module in (
        "extractor.dispatch", "extractor.docx.reader", "extractor.pdf.reader",
        "extractor.xlsx.reader", "mappings.answer_places", "mappings.detect", "mappings.read",
        "scoring.build", "docx", "openpyxl", "pdfplumber", "pdfplumber.table", "pypdfium2",
    ):
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    from mappings.align import item_norms
    from mappings.lemmas import load
    from mappings.toolkits import all_toolkits

    with contextlib.suppress(Exception):
        load()
        for toolkit in all_toolkits():
            item_norms(toolkit)


def to_json(result: Result) -> str:
    """Deterministic JSON text (same input -> byte-identical output)."""
    return result.model_dump_json(indent=2) + "\n"
