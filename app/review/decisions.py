"""Review decisions: each gap's stable id, its decision in the store, the append-only audit trail,
and the carry-over of decisions to a resubmitted return.

A gap's id is the return's content hash (first 16 hex digits), the item (or section) it is
about and its kind, with `-2`, `-3`… when one return has the same gap twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from app.batch.store import Store

STATUSES = ("open", "accepted", "challenged", "resolved", "for_panel")
SYSTEM = "s11"
CARRIED = "carried"
RESUBMITTED = "resolved by resubmission"


class ReviewError(ValueError):
    """A decision that cannot be made (unknown gap, unknown status); the message is one line."""


@dataclass(frozen=True)
class Decision:
    gap_id: str
    status: str
    comment: str
    reviewer: str | None
    at: float | None
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "comment": self.comment,
            "reviewer": self.reviewer,
            "at": self.at,
            "note": self.note,
        }


OPEN = Decision("", "open", "", None, None, "")


def decision(store: Store, gap_id: str) -> Decision:
    row = store.db.execute(
        "SELECT gap_id, status, comment, reviewer, at, note FROM decisions WHERE gap_id = ?",
        (gap_id,),
    ).fetchone()
    return Decision(*row) if row else Decision(gap_id, "open", "", None, None, "")


def decisions_for(store: Store, sha256: str) -> dict[str, Decision]:
    """Every decision made on one return's gaps, by gap id."""
    rows = store.db.execute(
        "SELECT gap_id, status, comment, reviewer, at, note FROM decisions WHERE sha256 = ?",
        (sha256,),
    )
    return {row[0]: Decision(*row) for row in rows}


def gap_sha(store: Store, gap_id: str) -> str | None:
    row = store.db.execute("SELECT sha256 FROM gaps WHERE gap_id = ?", (gap_id,)).fetchone()
    return str(row[0]) if row else None


def decide(
    store: Store, gap_id: str, status: str, comment: str | None, who: str, note: str = ""
) -> Decision:
    """Set a gap's decision and append the change to its history; no change, no history row.

    `comment=None` keeps the comment as it is.
    """
    if status not in STATUSES:
        raise ReviewError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    sha = gap_sha(store, gap_id)
    if sha is None:
        raise ReviewError(f"no gap with id {gap_id!r}")
    old = decision(store, gap_id)
    text = old.comment if comment is None else comment.strip()
    if (old.status, old.comment) == (status, text) and not note:
        return old
    now = time.time()
    with store.db:
        store.db.execute(
            "INSERT OR REPLACE INTO decisions (gap_id, sha256, status, comment, reviewer, at, "
            "note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (gap_id, sha, status, text, who, now, note),
        )
        store.db.execute(
            "INSERT INTO decision_history (gap_id, at, who, old_status, new_status, old_comment, "
            "comment, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (gap_id, now, who, old.status, status, old.comment, text, note),
        )
    return Decision(gap_id, status, text, who, now, note)


def history(store: Store, gap_id: str) -> list[dict[str, Any]]:
    """Every change to one gap's decision, oldest first."""
    rows = store.db.execute(
        "SELECT at, who, old_status, new_status, old_comment, comment, note "
        "FROM decision_history WHERE gap_id = ? ORDER BY id",
        (gap_id,),
    )
    keys = ("at", "who", "old_status", "new_status", "old_comment", "comment", "note")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def previous_version(store: Store, sha256: str, run_id: int) -> str | None:
    """The latest earlier return from the same organisation for the same toolkit."""
    row = store.db.execute(
        "SELECT toolkit, lower(trim(organisation)) FROM files WHERE sha256 = ? AND status = 'ok'",
        (sha256,),
    ).fetchone()
    if not row or not row[1]:
        return None
    earlier = store.db.execute(
        "SELECT sha256 FROM files WHERE status = 'ok' AND toolkit = ? "
        "AND lower(trim(organisation)) = ? AND sha256 != ? AND run_id < ? "
        "ORDER BY run_id DESC, path LIMIT 1",
        (row[0], row[1], sha256, run_id),
    ).fetchone()
    return str(earlier[0]) if earlier else None


def _keyed_gaps(store: Store, sha256: str) -> dict[str, str]:
    """gap id without the return's hash → gap id, for one return."""
    rows = store.db.execute("SELECT gap_id FROM gaps WHERE sha256 = ?", (sha256,))
    return {str(gid).split("-", 1)[1]: str(gid) for (gid,) in rows if gid}


def carry_over(store: Store, sha256: str, run_id: int) -> tuple[int, int]:
    """Carry the previous version's decisions to the gaps that persist in this one (marked
    carried) and close the gaps that are gone as resolved by resubmission.

    Returns (carried, resolved).
    """
    old_sha = previous_version(store, sha256, run_id)
    if old_sha is None:
        return 0, 0
    old, new = _keyed_gaps(store, old_sha), _keyed_gaps(store, sha256)
    made = decisions_for(store, old_sha)
    already = decisions_for(store, sha256)
    carried = resolved = 0
    for key, old_id in old.items():
        before = made.get(old_id)
        if key in new:
            if before is None or new[key] in already:
                continue
            if before.status == "open" and not before.comment:
                continue
            decide(store, new[key], before.status, before.comment, SYSTEM, f"{CARRIED} {old_id}")
            carried += 1
        elif before is None or before.status != "resolved":
            comment = before.comment if before else ""
            decide(store, old_id, "resolved", comment, SYSTEM, RESUBMITTED)
            resolved += 1
    return carried, resolved


def open_gap_count(store: Store, sha256: str) -> int:
    row = store.db.execute(
        "SELECT count(*) FROM gaps g LEFT JOIN decisions d ON d.gap_id = g.gap_id "
        "WHERE g.sha256 = ? AND coalesce(d.status, 'open') = 'open'",
        (sha256,),
    ).fetchone()
    return int(row[0])
