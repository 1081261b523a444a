"""Toolkits as files: --toolkits and S11_TOOLKITS folders join the built-in toolkits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from app.cli import app
from extractor.errors import ToolkitError
from mappings.detect import detect_toolkit
from mappings.toolkits import ENV_VAR, TOOLKIT_DIR, all_toolkits, origin, use_folders
from tests.docmodel import C, make_doc
from tests.toolkit_env import clean_toolkit_env


@pytest.fixture(autouse=True)
def _reset() -> Iterator[None]:
    with clean_toolkit_env():
        yield


def _board(version: str, texts: list[str]) -> dict[str, object]:
    data = yaml.safe_load((TOOLKIT_DIR / "bscb2016.yaml").read_text(encoding="utf-8"))
    data["id"] = f"board{version}"
    data["title"] = f"Anyshire Safeguarding Partnership Section 11 audit {version}"
    data["identifying_phrases"] = [f"Anyshire Section 11 audit {version}"]
    data["sections"] = [
        {
            "id": "1",
            "title": "Standards",
            "items": [{"id": f"1.{n + 1}", "text": t} for n, t in enumerate(texts)],
        }
    ]
    return data


COMMON = [
    "There is a senior board level lead with responsibility for safeguarding children",
    "Staff receive induction covering the organisation's safeguarding procedures",
    "Safer recruitment checks are completed before any new volunteer starts work",
    "Complaints from children and families are recorded and reviewed every quarter",
    "The designated lead reports to the governing body on safeguarding each year",
]
OLD = [*COMMON, "Paper referral forms are stored in a locked cabinet in the main office"]
NEW = [
    *COMMON,
    "Referrals are made through the online portal within one working day",
    "Learning from serious case reviews is shared with all frontline teams",
]


def _write(folder: Path, data: dict[str, object]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _doc(version: str, texts: list[str]):  # type: ignore[no-untyped-def]
    rows: list[list[C | str]] = [["Criteria", "Rating", "Evidence"]]
    rows += [[f"1.{n + 1} {t}", "", ""] for n, t in enumerate(texts)]
    return make_doc(f"Anyshire Section 11 audit {version}", rows)


def test_folder_toolkits_join_and_lookalikes_are_told_apart(tmp_path: Path) -> None:
    _write(tmp_path / "a", _board("2016", OLD))
    _write(tmp_path / "b", _board("2018", NEW))
    use_folders([tmp_path / "a", tmp_path / "b"])
    ids = [t.id for t in all_toolkits()]
    assert {"board2016", "board2018", "wt2023", "bscb2016"} <= set(ids)
    assert origin("board2018") == str((tmp_path / "b" / "board2018.yaml").resolve())
    assert origin("wt2023") == "built-in"
    assert detect_toolkit(_doc("2016", OLD))[0].id == "board2016"
    assert detect_toolkit(_doc("2018", NEW))[0].id == "board2018"


def test_env_var_folders_and_list_origin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "a", _board("2016", OLD))
    _write(tmp_path / "b", _board("2018", NEW))
    monkeypatch.setenv(ENV_VAR, f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    use_folders(None)
    listed = CliRunner().invoke(app, ["toolkits", "list"])
    assert listed.exit_code == 0, listed.output
    assert "board2016" in listed.output
    assert "board2018" in listed.output
    assert str((tmp_path / "b" / "board2018.yaml").resolve()) in listed.output
    assert "(built-in)" in listed.output


def test_list_and_show_take_the_folder_option(tmp_path: Path) -> None:
    _write(tmp_path / "a", _board("2016", OLD))
    listed = CliRunner().invoke(app, ["toolkits", "list", "--toolkits", str(tmp_path / "a")])
    assert listed.exit_code == 0, listed.output
    assert "board2016" in listed.output
    use_folders([])
    shown = CliRunner().invoke(
        app, ["toolkits", "show", "board2016", "--toolkits", str(tmp_path / "a")]
    )
    assert shown.exit_code == 0, shown.output
    assert "Anyshire" in shown.output


def test_bad_file_is_one_line_with_path_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, _board("2016", OLD))
    path.write_text(path.read_text(encoding="utf-8").replace("title: Standards", "titel: x"))
    result = CliRunner().invoke(app, ["extract", "--toolkits", str(tmp_path), "nothing.docx"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(str(path.resolve()) + ": sections -> 0")
    assert "(line " in lines[0]


def test_missing_folder_and_duplicate_id(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "batch",
            "--toolkits",
            str(tmp_path / "nope"),
            str(tmp_path),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2
    assert "toolkits folder not found" in result.output
    _write(tmp_path / "dup", {**_board("2016", OLD), "id": "wt2023"})
    use_folders([tmp_path / "dup"])
    with pytest.raises(ToolkitError, match="'wt2023' is already defined by"):
        all_toolkits()


def test_batch_workers_see_the_folder_toolkits(tmp_path: Path) -> None:
    import docx

    _write(tmp_path / "tk", _board("2018", NEW))
    document = docx.Document()
    document.add_paragraph("Anyshire Section 11 audit 2018")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Criteria", "Rating", "Evidence"], strict=True):
        cell.text = text
    for n, text in enumerate(NEW):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = f"1.{n + 1} {text}", "Green", "Policy 2018"
    (tmp_path / "in").mkdir()
    document.save(str(tmp_path / "in" / "return.docx"))
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "o"),
            "--workers",
            "1",
            "--toolkits",
            str(tmp_path / "tk"),
        ],
    )
    assert result.exit_code == 0, result.output
    out = (tmp_path / "o" / "results" / "return.docx.json").read_text(encoding="utf-8")
    assert '"id": "board2018"' in out


def test_a_tests_folders_never_outlive_it(tmp_path: Path) -> None:
    """Regression: a fixture's folders stayed in S11_TOOLKITS after it (monkeypatch's undo put
    back the value use_folders() exported), so a later service test's workers detected a
    drafted toolkit instead of the built-in one."""
    import os

    (tmp_path / "mine").mkdir()
    with clean_toolkit_env():
        use_folders([tmp_path / "mine"])
        assert os.environ[ENV_VAR] == str((tmp_path / "mine").resolve())
    assert ENV_VAR not in os.environ
