"""spaCy's English lookup lemmas and stop words, read from spaCy's own data files without
importing its pipeline (the import alone costs about a second of every process's start-up).

What spaCy's blank English pipeline with the lookup lemmatiser gives a folded text (lower
case, words of letters, digits and `_` separated by single spaces) is the same word by word:
its tokenizer splits on spaces first and then handles each word alone; the lemma is
`lemma_lookup[token.text]`, a stop word is `token.lower_ in STOP_WORDS`, punctuation a token
of punctuation characters only. A word that is no special case of spaCy's and that none of
its prefix, suffix or infix rules matches is one token (its tokenizer's algorithm leaves it
whole): the special cases and the three rules are spaCy's own, kept in
`spacy_tokenizer.json` (`python -m mappings.lemmas` rewrites it; a test checks it is
current). A word of ASCII letters and digits with no letter straight after a digit matches
no rule, so the rules are compiled only for other words. A word a rule does split ("10km",
"_dh") goes through spaCy's own tokenizer, loaded then. tests/test_lemmas.py checks the
whole against spaCy on every text of the samples, the practice answer keys and the toolkits.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

TOKENIZER = Path(__file__).with_name("spacy_tokenizer.json")
_DIGIT_THEN_LETTER = re.compile(r"[0-9][^0-9]")
_RULES = ("prefix", "suffix", "infix")


def _package_dir(name: str) -> Path:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def lemma_table() -> dict[str, str]:
    """spacy-lookups-data's English lookup table (the one spaCy's lemmatiser loads)."""
    path = _package_dir("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        table: dict[str, str] = json.load(f)
    return table


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, from its own `lang/en/stop_words.py` (plain data)."""
    path = _package_dir("spacy") / "lang" / "en" / "stop_words.py"
    namespace: dict[str, Any] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return frozenset(namespace["STOP_WORDS"])


@cache
def tokenizer_data() -> dict[str, Any]:
    """spaCy's English special cases (lower-case single words it splits, like "cannot", with
    the lemmas it keeps) and its prefix, suffix and infix rules, as spacy_tokenizer.json
    holds them."""
    data: dict[str, Any] = json.loads(TOKENIZER.read_text(encoding="utf-8"))
    return data


def specials() -> dict[str, list[str]]:
    table: dict[str, list[str]] = tokenizer_data()["specials"]
    return table


@cache
def _rules() -> tuple[re.Pattern[str], ...]:
    data = tokenizer_data()
    return tuple(re.compile(data[name]["pattern"], data[name]["flags"]) for name in _RULES)


def load() -> None:
    """Read every table now (a batch parent does, so its forked workers start warm)."""
    lemma_table()
    stop_words()
    tokenizer_data()
    _rules()


def simple(word: str) -> bool:
    """A word of ASCII letters and digits that no rule of spaCy's English tokenizer splits
    (its rules that can match such a word cut a unit after a number: "10km")."""
    return word.isascii() and word.isalnum() and not _DIGIT_THEN_LETTER.search(word)


def one_token(word: str) -> bool:
    """No prefix, suffix or infix rule of spaCy's tokenizer matches the word."""
    prefix, suffix, infix = _rules()
    return not (prefix.search(word) or suffix.search(word) or infix.search(word))


@lru_cache(maxsize=65_536)
def kept_lemmas(word: str) -> tuple[str, ...]:
    """The lemmas spaCy keeps for one folded word (stop words and punctuation dropped)."""
    special = specials().get(word)
    if special is not None:
        return tuple(special)
    if not (simple(word) or one_token(word)):
        return spacy_lemmas(word)
    if word.lower() in stop_words() or all(unicodedata.category(c)[0] == "P" for c in word):
        return ()
    return ((lemma_table().get(word, word) or word).lower(),)


@cache
def _nlp() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def spacy_lemmas(text: str) -> tuple[str, ...]:
    """spaCy's own pipeline on a text: the lemmas of its tokens that are not stop words,
    punctuation or spaces (the reference the tables above reproduce)."""
    return tuple(
        (tok.lemma_ or tok.text).lower()
        for tok in _nlp()(text)
        if not tok.is_stop and not tok.is_punct and not tok.is_space
    )


def spacy_tokenizer_data() -> dict[str, Any]:
    """From spaCy's English tokenizer: every special case a folded word can be, with its
    lemmas, and the patterns of its prefix, suffix and infix rules."""
    tokenizer = _nlp().tokenizer
    words = sorted(k for k in tokenizer.rules if re.fullmatch(r"\w+", k) and k == k.lower())
    data: dict[str, Any] = {"specials": {w: list(spacy_lemmas(w)) for w in words}}
    for name, found in zip(
        _RULES, (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer),
        strict=True,
    ):
        data[name] = {"pattern": found.__self__.pattern, "flags": int(found.__self__.flags)}
    return data


def write_tokenizer_data() -> int:
    """Write spacy_tokenizer.json from spaCy; returns how many special cases it holds."""
    data = spacy_tokenizer_data()
    TOKENIZER.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(data["specials"])


if __name__ == "__main__":
    print(f"wrote {write_tokenizer_data()} special cases and 3 rules to {TOKENIZER}")
