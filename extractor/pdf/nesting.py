"""Tables inside a table's cell (Word's nested tables, exported to PDF): which table holds
which, so the reader reads the inner one as the cell's nested table, never as loose rows after
its host, and its words are not read a second time into the host cell."""

from __future__ import annotations

from typing import Any

SLACK = 1.0  # points an inner table may overrun its host cell's border

Box = tuple[float, float, float, float]


def nested_in(tables: list[Any]) -> dict[int, tuple[int, Box]]:
    """For each table lying inside a cell of another: the host's index and that cell's box
    (the smallest cell that holds it)."""
    hosts: dict[int, tuple[int, Box]] = {}
    for inner, table in enumerate(tables):
        best: tuple[float, int, Box] | None = None
        for host, other in enumerate(tables):
            if host == inner or sum(c is not None for r in other.rows for c in r.cells) < 2:
                continue  # a lone ruled box around the page or a block is a frame, no table
            for row in other.rows:
                for cell in row.cells:
                    if cell is None or not holds(cell, table.bbox):
                        continue
                    area = (cell[2] - cell[0]) * (cell[3] - cell[1])
                    if best is None or area < best[0]:
                        box = (float(cell[0]), float(cell[1]), float(cell[2]), float(cell[3]))
                        best = (area, host, box)
        if best is not None:
            hosts[inner] = (best[1], best[2])
    # A table inside a table that is itself nested is read with its own host only once.
    return {i: h for i, h in hosts.items() if h[0] not in hosts}


def holds(outer: Any, box: Any, share: float = 1.0, slack: float = SLACK) -> bool:
    """`box` lies within `outer` (its border overrun by `slack` at most) and covers less than
    `share` of it."""
    inside = (
        box[0] >= outer[0] - slack
        and box[1] >= outer[1] - slack
        and box[2] <= outer[2] + slack
        and box[3] <= outer[3] + slack
    )
    area = float((box[2] - box[0]) * (box[3] - box[1]))
    outer_area = float((outer[2] - outer[0]) * (outer[3] - outer[1]))
    return bool(inside) and area < share * outer_area
