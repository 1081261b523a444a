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
# Measured on this set after issue 20's first reading fixes (unseen-confidence merged),
# rounded down (`habits_report.py --ratchet` prints it).
BELOW_TARGET: dict[str, dict[str, float]] = {
    "asterisks": {"response": 0.862, "gap_f1": 0.422, "sure_right": 0.858},
    "bigger": {"response": 0.793, "gap_f1": 0.33, "sure_right": 0.802},
    "bold": {"response": 0.984, "gap_f1": 0.881, "sure_right": 0.993},
    "caps": {"response": 0.842, "gap_f1": 0.333, "sure_right": 0.839},
    "colour_green": {"response": 0.982, "gap_f1": 0.867},
    "colour_red": {"response": 0.823, "gap_f1": 0.369, "sure_right": 0.823},
    "cross_others": {"response": 0.774, "gap_f1": 0.146, "sure_right": 0.851, "sure_share": 0.888},
    "emoji": {"response": 0.791, "gap_f1": 0.225, "sure_right": 0.869, "sure_share": 0.081},
    "est_columns_reordered": {"response": 0.666, "sure_share": 0.666},
    "est_resave": {"response": 0.666, "sure_share": 0.666},
    "est_status_words": {"response": 0.666, "sure_share": 0.666},
    "evidence_only": {"sure_share": 0.088},
    "glyph_after": {"response": 0.898, "gap_f1": 0.615, "sure_right": 0.977},
    "highlight": {"response": 0.848, "gap_f1": 0.483, "sure_right": 0.859},
    "in_criterion": {"response": 0.091, "gap_f1": 0.047, "sure_right": 0.148, "sure_share": 0.614},
    "italic": {"response": 0.982, "gap_f1": 0.867, "sure_right": 0.992},
    "long_label": {"response": 0.973, "gap_f1": 0.666, "sure_share": 0.587},
    "ms_gothic": {"response": 0.929, "gap_f1": 0.666},
    "nested_table": {"response": 0.905, "gap_f1": 0.156, "sure_right": 0.815, "sure_share": 0.306},
    "options_rows": {"gap_f1": 0.5},
    "own_rows_cols": {"gap_f1": 0.875, "sure_right": 0.994},
    "segoe_ui_symbol": {"response": 0.915, "gap_f1": 0.692},
    "strike_others": {"response": 0.975, "gap_f1": 0.432, "sure_right": 0.992},
    "tick_cross": {"response": 0.915, "gap_f1": 0.384},
    "typed_score": {"sure_share": 0.078},
    "underline": {"response": 0.793, "gap_f1": 0.403, "sure_right": 0.795},
    "wingdings2": {"response": 0.809, "gap_f1": 0.289, "sure_share": 0.803},
    "wingdings2_tick": {"response": 0.894, "gap_f1": 0.343, "sure_right": 0.969, "sure_share": 0.769},
    "word_shading": {"response": 0.793, "gap_f1": 0.385, "sure_right": 0.797},
    "x_before": {"response": 0.664, "gap_f1": 0.13, "sure_right": 0.628, "sure_share": 0.738},
    "xlsx_abbrev": {"response": 0.955, "gap_f1": 0.888},
    "xlsx_cf_rag": {"response": 0.786, "gap_f1": 0.888, "sure_share": 0.768},
    "xlsx_cross_others": {"response": 0.754, "gap_f1": 0.909, "sure_share": 0.733},
    "xlsx_fills": {"response": 0.955, "gap_f1": 0.888},
    "xlsx_font_bold": {"response": 0.754, "gap_f1": 0.727, "sure_share": 0.737},
    "xlsx_font_red": {"response": 0.754, "gap_f1": 0.818, "sure_share": 0.737},
    "xlsx_formula": {"response": 0.786, "gap_f1": 0.888, "sure_share": 0.045},
    "xlsx_hidden_last": {"response": 0.055, "gap_f1": 0.044, "sure_right": 0.035},
    "xlsx_long": {"response": 0.777, "gap_f1": 0.727, "sure_share": 0.572},
    "xlsx_own_rows_cols": {"response": 0.633, "gap_f1": 0.421, "sure_right": 0.913, "sure_share": 0.679},
    "xlsx_reordered": {"response": 0.692, "gap_f1": 0.8, "sure_share": 0.679},
    "xlsx_score": {"response": 0.786, "gap_f1": 0.888, "sure_share": 0.045},
    "xlsx_score_text": {"response": 0.955, "gap_f1": 0.888, "sure_share": 0.055},
    "xlsx_word_x": {"response": 0.754, "gap_f1": 0.727, "sure_share": 0.754},
    "format:docx": {"response": 0.95, "gap_f1": 0.68, "sure_right": 0.972, "sure_share": 0.869},
    "format:pdf": {"response": 0.494, "gap_f1": 0.194, "sure_right": 0.713, "sure_share": 0.571},
    "format:xlsx": {"response": 0.931, "gap_f1": 0.466, "sure_right": 0.912, "sure_share": 0.778},
    "all": {"response": 0.854, "gap_f1": 0.452, "sure_right": 0.922, "sure_share": 0.79},
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
