"""Blank templates of the built-in toolkits (every tick, answer and evidence cleared), for the
drafter's comparison with the hand-written YAML: `python samples/make_blank_samples.py`.

Word blanks come from the same layouts as the samples (samples/gen/build.py), Excel blanks from
the same workbooks (samples/gen/workbook.py); est2014 is its online tool's summary export with
no status or score; the Word blanks also as LibreOffice PDF exports (when soffice is
installed). Written to templates/blank/ (not samples/: they are not returns).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from gen.build import build_docx  # noqa: E402
from gen.est import est_export  # noqa: E402
from gen.spec import ItemSpec, ReturnSpec  # noqa: E402
from gen.workbook import new_book, option_columns, save, single_column  # noqa: E402
from make_pdf_samples import export  # noqa: E402
from make_xlsx_samples import est_book  # noqa: E402

from mappings.toolkits import TOOLKIT_DIR, load_toolkit  # noqa: E402

OUT = HERE.parent / "templates" / "blank"
MECHANISM = {"wt2023": "glyph", "gp2014": "glyph", "bscb2016": "glyph"}


def bscb_legend() -> list[str]:
    """The rating key as the seed prints it ("Blue:\tEverything is in place…")."""
    seed = (TOOLKIT_DIR / "seeds" / "bscb2016-bucks-toolkit.txt").read_text(encoding="utf-8")
    return [
        " ".join(line.split())
        for line in seed.splitlines()
        if line.split(":")[0] in ("Blue", "Green", "Amber", "Red", "N/A") and ":\t" in line
    ]


def blank_spec(toolkit_id: str, name: str) -> ReturnSpec:
    tk = load_toolkit(toolkit_id)
    spec = ReturnSpec(
        name=name,
        toolkit=toolkit_id,
        organisation="",
        completed_by="",
        date="",
        mechanism=MECHANISM[toolkit_id],
        items={i.id: ItemSpec(i.id) for _, i in tk.all_items()},
        exercises="blank template",
    )
    spec.self_ratings = {s.id: None for s in tk.sections}
    if toolkit_id == "bscb2016":
        spec.legend = bscb_legend()
    return spec


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for toolkit_id in MECHANISM:
        build_docx(
            blank_spec(toolkit_id, f"{toolkit_id}-blank.docx"), OUT / f"{toolkit_id}-blank.docx"
        )
    book = new_book()
    single_column(book, blank_spec("wt2023", "wt2023-blank.xlsx"), load_toolkit("wt2023"))
    save(book, OUT / "wt2023-blank.xlsx")
    book = new_book()
    option_columns(
        book, blank_spec("gp2014", "gp2014-blank.xlsx"), load_toolkit("gp2014"), marks=lambda n: ""
    )
    save(book, OUT / "gp2014-blank.xlsx")
    if shutil.which("soffice") is not None:  # the Word blanks as LibreOffice exports them
        for toolkit_id in MECHANISM:
            docx = OUT / f"{toolkit_id}-blank.docx"
            export(docx, docx.with_suffix(".pdf"))
    export_ = est_export("", None, None)
    export_.rows = [[*row[:2], "", "", ""] for row in export_.rows]
    export_.progress = "Progress: 0% Score: 0%"
    save(est_book(export_), OUT / "est2014-blank.xlsx")


if __name__ == "__main__":
    main()
