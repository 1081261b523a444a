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
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from app import labels
from app.batch.store import Store
from app.review.decisions import STATUSES, ReviewError, decide, gap_sha, history
from app.review.users import SESSION_SECONDS, end_session, start_session, user_for_token
from app.service.auth import COOKIE, Caller, StoreDep, check_csrf, identify
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
POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'"
)
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


def page(request: Request, name: str, caller: Caller | None, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(
        request, name, {"me": caller, "statuses": STATUSES, "fold_at": FOLD_AT, **context}
    )
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@router.get("/login")
def login_form(request: Request, error: str = "") -> Response:
    token = secrets.token_urlsafe(24)
    response = page(request, "login.html", None, csrf=token, error=error)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", max_age=600)
    return response


@router.post("/login")
async def login(request: Request, store: StoreDep) -> Response:
    form = await request.form()
    presented, expected = str(form.get("csrf", "")), request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(presented.encode(), expected.encode()):
        return login_form(request, "the sign-in form expired; try again")
    user = user_for_token(store, str(form.get("token", "")).strip())
    if user is None:
        return login_form(request, "that token is not valid")
    session, _ = start_session(store, user)
    response = RedirectResponse("/", 303)
    response.set_cookie(
        COOKIE, session, httponly=True, samesite="strict", max_age=SESSION_SECONDS, path="/"
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request, store: StoreDep) -> Response:
    caller = _caller(request, store)
    check_csrf(caller, str((await request.form()).get("csrf", "")))
    end_session(store, request.cookies.get(COOKIE, ""))
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
    form = await request.form()
    check_csrf(caller, str(form.get("csrf", "")))
    limit = request.app.state.settings.max_comment
    if len(str(form.get("comment", ""))) > limit:
        raise HTTPException(422, f"the comment is longer than {limit} characters")
    try:
        decide(
            store,
            gap_id,
            str(form.get("status", "")),
            str(form.get("comment", "")),
            caller.user.name,
        )
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


def mount(app: FastAPI) -> None:
    """Add the pages and the static files to the app; signed-out visitors go to /login."""

    async def to_login(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/login", 303)

    app.add_exception_handler(SignIn, to_login)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
