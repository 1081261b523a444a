"""`s11 extract` and `s11 inspect`: one line per bad file, never a traceback unless --debug."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from pathlib import Path

import typer

from extractor.errors import S11Error

FOLDER = "{}: is a folder: use s11 batch"


def run_extract(files: list[Path], out: Path | None, toolkit: str | None, debug: bool) -> int:
    """Extract each file; print JSON (one file, no --out) or write <name>.json files."""
    from scoring.pipeline import extract, to_json

    if len(files) > 1 and out is None:
        typer.echo("s11 extract: several files need --out DIR", err=True)
        return 2
    failed = 0
    for path in files:
        if path.is_dir():
            failed += 1
            typer.echo(FOLDER.format(path), err=True)
            continue
        try:
            text = to_json(extract(path, toolkit))
        except Exception as e:  # the edge: every failure becomes one line
            failed += 1
            typer.echo(describe_error(path, e), err=True)
            if debug:
                traceback.print_exc()
            continue
        if out is None:
            sys.stdout.write(text)
        else:
            target = out / f"{path.name}.json"
            write_atomic(target, text)
            typer.echo(f"{path.name}: wrote {target}", err=True)
    return 1 if failed else 0


def run_inspect(file: Path, as_json: bool, debug: bool) -> int:
    """Print what the reader saw, as text or JSON."""
    from extractor.dispatch import read_document
    from extractor.inspect import render_text, to_jsonable

    if file.is_dir():
        typer.echo(FOLDER.format(file), err=True)
        return 1
    try:
        doc = read_document(file)
    except Exception as e:
        typer.echo(describe_error(file, e), err=True)
        if debug:
            traceback.print_exc()
        return 1
    if as_json:
        sys.stdout.write(json.dumps(to_jsonable(doc), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(doc))
    return 0


def describe_error(path: Path, error: BaseException) -> str:
    """One line naming the file and the problem."""
    return " ".join(_describe(path, error).split())


def _describe(path: Path, error: BaseException) -> str:
    if isinstance(error, S11Error):
        message = str(error)
        return message if message.startswith(path.name) else f"{path.name}: {message}"
    if isinstance(error, MemoryError):
        return f"{path.name}: ran out of memory while reading the file"
    if isinstance(error, RecursionError):
        return f"{path.name}: the file is nested too deeply to read"
    if isinstance(error, OSError):
        return f"{path.name}: cannot read the file ({error.strerror or error})"
    first = str(error).splitlines()[0] if str(error) else ""
    return f"{path.name}: unexpected error ({type(error).__name__}: {first}); rerun with --debug"


def write_atomic(target: Path, text: str) -> None:
    """Write via a temporary file in the same folder (mode 0600), then rename."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
