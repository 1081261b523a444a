"""The security audit of the review service as a test: each finding probed the way it was
found, through the API and the pages (FastAPI's TestClient), and through a real uvicorn for
the read timeouts. Any regression fails here."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.batch.store import Store
from app.review.users import add_user, remove_user
from app.service.app import create_app
from app.service.serve import hosts_for, server_config
from app.service.settings import Settings
from tests.fake_extract import result
from tests.test_formula_cells import (
    COMMENT,
    EVIDENCE,
    LINK,
    assert_neutralised,
    formulas_in,
    texts_of,
)
from tests.test_service_api import bearer, wait_done
from tests.test_service_pages import sign_in

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "samples/excel/bscb2016-charity-box-glyphs.xlsx"
HOST = "testserver"  # TestClient's Host header


def hostile_extract(path: Path) -> str:
    """A return whose organisation and evidence are formulas (the service's extract_ref)."""
    return json.dumps(result(path.name, LINK, 50.0, EVIDENCE)) + "\n"


@contextmanager
def service(data: Path, **options: Any) -> Iterator[tuple[TestClient, str, str]]:
    """A client of a service over `data`, with an admin's and a reviewer's token."""
    store = Store(data)
    admin, reviewer = add_user(store, "ada", "admin"), add_user(store, "rex", "reviewer")
    store.close()
    options.setdefault("allowed_hosts", (HOST,))
    with TestClient(create_app(Settings(data, **options))) as client:
        yield client, admin, reviewer


def upload(client: TestClient, token: str, name: str, content: bytes) -> dict[str, Any]:
    """One file, its name's bytes sent as they are (an HTTP client would escape a NUL)."""
    boundary = "s11-audit"
    part = f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"'
    body = (part + "\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    ctype = {"content-type": f"multipart/form-data; boundary={boundary}"}
    answer = client.post("/api/returns", content=body, headers={**bearer(token), **ctype})
    assert answer.status_code == 202, answer.text
    found: dict[str, Any] = answer.json()["returns"][0]
    return found


# 1. No formula leaves s11 --------------------------------------------------------------------


def test_formula_text_from_a_return_and_a_comment_reaches_no_workbook_as_a_formula(
    tmp_path: Path,
) -> None:
    ref = "tests.test_service_audit:hostile_extract"
    with service(tmp_path, extract_ref=ref) as (client, admin, reviewer):
        sha = upload(client, admin, "return.docx", WORKBOOK.read_bytes())["id"]
        assert wait_done(client, admin, [sha])[sha]["status"] == "done"
        gap = client.get("/api/gaps", headers=bearer(reviewer)).json()[0]["id"]
        change = {"status": "challenged", "comment": COMMENT}
        assert client.patch(f"/api/gaps/{gap}", json=change, headers=bearer(reviewer)).is_success
        for path, expected in (
            ("/api/gaps.xlsx", (LINK, EVIDENCE, COMMENT)),
            ("/api/board.xlsx", (LINK,)),
        ):
            target = tmp_path / Path(path).name
            target.write_bytes(client.get(path, headers=bearer(reviewer)).content)
            assert formulas_in(target) == [], path
            assert_neutralised(texts_of(target), expected)


# 2. Users as people ----------------------------------------------------------------------------


def test_a_removed_user_is_signed_out_and_their_name_added_again_does_not_revive_it(
    tmp_path: Path,
) -> None:
    with service(tmp_path, run_jobs=False) as (client, _, reviewer):
        sign_in(client, reviewer)
        assert client.get("/", follow_redirects=False).status_code == 200
        store = Store(tmp_path)
        assert remove_user(store, "rex") == 1
        add_user(store, "rex", "admin")
        store.close()
        assert client.get("/", follow_redirects=False).status_code == 303
        assert client.get("/api/returns").status_code == 401
        assert client.get("/api/returns", headers=bearer(reviewer)).status_code == 401


# 3. Nothing unauthenticated reads much ---------------------------------------------------------


def login_post(client: TestClient, **options: Any) -> Any:
    return client.post("/login", follow_redirects=False, **options)


def test_sign_in_reads_only_a_small_urlencoded_form(tmp_path: Path) -> None:
    form = "application/x-www-form-urlencoded"
    with service(tmp_path, run_jobs=False) as (client, _, _):
        client.get("/login")
        big = login_post(client, content=b"token=" + b"x" * 10_000, headers={"content-type": form})
        assert big.status_code == 413
        assert big.headers["content-type"].startswith("text/html")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it arrives
            yield b"token="
            for _ in range(100):
                yield b"x" * 1000

        assert (
            login_post(client, content=chunks(), headers={"content-type": form}).status_code == 413
        )
        part = login_post(client, files=[("token", ("t.txt", b"x" * 100_000))])
        assert part.status_code == 415
        many = "&".join(f"f{n}=x" for n in range(20))
        assert login_post(client, content=many, headers={"content-type": form}).status_code == 400
        assert login_post(client, data={"csrf": "x", "token": "y"}).status_code == 200


def test_a_stalled_body_is_408_and_a_dropped_sign_in_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    Store(tmp_path).close()
    app = create_app(Settings(tmp_path, run_jobs=False, allowed_hosts=(HOST,), body_seconds=0.2))

    def call(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            if messages:
                return messages.pop(0)
            await asyncio.sleep(3600)  # the client says nothing more
            raise AssertionError

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/login",
            "raw_path": b"/login",
            "root_path": "",
            "query_string": b"",
            "headers": [
                (b"host", HOST.encode()),
                (b"content-type", b"application/x-www-form-urlencoded"),
                (b"content-length", b"200"),
            ],
            "client": ("192.0.2.1", 5000),
            "server": (HOST, 80),
        }
        asyncio.run(app(scope, receive, send))
        return sent

    started = time.monotonic()
    stalled = call([{"type": "http.request", "body": b"csrf=", "more_body": True}])
    assert stalled[0]["status"] == 408
    assert time.monotonic() - started < 5
    caplog.clear()
    with caplog.at_level(logging.INFO):
        call(
            [
                {"type": "http.request", "body": b"csrf=abc", "more_body": True},
                {"type": "http.disconnect"},
            ]
        )
    assert [(r.name, r.getMessage(), r.exc_info) for r in caplog.records] == [
        ("s11.service", "client hung up while sending POST /login from 192.0.2.1", None)
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_server_closes_a_connection_whose_headers_never_finish(tmp_path: Path) -> None:
    import uvicorn

    Store(tmp_path).close()
    port = free_port()
    settings = Settings(tmp_path, run_jobs=False, header_seconds=0.5, keep_alive_seconds=1)
    server = uvicorn.Server(server_config(settings, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            conn.sendall(b"X-Slow: 1\r\n")  # and never the blank line
            started = time.monotonic()
            assert conn.recv(1024) == b""  # closed by the server
            assert time.monotonic() - started < 3
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            started = time.monotonic()
            answer = b"".join(iter(lambda: conn.recv(4096), b""))  # until the server closes
            assert answer.startswith(b"HTTP/1.1 200")
            assert answer.endswith(b'{"status":"ok"}')
            assert b"server: uvicorn" not in answer.lower()
            assert time.monotonic() - started < 4  # the idle kept-alive connection closed
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# 4. Hardening ----------------------------------------------------------------------------------


def test_every_answer_carries_the_security_headers(tmp_path: Path) -> None:
    with service(tmp_path, run_jobs=False) as (client, _, reviewer):
        answers = {
            "/login": client.get("/login"),
            "/api/health": client.get("/api/health"),
            "/api/returns": client.get("/api/returns", headers=bearer(reviewer)),
            "/api/board.html": client.get("/api/board.html", headers=bearer(reviewer)),
            "refused": client.get("/api/returns"),
            "/static/s11.css": client.get("/static/s11.css"),
        }
        sign_in(client, reviewer)
        answers["/"] = client.get("/")
        answers["/board"] = client.get("/board")
    for name, answer in answers.items():
        assert answer.headers["x-content-type-options"] == "nosniff", name
        assert answer.headers["referrer-policy"] == "no-referrer", name
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], name
        cached = answer.headers.get("cache-control")
        assert cached == (None if name.startswith("/static/") else "no-store"), name
    board = answers["/api/board.html"]
    assert board.headers["content-security-policy"].endswith("; sandbox")
    assert "script-src 'self'" in board.headers["content-security-policy"]


def test_no_schema_or_docs_and_only_the_configured_hosts(tmp_path: Path) -> None:
    with service(tmp_path, run_jobs=False) as (client, _, reviewer):
        for path in ("/openapi.json", "/docs", "/redoc"):
            assert client.get(path, headers=bearer(reviewer)).status_code == 404, path
        assert client.get("/api/health").status_code == 200
        other = client.get("/api/health", headers={"host": "evil.example"})
        assert other.status_code == 400
        assert other.headers["x-content-type-options"] == "nosniff"
    with service(tmp_path / "v6", run_jobs=False, allowed_hosts=hosts_for("::1", None)) as (
        c,
        _,
        _,
    ):
        assert c.get("/api/health", headers={"host": "[::1]:8011"}).status_code == 200
        assert c.get("/api/health", headers={"host": "localhost:8011"}).status_code == 200
        assert c.get("/api/health", headers={"host": "evil.example"}).status_code == 400
    assert hosts_for("127.0.0.1", None) == ("localhost", "127.0.0.1", "[::1]")
    assert hosts_for("::", ["Review.Example.org", "fe80::1"]) == ("review.example.org", "[fe80::1]")
    assert socket.gethostname().lower() in hosts_for("0.0.0.0", None)


def test_the_sign_in_error_is_only_ever_a_known_message(tmp_path: Path) -> None:
    with service(tmp_path, run_jobs=False) as (client, _, _):
        made_up = client.get("/login", params={"error": "Your token expired: call 0800 EVIL"})
        assert "0800 EVIL" not in made_up.text
        assert 'role="alert"' not in made_up.text
        known = client.get("/login", params={"error": "token"})
        assert "That token is not valid" in known.text  # the page capitalises the message


def test_names_are_cleaned_the_first_name_stays_and_failures_leave_nothing(
    tmp_path: Path,
) -> None:
    content = WORKBOOK.read_bytes()
    with service(tmp_path, run_jobs=False) as (client, admin, _):
        first = upload(client, admin, "report\u202excod\0\x1b[31m.docx", content)
        assert first["file"] == "reportxcod[31m.docx"
        again = upload(client, admin, "renamed.xlsx", content)
        assert again["id"] == first["id"]
        listed = {r["id"]: r for r in client.get("/api/returns", headers=bearer(admin)).json()}
        assert listed[first["id"]]["file"] == "reportxcod[31m.docx"
        assert listed[first["id"]]["also_named"] == ["renamed.xlsx"]
        kept = list((tmp_path / "uploads" / first["id"]).iterdir())
        assert [p.name for p in kept] == ["reportxcod_31m.docx.xlsx"]  # the sniffed kind's suffix
        failed = upload(client, admin, "notes.docx", b"just some text")
        assert failed["status"] == "failed"
        assert not (tmp_path / "uploads" / failed["id"]).exists()
        folders = sorted(p.name for p in (tmp_path / "uploads").iterdir())
        assert folders == [".incoming", first["id"]]
        assert not list((tmp_path / "uploads" / ".incoming").iterdir())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_workbook_named_pdf_is_read_and_everything_kept_is_private(tmp_path: Path) -> None:
    with service(tmp_path) as (client, admin, reviewer):
        sha = upload(client, admin, "book.pdf", WORKBOOK.read_bytes())["id"]
        row = wait_done(client, admin, [sha])[sha]
        assert (row["status"], row["toolkit"], row["file"]) == ("done", "bscb2016", "book.pdf")
        assert client.get(f"/api/returns/{sha}", headers=bearer(reviewer)).is_success
    private = [tmp_path / "s11.db", tmp_path / "s11.db-wal", tmp_path / "s11.db-shm"]
    private += [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]
    private += list((tmp_path / "results").iterdir())
    assert len(private) >= 5
    for path in private:
        if path.exists():
            assert mode(path) == 0o600, path
    for folder in (tmp_path / "uploads", tmp_path / "uploads" / sha, tmp_path / "results"):
        assert mode(folder) == 0o700, folder


def test_a_refused_form_shows_a_page_and_the_api_keeps_its_json(tmp_path: Path) -> None:
    with service(tmp_path, run_jobs=False) as (client, _, _):
        store = Store(tmp_path)
        other_admin = add_user(store, "ann", "admin")
        store.close()
        sign_in(client, other_admin)
        html = {"accept": "text/html,application/xhtml+xml"}
        for path, options in (
            ("/logout", {"data": {"csrf": "forged"}}),
            ("/returns/x/gaps/y", {"data": {"status": "accepted", "csrf": "forged"}}),
            ("/api/returns", {"files": [("files", ("a.docx", b"PK"))], "headers": html}),
        ):
            refused = client.post(path, **options)
            assert refused.status_code == 403, path
            assert refused.headers["content-type"].startswith("text/html"), path
            assert "CSRF" in refused.text, path
        fetched = client.post("/api/returns", files=[("files", ("a.docx", b"PK"))])
        assert fetched.status_code == 403
        assert fetched.json()["detail"].startswith("missing or wrong CSRF token")
