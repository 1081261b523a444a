"""`s11 compare` on two cycles built by samples/make_cycle_samples.py (tests/cycles.py), against
the comparison's answer key written from the same specs."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from app.cli import app
from app.compare.cycles import as_json, compare_cycles, load_names
from app.labels import gap_kind
from tests.cycles import build


@pytest.fixture(scope="session")
def cycles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Both cycles built once; `compare` run on a copy of NEW, whose results it changes."""
    root = tmp_path_factory.mktemp("cycles")
    previous, new, key = build(root)
    before = root / "new-before-compare"
    shutil.copytree(new, before)
    names = root / "samples" / "names.yaml"
    args = ["compare", str(previous), str(new), "--names", str(names), "--json"]
    run = CliRunner().invoke(app, args)
    assert run.exit_code == 0, run.output
    return {
        "root": root,
        "previous": previous,
        "new": new,
        "before": before,
        "names": names,
        "key": key,
        "json": json.loads(run.stdout),
    }


def by_name(cycles: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["name"]: o for o in cycles["json"]["organisations"]}


def test_agencies_are_paired_as_the_key_says_and_the_rest_listed(cycles: dict[str, Any]) -> None:
    key, orgs = cycles["key"], by_name(cycles)
    assert sorted(orgs) == sorted(p["new"] for p in key["pairs"])
    for pair in key["pairs"]:
        org = orgs[pair["new"]]
        assert (org["previous_name"], org["previous_toolkit"], org["toolkit"]) == (
            pair["previous"],
            pair["previous_toolkit"],
            pair["toolkit"],
        )
    unmatched = cycles["json"]["unmatched"]
    assert [x["name"] for x in unmatched["previous"]] == key["unmatched"]["previous"]
    assert [x["name"] for x in unmatched["new"]] == key["unmatched"]["new"]
    how = {o["name"]: o["matched_by"] for o in orgs.values()}
    assert how["Eastvale Borough Council"] == "renamed"
    assert how["Hillside Health Center"].startswith("similar name")


def test_the_renamed_agency_is_unmatched_without_the_names_file(cycles: dict[str, Any]) -> None:
    plain = as_json(compare_cycles(cycles["previous"], cycles["before"]))
    assert "Eastvale Borough Council" not in {o["name"] for o in plain["organisations"]}
    assert "Eastvale District Council" in {x["name"] for x in plain["unmatched"]["previous"]}
    assert "Eastvale Borough Council" in {x["name"] for x in plain["unmatched"]["new"]}


def test_a_rename_in_no_names_file_is_paired_by_the_same_contact(cycles: dict[str, Any]) -> None:
    """Thamesford Police became Thamesford Constabulary: the same person and phone, wt2023."""
    for found in (cycles["json"], as_json(compare_cycles(cycles["previous"], cycles["before"]))):
        org = {o["name"]: o for o in found["organisations"]}["Thamesford Constabulary"]
        assert org["previous_name"] == "Thamesford Police"
        assert (
            org["matched_by"]
            == "same contact, Fiona Nowak, 01632 960 418, f.nowak@thamesford.example"
        )
    md = (cycles["new"] / "trend.md").read_text(encoding="utf-8")
    assert "was Thamesford Police: same contact, Fiona Nowak" in md


def test_leftovers_of_one_toolkit_are_listed_side_by_side_to_confirm(
    cycles: dict[str, Any],
) -> None:
    """No shared contact: Bucks Housing (last cycle) and Chiltern Academy Trust (this cycle), both
    bscb2016, stay unpaired but are shown as a possible match; never silently unmatched."""
    shown = [(m["previous"]["name"], m["new"]["name"]) for m in cycles["json"]["possible_matches"]]
    assert shown == [tuple(x) for x in cycles["key"]["possible"]]
    assert ("Bucks Housing Association", "Chiltern Academy Trust") in shown
    md = (cycles["new"] / "trend.md").read_text(encoding="utf-8")
    assert (
        "possible match, to confirm: Bucks Housing Association (bscb2016, last cycle) ↔ "
        "Chiltern Academy Trust (bscb2016, this cycle): same toolkit" in md
    )
    # Without the names file the renamed council (wt2023 -> wt2026) is shown by its contact.
    plain = as_json(compare_cycles(cycles["previous"], cycles["before"]))
    why = {(m["previous"]["name"], m["new"]["name"]): m["why"] for m in plain["possible_matches"]}
    assert why[("Eastvale District Council", "Eastvale Borough Council")].startswith(
        "same contact, Mark Owusu; toolkit wt2023"
    )


def test_a_contact_on_two_returns_is_no_evidence(cycles: dict[str, Any]) -> None:
    """The same mailbox on two agencies' returns pairs neither by it (metamorphic: a second
    Thamesford-like return under another name carrying the same contact)."""
    from app.compare.contacts import pair_by_contact
    from app.compare.cycles import load_cycle

    previous, new = load_cycle(cycles["previous"]), load_cycle(cycles["before"])
    police = next(x for x in previous if x.name == "Thamesford Police")
    constabulary = next(x for x in new if x.name == "Thamesford Constabulary")
    assert pair_by_contact(previous, new, [police], [constabulary])
    twin = replace(police, sha256="twin")
    assert not pair_by_contact([*previous, twin], new, [police], [constabulary])
    other = constabulary.result.model_copy(deep=True)
    other.toolkit.id = "gp2014"
    assert not pair_by_contact(previous, new, [police], [replace(constabulary, result=other)])


def test_every_item_changes_as_the_key_says(cycles: dict[str, Any]) -> None:
    orgs = by_name(cycles)
    seen: Counter[str] = Counter()
    for pair in cycles["key"]["pairs"]:
        items = {i["id"]: i for i in orgs[pair["new"]]["items"]}
        assert sorted(items) == sorted(pair["items"])
        for item_id, want in pair["items"].items():
            got = items[item_id]
            assert (got["change"], got["previous_id"]) == (want["change"], want["previous_id"]), (
                pair["new"],
                item_id,
            )
            if "evidence_identical" in want:
                assert got["evidence_identical"] == want["evidence_identical"], (
                    pair["new"],
                    item_id,
                )
            seen[got["change"]] += 1
    assert set(seen) == {"new", "unchanged", "improved", "regressed", "removed"}


def test_the_new_toolkit_versions_items_renumbered_added_and_withdrawn(
    cycles: dict[str, Any],
) -> None:
    police = {i["id"]: i for i in by_name(cycles)["Northshire Police"]["items"]}
    assert (police["4.6"]["previous_id"], police["4.6"]["matched_by"]) == ("4.5", "text")
    assert (police["4.5"]["change"], police["4.5"]["previous_id"]) == ("new", None)
    assert police["1.12"]["change"] == "removed"
    assert police["1.1"]["matched_by"] == "id"


def test_stale_evidence_and_last_cycles_actions(cycles: dict[str, Any]) -> None:
    orgs = by_name(cycles)
    for pair in cycles["key"]["pairs"]:
        items = {i["id"]: i for i in orgs[pair["new"]]["items"]}
        assert all(items[i]["evidence_stale"] for i in pair["stale"])
        assert not any(items[i]["evidence_stale"] for i in pair["fresh"])
        actions = {i: x["previous_action"] for i, x in items.items() if x["previous_action"]}
        assert actions == pair["actions"], pair["new"]
    police = {i["id"]: i for i in orgs["Northshire Police"]["items"]}
    assert police["1.3"]["previous_action"] == "done"


def _gaps(folder: Path, kinds: tuple[str, ...]) -> dict[str, list[tuple[str, str | None]]]:
    out = {}
    for path in sorted((folder / "results").glob("*.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        out[path.name] = [(g["kind"], g["item"]) for g in result["gaps"] if g["kind"] in kinds]
    return out


def test_cycle_gaps_are_in_the_new_results_store_and_workbook(cycles: dict[str, Any]) -> None:
    kinds = ("carried_forward", "regressed")
    gaps = _gaps(cycles["new"], kinds)
    orgs = by_name(cycles)
    for pair in cycles["key"]["pairs"]:
        org = orgs[pair["new"]]
        want = []
        for item in org["items"]:
            if item["change"] == "regressed" and item["score"] is not None:
                want.append(("regressed", item["id"]))
            if item["change"] == "unchanged" and item["evidence_identical"]:
                want.append(("carried_forward", item["id"]))
        assert sorted(gaps[org["file"] + ".json"]) == sorted(want)
        assert want
    assert gaps["chiltern-academy-trust-2026.docx.json"] == []
    with sqlite3.connect(cycles["new"] / "s11.db") as con:
        stored = con.execute(
            "SELECT count(*) FROM gaps WHERE kind IN ('carried_forward', 'regressed')"
        ).fetchone()[0]
    assert stored == sum(len(v) for v in gaps.values())
    sheet = load_workbook(cycles["new"] / "gaps.xlsx").active
    words = {gap_kind(k) for k in kinds}  # the workbook names gaps in words
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[8] in words]
    assert len(rows) == stored
    assert {r[12] for r in rows} == {"Open"}


def test_the_readings_own_gaps_are_untouched(cycles: dict[str, Any]) -> None:
    for path in sorted((cycles["before"] / "results").glob("*.json")):
        before = json.loads(path.read_text(encoding="utf-8"))
        after = json.loads((cycles["new"] / "results" / path.name).read_text(encoding="utf-8"))
        own = [g for g in after["gaps"] if g["kind"] not in ("carried_forward", "regressed")]
        assert own == before["gaps"]
        assert {k: v for k, v in after.items() if k != "gaps"} == {
            k: v for k, v in before.items() if k != "gaps"
        }


def test_running_compare_again_never_duplicates_the_gaps(
    cycles: dict[str, Any], tmp_path: Path
) -> None:
    again = tmp_path / "new"
    shutil.copytree(cycles["new"], again)
    args = ["compare", str(cycles["previous"]), str(again), "--names", str(cycles["names"])]
    run = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "trend")])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in (tmp_path / "trend").iterdir()) == [
        "compare.json",
        "trend.html",
        "trend.md",
        "trend.xlsx",
    ]
    kinds = ("carried_forward", "regressed")
    assert _gaps(again, kinds) == _gaps(cycles["new"], kinds)
    assert "Northshire Police (wt2026)" in run.stdout


def test_the_trend_summary_per_section_and_agency_regressions_first(
    cycles: dict[str, Any],
) -> None:
    new = cycles["new"]
    md = (new / "trend.md").read_text(encoding="utf-8")
    assert "## Sections (bscb2016), regressions first" in md
    bscb = md.split("## Sections (bscb2016)")[1].split("\n\n")[1].splitlines()[2:]
    assert bscb[0].startswith("| 7. ")
    assert "green → red" in bscb[0]
    assert bscb[-1].startswith("| 2. ")
    assert "amber → green" in bscb[-1]
    agencies = md.split("## Agencies, regressions first")[1].split("\n\n")[1].splitlines()[2:]
    moves = [float(line.split(" | ")[3]) for line in agencies]
    assert moves == sorted(moves)
    assert "| Northshire Police | 2.2 | yes (100) → no (0) |" in md
    assert "| Northshire Police | 4.6 (was 4.5) | yes (100) |" in md
    page = (new / "trend.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 5  # four toolkits' sections and the agencies
    sheets = load_workbook(new / "trend.xlsx").sheetnames
    assert sheets == ["Sections", "Agencies", "Items", "One cycle only"]
    assert json.loads((new / "compare.json").read_text(encoding="utf-8")) == cycles["json"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p, n, t: [str(t / "nowhere"), str(n)], "nowhere: no such folder"),
        (lambda p, n, t: [str(t), str(n)], "not a batch output folder (no s11.db and results/)"),
        (lambda p, n, t: [str(n), str(n)], "PREVIOUS and NEW are the same folder"),
        (
            lambda p, n, t: [str(p), str(n), "--names", str(t / "names.yaml")],
            "cannot read the names file",
        ),
    ],
)
def test_bad_folders_are_one_line_and_exit_2(
    cycles: dict[str, Any], tmp_path: Path, make: Any, message: str
) -> None:
    args = make(cycles["previous"], cycles["before"], tmp_path)
    run = CliRunner().invoke(app, ["compare", *args])
    assert run.exit_code == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert run.stderr.startswith("s11 compare: ")


def test_the_names_file_loads(cycles: dict[str, Any]) -> None:
    names = load_names(cycles["names"])
    assert names.organisations == cycles["key"]["renamed"]


def test_a_damaged_result_or_an_empty_cycle_is_one_line_and_exit_2(
    cycles: dict[str, Any], tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(cycles["before"], broken)
    (broken / "results" / "county-youth-service-2026.docx.json").write_text("{", encoding="utf-8")
    run = CliRunner().invoke(app, ["compare", str(cycles["previous"]), str(broken)])
    assert run.exit_code == 2
    assert "county-youth-service-2026.docx.json: not an s11 result (" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    empty = tmp_path / "empty"
    (empty / "results").mkdir(parents=True)
    with sqlite3.connect(empty / "s11.db") as con:
        con.execute("CREATE TABLE files (sha256, path, status, json_name)")
    run = CliRunner().invoke(app, ["compare", str(cycles["previous"]), str(empty)])
    assert run.exit_code == 2
    assert run.stderr.strip() == f"s11 compare: {empty}: holds no results to compare"


def test_no_agency_in_common_still_gives_a_summary(cycles: dict[str, Any]) -> None:
    from app.compare.cycles import Comparison
    from app.reports.trend import html_page, markdown

    alone = compare_cycles(cycles["previous"], cycles["before"])
    nothing = Comparison(alone.previous_folder, alone.new_folder, [], alone.unmatched_previous, [])
    md = markdown(nothing)
    assert "0 returns in both cycles" in md
    assert "- only last cycle: " in md
    assert "<svg" in html_page(nothing)


def test_batch_previous_compares_the_new_round_with_the_last(
    cycles: dict[str, Any], tmp_path: Path
) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for name in ("county-youth-service-2026.docx", "chiltern-academy-trust-2026.docx"):
        shutil.copy(cycles["root"] / "samples" / "new" / name, inbox / name)
    out = tmp_path / "out"
    args = ["batch", str(inbox), "--out", str(out), "--workers", "1"]
    run = CliRunner().invoke(app, [*args, "--previous", str(cycles["previous"])])
    assert run.exit_code == 0, run.output
    assert "County Youth Service (bscb2016)" in run.stdout
    assert _gaps(out, ("regressed",))["county-youth-service-2026.docx.json"] == [("regressed", "7")]
    assert (out / "trend.md").is_file()


def test_the_service_compare_page_shows_the_trend(cycles: dict[str, Any], tmp_path: Path) -> None:
    """`s11 serve --previous DIR`: the compare page over the service's data folder."""
    from fastapi.testclient import TestClient

    from app.batch.store import Store
    from app.review.users import add_user
    from app.service.app import create_app
    from app.service.settings import Settings
    from tests.test_service_pages import sign_in

    data = tmp_path / "data"
    shutil.copytree(cycles["before"], data)
    store = Store(data)
    token = add_user(store, "rae", "reviewer")
    store.close()
    settings = Settings(
        data,
        run_jobs=False,
        previous=cycles["previous"],
        names=cycles["names"],
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings)) as client:
        sign_in(client, token)
        page = client.get("/compare")
        assert page.status_code == 200
        assert "Agencies, regressions first" in page.text
        assert "<svg" in page.text
        assert "Eastvale Borough Council" in page.text
    alone = Settings(data, run_jobs=False, allowed_hosts=("testserver",))
    with TestClient(create_app(alone)) as client:
        sign_in(client, token)
        assert "start the service with --previous DIR" in client.get("/compare").text


@pytest.mark.parametrize(("name", "what"), [("trend.xlsx", "cycle trend"), ("trend.html", "HTML")])
def test_the_trend_reports_are_never_read_as_returns(
    cycles: dict[str, Any], name: str, what: str
) -> None:
    from extractor.errors import OwnReportError
    from scoring.pipeline import extract

    with pytest.raises(OwnReportError) as info:
        extract(cycles["new"] / name)
    assert f"{name}: an s11 report, not a return (" in str(info.value)
    assert what in str(info.value)
