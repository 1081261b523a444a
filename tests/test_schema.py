"""The committed JSON Schema matches the Result model, and every golden file validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from scoring.schema_gen import SCHEMA_PATH, schema_text

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "the output models changed: run `.venv/bin/python -m scoring.schema_gen`"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


def test_every_golden_file_validates() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    for path in sorted(GOLDEN.glob("*.json")):
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text("utf-8")))]
        assert errors == [], f"{path.name}: {errors[:3]}"
