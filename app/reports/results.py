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
    "body{font-family:system-ui,sans-serif;margin:clamp(.75rem,3vw,2rem);max-width:70rem;"
    "color:#1a1a1a}table{border-collapse:collapse;margin:0}td,th{border:1px solid #949494;"
    "padding:.3rem .5rem;vertical-align:top;text-align:left;overflow-wrap:break-word}"
    "th{background:#eee}caption{text-align:left;font-weight:bold;padding:.3rem 0}"
    ".scroll{overflow-x:auto;margin:1rem 0;max-width:100%}svg{max-width:100%;height:auto}"
    ".high{background:#f8cbad}.medium{background:#ffe699}.low{background:#e7e6e6}"
    "blockquote{margin:.2rem 0;color:#4a4a4a}figure{margin:1rem 0}"
)
TABLE_END = "</table></div>"


def table_start(caption: str) -> str:
    """A captioned table in a region that scrolls sideways on its own on a narrow screen, so
    the page itself reflows (WCAG 1.4.10); close it with TABLE_END."""
    e = html.escape(caption, quote=True)
    return (
        f"<div class='scroll' role='region' aria-label='{e}' tabindex='0'><table>"
        f"<caption>{e}</caption>"
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
