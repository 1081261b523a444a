"""The results a batch folder holds, read one at a time, and the reports' shared page style."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.batch.store import Store
from app.reports.marker import meta_tag

CSS = (
    "body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}"
    "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;padding:.3rem .5rem;"
    "vertical-align:top;text-align:left}th{background:#eee}.high{background:#f8cbad}"
    ".medium{background:#ffe699}.low{background:#e7e6e6}blockquote{margin:.2rem 0;color:#555}"
)


def page_start(title: str) -> str:
    """The start of a self-contained report page: language, character set, title, style."""
    return (
        f"<!doctype html><html lang='en'><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>{meta_tag()}"
        f"<title>{html.escape(title)}</title><style>{CSS}</style>"
    )


def load_results(out: Path, store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """(source path, result) for every stored result, one at a time (never all in memory)."""
    for _, path, result in load_results_by_hash(out, store):
        yield path, result


def load_results_by_hash(out: Path, store: Store) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(content hash, source path, result) for every stored result."""
    for sha, path, name in store.results():
        target = out / "results" / name
        if target.exists():
            yield sha, path, json.loads(target.read_text(encoding="utf-8"))
