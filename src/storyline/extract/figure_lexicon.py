"""The word lists and the light tokenization the figures extractor works on.

Figures are read from the raw text, not from the spaCy tokens, so that offsets,
hyphenated numbers ("twenty-five", "30-40") and currency signs behave the same
whatever model (or none) produced the Doc.  All word lists live in
``storyline/data/figures.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final, NamedTuple

__all__ = [
    "Lexicon",
    "NumberMatch",
    "Tok",
    "lexicon",
    "looks_plural",
    "match_phrase",
    "split_sentences",
    "tokenize",
]


class Tok(NamedTuple):
    """A word or symbol of the raw text; ``glued`` when no space precedes it.

    A named tuple rather than a frozen dataclass: articles have thousands of tokens
    and a tuple is several times cheaper to build.
    """

    text: str
    lower: str
    start: int
    end: int
    glued: bool


_TOKEN: Final = re.compile(
    r"\d+(?:[.,]\d+)*|[A-Za-z]+(?:\.(?=[A-Za-z]\.))?(?:['’][A-Za-z]+)?\.?|[^\sA-Za-z\d]"
)
_ABBREV_DOT: Final = re.compile(r"^(?:[A-Za-z]|[a-z]\.[a-z]|no|nos|vol|approx|jan|feb|mar|apr"
                                r"|jun|jul|aug|sep|sept|oct|nov|dec|a\.m|p\.m)\.$", re.I)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Words, numbers and symbols of ``text[start:end]`` with their offsets.

    A final period stays on the word only for abbreviations ("No.", "Oct.").
    """
    toks: list[Tok] = []
    stop = len(text) if end is None else end
    append = toks.append
    for match in _TOKEN.finditer(text, start, stop):
        s, e = match.span()
        word = match.group()
        glued = s > 0 and not text[s - 1].isspace()
        if word[-1] == "." and len(word) > 1 and not _ABBREV_DOT.match(word):
            word = word[:-1]
            append(Tok(word, word.lower(), s, e - 1, glued))
            append(Tok(".", ".", e - 1, e, True))
        else:
            append(Tok(word, word.lower(), s, e, glued))
    return toks


_SENTENCE_END: Final = frozenset({".", "!", "?"})
_CLOSERS: Final = frozenset({"\"", "”", "’", ")", "'"})


def split_sentences(toks: list[Tok], text: str) -> list[tuple[int, int]]:
    """Sentences as token index ranges ``[i, j)``, from the words alone.

    A sentence ends at ".", "!" or "?" (abbreviations keep their period inside the
    token) before a capital, a digit or a quote, and at a line break.  The parser's
    sentences are not used: a weak model splits mid-phrase ("about | 1,140").
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(toks)):
        prev, tok = toks[k - 1], toks[k]
        if "\n" in text[prev.end : tok.start]:
            bounds.append((start, k))
            start = k
            continue
        if prev.text in _CLOSERS and k >= 2 and toks[k - 2].text in _SENTENCE_END:
            prev = toks[k - 2]
        elif prev.text not in _SENTENCE_END:
            continue
        if tok.text[0].isupper() or tok.text[0].isdigit() or tok.text in ("\"", "“"):
            bounds.append((start, k))
            start = k
    if start < len(toks):
        bounds.append((start, len(toks)))
    return bounds


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: dict[str, int]
    scales: dict[str, int]
    attached_scales: dict[str, int]
    counted: dict[str, int]
    fractions: dict[str, float]
    vague: dict[tuple[str, ...], tuple[int, int]]
    qualifiers: dict[tuple[str, ...], str]
    post_qualifiers: dict[tuple[str, ...], str]
    bounds: dict[str, str]
    joiners: frozenset[str]
    change_verbs: frozenset[str]
    currency_symbols: dict[str, str]
    units: dict[tuple[str, ...], tuple[str, str]]  # words -> (kind, unit)
    exclude_before: frozenset[str]
    exclude_after: frozenset[str]
    relative_after: frozenset[str]
    age_subjects: frozenset[str]
    half_blockers: frozenset[str]
    score_max: int
    duration_modifiers: frozenset[str]
    age_verbs: frozenset[str]
    plural: frozenset[str]
    not_plural: frozenset[str]
    stop: frozenset[str]
    ordinal_suffixes: frozenset[str]
    months: frozenset[str]
    year_range: tuple[int, int]
    one_blockers: frozenset[str]
    one_followers: frozenset[str]
    raw: dict[str, Any]


def _phrases(table: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    return {tuple(key.split()): value for key, value in table.items()}


@cache
def lexicon() -> Lexicon:
    """The packaged word lists, loaded once."""
    source = resources.files("storyline") / "data" / "figures.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    numbers, units, exclude = data["numbers"], data["units"], data["exclude"]
    unit_words: dict[tuple[str, ...], tuple[str, str]] = {}
    for kind, table in (("money", units["currency_words"]), ("percent", units["percent"]),
                        ("duration", units["durations"]), ("measure", units["measures"])):
        for key, unit in _phrases(table).items():
            unit_words[key] = (kind, unit)
    low, high = exclude["year_range"]
    return Lexicon(
        words=dict(numbers["words"]),
        scales=dict(numbers["scales"]),
        attached_scales=dict(numbers["attached_scales"]),
        counted=dict(numbers["counted"]),
        fractions=dict(data["fractions"]),
        vague={k: (v[0], v[1]) for k, v in _phrases(data["vague"]).items()},
        qualifiers=_phrases(data["qualifiers"]),
        post_qualifiers=_phrases(data["post_qualifiers"]),
        bounds=dict(data["qualifier_bounds"]),
        joiners=frozenset(data["ranges"]["joiners"]),
        change_verbs=frozenset(data["ranges"]["change_verbs"]),
        currency_symbols=dict(units["currency_symbols"]),
        units=unit_words,
        exclude_before=frozenset(exclude["before"]),
        exclude_after=frozenset(exclude["after"]),
        relative_after=frozenset(exclude["relative_after"]),
        age_subjects=frozenset(exclude["age_subjects"]),
        half_blockers=frozenset(exclude["half_blockers"]),
        score_max=int(exclude["score_max"]),
        duration_modifiers=frozenset(units["duration_modifiers"]["words"]),
        age_verbs=frozenset(exclude["age_verbs"]),
        plural=frozenset(data["np"]["plural"]),
        not_plural=frozenset(data["np"]["not_plural"]),
        stop=frozenset(data["np"]["stop"]),
        ordinal_suffixes=frozenset(exclude["ordinal_suffixes"]),
        months=frozenset(exclude["months"]),
        year_range=(low, high),
        one_blockers=frozenset(exclude["one_blockers"]),
        one_followers=frozenset(exclude["one_followers"]),
        raw=data,
    )


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A quantity found in the text: token indices ``[first, last]`` cover hedge to unit."""

    first: int
    last: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    unit_kind: str | None  # money, percent, duration, measure, fraction
    num_first: int  # tokens of the number itself (no hedge, no unit words)
    num_last: int


_INDEXES: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _index(table: dict[tuple[str, ...], Any]) -> dict[str, list[tuple[str, ...]]]:
    index = _INDEXES.get(id(table))
    if index is None:
        index = {}
        for key in sorted(table, key=len, reverse=True):
            index.setdefault(key[0], []).append(key)
        _INDEXES[id(table)] = index
    return index


def match_phrase(toks: list[Tok], i: int, table: dict[tuple[str, ...], Any]) -> int:
    """Length in tokens of the longest key of ``table`` starting at token ``i``."""
    if i >= len(toks):
        return 0
    for key in _index(table).get(toks[i].lower, ()):
        n = len(key)
        if i + n <= len(toks) and all(toks[i + k].lower == key[k] for k in range(1, n)):
            return n
    return 0


def looks_plural(word: str, lex: Lexicon) -> bool:
    """A plural noun by its form: "hostages", "people", "schoolchildren"."""
    if word in lex.plural or word.endswith(("children", "people", "men")):
        return True
    return (len(word) > 2 and word.endswith("s") and word not in lex.not_plural
            and not word.endswith(("ss", "us", "is", "'s", "’s")))
