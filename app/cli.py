"""The `s11` command line. Heavy libraries are imported inside commands to keep start-up fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="s11: read Section 11 safeguarding audit returns into scores, JSON and gap reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
toolkits_app = typer.Typer(
    help="List, show, check and draft the toolkit mappings.", no_args_is_help=True
)
app.add_typer(toolkits_app, name="toolkits")

DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]
ToolkitsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--toolkits",
        help="A folder of toolkit YAML files to use beside the built-in ones (repeatable; "
        "also S11_TOOLKITS, folders separated by ':').",
    ),
]


def fail(message: str, code: int = 1) -> None:
    """Print one line to stderr and exit."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def use_toolkits(folders: list[Path] | None) -> None:
    """Add the user's toolkit folders (and S11_TOOLKITS); a bad folder is one line, exit 2."""
    from app.cli_toolkits import use_toolkit_folders

    code = use_toolkit_folders(folders)
    if code:
        raise typer.Exit(code)


@app.command()
def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Return files (.docx .doc .pdf .xlsx .xlsm .xls).")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write <file name>.json for each file into DIR.")
    ] = None,
    toolkit: Annotated[
        str | None, typer.Option("--toolkit", help="Skip detection and use this toolkit id.")
    ] = None,
    toolkits: ToolkitsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Read returns and print (or write) the JSON result with scores and gaps."""
    from app.cli_extract import run_extract

    use_toolkits(toolkits)
    raise typer.Exit(run_extract(files, out, toolkit, debug))


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="A return file to look inside.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the document model as JSON.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Show what the reader saw, without any toolkit: tables, rows, cells, marks, fills."""
    from app.cli_extract import run_inspect

    raise typer.Exit(run_inspect(file, as_json, debug))


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="Folders (searched recursively) or files.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder (results, store, reports).")],
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes (default: one per core).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run in the same --out.")
    ] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed per file.")] = 120.0,
    memory_mb: Annotated[
        int, typer.Option("--memory-mb", help="Memory allowed per file (MB).")
    ] = 1024,
    toolkits: ToolkitsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Process many returns in worker processes; write JSON, gap reports and a summary."""
    from app.batch import run_batch_command

    use_toolkits(toolkits)
    raise typer.Exit(run_batch_command(inputs, out, workers, resume, timeout, memory_mb, debug))


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A batch --out folder.")],
    debug: DebugOpt = False,
) -> None:
    """Write the multi-agency board summary (Markdown, HTML, XLSX) from a batch's results."""
    from app.board import run_report_command

    raise typer.Exit(run_report_command(folder, debug))


@toolkits_app.command("list")
def toolkits_list() -> None:
    """List the known toolkits: id, title, sections, items."""
    from app.cli_toolkits import run_list

    raise typer.Exit(run_list())


@toolkits_app.command("show")
def toolkits_show(
    toolkit_id: Annotated[str, typer.Argument(help="Toolkit id, e.g. wt2023.")],
) -> None:
    """Show one toolkit's sections, items and options."""
    from app.cli_toolkits import run_show

    raise typer.Exit(run_show(toolkit_id))


@toolkits_app.command("check")
def toolkits_check(file: Annotated[Path, typer.Argument(help="A toolkit YAML file.")]) -> None:
    """Validate a toolkit YAML file; errors name the path inside it."""
    from app.cli_toolkits import run_check

    raise typer.Exit(run_check(file))


@toolkits_app.command("draft")
def toolkits_draft(
    blank: Annotated[
        Path, typer.Argument(help="A blank (or completed) template: .docx .pdf .xlsx.")
    ],
    toolkit_id: Annotated[
        str | None, typer.Option("--id", help="Toolkit id (lower-case letters and digits).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the YAML here (default: stdout).")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Draft a toolkit YAML from a template; guesses to review are marked '# check:'."""
    from app.cli_toolkits import run_draft

    raise typer.Exit(run_draft(blank, toolkit_id, out, debug))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
