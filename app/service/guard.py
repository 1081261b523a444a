"""What every answer carries and how long a request body may keep the service waiting.

Every answer (pages, API, static files, errors) gets the pages' Content-Security-Policy,
`nosniff`, a Referrer-Policy and framing refused; everything but the static files is
`no-store`, so no signed-in page or API answer is kept in a browser's or proxy's cache. A
request body that stops arriving for `body_seconds` ends the request with 408 (the
header deadline is the server's: app/service/serve.py). A client that hangs up while its
request is read is one line in the log, never a traceback.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
CACHED = "/static/"  # the only answers a browser may keep
log = logging.getLogger("s11.service")


class BodyTimeout(Exception):
    """The client stopped sending its request body."""


class Guard:
    """Pure ASGI middleware (no buffering of the body or the answer)."""

    def __init__(self, app: ASGIApp, body_seconds: float) -> None:
        self.app = app
        self.body_seconds = body_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        store = not scope["path"].startswith(CACHED)
        body_done = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:  # later calls wait for a disconnect, however long the answer takes
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.body_seconds)
            except TimeoutError as e:
                raise BodyTimeout from e
            body_done = message["type"] != "http.request" or not message.get("more_body")
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if store:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, timed_receive, send_with_headers)


def _where(request: Request) -> str:
    client = request.client.host if request.client else "unknown client"
    return f"{request.method} {request.url.path} from {client}"


async def hung_up(request: Request, exc: Exception) -> Response:
    """A client that left while its request was read: one line, no traceback."""
    log.warning("client hung up while sending %s", _where(request))
    return Response(status_code=400)


async def too_slow(request: Request, exc: Exception) -> Response:
    log.warning("request body too slow: %s", _where(request))
    return Response("the request body stopped arriving\n", 408, media_type="text/plain")


HANDLERS = {ClientDisconnect: hung_up, BodyTimeout: too_slow}
