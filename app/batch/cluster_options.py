"""What `s11 batch --cluster` is told: where the scheduler is, how to reach it, where the
workers see the returns. Parsed and checked here without importing Dask."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.batch.settings import SETTINGS, ClusterSettings
from extractor.errors import S11Error

_LOCAL = re.compile(r"local:(\d+)")


class ClusterError(S11Error, RuntimeError):
    """The cluster cannot run this batch (unreachable, mismatched, cannot see the files)."""


@dataclass(frozen=True)
class ClusterOptions:
    address: str | None = None  # tcp://host:8786, tls://host:8786 or local:N
    scheduler_file: Path | None = None
    tls: tuple[Path, Path, Path] | None = None  # CA, certificate, key
    path_map: tuple[tuple[Path, str], ...] = ()  # (prefix here, prefix on the workers)
    settings: ClusterSettings = field(default=SETTINGS)

    @property
    def local_workers(self) -> int:
        """N for local:N, else 0."""
        match = _LOCAL.fullmatch(self.address or "")
        return int(match.group(1)) if match else 0

    def where(self) -> str:
        return self.address or f"the scheduler in {self.scheduler_file}"

    def remote(self, path: Path) -> str:
        """The path as the workers see it (the longest --path-map prefix that applies)."""
        for local, remote in sorted(self.path_map, key=lambda m: -len(m[0].parts)):
            if path.is_relative_to(local):
                rest = path.relative_to(local).as_posix()
                return remote.rstrip("/") + ("/" + rest if rest != "." else "")
        return str(path)


def parse_cluster_options(
    address: str | None,
    scheduler_file: Path | None,
    tls: str | None,
    path_maps: list[str] | None,
    settings: ClusterSettings = SETTINGS,
) -> ClusterOptions | None:
    """None when no cluster is asked for; a ClusterError (one line) on a bad combination."""
    if address is None and scheduler_file is None:
        if tls or path_maps:
            raise ClusterError("s11 batch: --cluster-tls and --path-map need --cluster")
        return None
    if address is not None and scheduler_file is not None:
        raise ClusterError("s11 batch: give --cluster or --cluster-file, not both")
    if address is not None:
        _check_address(address, tls)
    elif scheduler_file is not None and not scheduler_file.is_file():
        raise ClusterError(f"{scheduler_file}: --cluster-file: no such file")
    return ClusterOptions(
        address,
        scheduler_file,
        _tls_files(tls) if tls else None,
        tuple(_path_map(m) for m in path_maps or []),
        settings,
    )


def _check_address(address: str, tls: str | None) -> None:
    if address.startswith("local:"):
        if not _LOCAL.fullmatch(address) or int(address[6:]) < 1:
            raise ClusterError(f"s11 batch: --cluster {address}: local:N needs N ≥ 1 workers")
        return
    if not re.fullmatch(r"(tcp|tls)://[^\s/:]+(:\d+)?", address):
        raise ClusterError(
            f"s11 batch: --cluster {address}: expected tcp://host:port, tls://host:port or local:N"
        )
    if address.startswith("tls://") and not tls:
        raise ClusterError(f"s11 batch: --cluster {address} needs --cluster-tls CA,CERT,KEY")


def _tls_files(value: str) -> tuple[Path, Path, Path]:
    parts = [Path(p.strip()).expanduser() for p in value.split(",")]
    if len(parts) != 3:
        raise ClusterError(f"s11 batch: --cluster-tls {value}: expected CA,CERT,KEY (three files)")
    for part in parts:
        if not part.is_file():
            raise ClusterError(f"{part}: --cluster-tls: no such file")
    return parts[0], parts[1], parts[2]


def _path_map(value: str) -> tuple[Path, str]:
    local, sep, remote = value.partition("=")
    if not sep or not local.strip() or not remote.strip().startswith("/"):
        raise ClusterError(
            f"s11 batch: --path-map {value}: expected LOCAL=REMOTE, REMOTE an absolute path"
        )
    return Path(local.strip()).expanduser().resolve(), remote.strip()
