"""The pages, rendered on the server from app/templates, with app/static (no CDN, offline):
sign-in, the returns list with uploads, one return for review, a gap's history, the board."""

from __future__ import annotations

import hmac
import secrets
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, HTTPException, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import labels
from app.batch.store import Store
from app.review.decisions import STATUSES, ReviewError, decide, gap_sha, history
from app.review.users import (
    SESSION_SECONDS,
    end_session,
    end_sessions,
    start_session,
    user_for_token,
)
from app.service.auth import COOKIE, Caller, StoreDep, check_csrf, identify
from app.service.forms import read_form
from app.service.queries import gap_row, list_returns, return_view

HERE = Path(__file__).resolve().parents[1]
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["q"] = lambda value: quote(str(value), safe="")
templates.env.filters["utc"] = lambda t: time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t))
templates.env.filters["pct"] = labels.percent
templates.env.filters["word"] = labels.word
templates.env.filters["count"] = labels.count
templates.env.filters["excerpt"] = labels.excerpt
templates.env.filters["gap_kind"] = labels.gap_kind
templates.env.filters["severity"] = labels.severity
templates.env.filters["decision"] = labels.decision
templates.env.filters["return_status"] = labels.return_status
templates.env.filters["gap_name"] = labels.gap_name
templates.env.filters["gap_place"] = labels.gap_place
FOLD_AT = 400  # characters of evidence shown before the rest is folded in <details>
LOGIN_COOKIE = "s11_login"
# What /login?error= may say: a code picks one of these; anything else says nothing.
LOGIN_ERRORS = {
    "expired": "the sign-in form expired; try again",
    "token": "that token is not valid",
}
LOGIN_FIELDS = 4  # csrf and token, with room for a browser's extra button field
router = APIRouter(include_in_schema=False)


class SignIn(Exception):
    """The page needs a signed-in caller."""


def _caller(request: Request, store: Store) -> Caller:
    try:
        caller = identify(request, store)
    except HTTPException:
        caller = None
    if caller is None:
        raise SignIn
    return caller


def page(
    request: Request, name: str, caller: Caller | None, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page from its template (the security headers are app/service/guard.py's)."""
    return templates.TemplateResponse(
        request, name, {"me": caller, "statuses": STATUSES, "fold_at": FOLD_AT, **context},
        status_code=status_code,
    )


async def small_form(request: Request) -> dict[str, str]:
    """A signed-in page's form, capped (app/service/forms.py)."""
    settings = request.app.state.settings
    return await read_form(request, settings.form_max_bytes, settings.form_max_fields)


@router.get("/login")
def login_form(request: Request, error: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    message = LOGIN_ERRORS.get(error, "")
    response = page(request, "login.html", None, csrf=token, error=message)
    secure = request.url.scheme == "https"
    response.set_cookie(
        LOGIN_COOKIE, token, httponly=True, samesite="strict", max_age=600, secure=secure
    )
    return response


@router.post("/login")
async def login(request: Request, store: StoreDep) -> Response:
    """Sign in with a token: a small urlencoded form, its size checked before it is read."""
    settings = request.app.state.settings
    form = await read_form(request, settings.login_max_bytes, LOGIN_FIELDS)
    presented, expected = form.get("csrf", ""), request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(presented.encode(), expected.encode()):
        return login_form(request, "expired")
    user = user_for_token(store, form.get("token", "").strip())
    if user is None:
        return login_form(request, "token")
    session, _ = start_session(store, user)
    response = RedirectResponse("/", 303)
    response.set_cookie(
        COOKIE,
        session,
        httponly=True,
        samesite="strict",
        max_age=SESSION_SECONDS,
        path="/",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, store: StoreDep) -> Response:
    caller = _caller(request, store)
    check_csrf(caller, (await small_form(request)).get("csrf"))
    end_session(store, request.cookies.get(COOKIE, ""))
    return _signed_out()


@router.post("/logout/everywhere")
async def logout_everywhere(request: Request, store: StoreDep) -> Response:
    """End every session of the signed-in user, in every browser."""
    caller = _caller(request, store)
    check_csrf(caller, (await small_form(request)).get("csrf"))
    end_sessions(store, caller.user.uid)
    return _signed_out()


def _signed_out() -> Response:
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/")
def returns_page(request: Request, store: StoreDep) -> Response:
    caller = _caller(request, store)
    return page(
        request,
        "returns.html",
        caller,
        returns=list_returns(store),
        return_words=labels.RETURN_STATUSES,
    )


@router.get("/returns/{return_id}")
def return_page(request: Request, return_id: str, store: StoreDep) -> Response:
    caller = _caller(request, store)
    view = return_view(store, request.app.state.settings.data, return_id)
    if view is None:
        raise HTTPException(404, f"no finished return with id {return_id!r}")
    return page(request, "return.html", caller, view=view, r=view["result"])


@router.post("/returns/{return_id}/gaps/{gap_id}")
async def decide_by_form(request: Request, return_id: str, gap_id: str, store: StoreDep) -> Any:
    """The form behind each gap's status control (the keys use the API)."""
    caller = _caller(request, store)
    form = await small_form(request)
    check_csrf(caller, form.get("csrf"))
    limit = request.app.state.settings.max_comment
    if len(form.get("comment", "")) > limit:
        raise HTTPException(422, f"the comment is longer than {limit} characters")
    try:
        decide(store, gap_id, form.get("status", ""), form.get("comment", ""), caller.user.name)
    except ReviewError as e:
        raise HTTPException(422, str(e)) from e
    return RedirectResponse(f"/returns/{quote(return_id)}#gap-{quote(gap_id)}", 303)


@router.get("/gaps/{gap_id}/history")
def history_page(request: Request, gap_id: str, store: StoreDep) -> Response:
    caller = _caller(request, store)
    rows = history(store, gap_id)
    if gap_sha(store, gap_id) is None and not rows:
        raise HTTPException(404, f"no gap with id {gap_id!r}")
    return page(
        request,
        "history.html",
        caller,
        gap_id=gap_id,
        gap=gap_row(store, gap_id),
        rows=rows,
        return_id=gap_sha(store, gap_id),
    )


@router.get("/board")
def board_page(request: Request, store: StoreDep) -> Response:
    from app.reports.board import THRESHOLD, svg_bars, tally
    from app.reports.results import load_results

    caller = _caller(request, store)
    tallies = tally(load_results(request.app.state.settings.data, store))
    charts = {tid: svg_bars(tk, f"chart-{tid}") for tid, tk in tallies.items()}
    return page(
        request,
        "board.html",
        caller,
        tallies=sorted(tallies.items()),
        charts=charts,
        threshold=THRESHOLD,
    )


@router.get("/compare")
def compare_page(request: Request, store: StoreDep) -> Response:
    """This cycle (the service's data) against the last (`s11 serve --previous DIR`)."""
    from markupsafe import Markup

    from app.compare.cycles import CycleError, compare_cycles, load_names
    from app.reports.trend import fragment

    caller = _caller(request, store)
    settings = request.app.state.settings
    body, error = "", ""
    if settings.previous is None:
        error = "no previous cycle: start the service with --previous DIR (last cycle's folder)"
    else:
        try:
            body = fragment(
                compare_cycles(settings.previous, settings.data, load_names(settings.names))
            )
        except CycleError as e:
            error = str(e)
    return page(request, "compare.html", caller, body=Markup(body), error=error)


ERROR_TITLES = {
    400: "The request could not be read",
    401: "Sign in first",
    403: "Not allowed",
    404: "Not found",
    408: "The request took too long",
    409: "Not ready yet",
    413: "Too large",
    415: "Not a form this page sends",
    422: "Not saved",
}


def wants_page(request: Request) -> bool:
    """A refusal a person sees in the browser: a page's route, or a form sent to the API."""
    if not request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return accept.startswith("text/html")  # a form's navigation, never fetch()'s */*


async def error_page(request: Request, exc: Exception) -> Response:
    """Pages and forms are refused with a page; the API keeps its one-line JSON."""
    assert isinstance(exc, StarletteHTTPException)
    if not wants_page(request):
        return await http_exception_handler(request, exc)
    title = ERROR_TITLES.get(exc.status_code, "Something went wrong")
    response = page(
        request, "error.html", None, exc.status_code, title=title, message=str(exc.detail)
    )
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def mount(app: FastAPI) -> None:
    """Add the pages and the static files to the app; signed-out visitors go to /login."""

    async def to_login(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/login", 303)

    app.add_exception_handler(SignIn, to_login)
    app.add_exception_handler(StarletteHTTPException, error_page)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
