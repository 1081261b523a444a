"""AcroForm widgets on a PDF page: check boxes and radio buttons (state from /AS), and the
values of filled text and choice fields; push buttons are not boxes.

Each widget becomes a pseudo-character dict placed like the page's characters (x0, x1, top,
bottom): a box carries `checked` and `source`, a filled field its `value`. The PDF reader puts
them in the table cell under them, or (`beside_text`) in the line of text beside them outside
tables, where the words beside a box are its label.
"""

from __future__ import annotations

from typing import Any

from pdfminer.pdftypes import PDFStream, resolve1

PUSH_BUTTON = 1 << 16  # /Ff bit 17: a push button (an action, never a tick box)
RADIO = 1 << 15  # /Ff bit 16: a radio button (its group's /V names the chosen one)
MAX_PARENTS = 8  # /Parent links followed for inherited attributes (no loops)
MAX_OPTIONS = 500  # entries of a choice field read


def form_widgets(page: Any) -> list[dict[str, Any]]:
    """Check-box and radio widgets, and filled text/choice fields, on one page."""
    found: list[dict[str, Any]] = []
    for annot in page.annots or []:
        try:
            widget = _widget(annot)
        except Exception:  # a broken widget is skipped, never fatal
            continue
        if widget is not None:
            found.append(widget)
    return found


def _widget(annot: dict[str, Any]) -> dict[str, Any] | None:
    data = annot.get("data") or {}
    if _name(resolve1(data.get("Subtype"))) != "Widget":
        return None
    kind = _name(_inherited(data, "FT"))
    box: dict[str, Any] = {
        "x0": annot["x0"],
        "x1": annot["x1"],
        "top": annot["top"],
        "bottom": annot["bottom"],
        "text": "",
        "size": annot["bottom"] - annot["top"],
    }
    if kind == "Btn":
        if int(resolve1(_inherited(data, "Ff")) or 0) & PUSH_BUTTON:
            return None
        state = _name(resolve1(data.get("AS")))
        if state is None and not _radio(data):  # a check box drawn without appearance states
            state = _name(_inherited(data, "V"))
        box.update(checked=state not in (None, "", "Off"), source="acroform")
        return box
    if kind in ("Tx", "Ch"):
        value = _text(_inherited(data, "V"), _shown(_inherited(data, "Opt")))
        if value:
            box.update(value=value)
            return box
    return None


def _radio(data: dict[str, Any]) -> bool:
    return bool(int(resolve1(_inherited(data, "Ff")) or 0) & RADIO)


def _text(value: Any, shown: dict[str, str] | None = None) -> str:
    """A field's value as text: a string, a name, or the entries of a multiple choice (each
    choice's export value turned into the text the list shows, `shown`)."""
    value = resolve1(value)
    if isinstance(value, PDFStream):
        return ""  # rich text kept in a stream: not decoded (its size is unbounded)
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v, shown) for v in value[:MAX_OPTIONS]) if t)
    if isinstance(value, bytes):
        utf16 = value[:2] in (b"\xfe\xff", b"\xff\xfe")
        value = value.decode("utf-16" if utf16 else "latin-1", "replace")
    elif value is not None and not isinstance(value, str):
        value = _name(value)
    text = str(value or "").strip()
    return (shown or {}).get(text, text)


def _shown(options: Any) -> dict[str, str]:
    """A choice field's /Opt pairs [export value, text shown] as a mapping."""
    options = resolve1(options)
    pairs: dict[str, str] = {}
    for option in options[:MAX_OPTIONS] if isinstance(options, list) else []:
        option = resolve1(option)
        if isinstance(option, list) and len(option) == 2:
            pairs[_text(option[0])] = _text(option[1])
    return pairs


def _inherited(data: dict[str, Any], key: str) -> Any:
    """A field attribute, inherited from /Parent when absent."""
    node: Any = data
    for _ in range(MAX_PARENTS):
        value = resolve1(node.get(key))
        if value is not None:
            return value
        node = resolve1(node.get("Parent"))
        if not isinstance(node, dict):
            return None
    return None


def _name(value: Any) -> str | None:
    if value is None:
        return None
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    return str(name)


def under_widgets(
    drawn: list[dict[str, Any]], widgets: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Drawn boxes, less those a check-box widget covers: the form's printed square under the
    widget is not a second mark (the widget holds the state)."""
    boxes = [w for w in widgets if "checked" in w]
    return [d for d in drawn if not any(_covers(w, d) for w in boxes)]


def _covers(widget: dict[str, Any], box: dict[str, Any], pad: float = 2.0) -> bool:
    cx, cy = (box["x0"] + box["x1"]) / 2, (box["top"] + box["bottom"]) / 2
    return bool(
        widget["x0"] - pad <= cx <= widget["x1"] + pad
        and widget["top"] - pad <= cy <= widget["bottom"] + pad
    )


LINE_SLACK = 1.0  # points: a widget's centre this far outside a text line still sits on it


def beside_text(
    lines: list[list[dict[str, Any]]], widgets: list[dict[str, Any]]
) -> list[list[dict[str, Any]]]:
    """Text lines outside tables with the widgets outside tables put in them.

    A widget whose vertical centre falls within a line's height joins that line, levelled to
    its top so it reads in order with the words beside it (its label); widgets beside no text
    make lines of their own, one per row of widgets. A filled field reads as its value."""
    bounds = [
        (min(float(c["top"]) for c in line), max(float(c["bottom"]) for c in line))
        for line in lines
    ]
    joined = [list(line) for line in lines]
    alone: list[dict[str, Any]] = []
    for widget in widgets:
        shown = {**widget, "text": widget.get("value", "")}
        centre = (float(widget["top"]) + float(widget["bottom"])) / 2
        beside = [
            (abs((top + bottom) / 2 - centre), n)
            for n, (top, bottom) in enumerate(bounds)
            if top - LINE_SLACK <= centre <= bottom + LINE_SLACK
        ]
        at = min(beside)[1] if beside else None  # the line whose middle is nearest
        if at is None:
            alone.append(shown)
        else:
            joined[at].append({**shown, "top": bounds[at][0], "bottom": bounds[at][1]})
    rows: list[list[dict[str, Any]]] = []
    for widget in sorted(alone, key=lambda w: float(w["top"])):
        centre = (float(widget["top"]) + float(widget["bottom"])) / 2
        if rows and rows[-1][0]["top"] <= centre <= rows[-1][0]["bottom"]:
            rows[-1].append({**widget, "top": rows[-1][0]["top"]})
        else:
            rows.append([widget])
    return joined + rows
