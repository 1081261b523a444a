"""The batch's end-of-round reports cost the same per return however many returns a round
has: a workbook row is appended without scanning the sheet (openpyxl's `max_row` and
`max_column` look at every cell, so asking them per row made the gap workbook of n returns
cost n²), and the generator name is read from the package metadata once, not per page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.reports import marker
from app.reports.cells import append_row


def _scan(_: Any) -> int:
    raise AssertionError("the whole sheet was scanned to append one row")


def test_appending_a_row_never_scans_the_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    ws = Workbook().active
    monkeypatch.setattr(Worksheet, "max_row", property(_scan))
    monkeypatch.setattr(Worksheet, "max_column", property(_scan))
    first = append_row(ws, ["Item", "=1+2", 3])
    assert append_row(ws, []) == []
    third = append_row(ws, ["only one", None])
    assert [c.coordinate for c in first] == ["A1", "B1", "C1"]
    assert [c.value for c in first] == ["Item", "'=1+2", 3]
    assert [c.data_type for c in first] == ["s", "s", "n"]
    assert [(c.coordinate, c.value) for c in third] == [("A3", "only one"), ("B3", None)]
    assert ws["A3"] is third[0]


@pytest.fixture
def fresh_generator() -> Iterator[None]:
    marker.generator.cache_clear()
    yield
    marker.generator.cache_clear()


@pytest.mark.usefixtures("fresh_generator")
def test_the_generator_name_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []

    def version(name: str) -> str:
        reads.append(name)
        return "9.9"

    monkeypatch.setattr(marker, "version", version)
    tags = {marker.meta_tag() for _ in range(5)}
    assert tags == {"<meta name='generator' content='s11 9.9'>"}
    assert reads == ["s11"]
