"""Build a Word return from a ReturnSpec, and write its answer key from the same spec."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from gen.habit_marks import PER_OPTION, option_cell
from gen.ooxml import NS, box, comment_anchor, deleted, ins, p, paras, r, tbl, tc, tr
from gen.spec import ItemSpec, ReturnSpec

from mappings.toolkits.schema import Item, Toolkit
from mappings.toolkits import load_toolkit, load_toolkit_file

FILLS = {"yes": "92D050", "partial": "FFC000", "no": "FF0000", "fully_met": "00B050",
         "partially_met": "FFC000", "not_met": "FF0000", "blue": "0070C0", "green": "00B050",
         "amber": "FFC000", "red": "FF0000"}
TYPED = {"yes": "Yes", "no": "No", "partial": "Partially", "na": "N/A",
         "fully_met": "Fully met", "partially_met": "Partially met", "not_met": "Not met",
         "blue": "Blue", "green": "Green", "amber": "Amber", "red": "Red"}
COMMENTS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f"<w:comments {NS}><w:comment w:id=\"0\" w:author=\"Reviewer\">"
    "<w:p><w:r><w:t>Please attach the policy</w:t></w:r></w:p></w:comment></w:comments>"
)
FIXED_DATE = (2025, 1, 31, 12, 0, 0)


def spec_toolkit(rs: ReturnSpec) -> Toolkit:
    """The toolkit a spec follows: its own toolkit file when it names one, else the built-in."""
    return load_toolkit_file(rs.toolkit_file) if rs.toolkit_file else load_toolkit(rs.toolkit)


def criterion(item: Item, spec: ItemSpec) -> str:
    number = item.id if spec.number is None else spec.number
    text = spec.text or item.text
    return f"{number} {text}".strip()


# -- wt2023 ------------------------------------------------------------------------------------
def _wt_answer(spec: ItemSpec, mech: str) -> str:
    options = [("yes", "Yes"), ("no", "No"), ("partial", "Partial")]
    chosen = {spec.answer, spec.second} - {None}
    if spec.answer == "na":
        return paras("N/A")
    if spec.tracked:
        out = ""
        for oid, label in options:
            was, now = oid == spec.tracked, oid in chosen
            runs = (deleted("\u2612" if was else "\u2610") + ins(r("\u2612" if now else "\u2610"))
                    if was != now else box("glyph", now))
            out += p(runs, r(f" {label}"))
        return out
    if mech == "fill":
        return p() if spec.answer else paras("Yes\nNo\nPartial")
    if mech == "typed":
        return paras(TYPED[spec.answer]) if spec.answer else paras("Yes/No/Partial")
    if mech == "deleted_options":
        return paras(dict(options)[spec.answer]) if spec.answer else paras("Yes\nNo\nPartial")
    if mech == "emphasis":
        runs = []
        for n, (oid, label) in enumerate(options):
            runs.append(r(label, "<w:b/><w:u w:val=\"single\"/>" if oid in chosen else ""))
            if n < 2:
                runs.append(r(" / "))
        return p(*runs)
    if mech == "strike":
        return "".join(
            p(r(label, "" if oid in chosen or not chosen else "<w:strike/>")) for oid, label in options
        )
    return "".join(p(box(mech, oid in chosen), r(f" {label}")) for oid, label in options)


def _evidence(spec: ItemSpec) -> str:
    if spec.comment:
        return p(comment_anchor(spec.evidence))
    return paras(spec.evidence)


def wt2023(rs: ReturnSpec, tk: Toolkit) -> list[str]:
    blocks = [p(r("Section 11 Self-Assessment", "<w:b/><w:sz w:val=\"32\"/>"))]
    blocks.append(tbl(2, *[
        tr(tc(paras(k), width=3000), tc(paras(v), width=6000)) for k, v in (
            ("Organisation", rs.organisation), ("Name of person completing", rs.completed_by),
            ("Role", "Designated Safeguarding Lead"), ("Date completed", rs.date),
            *([("Telephone / email", rs.contact)] if rs.contact else []))
    ]))
    header = ["Compliance Criteria", "Yes/No/Partial?",
              "Describe how your organisation is assured that this standard is met.",
              "Provide details on plans to meet or improve these criteria.", "Included in action plan?"]
    for section in tk.sections:
        blocks.append(p(r(f"{section.id} - {section.title}", "<w:b/>")))
        if section.items[0].kind == "text":
            rows = [tr(tc(paras("Question")), tc(paras("Response")))]
            for item in _ordered(section.items, rs):
                s = rs.items[item.id]
                if not s.delete:
                    rows.append(tr(tc(paras(criterion(item, s))), tc(paras(s.evidence))))
            blocks.append(tbl(2, *rows))
            continue
        rows = [tr(*[tc(paras(h), shade="D9D9D9") for h in header])]
        items = [i for i in _ordered(section.items, rs) if not rs.items[i.id].delete]
        for n, item in enumerate(items):
            s = rs.items[item.id]
            mech = s.mechanism or rs.mechanism
            shade = FILLS.get(s.answer or "") if mech == "fill" else None
            above = n > 0 and rs.items[items[n - 1].id].merge_down
            evidence = tc(p(), vmerge="continue") if above else tc(
                _evidence(s), vmerge="restart" if s.merge_down else None)
            plan = p(box("glyph" if mech in ("fill", "typed", "emphasis", "strike", "deleted_options")
                         else mech, s.in_plan))
            text = criterion(item, s)
            if s.split:
                words = text.split()
                half = len(words) // 2
                rows.append(tr(tc(paras(" ".join(words[:half]))), tc(p()), tc(p()), tc(p()), tc(p())))
                text = " ".join(words[half:])
            rows.append(tr(tc(paras(text)), tc(_wt_answer(s, mech), shade=shade), evidence,
                           tc(paras(s.actions)), tc(plan)))
        blocks.append(tbl(5, *rows))
        rating = rs.self_ratings.get(section.id)
        blocks.append(p(r("How do you rate your compliance with this standard?")))
        labels = [("exceptional", "Exceptional"), ("good", "Good"),
                  ("some_shortfalls", "Some shortfalls"), ("significant_shortfalls", "Significant shortfalls")]
        runs: list[str] = []
        for oid, label in labels:
            runs += [r(f"{label} "), box("glyph", oid == rating), r("         ")]
        blocks.append(p(*runs))
    return blocks


# -- gp2014 ------------------------------------------------------------------------------------
def gp2014(rs: ReturnSpec, tk: Toolkit) -> list[str]:
    blocks = [p(r("Safeguarding Audit for Primary Care Independent Contractors", "<w:b/>"))]
    blocks.append(tbl(2, *[
        tr(tc(paras(k), width=4000), tc(paras(v), width=5000)) for k, v in (
            ("Name of agency completing return Practice name", rs.organisation),
            ("Person responsible for audit", rs.completed_by),
            ("Contact details", "practice.manager@nhs.net"),
            ("Date of completion / return", rs.date))
    ]))
    options = ["not_met", "partially_met", "fully_met"]
    prompt = tk.self_rating.prompts[0] if tk.self_rating else ""
    for section in tk.sections:
        blocks.append(p(r(f"Standard {section.id}: {section.title}", "<w:b/>")))
        rows = [tr(*[tc(paras(h), shade="D9D9D9") for h in (
            "No.", "Areas of compliance", "Examples of evidence", "Not met", "Partially met",
            "Fully met", "Actual Evidence", "Action required. Timescale")])]
        for item in _ordered(section.items, rs):
            s = rs.items[item.id]
            if s.delete:
                continue
            mech = s.mechanism or rs.mechanism
            chosen = {s.answer, s.second} - {None}
            cells = []
            for oid in options:
                if s.na_across:
                    cells.append(tc(paras("N/A")))
                elif mech == "x":
                    cells.append(tc(paras("X" if oid in chosen else "")))
                elif mech == "fill":
                    cells.append(tc(p(), shade=FILLS[oid] if oid in chosen else None))
                elif mech in PER_OPTION:
                    cells.append(tc(option_cell(s, oid, TYPED[oid], mech)))
                else:
                    cells.append(tc(p(box(mech, oid in chosen))))
            number = item.id if s.number is None else s.number
            rows.append(tr(tc(paras(number)), tc(paras(s.text or item.text)),
                           tc(paras("Policy document, minutes of practice meetings, training log.")),
                           *cells, tc(_evidence(s)), tc(paras(s.actions))))
        rating = rs.self_ratings.get(section.id)
        statement = rs.statements.get(section.id, "")
        answer = f"{TYPED[rating]}. {statement}".strip() if rating else statement
        rows.append(tr(tc(paras(prompt), span=6), tc(paras(answer), span=2)))
        # The form is landscape: 14,000 twips between margins, options narrow, text wide.
        blocks.append(tbl(8, *rows, widths=[700, 3000, 2300, 1000, 1000, 1000, 2800, 2200]))
    return blocks


# -- bscb2016 ----------------------------------------------------------------------------------
def bscb2016(rs: ReturnSpec, tk: Toolkit) -> list[str]:
    blocks = [p(r("The Self-Assessment Toolkit", "<w:b/>"))]
    blocks.append(tbl(2, *[
        tr(tc(paras(k), width=4000), tc(paras(v), width=5000)) for k, v in (
            ("Organisation / Service", rs.organisation), ("Board Member", "Chief Officer"),
            ("Person(s) completing audit within organisation (if different from above)", rs.completed_by),
            ("Date for completion", rs.date))
    ]))
    key = [("blue", "Blue"), ("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("na", "N/A")]
    blocks += [p(r(line)) for line in rs.legend]
    for section in tk.sections:
        item = section.items[0]
        s = rs.items[item.id]
        if s.delete:
            continue
        mech = s.mechanism or rs.mechanism
        chosen = {s.answer, s.second} - {None}
        actions = s.actions.split("\n") if s.actions else [""]
        rows = [
            tr(tc(paras(criterion(item, s)), span=5, shade="DEEAF6")),
            tr(tc(paras("Rationale - organisations should have arrangements which reflect the "
                        "importance of safeguarding and promoting the welfare of children."), span=5)),
            tr(tc(paras("\u2022 There is a clearly identified lead for safeguarding.\n"
                        "\u2022 Safeguarding issues are routinely discussed at internal meetings."), span=5)),
            tr(tc(paras("Evidence of impact and outcomes"), span=5, shade="D9D9D9")),
            tr(tc(_evidence(s), span=5)),
            tr(tc(paras("Actions Required"), span=3, shade="D9D9D9"), tc(paras("Lead"), shade="D9D9D9"),
               tc(paras("Timescale"), shade="D9D9D9")),
        ]
        for n, action in enumerate(actions):
            lead = "Safeguarding Lead" if action else ""
            when = f"March 202{6 + n}" if action else ""
            rows.append(tr(tc(paras(action), span=3), tc(paras(lead)), tc(paras(when))))
        rows += _bscb_rating(s, mech, key) if mech in BSCB_HABITS else _bscb_boxes(s, mech, key)
        blocks.append(tbl(5, *rows))
        blocks.append(p())
    return blocks


BSCB_HABITS = {"rating_label", "dropdown", "evidence_only"}


def _bscb_rating(s: ItemSpec, mech: str, key: list[tuple[str, str]]) -> list[str]:
    """The rating written after the row's label, or only in the evidence: boxes left empty."""
    from gen.habit_marks import dropdown

    labels = dict(key)
    if mech == "rating_label":
        head = p(r(f"Current Rating: {labels[s.answer]}" if s.answer else "Current Rating:"))
    elif mech == "dropdown":
        head = p(r("Current Rating: "), dropdown([lbl for _, lbl in key], labels.get(s.answer or "")))
    else:
        head = paras("Current Rating")
    return [tr(tc(head, span=5, shade="D9D9D9")),
            tr(*[tc(paras(label), shade=FILLS.get(oid)) for oid, label in key]),
            tr(*[tc(p(box("glyph", False))) for _ in key])]


def _bscb_boxes(s: ItemSpec, mech: str, key: list[tuple[str, str]]) -> list[str]:
    chosen = {s.answer, s.second} - {None}
    rows = [tr(tc(paras("Current Rating"), span=5, shade="D9D9D9"))]
    if mech in PER_OPTION:  # the template's label row carries the mark, no boxes below
        rows.append(tr(*[tc(option_cell(s, oid, label, mech), shade=FILLS.get(oid))
                         for oid, label in key]))
        rows.append(tr(*[tc(p()) for _ in key]))
        return rows
    rows.append(tr(*[tc(paras(label), shade=FILLS.get(oid)) for oid, label in key]))
    if mech == "fill":
        rows.append(tr(*[tc(p(), shade="FFFF00" if oid in chosen else None) for oid, _ in key]))
    else:
        rows.append(tr(*[tc(p(box(mech, oid in chosen))) for oid, _ in key]))
    return rows


LAYOUTS = {"wt2023": wt2023, "gp2014": gp2014, "bscb2016": bscb2016}


def _ordered(items: list[Item], rs: ReturnSpec) -> list[Item]:
    order = list(items)
    for a, b in rs.swaps:
        ids = [i.id for i in order]
        if a in ids and b in ids:
            i, j = ids.index(a), ids.index(b)
            order[i], order[j] = order[j], order[i]
    return order


def build_docx(rs: ReturnSpec, path: Path) -> None:
    """Write the return as a .docx with fixed timestamps (rebuilds are byte-identical)."""
    import docx
    from docx.oxml import parse_xml

    tk = spec_toolkit(rs)
    document = docx.Document()
    props = document.core_properties
    import datetime as dt

    fixed = dt.datetime(*FIXED_DATE)
    props.created = props.modified = props.last_printed = fixed
    props.author = props.last_modified_by = rs.completed_by
    if rs.toolkit == "gp2014":  # the primary care audit is a landscape form
        from docx.enum.section import WD_ORIENT

        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if rs.font:
        from docx.shared import Pt

        document.styles["Normal"].font.name = rs.font[0]
        document.styles["Normal"].font.size = Pt(rs.font[1])
    body = document.element.body
    sect = body[-1]
    numbering = None
    if rs.form == "rows":  # the habit generator's form (gen/habit_docx.py)
        from gen import habit_docx

        habit_docx.NUM_IDS.clear()
        layout = habit_docx.rows_form(rs, tk)
        numbering = habit_docx.numbering_xml() if habit_docx.NUM_IDS else None
    else:
        layout = LAYOUTS[rs.toolkit](rs, tk)
    for block in layout:
        body.insert(body.index(sect), parse_xml(f"<w:root {NS}>{block}</w:root>")[0])
    buffer = io.BytesIO()
    document.save(buffer)
    _freeze(buffer.getvalue(), path, with_comments=any(s.comment for s in rs.items.values()),
            numbering=numbering)


def _freeze(data: bytes, path: Path, with_comments: bool, numbering: bytes | None = None) -> None:
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            content = source.read(info.filename)
            if with_comments and info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/comments.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
                )
            if with_comments and info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                    b"</Relationships>",
                )
            if numbering and info.filename == "word/numbering.xml":
                content = numbering
            out.writestr(zipfile.ZipInfo(info.filename, FIXED_DATE), content, zipfile.ZIP_DEFLATED)
        if with_comments:
            out.writestr(zipfile.ZipInfo("word/comments.xml", FIXED_DATE), COMMENTS, zipfile.ZIP_DEFLATED)


def truth(rs: ReturnSpec) -> dict[str, Any]:
    """The answer key, from the spec (never from reading the document back)."""
    tk = spec_toolkit(rs)
    items: dict[str, Any] = {}
    plan = tk.action_plan_counts_as_action
    for section, item in tk.all_items():
        s = rs.items[item.id]
        missing = s.delete
        conflicting = s.second is not None and not missing
        response = None if missing or conflicting else s.answer
        if item.kind == "text":
            response = "answered" if s.evidence and not missing else None
        # The evidence keeps the person's words: "N/A - no services ..." is answer and reason.
        evidence = "" if missing else s.evidence
        items[item.id] = {
            "response": response,
            "conflicting": conflicting,
            "missing": missing,
            "evidence": evidence,
            "actions": "" if missing else s.actions,
            "in_action_plan": (bool(s.in_plan) and not missing) if plan and item.kind == "choice" else None,
        }
    return {
        "toolkit": tk.id,
        "exercises": rs.exercises,
        "organisation": {"name": rs.organisation, "completed_by": rs.completed_by, "date": rs.date},
        "items": items,
        "sections": {s.id: {"self_rating": rs.self_ratings.get(s.id)} for s in tk.sections},
    }


def write_truth(rs: ReturnSpec, path: Path) -> None:
    path.write_text(json.dumps(truth(rs), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
