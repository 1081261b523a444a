"""Every setting of the review service in one place, with its default; bad values refused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8011


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

    def __post_init__(self) -> None:
        for name in ("max_upload_mb", "max_files", "workers", "timeout", "memory_mb"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)
