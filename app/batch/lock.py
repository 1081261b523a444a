"""One writer per folder: a lock held for a whole run.

Stable API, used by `s11 batch` / `s11 report` on their output folder and by the service on
its data folder (`s11 serve --data DIR`):

    from app.batch.lock import FolderInUse, hold

    try:
        with hold(folder, "s11 serve"):
            ...  # only this process writes into `folder`
    except FolderInUse as e:
        print(e)  # "data: in use by s11 batch (pid 1234, started 2026-12-02 02:10:05); ..."

`hold(folder, what)` creates `folder` when missing, takes an exclusive `fcntl.flock` on
`folder/s11.lock` without waiting and writes the holder (`what`, `pid`, `started`) into it as
JSON. While it is held, any other `hold` on the same folder, from another process or this
one, raises `FolderInUse` naming the holder. The kernel drops the lock when the holder's
file is closed, however the process ends (even SIGKILL), so the lock of a dead process is
taken over with no clean-up; the file itself stays. Processes forked while the lock is held
(worker pools) do not keep it: only the process that called `hold` owns it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from extractor.errors import S11Error

LOCK_NAME = "s11.lock"
_held: set[int] = set()  # descriptors of the locks this process holds


class FolderInUse(S11Error, RuntimeError):
    """Another s11 process is writing into the folder."""

    def __init__(self, folder: Path, holder: dict[str, object]) -> None:
        self.folder = folder
        self.holder = holder
        what = holder.get("what") or "another s11 process"
        pid = holder.get("pid")
        started = holder.get("started")
        who = f"pid {pid}, started {started}" if pid and started else "holder unknown"
        super().__init__(f"{folder}: in use by {what} ({who}); wait for it to finish")


@contextlib.contextmanager
def hold(folder: Path, what: str) -> Iterator[None]:
    """Hold `folder`'s lock for the `with` block, or raise FolderInUse at once."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        holder = _read_holder(fd)
        os.close(fd)
        if e.errno in (errno.EWOULDBLOCK, errno.EACCES):
            raise FolderInUse(folder, holder) from None
        raise
    try:
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        record = {"what": what, "pid": os.getpid(), "started": started, "time": time.time()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(record) + "\n").encode(), 0)
        _held.add(fd)
        yield
    finally:
        _held.discard(fd)
        os.close(fd)  # closing the file releases the lock


def _read_holder(fd: int) -> dict[str, object]:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _drop_in_child() -> None:
    """A forked child shares the lock's open file; closing its copy leaves the parent owner."""
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_drop_in_child)
