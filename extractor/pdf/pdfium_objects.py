"""A PDF page's characters, lines, rectangles, curves and images read by PDFium (pypdfium2),
as the object dicts pdfplumber makes from pdfminer's parse: the same keys and meanings
(`text`, `fontname`, `size`, `x0`, `x1`, `top`, `bottom`, `doctop`, `upright`,
`non_stroking_color`, `stroke`, `fill`, `pts`, …), in the same page space (rotation and the
MediaBox offset applied as pdfminer and pdfplumber apply them), so the reader and
pdfplumber's table finder above them run unchanged. PDFium interprets the content streams in
C instead of pdfminer in Python (4-8x faster); widgets still come from the page's /Annots.

Known differences from pdfminer (fixtures in tests/test_pdfium_objects.py): ligatures come
as their letters ("ff" as f, f); PDFium adds no space characters the file does not draw and
keeps only the first of a run of drawn spaces (the others are put back: pdfium_chars.py);
PDFium's ascent and descent are not used: a character's box is pdfminer's, its advance
across and from pdfminer's descent (`font_table`) to its size above, its font name pdfminer's
with the subset tag. A page PDFium would read otherwise is left to pdfminer (page_objects):
colours in a space other than DeviceGray or DeviceRGB (PDFium gives only its colour-managed
RGB), /ActualText, glyphs pdfminer cannot map, spaces that cannot be put back.

The default (extractor/pdf/reader.py; `S11_PDF_OBJECTS=pdfminer` reads every page with
pdfminer's parse): the JSON of every sample and practice PDF is the same either way.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterator
from typing import Any

from extractor.pdf.drawn_text import drawn_text
from extractor.pdf.pdfium_chars import char_codes, spaces_can_match
from extractor.pdf.pdfium_chars import chars as chars_of

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8  # form XObjects nested deeper than this are not walked
DEVICE_SPACES = ("DeviceGray", "DeviceRGB")
# An operator token: after whitespace or a closing delimiter, before whitespace or an opening one.
_CMYK_OP = re.compile(rb"(?:^|(?<=[\s\])>]))[kK](?=[\s\[(</%]|$)")
_SPACE_OP = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*(?:cs|CS)(?=[\s\[(</%]|$)")


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: p' = p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def device_matrix(mediabox: tuple[float, ...], rotate: int) -> Matrix:
    """pdfminer's page CTM: user space to its (rotated, MediaBox-relative) device space."""
    x0, y0, x1, y1 = mediabox[:4]
    if rotate % 360 == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotate % 360 == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotate % 360 == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)


class _Place:
    """pdfplumber's placing of a device-space box: top from the page's height and MediaBox."""

    def __init__(self, page: Any) -> None:
        self.height = float(page.height)
        self.mb_x0, self.mb_top = (float(v) for v in page.mediabox[:2])
        self.doctop = float(page.initial_doctop)
        self.number = int(page.page_number)
        original = getattr(page.page_obj, "mediabox", None) or page.mediabox  # unrotated
        self.ctm = device_matrix(tuple(float(v) for v in original), int(page.rotation or 0))

    def box(self, points: list[tuple[float, float]], kind: str) -> dict[str, Any]:
        """Device-space points' bounding box as pdfplumber keys."""
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        top = self.height - y1 + self.mb_top
        return {
            "object_type": kind,
            "page_number": self.number,
            "x0": x0 + self.mb_x0,
            "x1": x1 + self.mb_x0,
            "y0": y0,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "top": top,
            "bottom": self.height - y0 + self.mb_top,
            "doctop": self.doctop + top,
        }

    def coord(self, point: tuple[float, float]) -> tuple[float, float]:
        """pdfplumber's point2coord: a device point as (x, top)."""
        return (self.mb_x0 + point[0], self.mb_top + self.height - point[1])


def _reached(page: Any) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """Each resource dictionary the page's content reaches, with the content streams drawn
    with it: the page's own, then each form XObject's (MAX_DEPTH deep; a form without
    resources of its own uses its parent's), through pdfminer's parse of the file's objects
    (no content stream is interpreted)."""
    from pdfminer.pdftypes import resolve1

    contents = [resolve1(s) for s in getattr(page.page_obj, "contents", None) or []]
    pending = [(resolve1(getattr(page.page_obj, "resources", None) or {}), contents, 0)]
    seen: set[int] = set()
    while pending:
        resources, streams, depth = pending.pop()
        if depth > MAX_DEPTH:
            continue
        resources = resources if isinstance(resources, dict) else {}
        yield resources, streams
        if id(resources) in seen:
            continue
        seen.add(id(resources))
        for xobject in (resolve1(resources.get("XObject")) or {}).values():
            stream = resolve1(xobject)
            attrs = getattr(stream, "attrs", None)
            if isinstance(attrs, dict) and getattr(attrs.get("Subtype"), "name", "") == "Form":
                own = resolve1(attrs.get("Resources"))
                pending.append((own if isinstance(own, dict) else resources, [stream], depth + 1))


def font_table(page: Any) -> dict[str, tuple[str, float]]:
    """The page's fonts as pdfminer sees them, by name without the subset tag (PDFium's):
    (the name with its tag, the descent below the baseline per point of size). pdfminer
    takes the descent from its own metrics for the standard 14 fonts, else from the font
    descriptor (0 when absent), and a character's box starts there."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1

    table: dict[str, tuple[str, float]] = {}
    for resources, _ in _reached(page):
        for spec in (resolve1(resources.get("Font")) or {}).values():
            spec = resolve1(spec)
            if isinstance(spec, dict):
                _add_font(table, spec, FONT_METRICS, resolve1)
    return table


def device_colours_only(page: Any) -> bool:
    """Whether every colour the page sets is DeviceGray or DeviceRGB, the spaces whose
    components PDFium reports as they are. It reports any other space (CMYK, ICC-based,
    Separation, Indexed, Pattern) only as its own colour-managed RGB, where pdfminer keeps
    the components that the reader converts (marks._rgb), so such a page is read by
    pdfminer. Judged from the operators in its content streams: `k`/`K` set CMYK, `cs`/`CS`
    a named space."""
    from pdfminer.pdftypes import resolve1

    for resources, streams in _reached(page):
        spaces = resolve1(resources.get("ColorSpace")) or {}
        for stream in streams:
            try:
                data = stream.get_data()
            except Exception:  # a stream pdfminer cannot decode: PDFium's reading is not checked
                return False
            if _CMYK_OP.search(data):
                return False
            for name in _SPACE_OP.findall(data):
                space = name.decode("latin-1")
                if space not in DEVICE_SPACES:
                    named = resolve1(spaces.get(space)) if isinstance(spaces, dict) else None
                    if getattr(named, "name", None) not in DEVICE_SPACES:
                        return False
    return True


def _add_font(
    table: dict[str, tuple[str, float]], spec: dict[str, Any], metrics: Any, resolve: Any
) -> None:
    name = resolve(spec.get("BaseFont"))
    name = getattr(name, "name", name)
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    if not isinstance(name, str):
        return
    if name in metrics:
        descent = float(metrics[name][0].get("Descent", 0))
    else:
        holder = spec
        if resolve(spec.get("Subtype")) is not None and "DescendantFonts" in spec:
            kids = resolve(spec.get("DescendantFonts")) or []
            holder = resolve(kids[0]) if kids else spec
        descriptor = resolve(holder.get("FontDescriptor")) if isinstance(holder, dict) else None
        value = resolve(descriptor.get("Descent", 0)) if isinstance(descriptor, dict) else 0
        descent = float(value) if isinstance(value, (int, float)) else 0.0
    descent = -abs(descent)  # pdfminer forces it negative
    table.setdefault(name.split("+", 1)[-1], (name, descent / 1000.0))


def page_objects(pdf: Any, index: int, page: Any) -> dict[str, list[dict[str, Any]]] | None:
    """Every object pdfplumber's `page.objects` would hold for this page (annotations aside),
    read by PDFium from `pdf` (a pypdfium2 PdfDocument of the same file); None when PDFium
    would read the page otherwise than pdfminer, so pdfminer reads it: a colour space other
    than DeviceGray or DeviceRGB, text replaced by /ActualText, a glyph pdfminer cannot map,
    or dropped spaces that pdfium_chars cannot put back (drawn_text counts them)."""
    import pypdfium2.raw as c

    drawn = drawn_text(page)
    if drawn is None or drawn.unmapped or not device_colours_only(page):
        return None
    place = _Place(page)
    handle = c.FPDF_LoadPage(pdf.raw, index)
    if not handle:
        raise ValueError(f"PDFium cannot load page {index + 1}")
    text = c.FPDFText_LoadPage(handle)
    try:
        codes = char_codes(text) if text else []
        # the spaces first: the check that most often leaves a page to pdfminer, and cheap
        if not (spaces_can_match(text, codes, drawn.spaces) if text else not drawn.spaces):
            return None
        objects: dict[str, list[dict[str, Any]]] = {}
        order: dict[int, int] = {}  # text object address -> its place in drawing order
        for i in range(c.FPDFPage_CountObjects(handle)):
            if not _walk(c, c.FPDFPage_GetObject(handle, i), place.ctm, place, objects, 0, order):
                return None
        chars = chars_of(text, codes, place, font_table(page), order) if text else []
        if sum(ch["text"] == " " for ch in chars) != drawn.spaces:
            return None
        objects = {"char": chars, **objects}
    finally:
        if text:
            c.FPDFText_ClosePage(text)
        c.FPDF_ClosePage(handle)
    return {kind: found for kind, found in objects.items() if found}


def _actual_text(c: Any, obj: Any) -> bool:
    """Whether a text object is marked with /ActualText: PDFium's text then reads the
    replacement (a LibreOffice export draws several Wingdings characters with one glyph and
    names each in /ActualText), pdfminer the glyph's own character."""
    for i in range(c.FPDFPageObj_CountMarks(obj)):
        mark = c.FPDFPageObj_GetMark(obj, i)
        if mark and c.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != (
            c.FPDF_OBJECT_UNKNOWN
        ):
            return True
    return False


def _matrix(c: Any, obj: Any) -> Matrix:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(
    c: Any,
    obj: Any,
    outer: Matrix,
    place: _Place,
    objects: dict[str, list[dict[str, Any]]],
    depth: int,
    order: dict[int, int],
) -> bool:
    """Add one page object's drawings to `objects` and a text object's place to `order`;
    False when it holds text that PDFium reads otherwise than pdfminer (_actual_text)."""
    kind = c.FPDFPageObj_GetType(obj)
    if kind == c.FPDF_PAGEOBJ_TEXT:
        order.setdefault(ctypes.cast(obj, ctypes.c_void_p).value or 0, len(order))
        return not _actual_text(c, obj)
    if kind == c.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
        inner = _times(_matrix(c, obj), outer)
        for i in range(c.FPDFFormObj_CountObjects(obj)):
            if not _walk(
                c, c.FPDFFormObj_GetObject(obj, i), inner, place, objects, depth + 1, order
            ):
                return False
    elif kind == c.FPDF_PAGEOBJ_PATH:
        for found in _paths(c, obj, _times(_matrix(c, obj), outer), place):
            objects.setdefault(found["object_type"], []).append(found)
    elif kind == c.FPDF_PAGEOBJ_IMAGE:
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            m = outer if depth else place.ctm
            corners = [
                _apply(m, px, py)
                for px in (left.value, right.value)
                for py in (bottom.value, top.value)
            ]
            objects.setdefault("image", []).append(place.box(corners, "image"))
    return True


def _paths(c: Any, obj: Any, matrix: Matrix, place: _Place) -> list[dict[str, Any]]:
    """pdfminer's reading of one painted path: each subpath alone when there are several;
    two points a line, an axis-aligned closed four-point shape a rect, anything else a curve."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    if fill_mode.value == 0 and not stroke.value:
        return []  # a clipping path or an invisible one: pdfminer paints nothing either
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
    fill_colour = (r.value / 255, g.value / 255, b.value / 255)
    c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a)
    stroke_colour = (r.value / 255, g.value / 255, b.value / 255)
    width = ctypes.c_float()
    c.FPDFPageObj_GetStrokeWidth(obj, width)
    style = {
        "stroke": bool(stroke.value),
        "fill": fill_mode.value != 0,
        "evenodd": fill_mode.value == 1,
        "linewidth": float(width.value) * _scale(matrix),
        "stroking_color": stroke_colour,
        "non_stroking_color": fill_colour,
        "dash": None,
    }
    found = []
    for shape, points in _subpaths(c, obj, matrix):
        ends = [pts[-1] for _, pts in points]  # pdfminer's points: each op's last (no controls)
        kind = _kind(shape, ends)
        if kind == "line":
            device = ends[:2]
        elif kind == "rect":
            device = ends[:4]
        else:
            device = ends
        item = place.box(device, kind)
        item.update(style)
        item["pts"] = [place.coord(pt) for pt in device]
        item["path"] = [(op, *(place.coord(p) for p in pts)) for op, pts in points]
        found.append(item)
    return found


def _scale(matrix: Matrix) -> float:
    return math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])) or 1.0


def _subpaths(
    c: Any, obj: Any, matrix: Matrix
) -> list[tuple[str, list[tuple[str, list[tuple[float, float]]]]]]:
    """The path's subpaths as pdfminer shapes ('m', 'l', 'c', 'h' ops) with device points."""
    out: list[tuple[str, list[tuple[str, list[tuple[float, float]]]]]] = []
    ops: list[tuple[str, list[tuple[float, float]]]] = []
    pending: list[tuple[float, float]] = []  # control points of the Bézier being read
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(c.FPDFPath_CountSegments(obj)):
        segment = c.FPDFPath_GetPathSegment(obj, i)
        c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, float(x.value), float(y.value))
        kind = c.FPDFPathSegment_GetType(segment)
        if kind == c.FPDF_SEGMENT_MOVETO:
            if ops:
                out.append(("".join(op for op, _ in ops), ops))
            ops = [("m", [point])]
        elif kind == c.FPDF_SEGMENT_BEZIERTO:
            pending.append(point)
            if len(pending) == 3:
                ops.append(("c", pending))
                pending = []
        else:
            ops.append(("l", [point]))
        if c.FPDFPathSegment_GetClose(segment) and ops:
            start = ops[0][1][-1]
            if len(ops) > 1 and ops[-1][0] == "l" and ops[-1][1][-1] == start:
                ops.pop()  # PDFium draws 're' back to its start, pdfminer closes with 'h'
            ops.append(("h", [start]))
    if ops:
        out.append(("".join(op for op, _ in ops), ops))
    return out


def _kind(shape: str, points: list[tuple[float, float]]) -> str:
    """pdfminer's classification (converter.paint_path) of one subpath."""
    if shape in ("ml", "mlh") and len(points) >= 2:
        return "line"
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        ):
            return "rect"
    return "curve"
