"""Rebuild the PDF sample returns (samples/pdf) and their answer keys: `make samples`.

Most are Word returns (built like the Word samples, from specs with their own seeds, so not
themselves in samples/) exported to PDF by LibreOffice, as agencies "save as PDF"; two are
fillable AcroForm returns drawn with reportlab, and one is the est2014 online tool's PDF
export. Without `soffice` only the AcroForm ones are
rebuilt. LibreOffice stamps each export with its time, so rebuilt PDFs differ in those bytes
(and their golden files in sha256) while reading the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from gen.acroform import build_acroform  # noqa: E402
from gen.build import build_docx, write_truth  # noqa: E402
from gen.content import random_spec  # noqa: E402
from gen.est import est_export, est_pdf  # noqa: E402
from gen.spec import ReturnSpec, set_items as _set  # noqa: E402

PDF = HERE / "pdf"
TRUTH = HERE / "truth"



def exported() -> list[ReturnSpec]:
    """Word returns that LibreOffice exports to PDF: marks that survive printing."""
    specs = []
    s = random_spec("wt2023", 41, name="wt2023-county-council-glyphs-export.pdf",
                    organisation="Hartshire County Council", completed_by="Ian Webb",
                    date="17/02/2025", mechanism="glyph",
                    exercises="Word export: typed box glyphs; N/A with a reason; unanswered")
    _set(s, ["5.1"], answer="na", evidence="No services are commissioned.", actions="",
         in_plan=False)
    _set(s, ["2.4"], answer=None, evidence="", actions="", in_plan=False)
    specs.append(s)
    s = random_spec("wt2023", 42, name="wt2023-ambulance-trust-wingdings-export.pdf",
                    organisation="Eastern Ambulance Service", completed_by="Kay Doyle",
                    date="18/02/2025", mechanism="wingdings",
                    exercises="Word export: Wingdings boxes (private-use glyphs in the PDF)")
    _set(s, ["1.4", "3.3"], mechanism="wingdings_run")
    specs.append(s)
    s = random_spec("wt2023", 43, name="wt2023-leisure-trust-shaded-export.pdf",
                    organisation="Vale Leisure Trust", completed_by="Rob Chen",
                    date="19/02/2025", mechanism="fill",
                    exercises="Word export: answer cells shaded green/amber/red")
    specs.append(s)
    s = random_spec("wt2023", 44, name="wt2023-prison-formfields-export.pdf",
                    organisation="HMP Northfield", completed_by="Gail Stone",
                    date="20/02/2025", mechanism="form_field",
                    exercises="Word export: legacy form-field check boxes drawn as vector boxes; "
                    "conflicting")
    _set(s, ["1.2"], second="no")
    specs.append(s)
    s = random_spec("gp2014", 45, name="gp2014-village-surgery-x-export.pdf",
                    organisation="Village Surgery", completed_by="Dr Ruth Kaur",
                    date="14/01/2015", mechanism="x",
                    exercises="Word export: X typed in option columns; deleted rows")
    _set(s, ["5.3", "7.4"], delete=True)
    specs.append(s)
    s = random_spec("gp2014", 46, name="gp2014-dental-practice-boxes-export.pdf",
                    organisation="Harbour Dental Practice", completed_by="Mo Ahmed",
                    date="15/01/2015", mechanism="content_control",
                    exercises="Word export: content-control boxes printed as glyphs")
    specs.append(s)
    s = random_spec("gp2014", 47, name="gp2014-pharmacy-shaded-export.pdf",
                    organisation="Central Pharmacy", completed_by="Jane Ode",
                    date="16/01/2015", mechanism="fill",
                    exercises="Word export: option cells shaded")
    specs.append(s)
    s = random_spec("bscb2016", 48, name="bscb2016-fire-service-glyphs-export.pdf",
                    organisation="Bucks Fire and Rescue", completed_by="Neil Hart",
                    date="05/07/2016", mechanism="glyph",
                    exercises="Word export: rating boxes as glyphs; N/A with a reason")
    _set(s, ["6"], answer="na", evidence="We do not commission services.", actions="")
    specs.append(s)
    s = random_spec("bscb2016", 49, name="bscb2016-college-shaded-export.pdf",
                    organisation="Aylesbury College", completed_by="Fay Moss",
                    date="06/07/2016", mechanism="fill",
                    exercises="Word export: rating cell shaded")
    specs.append(s)
    return specs


def fillable() -> list[tuple[ReturnSpec, bool]]:
    """Fillable PDF forms: (spec, radio buttons instead of check boxes)."""
    s = random_spec("wt2023", 51, name="wt2023-scouts-acroform-checkboxes.pdf",
                    organisation="District Scouts", completed_by="Lee Grant", date="21/02/2025",
                    exercises="AcroForm check boxes and multi-line text fields; unanswered; "
                    "conflicting")
    s.self_ratings = dict.fromkeys(s.self_ratings)
    _set(s, ["2.2"], answer=None, evidence="", actions="", in_plan=False)
    _set(s, ["3.1"], second="partial")
    for spec in s.items.values():
        spec.in_plan = False  # this form has no action-plan column
        if spec.answer == "answered":  # nor the free-text part 6
            spec.answer, spec.evidence = None, ""
    t = random_spec("gp2014", 52, name="gp2014-walk-in-centre-acroform-radio.pdf",
                    organisation="Walk-in Centre", completed_by="Ada Obi", date="22/01/2015",
                    exercises="AcroForm radio buttons and text fields")
    t.self_ratings = dict.fromkeys(t.self_ratings)
    _set(t, ["4.1"], answer=None, evidence="", actions="")
    return [(s, False), (t, True)]


def export(docx: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out.parent), str(docx)],
            check=True, capture_output=True, timeout=180,
        )
    produced = out.parent / f"{docx.stem}.pdf"
    produced.replace(out)


def main() -> None:
    PDF.mkdir(parents=True, exist_ok=True)
    TRUTH.mkdir(parents=True, exist_ok=True)
    if shutil.which("soffice") is None:
        print("soffice not found: Word-exported PDF samples not rebuilt (run `make system`)")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for spec in exported():
                docx = Path(tmp) / spec.name.replace(".pdf", ".docx")
                build_docx(spec, docx)
                export(docx, PDF / spec.name)
                write_truth(spec, TRUTH / f"{spec.name}.truth.json")
                print(f"wrote {spec.name}")
    for spec, radio in fillable():
        build_acroform(spec, PDF / spec.name, radio=radio)
        write_truth(spec, TRUTH / f"{spec.name}.truth.json")
        print(f"wrote {spec.name}")
    name = "est2014-southend-summary-export.pdf"  # the online tool's PDF export
    export = est_export("Southend Borough Council", seed=53, misprint=None)
    est_pdf(export, PDF / name)
    (TRUTH / f"{name}.truth.json").write_text(
        json.dumps(export.key, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {name}")


if __name__ == "__main__":
    main()
