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
from app.labels import (
    count,
    decision,
    excerpt,
    gap_kind,
    needs_person_first,
    percent,
    severity,
    word,
)
from app.reports.cells import append_row, safe_values
from app.reports.marker import mark_workbook
from app.reports.results import TABLE_END, load_results_by_hash, page_start, table_start
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
EXCERPT = 300  # characters of evidence in the workbook, cut between words
FOLD_AT = 400  # longer evidence on a page is folded in <details> after its first words


def gap_rows(
    path: str,
    result: dict[str, Any],
    page: str,
    sha256: str = "",
    decisions: dict[str, Decision] | None = None,
) -> Iterator[list[str]]:
    """One workbook row per gap in words for people, with its decision (open when none was
    made); the gaps that need a person first come first."""
    items = {i["id"]: i for i in result["items"]}
    made_by_id = {
        gap_id: (decisions or {}).get(gap_id, OPEN)
        for gap_id in gap_ids(sha256, result["gaps"])
    }
    pairs = sorted(
        zip(result["gaps"], made_by_id, strict=True),
        key=lambda pair: needs_person_first(pair[0], made_by_id[pair[1]].status),
    )
    for gap, gap_id in pairs:
        item = items.get(gap["item"] or "", {})
        made = made_by_id[gap_id]
        yield [
            result["organisation"]["name"],
            Path(path).name,
            result["toolkit"]["id"],
            gap["section"] or "",
            gap["item"] or "",
            item.get("text", ""),
            word(item.get("response"), ""),
            excerpt(item.get("evidence") or "", EXCERPT),
            gap_kind(gap["kind"]),
            severity(gap["severity"]),
            gap["message"],
            gap.get("locator") or "",
            decision(made.status),
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
                fill = PatternFill("solid", fgColor=SEVERITY_FILL.get(row[9].lower(), "FFFFFF"))
                cells[9].fill = fill
                cells[14].hyperlink = page
    rows = ws.max_row
    words = ",".join(decision(s) for s in STATUSES)
    status = DataValidation(type="list", formula1=f'"{words}"', allow_blank=False)
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


def _evidence_html(text: str) -> str:
    """Evidence whole when short; longer evidence begins, and the rest is folded away."""
    e = html.escape
    if not text.strip():
        return "—"
    if len(text) <= FOLD_AT:
        return f"<blockquote>{e(text)}</blockquote>"
    return (
        f"<blockquote>{e(excerpt(text, EXCERPT))}</blockquote><details><summary>All the "
        f"evidence ({count(len(text.split()), 'word')})</summary><blockquote>{e(text)}"
        "</blockquote></details>"
    )


def write_return_page(target: Path, path: str, result: dict[str, Any]) -> None:
    """A self-contained page for one return: scores, each gap with its evidence and place."""
    e = html.escape
    org = result["organisation"]
    overall = result["overall"]
    meets = {True: "yes", False: "no", None: "—"}
    parts = [
        page_start(Path(path).name),
        f"<h1>{e(org['name'] or Path(path).name)}</h1>",
        f"<p>{e(result['toolkit']['title'])} · file {e(Path(path).name)} · completed by "
        f"{e(org['completed_by'] or '—')} on {e(org['date'] or '—')}</p>",
        f"<p><b>Overall {percent(overall['score'])}</b> ({e(word(overall['grade'], 'no grade'))}),"
        f" meets 75%: {meets[overall['meets_threshold']]}</p>",
        f"<h2>Sections</h2>{table_start('Sections: score, grade and self-rating')}"
        "<tr><th scope='col'>Section</th><th scope='col'>Score</th>"
        "<th scope='col'>Grade</th><th scope='col'>Meets 75%</th>"
        "<th scope='col'>Self-rating</th><th scope='col'>Answered</th></tr>",
    ]
    for s in result["sections"]:
        parts.append(
            f"<tr><td>{e(s['id'])} {e(s['title'])}</td><td>{percent(s['score'])}</td>"
            f"<td>{e(word(s['grade'], ''))}</td><td>{meets[s['meets_threshold']]}</td>"
            f"<td>{e(word(s['self_rating'], ''))}</td>"
            f"<td>{s['answered']} of {s['applicable']}</td></tr>"
        )
    parts.append(
        f"{TABLE_END}<h2>Gaps, the most pressing first</h2>"
        f"{table_start('Gaps, the most pressing first')}<tr><th scope='col'>Item</th>"
        "<th scope='col'>Gap</th><th scope='col'>Priority</th><th scope='col'>Message</th>"
        "<th scope='col'>Evidence</th><th scope='col'>Where</th></tr>"
    )
    items = {i["id"]: i for i in result["items"]}
    for g in sorted(result["gaps"], key=needs_person_first):
        evidence = items.get(g["item"] or "", {}).get("evidence", "")
        parts.append(
            f"<tr class='{e(g['severity'])}'><td>{e(g['item'] or g['section'] or '')}</td>"
            f"<td>{e(gap_kind(g['kind']))}</td><td>{e(severity(g['severity']))}</td>"
            f"<td>{e(g['message'])}</td><td>{_evidence_html(evidence)}</td>"
            f"<td>{e(g.get('locator') or '')}</td></tr>"
        )
    parts.append(
        f"{TABLE_END}<h2>Items</h2>{table_start('Every item: response, score, evidence')}"
        "<tr><th scope='col'>Item</th><th scope='col'>Criterion</th>"
        "<th scope='col'>Response</th><th scope='col'>Score</th><th scope='col'>Evidence</th>"
        "<th scope='col'>Actions</th></tr>"
    )
    for i in result["items"]:
        parts.append(
            f"<tr><td>{e(i['id'])}</td><td>{e(i['text'])}</td>"
            f"<td>{e(word(i['response'], ''))}</td><td>{percent(i['score'], '')}</td>"
            f"<td>{_evidence_html(i['evidence'])}</td><td>{_evidence_html(i['actions'])}</td></tr>"
        )
    parts.append(TABLE_END)
    target.write_text("\n".join(parts) + "\n", encoding="utf-8")
