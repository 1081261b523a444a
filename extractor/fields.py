"""Header key/value pairs ("Organisation / Service" -> "Acme NHS Trust"), for every format.

Run by the dispatcher after any reader: two-cell label/value rows in tables, a label cell
with its value in the cell below, and "Key: value" paragraphs.
"""

from __future__ import annotations

import re

from extractor.model import Field, FormDocument

MAX_KEY_WORDS = 16
_KEY_VALUE = re.compile(r"^\s*([A-Za-z][^:\n]{1,80}?)\s*:\s*(\S.*)$")


def collect_fields(doc: FormDocument) -> list[Field]:
    found: list[Field] = []
    for table in doc.walk_tables():
        for row in table.rows:
            cells = [c for c in row.cells if not c.continued]
            texts = [c.text.strip() for c in cells]
            for i in range(len(cells) - 1):
                key, value = texts[i], texts[i + 1]
                if _is_key(key) and value and not _is_key_only(value):
                    found.append(Field(key.rstrip(": "), value, cells[i + 1].provenance))
            for text, cell in zip(texts, cells, strict=True):
                match = _KEY_VALUE.match(text)
                if match and len(match.group(1).split()) <= MAX_KEY_WORDS:
                    found.append(Field(match.group(1), match.group(2).strip(), cell.provenance))
    for paragraph in doc.paragraphs:
        for line in paragraph.text.splitlines():
            match = _KEY_VALUE.match(line)
            if match and len(match.group(1).split()) <= MAX_KEY_WORDS:
                found.append(Field(match.group(1), match.group(2).strip(), paragraph.provenance))
    return found


def _is_key(text: str) -> bool:
    return bool(text) and len(text.split()) <= MAX_KEY_WORDS and "\n" not in text.strip()


def _is_key_only(text: str) -> bool:
    return text.endswith(":")
