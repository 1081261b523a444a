"""The `s11` command line: the typer app here, each command group's work in its own module.

Heavy libraries are imported inside commands to keep start-up fast; it holds no pipeline logic.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from app.batch.store import Store

T = TypeVar("T")
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
users_app = typer.Typer(help="Users of the review service.", no_args_is_help=True)
app.add_typer(users_app, name="users")

DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]
ToolkitsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--toolkits",
        help="A folder of toolkit YAML files to use beside the built-in ones (repeatable; "
        "also S11_TOOLKITS, folders separated by ':').",
    ),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line to stderr and exit."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


def use_toolkits(folders: list[Path] | None) -> None:
    """Add the user's toolkit folders (and S11_TOOLKITS); a bad folder is one line, exit 2."""
    from app.cli.toolkits import use_toolkit_folders

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
    from app.cli.extract import run_extract

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
    from app.cli.extract import run_inspect

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
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="Last cycle's batch folder: compare with it afterwards."),
    ] = None,
    names: Annotated[
        Path | None, typer.Option("--names", help="With --previous: the compare names file.")
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Read the files on a Dask cluster: tcp://host:8786, tls://host:8786 (with "
            "--cluster-tls) or local:N (N worker processes here). Needs s11[cluster].",
        ),
    ] = None,
    cluster_file: Annotated[
        Path | None,
        typer.Option("--cluster-file", help="The scheduler's file (dask scheduler.json)."),
    ] = None,
    cluster_tls: Annotated[
        str | None,
        typer.Option("--cluster-tls", help="CA,CERT,KEY files for a tls:// scheduler."),
    ] = None,
    path_map: Annotated[
        list[str] | None,
        typer.Option(
            "--path-map",
            help="LOCAL=REMOTE: where the workers see a folder of this machine (repeatable).",
        ),
    ] = None,
    toolkits: ToolkitsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Process many returns in worker processes; write JSON, gap reports and a summary."""
    from app.batch.cluster_options import ClusterError, parse_cluster_options
    from app.batch.runner import run_batch_command

    try:
        options = parse_cluster_options(cluster, cluster_file, cluster_tls, path_map)
    except ClusterError as e:
        fail(str(e), 2)
    if options is not None and workers is not None:
        fail("s11 batch: --workers is for this machine's pool; with --cluster use local:N", 2)
    use_toolkits(toolkits)
    code = run_batch_command(
        inputs, out, workers, resume, timeout, memory_mb, debug, cluster=options
    )
    if previous is not None and code in (0, 1):
        from app.cli.compare import run_compare_command

        typer.echo("")
        code = run_compare_command(previous, out, None, names, False, debug) or code
    raise typer.Exit(code)


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A batch --out folder.")],
    debug: DebugOpt = False,
) -> None:
    """Write the multi-agency board summary (Markdown, HTML, XLSX) from a batch's results."""
    from app.cli.report import run_report_command

    raise typer.Exit(run_report_command(folder, debug))


@app.command()
def compare(
    previous: Annotated[Path, typer.Argument(help="Last cycle: a batch --out folder.")],
    new: Annotated[Path, typer.Argument(help="This cycle: a batch --out folder.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Folder for trend.md/.html/.xlsx and compare.json (default NEW)."
        ),
    ] = None,
    names: Annotated[
        Path | None,
        typer.Option("--names", help="YAML: organisations renamed, toolkits replaced (old: new)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the comparison as JSON for scripts.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Compare one cycle with the last: changes per agency and item, cycle gaps, trend summary."""
    from app.cli.compare import run_compare_command

    raise typer.Exit(run_compare_command(previous, new, out, names, as_json, debug))


@app.command()
def serve(
    data: Annotated[Path, typer.Option("--data", help="Data folder (store, uploads, results).")],
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8011,
    workers: Annotated[int, typer.Option("--workers", help="Extraction worker processes.")] = 1,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds allowed per file.")] = 120.0,
    memory_mb: Annotated[
        int, typer.Option("--memory-mb", help="Memory allowed per file (MB).")
    ] = 1024,
    max_upload_mb: Annotated[
        float, typer.Option("--max-upload-mb", help="Largest file accepted (MB).")
    ] = 25.0,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="Last cycle's folder, for the compare page."),
    ] = None,
    names: Annotated[
        Path | None,
        typer.Option("--names", help="YAML: organisations renamed, toolkits replaced (old: new)."),
    ] = None,
    allowed_hosts: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name browsers use to reach the service (repeatable; default: the "
            "--host address, localhost and, bound to every address, this machine's names).",
        ),
    ] = None,
    toolkits: ToolkitsOpt = None,
) -> None:
    """Run the review service: upload returns, work through the gaps in a browser or the API."""
    from app.service.serve import run_serve

    use_toolkits(toolkits)  # before the workers start: they inherit S11_TOOLKITS

    raise typer.Exit(
        run_serve(
            data,
            host,
            port,
            workers,
            timeout,
            memory_mb,
            max_upload_mb,
            previous,
            names,
            allowed_hosts,
        )
    )


DataOpt = Annotated[Path, typer.Option("--data", help="The service's data folder.")]
NameArg = Annotated[str, typer.Argument(help="The user's name, as shown beside decisions.")]


@users_app.command("add")
def users_add(
    name: NameArg,
    role: Annotated[str, typer.Option("--role", help="reviewer or admin.")],
    data: DataOpt,
) -> None:
    """Add a user and print their token once (only its hash is kept)."""
    from app.review.users import add_user

    token = run_users("add", data, lambda store: add_user(store, name, role))
    typer.echo(token)
    typer.echo(f"{name} ({role}) added; the token above is shown only now", err=True)


@users_app.command("list")
def users_list(data: DataOpt) -> None:
    """List the users: name, role, when added, browser sessions still running."""
    import time

    from app.review.users import list_users

    for u in run_users("list", data, list_users):
        added = time.strftime("%Y-%m-%d %H:%M", time.gmtime(u.created))
        typer.echo(f"{u.name}\t{u.role}\tadded {added} UTC\t{u.sessions} signed-in session(s)")


@users_app.command("remove")
def users_remove(name: NameArg, data: DataOpt) -> None:
    """Remove a user: their token stops working and their browser sessions end."""
    from app.review.users import remove_user

    ended = run_users("remove", data, lambda store: remove_user(store, name))
    typer.echo(f"{name} removed; {ended} signed-in session(s) ended", err=True)


@users_app.command("rotate")
def users_rotate(name: NameArg, data: DataOpt) -> None:
    """Give a user a new token, printed once; the old one stops working, sessions end."""
    from app.review.users import rotate_token

    token = run_users("rotate", data, lambda store: rotate_token(store, name))
    typer.echo(token)
    typer.echo(f"{name} has a new token (above, shown only now); old sessions ended", err=True)


def run_users(command: str, data: Path, action: Callable[[Store], T]) -> T:
    """One users command on the store; a refusal is one line and exit 2."""
    from app.batch.store import Store
    from app.review.users import UserError

    if command != "add" and not (data / "s11.db").is_file():
        fail(f"s11 users {command}: {data} holds no s11 store (s11.db)", 2)
    store = Store(data)
    try:
        return action(store)
    except UserError as e:
        fail(f"s11 users {command}: {e}", 2)
    finally:
        store.close()


@toolkits_app.command("list")
def toolkits_list(toolkits: ToolkitsOpt = None) -> None:
    """List the known toolkits: id, title, sections, items, and where each comes from."""
    from app.cli.toolkits import run_list

    use_toolkits(toolkits)
    raise typer.Exit(run_list())


@toolkits_app.command("show")
def toolkits_show(
    toolkit_id: Annotated[str, typer.Argument(help="Toolkit id, e.g. wt2023.")],
    toolkits: ToolkitsOpt = None,
) -> None:
    """Show one toolkit's sections, items and options."""
    from app.cli.toolkits import run_show

    use_toolkits(toolkits)
    raise typer.Exit(run_show(toolkit_id))


@toolkits_app.command("check")
def toolkits_check(file: Annotated[Path, typer.Argument(help="A toolkit YAML file.")]) -> None:
    """Validate a toolkit YAML file; errors name the path inside it."""
    from app.cli.toolkits import run_check

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
    from app.cli.toolkits import run_draft

    raise typer.Exit(run_draft(blank, toolkit_id, out, debug))


def main() -> None:
    """Console-script entry point. Everything s11 writes (store, uploads, results, reports)
    is its user's alone: files 0600, folders 0700."""
    os.umask(0o077)
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
