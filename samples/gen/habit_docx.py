"""A Word return with one row per criterion and one answer cell, for any rated toolkit, in
the shapes agencies give it: columns reordered, their own rows and columns inserted, tables
split at a page, criteria numbered by Word's list numbering, options on rows of their own.

The answer cell is drawn by a habit (gen/habit_marks.py) or typed (`TYPED_HABITS`: scores,
long labels, abbreviations under the column's own header).
"""

from __future__ import annotations

from dataclasses import replace

from gen.build import FILLS, TYPED, _evidence, _ordered, criterion
from gen.habit_marks import ONE_CELL, chosen_of, one_cell
from gen.ooxml import box, p, paras, r, tbl, tc, tr
from gen.spec import ItemSpec, ReturnSpec

from mappings.toolkits.schema import Item, Toolkit

LABELS = {
    "wt2023": [("yes", "Yes"), ("no", "No"), ("partial", "Partial")],
    "gp2014": [("not_met", "Not met"), ("partially_met", "Partially met"), ("fully_met", "Fully met")],
    "bscb2016": [("blue", "Blue"), ("green", "Green"), ("amber", "Amber"), ("red", "Red")],
}
SCORES = {"yes": "100", "partial": "50", "no": "0", "fully_met": "100", "partially_met": "50",
          "not_met": "0", "blue": "100", "green": "75", "amber": "50", "red": "25"}
LONG = {"yes": "Yes - fully in place", "partial": "Partially - work under way",
        "no": "No - not yet in place", "fully_met": "3 - Fully met",
        "partially_met": "2 - Partially met", "not_met": "1 - Not met",
        "blue": "Blue - outstanding", "green": "Green - good", "amber": "Amber - some gaps",
        "red": "Red - significant gaps"}
ABBREV = {"yes": "Y", "no": "N", "partial": "P", "fully_met": "FM", "partially_met": "PM",
          "not_met": "NM", "blue": "B", "green": "G", "amber": "A", "red": "R"}
EVIDENCE_LEAD = {"yes": "Yes", "partial": "Partially", "no": "No", "fully_met": "Fully met",
                 "partially_met": "Partially met", "not_met": "Not met", "blue": "Blue",
                 "green": "Green", "amber": "Amber", "red": "Red"}
TYPED_HABITS = {"typed_score": SCORES, "long_label": LONG, "abbrev": ABBREV, "typed": TYPED}
HEADERS = {
    "wt2023": ("Compliance Criteria", "Describe how your organisation is assured that this "
               "standard is met.", "Provide details on plans to meet or improve these criteria."),
    "gp2014": ("Areas of compliance", "Actual Evidence", "Action required. Timescale"),
    "bscb2016": ("Standard", "Evidence of impact and outcomes", "Actions Required"),
}


def answer_header(rs: ReturnSpec, habit: str) -> str:
    labels = [lbl for _, lbl in LABELS[rs.toolkit]]
    if habit == "typed_score":
        return "Score (" + " / ".join(SCORES[o] for o, _ in LABELS[rs.toolkit]) + ")"
    if habit == "abbrev":
        return "/".join(ABBREV[o] for o, _ in LABELS[rs.toolkit])
    return "/".join(labels) + "?" if rs.toolkit == "wt2023" else "Rating"


def answer_cell(rs: ReturnSpec, s: ItemSpec, habit: str) -> str:
    if s.answer == "na":
        return paras("N/A")
    if habit in TYPED_HABITS:
        if s.second:
            return paras(f"{TYPED_HABITS[habit][s.answer or '']} / {TYPED_HABITS[habit][s.second]}")
        return paras(TYPED_HABITS[habit][s.answer]) if s.answer else p()
    if habit in ONE_CELL:
        return one_cell(s, LABELS[rs.toolkit], habit)
    return "".join(p(box(habit, oid in chosen_of(s)), r(f" {label}"))
                   for oid, label in LABELS[rs.toolkit])


def evidence_text(s: ItemSpec, habit: str) -> ItemSpec:
    """evidence_only: the answer is the first word of the evidence ("Partially - ...")."""
    if habit != "evidence_only" or s.answer not in EVIDENCE_LEAD:
        return s
    lead = EVIDENCE_LEAD[s.answer]
    if not s.evidence.startswith(lead):
        s.evidence = f"{lead} \u2013 {s.evidence}"
    return s


def rows_form(rs: ReturnSpec, tk: Toolkit) -> list[str]:
    """The whole document: header fields, then one table per section."""
    title = {"wt2023": "Section 11 Self-Assessment", "gp2014": "Safeguarding Audit for Primary "
             "Care Independent Contractors", "bscb2016": "The Self-Assessment Toolkit"}[rs.toolkit]
    blocks = [p(r(title, '<w:b/><w:sz w:val="32"/>'))]
    blocks.append(tbl(2, *[
        tr(tc(paras(k), width=3000), tc(paras(v), width=6000)) for k, v in (
            ("Organisation", rs.organisation), ("Name of person completing", rs.completed_by),
            ("Role", "Designated Safeguarding Lead"), ("Date completed", rs.date))
    ]))
    for line in rs.legend:
        blocks.append(p(r(line)))
    for section in tk.sections:
        heading = f"{section.id} - {section.title}" if rs.toolkit == "wt2023" else \
            f"Standard {section.id}: {section.title}"
        blocks.append(p(r(heading, "<w:b/>")))
        if section.items[0].kind == "text":
            rows = [tr(tc(paras("Question")), tc(paras("Response")))]
            for item in _ordered(section.items, rs):
                s = rs.items[item.id]
                if not s.delete:
                    rows.append(tr(tc(paras(criterion(item, s))), tc(paras(s.evidence))))
            blocks.append(tbl(2, *rows))
            continue
        blocks += _section_tables(rs, tk, [i for i in _ordered(section.items, rs)
                                           if not rs.items[i.id].delete])
    return blocks


def _columns(rs: ReturnSpec) -> list[str]:
    order = ["criterion", "answer", "evidence", "actions"] + (["plan"] if rs.toolkit == "wt2023" else [])
    if "reorder" in rs.layout:  # evidence first, the answer after it
        order = ["criterion", "evidence", "answer", "actions"] + order[4:]
    if "own_columns" in rs.layout:
        order.insert(order.index("actions") + 1, "lead")
        order.insert(1, "ref")
    return order


def _section_tables(rs: ReturnSpec, tk: Toolkit, items: list[Item]) -> list[str]:
    habit = rs.mechanism
    crit_head, ev_head, act_head = HEADERS[rs.toolkit]
    names = {"criterion": crit_head, "answer": answer_header(rs, habit), "evidence": ev_head,
             "actions": act_head, "plan": "Included in action plan?", "lead": "Lead officer",
             "ref": "Our ref"}
    order = _columns(rs)
    head = tr(*[tc(paras(names[c]), shade="D9D9D9") for c in order])
    halves = [items]
    if "split" in rs.layout and len(items) > 3:
        half = (len(items) + 1) // 2
        halves = [items[:half], items[half:]]
    tables: list[str] = []
    for part, chunk in enumerate(halves):
        rows = [head] if part == 0 or "split_no_header" not in rs.layout else []
        for n, item in enumerate(chunk):
            rows += _item_rows(rs, item, order)
            if "own_rows" in rs.layout and n == 1:
                rows.append(_own_row(rs, order))
        if part:
            tables.append(p(r("", ""), '<w:r><w:br w:type="page"/></w:r>'))
        tables.append(tbl(len(order), *rows))
    return tables


def _number_para(rs: ReturnSpec, item: Item, s: ItemSpec) -> str:
    """The criterion; with `numbering`, its number is Word's list numbering, not typed."""
    if "numbering" not in rs.layout or s.number is not None:
        return "".join(p(r(line)) for line in _wrapped(rs, criterion(item, s)))
    head, _, tail = item.id.partition(".")
    num = NUM_IDS.setdefault(head, len(NUM_IDS) + 1)
    props = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
    lines = _wrapped(rs, s.text or item.text)
    start = f"<w:p>{props}{r(lines[0])}</w:p>"
    return start + "".join(p(r(line)) for line in lines[1:])


NUM_IDS: dict[str, int] = {}


def _wrapped(rs: ReturnSpec, text: str) -> list[str]:
    if "wrap" not in rs.layout:
        return [text]
    words = text.split()
    cut = max(1, len(words) // 2)
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _item_rows(rs: ReturnSpec, item: Item, order: list[str]) -> list[str]:
    s = evidence_text(rs.items[item.id], rs.mechanism)
    habit = s.mechanism or rs.mechanism
    shade = FILLS.get(s.answer or "") if habit == "fill" else None
    if habit == "in_criterion" and s.answer in EVIDENCE_LEAD:  # typed after the criterion
        s = replace(s, text=f"{s.text or item.text} - {EVIDENCE_LEAD[s.answer]}")
    cells = {
        "criterion": tc(_number_para(rs, item, s)),
        "answer": tc(p() if habit in ("fill", "in_criterion") else answer_cell(rs, s, habit),
                     shade=shade),
        "evidence": tc(_evidence(s)),
        "actions": tc(paras(s.actions)),
        "plan": tc(p(box("glyph", s.in_plan))),
        "lead": tc(paras("Safeguarding Lead" if s.actions else "")),
        "ref": tc(paras(f"SG-{item.id}")),
    }
    if "options_rows" not in rs.layout:
        return [tr(*[cells[c] for c in order])]
    # The options on rows of their own under the criterion, each with its box.
    rows = [tr(*[cells[c] if c != "answer" else tc(p()) for c in order])]
    for oid, label in LABELS[rs.toolkit]:
        mark = p(box("glyph", oid in chosen_of(s)), r(f" {label}"))
        rows.append(tr(*[tc(mark) if c == "answer" else tc(p()) for c in order]))
    return rows


def _own_row(rs: ReturnSpec, order: list[str]) -> str:
    """A row of the agency's own: a local standard, answered, which no toolkit item is."""
    label = LABELS[rs.toolkit][0][1]
    cells = {"criterion": "Local addition: our volunteers' code of conduct is signed on induction",
             "answer": label, "evidence": "Signed codes held by the volunteer coordinator.",
             "actions": "", "plan": "", "lead": "Volunteer Coordinator", "ref": "LOCAL-1"}
    return tr(*[tc(paras(cells[c])) for c in order])


def numbering_xml() -> bytes:
    """word/numbering.xml: one list per criterion prefix, shown as "<prefix>.<n>"."""
    from gen.ooxml import NS

    abstracts, nums = [], []
    for prefix, num in sorted(NUM_IDS.items(), key=lambda kv: kv[1]):
        abstracts.append(
            f'<w:abstractNum w:abstractNumId="{num}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{prefix}.%1"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="500" w:hanging="500"/></w:pPr></w:lvl></w:abstractNum>')
        nums.append(f'<w:num w:numId="{num}"><w:abstractNumId w:val="{num}"/></w:num>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
            + "".join(abstracts) + "".join(nums) + "</w:numbering>").encode()
