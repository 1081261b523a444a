"""Load and validate toolkit YAML files (mappings/toolkits/*.yaml).

A broken file is refused with its name, the path inside it and the line:
`wt2023.yaml: sections -> 2 -> items -> 4 -> kind (line 88): Input should be 'choice' or 'text'`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from extractor.errors import ToolkitError
from mappings.schema import Toolkit

TOOLKIT_DIR = Path(__file__).resolve().parent / "toolkits"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def toolkit_ids() -> list[str]:
    return sorted(p.stem for p in TOOLKIT_DIR.glob("*.yaml"))


@lru_cache(maxsize=32)
def load_toolkit(toolkit_id: str) -> Toolkit:
    """A bundled toolkit by id (parsed once per process)."""
    path = TOOLKIT_DIR / f"{toolkit_id}.yaml"
    if not path.is_file():
        known = ", ".join(toolkit_ids())
        raise ToolkitError(f"unknown toolkit {toolkit_id!r} (known: {known})")
    return load_toolkit_file(path)


def all_toolkits() -> list[Toolkit]:
    """Every bundled toolkit, sorted by id."""
    return [load_toolkit(tid) for tid in toolkit_ids()]


def load_toolkit_file(path: Path | str) -> Toolkit:
    """Parse and validate one toolkit YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ToolkitError(f"{path.name}: cannot read the file ({e})") from e
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ToolkitError(f"{path.name}: invalid YAML{where}: {problem}") from e
    if not isinstance(data, dict):
        raise ToolkitError(f"{path.name}: the top level must be a mapping of toolkit fields")
    try:
        toolkit = Toolkit.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        location = [str(p) for p in first["loc"]]
        line = _line_of(node, list(first["loc"]))
        where = f" (line {line})" if line else ""
        field = " -> ".join(location) or "(top level)"
        raise ToolkitError(f"{path.name}: {field}{where}: {first['msg']}") from e
    if toolkit.id != path.stem and path.parent == TOOLKIT_DIR:
        raise ToolkitError(f"{path.name}: id {toolkit.id!r} must equal the file name")
    return toolkit


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
