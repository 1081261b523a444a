"""The trend board summary: this cycle against the last, as Markdown, HTML (inline SVG), XLSX.

Per section and per agency (score and RAG movement, regressions first), then the items that
regressed, evidence carried forward, stale evidence, last cycle's actions, toolkit changes and
the agencies in one cycle only, with the possible matches among them. `fragment()` is the
HTML body a service page can embed.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.compare.contacts import Possible
from app.compare.cycles import Comparison, Pair
from app.labels import count, percent
from app.reports.board import HALO
from app.reports.cells import append_row
from app.reports.marker import mark_workbook
from scoring.cycle import ItemChange
from scoring.engine import display_percent

THRESHOLD = 75
# Bar colours with at least 3:1 against white (WCAG 1.4.11); last cycle's bars are grey.
RAG_COLOURS = {"green": "#2e7d32", "amber": "#b35900", "red": "#c62828", "—": "#767676"}
LAST_CYCLE = "#767676"


def rag(score: float | None) -> str:
    """The RAG of a score as shown: green at 75% and over, amber at 50%, red below."""
    if score is None:
        return "—"
    shown = display_percent(score)
    return "green" if shown >= THRESHOLD else "amber" if shown >= 50 else "red"


pct = percent


def movement(before: float | None, after: float | None) -> float | None:
    if before is None or after is None:
        return None
    return float(display_percent(after) - display_percent(before))


def moved(value: float | None) -> str:
    return "—" if value is None else f"{value:+.0f}"


@dataclass
class Row:
    """One line of a trend table: a section or an agency, last cycle and this one."""

    label: str
    previous: float | None
    new: float | None
    note: str = ""
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def change(self) -> float | None:
        return movement(self.previous, self.new)

    @property
    def rag_move(self) -> str:
        return f"{rag(self.previous)} → {rag(self.new)}"


def _regressions_first(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r.change is None, r.change or 0.0, r.label))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def section_rows(c: Comparison) -> dict[str, list[Row]]:
    """Per toolkit (this cycle's id): each section's mean over the agencies in both cycles."""
    out: dict[str, list[Row]] = {}
    groups: dict[str, list[Pair]] = {}
    for pair in c.pairs:
        groups.setdefault(pair.new.toolkit, []).append(pair)
    for tid, pairs in sorted(groups.items()):
        rows = []
        for s in pairs[0].new.result.sections:
            before = [
                x.score
                for p in pairs
                for x in p.previous.result.sections
                if x.id == s.id and x.score is not None
            ]
            after = [
                x.score
                for p in pairs
                for x in p.new.result.sections
                if x.id == s.id and x.score is not None
            ]
            rows.append(Row(f"{s.id}. {_short(s.title)}", _mean(before), _mean(after)))
        out[tid] = _regressions_first(rows)
    return out


def _short(text: str, limit: int = 70) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def agency_rows(c: Comparison) -> list[Row]:
    rows = []
    for pair in c.pairs:
        counts: Counter[str] = Counter(str(i.change) for i in pair.items)
        counts["carried forward"] = sum(carried(i) for i in pair.items)
        counts["stale evidence"] = sum(i.evidence_stale for i in pair.items)
        counts["actions done"] = sum(i.action == "done" for i in pair.items)
        counts["actions open"] = sum(i.action == "open" for i in pair.items)
        note = "" if pair.how == "same name" else f"was {pair.previous.name} ({pair.how})"
        if pair.how.startswith("same contact"):
            note = f"was {pair.previous.name}: {pair.how}"
        if pair.previous.toolkit != pair.new.toolkit:
            note = f"{note}; toolkit {pair.previous.toolkit} → {pair.new.toolkit}".lstrip("; ")
        label = f"{pair.new.name} ({pair.new.toolkit})"
        score_before = pair.previous.result.overall.score
        rows.append(Row(label, score_before, pair.new.result.overall.score, note, counts))
    return _regressions_first(rows)


def carried(i: ItemChange) -> bool:
    return i.change == "unchanged" and i.evidence_identical


def _answer(response: str | None, score: float | None) -> str:
    word = (response or "unanswered").replace("_", " ")
    return word if score is None else f"{word} ({score:g})"


def item_lines(c: Comparison) -> dict[str, list[tuple[str, str, str]]]:
    """(agency, item, what) for each list a reviewer works through."""
    lists: dict[str, list[tuple[str, str, str]]] = {
        "Regressed": [],
        "Evidence carried forward": [],
        "Evidence naming only dates over a year old": [],
        "Last cycle's actions still open": [],
        "Last cycle's actions done": [],
        "Toolkit changes": [],
    }
    for pair in c.pairs:
        who = pair.new.name
        for i in pair.items:
            was = f" (was {i.previous_id})" if i.previous_id not in (None, i.id) else ""
            before = _answer(i.previous_response, i.previous_score)
            after = _answer(i.response, i.score)
            if i.change == "regressed":
                lists["Regressed"].append((who, i.id + was, f"{before} → {after}"))
            if carried(i):
                lists["Evidence carried forward"].append((who, i.id + was, after))
            if i.evidence_stale:
                named = f'newest date named: "{i.evidence_date_text}"'
                lists["Evidence naming only dates over a year old"].append((who, i.id, named))
            if i.action == "open":
                lists["Last cycle's actions still open"].append((who, i.id, i.previous_actions))
            if i.action == "done":
                lists["Last cycle's actions done"].append((who, i.id, i.previous_actions))
            if pair.previous.toolkit != pair.new.toolkit and (
                i.matched_by != "id" or i.previous_id != i.id
            ):
                what = {
                    "new": f"new in {pair.new.toolkit}",
                    "removed": f"not in {pair.new.toolkit}",
                }.get(i.change, f"matched by {i.matched_by}")
                lists["Toolkit changes"].append((who, i.id + was, what))
    return lists


def _counts(counts: Counter[str]) -> str:
    order = ("regressed", "improved", "new", "removed", "carried forward", "stale evidence")
    return ", ".join(f"{counts[k]} {k}" for k in order if counts[k])


def _actions(counts: Counter[str]) -> str:
    return f"{counts['actions done']} done, {counts['actions open']} open"


def markdown(c: Comparison) -> str:
    lines = [
        "# Section 11: this cycle against the last",
        "",
        f"Previous: `{c.previous_folder}`; new: `{c.new_folder}`. "
        f"{count(len(c.pairs), 'return')} in both cycles; "
        f"RAG: green {THRESHOLD}%+, amber 50%+, red below.",
        "",
    ]
    for tid, rows in section_rows(c).items():
        lines += [
            f"## Sections ({tid}), regressions first",
            "",
            "| Section | Last cycle | This cycle | Movement | RAG |",
            "|---|---|---|---|---|",
        ]
        for r in rows:
            lines.append(
                f"| {r.label} | {pct(r.previous)} | {pct(r.new)} | {moved(r.change)} | "
                f"{r.rag_move} |"
            )
        lines.append("")
    lines += [
        "## Agencies, regressions first",
        "",
        "| Agency | Last cycle | This cycle | Movement | RAG | Items | Last actions | Note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in agency_rows(c):
        lines.append(
            f"| {r.label} | {pct(r.previous)} | {pct(r.new)} | {moved(r.change)} | {r.rag_move} "
            f"| {_counts(r.counts)} | {_actions(r.counts)} | {r.note} |"
        )
    lines.append("")
    for title, entries in item_lines(c).items():
        lines += [f"## {title} ({len(entries)})", ""]
        if entries:
            lines += ["| Agency | Item | |", "|---|---|---|"]
            lines += [f"| {a} | {i} | {w.replace('|', '/')} |" for a, i, w in entries]
        else:
            lines.append("None.")
        lines.append("")
    lines += ["## In one cycle only", ""]
    for side, returns in (("last cycle", c.unmatched_previous), ("this cycle", c.unmatched_new)):
        names = ", ".join(f"{x.name} ({x.toolkit})" for x in returns) or "none"
        lines.append(f"- only {side}: {names}")
    for m in c.possible:
        lines.append(f"- possible match, to confirm: {possible(m)}")
    return "\n".join(lines) + "\n"


def possible(m: Possible) -> str:
    """Two leftovers side by side: 'Bucks Housing (bscb2016, last cycle) ↔ … (same toolkit)'."""
    return (
        f"{m.previous.name} ({m.previous.toolkit}, last cycle) ↔ {m.new.name} "
        f"({m.new.toolkit}, this cycle): {m.why}; a names file line pairs them"
    )


def svg_trend(rows: list[Row], chart_id: str, what: str) -> str:
    """Per row a bar for last cycle (grey) and this cycle (RAG colour), with the 75% line;
    named by its words (the table after it holds the same figures)."""
    x0, width, step = 260, 340, 34
    height = step * len(rows) + 24
    e = html.escape
    words = "; ".join(f"{r.label}: {pct(r.previous)} to {pct(r.new)}" for r in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 {height}" width="760" '
        f'height="{height}" role="img" aria-labelledby="{e(chart_id)}">'
        f'<title id="{e(chart_id)}">{e(what)}, last cycle to this cycle: {e(words)}.</title>'
    ]
    line = x0 + width * THRESHOLD / 100  # drawn first, under the figures
    parts.append(
        f'<line x1="{line}" y1="2" x2="{line}" y2="{height - 6}" stroke="#b00020" '
        'stroke-width="2" stroke-dasharray="4 3"/>'
    )
    for n, r in enumerate(rows):
        y = 8 + step * n
        before = display_percent(r.previous) if r.previous is not None else 0
        after = display_percent(r.new) if r.new is not None else 0
        parts.append(
            f'<text x="0" y="{y + 17}" font-size="12" fill="#1a1a1a">{e(_short(r.label, 38))}'
            "</text>"
        )
        parts.append(
            f'<rect x="{x0}" y="{y}" width="{width * before / 100:.1f}" height="11" '
            f'fill="{LAST_CYCLE}"/>'
        )
        parts.append(
            f'<rect x="{x0}" y="{y + 12}" width="{width * after / 100:.1f}" height="11" '
            f'fill="{RAG_COLOURS[rag(r.new)]}"/>'
        )
        parts.append(
            f'<text x="{x0 + width * max(before, after) / 100 + 4:.1f}" y="{y + 17}" '
            f'font-size="12" {HALO}fill="#1a1a1a">{pct(r.previous)} → {pct(r.new)} '
            f"({moved(r.change)})</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    """A captioned table that scrolls sideways on its own when the screen is narrow."""
    from app.reports.results import TABLE_END, table_start

    e = html.escape
    out = [table_start(caption) + "<tr>" + "".join(f"<th scope='col'>{e(h)}</th>" for h in head)]
    out.append("</tr>")
    out += ["<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in rows]
    return "".join(out) + TABLE_END


def fragment(c: Comparison) -> str:
    """The comparison as an HTML fragment (no page around it): for the service's compare page."""
    e = html.escape
    body = [
        "<section class='s11-compare'>",
        f"<p>{count(len(c.pairs), 'return')} in both cycles. Grey: last cycle; coloured: this "
        f"cycle (RAG); dashed line: {THRESHOLD}%. Each chart's table gives the same figures.</p>",
    ]
    for tid, rows in section_rows(c).items():
        body.append(
            f"<h2>Sections ({e(tid)}), regressions first</h2>"
            f"<figure>{svg_trend(rows, f'trend-{tid}', f'Sections of {tid}')}</figure>"
        )
        body.append(
            _table(
                f"Sections of {tid}: last cycle and this cycle",
                ["Section", "Last cycle", "This cycle", "Movement", "RAG"],
                [[r.label, pct(r.previous), pct(r.new), moved(r.change), r.rag_move] for r in rows],
            )
        )
    agencies = agency_rows(c)
    body.append(
        "<h2>Agencies, regressions first</h2>"
        f"<figure>{svg_trend(agencies, 'trend-agencies', 'Agencies')}</figure>"
    )
    body.append(
        _table(
            "Agencies: last cycle and this cycle",
            ["Agency", "Last cycle", "This cycle", "Movement", "RAG", "Items", "Actions", "Note"],
            [
                [
                    r.label,
                    pct(r.previous),
                    pct(r.new),
                    moved(r.change),
                    r.rag_move,
                    _counts(r.counts),
                    _actions(r.counts),
                    r.note,
                ]
                for r in agencies
            ],
        )
    )
    for title, entries in item_lines(c).items():
        body.append(f"<h2>{e(title)} ({len(entries)})</h2>")
        if entries:
            body.append(_table(title, ["Agency", "Item", "What"], [list(x) for x in entries]))
    body.append("<h2>In one cycle only</h2><ul>")
    for side, returns in (("last cycle", c.unmatched_previous), ("this cycle", c.unmatched_new)):
        names = ", ".join(f"{x.name} ({x.toolkit})" for x in returns) or "none"
        body.append(f"<li>only {side}: {e(names)}</li>")
    body += [f"<li>possible match, to confirm: {e(possible(m))}</li>" for m in c.possible]
    body.append("</ul></section>")
    return "\n".join(body) + "\n"


def html_page(c: Comparison) -> str:
    from app.reports.results import page_start

    return (
        f"{page_start('Section 11 trend')}<h1>Section 11: this cycle against the last</h1>\n"
        f"{fragment(c)}"
    )


def write_xlsx(c: Comparison, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Sections"
    append_row(ws, ["Toolkit", "Section", "Last cycle %", "This cycle %", "Movement", "RAG"])
    for tid, rows in section_rows(c).items():
        for r in rows:
            append_row(ws, [tid, r.label, *_numbers(r), r.rag_move])
    ws = wb.create_sheet("Agencies")
    append_row(
        ws, ["Agency", "Last cycle %", "This cycle %", "Movement", "RAG", "Items", "Actions"]
    )
    for r in agency_rows(c):
        append_row(ws, [r.label, *_numbers(r), r.rag_move, _counts(r.counts), _actions(r.counts)])
    ws = wb.create_sheet("Items")
    append_row(
        ws,
        ["Agency", "Toolkit", "Item", "Previous item", "Change", "Last response", "Response",
         "Last score", "Score", "Evidence identical", "Evidence stale", "Last cycle's action"]
    )  # fmt: skip
    for pair in c.pairs:
        for i in pair.items:
            append_row(
                ws,
                [pair.new.name, pair.new.toolkit, i.id, i.previous_id, i.change,
                 i.previous_response, i.response, i.previous_score, i.score,
                 i.evidence_identical, i.evidence_stale, i.action]
            )  # fmt: skip
    ws = wb.create_sheet("One cycle only")
    append_row(ws, ["Cycle", "Agency", "Toolkit", "File"])
    for side, returns in (("last", c.unmatched_previous), ("this", c.unmatched_new)):
        for x in returns:
            append_row(ws, [side, x.name, x.toolkit, Path(x.source).name])
    for m in c.possible:
        append_row(ws, ["possible match", m.previous.name, m.previous.toolkit, possible(m)])
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    mark_workbook(wb, "cycle trend")
    wb.save(path)


def _numbers(r: Row) -> list[int | float | None]:
    return [
        None if r.previous is None else display_percent(r.previous),
        None if r.new is None else display_percent(r.new),
        r.change,
    ]


def text_summary(c: Comparison) -> str:
    """A few lines for the terminal: each agency's movement and item counts."""
    lines = [f"{'agency':<44} {'last':>5} {'now':>5} {'move':>5}  items"]
    for r in agency_rows(c):
        lines.append(
            f"{r.label[:44]:<44} {pct(r.previous):>5} {pct(r.new):>5} {moved(r.change):>5}  "
            f"{_counts(r.counts) or 'no change'}; last cycle's actions {_actions(r.counts)}"
            + (f"; {r.note}" if r.note else "")
        )
    for side, returns in (("last", c.unmatched_previous), ("this", c.unmatched_new)):
        for x in returns:
            lines.append(f"only in {side} cycle: {x.name} ({x.toolkit}, {Path(x.source).name})")
    lines += [f"possible match, to confirm: {possible(m)}" for m in c.possible]
    return "\n".join(lines) + "\n"
