"""`s11 serve`: the service on uvicorn, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import typer

from app.service.settings import Settings


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


def _serve(settings: Settings, host: str, port: int) -> int:
    import uvicorn

    from app.batch.store import Store
    from app.service.app import create_app

    data = settings.data
    store = Store(data)
    users = store.db.execute("SELECT count(*) FROM users").fetchone()[0]
    store.close()
    if not users:
        add = f"s11 users add NAME --role admin --data {data}"
        typer.echo(f"s11 serve: no users yet; add one with `{add}`", err=True)
    typer.echo(f"s11 review service on http://{host}:{port}/ (data in {data})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
    return 0
