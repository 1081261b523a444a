"""Accuracy floors on the habit returns (samples/habits, `make habits`): fill-in habits the
practice set never shows, each with a key written from its case.

Issue 20's targets, per family and per format: response >= 99%, gap F1 >= 0.97, items at
confidence >= 0.9 right >= 99.9% of the time, and >= 90% of items at >= 0.9. A family or
format not there yet is named in BELOW_TARGET with the figure measured when it was added: a
ratchet, so the suite stays green while any regression fails. Fixes should move entries out
(raise a figure when a fix lifts it; delete the entry when it meets every target).
"""

from __future__ import annotations

import json

import pytest

from tests import habits

TARGETS = {"response": 0.99, "gap_f1": 0.97, "sure_right": 0.999, "sure_share": 0.90}
# Measured on this set after issue 20's fourth reading fixes (workbooks printed to PDF, the
# agency's own items, Wingdings 2 in OpenSymbol, rows split at a page, criteria cut short
# in print), rounded down
# (`habits_report.py --ratchet` prints it).
BELOW_TARGET: dict[str, dict[str, float]] = {
    "bigger": {"gap_f1": 0.791, "sure_share": 0.844},
    "cross_others": {"gap_f1": 0.5},
    "emoji": {"response": 0.84, "gap_f1": 0.337, "sure_share": 0.07},
    "est_columns_reordered": {"response": 0.666, "sure_share": 0.666},
    "est_resave": {"response": 0.916, "gap_f1": 0.0, "sure_share": 0.675},
    "est_status_words": {"response": 0.916, "gap_f1": 0.0, "sure_share": 0.675},
    "evidence_only": {"sure_share": 0.088},
    "glyph_after": {"gap_f1": 0.687},
    "highlight": {"gap_f1": 0.958, "sure_right": 0.996},
    "long_label": {"response": 0.973, "gap_f1": 0.666, "sure_share": 0.587},
    "ms_gothic": {"gap_f1": 0.722},
    "nested_table": {"response": 0.981, "gap_f1": 0.307},
    "options_rows": {"gap_f1": 0.5},
    "segoe_ui_symbol": {"gap_f1": 0.75},
    "strike_others": {"gap_f1": 0.516, "sure_right": 0.996},
    "tick_cross": {"gap_f1": 0.5},
    "typed_score": {"sure_share": 0.078},
    "wingdings2": {"gap_f1": 0.777},
    "x_before": {"gap_f1": 0.933, "sure_share": 0.796},
    "xlsx_font_bold": {"gap_f1": 0.75},
    "xlsx_font_red": {"gap_f1": 0.833},
    "xlsx_formula": {"gap_f1": 0.769, "sure_share": 0.077},
    "xlsx_hidden_last": {"gap_f1": 0.947},
    "xlsx_long": {"response": 0.963, "gap_f1": 0.555, "sure_share": 0.645},
    "xlsx_reordered": {"gap_f1": 0.909},
    "xlsx_score": {"sure_share": 0.077},
    "xlsx_score_text": {"sure_share": 0.06},
    "xlsx_word_x": {"gap_f1": 0.833},
    "format:docx": {"gap_f1": 0.886},
    "format:pdf": {"response": 0.953, "gap_f1": 0.657, "sure_share": 0.802},
    "format:xlsx": {"gap_f1": 0.935, "sure_share": 0.776},
    "all": {"gap_f1": 0.829, "sure_share": 0.861},
}
SLACK = 0.0005  # rounding of the figures above


@pytest.fixture(scope="module")
def results() -> list[tuple[habits.Case, habits.Tally]]:
    cases = habits.load()
    assert len(cases) >= 300, "samples/habits holds fewer than 300 returns: run `make habits`"
    return habits.run(cases)


def groups(results: list[tuple[habits.Case, habits.Tally]]) -> dict[str, habits.Tally]:
    out = dict(habits.group(results, "family"))
    out.update({f"format:{k}": v for k, v in habits.group(results, "format").items()})
    out["all"] = habits.total(results)
    return out


def figures(t: habits.Tally) -> dict[str, float]:
    return {"response": t.response, "gap_f1": t.gap_f1, "sure_right": t.sure_right,
            "sure_share": t.sure_share}


def test_habit_returns_cover_every_format_and_toolkit() -> None:
    manifest = json.loads((habits.HABITS / "MANIFEST.json").read_text(encoding="utf-8"))
    assert {m["format"] for m in manifest} == {"docx", "xlsx", "pdf"}
    assert {m["toolkit"] for m in manifest} == {"wt2023", "gp2014", "bscb2016", "est2014"}
    assert {m["route"] for m in manifest} == {"native", "pdf_export", "lo_resave"}
    assert all((habits.HABITS / m["file"]).is_file() for m in manifest)


def test_floors(results: list[tuple[habits.Case, habits.Tally]]) -> None:
    table = groups(results)
    print()
    print(habits.table(table, "group"))
    print(habits.calibration_table(table["all"]))
    missed = []
    for name, tally in table.items():
        floors = {**TARGETS, **BELOW_TARGET.get(name, {})}
        for key, value in figures(tally).items():
            if value + SLACK < floors[key]:
                missed.append(f"{name} {key} {value:.4f} < {floors[key]}")
    assert not missed, "\n".join(missed) + "\n" + "\n".join(table["all"].wrong_sure[:40])


def test_below_target_names_real_groups_still_below(results: list[tuple[habits.Case, habits.Tally]]) -> None:
    """An entry must name a group that exists and hold a figure under its target: once a fix
    meets the target, the entry goes (so it cannot hide a later regression)."""
    table = groups(results)
    stale = []
    for name, floors in BELOW_TARGET.items():
        assert name in table, f"BELOW_TARGET names {name}, which is no family or format"
        for key, floor in floors.items():
            assert floor < TARGETS[key], f"{name} {key}: a floor at or over the target is no exception"
            if figures(table[name])[key] >= TARGETS[key]:
                stale.append(f"{name} {key} now meets its target: delete it from BELOW_TARGET")
    assert not stale, "\n".join(stale)
