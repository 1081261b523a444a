"""The pages' forms: small urlencoded bodies, capped before a byte is parsed.

Starlette's `request.form()` accepts multipart with file parts spooled to disk and a thousand
fields of a megabyte each; the sign-in form is answered before anyone is known, so it (and
every other page form) is read here instead: urlencoded only, the declared length checked
before reading, the bytes counted while they arrive, a handful of short fields.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import HTTPException
from starlette.requests import Request

URLENCODED = "application/x-www-form-urlencoded"


async def read_form(request: Request, max_bytes: int, max_fields: int) -> dict[str, str]:
    """The form's fields (the first value of each); 415, 413 or 400 with one line otherwise."""
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype != URLENCODED:
        raise HTTPException(415, f"send this form as {URLENCODED} (no files)")
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isdigit() or int(declared) > max_bytes):
        raise HTTPException(413, f"the form is larger than {max_bytes} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise HTTPException(413, f"the form is larger than {max_bytes} bytes")
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            max_num_fields=max_fields,
            errors="strict",
        )
    except (UnicodeDecodeError, ValueError) as e:
        raise HTTPException(400, f"the form could not be read (at most {max_fields} fields)") from e
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields
