"""Build the output contract (Result) from what mapping read and the toolkit's rules."""

from __future__ import annotations

from mappings.reading import ItemReading, ReturnReading
from mappings.toolkits.schema import Option, Toolkit
from scoring.engine import display_percent, grade, item_score, mean, meets, round1
from scoring.gaps import ItemContext, document_gaps, item_gaps, section_gaps
from scoring.result import (
    GapOut,
    ItemOut,
    MatchOut,
    OrganisationOut,
    OverallOut,
    ProvenanceOut,
    Result,
    SectionOut,
    SourceOut,
    ToolkitOut,
)

PRINTED_TOLERANCE = 1  # a printed figure this many points from the computed one is fine


def build_result(reading: ReturnReading, toolkit: Toolkit) -> Result:
    """Every canonical item once, in order; sections, overall, gaps and warnings."""
    by_id = {r.item_id: r for r in reading.items}
    by_section = {s.section_id: s for s in reading.sections}
    items: list[ItemOut] = []
    sections: list[SectionOut] = []
    gaps: list[GapOut] = document_gaps(reading)
    warnings = list(reading.warnings)
    section_scores: list[float] = []
    all_scores: list[float] = []
    for section in toolkit.sections:
        scores: list[float] = []
        answered = applicable = 0
        for item in section.items:
            r = by_id.get(item.id) or ItemReading(item.id, section.id)
            option = _option(toolkit, r)
            score = item_score(r, item, toolkit)
            if score is not None:
                scores.append(score)
            if r.response is not None and len(r.marked) <= 1:
                answered += 1
            if option is None or not option.na:
                applicable += 1
            items.append(_item_out(r, item.text, item.kind, score, toolkit))
            gaps += item_gaps(ItemContext(toolkit, section, item, r, option))
        sec_score = mean(scores)
        all_scores += scores
        if sec_score is not None:
            section_scores.append(sec_score)
        sr = by_section.get(section.id)
        printed = sr.printed_score if sr is not None else None
        warnings += _mismatch(f"section {section.id}", printed, sec_score, "the items")
        sections.append(
            SectionOut(
                id=section.id,
                title=section.title,
                score=None if sec_score is None else round1(sec_score),
                grade=grade(sec_score, toolkit),
                meets_threshold=meets(sec_score, toolkit),
                self_rating=sr.self_rating if sr is not None else None,
                statement=sr.statement if sr is not None else "",
                answered=answered,
                applicable=applicable,
                printed_score=printed,
            )
        )
        if sr is not None:
            gaps += section_gaps(toolkit, section, sr, sec_score)
    overall = mean(section_scores if toolkit.averaging == "mean_of_sections" else all_scores)
    printed_overall = reading.printed_overall
    warnings += _mismatch("overall", printed_overall, overall, "the sections")
    source = reading.source
    return Result(
        source=SourceOut(
            file=source.file,
            sha256=source.sha256,
            format=source.format,
            pages=source.pages,
            sheets=source.sheets,
        ),
        toolkit=ToolkitOut(
            id=toolkit.id, title=toolkit.title, confidence=round(reading.toolkit_confidence, 3)
        ),
        organisation=OrganisationOut(
            name=reading.organisation.name,
            completed_by=reading.organisation.completed_by,
            date=reading.organisation.date,
            contact=reading.organisation.contact,
        ),
        items=items,
        sections=sections,
        overall=OverallOut(
            score=None if overall is None else round1(overall),
            grade=grade(overall, toolkit),
            meets_threshold=meets(overall, toolkit),
            printed_score=printed_overall,
        ),
        gaps=gaps,
        warnings=warnings,
    )


def _mismatch(what: str, printed: float | None, computed: float | None, by: str) -> list[str]:
    """A warning when a printed figure disagrees with the computed one."""
    if printed is None or computed is None:
        return []
    shown = display_percent(computed)
    if abs(shown - printed) <= PRINTED_TOLERANCE:
        return []
    return [f"{what}: printed {printed:g}% but {by} give {shown}%"]


def _option(toolkit: Toolkit, r: ItemReading) -> Option | None:
    if r.response is None or len(r.marked) > 1:
        return None
    return next((o for o in toolkit.options if o.id == r.response), None)


def _item_out(
    r: ItemReading, text: str, kind: str, score: float | None, toolkit: Toolkit
) -> ItemOut:
    prov = r.provenance
    has_plan = toolkit.action_plan_counts_as_action and kind == "choice"
    return ItemOut(
        id=r.item_id,
        section=r.section_id,
        text=text,
        response=r.response if len(r.marked) <= 1 else None,
        score=None if score is None else round1(score),
        evidence=r.evidence if r.found else "",
        actions=r.actions if r.found else "",
        lead=r.lead,
        timescale=r.timescale,
        in_action_plan=bool(r.in_action_plan) if has_plan else None,
        confidence=r.confidence,
        match=MatchOut(confidence=r.match_confidence, row_text=r.row_text),
        provenance=ProvenanceOut(
            page=prov.page if prov else None,
            sheet=prov.sheet if prov else None,
            locator=prov.locator if prov else None,
            mark=r.mark_source,
        ),
    )
