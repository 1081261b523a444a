"""A stand-in for the pipeline in batch tests: behaviour chosen by the file name."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from extractor.errors import DocumentLoadError


def result(name: str, org: str, score: float, evidence: str = "Policy 2024") -> dict[str, object]:
    return {
        "schema_version": "1",
        "source": {"file": name, "sha256": "0" * 64, "format": "docx"},
        "toolkit": {"id": "wt2023", "title": "WT", "confidence": 1.0},
        "organisation": {"name": org, "completed_by": "A", "date": "2025"},
        "items": [
            {
                "id": "1.1",
                "section": "1A",
                "text": "Criterion",
                "response": "partial",
                "score": score,
                "evidence": evidence,
                "actions": "",
                "lead": "",
                "timescale": "",
                "in_action_plan": False,
                "confidence": 1.0,
                "match": {"confidence": 1.0, "row_text": "x"},
                "provenance": {
                    "page": None,
                    "sheet": None,
                    "locator": "table 1, row 2",
                    "mark": "glyph",
                },
            }
        ],
        "sections": [
            {
                "id": "1A",
                "title": "Leadership",
                "score": score,
                "grade": "high",
                "meets_threshold": score >= 75,
                "self_rating": None,
                "statement": "",
                "answered": 1,
                "applicable": 1,
                "printed_score": None,
            }
        ],
        "overall": {
            "score": score,
            "grade": "high",
            "meets_threshold": score >= 75,
            "printed_score": None,
        },
        "gaps": [
            {
                "kind": "no_action",
                "item": "1.1",
                "section": "1A",
                "severity": "high",
                "message": "1.1 is rated Partial but no action or timescale is recorded",
                "locator": "table 1, row 2",
            }
        ],
        "warnings": [],
    }


def extract(path: Path) -> str:
    name = path.name
    if "hang" in name:
        time.sleep(3600)
    if "bomb" in name:
        hog = [bytearray(50 * 1024 * 1024) for _ in range(100)]  # 5 GB: past any limit
        del hog
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGSEGV)  # the reader itself dies, as a C library may
    if "lose" in name and not path.with_suffix(".lost").exists():
        path.with_suffix(".lost").touch()  # the reader's parent (a Dask worker) dies, once
        os.kill(os.getppid(), signal.SIGKILL)
        time.sleep(3600)
    if "toolkits" in name:  # says which toolkit files this process was given
        folders = os.environ.get("S11_TOOLKITS", "").split(os.pathsep)
        found = sorted(p.name for f in folders if f for p in Path(f).iterdir())
        return json.dumps(result(name, ",".join(found), 50.0), indent=2) + "\n"
    if "bad" in name:
        raise DocumentLoadError(path, "damaged Word file (test)")
    if "slow" in name:
        time.sleep(0.4)
    org = path.read_text(encoding="utf-8", errors="ignore").strip() or name
    return json.dumps(result(name, org, 50.0), indent=2) + "\n"
