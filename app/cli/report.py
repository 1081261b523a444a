"""`s11 report DIR`: the reports of a batch folder rewritten, under the folder's lock."""

from __future__ import annotations

from pathlib import Path

import typer

from app.batch.store import Store


def run_report_command(folder: Path, debug: bool) -> int:
    if not (folder / "s11.db").exists():
        typer.echo(
            f"{folder}: not a batch output folder (no s11.db); run `s11 batch` first", err=True
        )
        return 1
    from app.batch.lock import FolderInUse, hold
    from app.reports.gaps import write_reports

    try:
        with hold(folder, "s11 report"):
            store = Store(folder)
            try:
                written = write_reports(folder, store)
            finally:
                store.close()
    except FolderInUse as e:
        typer.echo(str(e), err=True)
        return 1
    for path in written:
        typer.echo(f"wrote {path}")
    return 0
