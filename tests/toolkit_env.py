"""A clean slate for the user's toolkit folders around a test: S11_TOOLKITS unset and no
folders in use, then the caller's environment put back exactly (not through monkeypatch,
whose undo would restore the value use_folders() exported for worker processes)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from mappings.toolkits import ENV_VAR, use_folders


@contextmanager
def clean_toolkit_env() -> Iterator[None]:
    saved = os.environ.pop(ENV_VAR, None)
    use_folders([])
    try:
        yield
    finally:
        os.environ.pop(ENV_VAR, None)
        use_folders([])
        if saved is not None:
            os.environ[ENV_VAR] = saved
