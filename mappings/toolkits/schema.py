"""The toolkit YAML schema: strict (unknown keys refused), validated on load."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

HEX = re.compile(r"^[0-9A-F]{6}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    """One answer a criterion can take, with the words people write for it."""

    id: str = Field(pattern=r"^[a-z_]+$")
    label: str  # as printed on the form: "Fully met"
    synonyms: list[str] = []  # other words people type: "FM", "Met", "Fully"
    score: float | None = None  # None: left out of averages (na); est2014 uses printed scores
    colour: str | None = None  # RGB hex of the RAG colour that means this option ("00B050")
    na: bool = False  # this option means not applicable

    @field_validator("colour")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        if value is not None and not HEX.match(value):
            raise ValueError(f"colour must be 6 uppercase hex digits, got {value!r}")
        return value


class Item(Strict):
    id: str = Field(pattern=r"^[0-9]+(\.[0-9]+)?[a-z]?$")
    text: str = Field(min_length=3)  # exact criterion text as printed
    kind: Literal["choice", "text"] = "choice"


class Section(Strict):
    id: str = Field(pattern=r"^[0-9]+[A-Z]?$")
    title: str
    items: list[Item] = Field(min_length=1)
    optional: bool = False  # e.g. wt2023 part 5, commissioners only
    note: str | None = None


class FieldHeaders(Strict):
    """Phrases found in column headers (or row labels) that name each field."""

    evidence: list[str] = []
    actions: list[str] = []
    lead: list[str] = []
    timescale: list[str] = []
    in_action_plan: list[str] = []
    response: list[str] = []  # the header above the answer column: "Yes/No/Partial?"
    criterion: list[str] = []  # "Compliance Criteria", "Areas of compliance"
    template: list[str] = []  # columns that are never evidence: "Examples of evidence"
    score: list[str] = []  # est2014 exports: the printed per-item percentage column
    grade: list[str] = []  # est2014 exports: the printed grade column


FIELD_ROLES = tuple(FieldHeaders.model_fields)  # every field a header can name, in order


class SelfRatingOption(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    synonyms: list[str] = []
    # The computed section score range this rating is consistent with, [min, max] in percent.
    range: tuple[float, float]


class SelfRating(Strict):
    prompts: list[str]  # "How do you rate your compliance with this standard?"
    options: list[SelfRatingOption] = []  # empty: rated with the item options (gp2014)
    statement: bool = False  # a supporting statement is expected beside the rating


class GradeBand(Strict):
    name: str  # "very high"
    min: float  # inclusive lower bound in percent


class HeaderFields(Strict):
    """Labels of the organisation block at the top of a return."""

    organisation: list[str]
    completed_by: list[str]
    date: list[str]
    other: list[str] = []  # board member, contact details, post held, signature


class Toolkit(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+$")
    title: str
    seed: str  # the seed text this YAML was transcribed from
    identifying_phrases: list[str] = Field(min_length=1)
    options: list[Option] = Field(min_length=2)
    option_order: list[str]  # option ids left to right / top to bottom as printed
    scoring: Literal["option", "printed"] = "option"  # printed: est2014 per-item percentages
    fields: FieldHeaders
    header: HeaderFields
    self_rating: SelfRating | None = None
    sections: list[Section] = Field(min_length=1)
    grades: list[GradeBand] = [
        GradeBand(name="very high", min=90),
        GradeBand(name="high", min=75),
        GradeBand(name="medium", min=50),
        GradeBand(name="low", min=0),
    ]
    threshold: float = 75
    averaging: Literal["mean_of_sections", "mean_of_items"] = "mean_of_sections"
    action_plan_counts_as_action: bool = False  # wt2023: "included in action plan" ticked
    placeholders: list[str] = []  # extra placeholder words beyond the built-in list

    @model_validator(mode="after")
    def _consistent(self) -> Toolkit:
        option_ids = [o.id for o in self.options]
        if len(set(option_ids)) != len(option_ids):
            raise ValueError("options: duplicate option id")
        unknown = [o for o in self.option_order if o not in option_ids]
        if unknown:
            raise ValueError(f"option_order: unknown option ids {unknown}")
        seen: set[str] = set()
        for section in self.sections:
            for item in section.items:
                if item.id in seen:
                    raise ValueError(f"sections: item id {item.id!r} appears twice")
                seen.add(item.id)
        sec_ids = [s.id for s in self.sections]
        if len(set(sec_ids)) != len(sec_ids):
            raise ValueError("sections: duplicate section id")
        mins = [g.min for g in self.grades]
        if mins != sorted(mins, reverse=True):
            raise ValueError("grades: bands must be listed from highest min to lowest")
        return self

    # -- conveniences -------------------------------------------------------------------
    def all_items(self) -> list[tuple[Section, Item]]:
        return [(s, i) for s in self.sections for i in s.items]

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)
