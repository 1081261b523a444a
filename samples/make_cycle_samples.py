"""Two audit cycles of the same agencies, a year apart, for `s11 compare`: `python
samples/make_cycle_samples.py OUT` writes OUT/previous/*.docx, OUT/new/*.docx, OUT/names.yaml
(the one agency renamed) and OUT/compare.truth.json, the comparison's answer key, written from
the specs (never by reading the returns back).

Between the cycles: some answers changed, some evidence copied word for word, one agency
renamed (names.yaml), one renamed in no names file (the same person and phone), one spelt
differently (fuzzy), one in each cycle only (the same toolkit: a possible match), and the wt2023
agencies moved to wt2026 (tests/fixtures/toolkits/wt2026.yaml: 4.5 renumbered 4.6, a new
4.5, 1.12 withdrawn).
"""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from gen.build import build_docx, spec_toolkit  # noqa: E402
from gen.content import random_spec  # noqa: E402
from gen.spec import ReturnSpec, set_items as _set  # noqa: E402

V2 = ROOT / "tests" / "fixtures" / "toolkits" / "wt2026.yaml"
V2_RENUMBERED = {"4.5": "4.6"}  # wt2023 id -> wt2026 id
PREVIOUS_DATE, NEW_DATE = "14/01/2025", "20/01/2026"
DONE = "Completed in June 2025: the audit is now quarterly."


@dataclass
class Agency:
    """One agency in both cycles (or one): its previous and new return."""

    previous: ReturnSpec | None
    new: ReturnSpec | None
    copied: list[str] = field(default_factory=list)  # new item ids whose evidence is last cycle's
    stale: list[str] = field(default_factory=list)  # new item ids whose evidence names old dates
    fresh: list[str] = field(default_factory=list)  # ... whose evidence names an old and a recent one


def next_cycle(prev: ReturnSpec, seed: int, name: str, **kwargs: Any) -> ReturnSpec:
    """The same agency a year on: the same answers and open actions, freshly written evidence."""
    fresh = random_spec(prev.toolkit, seed, name=name, organisation=prev.organisation,
                        completed_by=prev.completed_by, date=NEW_DATE, mechanism=prev.mechanism,
                        **kwargs)
    moved = V2_RENUMBERED if fresh.toolkit_file else {}
    back = {new: old for old, new in moved.items()}
    for item_id, item in fresh.items.items():
        old = prev.items.get(back.get(item_id, item_id))
        if old is None or (fresh.toolkit_file and item_id in moved):
            continue  # an item the previous toolkit did not have (wt2026 4.5)
        item.answer, item.actions, item.in_plan = old.answer, old.actions, old.in_plan
        if item.evidence == old.evidence:
            item.evidence += " Re-checked in January 2026."
    fresh.self_ratings = dict(prev.self_ratings)
    return fresh


def copy_evidence(agency: Agency, ids: list[str]) -> None:
    assert agency.previous is not None and agency.new is not None
    back = {new: old for old, new in V2_RENUMBERED.items()} if agency.new.toolkit_file else {}
    for item_id in ids:
        agency.new.items[item_id].evidence = agency.previous.items[back.get(item_id, item_id)].evidence
    agency.copied += ids


def agencies() -> list[Agency]:
    out: list[Agency] = []
    # Police, wt2023 -> wt2026: improved with its action done, regressed, copied evidence
    # (on the renumbered item too), an action still open, stale evidence, a new and a withdrawn item.
    prev = random_spec("wt2023", 101, name="northshire-police-2025.docx", organisation="Northshire Police",
                       completed_by="DCI Asha Patel", date=PREVIOUS_DATE, mechanism="content_control")
    _set(prev, ["1.3"], answer="partial", actions="Introduce a quarterly case-file audit by June 2025.")
    _set(prev, ["2.2"], answer="yes", actions="")
    _set(prev, ["3.1"], answer="no", actions="Recruit a second safeguarding trainer by March 2026.")
    _set(prev, ["4.5", "1.12"], answer="yes", actions="")
    new = next_cycle(prev, 201, "northshire-police-2026.docx", toolkit_file=str(V2))
    _set(new, ["1.3"], answer="yes", actions=DONE)
    _set(new, ["2.2"], answer="no", actions="Restart the young people's panel by September 2026.")
    _set(new, ["4.5"], answer="partial", actions="Run a feedback survey by May 2026.")
    _set(new, ["2.6"], evidence="Supervision audit completed in March 2023; the policy dates from 2019.")
    _set(new, ["2.5"], evidence="Procedure first issued in 2019, last reviewed on 15/11/2025 by the DSL.")
    police = Agency(prev, new, stale=["2.6"], fresh=["2.5"])
    copy_evidence(police, ["1.5", "3.1", "4.6", "6.1"])
    out.append(police)

    # District council, renamed a borough council (names.yaml), wt2023 -> wt2026.
    prev = random_spec("wt2023", 103, name="eastvale-district-council-2025.docx",
                       organisation="Eastvale District Council", completed_by="Mark Owusu",
                       date=PREVIOUS_DATE, mechanism="content_control")
    _set(prev, ["2.7"], answer="no", actions="Agree a participation plan by July 2025.")
    _set(prev, ["3.4"], answer="yes", actions="")
    new = next_cycle(prev, 203, "eastvale-borough-council-2026.docx", toolkit_file=str(V2))
    new.organisation = "Eastvale Borough Council"
    _set(new, ["2.7"], answer="partial", actions="Agree a participation plan by July 2026.")
    _set(new, ["3.4"], answer="partial", actions="Refresh the training needs analysis by April 2026.")
    council = Agency(prev, new)
    copy_evidence(council, ["1.1"])
    out.append(council)

    # Health centre, gp2014 both cycles, its name spelt differently: unanswered then answered,
    # answered then unanswered.
    prev = random_spec("gp2014", 105, name="hillside-health-centre-2025.docx",
                       organisation="Hillside Health Centre", completed_by="Ann Morris, Practice Manager",
                       date=PREVIOUS_DATE, mechanism="content_control")
    _set(prev, ["2.3", "7.1"], answer="fully_met", actions="")
    _set(prev, ["5.1"], answer="partially_met", actions="Update the chaperone policy by June 2025.")
    _set(prev, ["6.12"], answer=None, evidence="", actions="")
    new = next_cycle(prev, 205, "hillside-health-center-2026.docx")
    new.organisation = "Hillside Health Center"
    _set(new, ["2.3"], answer="partially_met", actions="Repeat the DBS audit by May 2026.")
    _set(new, ["5.1"], answer="fully_met", actions="")
    _set(new, ["6.12"], answer="fully_met", actions="")
    _set(new, ["7.1"], answer=None, evidence="", actions="")
    centre = Agency(prev, new)
    copy_evidence(centre, ["1.1", "4.2"])
    out.append(centre)

    # Youth service, bscb2016 both cycles.
    prev = random_spec("bscb2016", 107, name="county-youth-service-2025.docx",
                       organisation="County Youth Service", completed_by="Priya Shah",
                       date=PREVIOUS_DATE, mechanism="content_control")
    _set(prev, ["2"], answer="amber", actions="Refresh the policy by June 2025.")
    _set(prev, ["7"], answer="green", actions="")
    new = next_cycle(prev, 207, "county-youth-service-2026.docx")
    _set(new, ["2"], answer="green", actions="")
    _set(new, ["7"], answer="red", actions="Rebuild the volunteer vetting log by April 2026.")
    youth = Agency(prev, new)
    copy_evidence(youth, ["3"])
    out.append(youth)

    # Police renamed a constabulary, in no names file: the same person and phone, wt2023 both
    # cycles, paired by that contact.
    prev = random_spec("wt2023", 111, name="thamesford-police-2025.docx",
                       organisation="Thamesford Police", completed_by="Fiona Nowak",
                       contact="01632 960 418, f.nowak@thamesford.example", date=PREVIOUS_DATE,
                       mechanism="content_control")
    _set(prev, ["2.4"], answer="no", actions="Write the escalation policy by May 2025.")
    new = next_cycle(prev, 213, "thamesford-constabulary-2026.docx", contact=prev.contact)
    new.organisation = "Thamesford Constabulary"
    _set(new, ["2.4"], answer="yes", actions=DONE)
    thamesford = Agency(prev, new)
    copy_evidence(thamesford, ["1.2"])
    out.append(thamesford)

    # One agency in each cycle only (the same toolkit: listed as a possible match, not paired).
    out.append(Agency(random_spec("bscb2016", 109, name="bucks-housing-2025.docx",
                                  organisation="Bucks Housing Association", completed_by="Leon Grant",
                                  date=PREVIOUS_DATE, mechanism="content_control"), None))
    out.append(Agency(None, random_spec("bscb2016", 211, name="chiltern-academy-trust-2026.docx",
                                        organisation="Chiltern Academy Trust", completed_by="Grace Lee",
                                        date=NEW_DATE, mechanism="content_control")))
    return out


NAMES = "organisations:\n  Eastvale District Council: Eastvale Borough Council\n"


def _score(rs: ReturnSpec, item_id: str) -> tuple[str | None, float | None]:
    tk = spec_toolkit(rs)
    answer = rs.items[item_id].answer
    if answer is None or answer == "answered":
        return answer, None
    return answer, tk.option(answer).score


def _change(before: tuple[str | None, float | None], after: tuple[str | None, float | None]) -> str:
    (r0, s0), (r1, s1) = before, after
    if s0 is not None and s1 is not None:
        return "improved" if s1 > s0 else "regressed" if s1 < s0 else "unchanged"
    if r0 == r1:
        return "unchanged"
    return "improved" if r0 is None else "regressed"


def key(agency: Agency) -> dict[str, Any]:
    """What the comparison must say about one agency, from its two specs."""
    prev, new = agency.previous, agency.new
    assert prev is not None and new is not None
    moved = V2_RENUMBERED if new.toolkit_file else {}
    back = {n: o for o, n in moved.items()}
    items: dict[str, Any] = {}
    for item_id in new.items:
        old = back.get(item_id, item_id)
        if old not in prev.items or (moved and item_id in moved):
            items[item_id] = {"change": "new", "previous_id": None}
            continue
        items[item_id] = {
            "change": _change(_score(prev, old), _score(new, item_id)),
            "previous_id": old,
            "evidence_identical": item_id in agency.copied,
        }
    for old in prev.items:
        if moved.get(old, old) not in new.items:
            items[old] = {"change": "removed", "previous_id": old}
    actions = {}
    for item_id, spec in new.items.items():
        old = prev.items.get(back.get(item_id, item_id))
        if old is not None and old.actions and not (moved and item_id in moved):
            still = spec.actions == old.actions or (_score(new, item_id)[1] or 0) <= 50
            actions[item_id] = "done" if spec.actions == DONE or not still else "open"
    return {"previous": prev.organisation, "new": new.organisation,
            "toolkit": spec_toolkit(new).id, "previous_toolkit": spec_toolkit(prev).id,
            "items": items, "stale": agency.stale, "fresh": agency.fresh, "actions": actions}


def main(out: Path) -> None:
    everything = agencies()
    returns = []
    for cycle in ("previous", "new"):
        (out / cycle).mkdir(parents=True, exist_ok=True)
    for agency in everything:
        for cycle, spec in (("previous", agency.previous), ("new", agency.new)):
            if spec is None:
                continue
            build_docx(copy.deepcopy(spec), out / cycle / spec.name)
            returns.append({"cycle": cycle, "file": spec.name, "toolkit": spec_toolkit(spec).id,
                            "toolkit_file": spec.toolkit_file})
    truth = {
        "returns": returns,
        "pairs": [key(a) for a in everything if a.previous and a.new],
        "unmatched": {"previous": [a.previous.organisation for a in everything if not a.new and a.previous],
                      "new": [a.new.organisation for a in everything if not a.previous and a.new]},
        "renamed": {"Eastvale District Council": "Eastvale Borough Council"},
        "same_contact": {"Thamesford Police": "Thamesford Constabulary"},
        "possible": [[a.previous.organisation, b.new.organisation] for a in everything
                     for b in everything if a.previous and not a.new and b.new and not b.previous
                     and spec_toolkit(a.previous).id == spec_toolkit(b.new).id],
    }
    (out / "names.yaml").write_text(NAMES, encoding="utf-8")
    (out / "compare.truth.json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(returns)} returns in {out}/previous and {out}/new")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "cycles")
