"""The JSON API under /api: returns, gaps and their decisions, downloads. Every route but
/api/health needs a token or a session."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from app.batch.store import Store
from app.review.decisions import ReviewError, decide, gap_sha, history
from app.service.auth import CSRF_HEADER, Admin, Reviewer, StoreDep, check_csrf
from app.service.guard import POLICY
from app.service.jobs import enqueue, remove_return
from app.service.queries import list_gaps, list_returns, result_of, return_status
from app.service.settings import Settings
from app.service.uploads import UploadError, receive

router = APIRouter(prefix="/api")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: str
    comment: str | None = None


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.post("/returns", status_code=202)
async def upload(request: Request, caller: Admin, store: StoreDep) -> dict[str, Any]:
    """Queue one or many returns (multipart field `files`); 202 with their ids."""
    settings = settings_of(request)
    try:
        files, fields = await receive(
            request,
            settings.data / "uploads" / ".incoming",
            settings.max_upload_bytes,
            settings.max_files,
        )
    except UploadError as e:
        raise HTTPException(e.status, str(e)) from e
    try:
        check_csrf(caller, request.headers.get(CSRF_HEADER) or fields.get("csrf"))
    except HTTPException:
        for f in files:
            f.path.unlink(missing_ok=True)
        raise
    queued = [enqueue(store, settings.data, f, caller.user.name) for f in files]
    request.app.state.wake()
    return {"returns": queued}


@router.get("/returns")
def returns(caller: Reviewer, store: StoreDep) -> list[dict[str, Any]]:
    return list_returns(store)


def _result(request: Request, store: Store, return_id: str) -> dict[str, Any]:
    result = result_of(store, settings_of(request).data, return_id)
    if result is None:
        status = return_status(store, return_id)
        if status is None:
            raise HTTPException(404, f"no return with id {return_id!r}")
        detail = status["reason"] or f"the return is {status['status']}"
        raise HTTPException(409, detail)
    return result


@router.get("/returns/{return_id}")
def one_return(
    request: Request, return_id: str, caller: Reviewer, store: StoreDep
) -> dict[str, Any]:
    return _result(request, store, return_id)


@router.get("/returns/{return_id}/download")
def download_result(
    request: Request, return_id: str, caller: Reviewer, store: StoreDep
) -> Response:
    result = _result(request, store, return_id)
    name = Path(result["source"]["file"]).name + ".json"
    return Response(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n",
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.delete("/returns/{return_id}")
def delete_return(request: Request, return_id: str, caller: Admin, store: StoreDep) -> Any:
    if not remove_return(store, settings_of(request).data, return_id):
        raise HTTPException(404, f"no return with id {return_id!r}")
    return {"deleted": return_id}


@router.get("/gaps")
def gaps(
    caller: Reviewer,
    store: StoreDep,
    return_id: Annotated[str | None, Query(alias="return")] = None,
    status: str | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    return list_gaps(store, return_id, status, kind)


@router.patch("/gaps/{gap_id}")
def change_gap(
    request: Request, gap_id: str, change: DecisionIn, caller: Reviewer, store: StoreDep
) -> dict[str, Any]:
    """Set a gap's status and comment; the change is appended to its history."""
    limit = settings_of(request).max_comment
    if change.comment is not None and len(change.comment) > limit:
        raise HTTPException(422, f"the comment is longer than {limit} characters")
    if gap_sha(store, gap_id) is None:
        raise HTTPException(404, f"no gap with id {gap_id!r}")
    try:
        made = decide(store, gap_id, change.status, change.comment, caller.user.name)
    except ReviewError as e:
        raise HTTPException(422, str(e)) from e
    return {"id": gap_id, **made.as_dict()}


@router.get("/gaps/{gap_id}/history")
def gap_history(gap_id: str, caller: Reviewer, store: StoreDep) -> list[dict[str, Any]]:
    if gap_sha(store, gap_id) is None and not history(store, gap_id):
        raise HTTPException(404, f"no gap with id {gap_id!r}")
    return history(store, gap_id)


@router.get("/gaps.xlsx")
def gaps_workbook(request: Request, caller: Reviewer, store: StoreDep) -> Response:
    """The reviewer workbook with the current decisions."""
    from app.reports.gaps import write_gap_workbook

    data = settings_of(request).data
    with tempfile.TemporaryDirectory(dir=data) as tmp:
        target = Path(tmp) / "gaps.xlsx"
        write_gap_workbook(data, store, target, None, None)
        body = target.read_bytes()
    return Response(
        body, media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="gaps.xlsx"'}
    )


@router.get("/board.{fmt}")
def board(request: Request, fmt: str, caller: Reviewer, store: StoreDep) -> Response:
    """The board summary as html, md or xlsx."""
    from app.reports.board import write_board

    types = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "xlsx": XLSX}
    if fmt not in types:
        raise HTTPException(404, f"no board summary as {fmt!r}; use html, md or xlsx")
    data = settings_of(request).data
    with tempfile.TemporaryDirectory(dir=data) as tmp:
        board_dir = Path(tmp)
        (board_dir / "results").symlink_to(data / "results", target_is_directory=True)
        write_board(board_dir, store)
        body = (board_dir / f"summary.{fmt}").read_bytes()
    headers = {"Content-Disposition": f'attachment; filename="summary.{fmt}"'}
    if fmt == "html":  # shown in the browser under the pages' policy, sandboxed: no script runs
        headers = {
            "Content-Disposition": 'inline; filename="summary.html"',
            "Content-Security-Policy": f"{POLICY}; sandbox",
        }
    return Response(body, media_type=types[fmt], headers=headers)


async def _invalid(request: Request, exc: Exception) -> Response:
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    first = errors[0] if errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
    message = first.get("msg", "invalid request")
    return JSONResponse({"detail": f"{where}: {message}" if where else message}, 422)


def one_line_errors(app: FastAPI) -> None:
    """Validation errors as one line, like every other refusal."""
    app.add_exception_handler(RequestValidationError, _invalid)
