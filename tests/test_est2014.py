"""The scoring engine reproduces every figure printed in est2014-essex-audit-summary.txt.

The item percentages, section percentages, grades and overall score are read from the seed
text itself, never retyped.
"""

from __future__ import annotations

import re

from extractor.model import Source
from mappings.reading import ItemReading, Organisation, ReturnReading, SectionReading
from mappings.toolkits import TOOLKIT_DIR, load_toolkit
from scoring.build import build_result
from scoring.engine import display_percent

SEED = (TOOLKIT_DIR / "seeds" / "est2014-essex-audit-summary.txt").read_text(encoding="utf-8")


def _printed() -> tuple[dict[str, float], dict[str, tuple[int, str]], int]:
    items: dict[str, float] = {}
    sections: dict[str, tuple[int, str]] = {}
    for line in SEED.splitlines():
        cols = line.split("\t")
        if len(cols) < 4:
            continue
        if re.fullmatch(r"\d+\.\d+", cols[0]):
            items[cols[0]] = float(cols[3].rstrip("%"))
        elif re.fullmatch(r"\d+", cols[0]):
            sections[cols[0]] = (int(cols[3].rstrip("%")), cols[4].strip())
    overall = re.search(r"Score: (\d+)%", SEED)
    assert overall is not None
    return items, sections, int(overall.group(1))


def test_seed_figures_are_reproduced() -> None:
    items, sections, overall = _printed()
    assert len(items) == 36
    assert [p for p, _ in sections.values()] == [86, 93, 88, 89, 92, 92, 100]
    toolkit = load_toolkit("est2014")
    readings = [
        ItemReading(
            item.id,
            section.id,
            found=True,
            response="complete",
            marked=["complete"],
            printed_score=items[item.id],
            match_confidence=1.0,
        )
        for section, item in toolkit.all_items()
    ]
    reading = ReturnReading(
        source=Source(file="est.pdf", sha256="0" * 64, format="pdf"),
        toolkit_id="est2014",
        toolkit_confidence=1.0,
        organisation=Organisation("Agency", "Someone", "30-Jan-2015"),
        items=readings,
        sections=[
            SectionReading(s, printed_score=p, printed_grade=g) for s, (p, g) in sections.items()
        ],
        printed_overall=float(overall),
    )
    result = build_result(reading, toolkit)
    for out in result.sections:
        printed, printed_grade = sections[out.id]
        assert out.score is not None
        assert display_percent(out.score) == printed, out.id
        assert out.grade == printed_grade, out.id
    assert result.overall.score is not None
    assert display_percent(result.overall.score) == overall == 91
    assert result.warnings == []
    assert not [g for g in result.gaps if g.kind in ("no_evidence", "no_action", "thin_evidence")]


def test_summary_exports_read_end_to_end() -> None:
    """The tool's exports as files: the seed's own figures from the workbook, a misprinted
    section named in a warning, and the PDF export read like the workbook."""
    from pathlib import Path

    from scoring.pipeline import extract

    samples = Path(__file__).resolve().parents[1] / "samples"
    essex = extract(samples / "excel" / "est2014-essex-agency-summary-export.xlsx")
    assert [display_percent(s.score or 0) for s in essex.sections] == [86, 93, 88, 89, 92, 92, 100]
    assert [s.grade for s in essex.sections][:2] == ["high", "very high"]
    assert essex.overall.score is not None
    assert display_percent(essex.overall.score) == 91
    assert essex.warnings == []
    misprinted = extract(samples / "excel" / "est2014-thurrock-summary-export-misprinted.xlsx")
    assert any(w.startswith("section 3: printed") for w in misprinted.warnings)
    pdf = extract(samples / "pdf" / "est2014-southend-summary-export.pdf")
    assert pdf.toolkit.id == "est2014"
    assert pdf.warnings == []
    assert sum(1 for i in pdf.items if i.response == "complete") == 35
