"""The multi-agency board summary (`s11 report`): Markdown, self-contained HTML, XLSX.

Per toolkit and section across agencies, in the form of dudley2015-multi-agency-summary.txt:
mean compliance, whether it meets 75%, agencies at 75%+ / 50% / 25% / below, N/A, evidence;
then per agency, in the form of est2014-essex-audit-summary.txt: section scores, grades, overall.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.batch.store import Store
from app.reports.cells import append_row
from app.reports.marker import mark_workbook, meta_tag
from scoring.engine import display_percent
from scoring.evidence import is_placeholder

THRESHOLD = 75


@dataclass
class SectionTally:
    title: str
    scores: list[float] = field(default_factory=list)
    na: int = 0
    evidenced: int = 0

    def bands(self) -> tuple[int, int, int, int]:
        shown = [display_percent(s) for s in self.scores]
        return (
            sum(s >= 75 for s in shown),
            sum(50 <= s < 75 for s in shown),
            sum(25 <= s < 50 for s in shown),
            sum(s < 25 for s in shown),
        )

    @property
    def mean(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None


@dataclass
class ToolkitTally:
    title: str
    sections: dict[str, SectionTally] = field(default_factory=dict)
    agencies: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def tally(results: Any) -> dict[str, ToolkitTally]:
    """Fold results (path, result) into per-toolkit section tallies, one result at a time."""
    out: dict[str, ToolkitTally] = {}
    for path, result in results:
        tk = out.setdefault(result["toolkit"]["id"], ToolkitTally(result["toolkit"]["title"]))
        items_by_section: dict[str, list[dict[str, Any]]] = {}
        for item in result["items"]:
            items_by_section.setdefault(item["section"], []).append(item)
        for s in result["sections"]:
            st = tk.sections.setdefault(s["id"], SectionTally(s["title"]))
            if s["score"] is not None:
                st.scores.append(s["score"])
            elif s["applicable"] == 0:
                st.na += 1
            section_items = items_by_section.get(s["id"], [])
            if any(not is_placeholder(i["evidence"]) for i in section_items):
                st.evidenced += 1
        name = result["organisation"]["name"] or Path(path).name
        tk.agencies.append(
            (
                name,
                {
                    "sections": [(s["id"], s["score"], s["grade"]) for s in result["sections"]],
                    "overall": (result["overall"]["score"], result["overall"]["grade"]),
                },
            )
        )
    for tk in out.values():
        tk.agencies.sort(key=lambda a: a[0].lower())
    return out


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{display_percent(value)}%"


def markdown(tallies: dict[str, ToolkitTally]) -> str:
    lines = [
        "# Section 11 multi-agency summary",
        "",
        f"{THRESHOLD}% compliance is regarded as acceptable.",
        "",
    ]
    for tid, tk in sorted(tallies.items()):
        lines += [
            f"## {tk.title} ({tid}): {len(tk.agencies)} agencies",
            "",
            "| Section | Mean compliance | Meets 75% | 75%+ | 50% | 25% | below 25% | N/A | gave evidence |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for sid, st in tk.sections.items():
            b = st.bands()
            meets = (
                "—"
                if st.mean is None
                else ("yes" if display_percent(st.mean) >= THRESHOLD else "no")
            )
            lines.append(
                f"| {sid}. {st.title} | {_pct(st.mean)} | {meets} | {b[0]} | {b[1]} | "
                f"{b[2]} | {b[3]} | {st.na} | {st.evidenced} |"
            )
        lines += [
            "",
            "### Agencies",
            "",
            "| Agency | " + " | ".join(tk.sections) + " | Overall |",
            "|---|" + "---|" * (len(tk.sections) + 1),
        ]
        for name, agency in tk.agencies:
            cells = [
                f"{_pct(score)} {grade or ''}".strip() for _, score, grade in agency["sections"]
            ]
            score, grade = agency["overall"]
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {_pct(score)} {grade or ''} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def svg_bars(tk: ToolkitTally) -> str:
    """A horizontal bar per section with the 75% line, as inline SVG."""
    rows = list(tk.sections.items())
    height = 26 * len(rows) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height}" role="img">']
    x0, width = 220, 380
    for n, (sid, st) in enumerate(rows):
        y = 10 + 26 * n
        value = display_percent(st.mean) if st.mean is not None else 0
        colour = "#4caf50" if value >= THRESHOLD else "#f0a030"
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="12">{html.escape(sid)}. '
            f"{html.escape(st.title[:28])}</text>"
        )
        parts.append(
            f'<rect x="{x0}" y="{y}" width="{width * value / 100:.1f}" height="18" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x0 + width * value / 100 + 4:.1f}" y="{y + 14}" font-size="12">{_pct(st.mean)}</text>'
        )
    line = x0 + width * THRESHOLD / 100
    parts.append(
        f'<line x1="{line}" y1="4" x2="{line}" y2="{height - 10}" stroke="#c00" stroke-dasharray="4 3"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def html_page(tallies: dict[str, ToolkitTally], md: str) -> str:
    from app.reports.results import CSS

    body = [
        f"<!doctype html><meta charset='utf-8'>{meta_tag()}<title>Section 11 summary</title><style>{CSS}</style>",
        "<h1>Section 11 multi-agency summary</h1>",
        f"<p>{THRESHOLD}% compliance is regarded as acceptable (dashed line).</p>",
    ]
    for tid, tk in sorted(tallies.items()):
        body.append(
            f"<h2>{html.escape(tk.title)} ({html.escape(tid)}): {len(tk.agencies)} agencies</h2>"
        )
        body.append(svg_bars(tk))
        body.append(
            "<table><tr><th>Section</th><th>Mean</th><th>75%+</th><th>50%</th><th>25%</th>"
            "<th>below</th><th>N/A</th><th>evidence</th></tr>"
        )
        for sid, st in tk.sections.items():
            b = st.bands()
            body.append(
                f"<tr><td>{html.escape(sid)}. {html.escape(st.title)}</td><td>{_pct(st.mean)}</td>"
                f"<td>{b[0]}</td><td>{b[1]}</td><td>{b[2]}</td><td>{b[3]}</td><td>{st.na}</td>"
                f"<td>{st.evidenced}</td></tr>"
            )
        body.append("</table>")
    return "\n".join(body) + "\n"


def write_board(out: Path, store: Store) -> list[Path]:
    from openpyxl import Workbook

    from app.reports.results import load_results

    tallies = tally(load_results(out, store))
    md = markdown(tallies)
    md_path, html_path, xlsx_path = out / "summary.md", out / "summary.html", out / "summary.xlsx"
    md_path.write_text(md, encoding="utf-8")
    html_path.write_text(html_page(tallies, md), encoding="utf-8")
    wb = Workbook()
    wb.remove(wb.active)
    for tid, tk in sorted(tallies.items()):
        ws = wb.create_sheet(tid[:31])
        append_row(
            ws,
            [
                "Section",
                "Mean compliance %",
                "Meets 75%",
                "75%+",
                "50%",
                "25%",
                "below 25%",
                "N/A",
                "Gave evidence",
            ],
        )
        for sid, st in tk.sections.items():
            mean = None if st.mean is None else display_percent(st.mean)
            append_row(
                ws,
                [
                    f"{sid}. {st.title}",
                    mean,
                    None if mean is None else mean >= THRESHOLD,
                    *st.bands(),
                    st.na,
                    st.evidenced,
                ],
            )
        append_row(ws, [])
        append_row(ws, ["Agency", *tk.sections, "Overall"])
        for name, agency in tk.agencies:
            append_row(
                ws,
                [
                    name,
                    *[None if s is None else display_percent(s) for _, s, _ in agency["sections"]],
                    None if agency["overall"][0] is None else display_percent(agency["overall"][0]),
                ],
            )
    if not wb.sheetnames:
        append_row(wb.create_sheet("summary"), ["No results yet"])
    mark_workbook(wb, "board summary")
    wb.save(xlsx_path)
    return [md_path, html_path, xlsx_path]
