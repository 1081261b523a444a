"""Read a whole return against its toolkit: items, sections, organisation, unmatched rows."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from extractor.model import FormDocument, Provenance
from mappings.align import Candidate, Mapped, Match, assign, map_rows
from mappings.answers import BlockReader
from mappings.block_state import Answer
from mappings.confidence import item_sureness, match_sureness
from mappings.header import is_header_label, read_organisation
from mappings.layout import MAX_UNITS, Unit
from mappings.normalise import clip, fold
from mappings.paper import check_on_paper
from mappings.printed import complete_printed_scores, section_breaks
from mappings.rating_place import is_prompt
from mappings.reading import (
    ItemReading,
    Organisation,
    ReturnReading,
    SectionReading,
    UnmatchedRow,
)
from mappings.sections import printed_overall, read_printed_section
from mappings.self_rating import read_ratings
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Item, Toolkit
from mappings.typed_cross import return_side
from mappings.unseen_habit import doubt_unseen_habit
from mappings.vocab import Vocabulary

UNMATCHED_CUTOFF = 55.0  # a row this similar to some item looks like a criterion


def read_return(
    doc: FormDocument, toolkit: Toolkit, confidence: float, mapped: Mapped | None = None
) -> ReturnReading:
    """Read every item's answer; `mapped` is the row mapping detection already made."""
    mapped = mapped or map_rows(doc, toolkit)
    vocab, units, cands, matrix = mapped.vocab, mapped.units, mapped.cands, mapped.matrix
    matches = assign(cands, matrix, toolkit, mapped.clipped)
    prompts = [u.order for u in units if is_prompt(u, toolkit)]
    stops = {m.unit.order: m.item_id for m in matches.values()}
    ids = [item.id for _, item in toolkit.all_items()]
    for row, cand in enumerate(cands):
        best = int(matrix[row].argmax()) if matrix.shape[1] else 0
        if cand.unit.order not in stops and _criterion_like(cand, float(matrix[row, best])):
            stops[cand.unit.order] = ids[best]  # a criterion-like row ends the block above
        elif cand.unit.order not in stops and _own_item(cand, float(matrix[row, best]), vocab):
            stops[cand.unit.order] = ""  # and so does an item the agency added, answered
    for order in section_breaks(units, toolkit, matches.values()):
        stops.setdefault(order, "")  # so does the row of the next section
    blocks = {item_id: _block(units, m, stops, prompts) for item_id, m in matches.items()}
    reader = BlockReader(toolkit, vocab, return_side((c for u in units for c in u.cells), vocab))

    items: list[ItemReading] = []
    for section, item in toolkit.all_items():
        match = matches.get(item.id)
        if match is None:
            items.append(_missing(item.id, section.id, cands, matrix, matches, ids))
            check_on_paper(doc, items[-1], None, _boxes_printed(item, toolkit))
            continue
        answer = reader.read(blocks[item.id], item)
        if match.clipped:
            answer.doubts.append(
                f'{CUT_SHORT} ("{clip(match.text, 30)}"): matched by its number and first words'
            )
        items.append(_item_reading(item.id, section.id, match, answer))
        check_on_paper(doc, items[-1], blocks[item.id], _boxes_printed(item, toolkit))
    complete_printed_scores(items, blocks, toolkit)
    doubt_unseen_habit(items, toolkit)
    _doubt_missing_when_cut_short(items, sum(1 for m in matches.values() if m.clipped))

    sections = _sections(units, matches, prompts, toolkit, vocab)
    organisation = read_organisation(doc, toolkit)
    unmatched = _unmatched(cands, matrix, matches, blocks, toolkit, vocab, organisation)
    return ReturnReading(
        source=doc.source,
        toolkit_id=toolkit.id,
        toolkit_confidence=confidence,
        organisation=organisation,
        items=items,
        sections=sections,
        unmatched_rows=unmatched,
        unreadable=list(doc.unreadable),
        warnings=list(doc.warnings) + _cut(units),
        printed_overall=printed_overall(units) if toolkit.scoring == "printed" else None,
    )


def _boxes_printed(item: Item, toolkit: Toolkit) -> int:
    """How many option boxes an item's row can print (0 for an item answered in words)."""
    return len(toolkit.option_order) if item.kind == "choice" else 0


def _cut(units: list[Unit]) -> list[str]:
    if len(units) < MAX_UNITS:
        return []
    return [f"the file is very large: only its first {MAX_UNITS:,} rows and paragraphs were mapped"]


def _form_furniture(texts: list[str], toolkit: Toolkit, vocab: Vocabulary) -> bool:
    """A row of the form around the criteria, never a criterion: a header-block label and its
    value ("Name of organisation | …"), a section's heading, or a key row ("2 | Planned: …")."""
    filled = [t for t in texts if t.strip()]
    if not filled:
        return False
    if is_header_label(filled[0], toolkit):
        return True
    titles = [fold(s.title) for s in toolkit.sections]
    if any(
        fuzz.ratio(fold(t), title) >= SETTINGS.field_key_cutoff for t in filled for title in titles
    ):
        return True  # a section's heading row ("4 | Service development takes account …")
    return len(filled) == 2 and vocab.exact(filled[0]) is not None


def _criterion_like(cand: Candidate, best: float) -> bool:
    """A numbered row, or a row like a criterion that is more than one full-width note."""
    if cand.number is not None:
        return True
    cells = [c for c in cand.unit.cells if (c.text or c.all_marks()) and not c.continued]
    if len(cells) > 1 and _OWN_REF.match(cells[0].text):
        return True  # the agency's own item ("2.L", "4A"): numbered in its own way
    return best >= UNMATCHED_CUTOFF and len(cells) > 1


def _own_item(cand: Candidate, best: float, vocab: Vocabulary) -> bool:
    """A row like no item, a sentence in its first cell and an answer of its own beside it
    ("Local addition: our volunteers' code of conduct is signed | Not met"): the agency's
    own item, never part of the item above."""
    cells = [c for c in cand.unit.cells if (c.text or c.all_marks()) and not c.continued]
    if len(cells) < 2 or best >= UNMATCHED_CUTOFF or len(cells[0].text.split()) < OWN_ITEM_WORDS:
        return False
    return any(
        vocab.exact(c.text) is not None or any(m.checked for m in c.all_marks())
        for c in cells[1:]
    )


OWN_ITEM_WORDS = 5
_OWN_REF = re.compile(r"^\s*\d{1,2}[A-Za-z]{0,2}\.?[A-Za-z]{1,2}\s*$")


def _block(
    units: list[Unit], match: Match, stops: dict[int, str], prompts: list[int]
) -> list[Unit]:
    """The matched row and the rows after it, up to the next criterion, prompt or table.

    A criterion-like row whose closest item is this block's own item (a criterion split over
    two rows) does not end the block.
    """
    start = match.unit.order
    block = [units[start]]
    for unit in units[start + 1 :]:
        stop = stops.get(unit.order)
        if (stop is not None and stop != match.item_id) or unit.order in prompts:
            break
        if unit.row is None:
            break
        if (
            unit.table is not match.unit.table
            and unit.table is not None
            and unit.table.parent is None
        ):
            break
        block.append(unit)
    return block


CUT_SHORT = "the criterion is cut short in the return"


def _doubt_missing_when_cut_short(items: list[ItemReading], short: int) -> None:
    """A return whose criteria are mostly printed cut short: an item found nowhere may be a
    row cut too short to match, so its absence is not sure."""
    found = [i for i in items if i.found]
    if not found or short < 0.5 * len(found):
        return
    for item in items:
        if not item.found and (item.confidence or 0.0) >= SETTINGS.sure:
            item.confidence = SETTINGS.conf_doubt
            item.doubt = (
                f"{short} of this return's {len(found)} criteria are cut short: this item's row "
                "may be one too short to recognise"
            )


def _missing(
    item_id: str,
    section_id: str,
    cands: list[Candidate],
    matrix: Any,
    matches: dict[str, Match],
    ids: list[str],
) -> ItemReading:
    """An item no row matched; unsure when a row left unmatched resembles it."""
    reading = ItemReading(item_id, section_id, confidence=SETTINGS.conf_missing)
    if not cands or not matrix.shape[1]:
        return reading
    used = {id(m.unit) for m in matches.values()}
    column = ids.index(item_id)
    best, text = 0.0, ""
    for row, cand in enumerate(cands):
        if id(cand.unit) not in used and float(matrix[row, column]) > best:
            best, text = float(matrix[row, column]), cand.texts[0]
    if best >= SETTINGS.near_miss:
        reading.confidence = SETTINGS.conf_doubt
        like = f"{min(best, 100):.0f}%"
        reading.doubt = f'not found, but the row "{clip(text, 60)}" is {like} like it'
    return reading


def _item_reading(item_id: str, section_id: str, match: Match, answer: Answer) -> ItemReading:
    cell = answer.locator_cell
    provenance = cell.provenance if cell is not None else _row_provenance(match.unit)
    sure = item_sureness(
        match_sureness(match.score, match.margin),
        answer.confidence,
        answer.doubts,
        answered=answer.response is not None or bool(answer.marked),
    )
    return ItemReading(
        item_id=item_id,
        section_id=section_id,
        found=True,
        response=answer.response,
        marked=answer.marked,
        evidence=answer.evidence,
        actions=answer.actions,
        lead=answer.lead,
        timescale=answer.timescale,
        in_action_plan=answer.in_action_plan,
        printed_score=answer.printed_score,
        match_confidence=round(match.score / 100, 3),
        answer_confidence=answer.confidence,
        confidence=sure.value,
        doubt=sure.reason,
        row_text=match.text,
        provenance=provenance,
        mark_source=answer.source,
        answer_place=answer.place,
        answer_values=answer.values,
    )


def _row_provenance(unit: Unit) -> Provenance | None:
    if unit.row is None or not unit.row.cells:
        return None
    first = unit.row.cells[0].provenance
    return Provenance(
        table=first.table,
        row=first.row,
        page=first.page,
        sheet=first.sheet,
        cell_ref=first.cell_ref,
        hidden=first.hidden,
    )


def _sections(
    units: list[Unit],
    matches: dict[str, Match],
    prompts: list[int],
    toolkit: Toolkit,
    vocab: Vocabulary,
) -> list[SectionReading]:
    readings = {s.id: SectionReading(s.id) for s in toolkit.sections}
    section_of = {item.id: section.id for section, item in toolkit.all_items()}
    item_units = {m.unit.order: section_of[i] for i, m in matches.items()}
    for rating in read_ratings(units, item_units, prompts, toolkit):
        reading = readings[rating.section_id]
        reading.self_rating = rating.option
        reading.statement = rating.statement
        reading.provenance = rating.provenance
    if toolkit.scoring == "printed":
        for unit in units:
            printed = read_printed_section(unit, toolkit)
            if printed is not None and readings[printed.section_id].printed_score is None:
                readings[printed.section_id] = printed
    return [readings[s.id] for s in toolkit.sections]


def _unmatched(
    cands: list,  # type: ignore[type-arg]
    matrix: object,
    matches: dict[str, Match],
    blocks: dict[str, list[Unit]],
    toolkit: Toolkit,
    vocab: Vocabulary,
    organisation: Organisation,
) -> list[UnmatchedRow]:
    import numpy as np

    assert isinstance(matrix, np.ndarray)
    matched_units = {id(m.unit) for m in matches.values()}
    in_block = {id(u) for block in blocks.values() for u in block}
    out: list[UnmatchedRow] = []
    header_tables: dict[int, bool] = {}  # id(table) -> holds a header label and no matched item
    for row, cand in enumerate(cands):
        unit = cand.unit
        if id(unit) in matched_units or id(unit) in in_block or matrix.shape[1] == 0:
            continue
        if _form_furniture([c.text for c in unit.cells if not c.continued], toolkit, vocab):
            continue
        numbered = cand.number is not None and max(len(t.split()) for t in cand.texts) >= 8
        similar = _criterion_like(cand, float(matrix[row].max())) and cand.number is None
        if not (numbered or similar) or unit.row is None:
            continue
        if not _form_header(cand, matches, toolkit, organisation, header_tables):
            out.append(UnmatchedRow(cand.texts[0], _row_provenance(unit) or Provenance()))
    return out


def _form_header(
    cand: Candidate,
    matches: dict[str, Match],
    toolkit: Toolkit,
    organisation: Organisation,
    header_tables: dict[int, bool],
) -> bool:
    """The form's own organisation block, never a criterion: a row labelled like a header field
    ("Person responsible for audit"), a row holding a value the header gave (the organisation's
    name), or any row of a table that holds such a label and no matched item (each table
    judged once, in `header_tables`)."""
    text = cand.texts[0] if cand.texts else ""
    values = {v.strip().lower() for v in vars(organisation).values() if v.strip()}
    if is_header_label(text, toolkit) or text.strip().lower() in values:
        return True
    table = cand.unit.table
    if table is None:
        return False
    if id(table) not in header_tables:
        header_tables[id(table)] = not any(
            m.unit.table is table for m in matches.values()
        ) and any(row.cells and is_header_label(row.cells[0].text, toolkit) for row in table.rows)
    return header_tables[id(table)]
