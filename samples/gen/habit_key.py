"""A habit return's answer key in the output contract's shape (the shape ../shared/returns'
keys use), written from the spec: items with response and score, sections, and the gaps a
careful reader would list, by the rules DESIGN.md states.

Key conventions (the habit generator's; README "Habit generator"):
- two options marked alike: `response` null and only `conflicting`;
- nothing marked, or every option styled alike: null and `unanswered`;
- a row absent from the file: null and only `missing_item`;
- an answer written only in the evidence ("Partially - ...") is that answer, the sentence
  whole is the evidence;
- the agency's own rows are no toolkit item and appear nowhere in the key;
- `_meta.doubtful` lists items a careful reader could not settle either: right when read as
  the key says or when the output flags them `low_confidence` (no family uses it today).
"""

from __future__ import annotations

from typing import Any

from gen.build import spec_toolkit, truth
from gen.spec import ReturnSpec

PLACEHOLDERS = {"", "-", "n/a", "tbc", "see above", "yes", "none"}
ACTION_AT_OR_BELOW = 50.0
EVIDENCE_FROM = 50.0


def placeholder(text: str) -> bool:
    return " ".join(text.lower().split()).rstrip(".").strip() in PLACEHOLDERS


def _na_reason(text: str) -> str:
    import re

    return re.sub(r"^\s*(?:n\s*/\s*a|na|not\s+applicable)\b[\s.:;,\-\u2013\u2014]*", "", text,
                  count=1, flags=re.I).strip()


def contract_key(rs: ReturnSpec, family: str, fmt: str, base: str = "") -> dict[str, Any]:
    return from_plain(truth(rs), family, fmt, base, rs)


def from_plain(plain: dict[str, Any], family: str, fmt: str, base: str = "",
               rs: ReturnSpec | None = None) -> dict[str, Any]:
    """The contract-shaped key from the samples' plain key (gen/build.truth, gen/est)."""
    from mappings.toolkits import load_toolkit

    tk = spec_toolkit(rs) if rs else load_toolkit(plain["toolkit"])
    section_of = {item.id: section.id for section, item in tk.all_items()}
    items, gaps = [], []
    for item_id, want in plain["items"].items():
        response = want["response"]
        option = tk.option(response) if response and response != "answered" and \
            any(o.id == response for o in tk.options) else None
        score = option.score if option is not None else None
        items.append({"id": item_id, "section": section_of[item_id], "response": response,
                      "score": score, "evidence": want["evidence"], "actions": want["actions"],
                      "in_action_plan": want["in_action_plan"]})
        gaps += [{"kind": k, "item": item_id} for k in _gaps(tk, want, option)]
    return {
        "schema_version": "1",
        "toolkit": {"id": plain["toolkit"]},
        "items": items,
        "sections": [{"id": s, "self_rating": v["self_rating"]} for s, v in plain["sections"].items()],
        "gaps": gaps,
        "_meta": {"family": family, "format": fmt, "base": base, "toolkit": plain["toolkit"],
                  "exercises": plain.get("exercises", ""), "doubtful": []},
    }


def _gaps(tk: Any, want: dict[str, Any], option: Any) -> list[str]:
    if want["missing"]:
        return ["missing_item"]
    if want["conflicting"]:
        return ["conflicting"]
    if want["response"] is None:
        return ["unanswered"]
    if option is None or tk.scoring == "printed":
        return []
    if option.na:
        return ["na_without_reason"] if placeholder(_na_reason(want["evidence"])) else []
    out = []
    if option.score is not None and option.score >= EVIDENCE_FROM and placeholder(want["evidence"]):
        out.append("no_evidence")
    if option.score is not None and option.score <= ACTION_AT_OR_BELOW and placeholder(want["actions"]) \
            and not (tk.action_plan_counts_as_action and want["in_action_plan"]):
        out.append("no_action")
    return out
