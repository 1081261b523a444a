"""Cut-offs and weights for detection, alignment and answer reading, in one validated place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchSettings:
    # A row must score this much (0-100) against an item to be matched to it.
    match_cutoff: float = 62.0
    # A row scoring this much against some item counts as "found" for toolkit detection.
    detect_strong: float = 80.0
    # Detection confidence below which a document is refused as unknown.
    detect_min_confidence: float = 0.25
    # ...unless it is a scan of a few pages (mappings/detect.py) in which at least this many
    # items find a strong row, twice as many as for any other toolkit.
    detect_min_items: int = 3
    # Numbering in the row that equals the item id adds this; a different id subtracts.
    numbering_bonus: float = 12.0
    numbering_penalty: float = 8.0
    # A numbered row whose words are the start of its own item's criterion, cut short (a
    # printed cell clipping it: "1.1 There i"), scores this before the numbering bonus...
    clipped_match: float = 70.0
    # ...when at least this many characters of it are left.
    clipped_min_chars: int = 5
    # Rows with fewer content words than this are never criterion candidates.
    min_criterion_words: int = 3
    # A header cell matches a field phrase at this similarity (0-100).
    header_cutoff: float = 80.0
    # A header key in the organisation block matches at this similarity.
    field_key_cutoff: float = 82.0
    # Fill colours: minimum HSV saturation and value for a shade to count as a RAG colour.
    fill_min_saturation: float = 0.12
    fill_min_value: float = 0.35
    conf_fill: float = 0.9
    # Confidence of answers by how they were read.
    conf_labelled_mark: float = 1.0
    conf_header_mark: float = 0.95
    conf_order_mark: float = 0.8
    # An option emphasised (bold, highlighted, others struck) while its box stays empty.
    conf_emphasis: float = 0.9
    conf_typed: float = 0.95
    conf_typed_prefix: float = 0.85
    # Self-ratings. A text is the prompt ("How do you rate your compliance…") at this
    # similarity (0-100); a section heading is its title at heading_cutoff, or, for a heading
    # wrapped over lines, the same-length start of its title at heading_prefix_cutoff.
    prompt_cutoff: float = 85.0
    heading_cutoff: float = 85.0
    heading_prefix_cutoff: float = 90.0
    # Rows or lines after a prompt that may hold its rating; one naming no rating, with no
    # box and more words than rating_plain_words, ends them (a heading, a note).
    rating_lookahead: int = 4
    rating_plain_words: int = 14
    # "We have evaluated this standard as Partially met": a rating word in a sentence counts
    # when a cue ("as", "rated", …) stands at most this many words before it.
    rating_cue_window: int = 3

    # Item confidence (mappings/confidence.py): at or above `sure` a reading is trusted;
    # below it the item gets a low_confidence gap with the reason.
    sure: float = 0.9
    # A match this similar (0-100) with this lead over the runner-up is sure.
    match_sure: float = 80.0
    margin_sure: float = 8.0
    conf_unanswered: float = 0.95  # nothing marked, nothing unreadable in the answer cells
    conf_missing: float = 0.95  # no row like the item at all
    conf_doubt: float = 0.6  # something in the answer cells could not be read
    near_miss: float = 70.0  # an unmatched row this similar to a missing item: not sure
    # Paper (mappings/paper.py): an item on a scanned page whose answer place was not seen
    # (no box in its row, its row not located, its page's words read poorly) gets this.
    conf_paper: float = 0.4
    # A scanned page whose words OCR read at a median confidence (0..100) below this is
    # too poorly read for a sure answer.
    paper_ocr_sure: float = 75.0

    # A return whose found choice items read unanswered for at least this share of them
    # (and at least `unseen_min_items` of them) may mark its answers in a way no rule reads:
    # its unanswered readings are not sure (mappings/unseen_habit.py).
    unseen_share: float = 0.5
    unseen_min_items: int = 3

    # A document whose matched choice items have somewhere an answer goes (an option or
    # response column, a box, an option list, a fill, an answer word) for less than this
    # share of them quotes the criteria but is no return (mappings/answer_places.py).
    min_answer_places: float = 0.2
    # ...unless that share of them holds one to this many values beside the criterion (an
    # answer column nobody named): then it is read, unsure, not refused.
    max_answer_values: int = 4

    def __post_init__(self) -> None:
        for name in (
            "match_cutoff",
            "detect_strong",
            "header_cutoff",
            "field_key_cutoff",
            "prompt_cutoff",
            "heading_cutoff",
            "heading_prefix_cutoff",
        ):
            value = getattr(self, name)
            if not 0 <= value <= 100:
                raise ValueError(f"{name} must be within 0..100, got {value}")
        if not 0 < self.min_answer_places <= 1:
            raise ValueError("min_answer_places must be within 0..1 (above 0)")
        if not 0 < self.unseen_share <= 1 or self.unseen_min_items < 1:
            raise ValueError("unseen_share must be within 0..1 (above 0), unseen_min_items >= 1")
        if not 0 < self.detect_min_confidence < 1:
            raise ValueError("detect_min_confidence must be within 0..1")


SETTINGS = MatchSettings()


@dataclass(frozen=True)
class CycleSettings:
    """Comparing one audit cycle with the last (`s11 compare`, scoring/cycle.py)."""

    # Two organisation names (normalised) are the same agency at this similarity (0-100)...
    org_cutoff: float = 90.0
    # ...when the best candidate leads the runner-up by this much (else: unmatched, ambiguous).
    org_margin: float = 3.0
    # An item of one toolkit version is an item of the other at this text similarity (0-100);
    # two items with the same id but texts less alike than this are different items.
    item_cutoff: float = 85.0
    # Two items with the same id are one item when their texts are this alike (0-100) and the
    # previous text is not more like another item's (the id taken over by an added item).
    item_id_cutoff: float = 60.0
    # Evidence whose newest named date is more than this many months before the new
    # return's date is stale.
    stale_months: int = 12
    # Two returns of one agency under different toolkits are versions of one toolkit when
    # this share of the previous return's items find a counterpart.
    toolkit_overlap: float = 0.5

    def __post_init__(self) -> None:
        for name in ("org_cutoff", "org_margin", "item_cutoff", "item_id_cutoff"):
            value = getattr(self, name)
            if not 0 <= value <= 100:
                raise ValueError(f"{name} must be within 0..100, got {value}")
        if self.stale_months < 1:
            raise ValueError("stale_months must be at least 1")
        if not 0 < self.toolkit_overlap <= 1:
            raise ValueError("toolkit_overlap must be within 0..1")


CYCLE = CycleSettings()


@dataclass(frozen=True)
class DraftSettings:
    """Cut-offs of the toolkit drafter (mappings/draft*.py)."""

    # A criterion has at least this many words once its number is taken off.
    min_item_words: int = 3
    # A header or option cell has at most this many words.
    max_header_words: int = 14
    max_option_words: int = 4
    # A legend ("Blue: everything is in place…") has at least this many lines in a run.
    min_legend_lines: int = 2
    # Threshold when the form prints none ("75% compliance is regarded as acceptable").
    default_threshold: float = 75.0
    # Identifying phrases kept (the title first, then the most distinctive headers).
    max_phrases: int = 6

    def __post_init__(self) -> None:
        if not 0 < self.default_threshold <= 100:
            raise ValueError("default_threshold must be within 0..100")
        if self.min_item_words < 1 or self.max_option_words < 1:
            raise ValueError("word counts must be positive")


DRAFT = DraftSettings()
