"""LibreOffice headless conversion (legacy .doc/.xls, and PDF export for tests)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from extractor.errors import ConversionError
from extractor.lifetime import kill_me_with_parent

SOFFICE_TIMEOUT = 120.0
RESTART_CODE = 81  # soffice.bin: "restart me" (after creating a profile)
RESTARTS = 2


def soffice_available() -> bool:
    return shutil.which("soffice") is not None


def _office_binary(launcher: str) -> str:
    """soffice.bin beside the launcher script when there is one: the script's oosplash forks
    it, and a fork loses the request to die with the parent, so it would outlive a killed
    worker; started directly it gets that request itself."""
    direct = Path(os.path.realpath(launcher)).parent / "soffice.bin"
    return str(direct) if direct.is_file() else launcher


def _run(command: list[str], path: Path, deadline: float, timeout: float) -> int:
    """Run LibreOffice once, killed with its worker or at the deadline; its exit code."""
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=kill_me_with_parent,  # safe: workers run one thread
    )
    try:
        return proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired as e:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise ConversionError(
            path, f"LibreOffice took longer than {timeout:g} s to convert it"
        ) from e


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
            _office_binary(binary),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_ext,
            "--outdir",
            str(outdir),
            str(path),
        ]
        deadline = time.monotonic() + timeout
        for _ in range(RESTARTS + 1):
            code = _run(command, path, deadline, timeout)
            if code != RESTART_CODE:  # a fresh profile makes the first start ask for a restart
                break
    result = outdir / f"{path.stem}.{target_ext}"
    if not result.exists():
        raise ConversionError(path, f"LibreOffice could not convert it to .{target_ext} (damaged?)")
    return result
