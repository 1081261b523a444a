"""The new board's returns (templates/newboard) extracted with the toolkit drafted from its
blank template, scored against their answer keys (`python -m tests.newboard` prints them)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.samples_index import ROOT

NEWBOARD = ROOT / "templates" / "newboard"
FIELDS = ("response", "evidence", "actions")


@dataclass
class Score:
    items: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    toolkit_right: int = 0
    returns: int = 0
    ratings: int = 0
    ratings_right: int = 0
    wrong: list[str] = field(default_factory=list)

    def rate(self, key: str) -> float:
        return self.right[key] / self.items if self.items else 0.0


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def score_returns(blank: Path, folder: Path, toolkit_id: str = "dudley2015") -> Score:
    """Draft from `blank` into `folder`, then extract every return (with detection)."""
    from extractor.dispatch import read_document
    from mappings.draft.build import draft_toolkit
    from mappings.toolkits import load_toolkit, use_folders
    from scoring.pipeline import extract

    (folder / f"{toolkit_id}.yaml").write_text(
        draft_toolkit(read_document(blank), toolkit_id).to_yaml(), encoding="utf-8"
    )
    use_folders([folder])
    toolkit = load_toolkit(toolkit_id)
    label = {o.id: o.label for o in toolkit.options}
    score = Score()
    for path in sorted((NEWBOARD / "returns").iterdir()):
        truth = json.loads((NEWBOARD / "truth" / f"{path.name}.truth.json").read_text("utf-8"))
        result = json.loads(extract(path).model_dump_json())
        score.returns += 1
        score.toolkit_right += result["toolkit"]["id"] == toolkit_id
        produced = {item["id"]: item for item in result["items"]}
        rated = {
            o.id: o.label for o in (toolkit.self_rating.options if toolkit.self_rating else [])
        }
        for section in result["sections"]:
            want_rating = truth["self_ratings"].get(section["id"])
            if want_rating is not None:
                score.ratings += 1
                score.ratings_right += rated.get(section["self_rating"] or "") == want_rating
        for item_id, want in truth["items"].items():
            got = produced.get(item_id, {})
            score.items += 1
            have = {
                "response": label.get(got.get("response") or "", got.get("response")),
                "evidence": got.get("evidence"),
                "actions": got.get("actions"),
            }
            for key in FIELDS:
                ok = (
                    _norm(want[key]) == _norm(have[key])
                    if key != "response"
                    else (want[key] == have[key])
                )
                score.right[key] += ok
                if not ok:
                    score.wrong.append(
                        f"{path.name} {item_id} {key}: {want[key]!r} vs {have[key]!r}"
                    )
    return score


def main() -> None:
    import tempfile

    from mappings.toolkits import use_folders

    for blank in sorted(NEWBOARD.glob("dudley2015-blank.*")):
        with tempfile.TemporaryDirectory() as tmp:
            s = score_returns(blank, Path(tmp))
            use_folders([])
        rates = ", ".join(f"{k} {s.rate(k):.1%}" for k in FIELDS)
        print(
            f"{blank.name}: {s.returns} returns ({s.toolkit_right} recognised), {s.items} items: "
            f"{rates}; self-ratings {s.ratings_right}/{s.ratings}"
        )
        for line in s.wrong[:12]:
            print("   ", line)


if __name__ == "__main__":
    main()
