"""Compare a drafted toolkit with a hand-written one: items by id and text, options by score."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from mappings.toolkits.schema import Toolkit


@dataclass
class Comparison:
    expected: int
    found: int
    right: int  # items with the right id and text similarity >= 95
    options: int
    options_right: int
    wrong: list[str]

    @property
    def share(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def compare(drafted: Toolkit, hand: Toolkit) -> Comparison:
    got = {item.id: item for _, item in drafted.all_items()}
    wrong: list[str] = []
    right = 0
    for _, item in hand.all_items():
        mine = got.get(item.id)
        sim = fuzz.ratio(_norm(mine.text), _norm(item.text)) if mine else 0.0
        if mine is not None and sim >= 95:
            right += 1
        else:
            wrong.append(f"item {item.id}: {sim:.0f} {mine.text[:60] if mine else 'missing'!r}")
    ok = 0
    for option in hand.options:
        names = {_norm(option.label), *(_norm(s) for s in option.synonyms)}
        mine_opt = next(
            (o for o in drafted.options if _norm(o.label) in names or (o.na and option.na)), None
        )
        if mine_opt is not None and mine_opt.score == option.score and mine_opt.na == option.na:
            ok += 1
        else:
            wrong.append(
                f"option {option.id}: {mine_opt.score if mine_opt else 'missing'} vs {option.score}"
            )
    return Comparison(hand.item_count, drafted.item_count, right, len(hand.options), ok, wrong)
