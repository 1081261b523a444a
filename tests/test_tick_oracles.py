"""Tick boxes in the real-world corpus, counted by readers independent of s11.

Word (.docx/.docm/.dotx/.dotm): lxml over word/document.xml lists every `w14:checkbox`
content control (state from `w14:checked`) and every legacy FORMCHECKBOX (`w:ffData/
w:checkBox`, state from `w:checked`, else `w:default`), leaving out tracked deletions
(`w:del`), moved-from text (`w:moveFrom`) and the `mc:Fallback` copy of text-box content that
Word shows only when it cannot read the `mc:Choice`. PDF: pypdf lists every check box and radio
widget on each page's /Annots (push buttons left out); on = /AS present and not /Off.

Each box must appear in `read_document`'s FormDocument with the same state and source
(`content_control`, `form_field`, `acroform`), inside or outside a table as in the file (Word)
and on the same page (PDF): compared per file as multisets of (page, source, state, in table).
Files run in long-lived worker processes with a memory cap, one killed and replaced when a file
overruns its time (the corpus holds bombs and loops); files the oracle itself cannot open are
skipped, and s11 is asked only about files where the oracle found a box (it cannot make these
sources out of nothing).

Run `python tests/test_tick_oracles.py` for the per-file table without pytest.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
WORD = {".docx", ".docm", ".dotx", ".dotm"}
TIMEOUT = 30  # seconds per file, oracle and s11 together
MEMORY = 1 << 30  # bytes of address space per worker
FLOOR = 0.99
MAX_XML = 64 << 20  # the oracle refuses a document.xml that inflates past this

# Files whose boxes s11 may still read differently, each with its reason ({file: reason}).
# None are left: every box the oracles find is read with its state, source and place.
LEFT: dict[str, str] = {}

Key = tuple[int | None, str, bool, bool | None]  # page, source, checked, in a table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
SOURCES = ("content_control", "form_field", "acroform")


# --- the oracles -----------------------------------------------------------------------------


def word_oracle(path: Path) -> list[Key]:
    """Every content-control and legacy check box in word/document.xml, with its state."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        if zf.getinfo("word/document.xml").file_size > MAX_XML:
            raise ValueError("document.xml too large for the oracle")
        data = zf.read("word/document.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    def tags(*names: str) -> set[str]:
        return {f"{{{ns}}}{name}" for ns in (W, W_STRICT) for name in names}

    skipped = tags("del", "moveFrom") | {f"{{{MC}}}Fallback"}
    table_parts = tags("tbl", "tr", "tc")  # a control may wrap a whole cell or row
    legacy, ff_data = tags("checkBox"), tags("ffData")
    found: list[Key] = []
    for el in root.iter(f"{{{W14}}}checkbox", *legacy):
        ancestors = list(el.iterancestors())
        if any(a.tag in skipped for a in ancestors):
            continue
        in_table = any(a.tag in table_parts for a in ancestors)
        if el.tag == f"{{{W14}}}checkbox":
            checked = el.find(f"{{{W14}}}checked")
            value = checked.get(f"{{{W14}}}val") if checked is not None else "0"
            found.append((None, "content_control", (value or "0").lower() in ("1", "true"), in_table))
        elif ancestors and ancestors[0].tag in ff_data:
            found.append((None, "form_field", _legacy_state(el), in_table))
    return found


def _legacy_state(box: Any) -> bool:
    ns = box.tag[1 : box.tag.index("}")]
    for tag in ("checked", "default"):
        el = box.find(f"{{{ns}}}{tag}")
        if el is not None:
            value = el.get(f"{{{ns}}}val")
            if tag == "checked" and value is None:
                return True
            return (value or "").lower() in ("1", "true", "on")
    return False


def pdf_oracle(path: Path) -> list[Key]:
    """Every check box and radio widget on each page (pypdf), on when /AS is not /Off."""
    from pypdf import PdfReader

    reader = PdfReader(path, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("encrypted")
    found: list[Key] = []
    for number, page in enumerate(reader.pages, start=1):
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else []
        for ref in annots or []:
            annot = ref.get_object()
            if not hasattr(annot, "get") or annot.get("/Subtype") != "/Widget":
                continue
            if _inherited(annot, "/FT") != "/Btn":
                continue
            flags = int(_inherited(annot, "/Ff") or 0)
            if flags & (1 << 16):  # a push button, never a tick box
                continue
            state = annot.get("/AS")
            found.append((number, "acroform", state is not None and state != "/Off", None))
    return found


def _inherited(annot: Any, key: str) -> Any:
    node, depth = annot, 0
    while node is not None and depth < 16:
        if key in node:
            return node[key]
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
        depth += 1
    return None


def s11_boxes(path: Path) -> list[Key]:
    """The same kinds of box as s11 reads them, wherever they sit in its FormDocument."""
    from extractor.dispatch import read_document

    doc = read_document(path)
    pdf = doc.source.format == "pdf"
    found: list[Key] = []
    for table in doc.walk_tables():
        for row in table.rows:
            for cell in row.cells:
                page = cell.provenance.page if cell.provenance.page is not None else table.page
                for mark in cell.marks:
                    found.append((page if pdf else None, mark.source, mark.checked, None if pdf else True))
    for para in doc.paragraphs:
        for mark in para.marks:
            found.append((para.provenance.page if pdf else None, mark.source, mark.checked, None if pdf else False))
    return [k for k in found if k[1] in SOURCES]


# --- files in worker processes ---------------------------------------------------------------


def _serve() -> None:
    """Worker: for each path on stdin print the oracle's boxes, then s11's, then "done", one JSON
    line each (a hang in s11 then still leaves the oracle's answer)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    for raw in sys.stdin:
        path = Path(raw.rstrip("\n"))
        oracle = pdf_oracle if path.suffix.lower() == ".pdf" else word_oracle
        for side, read in (("oracle", oracle), ("s11", s11_boxes)):
            try:
                line: dict[str, Any] = {"side": side, "boxes": read(path)}
            except Exception as e:
                line = {"side": side, "error": f"{type(e).__name__}: {str(e)[:160]}"}
            print(json.dumps(line), flush=True)
            if side == "oracle" and not line.get("boxes"):
                break  # nothing to compare: s11 cannot make these sources out of nothing
        print(json.dumps({"side": "done"}), flush=True)


class _Worker:
    """One long-lived worker process; killed and replaced when a file overruns its time."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()

    def _start(self) -> subprocess.Popen[str]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env=env,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, args=(proc, self.lines), daemon=True).start()
        return proc

    @staticmethod
    def _pump(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        assert proc.stdout is not None
        with proc.stdout:
            for line in proc.stdout:
                lines.put(line)
        lines.put(None)  # the worker ended

    def ask(self, path: Path) -> dict[str, dict[str, Any]]:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        deadline = time.monotonic() + TIMEOUT
        sides: dict[str, dict[str, Any]] = {}
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
                sides.setdefault("s11", {"error": f"timed out after {TIMEOUT} s"})
                self.close()
            if line is None:
                self.close()
                return sides
            data = json.loads(line)
            if data["side"] == "done":
                return sides
            sides[data["side"]] = data

    def close(self) -> None:
        """End the worker (it started here; killed by its own handle) and close its stdin."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if proc.stdin is not None:
            proc.stdin.close()


@dataclass
class Outcome:
    file: str
    oracle: list[Key] | None = None
    oracle_error: str | None = None
    s11: list[Key] | None = None
    s11_error: str | None = None
    missing: Counter[Key] = field(default_factory=Counter)
    extra: Counter[Key] = field(default_factory=Counter)

    @property
    def right(self) -> int:
        return len(self.oracle or []) - sum(self.missing.values())


def _outcome(path: Path, sides: dict[str, dict[str, Any]]) -> Outcome:
    outcome = Outcome(file=str(path.relative_to(CORPUS)))
    oracle, mine = sides.get("oracle", {}), sides.get("s11", {})
    outcome.oracle_error = oracle.get("error") or (None if oracle else "timed out or crashed")
    outcome.oracle = [_as_key(k) for k in oracle["boxes"]] if "boxes" in oracle else None
    if outcome.oracle:
        outcome.s11_error = mine.get("error") or (None if mine else "crashed")
        outcome.s11 = [_as_key(k) for k in mine.get("boxes", [])]
        expected, seen = Counter(outcome.oracle), Counter(outcome.s11)
        outcome.missing, outcome.extra = expected - seen, seen - expected
    return outcome


def _as_key(raw: list[Any]) -> Key:
    return (raw[0], str(raw[1]), bool(raw[2]), raw[3])


def corpus_files() -> list[Path]:
    return sorted(
        p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in WORD | {".pdf"}
    )


def run_corpus() -> list[Outcome]:
    """Every Word and PDF file of the corpus through the oracles and s11, in parallel workers."""
    files = corpus_files()
    todo: queue.Queue[Path] = queue.Queue()
    for path in files:
        todo.put(path)
    done: dict[Path, Outcome] = {}

    def drain() -> None:
        worker = _Worker()
        try:
            while True:
                try:
                    path = todo.get_nowait()
                except queue.Empty:
                    return
                done[path] = _outcome(path, worker.ask(path))
        finally:
            worker.close()

    threads = [threading.Thread(target=drain) for _ in range(max(2, os.cpu_count() or 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [done[p] for p in files]


def _key(k: Key) -> str:
    where = f"p{k[0]} " if k[0] is not None else ""
    table = "" if k[3] is None else (" in table" if k[3] else " outside tables")
    return f"{where}{k[1]} {'on' if k[2] else 'off'}{table}"


def report(outcomes: list[Outcome]) -> str:
    """Totals and one line per file that disagrees."""
    boxed = [o for o in outcomes if o.oracle]
    total = sum(len(o.oracle or []) for o in boxed)
    right = sum(o.right for o in boxed)
    extra = sum(sum(o.extra.values()) for o in boxed)
    whole = sum(1 for o in boxed if not o.missing and not o.extra)
    skipped = sum(1 for o in outcomes if o.oracle_error)
    lines = [
        f"tick boxes right: {right}/{total} ({right / max(total, 1):.1%}); "
        f"{extra} extra; files fully right {whole}/{len(boxed)}; "
        f"{skipped} files the oracle cannot open (skipped)",
        f"{'file':60} {'oracle':>6} {'s11':>5}  disagreement",
    ]
    for o in boxed:
        if not o.missing and not o.extra:
            continue
        why = o.s11_error or "; ".join(
            [f"missing {n} x {_key(k)}" for k, n in sorted(o.missing.items(), key=str)]
            + [f"extra {n} x {_key(k)}" for k, n in sorted(o.extra.items(), key=str)]
        )
        lines.append(f"{o.file[:60]:60} {len(o.oracle or []):>6} {len(o.s11 or []):>5}  {why}")
    return "\n".join(lines)


# --- the tests -------------------------------------------------------------------------------

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir() or os.environ.get("S11_SKIP_CORPUS") == "1",
    reason="../shared/corpus is not here (or S11_SKIP_CORPUS=1)",
)


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return run_corpus()


def test_oracles_find_boxes(outcomes: list[Outcome]) -> None:
    """The oracles themselves see the corpus's boxes (a broken oracle proves nothing)."""
    total = sum(len(o.oracle or []) for o in outcomes)
    assert total >= 350, total


def test_s11_agrees_with_the_oracles(outcomes: list[Outcome]) -> None:
    print("\n" + report(outcomes))
    boxed = [o for o in outcomes if o.oracle]
    total = sum(len(o.oracle or []) + sum(o.extra.values()) for o in boxed)
    right = sum(o.right for o in boxed)
    assert right / total >= FLOOR, report(outcomes)
    wrong = {o.file for o in boxed if o.missing or o.extra}
    assert wrong <= set(LEFT), f"disagreements not in LEFT: {sorted(wrong - set(LEFT))}"
    assert set(LEFT) <= wrong, f"LEFT entries now read right: {sorted(set(LEFT) - wrong)}"


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        _serve()
    else:
        print(report(run_corpus()))
