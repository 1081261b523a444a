"""A board nobody here transcribed (templates/newboard, samples/make_newboard_samples.py):
its toolkit drafted from the blank Word and Excel templates with no hand edits, then its
completed returns recognised and read with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor.dispatch import read_document
from mappings.draft.build import draft_toolkit
from mappings.toolkits import load_toolkit_file
from tests.newboard import NEWBOARD, score_returns
from tests.toolkit_env import clean_toolkit_env

BLANKS = sorted(p.name for p in NEWBOARD.glob("dudley2015-blank.*"))


@pytest.fixture(autouse=True)
def _reset() -> Iterator[None]:
    with clean_toolkit_env():
        yield


@pytest.mark.parametrize("name", BLANKS)
def test_new_board_drafted_from_its_blank(name: str, tmp_path: Path) -> None:
    path = tmp_path / "dudley2015.yaml"
    draft = draft_toolkit(read_document(NEWBOARD / name), "dudley2015")
    path.write_text(draft.to_yaml(), encoding="utf-8")
    tk = load_toolkit_file(path)
    assert [s.id for s in tk.sections] == [str(n) for n in range(1, 12)]
    assert tk.item_count == 37
    assert tk.sections[7].items[3].id == "8.4"
    assert {o.label: o.score for o in tk.options} == {
        "25%": 25,
        "50%": 50,
        "75%": 75,
        "100%": 100,
        "N/A": None,
    }
    assert tk.threshold == 75
    assert all("Guidance" not in i.text for _, i in tk.all_items())
    assert tk.fields.evidence == ["Evidence / written account"]
    assert tk.header.organisation == ["Name of organisation"]


@pytest.mark.parametrize("name", BLANKS)
def test_new_board_returns_read_with_the_drafted_toolkit(name: str, tmp_path: Path) -> None:
    score = score_returns(NEWBOARD / name, tmp_path)
    assert score.returns == score.toolkit_right == 5
    for key in ("response", "evidence", "actions"):
        assert score.rate(key) >= 0.98, score.wrong[:5]
    if name.endswith(".docx"):
        assert score.ratings_right == score.ratings > 0
