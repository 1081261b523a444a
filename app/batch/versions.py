"""What a machine reads returns with: the s11 version, a digest of the reading code and one of
the built-in toolkits. A cluster run checks the workers' against the driver's at connect, so
one cycle is never read by two versions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# The packages whose code decides a result (the app layer only drives them).
READING_PACKAGES = ("extractor", "mappings", "scoring")
CODE_SUFFIXES = (".py", ".json", ".yaml", ".txt")


def fingerprint() -> dict[str, str]:
    """{"s11": version, "code": digest, "toolkits": digest}; digests are 12 hex digits."""
    from mappings.toolkits import TOOLKIT_DIR

    try:
        s11 = version("s11")
    except PackageNotFoundError:
        s11 = "not installed"
    code = _digest(
        path
        for package in READING_PACKAGES
        for path in Path(str(import_module(package).__file__)).parent.rglob("*")
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts
    )
    toolkits = _digest(TOOLKIT_DIR.glob("*.yaml"))
    return {"s11": s11, "code": code, "toolkits": toolkits}


def _digest(paths: Iterable[Path]) -> str:
    """Names (from the package folder on) and contents: the same on every machine."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=str):
        package_root = next(
            (parent for parent in path.parents if parent.name in READING_PACKAGES), path.parent
        )
        digest.update(str(path.relative_to(package_root.parent)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def describe(facts: dict[str, str]) -> str:
    return f"s11 {facts['s11']} (reading code {facts['code']}, toolkits {facts['toolkits']})"
