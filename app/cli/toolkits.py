"""`s11 toolkits list|show|check`."""

from __future__ import annotations

from pathlib import Path

import typer

from extractor.errors import ToolkitError


def use_toolkit_folders(folders: list[Path] | None) -> int:
    """Route --toolkits folders (and S11_TOOLKITS) to the loader; 0, or 2 after one line."""
    from mappings.toolkits import all_toolkits, use_folders

    try:
        use_folders(folders)
        all_toolkits()  # a bad file is reported here, once, not per return
    except ToolkitError as e:
        typer.echo(str(e), err=True)
        return 2
    return 0


def run_list() -> int:
    from mappings.toolkits import all_toolkits, origin

    try:
        toolkits = all_toolkits()
    except ToolkitError as e:
        typer.echo(str(e), err=True)
        return 1
    typer.echo(f"{'id':<10} {'sections':>8} {'items':>6}  title  (from)")
    for tk in toolkits:
        typer.echo(
            f"{tk.id:<10} {len(tk.sections):>8} {tk.item_count:>6}  {tk.title}  ({origin(tk.id)})"
        )
    return 0


def run_show(toolkit_id: str) -> int:
    from mappings.toolkits import load_toolkit, origin

    try:
        tk = load_toolkit(toolkit_id)
    except ToolkitError as e:
        typer.echo(str(e), err=True)
        return 1
    typer.echo(f"{tk.id}: {tk.title} (from {tk.seed}; {origin(tk.id)})")
    typer.echo(f"scoring: {tk.scoring}, averaging: {tk.averaging}, threshold: {tk.threshold:g}%")
    typer.echo("grades: " + ", ".join(f"{g.name} >= {g.min:g}" for g in tk.grades))
    typer.echo("options:")
    for opt in tk.options:
        score = "left out of averages" if opt.score is None else f"score {opt.score:g}"
        colour = f", colour #{opt.colour}" if opt.colour else ""
        typer.echo(
            f"  {opt.id:<14} {opt.label!r} ({score}{colour}); also: {', '.join(opt.synonyms)}"
        )
    if tk.self_rating is not None:
        rated = ", ".join(o.label for o in tk.self_rating.options) or "the item options"
        typer.echo(f"self-rating: {rated}")
    for name, phrases in tk.fields.model_dump().items():
        if phrases:
            typer.echo(f"field {name}: " + " | ".join(phrases))
    for section in tk.sections:
        extra = " (optional)" if section.optional else ""
        typer.echo(f"section {section.id}{extra}: {section.title}")
        for item in section.items:
            kind = " [text]" if item.kind == "text" else ""
            typer.echo(f"  {item.id:<5}{kind} {item.text}")
    return 0


def run_check(path: Path) -> int:
    from mappings.toolkits import load_toolkit_file

    try:
        tk = load_toolkit_file(path)
    except ToolkitError as e:
        typer.echo(str(e), err=True)
        return 1
    typer.echo(f"ok: {tk.id}, {len(tk.sections)} sections, {tk.item_count} items")
    return 0


def run_draft(blank: Path, toolkit_id: str | None, out: Path | None, debug: bool) -> int:
    """Read the template, write the drafted YAML (validated) and the summary on stderr."""
    import re
    import sys
    import traceback

    from app.cli.extract import describe_error, write_atomic
    from extractor.dispatch import read_document
    from mappings.draft.build import draft_toolkit
    from mappings.draft.drafted import DraftError
    from mappings.toolkits import load_toolkit_file

    if toolkit_id is None and out is not None:
        toolkit_id = re.sub(r"[^a-z0-9]", "", out.stem.lower()) or None
    if toolkit_id is not None and not re.fullmatch(r"[a-z0-9]+", toolkit_id):
        typer.echo(
            f"s11 toolkits draft: --id {toolkit_id!r}: use lower-case letters and digits", err=True
        )
        return 2
    try:
        draft = draft_toolkit(read_document(blank), toolkit_id)
        text = draft.to_yaml()
    except DraftError as e:
        typer.echo(f"{blank.name}: {e}", err=True)
        return 1
    except Exception as e:  # the edge: one line, never a traceback unless --debug
        typer.echo(describe_error(blank, e), err=True)
        if debug:
            traceback.print_exc()
        return 1
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text)
    if out is not None:
        try:
            load_toolkit_file(out)
        except ToolkitError as e:
            typer.echo(f"drafted, but the file does not pass check: {e}", err=True)
            return 1
    typer.echo(draft.summary(), err=True)
    return 0
