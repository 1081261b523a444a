"""The toolkits: the built-in YAML files beside this loader, their schema (`schema.py`), and the
user's folders (`--toolkits DIR`, or `S11_TOOLKITS`, folders separated by `:`). No file format.

A broken file is refused with its name, the path inside it and the line:
`wt2023.yaml: sections -> 2 -> items -> 4 -> kind (line 88): Input should be 'choice' or 'text'`.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from extractor.errors import ToolkitError
from mappings.toolkits.schema import Toolkit

TOOLKIT_DIR = Path(__file__).resolve().parent
ENV_VAR = "S11_TOOLKITS"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_folders: list[Path] | None = None  # the user's folders; None: not yet read from the env
_exported: str | None = None  # the value use_folders() put in the env for worker processes
_user_env = ""  # the env var as the user set it (before use_folders() extended it)


def use_folders(paths: list[Path] | None) -> None:
    """Add these folders of toolkit YAML files to the built-in toolkits, for this process and
    the worker processes it starts (through `S11_TOOLKITS`). None or []: the env var's folders."""
    global _folders, _exported
    chosen = [Path(p).expanduser().resolve() for p in paths or []]
    for folder in chosen:
        if not folder.is_dir():
            raise ToolkitError(f"{folder}: toolkits folder not found")
    merged = list(dict.fromkeys([*chosen, *_env_folders()]))
    _folders = merged
    _exported = os.pathsep.join(str(p) for p in merged)
    if merged:
        os.environ[ENV_VAR] = _exported
    else:
        os.environ.pop(ENV_VAR, None)
    _clear()


def toolkit_folders() -> list[Path]:
    """The user's toolkit folders in use (the env var read on first use)."""
    global _folders
    if _folders is None:
        _folders = _env_folders()
    return _folders


def _env_folders() -> list[Path]:
    """The folders the user named in S11_TOOLKITS (not the ones use_folders() added)."""
    global _user_env
    raw = os.environ.get(ENV_VAR, "")
    if _exported is None or raw != _exported:
        _user_env = raw
    found = []
    for part in _user_env.split(os.pathsep):
        if not part.strip():
            continue
        folder = Path(part.strip()).expanduser().resolve()
        if not folder.is_dir():
            raise ToolkitError(f"{ENV_VAR}: toolkits folder not found: {folder}")
        found.append(folder)
    return list(dict.fromkeys(found))


def _clear() -> None:
    toolkit_sources.cache_clear()
    load_toolkit.cache_clear()


@lru_cache(maxsize=1)
def toolkit_sources() -> dict[str, Path]:
    """Every toolkit id with the file it comes from: built-in first, then the user's folders.
    A user file's id is its file name; an id defined twice is refused, naming both files."""
    sources = {p.stem: p for p in sorted(TOOLKIT_DIR.glob("*.yaml"))}
    for folder in toolkit_folders():
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            if path.stem in sources:
                raise ToolkitError(
                    f"{path}: toolkit id {path.stem!r} is already defined by {sources[path.stem]}"
                )
            sources[path.stem] = path
    return sources


def origin(toolkit_id: str) -> str:
    """Where a toolkit comes from: 'built-in' or its file's path."""
    path = toolkit_sources()[toolkit_id]
    return "built-in" if path.parent == TOOLKIT_DIR else str(path)


def toolkit_ids() -> list[str]:
    return sorted(toolkit_sources())


@lru_cache(maxsize=64)
def load_toolkit(toolkit_id: str) -> Toolkit:
    """A toolkit by id (parsed once per process)."""
    sources = toolkit_sources()
    if toolkit_id not in sources:
        known = ", ".join(sorted(sources))
        raise ToolkitError(f"unknown toolkit {toolkit_id!r} (known: {known})")
    path = sources[toolkit_id]
    name = path.name if path.parent == TOOLKIT_DIR else str(path)
    toolkit = load_toolkit_file(path, name)
    if toolkit.id != path.stem:
        raise ToolkitError(f"{name}: id {toolkit.id!r} must equal the file name")
    return toolkit


def all_toolkits() -> list[Toolkit]:
    """Every toolkit, built-in and from the user's folders, sorted by id."""
    return [load_toolkit(tid) for tid in toolkit_ids()]


def load_toolkit_file(path: Path | str, name: str | None = None) -> Toolkit:
    """Parse and validate one toolkit YAML file; errors start with `name` (default: the
    file's name)."""
    path = Path(path)
    name = name or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ToolkitError(f"{name}: cannot read the file ({e})") from e
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ToolkitError(f"{name}: invalid YAML{where}: {problem}") from e
    if not isinstance(data, dict):
        raise ToolkitError(f"{name}: the top level must be a mapping of toolkit fields")
    try:
        return Toolkit.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        location = [str(p) for p in first["loc"]]
        line = _line_of(node, list(first["loc"]))
        where = f" (line {line})" if line else ""
        field = " -> ".join(location) or "(top level)"
        raise ToolkitError(f"{name}: {field}{where}: {first['msg']}") from e


def _line_of(node: Any, loc: list[Any]) -> int | None:
    """The 1-based line of the YAML node at a pydantic error location (closest found)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            nxt = node.value[key] if 0 <= key < len(node.value) else None
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line
