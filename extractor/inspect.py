"""What a reader saw, for a person checking a strange file (`s11 inspect`): text or JSON."""

from __future__ import annotations

import dataclasses
from typing import Any

from extractor.model import Cell, FormDocument, Mark, Table


def _mark(mark: Mark) -> str:
    box = "[x]" if mark.checked else "[ ]"
    label = f" {mark.label}" if mark.label else ""
    return f"{box}{label} ({mark.source})"


def _cell(cell: Cell) -> str:
    if cell.continued:
        return "(merged from above)"
    parts = [cell.text.replace("\n", " / ")] if cell.text else []
    parts += [_mark(m) for m in cell.marks]
    if cell.fill:
        parts.append(f"fill #{cell.fill}")
    styled = [s for s in cell.spans if s.text.strip() and (s.bold or s.strike or s.highlight)]
    if styled and len(styled) < len([s for s in cell.spans if s.text.strip()]):
        parts.append("emphasis: " + ", ".join(_style(s.text, s.bold, s.strike) for s in styled))
    if cell.row_span > 1 or cell.col_span > 1:
        parts.append(f"spans {cell.row_span}x{cell.col_span}")
    return " ".join(parts) or "(empty)"


def _style(text: str, bold: bool, strike: bool) -> str:
    kind = "bold" if bold else "struck" if strike else "highlighted"
    return f"{text.strip()[:20]!r} {kind}"


def _table(table: Table, indent: str = "") -> list[str]:
    where = (
        f" (page {table.page})" if table.page else f" (sheet {table.sheet})" if table.sheet else ""
    )
    lines = [f"{indent}table {table.index + 1}{where}: {len(table.rows)} rows"]
    for row in table.rows:
        hidden = " (hidden)" if row.hidden else ""
        cells = " | ".join(_cell(c) for c in row.cells)
        lines.append(f"{indent}  row {row.index + 1}{hidden}: | {cells} |")
        for cell in row.cells:
            for inner in cell.nested:
                lines += _table(inner, indent + "    ")
    return lines


def render_text(doc: FormDocument) -> str:
    """Tables, rows, cells, marks and fills, then paragraphs, fields and warnings."""
    src = doc.source
    lines = [f"{src.file}: {src.format}, sha256 {src.sha256[:12]}…"]
    blocks: list[tuple[int, list[str]]] = [(t.seq, _table(t)) for t in doc.tables]
    for p in doc.paragraphs:
        marks = " ".join(_mark(m) for m in p.marks)
        blocks.append((p.seq, [f"paragraph: {p.text.replace(chr(10), ' / ')} {marks}".rstrip()]))
    for _, block in sorted(blocks, key=lambda b: b[0]):
        lines += block
    lines += [f"field: {f.key} = {f.value}" for f in doc.fields]
    lines += [f"unreadable: {u.provenance.locator}: {u.reason}" for u in doc.unreadable]
    lines += [f"warning: {w}" for w in doc.warnings]
    return "\n".join(lines) + "\n"


def to_jsonable(doc: FormDocument) -> dict[str, Any]:
    """The whole document model as plain JSON-ready data."""
    data: dict[str, Any] = dataclasses.asdict(doc)
    _drop_empty_choices(data)
    return data


def _drop_empty_choices(node: Any) -> None:
    """A cell's `choices` only when it has a dropdown (the JSON stays as it was otherwise)."""
    if isinstance(node, dict):
        if node.get("choices") == ():
            del node["choices"]
        for value in node.values():
            _drop_empty_choices(value)
    elif isinstance(node, list):
        for value in node:
            _drop_empty_choices(value)
