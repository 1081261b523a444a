"""A stand-in for the pipeline in review tests: the file's text is `ORG|item:kind,item:kind…`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.fake_extract import result


def extract(path: Path) -> str:
    org, _, spec = path.read_text(encoding="utf-8").partition("|")
    r = result(path.name, org.strip(), 50.0)
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
