"""A drafted toolkit (`Draft`) and its YAML text, written line by line and deterministic, each
unsure guess marked with a `# check:` comment on its line."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from mappings.draft.form import SelfRatingDraft
from mappings.draft.items import DraftSection
from mappings.draft.options import DraftOption


@dataclass
class Draft:
    """A toolkit as the drafter read it, with the guesses to check."""

    id: str
    title: str
    seed: str
    phrases: list[str]
    options: list[DraftOption]
    option_order: list[str]
    option_source: str
    fields: dict[str, list[str]]
    header: dict[str, list[str]]
    rating: SelfRatingDraft | None
    sections: list[DraftSection]
    threshold: float
    threshold_printed: bool
    action_plan_counts: bool
    scoring: str = "option"  # printed: each item's score printed beside it
    notes: list[str] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)

    def summary(self) -> str:
        """N sections, M items, K options, and what to check."""
        checks = sum(1 for ln in self.to_yaml().splitlines() if "  # check:" in ln)
        head = (
            f"drafted {self.id}: {len(self.sections)} sections, {self.item_count} items, "
            f"{len(self.options)} options ({', '.join(o.label for o in self.options)}); "
            f"{checks} lines marked '# check:'"
        )
        return "\n".join([head, *(f"  check: {n}" for n in dict.fromkeys(self.notes))])

    def to_yaml(self) -> str:
        return write_yaml(self)


class DraftError(ValueError):
    """The template shows no criteria the drafter can read."""


def scalar(value: object) -> str:
    """One YAML scalar, quoted when it must be."""
    text: str = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**9)
    text = text.strip()
    if text.endswith("\n..."):
        text = text[: -len("\n...")]
    return text


def _check(note: str | None) -> str:
    return f"  # check: {note}" if note else ""


def write_yaml(draft: Draft) -> str:
    out: list[str] = [
        f"# Drafted by `s11 toolkits draft` from {draft.seed}. Review every '# check:' line,",
        "# then run `s11 toolkits check` on this file.",
        f"id: {scalar(draft.id)}",
        f"title: {scalar(draft.title)}",
        f"seed: {scalar(draft.seed)}",
        "identifying_phrases:",
        *(f"- {scalar(p)}" for p in draft.phrases),
        f"options:  # read from {draft.option_source}",
    ]
    for option in draft.options:
        out.append(f"- id: {scalar(option.id)}")
        label_note = (
            "the form prints no such option"
            if "not printed: people type it" in option.notes
            else None
        )
        out.append(f"  label: {scalar(option.label)}{_check(label_note)}")
        if option.synonyms:
            out.append("  synonyms:")
            out += [f"  - {scalar(s)}" for s in option.synonyms]
        if option.na:
            out.append("  na: true")
        else:
            how = next((n for n in option.notes if n.startswith(("score", "lowest"))), None)
            score = "null" if option.score is None else f"{option.score:g}"
            out.append(f"  score: {score}{_check(None if option.printed_score else how)}")
        if option.colour:
            note = next((n for n in option.notes if n.startswith("RAG")), None)
            out.append(f"  colour: {scalar(option.colour)}{_check(note)}")
    if draft.scoring == "printed":
        out.append("scoring: printed  # check: the form prints each item's score (a tool export)")
    out.append("option_order:")
    out += [f"- {scalar(o)}" for o in draft.option_order]
    out.append("fields:")
    for role, texts in draft.fields.items():
        if texts:
            out.append(f"  {role}:")
            out += [f"  - {scalar(t)}" for t in texts]
    out.append("header:")
    for role in ("organisation", "completed_by", "date", "other"):
        texts = draft.header.get(role, [])
        note = "no label found" if not texts and role != "other" else None
        if texts:
            out.append(f"  {role}:")
            out += [f"  - {scalar(t)}" for t in texts]
        else:
            out.append(f"  {role}: []{_check(note)}")
    out += _rating(draft)
    out.append("sections:")
    for section in draft.sections:
        out.append(f"- id: {scalar(section.id)}")
        note = section.notes[0] if section.notes else None
        out.append(f"  title: {scalar(section.title)}{_check(note)}")
        if section.optional:
            out.append(f"  optional: true{_check('the heading says only some answer it')}")
        out.append("  items:")
        for item in section.items:
            out.append(f"  - id: {scalar(item.id)}")
            out.append(
                f"    text: {scalar(item.text)}{_check(item.notes[0] if item.notes else None)}"
            )
            if item.kind == "text":
                out.append(f"    kind: text{_check('free-text answer: no options beside it')}")
    note = None if draft.threshold_printed else "none printed; the usual 75%"
    out.append(f"threshold: {draft.threshold:g}{_check(note)}")
    if draft.action_plan_counts:
        note = "an 'in action plan' column: ticking it counts as an action"
        out.append(f"action_plan_counts_as_action: true{_check(note)}")
    return "\n".join(out) + "\n"


def _rating(draft: Draft) -> list[str]:
    rating = draft.rating
    if rating is None:
        return []
    out = ["self_rating:", "  prompts:", *(f"  - {scalar(p)}" for p in rating.prompts)]
    if rating.options:
        out.append("  options:")
        for option, (lo, hi) in zip(rating.options, rating.ranges, strict=True):
            out.append(f"  - id: {scalar(_slug(option.label))}")
            out.append(f"    label: {scalar(option.label)}")
            out.append(f"    range: [{lo:g}, {hi:g}]  # check: score range this rating fits")
    if rating.statement:
        out.append("  statement: true")
    return out


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z]+", "_", text.lower()).strip("_") or "rating"
