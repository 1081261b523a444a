"""One return of a cycle as `s11 compare` loads it (shared by the matching modules)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring.result import Result


@dataclass(frozen=True)
class Loaded:
    """One return of a cycle: its result and where it came from."""

    sha256: str
    source: str  # the return file's path as the batch saw it
    json_path: Path
    result: Result

    @property
    def name(self) -> str:
        return self.result.organisation.name.strip() or Path(self.source).name

    @property
    def toolkit(self) -> str:
        return self.result.toolkit.id
