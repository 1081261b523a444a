"""Two cycles as batch output folders, built in-process from samples/make_cycle_samples.py.

`python -m tests.cycles OUT` writes OUT/samples (the returns and the comparison key) and the
batch folders OUT/previous and OUT/new, then `s11 compare OUT/previous OUT/new
--names OUT/samples/names.yaml` compares them. A return under a toolkit that is not built in
(wt2026) is read with that toolkit given, as `--toolkit` does for built-in ones.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from app.batch.store import Store
from app.reports.gaps import write_reports
from extractor.dispatch import read_document
from extractor.files import sha256_of
from mappings.read import read_return
from mappings.toolkits import load_toolkit_file
from scoring.build import build_result
from scoring.pipeline import extract, to_json

ROOT = Path(__file__).resolve().parents[1]


def make_samples(out: Path) -> dict[str, Any]:
    """Build both cycles' returns and their key; returns the key."""
    script = ROOT / "samples" / "make_cycle_samples.py"
    subprocess.run([sys.executable, str(script), str(out)], check=True, capture_output=True)
    key: dict[str, Any] = json.loads((out / "compare.truth.json").read_text(encoding="utf-8"))
    return key


def batch_folder(returns: Path, entries: list[dict[str, Any]], out: Path) -> Path:
    """What `s11 batch` writes (results, s11.db, reports) for one cycle's returns."""
    store = Store(out)
    run_id = store.start_run({"inputs": [str(returns)]}, False)
    (out / "results").mkdir(parents=True, exist_ok=True)
    for entry in entries:
        path = returns / entry["file"]
        if entry["toolkit_file"]:
            toolkit = load_toolkit_file(entry["toolkit_file"])
            result = build_result(read_return(read_document(path), toolkit, 1.0, None), toolkit)
        else:
            result = extract(path)
        text = to_json(result)
        name = f"{path.name}.json"
        (out / "results" / name).write_text(text, encoding="utf-8")
        store.record_ok(
            sha256_of(path), str(path), path.stat().st_size, json.loads(text), name, run_id, 0.0
        )
    store.finish_run(run_id)
    write_reports(out, store)
    store.close()
    return out


def build(root: Path) -> tuple[Path, Path, dict[str, Any]]:
    """OUT/samples, OUT/previous, OUT/new; returns the two batch folders and the key."""
    key = make_samples(root / "samples")
    folders = []
    for cycle in ("previous", "new"):
        entries = [r for r in key["returns"] if r["cycle"] == cycle]
        folders.append(batch_folder(root / "samples" / cycle, entries, root / cycle))
    return folders[0], folders[1], key


if __name__ == "__main__":
    previous, new, _ = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "cycles")
    print(f"cycles: {previous} {new}")
