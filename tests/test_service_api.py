"""The review service's API through FastAPI's TestClient, with the real extraction in the batch
worker pool on bundled samples."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.batch.store import Store
from app.review.users import add_user
from app.service.app import create_app
from app.service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "samples/word/wt2023-charity-wingdings-renumbered.docx"
PDF = ROOT / "samples/pdf/gp2014-pharmacy-shaded-export.pdf"


@pytest.fixture
def tokens(tmp_path: Path) -> dict[str, str]:
    store = Store(tmp_path)
    made = {
        "admin": add_user(store, "ada", "admin"),
        "reviewer": add_user(store, "rex", "reviewer"),
    }
    store.close()
    return made


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@contextmanager
def service(data: Path, **options: Any) -> Iterator[TestClient]:
    options.setdefault("allowed_hosts", ("testserver",))  # TestClient's Host
    with TestClient(create_app(Settings(data, **options))) as client:
        yield client


def upload(client: TestClient, token: str, *paths: Path) -> Any:
    files = [("files", (p.name, p.read_bytes())) for p in paths]
    return client.post("/api/returns", files=files, headers=bearer(token))


def wait_done(client: TestClient, token: str, ids: list[str], limit: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        rows = {r["id"]: r for r in client.get("/api/returns", headers=bearer(token)).json()}
        if all(rows.get(i, {}).get("status") in ("done", "failed") for i in ids):
            return rows
        time.sleep(0.1)
    raise AssertionError(f"not finished in {limit} s: {rows}")


def test_no_anonymous_access_roles_and_the_size_cap(tmp_path: Path, tokens: dict[str, str]) -> None:
    with service(tmp_path, run_jobs=False, max_upload_mb=0.01) as client:
        assert client.get("/api/health").json() == {"status": "ok"}
        for path in ("/api/returns", "/api/gaps", "/api/gaps.xlsx", "/api/board.html"):
            refused = client.get(path)
            assert refused.status_code == 401, path
            assert refused.json()["detail"] == "sign in: send Authorization: Bearer TOKEN"
        assert client.get("/api/returns", headers=bearer("guess")).status_code == 401
        assert client.get("/api/returns", headers={"Authorization": "Basic x"}).status_code == 401
        assert client.get("/api/returns", headers=bearer(tokens["reviewer"])).status_code == 200
        refused = upload(client, tokens["reviewer"], DOCX)
        assert refused.status_code == 403
        assert refused.json()["detail"] == "rex is a reviewer; only an admin may do this"
        assert (
            client.delete("/api/returns/x", headers=bearer(tokens["reviewer"])).status_code == 403
        )
        big = client.post(
            "/api/returns",
            files=[("files", ("big.docx", b"PK" + b"\0" * 20_000))],
            headers=bearer(tokens["admin"]),
        )
        assert big.status_code == 413
        assert big.json()["detail"] == "big.docx: larger than the 0.01 MB limit"
        assert not [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]
        assert client.post("/api/returns", headers=bearer(tokens["admin"])).status_code == 415


def test_upload_extract_review_and_a_new_app_keeps_the_decision(
    tmp_path: Path, tokens: dict[str, str]
) -> None:
    admin, reviewer = tokens["admin"], tokens["reviewer"]
    with service(tmp_path) as client:
        started = time.monotonic()
        answer = upload(client, admin, DOCX, PDF)
        assert answer.status_code == 202
        ids = [r["id"] for r in answer.json()["returns"]]
        assert [r["status"] for r in answer.json()["returns"]] == ["queued", "queued"]
        rows = wait_done(client, admin, ids)
        print(f"upload → result for a docx and a pdf: {time.monotonic() - started:.1f} s")
        assert [rows[i]["status"] for i in ids] == ["done", "done"]
        assert rows[ids[0]]["toolkit"] == "wt2023"
        assert rows[ids[1]]["toolkit"] == "gp2014"
        result = client.get(f"/api/returns/{ids[0]}", headers=bearer(reviewer)).json()
        assert result["source"]["file"] == DOCX.name
        gaps = client.get("/api/gaps", params={"return": ids[0]}, headers=bearer(reviewer)).json()
        assert len(gaps) == len(result["gaps"]) == rows[ids[0]]["open_gaps"]
        first = gaps[0]
        assert set(first) >= {"id", "kind", "item", "severity", "message", "status", "comment"}
        changed = client.patch(
            f"/api/gaps/{first['id']}",
            json={"status": "accepted", "comment": "seen the policy"},
            headers=bearer(reviewer),
        )
        assert changed.status_code == 200
        bad = client.patch(
            f"/api/gaps/{first['id']}", json={"status": "maybe"}, headers=bearer(reviewer)
        )
        assert bad.status_code == 422
        assert bad.json()["detail"].startswith("unknown status 'maybe'")
    with service(tmp_path, run_jobs=False) as again:
        kept = again.get(
            "/api/gaps", params={"return": ids[0], "status": "accepted"}, headers=bearer(reviewer)
        ).json()
        assert [(g["id"], g["comment"], g["reviewer"]) for g in kept] == [
            (first["id"], "seen the policy", "rex")
        ]
        trail = again.get(f"/api/gaps/{first['id']}/history", headers=bearer(reviewer)).json()
        assert [(h["who"], h["old_status"], h["new_status"]) for h in trail] == [
            ("rex", "open", "accepted")
        ]
        listed = again.get("/api/returns", headers=bearer(reviewer)).json()
        assert {r["id"]: r["open_gaps"] for r in listed}[ids[0]] == len(gaps) - 1
        workbook = again.get("/api/gaps.xlsx", headers=bearer(reviewer))
        assert workbook.status_code == 200
        (tmp_path / "down.xlsx").write_bytes(workbook.content)
        from openpyxl import load_workbook

        ws = load_workbook(tmp_path / "down.xlsx")["Gaps"]
        header = [c.value for c in ws[1]]
        row = next(
            r
            for r in ws.iter_rows(min_row=2, values_only=True)
            if r[header.index("Gap id")] == first["id"]
        )
        assert row[header.index("Reviewer status")] == "Accepted"
        assert row[header.index("Reviewer comments")] == "seen the policy"
        board = again.get("/api/board.html", headers=bearer(reviewer))
        assert "<svg" in board.text
        assert (
            again.get(f"/api/returns/{ids[1]}/download", headers=bearer(reviewer)).json()[
                "toolkit"
            ]["id"]
            == "gp2014"
        )


def test_an_upload_interrupted_by_a_restart_is_finished_after_it(
    tmp_path: Path, tokens: dict[str, str]
) -> None:
    with service(tmp_path, run_jobs=False) as client:
        (queued,) = upload(client, tokens["admin"], DOCX).json()["returns"]
        (again,) = upload(client, tokens["admin"], DOCX).json()["returns"]
        assert (again["job"], again["status"]) == (queued["job"], "queued")
        assert client.get(
            f"/api/returns/{queued['id']}", headers=bearer(tokens["admin"])
        ).json() == {"detail": "the return is queued"}
    with sqlite3.connect(tmp_path / "s11.db") as db:  # killed while a worker had it
        db.execute("UPDATE jobs SET status = 'processing'")
    with service(tmp_path) as client:
        rows = wait_done(client, tokens["admin"], [queued["id"]])
        assert rows[queued["id"]]["status"] == "done"
        assert rows[queued["id"]]["toolkit"] == "wt2023"
        admin = bearer(tokens["admin"])
        gap = client.get("/api/gaps", params={"return": queued["id"]}, headers=admin).json()[0]
        client.patch(f"/api/gaps/{gap['id']}", json={"status": "for_panel"}, headers=admin)
        assert client.delete(f"/api/returns/{queued['id']}", headers=admin).json() == {
            "deleted": queued["id"]
        }
        assert client.get("/api/returns", headers=admin).json() == []
        assert not (tmp_path / "uploads" / queued["id"]).exists()
        trail = client.get(f"/api/gaps/{gap['id']}/history", headers=admin).json()
        assert [h["new_status"] for h in trail] == ["for_panel"]  # the audit trail stays


def test_hostile_uploads_fail_with_one_line(tmp_path: Path, tokens: dict[str, str]) -> None:
    with service(tmp_path, run_jobs=False) as client:
        answer = client.post(
            "/api/returns",
            files=[
                ("files", ("../../etc/notes.docx", b"just text")),
                ("files", ("empty.pdf", b"")),
            ],
            headers=bearer(tokens["admin"]),
        ).json()["returns"]
        assert [(r["file"], r["status"], r["reason"]) for r in answer] == [
            (
                "notes.docx",
                "failed",
                "notes.docx: not a Word (.docx/.doc), PDF, Excel (.xlsx/.xls) or image (.png/.jpg/.tif) file",
            ),
            ("empty.pdf", "failed", "empty.pdf: the file is empty (0 bytes)"),
        ]
        stored = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()]
        assert all(p.parts[0] != "etc" for p in stored)
        assert not list((tmp_path / "uploads").rglob("*.docx"))


def test_users_add_prints_the_token_once_and_keeps_only_its_hash(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from app.cli import app

    made = CliRunner().invoke(
        app, ["users", "add", "Ann", "--role", "admin", "--data", str(tmp_path)]
    )
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    assert len(token) > 30
    assert token.encode() not in (tmp_path / "s11.db").read_bytes()
    with service(tmp_path, run_jobs=False) as client:
        assert client.get("/api/returns", headers=bearer(token)).status_code == 200
    again = CliRunner().invoke(
        app, ["users", "add", "Ann", "--role", "admin", "--data", str(tmp_path)]
    )
    assert again.exit_code == 2
    assert "a user named 'Ann' exists already" in again.output
    wrong = CliRunner().invoke(
        app, ["users", "add", "Bo", "--role", "boss", "--data", str(tmp_path)]
    )
    assert "unknown role 'boss'" in wrong.output
