"""The answer options of a blank form: from option column headers, box labels, a row of labels
over a row of boxes, a "Yes/No/Partial?" header, a dropdown's list (Excel data validation),
typed answers or a legend ("Blue: everything is in place…", "100% – fully compliant"); with
their scores, RAG colours and the synonyms people type."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from mappings.draft.items import ID_ALONE
from mappings.draft.lines import Line, clean, header_role, header_roles, option_columns
from mappings.draft.listed import listed_in_name, listed_in_sentence, sentence_key
from mappings.settings import DRAFT

NA = re.compile(r"^(n\s*/?\s*a\.?|not applicable|not relevant|does not apply)\b", re.I)
PERCENT = re.compile(r"(\d{1,3}(?:\.\d)?)\s*%")
LEGEND = re.compile(r"^(?P<label>[^:–—\-]{1,40}?)\s*(?::|\s[–—-])\s*(?P<desc>\S.{6,})$")
PCT_LEGEND = re.compile(r"^(?P<pct>\d{1,3})\s*%\s*(?:[:–—-]\s*)?(?P<desc>\S.*)$")
COLOURS = {
    "blue": "0070C0",
    "green": "00B050",
    "amber": "FFC000",
    "yellow": "FFFF00",
    "orange": "FFC000",
    "red": "FF0000",
    "purple": "7030A0",
}
COLOUR_RANK = {"blue": 4, "green": 3, "yellow": 2, "amber": 2, "orange": 2, "red": 1}
# Meaning of an option's words, worst (0) to best (2), for spacing scores when none is printed.
BEST = re.compile(
    r"\b(yes|fully|full|complete[d]?|achieved|exceptional|outstanding|excellent"
    r"|in place|embedded|good|met)\b",
    re.I,
)
MID = re.compile(
    r"\b(partial(ly)?|partly|part|some|in progress|developing|mostly|started"
    r"|requires? (review|improvement)|review)\b",
    re.I,
)
WORST = re.compile(
    r"\b(no|not|non|none|never|urgent(ly)?|significant|inadequate|poor|weak)\b", re.I
)
NA_SYNONYMS = ["NA", "N.A.", "Not applicable", "Not relevant", "Does not apply"]


@dataclass
class DraftOption:
    label: str
    id: str = ""
    score: float | None = None
    colour: str | None = None
    na: bool = False
    synonyms: list[str] = field(default_factory=list)
    description: str = ""
    printed_score: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class OptionSet:
    options: list[DraftOption]
    order: list[str]  # ids as printed (boxes, columns)
    source: str  # where the labels were read
    notes: list[str] = field(default_factory=list)


def _is_option_text(text: str) -> bool:
    if NA.match(text.strip()):
        return True
    return 0 < len(text.split()) <= DRAFT.max_option_words and header_role(text) is None


def legend(lines: list[Line], known: set[str] | None = None) -> list[DraftOption]:
    """The longest run of lines that each give an option and its meaning."""
    return legend_run(lines, known or set())[0]


def legend_run(lines: list[Line], known: set[str]) -> tuple[list[DraftOption], set[int]]:
    """The legend and the lines it takes: the longest run of lines that each give an option
    and its meaning, or a paragraph of sentences that do ("Green means …. Amber means …").
    A numbered label ("1 | Not in place: …") counts only when the form lists it as an option
    elsewhere (`known`: the column's name or its dropdown), else it is a numbered criterion."""
    best: list[DraftOption] = []
    taken: set[int] = set()
    run: list[DraftOption] = []
    start = 0
    for n, line in enumerate([*lines, Line(cells=[], table=None)]):
        entry = _legend_entry(line, known)
        if entry is not None:
            if not run:
                start = n
            run.append(entry)
            continue
        if len(run) >= DRAFT.min_legend_lines and len(run) > len(best):
            best, taken = run, set(range(start, n))
        run = []
    for first, last in _paragraph_runs(lines):  # a PDF wraps one paragraph over lines
        said = sentence_key(" ".join(line.text for line in lines[first:last]))
        if len(said) >= DRAFT.min_legend_lines and len(said) > len(best):
            best = [DraftOption(label=label, description=clean(desc)) for label, desc in said]
            taken = set(range(first, last))
    return best, taken


def _paragraph_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, end) of each run of consecutive lines of one text each (paragraphs, or a
    sheet's rows of one cell), no boxes among them."""
    runs: list[tuple[int, int]] = []
    first: int | None = None
    for n, line in enumerate([*lines, Line(cells=[], table=0)]):
        alone = len([t for t in line.texts if t]) == 1 and not line.marks
        if alone and first is None:
            first = n
        elif not alone and first is not None:
            runs.append((first, n))
            first = None
    return runs


def known_labels(lines: list[Line]) -> set[str]:
    """Option labels the form lists anywhere: in a header cell's name, or a cell's dropdown."""
    found: set[str] = set()
    for line in lines:
        for text in line.header.values():
            if header_role(text) in (None, "response", "answer", "score"):
                found.update(_fold(t) for t in listed_in_name(text))
        for cell in line.cells:
            found.update(_fold(c) for c in cell.choices)
    return found


def _legend_entry(line: Line, known: set[str]) -> DraftOption | None:
    texts = [t for t in line.texts if t]
    fill = next((c.fill for c in line.cells if c.fill), None)
    if (
        line.table is not None
        and len(texts) == 2
        and _is_option_text(texts[0].rstrip(":"))
        # "1.1 | criterion": a numbered row, not a key, unless the form lists "1" as an option
        and (not ID_ALONE.match(texts[0]) or _fold(texts[0]) in known)
        and not line.is_header
    ):
        label, desc = texts[0].rstrip(": "), texts[1]
    elif len(texts) == 1:
        pct = PCT_LEGEND.match(texts[0])
        match = LEGEND.match(texts[0])
        if pct:
            label, desc = f"{pct.group('pct')}%", pct.group("desc")
        elif match and _is_option_text(match.group("label")):
            label, desc = match.group("label").strip(), match.group("desc")
        else:
            return None
    else:
        return None
    if len(desc.split()) < 2 or len(label.split()) > DRAFT.max_option_words:
        return None
    option = DraftOption(label=label, description=clean(desc), colour=fill)
    score = PERCENT.search(label) or PERCENT.search(desc[:30])
    if score:
        option.score, option.printed_score = float(score.group(1)), True
    return option


def printed_options(lines: list[Line], item_lines: list[int]) -> tuple[list[DraftOption], str]:
    """The options as printed beside or above the criteria, and where they were read."""
    for n in item_lines:  # option columns of the header over a criterion
        cols = option_columns(lines[n].header)
        if cols:
            fills = _header_fills(lines, n)
            seen: dict[str, DraftOption] = {}
            for col, text in cols:
                seen.setdefault(text, DraftOption(label=text, colour=fills.get(col)))
            return list(seen.values()), "option column headers"
    labels: dict[str, DraftOption] = {}
    for n in item_lines:  # labels of the boxes on the criterion's lines
        end = next((m for m in item_lines if m > n), min(len(lines), n + 12))
        for line in lines[n:end]:
            for mark in line.marks:
                if mark.label and _is_option_text(mark.label):
                    labels.setdefault(clean(mark.label), DraftOption(label=clean(mark.label)))
        if len(labels) >= 2:
            return list(labels.values()), "box labels"
    listed = dropdown_options(lines, item_lines)
    if listed:
        return listed, "the response column's dropdown list"
    for n in item_lines:  # "Yes/No/Partial?", "Compliance rating (100% / 75% / … / N/A)"
        for text in lines[n].header.values():
            if header_role(text) not in (None, "response", "answer", "score"):
                continue
            parts = listed_in_name(text)
            if len(parts) >= 2:
                return [DraftOption(label=p) for p in parts], "the response column's name"
    for n, line in enumerate(lines[:-1]):  # a row of labels over a row of boxes
        below = lines[n + 1]
        texts = [t for t in line.texts if t]
        below_texts = [t for t in below.texts if t]
        if (
            line.table is not None
            and len(texts) >= 2
            and not line.marks
            and len(below.marks) == len(texts)
            and not below_texts
            and all(_is_option_text(t) and not ID_ALONE.match(t) for t in texts)
        ):
            opts = [
                DraftOption(label=t, colour=c.fill)
                for t, c in zip(line.texts, line.cells, strict=True)
                if t
            ]
            return opts, "labels over boxes"
    for line in lines[: min(item_lines, default=0)]:  # "Mark one box: Met, Not met or N/A"
        if len([t for t in line.texts if t]) == 1:
            parts = listed_in_sentence(line.text)
            if len(parts) >= 2:
                return [DraftOption(label=p) for p in parts], "a guidance sentence"
    typed: dict[str, DraftOption] = {}
    for n in item_lines:  # answers typed in the rating column (a completed template)
        roles = header_roles(lines[n].header)
        for col, text in zip(lines[n].columns, lines[n].texts, strict=True):
            if roles.get(col) == "response" and _is_option_text(text):
                typed.setdefault(text, DraftOption(label=text))
    return list(typed.values()), "answers typed in the rating column"


def dropdown_options(lines: list[Line], item_lines: list[int]) -> list[DraftOption]:
    """The list most criteria's answer cells offer in a dropdown (an Excel list validation), in
    its order; a percentage printed in an entry is its score."""
    lists: Counter[tuple[str, ...]] = Counter()
    for n in item_lines:
        roles = header_roles(lines[n].header)
        for col, cell in zip(lines[n].columns, lines[n].cells, strict=True):
            if cell.choices and roles.get(col, "response") in ("response", "answer"):
                lists[cell.choices] += 1
                break
    if not lists:
        return []
    entries, count = lists.most_common(1)[0]
    if count * 2 < len(item_lines) or len([e for e in entries if not NA.match(e)]) < 2:
        return []
    options: list[DraftOption] = []
    for entry in dict.fromkeys(clean(e) for e in entries):
        option = DraftOption(label=entry)
        score = PERCENT.search(entry)
        if score:
            option.score, option.printed_score = float(score.group(1)), True
        options.append(option)
    return options


def _header_fills(lines: list[Line], n: int) -> dict[int, str]:
    for line in reversed(lines[: n + 1]):
        if line.is_header and line.table == lines[n].table:
            return {
                col: c.fill
                for col, c in zip(line.columns, line.cells, strict=True)
                if c.fill and _saturated(c.fill)
            }
    return {}


def _saturated(rgb: str) -> bool:
    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) > 60


def merge_legend(options: list[DraftOption], key: list[DraftOption]) -> list[DraftOption]:
    """Scores, meanings and colours from the legend, matched by label (or, for a legend that
    names every option by position, by order)."""
    if not options:
        return list(key)
    by_label = {_fold(k.label): k for k in key}
    for option in options:
        entry = by_label.get(_fold(option.label))
        if entry is None and PERCENT.search(option.label):
            entry = next((k for k in key if k.score == _pct(option.label)), None)
        if entry is None:
            continue
        option.description = option.description or entry.description
        option.colour = option.colour or entry.colour
        if option.score is None and entry.score is not None:
            option.score, option.printed_score = entry.score, True
    return options


def _pct(text: str) -> float | None:
    match = PERCENT.search(text)
    return float(match.group(1)) if match else None


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9%]+", "", text.lower())


def valence(option: DraftOption) -> float | None:
    """Worst 0 … best 2 from the option's words (colours ranked blue > green > amber > red)."""
    words = _fold(option.label)
    if words in COLOUR_RANK:
        return float(COLOUR_RANK[words])
    text = option.label
    if MID.search(text):
        return 1.0
    if WORST.search(text):
        return 0.0
    if BEST.search(text):
        return 2.0
    text = option.description
    if text and MID.search(text):
        return 1.0
    return None


def printed_scores(lines: list[Line], item_lines: list[int]) -> bool:
    """Whether most criteria print their own score (a percentage under a Score header)."""
    found = 0
    for n in item_lines:
        roles = header_roles(lines[n].header)
        cells = zip(lines[n].columns, lines[n].texts, strict=True)
        found += any(roles.get(col) == "score" and PERCENT.fullmatch(text) for col, text in cells)
    return bool(item_lines) and found * 2 >= len(item_lines)
