"""Scans made from the PDF samples (samples/make_scan_samples.py, the small set: grey JPEG at
150 dpi, a rotated noisy colour scan, a dark copy with a pen tick over an empty box) read
against their answer keys. The full set and its figures: tests/tools/scan_report.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.scan_accuracy import ScanTally, read_scan_set

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract OCR is not installed"
)

RESPONSE_FLOOR = 0.97  # issue 13: tick-box returns
EVIDENCE_FLOOR = 0.95  # evidence at similarity >= 90, where the print shows it whole


@pytest.fixture(scope="session")
def scan_set(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ScanTally]:
    """The small scan set, made once per session into a temporary folder and read."""
    from make_scan_samples import variants  # samples/ is on the path (tests.scan_accuracy)

    folder: Path = tmp_path_factory.mktemp("scans")
    return {v.name: read_scan_set(v, folder) for v in variants(small=True)}


def test_responses_on_scanned_tick_box_returns(scan_set: dict[str, ScanTally]) -> None:
    total = ScanTally()
    for tally in scan_set.values():
        total.add(tally)
    assert total.response_rate >= RESPONSE_FLOOR, "\n".join(total.wrong)


def test_evidence_of_word_exports_survives_the_scan(scan_set: dict[str, ScanTally]) -> None:
    # AcroForm text fields print only what fits their box, so only the Word exports count.
    exports = [t for name, t in scan_set.items() if "export" in name]
    assert exports
    total = ScanTally()
    for tally in exports:
        total.add(tally)
    assert total.evidence_rate >= EVIDENCE_FLOOR


def test_pen_tick_over_an_empty_printed_box_is_read(scan_set: dict[str, ScanTally]) -> None:
    pen = [t for name, t in scan_set.items() if name.endswith("-pen.pdf")]
    assert pen
    assert not [w for t in pen for w in t.wrong if " 2.2:" in w]


def test_speed_per_page(scan_set: dict[str, ScanTally]) -> None:
    total = ScanTally()
    for tally in scan_set.values():
        total.add(tally)
    # Issue 13 asks <= 3 s a page on one core (README, `make bench`); a shared CI machine
    # gets twice that before this fails.
    assert total.seconds_per_page <= 6.0
