"""Outlet, dateline and relays read from the article text itself.

Everything recognised here comes from ``storyline/data/outlets.toml``: the known
outlets with their aliases, and the dateline and credit patterns, tried in order.
Only two places are looked at, because that is where wire copy puts them: the very
start of the text ("PARIS (Reuters) -") and the end of a sentence
("..., Report informs via Axios.").  A capitalised first word alone is never a
dateline; it needs the all-caps shape followed by a credit or a dash.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: how far into the text a dateline may reach
_DATELINE_WINDOW = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])|\n+")


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    known_only: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The parsed data file: alias lookup plus the ordered patterns."""

    #: casefolded alias (without a leading "the") -> canonical outlet name
    aliases: dict[str, str]
    datelines: tuple[Pattern, ...]
    credits: tuple[Pattern, ...]
    not_places: frozenset[str]

    def outlet(self, name: str) -> str | None:
        """The canonical name of a known outlet, or ``None``.

        >>> load_lexicon().outlet("the Associated Press")
        'AP'
        """
        return self.aliases.get(_alias_key(name))


@dataclass(frozen=True, slots=True)
class TextMeta:
    """What the text says about its own provenance."""

    outlet: str | None = None
    via: tuple[str, ...] = ()
    dateline: str | None = None


def _alias_key(name: str) -> str:
    key = " ".join(name.split()).casefold()
    return key[4:] if key.startswith("the ") else key


@cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, parsed and compiled once per process."""
    raw = resources.files("storyline") / "data" / "outlets.toml"
    return parse_lexicon(tomllib.loads(raw.read_text(encoding="utf-8")))


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """A lexicon from the data file's structure (tests pass their own)."""
    aliases: dict[str, str] = {}
    for outlet in data.get("outlet", []):
        for alias in [outlet["name"], *outlet.get("aliases", [])]:
            aliases[_alias_key(alias)] = outlet["name"]

    def patterns(kind: str) -> tuple[Pattern, ...]:
        return tuple(
            Pattern(p["name"], re.compile(p["pattern"]), bool(p.get("known_only", False)))
            for p in data.get(kind, [])
        )

    return Lexicon(
        aliases=aliases,
        datelines=patterns("dateline"),
        credits=patterns("credit"),
        not_places=frozenset(data.get("not_places", [])),
    )


def text_meta(text: str, lexicon: Lexicon | None = None) -> TextMeta:
    """Outlet, relays and dateline that the text declares.

    The dateline's wire credit comes first; a sentence-final credit fills the outlet
    if that is still empty, and otherwise its outlets become relays.

    >>> text_meta("PARIS (Reuters) - Talks went on.")
    TextMeta(outlet='Reuters', via=(), dateline='Paris')
    >>> text_meta("Talks went on, officials said, Report informs via Axios.")
    TextMeta(outlet='Report', via=('Axios',), dateline=None)
    """
    lex = lexicon or load_lexicon()
    dateline, credited = _dateline(text, lex)
    named = [credited] if credited else []
    named += _credit(text, lex)
    outlet = named[0] if named else None
    via = tuple(dict.fromkeys(name for name in named[1:] if name != outlet))
    return TextMeta(outlet=outlet, via=via, dateline=dateline)


def _dateline(text: str, lex: Lexicon) -> tuple[str | None, str | None]:
    head = text[:_DATELINE_WINDOW]
    for pattern in lex.datelines:
        match = pattern.regex.match(head)
        if match is None:
            continue
        place = match.group("place").strip()
        if place in lex.not_places or lex.outlet(place):
            continue
        credit = match.groupdict().get("outlet")
        outlet = (lex.outlet(credit) or credit.strip()) if credit else None
        return place_name(place), outlet
    return None, None


def _credit(text: str, lex: Lexicon) -> list[str]:
    """Outlet then relays from the first sentence that ends with a credit line."""
    for sentence in _SENTENCE_END.split(text):
        tail = sentence.strip()
        for pattern in lex.credits:
            match = pattern.regex.search(tail)
            if match is None:
                continue
            found = [match.group("outlet")]
            if match.groupdict().get("via"):
                found.append(match.group("via"))
            known = [lex.outlet(name) for name in found]
            if pattern.known_only and None in known:
                continue
            return [k or name.strip() for k, name in zip(known, found, strict=True)]
    return []


def place_name(place: str) -> str:
    """An all-caps dateline in title case: ``GAZA CITY`` -> ``Gaza City``.

    >>> place_name("PORT-AU-PRINCE")
    'Port-Au-Prince'
    """
    return re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), place.strip())


def is_outlet(name: str) -> bool:
    """Whether ``name`` is a known news outlet (they report; they are not parties).

    >>> is_outlet("The New York Times"), is_outlet("Hamas")
    (True, False)
    """
    return load_lexicon().outlet(name) is not None
