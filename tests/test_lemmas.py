"""The spaCy lemmas read from spaCy's data files (mappings/lemmas.py) are spaCy's own: the
same normalised text as its blank English pipeline with the lookup lemmatiser, on every text
of the toolkits, the goldens, the practice answer keys and words built to hit its tokenizer's
rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mappings import lemmas
from mappings.normalise import fold, normalise_many, strip_numbering

ROOT = Path(__file__).resolve().parents[1]
RETURNS = next(
    (p / "shared" / "returns" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "returns",
)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def corpus_texts() -> list[str]:
    texts: set[str] = set()
    for path in sorted((ROOT / "mappings" / "toolkits").glob("*.yaml")):
        texts.update(strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for path in sorted((ROOT / "mappings" / "toolkits" / "seeds").glob("*.txt")):
        texts.update(path.read_text(encoding="utf-8").splitlines())
    for path in [*sorted((ROOT / "golden").glob("*.json")), *sorted(RETURNS.glob("*.json"))]:
        texts.update(strings(json.loads(path.read_text(encoding="utf-8"))))
    return sorted(texts)


def spacy_normalised(text: str) -> str:
    return " ".join(lemmas.spacy_lemmas(fold(strip_numbering(text))[:2000]))


def test_tokenizer_file_is_spacys() -> None:
    assert lemmas.tokenizer_data() == lemmas.spacy_tokenizer_data()


def test_every_known_text_normalises_as_spacy_does() -> None:
    texts = corpus_texts()
    assert len(texts) > 1000
    ours = normalise_many(texts)
    differ = [(t, o) for t, o in zip(texts, ours, strict=True) if o != spacy_normalised(t)]
    assert not differ, differ[:5]


@pytest.mark.parametrize(
    "text",
    ["We cannot and dont", "meet at 10am or 3pm", "a 10km walk, 5mb file", "3rd and 2nd 1st",
     "snake_case 0_0 word", "Straße café naïve æon", "S11 audit 2023/24", "x2 a1b ab12cd 3g",
     "The children's services were being reviewed", "½ ² km² 10%"],
)
def test_tokenizer_rules_are_spacys(text: str) -> None:
    assert normalise_many([text]) == [spacy_normalised(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcdegikmnoprstz019_éß", min_size=1, max_size=6), max_size=6))
def test_random_words_normalise_as_spacy_does(words: list[str]) -> None:
    text = " ".join(words)
    assert normalise_many([text]) == [spacy_normalised(text)]


def test_which_words_need_spacys_own_tokenizer() -> None:
    assert lemmas.simple("safeguarding")
    assert lemmas.simple("s11")
    assert not lemmas.simple("1a")
    assert lemmas.one_token("1a")
    assert lemmas.one_token("fully_met")
    assert lemmas.one_token("straße")
    assert not lemmas.one_token("10km")
    assert not lemmas.one_token("_dh")
