"""The FastAPI application over one data folder; the job runner lives as long as it does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.batch.store import Store
from app.service.api import one_line_errors, router
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

    app = FastAPI(title="s11 review service", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.wake = runner.wake.set if runner is not None else (lambda: None)
    one_line_errors(app)
    app.include_router(router)
    mount(app)
    return app
