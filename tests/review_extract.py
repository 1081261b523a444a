"""A stand-in for the pipeline in review tests: the file's text is `ORG|item:kind,item:kind…`,
optionally followed by `|EVIDENCE` (item 1.1's evidence)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fake_extract import result


def extract(path: Path) -> str:
    org, _, rest = path.read_text(encoding="utf-8").partition("|")
    spec, _, evidence = rest.partition("|")
    r = result(path.name, org.strip(), 50.0, evidence or "Policy 2024")
    r["gaps"] = [
        {
            "kind": kind,
            "item": item,
            "section": "1A",
            "severity": "high",
            "message": f"{item} {kind}",
            "locator": None,
        }
        for item, _, kind in (g.partition(":") for g in spec.split(",") if g)
    ]
    return json.dumps(r) + "\n"
