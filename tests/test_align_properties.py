"""Property tests: a criterion mangled the way people do still aligns to its own item."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mappings.align import assign, candidates, score_matrix
from mappings.layout import build_units
from mappings.toolkits import load_toolkit
from mappings.vocab import Vocabulary
from tests.docmodel import make_doc

TOOLKITS = ["wt2023", "gp2014", "est2014"]


def _mangle(text: str, how: str, cut: float) -> str:
    if how == "truncate":
        words = text.split()
        keep = max(6, int(len(words) * cut))
        return " ".join(words[:keep]) + "..."
    if how == "upper":
        return text.upper()
    if how == "nopunct":
        return re.sub(r"[^\w\s]", "", text)
    return text


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    toolkit_id=st.sampled_from(TOOLKITS),
    index=st.integers(min_value=0, max_value=200),
    how=st.sampled_from(["truncate", "upper", "nopunct", "same"]),
    cut=st.floats(min_value=0.5, max_value=1.0),
    number=st.sampled_from(["same", "none", "other"]),
)
def test_mangled_criterion_aligns_to_its_item(
    toolkit_id: str, index: int, how: str, cut: float, number: str
) -> None:
    tk = load_toolkit(toolkit_id)
    pairs = tk.all_items()
    _, item = pairs[index % len(pairs)]
    if item.kind == "text" or len(item.text.split()) < 6:
        return
    prefix = {"same": f"{item.id} ", "none": "", "other": "9.9 "}[number]
    text = _mangle(item.text, how, cut)
    if how == "truncate":
        start = text.removesuffix("...")
        if any(o.text.startswith(start) for _, o in pairs if o.id != item.id):
            return  # truly ambiguous: the truncation is also another item's opening words
    doc = make_doc([["Criteria", "Evidence"], [prefix + text, ""]])
    units = build_units(doc, tk, Vocabulary(tk))
    cands = candidates(units, tk)
    matches = assign(cands, score_matrix(cands, tk), tk)
    assert item.id in matches, f"{toolkit_id} {item.id} {how} {number}"
