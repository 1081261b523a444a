"""Option ids, scores (printed, else evenly spaced worst → best), colours and the synonyms
people type (initials, "Partially", "G")."""

from __future__ import annotations

import re

from mappings.draft.options import COLOURS, NA, NA_SYNONYMS, PERCENT, DraftOption, valence

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_TENS = {
    2: "twenty",
    3: "thirty",
    4: "forty",
    5: "fifty",
    6: "sixty",
    7: "seventy",
    8: "eighty",
    9: "ninety",
    10: "hundred",
}
# Words people type for an option of each meaning (added only when no other option uses them).
_TYPED = {
    2.0: ["Met", "Fully met", "Compliant", "Fully compliant", "Achieved", "In place"],
    1.0: [
        "Partially",
        "Partly",
        "Partial",
        "Partially met",
        "Partially compliant",
        "Part",
        "In progress",
    ],
    0.0: ["Not met", "Non-compliant", "Not compliant", "Not in place", "Not achieved"],
}
_RAG = {2.0: "00B050", 1.0: "FFC000", 0.0: "FF0000"}


def finish(options: list[DraftOption], printed: bool = False) -> list[str]:
    """Give every option an id, a score, a colour and synonyms; return notes for the summary.
    `printed`: each item's score is printed beside it, the options carry none."""
    notes: list[str] = []
    for option in options:
        option.na = bool(NA.match(option.label))
        option.label = re.sub(r"(\d)\s+%", r"\1%", option.label)  # "25 %" as a PDF spaces it
        percent = PERCENT.fullmatch(option.label.strip())
        if percent and option.score is None and not option.na:
            option.score, option.printed_score = float(percent.group(1)), True
    if not any(o.na for o in options):
        options.append(DraftOption(label="N/A", na=True, notes=["not printed: people type it"]))
    taken: set[str] = set()
    for option in options:
        option.id = _unique(_slug(option), taken)
        taken.add(option.id)
    for option in options:
        name = re.sub(r"[^a-z]", "", option.label.lower())
        if option.colour is None and name in COLOURS:
            option.colour = COLOURS[name]
    if printed:
        for option in options:
            option.score, option.printed_score = None, True
        notes.append("each item's score is printed beside it: options carry no score")
    else:
        notes += _score(options)
    _synonyms(options)
    return notes


def _slug(option: DraftOption) -> str:
    if option.na:
        return "na"
    words = re.sub(r"[^a-z]+", "_", option.label.lower()).strip("_")
    if words:
        return words
    number = PERCENT.search(option.label) or re.search(r"\d+", option.label)
    if number:
        return _number_words(int(float(number.group(1) if number.lastindex else number.group(0))))
    return "option"


def _number_words(n: int) -> str:
    if n <= 10:
        return _UNITS[n]
    if n % 10 == 0 and n // 10 in _TENS:
        return _TENS[n // 10]
    if 20 < n < 100:
        return f"{_TENS[n // 10]}_{_UNITS[n % 10]}"
    return "option"


def _unique(ident: str, taken: set[str]) -> str:
    if ident not in taken:
        return ident
    n = 2
    while f"{ident}_{_UNITS[n]}" in taken:
        n += 1
    return f"{ident}_{_UNITS[n]}"


def _score(options: list[DraftOption]) -> list[str]:
    """Printed scores stand; otherwise evenly spaced by meaning, or by printed order."""
    rated = [o for o in options if not o.na]
    for option in options:
        if option.na:
            option.score = None
    if all(o.printed_score for o in rated) and rated:
        return []
    values = [valence(o) for o in rated]
    known = [v for v in values if v is not None]
    if len(known) == len(rated) and len(set(known)) == len(known):
        ranked = sorted(rated, key=lambda o: valence(o) or 0.0)
        how = "by the meaning of their words"
    else:
        best_first = _best_first(values)
        ranked = list(reversed(rated)) if best_first else list(rated)
        how = "by printed order (" + ("best first" if best_first else "worst first, a guess") + ")"
    # A worst option that means "not at all" scores 0; a scale of ratings starts at 100/n.
    # The worst option means "not at all" by its words, or by its meaning in the key
    # ("Red: not in place", "1 – Not in place").
    worst, nothing = ranked[0], re.compile(r"\b(no|not|none|nothing)\b", re.I)
    zero = (valence(worst) == 0.0 and bool(nothing.search(worst.label))) or bool(
        nothing.match(worst.description) or re.search(r"\b(is|are) not\b", worst.description)
    )
    n = len(ranked)
    for k, option in enumerate(ranked):
        if option.printed_score:
            continue
        step = k / (n - 1) if zero and n > 1 else (k + 1) / n
        option.score = round(100 * step, 1)
        option.notes.append(f"score evenly spaced {how}")
    if not zero:
        ranked[0].notes.append("lowest rating scores 100/n, not 0: nothing says 'not met'")
    _rag(ranked)
    return [f"option scores evenly spaced {how}"]


def _best_first(values: list[float | None]) -> bool:
    """Whether the options are printed best first, from the ones whose meaning is known: a
    good word in the first half, or a bad one in the second."""
    middle = (len(values) - 1) / 2
    lean = sum((v - 1.0) * (middle - k) for k, v in enumerate(values) if v is not None)
    return lean > 0


def _rag(ranked: list[DraftOption]) -> None:
    """RAG colours by rank when the form shows none: best green, middle amber, worst red."""
    if any(o.colour for o in ranked) or len(ranked) < 2:
        return
    for k, option in enumerate(ranked):
        place = 0.0 if k == 0 else 2.0 if k == len(ranked) - 1 else 1.0
        option.colour = _RAG[place]
        option.notes.append("RAG colour by rank, not printed")


def _synonyms(options: list[DraftOption]) -> None:
    labels = {o.label.lower() for o in options}
    used = set(labels)
    for option in options:
        found: list[str] = []
        if option.na:
            found += NA_SYNONYMS
        else:
            words = option.label.split()
            initials = "".join(w[0] for w in words if w[0].isalpha()).upper()
            if initials and len(initials) <= 3:
                found.append(initials)
            v = valence(option)
            plain = re.sub(r"[^a-z]", "", option.label.lower()) not in COLOURS
            same = [o for o in options if valence(o) == v and not o.na]
            if plain and v is not None and v in _TYPED and len(same) == 1:
                found += _TYPED[v]
        unique: list[str] = []
        for word in found:
            key = word.lower()
            if key in used or any(key == s.lower() for s in unique):
                continue
            unique.append(word)
        used.update(w.lower() for w in unique)
        option.synonyms = unique
