"""Decisions typed into gaps.xlsx, read into the store before the workbook is rewritten.

A row counts as a reviewer's change when its status or comment differs from what s11 wrote
there (the hidden "Written" column). Workbooks written before gaps had ids are matched by
file, item, section and kind, in order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from app.batch.store import Store
from app.labels import kind_of
from app.reports.cells import restore
from app.review.decisions import STATUSES, ReviewError, decide, gap_sha

WORKBOOK = "gaps.xlsx"


def _text(value: Any) -> str:
    """A cell as s11 wrote it: the quote that kept a formula out taken off again."""
    return "" if value is None else restore(str(value)).strip()


def _status(value: Any) -> str:
    return _text(value).lower().replace(" ", "_") or "open"


def _by_place(store: Store) -> dict[tuple[str, str, str, str], list[str]]:
    """(file name, item, section, kind) → the gap ids in order, for workbooks without ids."""
    found: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    rows = store.db.execute(
        "SELECT f.path, g.item, g.section, g.kind, g.gap_id FROM gaps g "
        "JOIN files f ON f.sha256 = g.sha256 ORDER BY f.path, g.position"
    )
    for path, item, section, kind, gap_id in rows:
        found[(Path(path).name, item or "", section or "", kind)].append(gap_id)
    return found


def read_decisions(store: Store, path: Path) -> list[str]:
    """Apply the reviewer's changes in an existing workbook; returns one line per problem."""
    if not path.exists():
        return []
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # a damaged or locked workbook: say so, keep the store as it is
        return [f"{path.name}: cannot read the reviewer decisions ({type(e).__name__}: {e})"]
    try:
        ws = wb["Gaps"] if "Gaps" in wb.sheetnames else wb.active
        rows = ws.iter_rows(values_only=True)
        header = [_text(h) for h in next(rows, ())]
        return _apply(store, path, header, rows)
    finally:
        wb.close()


def _apply(store: Store, path: Path, header: list[str], rows: Any) -> list[str]:
    col = {name: n for n, name in enumerate(header) if name}
    if "Reviewer status" not in col:
        return [f"{path.name}: no 'Reviewer status' column; decisions not read"]
    problems: list[str] = []
    places = None if "Gap id" in col else _by_place(store)
    taken: dict[tuple[str, str, str, str], int] = defaultdict(int)

    def cell(row: tuple[Any, ...], name: str) -> Any:
        n = col.get(name)
        return row[n] if n is not None and n < len(row) else None

    for number, row in enumerate(rows, start=2):
        if places is None:
            gap_id = _text(cell(row, "Gap id"))
        else:
            place = tuple(_text(cell(row, k)) for k in ("File", "Item", "Section", "Gap"))
            key = (place[0], place[1], place[2], kind_of(place[3]))
            ids, n = places.get(key, []), taken[key]
            taken[key] += 1
            gap_id = ids[n] if n < len(ids) else ""
        if not gap_id or gap_sha(store, gap_id) is None:
            continue
        status = _status(cell(row, "Reviewer status"))
        comment = _text(cell(row, "Reviewer comments"))
        written = ["open", "", ""]
        if _text(cell(row, "Written")):
            try:
                written = list(json.loads(_text(cell(row, "Written"))))
            except (ValueError, TypeError):
                written = ["open", "", ""]
        if [status, comment] == written[:2]:
            continue
        if status not in STATUSES:
            problems.append(
                f"{path.name} row {number}: unknown status {status!r}; "
                f"use one of {', '.join(STATUSES)}"
            )
            continue
        reviewer = _text(cell(row, "Reviewer"))
        who = WORKBOOK if not reviewer or reviewer == written[2] else f"{reviewer} ({WORKBOOK})"
        try:
            decide(store, gap_id, status, comment, who)
        except ReviewError as e:
            problems.append(f"{path.name} row {number}: {e}")
    return problems
