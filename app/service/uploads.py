"""Uploads read from the request stream: each file counted against the cap while it arrives,
before anything parses it, hashed on the way to a temporary file."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from app.service.guard import BodyTimeout

FIELD = "files"
MAX_FIELD = 4096  # bytes of any other form field (the CSRF token)


class UploadError(Exception):
    """An upload refused before it was stored: HTTP status and one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Received:
    name: str
    path: Path
    size: int = 0
    sha256: str = ""


@dataclass
class _Parts:
    folder: Path
    cap: int
    max_files: int
    files: list[Received] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    too_large: str | None = None
    headers: dict[bytes, bytes] = field(default_factory=dict)
    header: bytes = b""
    value: bytes = b""
    current: Received | None = None
    sink: IO[bytes] | None = None
    digest: Any = None
    field_name: str | None = None
    field_value: bytearray = field(default_factory=bytearray)

    def part_begin(self) -> None:
        self.headers, self.current, self.field_name = {}, None, None

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.header += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.header.lower()] = self.value
        self.header, self.value = b"", b""

    def headers_finished(self) -> None:
        _, params = parse_options_header(self.headers.get(b"content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        if name == FIELD and filename is not None:
            if len(self.files) >= self.max_files:
                raise UploadError(413, f"at most {self.max_files} files in one upload")
            fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=self.folder)
            self.sink = os.fdopen(fd, "wb")
            self.digest = hashlib.sha256()
            self.current = Received(filename.decode("utf-8", "replace"), Path(tmp))
            self.files.append(self.current)
        else:
            self.field_name, self.field_value = name, bytearray()

    def part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.current is not None and self.sink is not None:
            self.current.size += len(chunk)
            if self.current.size > self.cap:
                self.too_large = self.current.name
                return
            self.sink.write(chunk)
            self.digest.update(chunk)
        elif self.field_name is not None:
            self.field_value += chunk
            if len(self.field_value) > MAX_FIELD:
                raise UploadError(413, f"form field {self.field_name!r} is too long")

    def part_end(self) -> None:
        if self.current is not None and self.sink is not None:
            self.sink.close()
            self.sink = None
            self.current.sha256 = self.digest.hexdigest()
        elif self.field_name is not None:
            self.fields[self.field_name] = self.field_value.decode("utf-8", "replace")

    def discard(self) -> None:
        if self.sink is not None:
            self.sink.close()
        for f in self.files:
            f.path.unlink(missing_ok=True)


async def receive(
    request: Request, folder: Path, cap: int, max_files: int
) -> tuple[list[Received], dict[str, str]]:
    """The uploaded files (in temporary files under `folder`) and the other form fields."""
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadError(415, f"send the returns as multipart/form-data in the field {FIELD!r}")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap * max_files + MAX_FIELD * 4:
        raise UploadError(413, f"the upload is larger than {max_files} files of the limit")
    for private in (folder.parent, folder):  # uploads/ and its temporary files: 0700, 0600
        private.mkdir(exist_ok=True, mode=0o700)
    parts = _Parts(folder, cap, max_files)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": parts.part_begin,
            "on_header_field": parts.header_field,
            "on_header_value": parts.header_value,
            "on_header_end": parts.header_end,
            "on_headers_finished": parts.headers_finished,
            "on_part_data": parts.part_data,
            "on_part_end": parts.part_end,
        },
    )
    try:
        async for chunk in request.stream():
            parser.write(chunk)
            if parts.too_large is not None:
                mb = cap / (1024 * 1024)
                raise UploadError(413, f"{parts.too_large}: larger than the {mb:.3g} MB limit")
        parser.finalize()
    except (UploadError, ClientDisconnect, BodyTimeout):
        parts.discard()  # a client that left or stalled is one line (app/service/guard.py)
        raise
    except Exception as e:  # a malformed body: one line, nothing kept
        parts.discard()
        raise UploadError(400, f"the upload could not be read ({type(e).__name__})") from e
    if not parts.files:
        raise UploadError(400, f"no files in the field {FIELD!r}")
    return parts.files, parts.fields
