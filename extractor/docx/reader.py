"""Word (.docx/.docm) returns into a FormDocument.

python-docx opens the package (its lxml parser never resolves entities); the body XML is
walked directly so content controls, legacy form fields, symbol fonts, shading and tracked
changes are all seen. Every tag queried lives in extractor/docx/ooxml.py.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.docx import ooxml as X
from extractor.docx.marks import checkbox_control, dropdown_entries, read_inline
from extractor.docx.numbering import Numbering
from extractor.docx.shading import shading_rgb
from extractor.errors import DocumentLoadError
from extractor.files import sha256_of
from extractor.inline import Box, Inline, choose_by_emphasis, finish, span_tokens
from extractor.model import (
    Annotation,
    Cell,
    FormDocument,
    Mark,
    Paragraph,
    Provenance,
    Row,
    Source,
    Span,
    Table,
)
from extractor.safety import check_ooxml


@dataclass
class _State:
    theme: dict[str, str]
    boxes: dict[Any, Box] = field(default_factory=dict)  # w:p -> the check box wrapping it
    seq: int = 0
    tables: int = 0
    changes: bool = False
    deleted_marks: int = 0
    comments: bool = False
    warnings: list[str] = field(default_factory=list)
    numbering: Numbering = field(default_factory=Numbering)
    comment_texts: dict[str, str] = field(default_factory=dict)  # w:id -> the comment's words


def read_docx(path: Path) -> FormDocument:
    """Read a Word return. Raises DocumentLoadError (one line) when it cannot."""
    check_ooxml(path)
    parsed: dict[str, Any] = {}  # parts python-docx has parsed already, by name
    try:
        import docx

        document = docx.Document(str(path))
        body = document.element.body
        parsed = _parsed_parts(document)
    except Exception as e:  # python-docx/lxml raise many kinds on damaged files
        body = _strict_body(path)
        if body is None:
            raise DocumentLoadError(path, f"damaged Word file ({type(e).__name__}: {e})") from e
    try:
        theme = _theme_colours(path)
    except Exception as e:
        raise DocumentLoadError(path, f"damaged Word file ({type(e).__name__}: {e})") from e
    state = _State(theme=theme, boxes=_block_checkboxes(body))
    try:
        state.numbering = Numbering.parse(
            _part(path, "word/numbering.xml", parsed), _part(path, "word/styles.xml", parsed)
        )
    except Exception:  # a damaged numbering part costs the list labels, not the document
        doc_warnings = ["list numbering unreadable: the numbers Word shows are left out"]
    else:
        doc_warnings = []
    try:
        state.comment_texts = _comment_texts(_parse_part(path, "word/comments.xml"))
    except Exception:  # a damaged comments part costs the comments' words only
        state.comment_texts = {}
    doc = FormDocument(source=Source(file=path.name, sha256=sha256_of(path), format="docx"))
    _blocks(body, doc, state)
    doc.warnings.extend(doc_warnings)
    if state.changes:
        doc.warnings.append("tracked changes present: read as accepted (insertions counted)")
    if state.deleted_marks:
        doc.warnings.append(f"{state.deleted_marks} tick box(es) inside tracked deletions ignored")
    if state.comments or _has_part(path, "word/comments.xml"):
        doc.warnings.append("comments present: ignored (never read as evidence)")
    if _has_part(path, "word/vbaProject.bin"):
        doc.warnings.append("the file contains macros: they were not run")
    return doc


def _blocks(node: Any, doc: FormDocument, state: _State) -> None:
    for child in node:
        if child.tag == X.P:
            para = _paragraph(child, state, Provenance())
            if para.text or para.marks:
                para.seq = state.seq
                state.seq += 1
                doc.paragraphs.append(para)
        elif child.tag == X.TBL:
            table = _table(child, state, None)
            table.seq = state.seq
            state.seq += 1
            doc.tables.append(table)
        elif child.tag == X.SDT:
            content = child.find(X.SDT_CONTENT)
            if content is not None:
                _blocks(content, doc, state)
        elif child.tag in X.TRANSPARENT:
            _blocks(child, doc, state)


def _block_checkboxes(body: Any) -> dict[Any, Box]:
    """Check-box content controls wrapping whole paragraphs, rows or cells, each given to the
    paragraph that draws its glyph (else the first paragraph inside it)."""
    found: dict[Any, Box] = {}
    for sdt in body.iter(X.SDT):
        content = sdt.find(X.SDT_CONTENT)
        if content is None or not any(child.tag in X.BLOCK_LEVEL for child in content):
            continue  # inline controls are read where they stand (docx_marks)
        box = checkbox_control(sdt)
        paragraphs = list(content.iter(X.P)) if box is not None else []
        if box is None or not paragraphs:
            continue
        drawn = (p for p in paragraphs if _draws(p, box))
        found.setdefault(next(drawn, paragraphs[0]), box)
    return found


def _draws(p: Any, box: Box) -> bool:
    """A paragraph whose text holds the box's glyph (or a w:sym, as Wingdings boxes are)."""
    return any(
        el.tag == X.SYM or (el.tag == X.T and box.glyphs.intersection(el.text or ""))
        for el in p.iter(X.T, X.SYM)
    )


def _paragraph(p: Any, state: _State, prov: Provenance) -> Paragraph:
    inline = read_inline(p, box=state.boxes.get(p))
    _note(inline, state)
    text, marks = finish(inline)
    ppr = p.find(X.P_PR)
    label = state.numbering.label(ppr)
    if label and text:  # the number Word shows before the paragraph is part of its text
        text = f"{label} {text}"
    style_el = ppr.find(X.P_STYLE) if ppr is not None else None
    style = style_el.get(X.VAL) if style_el is not None else None
    annotations = [
        Annotation("comment", state.comment_texts.get(a.text, "")) if a.kind == "comment" else a
        for a in inline.annotations
    ]
    return Paragraph(
        text=text,
        provenance=prov,
        marks=marks,
        spans=inline.spans,
        style=style,
        annotations=annotations,
    )


def _comment_texts(root: Any | None) -> dict[str, str]:
    """Each comment's words by its id (word/comments.xml)."""
    if root is None:
        return {}
    return {
        str(c.get(X.COMMENT_ID)): " ".join("".join(t.text or "" for t in c.iter(X.T)).split())
        for c in root.iter(X.COMMENT)
    }


def _note(inline: Inline, state: _State) -> None:
    state.changes = state.changes or inline.saw_changes
    state.deleted_marks += inline.deleted_marks
    state.comments = state.comments or inline.comments


def _table(tbl: Any, state: _State, parent: Provenance | None) -> Table:
    index = state.tables
    state.tables += 1
    table = Table(rows=[], index=index, parent=parent)
    origins: dict[int, Cell] = {}  # grid column -> the cell a vMerge continues
    for tr in _rows(tbl):
        trpr = tr.find(X.TR_PR)
        if trpr is not None and trpr.find(X.DEL) is not None:
            state.changes = True
            continue  # a deleted row
        if trpr is not None and trpr.find(X.INS) is not None:
            state.changes = True
        r_index = len(table.rows)
        column = _grid_before(trpr)
        cells: list[Cell] = []
        for tc in _cells(tr):
            tcpr = tc.find(X.TC_PR)
            span = _int(tcpr, X.GRID_SPAN) or 1
            prov = Provenance(table=index, row=r_index, column=column)
            merge = tcpr.find(X.V_MERGE) if tcpr is not None else None
            if merge is not None and (merge.get(X.VAL) or "continue") == "continue":
                origin = origins.get(column)
                if origin is not None:
                    origin.row_span += 1
                cells.append(Cell(text="", provenance=prov, col_span=span, continued=True))
            else:
                cell = _cell(tc, tcpr, state, prov, span)
                cells.append(cell)
                for col in range(column, column + span):
                    origins[col] = cell
            column += span
        table.rows.append(Row(cells=cells, index=r_index))
    return table


def _rows(tbl: Any) -> list[Any]:
    return _children(tbl, X.TR)


def _cells(tr: Any) -> list[Any]:
    return _children(tr, X.TC)


def _children(node: Any, tag: str) -> list[Any]:
    """`node`'s children with `tag`, looking through content controls and other wrappers
    (a row or cell inside a w:sdt, w:customXml, …)."""
    found: list[Any] = []
    for child in node:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (X.SDT, *X.TRANSPARENT):
            content = child.find(X.SDT_CONTENT) if child.tag == X.SDT else child
            found += _children(content, tag) if content is not None else []
    return found


def _cell(tc: Any, tcpr: Any, state: _State, prov: Provenance, span: int) -> Cell:
    lines: list[str] = []
    marks: list[Mark] = []
    spans: list[Span] = []
    nested: list[Table] = []
    para_fills: list[str | None] = []
    annotations: list[Annotation] = []
    for child in _cell_blocks(tc):
        if child.tag == X.TBL:
            nested.append(_table(child, state, prov))
            continue
        para = _paragraph(child, state, prov)
        annotations += para.annotations
        if para.text:
            lines.append(para.text)
            if spans:
                spans.append(Span("\n"))
            spans += para.spans
        marks += para.marks
        if para.text:
            para_fills.append(_paragraph_fill(child, state))
    fill = None
    shd = tcpr.find(X.SHD) if tcpr is not None else None
    if shd is not None:
        fill = shading_rgb(shd, state.theme)
    if fill is None and para_fills and len(set(para_fills)) == 1:
        fill = para_fills[0]
    text = "\n".join(lines)
    if not marks:
        text, marks = _emphasis_marks(text, spans)
    return Cell(
        text=text,
        provenance=prov,
        marks=marks,
        fill=fill,
        spans=spans,
        col_span=span,
        nested=nested,
        choices=dropdown_entries(tc),
        annotations=annotations,
    )


def _cell_blocks(tc: Any) -> list[Any]:
    blocks: list[Any] = []
    for child in tc:
        if child.tag in (X.P, X.TBL):
            blocks.append(child)
        elif child.tag in (X.SDT, *X.TRANSPARENT):
            content = child.find(X.SDT_CONTENT) if child.tag == X.SDT else child
            blocks += _cell_blocks(content) if content is not None else []
    return blocks


def _paragraph_fill(p: Any, state: _State) -> str | None:
    """A paragraph whose own shading, or whose every run's highlight, is one colour."""
    ppr = p.find(X.P_PR)
    shd = ppr.find(X.SHD) if ppr is not None else None
    if shd is not None:
        return shading_rgb(shd, state.theme)
    inline = read_inline(p)
    colours = {s.highlight for s in inline.spans if s.text.strip()}
    return colours.pop() if len(colours) == 1 else None


def _emphasis_marks(text: str, spans: list[Span]) -> tuple[str, list[Mark]]:
    """Option words where some stand out from the others by their look."""
    tokens = span_tokens(text, spans)
    return text, choose_by_emphasis(tokens) if tokens else []


def _grid_before(trpr: Any) -> int:
    return _int(trpr, X.GRID_BEFORE) or 0


def _int(parent: Any, tag: str) -> int | None:
    el = parent.find(tag) if parent is not None else None
    value = el.get(X.VAL) if el is not None else None
    return int(value) if value and value.isdigit() else None


def _has_part(path: Path, name: str) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return name in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _parsed_parts(document: Any) -> dict[str, Any]:
    """The XML parts python-docx parsed when it opened the package, by name (no leading /)."""
    return {
        str(part.partname).lstrip("/"): part.element
        for part in document.part.package.iter_parts()
        if getattr(part, "element", None) is not None
    }


def _part(path: Path, name: str, parsed: dict[str, Any]) -> Any | None:
    """A package part: python-docx's parse when it made one, else parsed here."""
    return parsed[name] if name in parsed else _parse_part(path, name)


def _parse_part(path: Path, name: str) -> Any | None:
    """A package part parsed safely (no entities, no network), Strict names read as
    Transitional; None when the part is absent."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read(name)
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    for strict, transitional in X.STRICT_NAMESPACES.items():
        data = data.replace(strict.encode(), transitional.encode())
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _strict_body(path: Path) -> Any | None:
    """The body of an ISO Strict document (python-docx opens Transitional packages only)."""
    try:
        root = _parse_part(path, "word/document.xml")
    except Exception:
        return None
    if root is None or root.get(X.CONFORMANCE) != "strict":
        return None
    return root.find(X.BODY)


def _theme_colours(path: Path) -> dict[str, str]:
    """Scheme colours (accent1…, dk1…) from word/theme/theme1.xml, for w:themeFill."""
    from lxml import etree

    root = _parse_part(path, "word/theme/theme1.xml")
    if root is None:
        return {}
    colours: dict[str, str] = {}
    for scheme in root.iter(f"{{{X.A_NS}}}clrScheme"):
        for slot in scheme:
            name = etree.QName(slot).localname
            for value in slot:
                rgb = value.get("val") if etree.QName(value).localname == "srgbClr" else None
                rgb = rgb or value.get("lastClr")
                if rgb:
                    colours[name] = rgb.upper()
    return colours
