"""Rebuild the Excel sample returns (samples/excel) and their answer keys: `make samples`.

Each workbook comes from a ReturnSpec like the Word samples (gen/content.random_spec with its
own seed), laid out and marked the way its name says; est2014 workbooks are the online tool's
summary export. samples/truth/<file>.truth.json is written from the same spec.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from gen.build import truth  # noqa: E402
from gen.est import HEAD, Export, est_export  # noqa: E402
from gen.content import random_spec  # noqa: E402
from gen.spec import ReturnSpec, set_items as _set  # noqa: E402
from gen.workbook import Book, new_book, option_columns, save, single_column  # noqa: E402
from openpyxl.styles import Font  # noqa: E402

from mappings.toolkits import load_toolkit  # noqa: E402

EXCEL = HERE / "excel"
TRUTH = HERE / "truth"



def _plain(spec: ReturnSpec) -> ReturnSpec:
    """Spreadsheet layouts carry no section self-ratings."""
    spec.self_ratings = dict.fromkeys(spec.self_ratings)
    return spec


def parish_council() -> tuple[ReturnSpec, Book]:
    s = _plain(random_spec("wt2023", 21, name="wt2023-parish-council-dropdowns-hidden-row.xlsx",
                           organisation="Little Hadham Parish Council", completed_by="Ruth Ellis, Clerk",
                           date="03/03/2025",
                           exercises="dropdown answers in one response column; TRUE/FALSE in-plan "
                           "cells; a hidden answered row; N/A with and without a reason; unanswered"))
    _set(s, ["3.4"], answer="na", evidence="The council employs no staff who work with children.",
         actions="", in_plan=False)
    _set(s, ["3.5"], answer="na", evidence="", actions="", in_plan=False)
    _set(s, ["4.2", "1.7"], answer=None, evidence="", actions="", in_plan=False)
    book = new_book()
    single_column(book, s, load_toolkit("wt2023"), hide_rows=("2.8",))
    return s, book


def academy() -> tuple[ReturnSpec, Book]:
    s = _plain(random_spec("wt2023", 22, name="wt2023-academy-sheet-per-standard-ticks.xlsx",
                           organisation="Riverside Academy", completed_by="Tom Blake, DSL",
                           date="2025-03-07",
                           exercises="one sheet per standard; option columns marked x, X, tick "
                           "glyphs and boxes; 'Yes' typed for in action plan; conflicting"))
    _set(s, ["2.2"], second="partial")
    glyphs = ["x", "\u2713", "X", "\u2714", "\u2612"]
    book = new_book()
    option_columns(book, s, load_toolkit("wt2023"), marks=lambda n: glyphs[n % len(glyphs)],
                   per_sheet=True, in_plan="word")
    _text_sheet(book, s)
    return s, book


def housing() -> tuple[ReturnSpec, Book]:
    s = _plain(random_spec("wt2023", 23, name="wt2023-housing-option-buttons-controls.xlsx",
                           organisation="Northgate Housing Trust", completed_by="Nadia Hussain",
                           date="11/03/2025",
                           exercises="legacy form-control option buttons over the option cells "
                           "(state in VML, or only in xl/ctrlProps); linked cells"))
    _set(s, ["1.3", "5.3"], answer=None, evidence="", actions="", in_plan=False)
    book = new_book()
    tk = load_toolkit("wt2023")
    option_columns(book, s, tk, marks=lambda n: "", controls="Radio")
    _text_sheet(book, s)
    return s, book


def surgery_fills() -> tuple[ReturnSpec, Book]:
    s = _plain(random_spec("gp2014", 24, name="gp2014-surgery-rgb-fills-merged-criteria.xlsx",
                           organisation="Castle Street Surgery", completed_by="Dr Alan Price",
                           date="16/01/2015",
                           exercises="option cells shaded with rgb fills; criteria in merged "
                           "cells; rows deleted; placeholder evidence"))
    _set(s, ["3.3", "8.2"], delete=True)
    _set(s, ["2.2"], evidence="tbc")
    book = new_book()
    option_columns(book, s, load_toolkit("gp2014"), marks=lambda n: "", fill="rgb",
                   merged_criteria=True)
    return s, book


def practice_theme() -> tuple[ReturnSpec, Book]:
    s = _plain(random_spec("gp2014", 25, name="gp2014-practice-theme-indexed-fills.xlsx",
                           organisation="Parkside Medical Practice", completed_by="Lena Fox",
                           date="21/01/2015",
                           exercises="one rating column coloured with theme (with tint) and "
                           "indexed fills; N/A typed with a reason; reworded criteria"))
    _set(s, ["6.9"], answer="na", evidence="No services are commissioned by the practice.",
         actions="")
    _set(s, ["1.2"], text="The practice has a named GP lead for safeguarding children")
    book = new_book()
    single_column(book, s, load_toolkit("gp2014"), fills="theme", dropdown=False)
    return s, book


def clinic_checkboxes() -> tuple[ReturnSpec, Book]:
    s = _plain(random_spec("gp2014", 26, name="gp2014-clinic-form-control-checkboxes.xlsx",
                           organisation="Brook Lane Clinic", completed_by="Sara Quinn",
                           date="23/01/2015",
                           exercises="legacy form-control check boxes over the option cells "
                           "(state in VML, or only in xl/ctrlProps); a conflicting row"))
    _set(s, ["4.4"], second="partially_met")
    book = new_book()
    option_columns(book, s, load_toolkit("gp2014"), marks=lambda n: "", controls="Checkbox")
    return s, book


def charity_glyphs() -> tuple[ReturnSpec, Book]:
    s = random_spec("bscb2016", 27, name="bscb2016-charity-box-glyphs.xlsx",
                    organisation="Chiltern Youth Charity", completed_by="Owen Park",
                    date="29/06/2016", exercises="rating columns marked with box glyphs; N/A "
                    "with a reason")
    _set(s, ["6"], answer="na", evidence="We do not contract services to other organisations.",
         actions="")
    book = new_book()
    option_columns(book, s, load_toolkit("bscb2016"), marks=lambda n: "\u2612")
    return s, book


def school_pattern() -> tuple[ReturnSpec, Book]:
    s = random_spec("bscb2016", 28, name="bscb2016-school-pattern-fills.xlsx",
                    organisation="Aylesbury Grange School", completed_by="Mia Lowe",
                    date="01/07/2016", exercises="rating cells coloured with pattern fills; "
                    "an unanswered standard")
    _set(s, ["4"], answer=None, evidence="", actions="")
    book = new_book()
    option_columns(book, s, load_toolkit("bscb2016"), marks=lambda n: "", fill="pattern")
    return s, book


def youth_offending_typed() -> tuple[ReturnSpec, Book]:
    s = random_spec("bscb2016", 29, name="bscb2016-yot-typed-letters-lead-timescale.xlsx",
                    organisation="Youth Offending Team", completed_by="Kat Mills",
                    date="04/07/2016", exercises="ratings typed as single letters (G, A, R) "
                    "in a dropdown column; lead and timescale columns")
    book = new_book()
    single_column(book, s, load_toolkit("bscb2016"), style="short", lead_timescale=True)
    return s, book


def _text_sheet(book: Book, s: ReturnSpec) -> None:
    """wt2023 part 6 (free-text questions) on a sheet of its own."""
    tk = load_toolkit("wt2023")
    ws = book.wb.create_sheet("Part 6")
    for section in tk.sections:
        if section.items[0].kind != "text":
            continue
        ws.append([section.id, section.title])
        ws.append(["No.", "Question", "Response"])
        for item in section.items:
            ws.append([item.id, item.text, s.items[item.id].evidence])


# -- est2014: the online tool's summary export -------------------------------------------------
def est_book(export: Export) -> Book:
    book = new_book()
    ws = book.wb.active
    assert ws is not None
    ws.title = "Audit Summary"
    ws.append([export.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([export.progress])
    ws.append(["Organisation", export.organisation])
    ws.append(["Allocation Date", "18-Sep-2014", "Deadline Date", "30-Jan-2015"])
    ws.append([])
    ws.append(HEAD)
    for row in export.rows:
        ws.append(row)
    return book


SAMPLES = [parish_council, academy, housing, surgery_fills, practice_theme, clinic_checkboxes,
           charity_glyphs, school_pattern, youth_offending_typed]


def main() -> None:
    EXCEL.mkdir(parents=True, exist_ok=True)
    TRUTH.mkdir(parents=True, exist_ok=True)
    for make in SAMPLES:
        spec, book = make()
        save(book, EXCEL / spec.name)
        (TRUTH / f"{spec.name}.truth.json").write_text(
            json.dumps(truth(spec), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {spec.name}")
    for name, organisation, seed, misprint in (
        ("est2014-essex-agency-summary-export.xlsx", "Essex Community Health", None, None),
        ("est2014-thurrock-summary-export-misprinted.xlsx", "Thurrock Youth Service", 30, "3"),
    ):
        export = est_export(organisation, seed, misprint)
        save(est_book(export), EXCEL / name)
        key = export.key
        (TRUTH / f"{name}.truth.json").write_text(
            json.dumps(key, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
