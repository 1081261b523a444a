"""Users as people, not names: `s11 users list / remove / rotate`, sessions tied to a user id
that is never reused, ended on removal, rotation and "sign out everywhere"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.batch.store import Store
from app.cli import app
from app.review.users import add_user
from app.service.app import create_app
from app.service.settings import Settings
from tests.test_service_pages import sign_in


def users(data: Path, *args: str) -> tuple[int, str, str]:
    run = CliRunner().invoke(app, ["users", *args, "--data", str(data)])
    return run.exit_code, run.stdout, run.stderr


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token.strip()}"}


def client_for(data: Path) -> TestClient:
    return TestClient(create_app(Settings(data, run_jobs=False, allowed_hosts=("testserver",))))


def signed_in(client: TestClient) -> bool:
    return client.get("/", follow_redirects=False).status_code == 200


def test_list_shows_people_and_their_sessions_never_a_token(tmp_path: Path) -> None:
    code, token, _ = users(tmp_path, "add", "ada", "--role", "admin")
    assert code == 0
    users(tmp_path, "add", "rex", "--role", "reviewer")
    with client_for(tmp_path) as client:
        sign_in(client, token.strip())
        code, out, _ = users(tmp_path, "list")
    assert code == 0
    lines = out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["ada", "admin"], ["rex", "reviewer"]]
    assert lines[0].endswith("1 signed-in session(s)")
    assert lines[1].endswith("0 signed-in session(s)")
    assert token.strip() not in out


def test_rotate_prints_a_new_token_once_and_ends_the_old_one_and_its_sessions(
    tmp_path: Path,
) -> None:
    _, old, _ = users(tmp_path, "add", "rex", "--role", "reviewer")
    with client_for(tmp_path) as browser, client_for(tmp_path) as api:
        sign_in(browser, old.strip())
        code, new, err = users(tmp_path, "rotate", "rex")
        assert code == 0
        assert len(new.strip().splitlines()) == 1
        assert "shown only now" in err
        assert new.strip() != old.strip()
        assert not signed_in(browser)
        assert api.get("/api/returns", headers=bearer(old)).status_code == 401
        assert api.get("/api/returns", headers=bearer(new)).status_code == 200


def test_a_removed_user_is_out_and_the_same_name_added_again_is_someone_new(
    tmp_path: Path,
) -> None:
    _, token, _ = users(tmp_path, "add", "rex", "--role", "reviewer")
    with client_for(tmp_path) as browser:
        sign_in(browser, token.strip())
        code, _, err = users(tmp_path, "remove", "rex")
        assert code == 0
        assert "1 signed-in session(s) ended" in err
        assert not signed_in(browser)
        assert browser.get("/api/returns", headers=bearer(token)).status_code == 401
        code, again, _ = users(tmp_path, "add", "rex", "--role", "admin")
        assert code == 0
        assert not signed_in(browser)  # the new rex signs in with the new token
        sign_in(browser, again.strip())
        assert signed_in(browser)


def test_a_session_left_behind_never_follows_the_name_to_a_new_user(tmp_path: Path) -> None:
    """The row deleted by hand (its sessions left in the store) and the name added again
    as an admin: the old browser stays signed out, it was the old person's session."""
    _, token, _ = users(tmp_path, "add", "rex", "--role", "reviewer")
    with client_for(tmp_path) as browser:
        sign_in(browser, token.strip())
        with sqlite3.connect(tmp_path / "s11.db") as con:
            con.execute("DELETE FROM users WHERE name = 'rex'")
        users(tmp_path, "add", "rex", "--role", "admin")
        with sqlite3.connect(tmp_path / "s11.db") as con:
            assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
        assert not signed_in(browser)
        assert browser.get("/api/returns").status_code == 401


def test_ids_are_never_reused_and_an_old_store_gets_them(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "s11.db") as con:  # a store from before user ids
        con.execute(
            "CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, "
            "token_hash TEXT NOT NULL, created REAL NOT NULL)"
        )
        con.execute(
            "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, user TEXT NOT NULL, "
            "csrf TEXT NOT NULL, expires REAL NOT NULL)"
        )
        con.execute("INSERT INTO users VALUES ('ada', 'admin', 'x', 0), ('rex', 'admin', 'y', 0)")
        con.execute("INSERT INTO sessions VALUES ('h', 'rex', 'c', 9e99)")
    store = Store(tmp_path)
    first = dict(store.db.execute("SELECT name, uid FROM users"))
    assert len(set(first.values())) == 2
    assert all(len(uid) == 32 for uid in first.values())
    assert store.db.execute("SELECT user_id FROM sessions").fetchone() == (None,)
    ids = set(first.values())
    for _ in range(5):
        store.db.execute("DELETE FROM users WHERE name = 'rex'")
        add_user(store, "rex", "reviewer")
        ids.add(store.db.execute("SELECT uid FROM users WHERE name = 'rex'").fetchone()[0])
    assert len(ids) == 7
    store.close()


def test_sign_out_everywhere_ends_every_session_of_the_user_only(tmp_path: Path) -> None:
    _, rex, _ = users(tmp_path, "add", "rex", "--role", "reviewer")
    _, ada, _ = users(tmp_path, "add", "ada", "--role", "admin")
    with (
        client_for(tmp_path) as laptop,
        client_for(tmp_path) as phone,
        client_for(tmp_path) as other,
    ):
        csrf = sign_in(laptop, rex.strip())
        sign_in(phone, rex.strip())
        sign_in(other, ada.strip())
        assert 'formaction="/logout/everywhere"' in laptop.get("/").text
        refused = laptop.post("/logout/everywhere", data={"csrf": "wrong"})
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("text/html")
        assert signed_in(phone)
        done = laptop.post("/logout/everywhere", data={"csrf": csrf}, follow_redirects=False)
        assert (done.status_code, done.headers["location"]) == (303, "/login")
        assert not signed_in(laptop)
        assert not signed_in(phone)
        assert signed_in(other)


def test_refusals_are_one_line_and_exit_2(tmp_path: Path) -> None:
    users(tmp_path, "add", "ada", "--role", "admin")
    for args, message in (
        (("remove", "nobody"), "s11 users remove: no user named 'nobody'"),
        (("rotate", "nobody"), "s11 users rotate: no user named 'nobody'"),
    ):
        code, _, err = users(tmp_path, *args)
        assert (code, err.strip()) == (2, message)
    code, _, err = users(tmp_path / "none", "list")
    assert code == 2
    assert err.strip().endswith("holds no s11 store (s11.db)")
    assert not (tmp_path / "none").exists()
