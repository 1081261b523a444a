"""Users of the review service: a role and a token, stored hashed and compared in constant time;
browser sessions (random id, stored hashed, with its CSRF token)."""

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
    """A user that cannot be added; the message is one line."""


@dataclass(frozen=True)
class User:
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


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
            "INSERT INTO users (name, role, token_hash, created) VALUES (?, ?, ?, ?)",
            (name, role, _hash(token), time.time()),
        )
    return token


def user_for_token(store: Store, token: str) -> User | None:
    """The user holding this token; every stored hash is compared, in constant time."""
    presented = _hash(token)
    found = None
    for name, role, stored in store.db.execute("SELECT name, role, token_hash FROM users"):
        if hmac.compare_digest(presented, stored):
            found = User(name, role)
    return found


def start_session(store: Store, user: User) -> tuple[str, str]:
    """A new session for the user: (cookie value, CSRF token)."""
    session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with store.db:
        store.db.execute("DELETE FROM sessions WHERE expires < ?", (time.time(),))
        store.db.execute(
            "INSERT INTO sessions (id_hash, user, csrf, expires) VALUES (?, ?, ?, ?)",
            (_hash(session), user.name, csrf, time.time() + SESSION_SECONDS),
        )
    return session, csrf


def session_user(store: Store, session: str) -> tuple[User, str] | None:
    """The session's user and CSRF token, while the session lasts."""
    row = store.db.execute(
        "SELECT u.name, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.user "
        "WHERE s.id_hash = ? AND s.expires >= ?",
        (_hash(session), time.time()),
    ).fetchone()
    return (User(row[0], row[1]), str(row[2])) if row else None


def end_session(store: Store, session: str) -> None:
    with store.db:
        store.db.execute("DELETE FROM sessions WHERE id_hash = ?", (_hash(session),))
