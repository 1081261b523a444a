"""Word's automatic list numbering (w:numPr, word/numbering.xml): the label Word shows before
a numbered paragraph ("1.", "2.3", "b)"), computed in document order. Bullets are not labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor.docx import ooxml as X

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """The list definitions of one document and the counters reached so far."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    styles: dict[str, Any] = field(default_factory=dict)  # styleId → its w:numPr

    @classmethod
    def parse(cls, root: Any | None, styles: Any | None = None) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for style in styles.iter(X.STYLE) if styles is not None else ():
            ppr = style.find(X.P_PR)
            num_pr = ppr.find(X.NUM_PR) if ppr is not None else None
            if num_pr is not None:
                numbering.styles[style.get(X.STYLE_ID) or ""] = num_pr
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iter(X.ABSTRACT_NUM):
            abstract[node.get(X.ABSTRACT_NUM_ID) or ""] = {
                int(lvl.get(X.ILVL_ATTR) or 0): _level(lvl) for lvl in node.iter(X.LVL)
            }
        for num in root.iter(X.NUM):
            ref = num.find(X.ABSTRACT_NUM_ID_EL)
            levels = dict(abstract.get(ref.get(X.VAL) if ref is not None else "", {}))
            for override in num.iter(X.LVL_OVERRIDE):
                ilvl = int(override.get(X.ILVL_ATTR) or 0)
                start = override.find(X.START_OVERRIDE)
                if start is not None and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(int(start.get(X.VAL) or 1), base.fmt, base.text)
            numbering.levels[num.get(X.NUM_ID) or ""] = levels
        return numbering

    def label(self, ppr: Any | None) -> str | None:
        """The label of a paragraph with w:numPr (advancing its list), or None."""
        num_pr = ppr.find(X.NUM_PR) if ppr is not None else None
        style_el = ppr.find(X.P_STYLE) if ppr is not None else None
        by_style = self.styles.get(style_el.get(X.VAL) or "") if style_el is not None else None
        if num_pr is None and by_style is None:
            return None
        num_el = num_pr.find(X.NUM_ID_EL) if num_pr is not None else None
        lvl_el = num_pr.find(X.ILVL) if num_pr is not None else None
        if num_el is None and by_style is not None:
            num_el = by_style.find(X.NUM_ID_EL)
        if lvl_el is None and by_style is not None:
            lvl_el = by_style.find(X.ILVL)
        num_id = num_el.get(X.VAL) if num_el is not None else None
        try:
            ilvl = int(lvl_el.get(X.VAL) or 0) if lvl_el is not None else 0
        except ValueError:
            return None
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return None
        counts = self.counters.setdefault(num_id or "", {})
        level = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if level.fmt in ("bullet", "none"):
            return None
        text = level.text
        for k in range(ilvl + 1):
            if k in levels:
                value = counts.get(k, levels[k].start)
                text = text.replace(f"%{k + 1}", _format(value, levels[k].fmt))
        return text.strip() or None


def _level(lvl: Any) -> _Level:
    start, fmt, text = lvl.find(X.START), lvl.find(X.NUM_FMT), lvl.find(X.LVL_TEXT)
    return _Level(
        int(start.get(X.VAL) or 1) if start is not None else 1,
        (fmt.get(X.VAL) or "decimal") if fmt is not None else "decimal",
        (text.get(X.VAL) or "") if text is not None else "",
    )


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(97 + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
