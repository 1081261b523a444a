"""Office-made scans (samples/make_office_scans.py: printed through LibreOffice, ticked in pen,
signed, specked, skewed, lit unevenly, JPEG or G4, grey, colour, bilevel, a phone photo) read
against their answer keys: a page or two of each return, made once per session.

Issue 25 asks response >= 97%, gap F1 >= 0.93 and sure answers (>= 0.9) right >= 99.5%, with
no crash. Where the reader does not reach a target yet, BELOW_TARGET holds the figure it
measured: the suite stays green and a regression fails. Lower a number there only with a
reason; raise it (or remove it) as the reader improves. The full set and the per-kind table:
`make office-scans` (tests/tools/office_report.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.office_accuracy import OfficeTally, read_office_scan

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None
    or shutil.which("soffice") is None
    or shutil.which("pdftoppm") is None,
    reason="needs Tesseract, LibreOffice and poppler's pdftoppm (make system)",
)

TARGET = {"response": 0.97, "gap_f1": 0.93, "sure_right": 0.995, "refused": 0}
# Measured on this set (README, "Office-made scans", 2026-12-07, after the box, open-row, fill
# and lone-mark mechanisms and the mapping's own-item and cut-short rules: response 94.0%, gap
# F1 0.545, 2 refused), with room for one item (the set scores 117, few of them true gaps, so
# one item moves gap F1 by about 0.05): ratchets, not the target. Refused is held at 3: runs
# of the same code have counted one more refusal than another, a difference not explained.
# Sure answers were right 90 of 90, so that floor is the target itself.
BELOW_TARGET: dict[str, float] = {"response": 0.93, "gap_f1": 0.5, "refused": 3}
SECONDS_PER_PAGE = 6.0  # issue 25 asks <= 2 s a page at 200 dpi; a shared CI machine gets more


def floor(name: str) -> float:
    return BELOW_TARGET.get(name, TARGET[name])


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, OfficeTally]:
    """The suite's office scans, made once per session and read."""
    from make_office_scans import office_set, print_all  # samples/ is on the path

    folder: Path = tmp_path_factory.mktemp("office")
    cache = folder / "printed"
    chosen = office_set()
    print_all(chosen, cache)
    return {v.name: read_office_scan(v, folder, cache) for v in chosen}


@pytest.fixture(scope="session")
def total(office: dict[str, OfficeTally]) -> OfficeTally:
    out = OfficeTally()
    for tally in office.values():
        out.add(tally)
    return out


def test_the_set_covers_thirty_returns_and_every_kind(office: dict[str, OfficeTally]) -> None:
    from make_office_scans import KINDS, PHOTO, office_set

    assert len(office) >= 30
    kinds = {v.degradation for v in office_set()}
    assert kinds == {k.degradation for k in (*KINDS, PHOTO)}


def test_no_crash(total: OfficeTally) -> None:
    assert total.crashed == 0, "\n".join(total.wrong)


def test_readable_returns_are_recognised(total: OfficeTally) -> None:
    assert total.refused <= floor("refused"), "\n".join(w for w in total.wrong if ": " in w)


def test_responses(total: OfficeTally) -> None:
    assert total.response_rate >= floor("response"), "\n".join(total.wrong)


def test_gap_f1(total: OfficeTally) -> None:
    assert total.gap_f1 >= floor("gap_f1")


def test_sure_answers_are_right(total: OfficeTally) -> None:
    wrong_sure = [w for w in total.wrong if " at " in w and _sure(w)]
    assert total.sure_rate >= floor("sure_right"), "\n".join(wrong_sure)


def test_seconds_per_page(total: OfficeTally) -> None:
    assert total.seconds_per_page <= SECONDS_PER_PAGE


def _sure(line: str) -> bool:
    try:
        return float(line.rsplit(" at ", 1)[1]) >= 0.9
    except ValueError:  # "at None": nothing read; a refusal's own words
        return False
