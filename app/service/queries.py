"""What the API and the pages show, read from the store and the stored results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.batch.store import Store
from app.labels import needs_person_first
from app.review.decisions import OPEN, decisions_for
from app.service.names import shown_name

FILE_STATUS = {"ok": "done", "failed": "failed"}


def list_returns(store: Store) -> list[dict[str, Any]]:
    """Every return: stored results and failures, and uploads still queued or processing."""
    pending = {
        sha: (name, status)
        for sha, name, status in store.db.execute(
            "SELECT sha256, name, status FROM jobs WHERE status IN ('queued', 'processing') "
            "ORDER BY id"
        )
    }
    names: dict[str, list[str]] = {}  # every name a return was uploaded under, first first
    for sha, name in store.db.execute("SELECT sha256, name FROM jobs ORDER BY id"):
        if name not in names.setdefault(sha, []):
            names[sha].append(name)
    rows = store.db.execute(
        "SELECT f.sha256, f.path, f.organisation, f.toolkit, f.score, f.grade, f.status, "
        "f.reason, f.seconds, (SELECT count(*) FROM gaps g LEFT JOIN decisions d "
        "ON d.gap_id = g.gap_id WHERE g.sha256 = f.sha256 AND coalesce(d.status, 'open') = "
        "'open') FROM files f ORDER BY lower(coalesce(f.organisation, '')), f.path"
    )
    out = []
    for sha, path, org, toolkit, score, grade, status, reason, seconds, open_gaps in rows:
        name, now = pending.pop(sha, (None, None))
        uploaded = names.get(sha) or [shown_name(Path(path).name)]
        out.append(
            {
                "id": sha,
                "file": uploaded[0],
                "also_named": uploaded[1:],
                "organisation": org,
                "toolkit": toolkit,
                "score": score,
                "grade": grade,
                "status": now or FILE_STATUS.get(status, status),
                "reason": None if now else reason,
                "seconds": seconds,
                "open_gaps": open_gaps if status == "ok" else None,
            }
        )
    for sha, (name, now) in pending.items():
        out.append(
            {
                "id": sha,
                "file": names.get(sha, [name])[0],
                "also_named": names.get(sha, [name])[1:],
                "organisation": None,
                "toolkit": None,
                "score": None,
                "grade": None,
                "status": now,
                "reason": None,
                "seconds": None,
                "open_gaps": None,
            }
        )
    return out


def return_status(store: Store, sha: str) -> dict[str, Any] | None:
    return next((r for r in list_returns(store) if r["id"] == sha), None)


def result_of(store: Store, data: Path, sha: str) -> dict[str, Any] | None:
    row = store.db.execute(
        "SELECT json_name FROM files WHERE sha256 = ? AND status = 'ok'", (sha,)
    ).fetchone()
    if not row or not (data / "results" / row[0]).exists():
        return None
    result: dict[str, Any] = json.loads((data / "results" / row[0]).read_text(encoding="utf-8"))
    return result


def list_gaps(
    store: Store, sha: str | None = None, status: str | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    """Gaps with their decisions, filtered by return, decision status and kind."""
    sql = (
        "SELECT g.gap_id, g.sha256, g.kind, g.item, g.section, g.severity, g.message, g.locator, "
        "coalesce(d.status, 'open'), coalesce(d.comment, ''), d.reviewer, d.at, "
        "coalesce(d.note, '') FROM gaps g JOIN files f ON f.sha256 = g.sha256 "
        "LEFT JOIN decisions d ON d.gap_id = g.gap_id WHERE 1 = 1"
    )
    args: list[str] = []
    for clause, value in (
        (" AND g.sha256 = ?", sha),
        (" AND coalesce(d.status, 'open') = ?", status),
        (" AND g.kind = ?", kind),
    ):
        if value:
            sql += clause
            args.append(value)
    keys = (
        "id",
        "return",
        "kind",
        "item",
        "section",
        "severity",
        "message",
        "locator",
        "status",
        "comment",
        "reviewer",
        "at",
        "note",
    )
    rows = store.db.execute(sql + " ORDER BY f.path, g.position", args)
    return [dict(zip(keys, row, strict=True)) for row in rows]


def gap_row(store: Store, gap_id: str) -> dict[str, Any] | None:
    """One gap's kind, item and section (for its history page), or None."""
    row = store.db.execute(
        "SELECT kind, item, section, severity, message FROM gaps WHERE gap_id = ?", (gap_id,)
    ).fetchone()
    keys = ("kind", "item", "section", "severity", "message")
    return None if row is None else dict(zip(keys, row, strict=True))


def return_view(store: Store, data: Path, sha: str) -> dict[str, Any] | None:
    """One return for its page: sections with their items, each item's gaps and decisions."""
    result = result_of(store, data, sha)
    if result is None:
        return None
    made = decisions_for(store, sha)
    gaps_by_item: dict[str, list[dict[str, Any]]] = {}
    loose: list[dict[str, Any]] = []
    for gap in list_gaps(store, sha):
        decision = made.get(gap["id"], OPEN)
        gap["decision"] = decision
        if gap["item"]:
            gaps_by_item.setdefault(gap["item"], []).append(gap)
        else:
            loose.append(gap)

    def ordered(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(gaps, key=lambda g: needs_person_first(g, g["decision"].status))

    sections = []
    for s in result["sections"]:
        items = [
            {**i, "gaps": ordered(gaps_by_item.get(i["id"], []))}
            for i in result["items"]
            if i["section"] == s["id"]
        ]
        section_gaps = ordered([g for g in loose if g["section"] == s["id"]])
        sections.append({**s, "rows": items, "gaps": section_gaps})
    every = [g for by_item in gaps_by_item.values() for g in by_item] + loose
    to_review = ordered([g for g in every if g["decision"].status in ("open", "challenged")])
    return {
        "id": sha,
        "result": result,
        "sections": sections,
        "return_gaps": ordered([g for g in loose if not g["section"]]),
        "to_review": to_review,
        "settled": len(every) - len(to_review),
    }
