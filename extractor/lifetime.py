"""Child processes that die with their parent (Linux prctl PR_SET_PDEATHSIG)."""

from __future__ import annotations

import contextlib
import ctypes
import signal

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def kill_me_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when the thread that started it ends. Kept
    across exec, cleared by fork: call it in every child that must not outlive its parent."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
