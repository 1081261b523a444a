"""Is evidence really evidence? Placeholders and evidence with nothing concrete in it."""

from __future__ import annotations

import re

# Compared case-insensitively with a trailing full stop ignored (DESIGN.md; extend, never shrink).
PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "--",
        "n/a",
        "tbc",
        "see above",
        "yes",
        "none",
        "na",
        "n.a",
        "no",
        "tba",
        "to follow",
        "as above",
        "nil",
        "x",
        "?",
        "...",
        "…",
        "tbd",
        "to be confirmed",
        "see attached",
        "attached",
        "ongoing",
        "in place",
        "yes - see above",
        "as per policy",
        "see evidence",
        "evidence available",
        "available on request",
        "ok",
        "done",
        "complete",
    }
)

DOCUMENT_WORDS = (
    "policy",
    "policies",
    "procedure",
    "minutes",
    "report",
    "audit",
    "plan",
    "register",
    "log",
    "record",
    "matrix",
    "job description",
    "contract",
    "dbs",
    "framework",
    "strategy",
    "guidance",
    "handbook",
    "agenda",
    "terms of reference",
    "spreadsheet",
    "database",
    "dashboard",
    "survey",
    "training",
    "induction",
    "supervision",
    "appraisal",
    "checklist",
    "protocol",
    "review",
    "action plan",
    "risk assessment",
    "newsletter",
    "intranet",
    "website",
    "e-learning",
)
ROLE_WORDS = (
    "lead",
    "manager",
    "officer",
    "designated",
    "named",
    "director",
    "nurse",
    "gp",
    "board",
    "head of",
    "chief",
    "dsl",
    "governor",
    "trustee",
    "partner",
    "practitioner",
    "coordinator",
    "champion",
    "executive",
    "clinician",
    "doctor",
    "safeguarding team",
    "hr",
)
PROCESS_WORDS = (
    "mash",
    "lado",
    "caf",
    "early help",
    "prevent",
    "channel",
    "mappa",
    "marac",
    "lscb",
    "lscp",
    "cse",
    "fgm",
    "section 11",
    "working together",
    "safer recruitment",
    "whistleblowing",
    "escalation",
    "referral",
    "multi-agency",
    "multi agency",
)
_NUMBER = re.compile(r"\d")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def is_placeholder(text: str, extra: list[str] | tuple[str, ...] = ()) -> bool:
    """True when the text says nothing: empty, '-', 'n/a', 'tbc', 'see above', …"""
    folded = re.sub(r"\s+", " ", text.strip().lower()).rstrip(".").strip()
    return folded in PLACEHOLDERS or folded in {e.lower().rstrip(".") for e in extra}


_NA_LEAD = re.compile(r"^\s*(?:n\s*/\s*a|n\.a\.?|na|not\s+applicable)\b[\s.:;,\-–—]*", re.I)


def na_reason(text: str) -> str:
    """What an N/A evidence cell says beyond the N/A itself ("N/A - no volunteers" -> "no
    volunteers"): the reason a reviewer needs."""
    return _NA_LEAD.sub("", text, count=1).strip()


def is_thin(text: str) -> bool:
    """Evidence with no document, date or number, role, named process or acronym in it."""
    lower = f" {text.lower()} "
    if _NUMBER.search(text) or _ACRONYM.search(text):
        return False
    words = (*DOCUMENT_WORDS, *ROLE_WORDS, *PROCESS_WORDS)
    return not any(re.search(rf"\b{re.escape(w)}", lower) for w in words)
