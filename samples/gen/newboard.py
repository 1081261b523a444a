"""A board nobody here transcribed: eleven Section 11 standards with criteria under each, rated
on a 25% / 50% / 75% / 100% compliance scale with N/A (as the standards in
seeds/dudley2015-multi-agency-summary.txt describe). Its blank template and completed returns
in Word (criteria numbered by Word's automatic list numbering) and Excel, with answer keys
written from the spec. No toolkit YAML exists for it: the drafter has to make one."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

TITLE = "Dudley Safeguarding Children Board Section 11 Audit 2015"
INTRO = [
    "Please complete one return for your organisation and send it to the Board office.",
    "Rate each criterion against the compliance scale below and give a written account of "
    "your evidence. 75% compliance is regarded as being acceptable.",
]
SCALE = ["25%", "50%", "75%", "100%", "N/A"]
LEGEND = [
    ("100%", "Fully compliant: the requirement is met in full and evidence is available."),
    ("75%", "Mostly compliant: the requirement is met with minor gaps."),
    ("50%", "Partially compliant: some arrangements are in place, more work is needed."),
    ("25%", "Little compliance: arrangements are not yet in place."),
    ("N/A", "Not applicable to this organisation (please explain why in the evidence)."),
]
HEADERS = [
    "Criterion",
    *SCALE,
    "Evidence / written account",
    "Action to be taken",
    "Lead officer",
    "Target date",
]
HEADER_BLOCK = ["Name of organisation", "Completed by (name and post)", "Date of completion"]
PROMPT = "How would you rate your organisation against this standard overall?"
RATINGS = ["Fully compliant", "Mostly compliant", "Partially compliant", "Not compliant"]
STANDARDS: list[tuple[str, list[str]]] = [
    (
        "Senior management commitment to the importance of safeguarding children.",
        [
            "A named senior manager is accountable for safeguarding children across the organisation.",
            "Safeguarding children is reflected in the organisation's business plan and priorities.",
            "The governing body receives an annual report on safeguarding children.",
        ],
    ),
    (
        "A clear statement of the agency's responsibilities towards children is available to staff.",
        [
            "There is a current safeguarding children policy that is reviewed on a regular basis.",
            "Staff can easily access the policy and know their safeguarding responsibilities.",
            "Complaints and whistleblowing policies are in place and known to staff.",
            "A policy for managing allegations against staff is in place and followed.",
        ],
    ),
    (
        "A clear line of accountability within the organisation for work on safeguarding and "
        "promoting the welfare of children.",
        [
            "Lines of accountability for safeguarding run from frontline staff to the board.",
            "Job descriptions set out each post's responsibility for safeguarding children.",
            "A designated safeguarding lead is identified and known to all staff.",
        ],
    ),
    (
        "Service development takes account of the need to safeguard and promote welfare.",
        [
            "Service plans consider the need to safeguard and promote the welfare of children.",
            "New services are assessed for their impact on children before they start.",
            "Commissioned services are required to meet safeguarding standards.",
        ],
    ),
    (
        "Service development is informed by the views of children and families.",
        [
            "Children and young people are consulted when services are planned or changed.",
            "The views of parents and carers are gathered and acted upon.",
            "Feedback is given to children about how their views changed services.",
        ],
    ),
    (
        "Individual case decisions are informed by the views of children and families.",
        [
            "Case records show the child's wishes and feelings were sought and considered.",
            "Practitioners explain decisions to children in a way they understand.",
            "Decision making about individual children is child and family focussed.",
        ],
    ),
    (
        "Effective interagency working enabling information sharing to service users.",
        [
            "Children are made aware of their right to be safe and how to get help.",
            "Information for service users is provided in formats that are easily understood.",
            "Leaflets about local safeguarding services are available in public areas.",
        ],
    ),
    (
        "Staff training on safeguarding and promoting the welfare of children for all staff "
        "working with or in contact with children and families.",
        [
            "Induction familiarises all new staff with safeguarding policies and procedures.",
            "Staff and volunteers working with children receive safeguarding training.",
            "Staff are trained to recognise the signs and symptoms of abuse and neglect.",
            "Findings from reviews and inspections are disseminated to staff and volunteers.",
        ],
    ),
    (
        "Safer recruitment.",
        [
            "Recruitment follows safer recruitment guidance, with references checked before appointment.",
            "Disclosure and Barring Service checks are completed and renewed for relevant posts.",
            "At least one member of every interview panel has completed safer recruitment training.",
        ],
    ),
    (
        "Effective inter-agency working to safeguard and promote the welfare of children.",
        [
            "Staff understand when to discuss a concern about a child's welfare with a manager.",
            "Staff understand the thresholds for making a referral or starting an early help assessment.",
            "Staff can access inter-agency safeguarding guidance and procedures.",
            "Staff take part in multi-agency meetings to consider individual children.",
        ],
    ),
    (
        "Effective inter-agency working and information sharing in order to ensure safeguarding "
        "and promoting children's welfare.",
        [
            "Staff know how and when to share information to safeguard and protect children.",
            "Data is shared appropriately with relevant agencies under an agreed protocol.",
            "Outcomes for children are evaluated from the child's perspective.",
            "A programme of internal review drives continuous improvement in safeguarding.",
        ],
    ),
]
GUIDANCE = (
    "Guidance: think about the documents a reviewer could ask to see, for example "
    "minutes, policies, training records or case audits."
)
EVIDENCE = [
    "Safeguarding policy v4 approved by the board in March 2015; next review March 2017.",
    "Training records show 91% of staff completed level 2 safeguarding training in 2014-15.",
    "Annual safeguarding report presented to the governing body in June 2015 (minutes item 6).",
    "Case file audit of 20 records in May 2015: the child's views recorded in 18.",
    "DBS renewal log held by HR; every relevant post re-checked within three years.",
    "Information sharing protocol signed with the local authority and health partners in 2014.",
]
ACTIONS = [
    "Refresh the policy and relaunch it at team briefings by December 2015.",
    "Deliver the missing training to the remaining staff by March 2016.",
    "Add a children's consultation step to service planning from April 2016.",
]


def item_ids() -> list[tuple[str, str, str]]:
    """(section id, item id, criterion text) in form order."""
    return [
        (str(s + 1), f"{s + 1}.{i + 1}", text)
        for s, (_, items) in enumerate(STANDARDS)
        for i, text in enumerate(items)
    ]


@dataclass
class Answer:
    response: str | None = None  # a SCALE label, or None
    second: str | None = None  # a second box ticked: conflicting
    evidence: str = ""
    actions: str = ""
    lead: str = ""
    when: str = ""


@dataclass
class NewReturn:
    name: str
    organisation: str
    completed_by: str
    date: str
    mechanism: str  # content_control | x | shade | glyph (Word); x | tick (Excel)
    answers: dict[str, Answer] = field(default_factory=dict)
    ratings: dict[str, str | None] = field(default_factory=dict)


def blank(name: str) -> NewReturn:
    rs = NewReturn(name, "", "", "", "glyph")
    rs.answers = {item: Answer() for _, item, _ in item_ids()}
    return rs


def completed(
    name: str, seed: int, organisation: str, completed_by: str, date: str, mechanism: str
) -> NewReturn:
    """A plausible return: mostly 75% or 100%, a few lower, one N/A with a reason, one left
    blank and one with two boxes ticked."""
    rng = random.Random(seed)
    rs = NewReturn(name, organisation, completed_by, date, mechanism)
    for _, item, _ in item_ids():
        response = rng.choices(SCALE[:4], weights=[1, 2, 5, 4])[0]
        low = response in ("25%", "50%")
        rs.answers[item] = Answer(
            response,
            evidence=rng.choice(EVIDENCE),
            actions=rng.choice(ACTIONS) if low else "",
            lead="Safeguarding lead" if low else "",
            when="March 2016" if low else "",
        )
    ids = [item for _, item, _ in item_ids()]
    picks = rng.sample(ids, 3)
    rs.answers[picks[0]] = Answer("N/A", evidence="N/A - the organisation commissions no services.")
    rs.answers[picks[1]] = Answer(None)
    rs.answers[picks[2]].second = "50%" if rs.answers[picks[2]].response != "50%" else "75%"
    for s in range(len(STANDARDS)):
        rs.ratings[str(s + 1)] = rng.choice(RATINGS[:3])
    return rs


def truth(rs: NewReturn) -> dict[str, object]:
    """The answer key, by option label (the drafted toolkit names the ids)."""
    items = {}
    for _, item, _ in item_ids():
        a = rs.answers[item]
        conflicting = a.second is not None
        actions = a.actions
        items[item] = {
            "response": None if conflicting else a.response,
            "conflicting": conflicting,
            "missing": False,
            "evidence": a.evidence,
            "actions": actions,
        }
    return {
        "organisation": {"name": rs.organisation, "completed_by": rs.completed_by, "date": rs.date},
        "items": items,
        "self_ratings": dict(rs.ratings) if rs.name.endswith(".docx") else {},
    }
