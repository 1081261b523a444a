"""Write scoring/schema/s11-result.schema.json from Result (`python -m scoring.schema_gen`)."""

from __future__ import annotations

import json
from pathlib import Path

from scoring.result import Result

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "s11-result.schema.json"


def schema_text() -> str:
    schema = Result.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://s11.example/schema/s11-result-1.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def main() -> None:
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")


if __name__ == "__main__":
    main()
