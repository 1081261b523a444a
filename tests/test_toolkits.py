"""The four toolkits as data: counts, fidelity to the seeds, strict validation, the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from extractor.errors import ToolkitError
from mappings.toolkits import TOOLKIT_DIR, all_toolkits, load_toolkit, load_toolkit_file

COUNTS = {"wt2023": 47, "gp2014": 59, "bscb2016": 8, "est2014": 36}


def _squash(text: str) -> str:
    text = re.sub(r"<[^>]+>|\*\*|\\mbox\{|\\|\$|\}", " ", text)
    return re.sub(r"[^a-z0-9]+", "", text.lower())


@pytest.mark.parametrize(("toolkit_id", "count"), COUNTS.items())
def test_item_counts(toolkit_id: str, count: int) -> None:
    assert load_toolkit(toolkit_id).item_count == count


def test_ids_unique_and_in_canonical_order() -> None:
    for tk in all_toolkits():
        ids = [item.id for _, item in tk.all_items()]
        assert len(ids) == len(set(ids))
        keys = [tuple(int(p) for p in i.split(".")) for i in ids]
        assert keys == sorted(keys), tk.id


@pytest.mark.parametrize("toolkit_id", COUNTS)
def test_item_texts_come_from_the_seed(toolkit_id: str) -> None:
    tk = load_toolkit(toolkit_id)
    seed = _squash((TOOLKIT_DIR / "seeds" / tk.seed).read_text(encoding="utf-8"))
    for _, item in tk.all_items():
        head = _squash(item.text)[:40]
        assert head in seed, f"{tk.id} {item.id}: {item.text[:60]!r} not in the seed"


def test_wt2023_free_text_and_optional_sections() -> None:
    tk = load_toolkit("wt2023")
    sections = {s.id: s for s in tk.sections}
    assert [s.id for s in tk.sections] == ["1A", "1B", "2", "3", "4", "5", "6"]
    assert all(i.kind == "text" for i in sections["6"].items)
    assert sections["5"].optional


GOOD = (TOOLKIT_DIR / "bscb2016.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t.replace("- id: '1'\n    text:", "- id: '1'\n    kind: essay\n    text:", 1),
            r"bscb2016\.yaml: sections -> 0 -> items -> 0 -> kind \(line \d+\): Input should be",
        ),
        (lambda t: t.replace("title:", "titel:", 1), r"bscb2016\.yaml: .*(titel|title)"),
        (
            lambda t: t.replace("- id: '2'\n    text:", "- id: '1'\n    text:", 1),
            r"bscb2016\.yaml: .*item id '1' appears twice",
        ),
        (
            lambda t: t.replace("- blue\n", "- purple\n", 1),
            r"bscb2016\.yaml: .*unknown option ids \['purple'\]",
        ),
        (
            lambda t: t.replace("colour: 0070C0", "colour: blue", 1),
            r"bscb2016\.yaml: options -> 0 -> colour \(line \d+\): .*6 uppercase hex",
        ),
        (
            lambda t: t.replace("options:", "options: [", 1),
            r"bscb2016\.yaml: invalid YAML \(line \d+\)",
        ),
    ],
    ids=["bad-kind", "unknown-key", "duplicate-id", "unknown-option", "bad-colour", "syntax"],
)
def test_broken_yaml_is_refused_with_path_and_line(change, expected: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bscb2016.yaml"
    bad.write_text(change(GOOD), encoding="utf-8")
    with pytest.raises(ToolkitError) as info:
        load_toolkit_file(bad)
    assert re.search(expected, str(info.value)), str(info.value)
    assert "\n" not in str(info.value)


def test_cli_list_show_check(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["toolkits", "list"])
    assert listed.exit_code == 0
    for tid, count in COUNTS.items():
        assert re.search(rf"^{tid}\s+\d+\s+{count}\s", listed.output, re.M)
    shown = runner.invoke(app, ["toolkits", "show", "gp2014"])
    assert shown.exit_code == 0
    assert "Examples of evidence" in shown.output
    unknown = runner.invoke(app, ["toolkits", "show", "nope"])
    assert unknown.exit_code == 1
    assert "unknown toolkit 'nope'" in unknown.output
    good = runner.invoke(app, ["toolkits", "check", str(TOOLKIT_DIR / "wt2023.yaml")])
    assert good.exit_code == 0
    assert "ok: wt2023, 7 sections, 47 items" in good.output
    bad = tmp_path / "x.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    broken = runner.invoke(app, ["toolkits", "check", str(bad)])
    assert broken.exit_code == 1
    assert broken.output.startswith("x.yaml: ")
