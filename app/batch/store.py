"""The batch store: SQLite in the output folder (WAL, one transaction per return).

Files are keyed by content hash, so an unchanged file is never processed twice and an
interrupted run resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.batch.gap_ids import gap_ids

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, args TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    sha256 TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, status TEXT NOT NULL,
    reason TEXT, toolkit TEXT, organisation TEXT, score REAL, grade TEXT, json_name TEXT,
    run_id INTEGER, seconds REAL
);
CREATE TABLE IF NOT EXISTS seen (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, run_id INTEGER
);
CREATE TABLE IF NOT EXISTS gaps (
    sha256 TEXT NOT NULL, position INTEGER NOT NULL, kind TEXT, item TEXT, section TEXT,
    severity TEXT, message TEXT, locator TEXT, PRIMARY KEY (sha256, position)
);
"""
# Review tables (app/review/decisions.py and users.py, app/service/jobs.py); additive.
REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    gap_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '', reviewer TEXT, at REAL, note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS decision_history (
    id INTEGER PRIMARY KEY, gap_id TEXT NOT NULL, at REAL NOT NULL, who TEXT NOT NULL,
    old_status TEXT, new_status TEXT NOT NULL, old_comment TEXT, comment TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS decision_history_gap ON decision_history (gap_id, id);
CREATE TRIGGER IF NOT EXISTS decision_history_no_update BEFORE UPDATE ON decision_history
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS decision_history_no_delete BEFORE DELETE ON decision_history
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, token_hash TEXT NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL, expires REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL,
    size INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT, uploaded_by TEXT,
    created REAL NOT NULL, started REAL, finished REAL
);
"""
# A failure that says nothing about the file (its worker died under it): the next run retries it.
LOST_WORKER = "worker lost"
# Columns added to the batch tables after their first release: (table, column, declaration).
# A user's random id, never reused, and the sessions that belong to it (sessions from before
# it match no user: their holders sign in again).
ADDED_COLUMNS = [
    ("gaps", "gap_id", "TEXT"),
    ("users", "uid", "TEXT"),
    ("sessions", "user_id", "TEXT"),
]


# The store holds tokens' hashes, sessions and every decision: its owner's alone.
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def private_file(path: Path) -> None:
    """Create the file 0600 when missing, and make an older one 0600 (when it is ours)."""
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE))
    with contextlib.suppress(PermissionError):
        os.chmod(path, PRIVATE_FILE)


class Store:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        self.path = folder / "s11.db"
        private_file(self.path)  # SQLite gives its -wal and -shm files the same mode
        # One connection serves one caller at a time, but the service may hand it across threads.
        self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.executescript(REVIEW_SCHEMA)
        self._add_columns()

    def _add_columns(self) -> None:
        for table, column, declaration in ADDED_COLUMNS:
            present = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                with self.db:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
                    if (table, column) == ("users", "uid"):
                        self.db.execute(
                            "UPDATE users SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL"
                        )
                        self.db.execute("CREATE UNIQUE INDEX users_uid ON users (uid)")
        self._fill_gap_ids()

    def _fill_gap_ids(self) -> None:
        """Gaps stored before gaps had ids get theirs (the same ids a new run would give)."""
        rows = list(
            self.db.execute(
                "SELECT sha256, position, kind, item, section FROM gaps WHERE gap_id IS NULL "
                "ORDER BY sha256, position"
            )
        )
        by_file: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for sha, position, kind, item, section in rows:
            gap = {"kind": kind, "item": item, "section": section}
            by_file.setdefault(sha, []).append((position, gap))
        with self.db:
            for sha, gaps in by_file.items():
                ids = gap_ids(sha, [g for _, g in gaps])
                self.db.executemany(
                    "UPDATE gaps SET gap_id = ? WHERE sha256 = ? AND position = ?",
                    [(gid, sha, pos) for gid, (pos, _) in zip(ids, gaps, strict=True)],
                )

    def close(self) -> None:
        self.db.close()

    def start_run(self, args: dict[str, Any], resume: bool) -> int:
        if resume:
            row = self.db.execute(
                "SELECT id FROM runs WHERE finished IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row:
                return int(row[0])
        with self.db:
            cur = self.db.execute(
                "INSERT INTO runs (started, args) VALUES (?, ?)", (time.time(), json.dumps(args))
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int) -> None:
        with self.db:
            self.db.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), run_id))

    def known(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT status FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        return str(row[0]) if row else None

    def settled(self, sha256: str) -> bool:
        """Stored, and not to be read again: read, or failed for a reason of its own (a file
        whose worker was lost is read again)."""
        row = self.db.execute(
            "SELECT status, reason FROM files WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return row is not None and not str(row[1] or "").startswith(LOST_WORKER)

    def see(self, path: str, sha256: str, run_id: int) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO seen (path, sha256, run_id) VALUES (?, ?, ?)",
                (path, sha256, run_id),
            )

    def record_ok(
        self,
        sha256: str,
        path: str,
        size: int,
        result: dict[str, Any],
        json_name: str,
        run_id: int,
        seconds: float,
    ) -> None:
        """One transaction: the file's row and its gaps (each with its stable id)."""
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, 'ok', NULL, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sha256,
                    path,
                    size,
                    result["toolkit"]["id"],
                    result["organisation"]["name"],
                    result["overall"]["score"],
                    result["overall"]["grade"],
                    json_name,
                    run_id,
                    seconds,
                ),
            )
            self._write_gaps(sha256, result["gaps"])

    def replace_gaps(self, sha256: str, gaps: list[dict[str, Any]]) -> None:
        """A stored result's gaps, rewritten in one transaction (cycle gaps added)."""
        with self.db:
            self._write_gaps(sha256, gaps)

    def _write_gaps(self, sha256: str, gaps: list[dict[str, Any]]) -> None:
        """A return's gaps, each with its stable id (inside the caller's transaction)."""
        ids = gap_ids(sha256, gaps)
        self.db.execute("DELETE FROM gaps WHERE sha256 = ?", (sha256,))
        self.db.executemany(
            "INSERT INTO gaps (sha256, position, kind, item, section, severity, message, "
            "locator, gap_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    sha256,
                    n,
                    g["kind"],
                    g["item"],
                    g["section"],
                    g["severity"],
                    g["message"],
                    g.get("locator"),
                    ids[n],
                )
                for n, g in enumerate(gaps)
            ],
        )

    def record_failure(
        self, sha256: str, path: str, size: int, reason: str, run_id: int, seconds: float
    ) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, 'failed', ?, NULL, NULL, NULL, "
                "NULL, NULL, ?, ?)",
                (sha256, path, size, reason, run_id, seconds),
            )

    def results(self) -> Iterator[tuple[str, str, str]]:
        """(sha256, path, json file name) of every stored result, by path."""
        yield from self.db.execute(
            "SELECT sha256, path, json_name FROM files WHERE status = 'ok' ORDER BY path"
        )

    def failures(self) -> list[tuple[str, str]]:
        return list(
            self.db.execute("SELECT path, reason FROM files WHERE status = 'failed' ORDER BY path")
        )

    def duplicates(self) -> list[tuple[str, list[str]]]:
        """Paths seen with the same content (the same file submitted twice)."""
        rows = self.db.execute(
            "SELECT sha256, group_concat(path, '\n') FROM seen GROUP BY sha256 HAVING count(*) > 1"
        )
        return [(sha, sorted(paths.split("\n"))) for sha, paths in rows]

    def same_organisation(self) -> list[tuple[str, str, list[str]]]:
        """Two or more returns from one organisation for one toolkit."""
        rows = self.db.execute(
            "SELECT toolkit, lower(trim(organisation)), group_concat(path, '\n') FROM files "
            "WHERE status = 'ok' AND trim(organisation) != '' GROUP BY 1, 2 HAVING count(*) > 1"
        )
        return [(tk, org, sorted(paths.split("\n"))) for tk, org, paths in rows]
