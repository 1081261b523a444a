"""Every setting of the review service in one place, with its default; bad values refused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8011
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")  # as Host headers name them


@dataclass(frozen=True)
class Settings:
    data: Path
    max_upload_mb: float = 25.0  # one file; 413 beyond, counted while the body streams
    max_files: int = 50  # files in one upload
    workers: int = 1  # extraction worker processes (the batch pool)
    timeout: float = 120.0  # seconds one file may take
    memory_mb: int = 1024  # memory one file may take
    run_jobs: bool = True  # process the queue (tests turn it off to leave uploads queued)
    poll_seconds: float = 0.5  # how often an idle queue is looked at
    max_comment: int = 4000  # characters in a reviewer's comment
    extract_ref: str = "app.batch.worker:extract_json"
    previous: Path | None = None  # last cycle's batch or data folder, for the compare page
    names: Path | None = None  # its names file (renamed organisations, replaced toolkits)
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS  # Host headers answered; others get 400
    login_max_bytes: int = 4096  # the sign-in form, refused beyond before it is read
    form_max_bytes: int = 64 * 1024  # any other page form (a comment of max_comment characters)
    form_max_fields: int = 8  # fields in one page form
    header_seconds: float = 10.0  # a request's line and headers must arrive within this
    body_seconds: float = 30.0  # the longest pause while a request body arrives (408 after)
    keep_alive_seconds: int = 5  # an idle kept-alive connection is closed after this

    def __post_init__(self) -> None:
        positive = (
            "max_upload_mb", "max_files", "workers", "timeout", "memory_mb", "login_max_bytes",
            "form_max_bytes", "form_max_fields", "header_seconds", "body_seconds",
            "keep_alive_seconds",
        )  # fmt: skip
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")
        if not self.allowed_hosts:
            raise ValueError("allowed_hosts is empty: name the host(s) browsers use")

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)
