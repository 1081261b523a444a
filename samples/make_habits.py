"""Rebuild the habit returns (samples/habits) and their answer keys: `make habits`.

Every case is a family (a fill-in habit: how the chosen option is marked, what is typed, how
the form was reshaped), a toolkit, a seed and a route: built natively (docx, xlsx), exported
to PDF by LibreOffice, or re-saved by LibreOffice. Its key (samples/habits/truth) is written
from the case's spec, never from the file; gen/habit_key.py states the key's conventions.
samples/habits/MANIFEST.json lists the cases. Needs `soffice` for the PDF and re-save routes.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from gen.build import build_docx, spec_toolkit  # noqa: E402
from gen.content import random_spec  # noqa: E402
from gen.est import est_export  # noqa: E402
from gen.habit_docx import LABELS, evidence_text  # noqa: E402
from gen.habit_key import contract_key, from_plain  # noqa: E402
from gen.habit_marks import EMPHASIS, FONT_GLYPHS, TEXTUAL  # noqa: E402
from gen.habit_xlsx import OPTION_COLUMNS, option_columns, response_column, save_cached  # noqa: E402
from gen.spec import ReturnSpec  # noqa: E402

OUT = HERE / "habits"
RESAVE = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
# LibreOffice's outputs by (target, source sha256): sources are byte-identical on rebuilds, so
# a rebuild converts only what changed (out/ is not committed).
CACHE = HERE.parent / "out" / "habit-cache"
EMPHASES = [*EMPHASIS, *TEXTUAL, "strike_others"]
GLYPHS = ["glyph_after", *FONT_GLYPHS, "cross_others", "tick_cross", "x_before"]
TYPED = ["typed_score", "long_label", "abbrev"]
# Habits where two options can be marked alike (the key then says conflicting).
CONFLICTS = {*EMPHASES, *GLYPHS, "words", "font_red", "font_bold", "cross_others",
             "word_x", "cf_rag", "hidden_last", "formula", "glyph", "content_control",
             "form_field", "nested_table"}
ORGS = ["Northfield Borough Council", "St Anne's Hospice", "Vale Community Trust",
        "Kingsmead Academy", "Harbour Housing", "Greenway Surgery", "Riverside Youth Club",
        "County Fire and Rescue", "Oakdale Medical Practice", "Eastbridge Leisure Trust"]
PEOPLE = ["Sam Patel", "Jo Green", "Aisha Khan", "Tom Reid", "Lucy Hart", "Dev Shah", "Mia Cole"]


@dataclass(frozen=True)
class Case:
    family: str
    toolkit: str
    kind: str  # docx, xlsx or est
    habit: str
    seed: int
    route: str = "native"  # native, pdf_export, lo_resave
    form: str = ""  # "rows": gen/habit_docx's one-answer-cell form
    layout: tuple[str, ...] = ()
    variant: str = ""  # metamorphic: "font" (the agency's own font), "renumber" (no numbers)

    @property
    def source_ext(self) -> str:
        return "xlsx" if self.kind in ("xlsx", "est") else "docx"

    @property
    def name(self) -> str:
        ext = "pdf" if self.route == "pdf_export" else self.source_ext
        return f"{self.family}-{self.toolkit}-{self.route}-{self.seed}.{ext}"


def cases() -> list[Case]:
    """Every habit case. Word and Excel returns are cheap to read, a full wt2023 or gp2014
    return printed to PDF costs ~2.5 s of CPU: each family has one such PDF, bscb2016's short
    returns carry the other PDF exports, so the set reads in under 3 minutes of CPU."""
    out: list[Case] = []
    seen: dict[str, int] = {}

    def add(family: str, toolkit: str, kind: str, habit: str, routes: tuple[str, ...],
            form: str = "", layout: tuple[str, ...] = ()) -> None:
        for route in routes:
            tag = f"{family}-{toolkit}-{route}-{form}"
            seen[tag] = seen.get(tag, 0) + 1
            seed = 1000 + zlib.crc32(f"{tag}-{seen[tag]}".encode()) % 90000  # stable: cache hits
            out.append(Case(family, toolkit, kind, habit, seed, route, form, layout))

    for n, habit in enumerate(EMPHASES + GLYPHS):
        heavy = ("wt2023", "rows") if n % 2 == 0 else ("gp2014", "")
        add(habit, "wt2023", "docx", habit, ("native", "native"), "rows")
        add(habit, "gp2014", "docx", habit, ("native",))  # the template's option columns
        add(habit, "gp2014", "docx", habit, ("native",), "rows")
        add(habit, heavy[0], "docx", habit, ("pdf_export",), heavy[1])
        if habit != "colour_red":  # a red word among coloured rating labels says nothing
            add(habit, "bscb2016", "docx", habit, ("native", "native", "pdf_export"))
    for habit in ("bold", "colour_red", "ms_gothic", "wingdings2", "cross_others", "caps"):
        add(habit, "wt2023", "docx", habit, ("lo_resave",), "rows")
    for habit in TYPED:
        add(habit, "wt2023", "docx", habit, ("native", "pdf_export"), "rows")
        add(habit, "gp2014", "docx", habit, ("native", "native"), "rows")
        add(habit, "bscb2016", "docx", habit, ("native", "pdf_export"), "rows")
    add("dropdown", "wt2023", "docx", "dropdown", ("native", "pdf_export", "lo_resave"), "rows")
    add("dropdown", "gp2014", "docx", "dropdown", ("native",), "rows")
    add("dropdown", "bscb2016", "docx", "dropdown", ("native", "pdf_export"))
    add("rating_label", "wt2023", "docx", "rating_label", ("native", "pdf_export"), "rows")
    add("rating_label", "gp2014", "docx", "rating_label", ("native",), "rows")
    add("rating_label", "bscb2016", "docx", "rating_label", ("native", "pdf_export"))
    add("in_criterion", "wt2023", "docx", "in_criterion", ("native", "native"), "rows")
    add("in_criterion", "gp2014", "docx", "in_criterion", ("native",), "rows")
    add("evidence_only", "wt2023", "docx", "evidence_only", ("native", "pdf_export"), "rows")
    add("evidence_only", "gp2014", "docx", "evidence_only", ("native",), "rows")
    add("evidence_only", "bscb2016", "docx", "evidence_only", ("native", "pdf_export"))
    for n, (family, habit, layout) in enumerate((
        ("options_rows", "glyph", ("options_rows",)),
        ("nested_table", "nested_table", ()),
        ("own_rows_cols", "glyph", ("own_rows", "own_columns")),
        ("columns_reordered", "content_control", ("reorder",)),
        ("split_table", "glyph", ("split",)),
        ("list_numbering", "content_control", ("numbering",)),
        ("wrapped_criteria", "form_field", ("wrap",)),
    )):
        add(family, "wt2023", "docx", habit, ("native", "native"), "rows", layout)
        add(family, "gp2014", "docx", habit, ("native",), "rows", layout)
        if n < 4:  # the layouts a PDF export changes most
            add(family, ("wt2023", "gp2014")[n % 2], "docx", habit, ("pdf_export",), "rows", layout)
    add("list_numbering", "wt2023", "docx", "content_control", ("lo_resave",), "rows", ("numbering",))
    add("split_table", "bscb2016", "docx", "glyph", ("native", "pdf_export"), "rows", ("split",))
    for n, habit in enumerate(("score", "score_text", "long", "abbrev", "cf_rag", "fills", "formula",
                               "hidden_last")):
        for toolkit in ("wt2023", "gp2014", "bscb2016"):
            add(f"xlsx_{habit}", toolkit, "xlsx", habit, ("native",))
        add(f"xlsx_{habit}", ("wt2023", "bscb2016")[n % 2], "xlsx", habit, ("pdf_export",))
        add(f"xlsx_{habit}", "gp2014", "xlsx", habit, ("lo_resave",))
    for habit in sorted(OPTION_COLUMNS):
        for toolkit in ("wt2023", "gp2014", "bscb2016", "bscb2016"):
            add(f"xlsx_{habit}", toolkit, "xlsx", habit, ("native",))
        add(f"xlsx_{habit}", "gp2014", "xlsx", habit, ("pdf_export", "lo_resave"))
    for family, layout in (("xlsx_reordered", ("reorder",)),
                           ("xlsx_own_rows_cols", ("own_rows", "own_columns"))):
        add(family, "wt2023", "xlsx", "words", ("native", "pdf_export"), layout=layout)
        add(family, "gp2014", "xlsx", "words", ("native",), layout=layout)
    for habit in ("est_resave", "est_status_words", "est_columns_reordered"):
        add(habit, "est2014", "est", habit, ("native", "lo_resave", "pdf_export"))
    return out


# -- specs ---------------------------------------------------------------------------------------
def spec_of(case: Case) -> ReturnSpec:
    rng = random.Random(case.seed)
    s = random_spec(case.toolkit, case.seed, name=case.name, organisation=rng.choice(ORGS),
                    completed_by=rng.choice(PEOPLE), date=f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/2025",
                    mechanism=case.habit, form=case.form, layout=case.layout,
                    exercises=f"habit {case.family}: {case.habit}"
                    + (f" ({', '.join(case.layout)})" if case.layout else "") + f"; route {case.route}")
    if case.form == "rows" or case.kind == "xlsx":
        s.self_ratings = dict.fromkeys(s.self_ratings)  # these forms ask for none
    choice = [i for i in s.items.values() if i.answer not in (None, "answered")]
    rng.shuffle(choice)
    blank = choice.pop()
    blank.answer, blank.evidence, blank.actions, blank.in_plan = None, "", "", False
    if case.habit in CONFLICTS and len(choice) > 4:
        both = choice.pop()
        both.second = next(o for o, _ in LABELS[case.toolkit] if o != both.answer)
    if case.habit in EMPHASIS and len(choice) > 4:  # a row the template printed all in one style
        alike = choice.pop()
        alike.answer, alike.evidence, alike.actions, alike.in_plan, alike.alike = None, "", "", False, True
    for item in s.items.values():
        evidence_text(item, case.habit)
        if case.variant == "renumber":
            item.number = ""
    if case.variant == "font":
        s.font = ("Arial Narrow", 9) if case.seed % 2 else ("Times New Roman", 13)
    return s


# -- metamorphic: one base return, and the same return transformed ------------------------------
TRANSFORMS = {  # name: (route, layout added, variant)
    "base": ("native", (), ""),
    "lo_resave": ("lo_resave", (), ""),
    "pdf_export": ("pdf_export", (), ""),
    "columns_reordered": ("native", ("reorder",), ""),
    "fonts": ("native", (), "font"),
    "wrapped": ("native", ("wrap",), ""),
    "renumbered": ("native", (), "renumber"),
    "split_at_page": ("native", ("split",), ""),
    "own_rows": ("native", ("own_rows", "own_columns"), ""),
}
META_BASES = (  # (toolkit, kind, habit, form, seed, transforms that apply)
    ("wt2023", "docx", "glyph", "rows", 7001, tuple(TRANSFORMS)),
    ("gp2014", "docx", "content_control", "rows", 7002, tuple(TRANSFORMS)),
    ("bscb2016", "docx", "glyph", "rows", 7003, ("base", "lo_resave", "pdf_export", "fonts",
                                                 "renumbered", "wrapped")),
    ("wt2023", "xlsx", "words", "", 7004, ("base", "lo_resave", "pdf_export",
                                           "columns_reordered", "own_rows")),
)


def meta_cases() -> list[Case]:
    """Each base return and its transforms: same seed, so the same answers."""
    out = []
    for toolkit, kind, habit, form, seed, names in META_BASES:
        for name in names:
            route, layout, variant = TRANSFORMS[name]
            out.append(Case(f"meta_{name}", toolkit, kind, habit, seed, route, form, layout, variant))
    return out


# -- building ------------------------------------------------------------------------------------
def build_source(case: Case, folder: Path) -> dict[str, Any]:
    """Write the case's docx or xlsx into `folder`; return its key."""
    path = folder / f"{Path(case.name).stem}.{case.source_ext}"
    if case.kind == "est":
        return _est(case, path)
    s = spec_of(case)
    if case.kind == "docx":
        build_docx(s, path)
    else:
        tk = spec_toolkit(s)
        if case.habit in OPTION_COLUMNS:
            save_cached(option_columns(s, tk, case.habit), path, {})
        else:
            book, cached = response_column(s, tk, case.habit, case.layout)
            save_cached(book, path, cached)
    fmt = "pdf" if case.route == "pdf_export" else case.source_ext
    key = contract_key(s, case.family, fmt)
    key["_meta"].update(route=case.route, habit=case.habit)
    return key


def _est(case: Case, path: Path) -> dict[str, Any]:
    from gen.est import HEAD
    from gen.workbook import new_book, save

    export = est_export(ORGS[case.seed % len(ORGS)], case.seed, None)
    book = new_book()
    ws = book.wb.active
    assert ws is not None
    ws.title = "Audit Summary"
    ws.append([export.title])
    ws.append([export.progress])
    ws.append(["Organisation", export.organisation])
    ws.append([])
    head, rows = list(HEAD), [list(r) for r in export.rows]
    if case.habit == "est_status_words":  # the tool's later wording
        rows = [[*r[:2], {"Complete": "Completed", "In progress": "Ongoing"}.get(r[2], r[2]), *r[3:]]
                for r in rows]
    if case.habit == "est_columns_reordered":  # score and grade before the status
        head = [head[0], head[1], head[3], head[4], head[2]]
        rows = [[r[0], r[1], r[3], r[4], r[2]] for r in rows]
    ws.append(head)
    for row in rows:
        ws.append(row)
    save(book, path)
    fmt = "pdf" if case.route == "pdf_export" else "xlsx"
    key = from_plain(export.key, case.family, fmt)
    key["_meta"].update(route=case.route, habit=case.habit)
    return key


def soffice(files: list[Path], target: str, outdir: Path) -> None:
    """Convert files with LibreOffice headless, in one run, with a private profile."""
    if not files:
        return
    with tempfile.TemporaryDirectory(prefix="s11-habits-lo-") as profile:
        for start in range(0, len(files), 40):  # a bounded run each: one stuck file costs little
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", target, "--outdir", str(outdir),
                 *[str(f) for f in files[start:start + 40]]],
                check=True, capture_output=True, timeout=900)


def _cache_path(source: Path, target: str) -> Path:
    import hashlib

    digest = hashlib.sha256(source.read_bytes() + target.encode()).hexdigest()[:24]
    return CACHE / f"{digest}{Path(source.name).suffix}"


def _uncached(files: list[Path], target: str, conv: Path) -> list[Path]:
    """The files LibreOffice has not converted before; the others are copied from the cache."""
    todo = []
    ext = "." + target.split(":")[0]
    for source in files:
        cached = _cache_path(source, target)
        if cached.is_file():
            shutil.copyfile(cached, conv / f"{source.stem}{ext}")
        else:
            todo.append(source)
    return todo


def _remember(files: list[Path], target: str, conv: Path) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    ext = "." + target.split(":")[0]
    for source in files:
        produced = conv / f"{source.stem}{ext}"
        if produced.is_file():
            shutil.copyfile(produced, _cache_path(source, target))


def main(out: Path = OUT) -> None:
    if shutil.which("soffice") is None:
        sys.exit("make_habits: needs LibreOffice (soffice) for the PDF and re-save routes; run `make system`")
    if out.exists():
        shutil.rmtree(out)
    build(cases(), out)
    build(meta_cases(), out / "metamorphic")


def build(all_cases: list[Case], out: Path) -> None:
    """Build the cases into `out`, keys in out/truth, listed in out/MANIFEST.json."""
    (out / "truth").mkdir(parents=True)
    manifest = []
    with tempfile.TemporaryDirectory(prefix="s11-habits-") as tmp:
        src, conv = Path(tmp) / "src", Path(tmp) / "conv"
        src.mkdir()
        conv.mkdir()
        todo: dict[tuple[str, str], list[Path]] = {}
        for case in all_cases:
            key = build_source(case, src)
            (out / "truth" / f"{case.name}.truth.json").write_text(
                json.dumps(key, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            manifest.append({"file": case.name, "family": case.family, "toolkit": case.toolkit,
                             "format": key["_meta"]["format"], "route": case.route,
                             "habit": case.habit, "base": f"{case.toolkit}-{case.kind}-{case.seed}"})
            source = src / f"{Path(case.name).stem}.{case.source_ext}"
            if case.route == "native":
                shutil.copyfile(source, out / case.name)
            else:
                target = "pdf" if case.route == "pdf_export" else RESAVE[case.source_ext]
                todo.setdefault((target, case.source_ext), []).append(source)
        for (target, _), files in todo.items():
            soffice(_uncached(files, target, conv), target, conv)
            _remember(files, target, conv)
        for case in all_cases:
            if case.route != "native":
                produced = conv / case.name
                if not produced.exists():
                    sys.exit(f"make_habits: LibreOffice did not write {case.name}")
                shutil.move(str(produced), out / case.name)
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(manifest)} habit returns to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
