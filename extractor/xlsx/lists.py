"""Excel data-validation lists (a cell's dropdown): the entries of each list validation, for
the cells it covers on the sheet's used rows. A literal list ("Yes,No,Partial"), a range
("$Z$1:$Z$4", "Lists!$A$1:$A$3") or a defined name is resolved from the workbook's values."""

from __future__ import annotations

from typing import Any

MAX_LIST_CELLS = 50_000  # cells of one sheet given a dropdown's list; beyond, ignored
MAX_LIST_ENTRIES = 100  # entries read from one list


def list_choices(
    wb: Any, ws: Any, max_row: int, max_col: int
) -> dict[tuple[int, int], tuple[str, ...]]:
    """(row, column) -> the list's entries, for every cell under a list validation."""
    validations = getattr(getattr(ws, "data_validations", None), "dataValidation", None) or []
    found: dict[tuple[int, int], tuple[str, ...]] = {}
    for dv in validations:
        if getattr(dv, "type", None) != "list" or not dv.formula1:
            continue
        entries = _entries(wb, ws, str(dv.formula1))
        if not entries:
            continue
        for rng in dv.sqref.ranges:
            for r in range(rng.min_row, min(rng.max_row, max_row) + 1):
                for c in range(rng.min_col, min(rng.max_col, max_col) + 1):
                    if len(found) >= MAX_LIST_CELLS:
                        return found
                    found[(r, c)] = entries
    return found


def _entries(wb: Any, ws: Any, formula: str) -> tuple[str, ...]:
    formula = formula.strip().lstrip("=")
    if formula.startswith('"') and formula.endswith('"'):
        parts = (p.strip() for p in formula[1:-1].split(","))
        return tuple(p for p in parts if p)[:MAX_LIST_ENTRIES]
    return _range_values(wb, ws, _defined(wb, formula) or formula)


def _defined(wb: Any, name: str) -> str | None:
    names = getattr(wb, "defined_names", None)
    try:
        defined = names.get(name) if names is not None else None
    except (AttributeError, TypeError):
        return None
    return str(defined.attr_text) if defined is not None else None


def _range_values(wb: Any, ws: Any, ref: str) -> tuple[str, ...]:
    from openpyxl.utils.cell import range_boundaries

    where, _, cells = ref.rpartition("!")
    sheet = ws
    if where:
        title = where.strip("'").replace("''", "'")
        if title not in wb.sheetnames:
            return ()
        sheet = wb[title]
    try:
        min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", "").strip())
    except (ValueError, TypeError):
        return ()
    if None in (min_col, min_row, max_col, max_row):
        return ()
    values: list[str] = []
    for row in sheet.iter_rows(
        min_row=min_row,
        max_row=min(max_row, min_row + MAX_LIST_ENTRIES - 1),
        min_col=min_col,
        max_col=max_col,
        values_only=True,
    ):
        values += [_text(v) for v in row if v is not None and _text(v)]
    return tuple(values[:MAX_LIST_ENTRIES])


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
