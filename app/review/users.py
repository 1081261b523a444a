"""Users of the review service: a role and a token, stored hashed and compared in constant time;
browser sessions (random id, stored hashed, with its CSRF token).

A user is a person, not a name: each gets a random id that is never given again, and sessions
belong to that id. Removing a user or rotating their token ends their sessions, and a name
added again after removal is a new person whose browser must sign in afresh."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from app.batch.store import Store

ROLES = ("reviewer", "admin")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@ -]{0,63}$")
SESSION_SECONDS = 12 * 3600


class UserError(ValueError):
    """A user that cannot be added, removed or rotated; the message is one line."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    uid: str = ""  # random, never reused; sessions belong to it

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Listed:
    name: str
    role: str
    created: float
    sessions: int  # browser sessions still running


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def add_user(store: Store, name: str, role: str) -> str:
    """Add a user and return their token (shown once; only its hash is kept)."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; use reviewer or admin")
    if not NAME.match(name):
        raise UserError(f"{name!r} is not a usable name (letters, digits, . _ @ - and spaces)")
    token = secrets.token_urlsafe(32)
    with store.db:
        taken = store.db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone()
        if taken:
            raise UserError(f"a user named {name!r} exists already")
        store.db.execute(
            "INSERT INTO users (name, role, token_hash, created, uid) VALUES (?, ?, ?, ?, ?)",
            (name, role, _hash(token), time.time(), secrets.token_hex(16)),
        )
    return token


def _uid(store: Store, name: str) -> str:
    row = store.db.execute("SELECT uid FROM users WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise UserError(f"no user named {name!r}")
    return str(row[0])


def remove_user(store: Store, name: str) -> int:
    """Remove a user and end their sessions; how many sessions ended."""
    with store.db:
        uid = _uid(store, name)
        ended = _end_sessions(store, uid)
        store.db.execute("DELETE FROM users WHERE uid = ?", (uid,))
    return ended


def rotate_token(store: Store, name: str) -> str:
    """A new token for the user (shown once); the old one stops working and sessions end."""
    token = secrets.token_urlsafe(32)
    with store.db:
        uid = _uid(store, name)
        store.db.execute("UPDATE users SET token_hash = ? WHERE uid = ?", (_hash(token), uid))
        _end_sessions(store, uid)
    return token


def list_users(store: Store) -> list[Listed]:
    """Every user by name, with the sessions still running (never a token or its hash)."""
    rows = store.db.execute(
        "SELECT u.name, u.role, u.created, (SELECT count(*) FROM sessions s "
        "WHERE s.user_id = u.uid AND s.expires >= ?) FROM users u ORDER BY lower(u.name)",
        (time.time(),),
    )
    return [Listed(name, role, created, n) for name, role, created, n in rows]


def user_for_token(store: Store, token: str) -> User | None:
    """The user holding this token; every stored hash is compared, in constant time."""
    presented = _hash(token)
    found = None
    rows = store.db.execute("SELECT name, role, token_hash, uid FROM users")
    for name, role, stored, uid in rows:
        if hmac.compare_digest(presented, stored):
            found = User(name, role, uid)
    return found


def start_session(store: Store, user: User) -> tuple[str, str]:
    """A new session for the user: (cookie value, CSRF token)."""
    session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with store.db:
        store.db.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
        store.db.execute(
            "INSERT INTO sessions (id_hash, user, csrf, expires, user_id) VALUES (?, ?, ?, ?, ?)",
            (_hash(session), user.name, csrf, time.time() + SESSION_SECONDS, user.uid),
        )
    return session, csrf


def session_user(store: Store, session: str) -> tuple[User, str] | None:
    """The session's user and CSRF token, while the session lasts and its user exists."""
    row = store.db.execute(
        "SELECT u.name, u.role, u.uid, s.csrf FROM sessions s JOIN users u ON u.uid = s.user_id "
        "WHERE s.id_hash = ? AND s.expires >= ?",
        (_hash(session), time.time()),
    ).fetchone()
    return (User(row[0], row[1], row[2]), str(row[3])) if row else None


def end_session(store: Store, session: str) -> None:
    with store.db:
        store.db.execute("DELETE FROM sessions WHERE id_hash = ?", (_hash(session),))


def end_sessions(store: Store, uid: str) -> int:
    """End every session of one user ("sign out everywhere"); how many ended."""
    with store.db:
        return _end_sessions(store, uid)


def _end_sessions(store: Store, uid: str) -> int:
    """(Inside the caller's transaction.)"""
    return store.db.execute("DELETE FROM sessions WHERE user_id = ?", (uid,)).rowcount
