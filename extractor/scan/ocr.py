"""Words on a scanned page from Tesseract 5 (pytesseract), each with its box and confidence:
the page read once, its rules and boxes painted out first, one core, within a timeout."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2

from extractor.errors import OcrUnavailableError, UnreadableScanError
from extractor.scan.image import Image
from extractor.scan.settings import SETTINGS

_RULE_DEBRIS = "|[]{}_~`'\"™"  # what OCR makes of what is left of a rule or a box side


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels
    confidence: float  # Tesseract's 0..100

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


def tesseract_available() -> bool:
    """Tesseract is on PATH (scans can be read)."""
    return shutil.which("tesseract") is not None


def read_words(image: Image, path: Path, page: int) -> list[Word]:
    """The page's words with their confidences (Tesseract, sparse text, one thread)."""
    return _read(image, path, page, SETTINGS.ocr_psm)


def read_line(image: Image, path: Path, page: int) -> list[Word]:
    """The words of one line of text (a strip of marks set side by side)."""
    return _read(image, path, page, SETTINGS.lone_psm)


def _read(image: Image, path: Path, page: int, psm: int) -> list[Word]:
    import pytesseract

    if not tesseract_available():
        raise OcrUnavailableError(
            path,
            "this is a scanned image; reading it needs Tesseract OCR, which is not installed "
            "(run `make system`) — or ask for the original Word/Excel file",
        )
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page, as the workers expect
    config = f"--psm {psm} -c tessedit_do_invert=0"
    try:
        with tempfile.TemporaryDirectory(prefix="s11-ocr-") as folder:
            # Handed over as an uncompressed file: pytesseract's own PNG encoding of a page
            # costs about as much as the OCR.
            file = str(Path(folder) / "page.pnm")
            cv2.imwrite(file, image)
            data = pytesseract.image_to_data(
                file,
                lang="eng",
                config=config,
                output_type=pytesseract.Output.DICT,
                timeout=SETTINGS.ocr_timeout,
            )
    except RuntimeError as e:  # pytesseract's timeout
        raise UnreadableScanError(
            path, f"reading the scanned page {page} took over {SETTINGS.ocr_timeout:.0f} s"
        ) from e
    except (pytesseract.TesseractError, OSError) as e:
        raise OcrUnavailableError(path, f"Tesseract OCR failed on scanned page {page} ({e})") from e
    words = []
    for text, conf, x, y, w, h in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"],
        strict=True,
    ):
        text = str(text).strip()
        confidence = float(conf)
        if text.strip(_RULE_DEBRIS) and confidence >= SETTINGS.min_word_confidence:
            words.append(Word(text, (int(x), int(y), int(x) + int(w), int(y) + int(h)), confidence))
    return words


def lines_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines (by vertical overlap), each line left to right, top down."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.centre[1]):
        if lines:
            last = lines[-1]
            top = min(w.box[1] for w in last)
            bottom = max(w.box[3] for w in last)
            height = max(1, bottom - top)
            if word.centre[1] <= bottom and word.centre[1] >= top - height * 0.2:
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]
