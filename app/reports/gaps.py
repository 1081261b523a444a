"""Reviewer gap reports (gaps.xlsx, gaps.csv, one HTML page per return) from a batch store."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from app.batch.gap_ids import gap_ids
from app.batch.store import Store
from app.reports.cells import append_row, safe_values
from app.reports.marker import mark_workbook, meta_tag
from app.reports.results import CSS, load_results_by_hash
from app.review.decisions import OPEN, STATUSES, Decision, decisions_for

COLUMNS = [
    "Organisation",
    "File",
    "Toolkit",
    "Section",
    "Item",
    "Criterion",
    "Response",
    "Evidence excerpt",
    "Gap",
    "Severity",
    "Message",
    "Where to look",
    "Reviewer status",
    "Reviewer comments",
    "Page",
    "Reviewer",
    "Decision note",
    "Gap id",
    "Written",  # hidden: the decision as written, so the next run sees what a reviewer changed
]
SEVERITY_FILL = {"high": "F8CBAD", "medium": "FFE699", "low": "E7E6E6"}
EXCERPT = 300


def gap_rows(
    path: str,
    result: dict[str, Any],
    page: str,
    sha256: str = "",
    decisions: dict[str, Decision] | None = None,
) -> Iterator[list[str]]:
    """One workbook row per gap, with its decision (open when none was made)."""
    items = {i["id"]: i for i in result["items"]}
    ids = gap_ids(sha256, result["gaps"])
    for gap, gap_id in zip(result["gaps"], ids, strict=True):
        item = items.get(gap["item"] or "", {})
        evidence = (item.get("evidence") or "")[:EXCERPT]
        made = (decisions or {}).get(gap_id, OPEN)
        yield [
            result["organisation"]["name"],
            Path(path).name,
            result["toolkit"]["id"],
            gap["section"] or "",
            gap["item"] or "",
            item.get("text", ""),
            item.get("response") or "",
            evidence,
            gap["kind"],
            gap["severity"],
            gap["message"],
            gap.get("locator") or "",
            made.status,
            made.comment,
            page,
            made.reviewer or "",
            made.note,
            gap_id,
            json.dumps([made.status, made.comment, made.reviewer or ""]),
        ]


def write_reports(out: Path, store: Store) -> list[Path]:
    """gaps.csv, gaps.xlsx, html/<file>.html, then the board summary.

    The decisions a reviewer typed into the existing gaps.xlsx are read into the store first.
    """
    import typer

    from app.review.workbook import read_decisions

    xlsx_path = out / "gaps.xlsx"
    for problem in read_decisions(store, xlsx_path):
        typer.echo(problem, err=True)
    csv_path = out / "gaps.csv"
    write_gap_workbook(out, store, xlsx_path, csv_path, out / "html")
    from app.reports.board import write_board

    return [xlsx_path, csv_path, out / "html", *write_board(out, store)]


def write_gap_workbook(
    out: Path, store: Store, xlsx_path: Path, csv_path: Path | None, pages: Path | None
) -> None:
    """The reviewer workbook with the current decisions (and the CSV and pages when asked)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    if pages is not None:
        pages.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Gaps"
    for cell in append_row(ws, COLUMNS):
        cell.font = Font(bold=True)
    sink: IO[str] = (
        csv_path.open("w", encoding="utf-8-sig", newline="") if csv_path else io.StringIO()
    )
    with sink as fh:
        writer = csv.writer(fh)
        writer.writerow(safe_values(COLUMNS[:-1]))
        for sha, path, result in load_results_by_hash(out, store):
            page = f"html/{Path(path).name}.html"
            if pages is not None:
                write_return_page(pages / f"{Path(path).name}.html", path, result)
            for row in gap_rows(path, result, page, sha, decisions_for(store, sha)):
                writer.writerow(safe_values(row[:-1]))
                cells = append_row(ws, row)
                fill = PatternFill("solid", fgColor=SEVERITY_FILL.get(row[9], "FFFFFF"))
                cells[9].fill = fill
                cells[14].hyperlink = page
    rows = ws.max_row
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=False)
    ws.add_data_validation(status)
    if rows > 1:
        status.add(f"M2:M{rows}")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:R{rows}"
    widths = (28, 30, 10, 8, 6, 50, 12, 50, 18, 9, 60, 22, 14, 30, 24, 14, 30, 30, 10)
    for letter, width in zip("ABCDEFGHIJKLMNOPQRS", widths, strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["S"].hidden = True
    mark_workbook(wb, "gap workbook")
    wb.save(xlsx_path)


def write_return_page(target: Path, path: str, result: dict[str, Any]) -> None:
    """A self-contained page for one return: scores, each gap with its evidence and place."""
    e = html.escape
    org = result["organisation"]
    overall = result["overall"]
    parts = [
        f"<!doctype html><meta charset='utf-8'>{meta_tag()}<title>{e(Path(path).name)}</title>",
        f"<style>{CSS}</style><h1>{e(org['name'] or Path(path).name)}</h1>",
        f"<p>{e(result['toolkit']['title'])} · file {e(Path(path).name)} · completed by "
        f"{e(org['completed_by'] or '—')} on {e(org['date'] or '—')}</p>",
        f"<p><b>Overall {overall['score'] if overall['score'] is not None else '—'}%</b> "
        f"({e(overall['grade'] or 'no grade')}), meets 75%: {overall['meets_threshold']}</p>",
        "<h2>Sections</h2><table><tr><th>Section</th><th>Score</th><th>Grade</th>"
        "<th>Meets 75%</th><th>Self-rating</th><th>Answered</th></tr>",
    ]
    for s in result["sections"]:
        score = "—" if s["score"] is None else s["score"]
        parts.append(
            f"<tr><td>{e(s['id'])} {e(s['title'])}</td><td>{score}</td>"
            f"<td>{e(s['grade'] or '')}</td><td>{s['meets_threshold']}</td>"
            f"<td>{e(s['self_rating'] or '')}</td><td>{s['answered']}/{s['applicable']}</td></tr>"
        )
    parts.append(
        "</table><h2>Gaps</h2><table><tr><th>Item</th><th>Gap</th><th>Message</th>"
        "<th>Evidence</th><th>Where</th></tr>"
    )
    items = {i["id"]: i for i in result["items"]}
    for g in result["gaps"]:
        evidence = items.get(g["item"] or "", {}).get("evidence", "")
        parts.append(
            f"<tr class='{e(g['severity'])}'><td>{e(g['item'] or g['section'] or '')}</td>"
            f"<td>{e(g['kind'])}</td><td>{e(g['message'])}</td>"
            f"<td><blockquote>{e(evidence[:EXCERPT])}</blockquote></td>"
            f"<td>{e(g.get('locator') or '')}</td></tr>"
        )
    parts.append(
        "</table><h2>Items</h2><table><tr><th>Item</th><th>Criterion</th><th>Response</th>"
        "<th>Score</th><th>Evidence</th><th>Actions</th></tr>"
    )
    for i in result["items"]:
        parts.append(
            f"<tr><td>{e(i['id'])}</td><td>{e(i['text'][:200])}</td>"
            f"<td>{e(i['response'] or '')}</td><td>{'' if i['score'] is None else i['score']}</td>"
            f"<td>{e(i['evidence'][:EXCERPT])}</td><td>{e(i['actions'][:EXCERPT])}</td></tr>"
        )
    parts.append("</table>")
    target.write_text("\n".join(parts) + "\n", encoding="utf-8")
