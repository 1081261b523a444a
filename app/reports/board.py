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
from app.labels import count, excerpt, percent, word
from app.reports.cells import append_row
from app.reports.marker import mark_workbook
from scoring.engine import display_percent
from scoring.evidence import is_placeholder

THRESHOLD = 75
# Bar colours with at least 3:1 against white (WCAG 1.4.11): at or above the threshold, below.
BAR_MEETS, BAR_BELOW = "#2e7d32", "#b35900"
# A white outline behind a chart's figures, so the threshold line never crosses their letters.
HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" '


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


_pct = percent


def markdown(tallies: dict[str, ToolkitTally]) -> str:
    lines = [
        "# Section 11 multi-agency summary",
        "",
        f"{THRESHOLD}% compliance is regarded as acceptable.",
        "",
    ]
    for tid, tk in sorted(tallies.items()):
        lines += [
            f"## {tk.title} ({tid}): {count(len(tk.agencies), 'agency', 'agencies')}",
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
                f"{_pct(score)} {word(grade, '')}".strip() for _, score, grade in agency["sections"]
            ]
            score, grade = agency["overall"]
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {_pct(score)} {word(grade, '')} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def chart_words(tk: ToolkitTally) -> str:
    """The chart in words, its text alternative: each section's mean against the threshold."""
    said = [
        f"{sid}. {st.title}: {'no score' if st.mean is None else _pct(st.mean)}"
        for sid, st in tk.sections.items()
    ]
    return (
        f"Mean compliance per section across {count(len(tk.agencies), 'agency', 'agencies')}, "
        f"against the {THRESHOLD}% threshold: " + "; ".join(said) + "."
    )


def svg_bars(tk: ToolkitTally, chart_id: str = "chart") -> str:
    """A horizontal bar per section with the 75% line, as inline SVG named by its words
    (the table beside it holds the same figures)."""
    rows = list(tk.sections.items())
    height = 26 * len(rows) + 30
    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {height}" width="640" '
        f'height="{height}" role="img" aria-labelledby="{e(chart_id)}-title">'
        f'<title id="{e(chart_id)}-title">{e(chart_words(tk))}</title>'
    ]
    x0, width = 220, 380
    line = x0 + width * THRESHOLD / 100  # drawn first, so the figures stay readable over it
    parts.append(
        f'<line x1="{line}" y1="4" x2="{line}" y2="{height - 10}" stroke="#b00020" '
        'stroke-width="2" stroke-dasharray="4 3"/>'
    )
    for n, (sid, st) in enumerate(rows):
        y = 10 + 26 * n
        value = display_percent(st.mean) if st.mean is not None else 0
        colour = BAR_MEETS if value >= THRESHOLD else BAR_BELOW
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="12" fill="#1a1a1a">{e(sid)}. '
            f"{e(excerpt(st.title, 28))}</text>"
        )
        parts.append(
            f'<rect x="{x0}" y="{y}" width="{width * value / 100:.1f}" height="18" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x0 + width * value / 100 + 4:.1f}" y="{y + 14}" font-size="12" '
            f'{HALO}fill="#1a1a1a">{_pct(st.mean)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


SECTION_HEADS = "".join(
    f"<th scope='col'>{h}</th>"
    for h in (
        "Section",
        "Mean compliance",
        "75% or more",
        "50% to 74%",
        "25% to 49%",
        "Below 25%",
        "N/A",
        "Gave evidence",
    )
)


def html_page(tallies: dict[str, ToolkitTally], md: str) -> str:
    from app.reports.results import TABLE_END, page_start, table_start

    body = [
        page_start("Section 11 summary"),
        "<h1>Section 11 multi-agency summary</h1>",
        f"<p>{THRESHOLD}% compliance is regarded as acceptable (dashed line).</p>",
    ]
    for tid, tk in sorted(tallies.items()):
        body.append(
            f"<h2>{html.escape(tk.title)} ({html.escape(tid)}): "
            f"{count(len(tk.agencies), 'agency', 'agencies')}</h2>"
        )
        body.append(f"<figure>{svg_bars(tk, f'chart-{tid}')}</figure>")
        body.append(
            table_start("Each section across the agencies (agencies in each band)")
            + f"<tr>{SECTION_HEADS}</tr>"
        )
        for sid, st in tk.sections.items():
            b = st.bands()
            body.append(
                f"<tr><td>{html.escape(sid)}. {html.escape(st.title)}</td><td>{_pct(st.mean)}</td>"
                f"<td>{b[0]}</td><td>{b[1]}</td><td>{b[2]}</td><td>{b[3]}</td><td>{st.na}</td>"
                f"<td>{st.evidenced}</td></tr>"
            )
        body.append(TABLE_END)
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
                    None if mean is None else ("Yes" if mean >= THRESHOLD else "No"),
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
