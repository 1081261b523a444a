"""The batch store: SQLite in the output folder (WAL, one transaction per return).

Files are keyed by content hash, so an unchanged file is never processed twice and an
interrupted run resumes where it stopped.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


class Store:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "s11.db"
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

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
        """One transaction: the file's row and its gaps."""
        with self.db:
            self.db.execute("DELETE FROM gaps WHERE sha256 = ?", (sha256,))
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
            self.db.executemany(
                "INSERT INTO gaps VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
                    )
                    for n, g in enumerate(result["gaps"])
                ],
            )

    def replace_gaps(self, sha256: str, gaps: list[dict[str, Any]]) -> None:
        """A stored result's gaps, rewritten in one transaction (cycle gaps added)."""
        with self.db:
            self.db.execute("DELETE FROM gaps WHERE sha256 = ?", (sha256,))
            self.db.executemany(
                "INSERT INTO gaps VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
