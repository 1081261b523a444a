"""Who is asking: a bearer token (API) or a session cookie (pages, with a CSRF token on every
change); what they may do: reviewers change decisions, admins also upload and delete."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from app.batch.store import Store
from app.review.users import User, session_user, user_for_token

COOKIE = "s11_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Caller:
    user: User
    via: str  # "token" or "session"
    csrf: str = ""


def open_store(request: Request) -> Iterator[Store]:
    """One store connection per request."""
    store = Store(request.app.state.settings.data)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(open_store)]


def unauthorised(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def identify(request: Request, store: Store) -> Caller | None:
    """The caller, or None when nothing identifies them; a bad token is refused outright."""
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthorised("use Authorization: Bearer TOKEN")
        user = user_for_token(store, token.strip())
        if user is None:
            raise unauthorised("the token is not valid")
        return Caller(user, "token")
    cookie = request.cookies.get(COOKIE)
    if cookie:
        found = session_user(store, cookie)
        if found is not None:
            return Caller(found[0], "session", found[1])
    return None


def check_csrf(caller: Caller, presented: str | None) -> None:
    """A change made with the session cookie must carry the session's CSRF token."""
    if caller.via == "session" and not hmac.compare_digest(
        (presented or "").encode(), caller.csrf.encode()
    ):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page")


def signed_in(request: Request, store: StoreDep) -> Caller:
    caller = identify(request, store)
    if caller is None:
        raise unauthorised("sign in: send Authorization: Bearer TOKEN")
    if request.method not in SAFE_METHODS and request.url.path != "/api/returns":
        check_csrf(caller, request.headers.get(CSRF_HEADER))
    return caller


def admin(caller: Annotated[Caller, Depends(signed_in)]) -> Caller:
    if not caller.user.is_admin:
        raise HTTPException(403, f"{caller.user.name} is a reviewer; only an admin may do this")
    return caller


Reviewer = Annotated[Caller, Depends(signed_in)]
Admin = Annotated[Caller, Depends(admin)]
