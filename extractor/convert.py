"""LibreOffice headless conversion (legacy .doc/.xls, and PDF export for tests)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extractor.errors import ConversionError

SOFFICE_TIMEOUT = 120.0


def soffice_available() -> bool:
    return shutil.which("soffice") is not None


def convert_with_soffice(
    path: Path, target_ext: str, outdir: Path, timeout: float = SOFFICE_TIMEOUT
) -> Path:
    """Convert `path` to `target_ext` in `outdir` with a private profile; killed on timeout."""
    binary = shutil.which("soffice")
    if binary is None:
        raise ConversionError(
            path,
            f"needs LibreOffice to convert to .{target_ext}; save it as "
            f".{target_ext} and send it again",
        )
    with tempfile.TemporaryDirectory(prefix="s11-lo-") as profile:
        command = [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_ext,
            "--outdir",
            str(outdir),
            str(path),
        ]
        proc = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as e:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise ConversionError(
                path, f"LibreOffice took longer than {timeout:g} s to convert it"
            ) from e
    result = outdir / f"{path.stem}.{target_ext}"
    if not result.exists():
        raise ConversionError(path, f"LibreOffice could not convert it to .{target_ext} (damaged?)")
    return result
