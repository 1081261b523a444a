"""The organisation block: name, person completing, date, from the document's key/value fields."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extractor.model import FormDocument
from mappings.normalise import fold
from mappings.reading import Organisation
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit

_GENERIC = {
    "name": ("organisation", "organisation name", "name of organisation", "agency", "service"),
    "completed_by": ("completed by", "name of person completing", "person completing"),
    "date": ("date", "date completed", "date of completion"),
}
# A header field naming a way to reach the person completing: its key holds one of these words.
_CONTACT_KEYS = {"contact", "email", "e-mail", "mail", "phone", "telephone", "tel", "mobile"}
# An email address, or a phone number of 9+ digits (spaces, dots, dashes and a leading + allowed).
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ().-]{7,}\d")


def is_header_label(text: str, toolkit: Toolkit) -> bool:
    """Whether `text` is one of the organisation block's labels ("Organisation / Service",
    "Person responsible for audit", "Post held"), as the toolkit or any form names them."""
    key = fold(text)
    if not key or len(key.split()) > 16:
        return False
    header = toolkit.header
    labels = [
        *header.organisation,
        *header.completed_by,
        *header.date,
        *header.other,
        *(p for phrases in _GENERIC.values() for p in phrases),
    ]
    return max(fuzz.ratio(key, fold(p)) for p in labels) >= SETTINGS.field_key_cutoff


def read_organisation(doc: FormDocument, toolkit: Toolkit) -> Organisation:
    """Match field keys to the toolkit's header labels; the first good value wins."""
    labels = {
        "name": [*toolkit.header.organisation, *_GENERIC["name"]],
        "completed_by": [*toolkit.header.completed_by, *_GENERIC["completed_by"]],
        "date": [*toolkit.header.date, *_GENERIC["date"]],
    }
    best: dict[str, tuple[float, str]] = {}
    for fld in doc.fields:
        key = fold(fld.key)
        value = fld.value.strip()
        if not key or not value or len(key.split()) > 16:
            continue
        for target, phrases in labels.items():
            score = max(fuzz.ratio(key, fold(p)) for p in phrases)
            if score >= SETTINGS.field_key_cutoff and score > best.get(target, (0.0, ""))[0]:
                best[target] = (score, value)
    return Organisation(
        name=best.get("name", (0, ""))[1],
        completed_by=best.get("completed_by", (0, ""))[1],
        date=best.get("date", (0, ""))[1],
        contact="; ".join(contacts(doc)),
    )


def contacts(doc: FormDocument) -> list[str]:
    """The email addresses and phone numbers in the contact fields, in order, once each."""
    found: list[str] = []
    for fld in doc.fields:
        if not _CONTACT_KEYS & set(re.split(r"[^\w-]+", fld.key.casefold())):
            continue
        for hit in _CONTACT.findall(fld.value):
            if hit not in found and (("@" in hit) or sum(c.isdigit() for c in hit) >= 9):
                found.append(hit)
    return found
