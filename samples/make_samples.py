"""Rebuild every bundled sample return and its answer key: `make samples`.

Word returns come from specs in this file (samples/gen builds them), then the Excel
(make_xlsx_samples.py) and PDF (make_pdf_samples.py) ones; each sample's name says what it
exercises; samples/truth/<file>.truth.json is written from the same spec.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from gen.build import build_docx, write_truth  # noqa: E402
from gen.content import random_spec  # noqa: E402
from gen.spec import ReturnSpec, set_items as _set  # noqa: E402

WORD = HERE / "word"
TRUTH = HERE / "truth"



def police() -> ReturnSpec:
    s = random_spec("wt2023", 1, name="wt2023-police-content-controls-reworded.docx",
                    organisation="Northshire Police", completed_by="DCI Asha Patel",
                    date="14/01/2025", mechanism="content_control",
                    exercises="content controls; deleted options; reworded rows; conflicting; comment")
    _set(s, ["1.2"], text="The agency has a safeguarding policy which is reviewed every two years "
         "and gives clear guidance on what to do if there are concerns about a person's safety.")
    _set(s, ["2.5"], text="Staff and volunteers know their responsibilities if worried about a "
         "child at risk and the procedures to follow.")
    _set(s, ["3.2", "4.1"], mechanism="deleted_options")
    _set(s, ["2.3"], second="no")
    _set(s, ["1.5"], comment="Reviewed in appraisals (PDR template 2024)",
         evidence="Reviewed in appraisals (PDR template 2024)")
    return s


def nhs_trust() -> ReturnSpec:
    s = random_spec("wt2023", 2, name="wt2023-nhs-trust-legacy-formfields-tracked.docx",
                    organisation="Riverside NHS Foundation Trust", completed_by="Jo Okafor, Named Nurse",
                    date="2025-01-20", mechanism="form_field",
                    exercises="legacy form fields; tracked changes; typed words; strike-through; "
                    "deleted rows; placeholder evidence")
    _set(s, ["1.3"], tracked="no", answer="partial", actions="Plan agreed with ICB, due July 2025")
    _set(s, ["2.2"], tracked="yes", answer="no", actions="Set up a young people's panel by 2026")
    _set(s, ["2.7", "3.3"], mechanism="typed")
    _set(s, ["3.5", "4.2"], mechanism="strike")
    _set(s, ["1.9", "5.4"], delete=True)
    _set(s, ["2.4"], evidence="tbc")
    _set(s, ["2.6"], evidence="see above")
    return s


def council() -> ReturnSpec:
    s = random_spec("wt2023", 3, name="wt2023-district-council-typed-glyphs-swapped.docx",
                    organisation="Eastvale District Council", completed_by="Mark Owusu",
                    date="31 January 2025", mechanism="glyph",
                    exercises="typed glyphs; emphasis; deleted options; tracked changes; swapped rows; "
                    "N/A with and without a reason")
    s.swaps = [("2.3", "2.4"), ("3.6", "3.7")]
    _set(s, ["1.6", "2.9"], mechanism="emphasis")
    _set(s, ["1.11"], mechanism="deleted_options")
    _set(s, ["1.4"], tracked="partial", answer="yes", actions="")
    _set(s, ["5.1"], answer="na", evidence="The council does not commission services for children "
         "directly; commissioning sits with the county.", actions="")
    _set(s, ["5.2"], answer="na", evidence="", actions="")
    return s


def charity() -> ReturnSpec:
    s = random_spec("wt2023", 4, name="wt2023-charity-wingdings-renumbered.docx",
                    organisation="Brightstart Children's Charity", completed_by="Helen Cho",
                    date="02/02/2025", mechanism="wingdings",
                    exercises="Wingdings w:sym boxes; Wingdings runs; strike-through; numbering "
                    "removed and changed; unanswered rows")
    _set(s, ["2.1", "2.2", "2.3", "2.4"], number="")
    _set(s, ["3.1"], number="3.2")
    _set(s, ["3.2"], number="3.3")
    _set(s, ["1.8", "1.10", "4.4"], mechanism="wingdings_run")
    _set(s, ["1.12", "4.3"], mechanism="strike")
    _set(s, ["4.5", "2.11"], answer=None, evidence="", actions="", in_plan=False)
    return s


def sports_club() -> ReturnSpec:
    s = random_spec("wt2023", 5, name="wt2023-sports-club-rag-fills-merged-evidence.docx",
                    organisation="Westfield Juniors Football Club", completed_by="Sam Reid, Welfare Officer",
                    date="10/02/2025", mechanism="fill",
                    exercises="RAG cell shading; emphasis; typed words; evidence merged over two rows; "
                    "criterion split over two rows")
    _set(s, ["1.1"], merge_down=True)
    _set(s, ["1.2"], evidence=s.items["1.1"].evidence)
    _set(s, ["2.6", "3.8"], mechanism="emphasis")
    _set(s, ["4.1", "4.2"], mechanism="typed")
    _set(s, ["2.10"], split=True)
    return s


def surgery_cc() -> ReturnSpec:
    s = random_spec("gp2014", 6, name="gp2014-surgery-content-controls-reworded.docx",
                    organisation="Elm Street Surgery", completed_by="Dr Priya Nair",
                    date="15/12/2014", mechanism="content_control",
                    exercises="content-control boxes under option headers; reworded rows; conflicting")
    _set(s, ["1.4"], text="Staff clearly understand their role in safeguarding and promoting "
         "children's welfare.")
    _set(s, ["6.3"], text="Necessary checks (e.g. DBS) are carried out and repeated every three years")
    _set(s, ["5.6"], second="not_met")
    s.statements = {"1": "Leads named; plans shared at practice meetings."}
    return s


def surgery_ff() -> ReturnSpec:
    s = random_spec("gp2014", 7, name="gp2014-health-centre-formfields-x-deleted-rows.docx",
                    organisation="Hillside Health Centre", completed_by="Ann Morris, Practice Manager",
                    date="09/01/2015", mechanism="form_field",
                    exercises="legacy form fields; X typed in option columns; deleted rows; "
                    "placeholders; comment")
    _set(s, ["2.3", "7.2", "7.6"], mechanism="x")
    _set(s, ["5.10", "6.9"], delete=True)
    _set(s, ["4.2"], evidence="-")
    _set(s, ["8.1"], evidence="n/a", answer="fully_met", actions="")
    _set(s, ["3.2"], comment="JDs updated 2014", evidence="JDs updated 2014")
    return s


def surgery_wd() -> ReturnSpec:
    s = random_spec("gp2014", 8, name="gp2014-medical-practice-wingdings-na-swapped.docx",
                    organisation="Oakwood Medical Practice", completed_by="Dr Tom Hughes",
                    date="12/01/2015", mechanism="wingdings",
                    exercises="Wingdings boxes; Wingdings runs; N/A across option cells and N/A in "
                    "evidence; swapped rows")
    s.swaps = [("6.4", "6.5")]
    _set(s, ["5.2", "5.3"], mechanism="wingdings_run")
    _set(s, ["2.5"], answer="na", na_across=True,
         evidence="The practice does not commission services through third parties.", actions="")
    _set(s, ["6.9"], answer="na", evidence="N/A - no services are commissioned by the practice",
         actions="")
    _set(s, ["9.1", "9.2"], answer="na", na_across=True, evidence="", actions="")
    return s


def surgery_fill() -> ReturnSpec:
    s = random_spec("gp2014", 9, name="gp2014-group-practice-shaded-x-unanswered.docx",
                    organisation="Meadow Group Practice", completed_by="Carol Bates",
                    date="20/01/2015", mechanism="fill",
                    exercises="shaded option cells; X typed; numbering removed; unanswered rows")
    _set(s, ["1.2", "1.3"], mechanism="x")
    _set(s, ["4.1", "4.2", "4.3"], number="")
    _set(s, ["6.12", "7.8"], answer=None, evidence="", actions="")
    return s


def bscb_cc() -> ReturnSpec:
    s = random_spec("bscb2016", 10, name="bscb2016-youth-service-content-controls.docx",
                    organisation="County Youth Service", completed_by="Priya Shah",
                    date="30/06/2016", mechanism="content_control",
                    exercises="content-control rating boxes; several actions; conflicting ratings")
    _set(s, ["2"], answer="amber", actions="Refresh the policy\nBrief all managers")
    _set(s, ["7"], second="red")
    return s


def bscb_glyph() -> ReturnSpec:
    s = random_spec("bscb2016", 11, name="bscb2016-housing-glyphs-na-deleted.docx",
                    organisation="Bucks Housing Association", completed_by="Leon Grant",
                    date="28/06/2016", mechanism="glyph",
                    exercises="typed box glyphs; N/A with a reason; deleted area")
    _set(s, ["6"], answer="na", evidence="We do not contract services to other organisations.",
         actions="")
    _set(s, ["8"], delete=True)
    return s


def bscb_fill() -> ReturnSpec:
    s = random_spec("bscb2016", 12, name="bscb2016-academy-trust-shaded-missing-date.docx",
                    organisation="Chiltern Academy Trust", completed_by="Grace Lee",
                    date="", mechanism="fill",
                    exercises="rating cell shaded instead of ticked; placeholder evidence; no date")
    _set(s, ["3"], evidence="see above")
    _set(s, ["5"], answer="red", actions="")
    return s


SAMPLES: list[Callable[[], ReturnSpec]] = [
    police, nhs_trust, council, charity, sports_club, surgery_cc, surgery_ff, surgery_wd,
    surgery_fill, bscb_cc, bscb_glyph, bscb_fill,
]


def main(out: Path = HERE) -> None:
    (out / "word").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(parents=True, exist_ok=True)
    for make in SAMPLES:
        spec = make()
        build_docx(spec, out / "word" / spec.name)
        write_truth(spec, out / "truth" / f"{spec.name}.truth.json")
        print(f"wrote {spec.name}")
    if out == HERE:  # the Excel and PDF samples come from their own scripts
        import runpy

        for script in ("make_xlsx_samples.py", "make_pdf_samples.py"):
            runpy.run_path(str(HERE / script), run_name="__main__")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
