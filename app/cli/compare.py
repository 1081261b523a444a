"""`s11 compare PREVIOUS NEW`: the comparison, its gaps in NEW, the trend reports.

NEW's results gain the cycle gaps (`carried_forward`, `regressed`) in their JSON and in its
store, replaced on every run (never duplicated; the reading's own gaps untouched), and NEW's
gap reports are rewritten. The trend summary and compare.json go to --out (default NEW).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from app.batch.store import Store
from app.cli.extract import write_atomic
from app.compare.cycles import Comparison, CycleError, Loaded, as_json, compare_cycles, load_names
from scoring.cycle_gaps import cycle_gaps, with_cycle_gaps
from scoring.pipeline import to_json
from scoring.result import GapOut, Result


def run_compare_command(
    previous: Path,
    new: Path,
    out: Path | None,
    names_file: Path | None,
    print_json: bool,
    debug: bool,
) -> int:
    from app.batch.lock import FolderInUse, hold

    if not (new / "s11.db").is_file():  # no lock file left in a folder that is not a cycle
        typer.echo(f"s11 compare: {new}: not a batch output folder (no s11.db)", err=True)
        return 2
    try:
        with hold(new, "s11 compare"):  # it rewrites NEW's results, store and gap reports
            comparison = compare_cycles(previous, new, load_names(names_file))
            added = apply_gaps(comparison)
            written = write_trend(comparison, out or new)
    except (CycleError, FolderInUse) as e:
        if debug:
            raise
        typer.echo(f"s11 compare: {e}", err=True)
        return 2 if isinstance(e, CycleError) else 1
    if print_json:
        typer.echo(json.dumps(as_json(comparison), indent=2, ensure_ascii=False))
        return 0
    from app.reports.trend import text_summary

    typer.echo(text_summary(comparison), nl=False)
    typer.echo(f"\n{added} cycle gaps (carried_forward, regressed) in {new / 'results'}")
    for path in written:
        typer.echo(f"wrote {path}")
    return 0


def apply_gaps(c: Comparison) -> int:
    """Put each matched return's cycle gaps into NEW (JSON and store), then rewrite its gap
    reports. Unmatched returns lose cycle gaps an earlier comparison gave them."""
    from app.reports.gaps import write_reports

    updates: list[tuple[Loaded, list[GapOut]]] = []
    for pair in c.pairs:
        evidence = {i.id: i.evidence for i in pair.new.result.items}
        updates.append((pair.new, cycle_gaps(pair.items, evidence)))
    updates += [(x, []) for x in c.unmatched_new]
    store = Store(c.new_folder)
    try:
        for loaded, gaps in updates:
            result: Result = with_cycle_gaps(loaded.result, gaps)
            if result != loaded.result:
                write_atomic(loaded.json_path, to_json(result))
                store.replace_gaps(loaded.sha256, [g.model_dump() for g in result.gaps])
        write_reports(c.new_folder, store)
    finally:
        store.close()
    return sum(len(g) for _, g in updates)


def write_trend(c: Comparison, folder: Path) -> list[Path]:
    """trend.md, trend.html, trend.xlsx and compare.json in the folder."""
    from app.reports.trend import html_page, markdown, write_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / n for n in ("trend.md", "trend.html", "trend.xlsx", "compare.json")]
    paths[0].write_text(markdown(c), encoding="utf-8")
    paths[1].write_text(html_page(c), encoding="utf-8")
    write_xlsx(c, paths[2])
    text = json.dumps(as_json(c), indent=2, ensure_ascii=False) + "\n"
    paths[3].write_text(text, encoding="utf-8")
    return paths
