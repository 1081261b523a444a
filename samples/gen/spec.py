"""What a sample return says: the spec a document is built from and its answer key is written from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ItemSpec:
    id: str
    answer: str | None = None  # option id, "answered" (text items) or None (left blank)
    second: str | None = None  # a second option ticked too: conflicting
    evidence: str = ""
    actions: str = ""
    in_plan: bool = False
    mechanism: str | None = None  # overrides the return's mechanism for this row
    text: str | None = None  # the criterion as the agency's copy words it
    number: str | None = None  # printed number; "" for none; None for the canonical id
    delete: bool = False  # the row was deleted from the form
    merge_down: bool = False  # the evidence cell is merged with the next row's
    tracked: str | None = None  # an earlier answer, changed with tracked changes on
    comment: str | None = None  # a reviewer comment anchored in the evidence
    na_across: bool = False  # gp2014: "N/A" written across the option cells
    split: bool = False  # the criterion runs over two rows
    alike: bool = False  # unanswered: the template printed every option in one style


@dataclass
class ReturnSpec:
    name: str
    toolkit: str
    organisation: str
    completed_by: str
    date: str
    mechanism: str
    items: dict[str, ItemSpec]
    self_ratings: dict[str, str | None] = field(default_factory=dict)
    statements: dict[str, str] = field(default_factory=dict)
    swaps: list[tuple[str, str]] = field(default_factory=list)
    exercises: str = ""
    # A toolkit YAML outside the built-ins (a revised version laid out like `toolkit`'s form).
    toolkit_file: str | None = None
    legend: list[str] = field(default_factory=list)  # key lines printed above the areas
    contact: str = ""  # wt2023: a "Telephone / email" header row when set
    # The habit generator (gen/habit_docx.py): "rows" draws one row per criterion with one
    # answer cell (any toolkit), reshaped by `layout` (reorder, own_rows, split, numbering...).
    form: str = ""
    layout: tuple[str, ...] = ()
    font: tuple[str, int] | None = None  # the agency's own body font and size (points)


def set_items(spec: ReturnSpec, ids: list[str], **fields: object) -> None:
    """Change what the named items say (answer, evidence, mechanism...)."""
    for item_id in ids:
        for key, value in fields.items():
            setattr(spec.items[item_id], key, value)
