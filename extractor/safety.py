"""Safe opening: checks every reader runs before a parser touches the bytes.

- zip containers: total uncompressed size and compression ratio checked from the central
  directory, without inflating anything (zip bombs refused in one line);
- XML parts: a DTD or entity declaration is refused (no entity expansion, no external fetch).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import UnsafeDocumentError, UnsupportedFormatError


@dataclass(frozen=True)
class Limits:
    """Named limits for container checks."""

    max_total_uncompressed: int = 512 * 1024 * 1024  # 512 MB across all parts
    max_part_uncompressed: int = 256 * 1024 * 1024
    max_ratio: float = 200.0  # uncompressed / compressed, per part above MIN_RATIO_BYTES
    min_ratio_bytes: int = 1024 * 1024  # small parts may compress well without suspicion
    max_entries: int = 20_000


LIMITS = Limits()
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def check_zip_container(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse a zip whose declared sizes look like a bomb. Reads only the central directory."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise UnsupportedFormatError(path, f"damaged zip container ({e})") from e
    if len(infos) > limits.max_entries:
        raise UnsafeDocumentError(path, f"refused: the container holds {len(infos)} parts")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_part_uncompressed:
            raise UnsafeDocumentError(
                path, f"refused: part {info.filename} would inflate to {info.file_size:,} bytes"
            )
        if info.file_size > limits.min_ratio_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise UnsafeDocumentError(
                    path,
                    f"refused: part {info.filename} has compression ratio {ratio:.0f}:1 "
                    "(a zip bomb)",
                )
    if total > limits.max_total_uncompressed:
        raise UnsafeDocumentError(
            path, f"refused: the container would inflate to {total:,} bytes (a zip bomb)"
        )


def check_xml_bytes(path: Path, part: str, data: bytes) -> None:
    """Refuse XML carrying a DTD or entity declarations (billion laughs, external entities)."""
    if _DTD.search(data[:65536]) or (len(data) > 65536 and _DTD.search(data)):
        raise UnsafeDocumentError(
            path, f"refused: part {part} declares a DTD or entities (unsafe XML)"
        )


def check_ooxml(path: Path, limits: Limits = LIMITS) -> None:
    """Container check plus a DTD/entity scan of every XML part (reads parts one by one)."""
    check_zip_container(path, limits)
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            name = info.filename
            if name.endswith((".xml", ".rels", ".vml")):
                with zf.open(info) as fh:
                    check_xml_bytes(path, name, fh.read(limits.max_part_uncompressed))
