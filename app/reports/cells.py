"""No formula ever leaves s11: every text cell of every workbook and CSV goes through here.

Returns and comments are written by outsiders, so text such as `=HYPERLINK("http://x","Open")`
must reach a reviewer as words, never as a live formula (OWASP "CSV injection"). A value that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a single quote in
front, and in a workbook every text cell is also given the explicit string type:

- the string type alone stops openpyxl (and Excel on opening) from treating it as a formula;
- the quote survives what the string type does not: a reviewer pressing F2 and Enter in the
  cell (Excel re-parses the typed text, and `'=…` stays text), copying it out, or saving the
  sheet as CSV for another tool.

The quote is visible, so the reviewer still sees every word. `restore` takes it off again when
s11 reads its own workbook back (decisions typed into gaps.xlsx), so a comment that begins
with `=` comes back unchanged. A value that already starts with quotes before one of those
characters gets one more, so `restore(neutralise(v)) == v` for every text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _triggers(text: str) -> bool:
    return text.lstrip(QUOTE).startswith(TRIGGERS)


def neutralise(text: str) -> str:
    """The text as a spreadsheet shows it without ever evaluating it."""
    return QUOTE + text if _triggers(text) else text


def restore(text: str) -> str:
    """The text s11 neutralised, as it was (what a reviewer typed reads as it is)."""
    return text[1:] if text.startswith(QUOTE) and _triggers(text[1:]) else text


def safe_values(values: Iterable[Any]) -> list[Any]:
    """A CSV or workbook row: text neutralised, numbers, booleans and blanks as they are."""
    return [neutralise(v) if isinstance(v, str) else v for v in values]


def append_row(ws: Any, values: Iterable[Any]) -> Sequence[Any]:
    """Append a row to an openpyxl worksheet, every text cell typed as a string; its cells.

    The cells are made here and handed to `ws.append`: asking the sheet for its last row
    (`ws[ws.max_row]`) scans every cell it holds, so a sheet of n rows cost n² to write.
    """
    from openpyxl.cell.cell import Cell

    cells = [Cell(ws, value=value) for value in safe_values(values)]
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    ws.append(cells)
    return cells
