"""Pruned toolkit detection against full scoring, on every file of the samples, the practice
returns and the corpus (`make detect-check`).

Each file is read in a batch worker under limits (60 s, 1 GB: the corpus holds hostile
files); the worker scores every toolkit in full (`toolkit_scores`) and runs the pruned
`detect_and_map`, and reports whether the winner, its confidence and its row mapping agree, or
that both refused the document with the same message. Exit 1 on any disagreement.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.batch.runner import find_returns  # noqa: E402
from app.batch.worker import WorkerPool  # noqa: E402

# ../shared beside the main checkout (a worktree under wt/ has it two levels up)
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
              ROOT.parent / "shared")
FOLDERS = (ROOT / "samples", SHARED / "returns", SHARED / "corpus")
TIMEOUT = 60  # seconds a file: the corpus's 30 s doubled, as each file is mapped twice


def compare(path: Path) -> str:
    """One file: 'same', 'unread' (not a document) or 'differs: …', as JSON text."""
    from extractor.dispatch import read_document
    from extractor.errors import S11Error, UnknownToolkitError
    from mappings.detect import detect_and_map, toolkit_scores
    from mappings.settings import SETTINGS

    try:
        doc = read_document(path)
    except S11Error:
        return json.dumps("unread")
    kept: dict[str, object] = {}
    full = toolkit_scores(doc, kept)  # type: ignore[arg-type]
    recognised = bool(full) and full[0][1] >= SETTINGS.detect_min_confidence
    try:
        toolkit, confidence, mapped = detect_and_map(doc)
    except UnknownToolkitError as e:
        expected = [(t.id, s) for t, s in full[:3]]
        return json.dumps("same" if not recognised and e.closest == expected else f"differs: {e}")
    if not recognised:
        return json.dumps(f"differs: pruned found {toolkit.id}, full scoring refused it")
    want = kept[full[0][0].id]
    same = (
        (toolkit.id, confidence) == (full[0][0].id, full[0][1])
        and np.array_equal(mapped.matrix, want.matrix)  # type: ignore[attr-defined]
        and [c.texts for c in mapped.cands] == [c.texts for c in want.cands]  # type: ignore[attr-defined]
    )
    detail = f"differs: pruned {toolkit.id} {confidence}, full {full[0][0].id} {full[0][1]}"
    return json.dumps("same" if same else detail)


def main() -> int:
    paths = find_returns([f for f in FOLDERS if f.is_dir()])
    pool = WorkerPool(2, timeout=TIMEOUT, memory_mb=1024, extract_ref="tests.detect_pruning:compare")
    tally: Counter[str] = Counter()
    bad = []
    for path, (status, payload, _), _ in pool.run(paths, lambda p: p):
        verdict = json.loads(payload) if status == "ok" else "failed within limits"
        tally[verdict.split(":")[0]] += 1
        if verdict.startswith("differs"):
            bad.append(f"{path}: {verdict}")
    print("\n".join(bad))
    print(", ".join(f"{n} {k}" for k, n in sorted(tally.items())), f"({len(paths)} files)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
