"""The boards of samples/make_board_samples.py (templates/boards/<board>/): each drafted from its
Word, Excel and PDF blank with no hand edits, the draft compared with the board's key, then
every return read with the drafted toolkit and scored against its answer key
(`python -m tests.boards` prints the figures)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.samples_index import ROOT
from tests.tallies import f1

BOARDS = ROOT / "templates" / "boards"
NAMES = sorted(p.name for p in BOARDS.iterdir() if p.is_dir()) if BOARDS.is_dir() else []


@dataclass
class Drafted:
    items: int = 0
    items_right: int = 0  # right id, text similarity >= 95
    options: int = 0
    options_right: int = 0  # the key's label found with the key's score (N/A as N/A)
    sections: int = 0
    sections_found: int = 0
    titles_right: int = 0  # the section's title as printed (its number taken off)
    wrong: list[str] = field(default_factory=list)


@dataclass
class Read:
    items: int = 0
    response_right: int = 0
    evidence_right: int = 0
    actions_right: int = 0
    returns: int = 0
    recognised: int = 0
    gap_tp: int = 0  # response gaps (unanswered, conflicting) the key and the reading share
    gap_fp: int = 0
    gap_fn: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def response(self) -> float:
        return self.response_right / self.items if self.items else 0.0

    @property
    def gap_f1(self) -> float:
        return f1(self.gap_tp, self.gap_fp, self.gap_fn)


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _title(text: str) -> str:
    """A section title without its printed number ("Standard 1 Governance" -> "governance")."""
    return re.sub(r"^(standard|section)?\s*\d+[.:]?\s*", "", _norm(text))


def key_of(board: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((BOARDS / board / f"{board}.key.json").read_text("utf-8"))
    return data


def compare_draft(board: str, yaml_path: Path) -> Drafted:
    from rapidfuzz import fuzz

    from mappings.toolkits import load_toolkit_file

    tk = load_toolkit_file(yaml_path)
    key = key_of(board)
    got = {i.id: i for _, i in tk.all_items()}
    out = Drafted()
    for section in key["sections"]:
        out.sections += 1
        mine_section = next((s for s in tk.sections if s.id == section["id"]), None)
        out.sections_found += mine_section is not None
        out.titles_right += mine_section is not None and _title(mine_section.title) == _title(
            section["title"]
        )
        for item in section["items"]:
            out.items += 1
            mine = got.get(item["id"])
            sim = fuzz.ratio(_norm(mine.text), _norm(item["text"])) if mine else 0.0
            if sim >= 95:
                out.items_right += 1
            else:
                out.wrong.append(f"item {item['id']}: {mine.text[:50] if mine else 'missing'!r}")
    for option in key["options"]:
        out.options += 1
        mine_opt = next((o for o in tk.options if _norm(o.label) == _norm(option["label"])), None)
        if mine_opt is None and option["na"]:
            mine_opt = next((o for o in tk.options if o.na), None)
        if mine_opt and mine_opt.score == option["score"] and mine_opt.na == option["na"]:
            out.options_right += 1
        else:
            have = (mine_opt.label, mine_opt.score) if mine_opt else "missing"
            out.wrong.append(f"option {option['label']!r} {option['score']}: {have}")
    extra = [
        o.label
        for o in tk.options
        if not any(
            _norm(o.label) == _norm(k["label"]) or (o.na and k["na"]) for k in key["options"]
        )
    ]
    if [x for x in extra if x != "N/A"]:
        out.wrong.append(f"options not on the form: {extra}")
        out.options_right -= len(extra)  # a junk option is an option wrong
    return out


def draft(board: str, blank: Path, folder: Path) -> Path:
    from extractor.dispatch import read_document
    from mappings.draft.build import draft_toolkit

    path = folder / f"{board}.yaml"
    path.write_text(draft_toolkit(read_document(blank), board).to_yaml(), encoding="utf-8")
    return path


def read_returns(board: str, folder: Path) -> Read:
    """Every return of the board extracted (with detection) beside the drafted toolkit."""
    from mappings.toolkits import load_toolkit, use_folders
    from scoring.pipeline import extract

    use_folders([folder])
    toolkit = load_toolkit(board)
    label = {o.id: o.label for o in toolkit.options}
    out = Read()
    for path in sorted((BOARDS / board / "returns").iterdir()):
        truth = json.loads((BOARDS / board / "truth" / f"{path.name}.truth.json").read_text())
        result = json.loads(extract(path).model_dump_json())
        out.returns += 1
        out.recognised += result["toolkit"]["id"] == board
        items = {i["id"]: i for i in result["items"]}
        gaps = {
            (g["item"], g["kind"])
            for g in result["gaps"]
            if g["kind"] in ("unanswered", "conflicting") and g.get("item")
        }
        for item_id, want in truth["items"].items():
            got = items.get(item_id, {})
            out.items += 1
            response = label.get(got.get("response") or "", got.get("response"))
            checks = {
                "response": want["response"] == response,
                "evidence": _norm(want["evidence"]) == _norm(got.get("evidence")),
                "actions": _norm(want["actions"]) == _norm(got.get("actions")),
            }
            out.response_right += checks["response"]
            out.evidence_right += checks["evidence"]
            out.actions_right += checks["actions"]
            for name, ok in checks.items():
                if not ok:
                    out.wrong.append(
                        f"{path.name} {item_id} {name}: {want[name]!r} vs "
                        f"{response if name == 'response' else got.get(name)!r}"
                    )
            kind = (
                "conflicting"
                if want["conflicting"]
                else ("unanswered" if want["response"] is None else None)
            )
            found = {k for i, k in gaps if i == item_id}
            if kind is not None:
                out.gap_tp += kind in found
                out.gap_fn += kind not in found
            out.gap_fp += len(found - {kind})
    return out


def main() -> None:
    import tempfile

    from mappings.toolkits import use_folders

    for board in NAMES:
        for blank in sorted((BOARDS / board).glob(f"{board}-blank.*")):
            with tempfile.TemporaryDirectory() as tmp:
                path = draft(board, blank, Path(tmp))
                d = compare_draft(board, path)
                r = read_returns(board, Path(tmp))
                use_folders([])
            print(
                f"{blank.name}: items {d.items_right}/{d.items}, options "
                f"{d.options_right}/{d.options}, sections {d.sections_found}/{d.sections} "
                f"(titles {d.titles_right}); "
                f"{r.returns} returns ({r.recognised} recognised), {r.items} items: response "
                f"{r.response:.1%}, evidence {r.evidence_right / max(r.items, 1):.1%}, actions "
                f"{r.actions_right / max(r.items, 1):.1%}, gap F1 {r.gap_f1:.2f}"
            )
            for line in (d.wrong + r.wrong)[:10]:
                print("   ", line)


if __name__ == "__main__":
    main()
