"""Four more boards nobody here transcribed, each with its own scale and layout, for the drafter
(samples/make_board_samples.py writes their blanks, returns and keys to templates/boards/):

- adults2019: a safeguarding-adults audit rated 1-5, the scale printed in the rating column's
  name ("Rating (1 / 2 / 3 / 4 / 5 / N/A)") and a key table; sections as headings; a
  "What good looks like" guidance column; answers typed in the one rating column.
- schools2022: a school's safeguarding audit rated RAG only, the meanings in guidance sentences;
  one table with a merged title row per section; answers typed, or the cell shaded.
- vcs2020: a voluntary sector self-assessment, the percentages printed in the rating column's
  name ("Compliance rating (100% / 75% / 50% / 25% / N/A)"); section headings printed with
  no number (Word), a sheet per section named after it with no title row (Excel).
- assure2021: a commissioner's assurance form, Met / Partially met / Not met / N/A, named in a
  guidance sentence; box columns in Word, a table per standard; in Excel a sheet per standard
  with one answer column holding a dropdown of the four.

The key of each board (its items, and its options with the scores the board means) and each
return's answer key are written from these specs, never read back from the files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Board:
    id: str
    title: str
    intro: list[str]
    options: list[tuple[str, float | None]]  # label as printed, the score the board means
    layout: str  # "column": one rating column | "boxes": one column per option
    rating_header: str  # the rating column's name (layout "column")
    key_table: list[tuple[str, str]]  # a legend table: label, meaning (may be empty)
    # "heading": numbered bold headings | "merged": a title row across one table | "sheets":
    # a table (Word) or sheet (Excel) per standard, its title above | "plain": bold headings
    # with no number (Word), a sheet per standard named after it with no title (Excel)
    sections_as: str
    standards: list[tuple[str, list[str]]]
    evidence_header: str
    action_header: str
    guidance_header: str = ""  # a column of template guidance beside each criterion
    guidance: str = ""  # its text
    header_block: tuple[str, ...] = ("Organisation", "Completed by", "Date")
    typed: dict[str, list[str]] = field(default_factory=dict)  # label -> what people type

    def item_ids(self) -> list[tuple[str, str, str]]:
        """(section id, item id, criterion text) in form order."""
        return [
            (str(s + 1), f"{s + 1}.{i + 1}", text)
            for s, (_, items) in enumerate(self.standards)
            for i, text in enumerate(items)
        ]

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self.options]


ADULTS = Board(
    id="adults2019",
    title="Safeguarding Adults Board Self-Assessment Audit 2019",
    intro=[
        "This self-assessment covers the safeguarding adults standards agreed by the Board.",
        "Give each criterion a rating from the key below and describe your evidence.",
    ],
    options=[("1", 0.0), ("2", 25.0), ("3", 50.0), ("4", 75.0), ("5", 100.0), ("N/A", None)],
    layout="column",
    rating_header="Rating (1 / 2 / 3 / 4 / 5 / N/A)",
    key_table=[
        ("1", "Not in place: no arrangements exist yet."),
        ("2", "Planned: arrangements are agreed but not yet started."),
        ("3", "Developing: arrangements are in place in some services."),
        ("4", "Established: arrangements are in place across the organisation."),
        ("5", "Embedded: arrangements are in place, tested and improving."),
    ],
    sections_as="heading",
    standards=[
        ("Leadership and accountability", [
            "A named executive lead is accountable for safeguarding adults at risk.",
            "Safeguarding adults is a standing item at the senior leadership meeting.",
            "The organisation publishes an annual safeguarding adults statement.",
        ]),
        ("Making safeguarding personal", [
            "Adults are asked what outcomes they want from a safeguarding enquiry.",
            "Advocacy is offered when an adult has substantial difficulty taking part.",
            "Case records show whether the adult's desired outcomes were met.",
        ]),
        ("Mental capacity and consent", [
            "Staff assess mental capacity decision by decision and record the assessment.",
            "Best interests decisions are recorded with the people consulted.",
            "Deprivation of liberty applications are tracked until they are decided.",
        ]),
        ("Workforce and training", [
            "All staff complete safeguarding adults training suited to their role.",
            "Supervision includes reflection on safeguarding cases.",
            "Safer recruitment checks are completed before anyone starts work.",
            "Allegations against people in positions of trust are referred to the lead.",
        ]),
        ("Partnership and learning", [
            "The organisation takes part in safeguarding adults reviews when asked.",
            "Learning from reviews is shared with staff within three months.",
            "Information is shared with partners under an agreed protocol.",
        ]),
    ],
    evidence_header="Evidence",
    action_header="Improvement actions",
    guidance_header="What good looks like",
    guidance="Documents, minutes or audits show this is routine practice.",
    header_block=("Name of organisation", "Lead completing the audit", "Date submitted"),
)

SCHOOLS = Board(
    id="schools2022",
    title="Schools Safeguarding Audit 2022",
    intro=[
        "Each school completes this audit every year and returns it to the local authority.",
        "Use a RAG rating for each standard. Green means the standard is fully in place. "
        "Amber means it is partly in place. Red means it is not in place.",
    ],
    options=[("Red", 0.0), ("Amber", 50.0), ("Green", 100.0)],
    layout="column",
    rating_header="RAG rating",
    key_table=[],
    sections_as="merged",
    standards=[
        ("Section 1: Leadership and management", [
            "The governing board has a nominated safeguarding governor.",
            "The child protection policy is reviewed every year and published on the website.",
            "The designated safeguarding lead has protected time for the role.",
        ]),
        ("Section 2: Safer recruitment", [
            "The single central record is complete and checked each term.",
            "At least one person on every interview panel is trained in safer recruitment.",
            "References are obtained and checked before appointment.",
        ]),
        ("Section 3: Training", [
            "All staff receive safeguarding training at induction.",
            "Staff read Part one of Keeping Children Safe in Education each year.",
            "The designated safeguarding lead updates their training every two years.",
        ]),
        ("Section 4: Curriculum and online safety", [
            "Pupils are taught how to keep safe, including online.",
            "Filtering and monitoring systems are in place and reviewed.",
            "Relationships and health education is delivered to every year group.",
        ]),
    ],
    evidence_header="Evidence and comments",
    action_header="Next steps",
    header_block=("School name", "Designated safeguarding lead", "Date of audit"),
    typed={"Red": ["Red", "R"], "Amber": ["Amber", "A"], "Green": ["Green", "G"]},
)

ASSURE = Board(
    id="assure2021",
    title="Commissioner Safeguarding Assurance Framework 2021",
    intro=[
        "Providers complete this framework for the commissioner once a year.",
        "Mark one box for each criterion: Met, Partially met, Not met or N/A.",
    ],
    options=[("Met", 100.0), ("Partially met", 50.0), ("Not met", 0.0), ("N/A", None)],
    layout="boxes",
    rating_header="",
    key_table=[],
    sections_as="sheets",
    standards=[
        ("Standard 1 Governance", [
            "The provider has a safeguarding policy approved by its board.",
            "A named safeguarding lead is in post with deputy cover.",
            "Safeguarding risks are held on the corporate risk register.",
        ]),
        ("Standard 2 Safer workforce", [
            "Staff have enhanced checks appropriate to their role.",
            "Staff safeguarding training compliance is above ninety percent.",
            "Staff know how to raise a concern about a colleague.",
        ]),
        ("Standard 3 Practice", [
            "Referrals to social care are made within one working day.",
            "Children and adults at risk have their voice recorded.",
            "Domestic abuse routine enquiry is carried out.",
        ]),
        ("Standard 4 Assurance", [
            "The provider audits its safeguarding practice at least once a year.",
            "Serious incidents with a safeguarding element are reported to the commissioner.",
            "Audit findings lead to an improvement plan that is monitored.",
        ]),
    ],
    evidence_header="Provider evidence",
    action_header="Action plan",
    header_block=("Provider name", "Safeguarding lead", "Date completed"),
)

VCS = Board(
    id="vcs2020",
    title="Voluntary and Community Sector Safeguarding Self-Assessment 2020",
    intro=[
        "Voluntary and community groups working with children complete this self-assessment.",
        "Type the compliance rating that best describes your group in the rating column.",
    ],
    options=[("100%", 100.0), ("75%", 75.0), ("50%", 50.0), ("25%", 25.0), ("N/A", None)],
    layout="column",
    rating_header="Compliance rating (100% / 75% / 50% / 25% / N/A)",
    key_table=[],
    sections_as="plain",
    standards=[
        ("Policies and procedures", [
            "The group has a written safeguarding policy adopted by its committee.",
            "The policy names who to contact with a concern and how.",
            "The policy is reviewed at least every two years.",
        ]),
        ("People", [
            "Volunteers working with children have the right level of DBS check.",
            "Every volunteer has a role description that covers safeguarding.",
            "Volunteers are supervised by an experienced member of the group.",
        ]),
        ("Activities and events", [
            "Activities are risk assessed before they take place.",
            "Ratios of adults to children are agreed for every activity.",
            "Parental consent is collected for trips and photography.",
        ]),
        ("Learning and review", [
            "Concerns and incidents are recorded and reviewed by the committee.",
            "The group takes part in training offered by the partnership.",
            "Changes are made when a review shows something went wrong.",
        ]),
    ],
    evidence_header="How do you know? (evidence)",
    action_header="What will you do next? (actions)",
    header_block=("Name of group", "Completed by", "Date"),
    typed={"100%": ["100%", "100 %"], "75%": ["75%"], "50%": ["50%", "50 %"], "25%": ["25%"]},
)

BOARDS = [ADULTS, SCHOOLS, ASSURE, VCS]

EVIDENCE = [
    "Policy approved in March 2021 and published on the intranet.",
    "Training report for 2021-22 shows 94% of staff up to date.",
    "Minutes of the quality committee, June 2021, item 4.",
    "Audit of 30 case records in May 2021; findings reported to the board.",
    "Recruitment file sample of 12 staff, all checks complete.",
]
ACTIONS = [
    "Complete the outstanding training by March 2022.",
    "Repeat the audit in September 2022 and report to the board.",
    "Agree the revised protocol with partners by June 2022.",
]


@dataclass
class Answer:
    response: str | None = None  # an option label, or None
    second: str | None = None  # a second box ticked: conflicting (box layouts)
    typed: str = ""  # what was typed in the rating column (layout "column")
    evidence: str = ""
    actions: str = ""


@dataclass
class BoardReturn:
    board: Board
    name: str
    organisation: str = ""
    completed_by: str = ""
    date: str = ""
    mechanism: str = "glyph"  # boxes: glyph | content_control | x; column: typed | shade
    answers: dict[str, Answer] = field(default_factory=dict)


def blank(board: Board) -> BoardReturn:
    rs = BoardReturn(board, "blank")
    rs.answers = {item: Answer() for _, item, _ in board.item_ids()}
    return rs


def completed(board: Board, name: str, seed: int, who: tuple[str, str, str], mechanism: str
              ) -> BoardReturn:
    """A plausible return: mostly good answers, some weaker with actions, one N/A with a reason
    (when the board has N/A), one left unanswered, and (box layouts) one with two boxes."""
    rng = random.Random(seed)
    rs = BoardReturn(board, name, *who, mechanism=mechanism)
    rated = [label for label, score in board.options if score is not None]
    weights = [1 + k * 2 for k in range(len(rated))]
    for _, item, _ in board.item_ids():
        label = rng.choices(rated, weights=weights)[0]
        score = dict(board.options)[label] or 0.0
        typed = rng.choice(board.typed.get(label, [label]))
        rs.answers[item] = Answer(label, typed=typed, evidence=rng.choice(EVIDENCE),
                                  actions=rng.choice(ACTIONS) if score < 60 else "")
    ids = [item for _, item, _ in board.item_ids()]
    picks = rng.sample(ids, 3)
    if "N/A" in board.labels:
        rs.answers[picks[0]] = Answer("N/A", typed="N/A",
                                      evidence="N/A - the service does not employ volunteers.")
    rs.answers[picks[1]] = Answer(None, evidence="")
    if board.layout == "boxes" and name.endswith(".docx"):  # Excel: one answer column
        first = rs.answers[picks[2]]
        first.second = next(x for x in rated if x != first.response)
    return rs


def truth(rs: BoardReturn) -> dict[str, object]:
    """The return's answer key, by option label."""
    items = {}
    for _, item, _ in rs.board.item_ids():
        a = rs.answers[item]
        items[item] = {
            "response": None if a.second else a.response,
            "conflicting": a.second is not None,
            "evidence": a.evidence,
            "actions": a.actions,
        }
    return {
        "organisation": {"name": rs.organisation, "completed_by": rs.completed_by,
                         "date": rs.date},
        "items": items,
    }


def board_key(board: Board) -> dict[str, object]:
    """What a toolkit drafted from the board's blank must hold: sections, items, options."""
    return {
        "id": board.id,
        "sections": [
            {"id": str(s + 1), "title": title, "items": [
                {"id": f"{s + 1}.{i + 1}", "text": text} for i, text in enumerate(items)]}
            for s, (title, items) in enumerate(board.standards)
        ],
        "options": [{"label": label, "score": score, "na": score is None}
                    for label, score in board.options],
    }
