"""Typed exceptions. Each message names the file and says what a business manager can do."""

from __future__ import annotations

from pathlib import Path


class S11Error(Exception):
    """Root of every error s11 raises on purpose."""


class DocumentLoadError(S11Error, ValueError):
    """A file could not be read as a return."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        # One line, whatever a library put in the exception text it came from.
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.path.name}: {self.problem}")


class UnsupportedFormatError(DocumentLoadError):
    """The bytes are not a Word, PDF or Excel file s11 reads."""


class EmptyFileError(DocumentLoadError):
    """The file has no bytes."""


class DamagedFileError(DocumentLoadError):
    """The container opened but its contents are corrupt (bad CRC, truncated stream)."""


class PasswordProtectedError(DocumentLoadError):
    """The file is encrypted; the sender must remove the password."""


class UnsafeDocumentError(DocumentLoadError):
    """The file looks hostile (zip bomb, DTD or entity declarations)."""


class ScannedDocumentError(DocumentLoadError):
    """Every page is an image with no text layer."""


class UnreadableScanError(ScannedDocumentError):
    """A scanned page or image that is blank, not a form, or too poor to read."""


class OcrUnavailableError(ScannedDocumentError):
    """Reading a scan needs Tesseract OCR, which is not installed or failed to run."""


class ConversionError(DocumentLoadError):
    """A legacy format could not be converted (LibreOffice missing or failed)."""


class OwnReportError(DocumentLoadError):
    """The file is one of s11's own reports (gap workbook, board summary), not a return."""


class NoAnswersError(S11Error, ValueError):
    """A document quotes a toolkit's criteria but has nowhere an answer could be."""

    def __init__(self, path: Path | str, toolkit_id: str) -> None:
        self.path = Path(path)
        self.toolkit_id = toolkit_id
        super().__init__(
            f"{self.path.name}: mentions the toolkit's criteria ({toolkit_id}) but holds no "
            "answers (no option columns, tick boxes, answer words or RAG colours beside them); "
            "send the completed return"
        )


class ToolkitError(S11Error, ValueError):
    """A toolkit mapping file is invalid; the message names the file and the path inside it."""


class UnknownToolkitError(S11Error, LookupError):
    """A document matches none of the known toolkits well enough."""

    def __init__(self, path: Path | str, closest: list[tuple[str, float]]) -> None:
        self.path = Path(path)
        self.closest = closest
        near = ", ".join(f"{tid} ({score:.0%})" for tid, score in closest) or "none"
        super().__init__(
            f"{self.path.name}: not recognised as a known Section 11 toolkit "
            f"(closest: {near}); check it is a completed return or add its toolkit YAML"
        )
