"""Dates named in free text: "14/01/2025", "2025-01-14", "31 January 2025", "March 2024",
"Q3 2024", "2024-25", "2021". UK order (day first). Each is taken at the latest day it can mean
("March 2024" is 31 March 2024, "2021" is 31 December 2021), so old evidence is never
over-called."""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {
    name: n
    for n in range(1, 13)
    for name in (calendar.month_name[n].lower(), calendar.month_abbr[n].lower())
}
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
YEAR = r"(?:19|20)\d{2}"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b({YEAR})-(\d{{1,2}})-(\d{{1,2}})\b")),
    ("dmy", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")),
    (
        "day_month",
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+({YEAR})\b", re.I),
    ),
    ("month", re.compile(rf"\b({_MONTH})\.?,?\s+({YEAR})\b", re.I)),
    ("quarter", re.compile(rf"\bQ([1-4])\s*({YEAR})\b", re.I)),
    ("span", re.compile(rf"\b({YEAR})\s*[-/–]\s*(\d{{2}})\b")),
    ("year", re.compile(rf"\b({YEAR})\b")),
)


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _make(kind: str, g: tuple[str, ...]) -> date | None:
    try:
        if kind == "iso":
            return date(int(g[0]), int(g[1]), int(g[2]))
        if kind == "dmy":
            year = int(g[2]) + (2000 if len(g[2]) == 2 else 0)
            return date(year, int(g[1]), int(g[0]))
        if kind == "day_month":
            return date(int(g[2]), MONTHS[g[1].lower()], int(g[0]))
        if kind == "month":
            return _end_of_month(int(g[1]), MONTHS[g[0].lower()])
        if kind == "quarter":
            return _end_of_month(int(g[1]), 3 * int(g[0]))
        if kind == "span":  # a financial year 2024-25 ends on 31 March 2025
            return date(int(g[0][:2] + g[1]), 3, 31) if int(g[1]) == (int(g[0]) + 1) % 100 else None
        return date(int(g[0]), 12, 31)
    except (ValueError, KeyError):
        return None


def dates_in(text: str) -> list[tuple[date, str]]:
    """Every date the text names with the words naming it, each span read once."""
    found: list[tuple[date, str]] = []
    masked = text
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(masked):
            value = _make(kind, m.groups())
            if value is not None:
                found.append((value, m.group(0)))
                masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    return found


def first_date(text: str) -> date | None:
    """The date a field such as "Date completed" holds (the first one it names)."""
    for kind, pattern in PATTERNS:
        m = pattern.search(text)
        if m is not None and (value := _make(kind, m.groups())) is not None:
            return value
    return None


def months_before(later: date, months: int) -> date:
    """`later` moved back by whole months (31 March less one month is 28/29 February)."""
    total = later.year * 12 + later.month - 1 - months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(later.day, calendar.monthrange(year, month + 1)[1]))
