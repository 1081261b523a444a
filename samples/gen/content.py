"""Realistic answers, evidence and actions, drawn from a seeded random generator."""

from __future__ import annotations

import random

from gen.spec import ItemSpec, ReturnSpec

from mappings.toolkits import load_toolkit, load_toolkit_file

EVIDENCE = [
    "Safeguarding Children Policy v{n} approved by the Board in {month} 2024; next review {month} 2026.",
    "Named Designated Safeguarding Lead (Head of Quality) in post since 2021; role set out in the JD.",
    "Training matrix shows {pct}% of staff completed Level 2 safeguarding training by March 2025.",
    "Quarterly safeguarding audit of 20 case files; findings reported to the Quality Committee.",
    "Escalation and whistleblowing procedure on the intranet; 3 concerns raised in 2024, all resolved.",
    "Supervision policy requires monthly reflective supervision; compliance {pct}% in the Q3 audit.",
    "Attendance at LSCP sub-groups recorded in minutes; 11 of 12 meetings attended in 2024.",
    "Complaints leaflet for children in 4 languages; interpreting service contract renewed 2024.",
    "Safer recruitment policy; DBS checks logged on the HR database and re-checked every 3 years.",
    "Learning from local child safeguarding practice reviews shared via the monthly newsletter.",
    "MASH referral audit (Jan 2025): {pct}% of referrals met the threshold and were complete.",
    "Youth forum of 14 young people consulted on the redesign of the duty service in 2024.",
]
ACTIONS = [
    "Review and relaunch the policy by June 2025 (Safeguarding Lead).",
    "Deliver refresher training to remaining staff by September 2025.",
    "Introduce a quarterly audit of supervision records from April 2025.",
    "Agree a children's participation plan with the youth forum by December 2025.",
    "Add safeguarding clauses to all contracts at renewal during 2025-26.",
]
TEXT_ANSWERS = [
    "Recruitment and retention of experienced practitioners; a 6% budget reduction in 2025-26.",
    "Rising numbers of contacts about neglect (up 18% year on year) and delays in strategy meetings.",
    "A workforce plan, a neglect toolkit and weekly triage with partners; the risk is staff turnover.",
    "Partners may see more referrals stepped down to early help and higher thresholds.",
    "Shared training, timely attendance at strategy meetings and joint audits.",
    "Children wait longer for help and risk escalates; more cases reach child protection.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def evidence(rng: random.Random) -> str:
    return rng.choice(EVIDENCE).format(
        n=rng.randint(2, 9), month=rng.choice(MONTHS), pct=rng.randint(70, 99)
    )


def random_spec(toolkit_id: str, seed: int, **kwargs: object) -> ReturnSpec:
    """A plausible completed return for a toolkit: mostly good, some gaps (`toolkit_file=`:
    a revised version laid out like `toolkit_id`'s form)."""
    rng = random.Random(seed)
    file = kwargs.get("toolkit_file")
    tk = load_toolkit_file(str(file)) if file else load_toolkit(toolkit_id)
    order = [o for o in tk.option_order if o != "na"]
    weights = {"wt2023": [6, 1, 2], "gp2014": [1, 2, 6], "bscb2016": [2, 5, 2, 1]}[toolkit_id]
    items: dict[str, ItemSpec] = {}
    for _, item in tk.all_items():
        if item.kind == "text":
            items[item.id] = ItemSpec(item.id, "answered", evidence=rng.choice(TEXT_ANSWERS))
            continue
        answer = rng.choices(order, weights=weights)[0]
        spec = ItemSpec(item.id, answer, evidence=evidence(rng))
        score = tk.option(answer).score or 0
        if score <= 50:
            spec.actions = rng.choice(ACTIONS)
            spec.in_plan = toolkit_id == "wt2023" and rng.random() < 0.5
        items[item.id] = spec
    ratings = {"wt2023": ["good", "exceptional", "some_shortfalls"],
               "gp2014": ["fully_met", "partially_met"], "bscb2016": []}[toolkit_id]
    self_ratings = {
        s.id: rng.choice(ratings) if ratings and s.items[0].kind == "choice" else None
        for s in tk.sections
    }
    spec = ReturnSpec(name="", toolkit=toolkit_id, organisation="", completed_by="", date="",
                      mechanism="glyph", items=items, self_ratings=self_ratings)
    for key, value in kwargs.items():
        setattr(spec, key, value)
    return spec
