"""`s11 serve`: the service on uvicorn, bound to 127.0.0.1 unless told otherwise.

uvicorn waits for a request's headers as long as a client likes; `deadline_protocol` closes a
connection whose request line and headers have not all arrived within `header_seconds` of
its opening (or of the previous answer, on a kept-alive connection)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from app.service.settings import LOCAL_HOSTS, Settings

if TYPE_CHECKING:
    import uvicorn

ANY_ADDRESS = ("0.0.0.0", "::", "")


def run_serve(
    data: Path,
    host: str,
    port: int,
    workers: int,
    timeout: float,
    memory_mb: int,
    max_upload_mb: float,
    previous: Path | None = None,
    names: Path | None = None,
    allowed_hosts: list[str] | None = None,
) -> int:
    try:
        settings = Settings(
            data,
            max_upload_mb,
            workers=workers,
            timeout=timeout,
            memory_mb=memory_mb,
            previous=previous,
            names=names,
            allowed_hosts=hosts_for(host, allowed_hosts),
        )
    except ValueError as e:
        typer.echo(f"s11 serve: {e}", err=True)
        return 2
    from app.batch.lock import FolderInUse, hold

    try:
        with hold(data, "s11 serve"):  # one writer per folder: no batch or second service
            return _serve(settings, host, port)
    except FolderInUse as e:
        typer.echo(f"s11 serve: {e}", err=True)
        return 1


def hosts_for(host: str, named: list[str] | None) -> tuple[str, ...]:
    """The Host headers answered: those named, else the bound address and this machine's names
    (every address: its host name and full name; a proxy in front should name its own)."""
    found = [h.strip() for h in named or [] if h.strip()]
    if not found:
        found = [*LOCAL_HOSTS, host]
        if host in ANY_ADDRESS:
            found = [*LOCAL_HOSTS, socket.gethostname(), socket.getfqdn()]
    return tuple(dict.fromkeys(_as_header(h) for h in found))


def _as_header(host: str) -> str:
    """A host as a Host header carries it: lower case, an IPv6 address in brackets."""
    bare = host.lower().strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def deadline_protocol(header_seconds: float) -> type[Any]:
    """uvicorn's h11 protocol with a deadline for each request's line and headers."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderDeadline(H11Protocol):
        header_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            self._disarm()
            self.header_timer = self.loop.call_later(header_seconds, self._too_slow)

        def _disarm(self) -> None:
            if self.header_timer is not None:
                self.header_timer.cancel()
                self.header_timer = None

        def _too_slow(self) -> None:
            self.header_timer = None
            if not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def handle_events(self) -> None:
            cycle = self.cycle
            super().handle_events()
            if self.cycle is not cycle:  # a request's headers arrived in full
                self._disarm()

        def on_response_complete(self) -> None:
            self._arm()  # the next request on this connection has the same deadline
            super().on_response_complete()

    return HeaderDeadline


def server_config(settings: Settings, host: str, port: int) -> uvicorn.Config:
    """The uvicorn configuration `s11 serve` runs (and the tests start)."""
    import uvicorn

    from app.service.app import create_app

    return uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        log_level="warning",
        http=deadline_protocol(settings.header_seconds),
        timeout_keep_alive=settings.keep_alive_seconds,
        h11_max_incomplete_event_size=16 * 1024,  # request line and headers
        server_header=False,
    )


def _serve(settings: Settings, host: str, port: int) -> int:
    import uvicorn

    from app.batch.store import Store

    data = settings.data
    store = Store(data)
    users = store.db.execute("SELECT count(*) FROM users").fetchone()[0]
    store.close()
    if not users:
        add = f"s11 users add NAME --role admin --data {data}"
        typer.echo(f"s11 serve: no users yet; add one with `{add}`", err=True)
    shown = ", ".join(settings.allowed_hosts)
    typer.echo(f"s11 review service on http://{host}:{port}/ (data in {data})", err=True)
    typer.echo(f"s11 serve: answering Host {shown} (--allowed-host to change)", err=True)
    uvicorn.Server(server_config(settings, host, port)).run()
    return 0
