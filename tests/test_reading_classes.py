"""How other people fill forms (issue 10's classes), one tiny synthetic return per mechanism.

Each test builds a FormDocument in memory against the mini toolkit of test_mapping and fails
without the reading rule it names.
"""

from __future__ import annotations

from tests.docmodel import C, yes_no_partial
from tests.test_mapping import HEADER, ITEMS, read


def test_action_plan_column_typed_yes_no_keeps_the_row_a_criterion() -> None:
    # "No" under "Included in action plan?" beside a typed "Yes" looked like a header row
    # (two header words, nothing ticked), so the whole row went unmatched.
    items, _ = read(
        [
            HEADER,
            [f"1.1 {ITEMS['1.1']}", "Yes", "Named DSL: J Smith", "", "No"],
            [f"1.2 {ITEMS['1.2']}", "Partial", "Policy 2023", "Review", "Y"],
            [f"1.3 {ITEMS['1.3']}", yes_no_partial("No"), "", "Write plan", "Yes"],
        ]
    )
    assert [items[i].response for i in ("1.1", "1.2", "1.3")] == ["yes", "partial", "no"]
    assert [items[i].in_action_plan for i in ("1.1", "1.2", "1.3")] == [False, True, True]
