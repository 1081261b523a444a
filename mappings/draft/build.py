"""Draft a toolkit from a blank (or completed) template: `s11 toolkits draft BLANK`.

Reads the FormDocument only (any format, through the same readers) and returns the toolkit as
YAML text, every unsure guess marked `# check:` on its line, with a summary for stderr.
"""

from __future__ import annotations

import re

from extractor.model import FormDocument
from mappings.draft.drafted import Draft, DraftError
from mappings.draft.form import (
    field_headers,
    header_block,
    phrases,
    self_rating,
    threshold,
    title,
)
from mappings.draft.items import build_sections, find_entries
from mappings.draft.lines import document_lines
from mappings.draft.options import (
    DraftOption,
    known_labels,
    legend_run,
    merge_legend,
    printed_options,
    printed_scores,
)
from mappings.draft.scale import finish
from mappings.settings import DRAFT


def draft_toolkit(doc: FormDocument, toolkit_id: str | None = None) -> Draft:
    lines = document_lines(doc)
    key, key_lines = legend_run(lines, known_labels(lines))
    entries = [e for e in find_entries(lines) if e.line not in key_lines]
    sections = build_sections(lines, entries)
    if not sections:
        raise DraftError("no numbered criteria found (is this the audit form?)")
    item_lines = [i.line for s in sections for i in s.items]
    options, source = printed_options(lines, item_lines)
    options = merge_legend(options, key)
    if key and source and not any(o.description for o in options):
        source += "; the legend names other words"
    elif key:
        source = (source + " and the legend") if source else "the legend"
    notes: list[str] = []
    if len([o for o in options if not re.match(r"(?i)n/?a", o.label)]) < 2:
        notes.append("no options printed: Yes / No / Partial assumed")
        options = [
            DraftOption(label=t, notes=["no options printed"]) for t in ("Yes", "No", "Partial")
        ]
        source = "assumed"
    order = list(options)
    fields = field_headers(lines)
    printed = printed_scores(lines, item_lines)
    notes += finish(options, printed)
    rating = self_rating(lines, options)
    name = title(lines)
    found = threshold(lines)
    draft = Draft(
        id=toolkit_id or _default_id(name),
        title=name,
        seed=doc.source.file,
        phrases=phrases(name, fields, rating),
        options=options,
        option_order=[o.id for o in order if not o.notes or "not printed" not in o.notes[0]],
        option_source=source,
        fields=fields,
        header=header_block(lines, min(item_lines)),
        rating=rating,
        sections=sections,
        threshold=found if found is not None else DRAFT.default_threshold,
        threshold_printed=found is not None,
        action_plan_counts=bool(fields.get("in_action_plan")),
        scoring="printed" if printed else "option",
        notes=notes,
    )
    _collect_notes(draft)
    return draft


def _default_id(name: str) -> str:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()).lower()
    year = (re.findall(r"(?:19|20)(\d\d)\b", name) or [""])[-1]
    return (initials[:6] or "toolkit") + (f"20{year}" if year else "")


def _collect_notes(draft: Draft) -> None:
    if not draft.threshold_printed:
        draft.notes.append(f"threshold: none printed, {draft.threshold:g}% used")
    for option in draft.options:
        for note in option.notes:
            draft.notes.append(f"option {option.label!r}: {note}")
    for section in draft.sections:
        for note in section.notes:
            draft.notes.append(f"section {section.id}: {note}")
    if not draft.header["organisation"]:
        draft.notes.append("no organisation label found above the criteria")
    if draft.rating is None:
        draft.notes.append("no section self-rating prompt found")
    elif draft.rating.options:
        draft.notes.append("self-rating ranges: the score range each rating fits, evenly divided")
