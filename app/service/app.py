"""The FastAPI application over one data folder; the job runner lives as long as it does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from app.batch.store import Store
from app.service.api import one_line_errors, router
from app.service.guard import HANDLERS, Guard
from app.service.jobs import Runner
from app.service.pages import mount
from app.service.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    """The service: API, pages and static files; the queue runs while the app is up."""
    Store(settings.data).close()  # create or migrate the store before the first request
    runner = Runner(settings) if settings.run_jobs else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if runner is not None:
            runner.start()
        try:
            yield
        finally:
            if runner is not None:
                runner.stop()

    # No schema or docs pages: the README documents the API, and nothing signed out is shown.
    app = FastAPI(
        title="s11 review service",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.wake = runner.wake.set if runner is not None else (lambda: None)
    one_line_errors(app)
    for error, handler in HANDLERS.items():
        app.add_exception_handler(error, handler)
    app.include_router(router)
    mount(app)
    # The last added runs first: every answer, a refused Host included, carries the headers.
    app.add_middleware(
        TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts), www_redirect=False
    )
    app.add_middleware(Guard, body_seconds=settings.body_seconds)
    return app
