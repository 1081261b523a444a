"""Processes of one test run, found through /proc by a tag in their environment (Linux)."""

from __future__ import annotations

import contextlib
import os
import signal
import time
import uuid
from pathlib import Path

TAG = "S11_TEST_RUN"


def tagged_env() -> tuple[dict[str, str], str]:
    """An environment carrying a fresh tag, inherited by every process started under it."""
    tag = uuid.uuid4().hex
    return {**os.environ, TAG: tag}, tag


def living(tag: str) -> list[int]:
    """Pids of live (not zombie) processes whose environment carries `tag`."""
    needle = f"{TAG}={tag}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if needle in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def wait_until_gone(tag: str, seconds: float) -> list[int]:
    """Poll until no process carries `tag` or `seconds` pass; the ones still alive."""
    deadline = time.monotonic() + seconds
    while (left := living(tag)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def wait_for(tag: str, count: int, seconds: float) -> list[int]:
    """Poll until at least `count` processes carry `tag`."""
    deadline = time.monotonic() + seconds
    while len(found := living(tag)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def kill_leftovers(tag: str) -> None:
    """SIGKILL whatever still carries `tag` (a failed test's processes never outlive it)."""
    for pid in living(tag):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
