"""The batch's per-file time limit grows with the pages a file may have scanned
(app/batch/limits.py); other files keep the plain limit."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from app.batch.limits import SCAN_SECONDS_PER_PAGE, file_limit


def test_a_multi_page_tiff_gets_time_for_each_page(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    pages = [Image.new("1", (60, 80), 1) for _ in range(3)]
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="group4")
    assert file_limit(path, 120) == 120 + 3 * SCAN_SECONDS_PER_PAGE


def test_a_pdf_gets_time_for_each_page_object(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    Image.new("L", (60, 80), 255).save(
        path, "PDF", save_all=True, append_images=[Image.new("L", (60, 80), 255)] * 4
    )
    assert file_limit(path, 120) == 120 + 5 * SCAN_SECONDS_PER_PAGE


def test_word_files_and_uncountable_images(tmp_path: Path) -> None:
    word = tmp_path / "return.docx"
    word.write_bytes(b"PK\x03\x04")
    assert file_limit(word, 3) == 3
    broken = tmp_path / "broken.tif"
    broken.write_bytes(b"II*\x00garbage")
    assert file_limit(broken, 3) == 3 + SCAN_SECONDS_PER_PAGE
