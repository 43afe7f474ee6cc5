"""What :mod:`storyline.extract.entities` and :mod:`storyline.link` know about names.

Read once from the packaged data: ``data/names.toml`` (hypocorisms, transliterations,
honorifics, name particles, office titles, institutions), ``data/gazetteer/gazetteer.json``
(countries, demonyms, capitals, cities, regions, international organisations) and
``data/outlets.toml`` (news outlets).  Every key is :func:`fold`-ed text.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lower-cased, accent-free text with straight apostrophes, single spaces and no
    leading "the".

    >>> fold("  The  Élysée’s ")
    "elysee's"
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", text).strip().lower()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class Institution:
    """An organisation the data knows: its name, the short form roles use, its country."""

    name: str
    short: str
    country: str | None = None
    outlet: bool = False


@dataclass(frozen=True, slots=True)
class Office:
    """An office title: its canonical form and whether one person holds it at a time."""

    title: str
    unique: bool


@dataclass(frozen=True, slots=True)
class EntityLexicon:
    #: folded country name or alias -> ISO3
    countries: dict[str, str]
    #: ISO3 -> display name
    country_names: dict[str, str]
    #: folded demonym (singular or plural) -> ISO3
    demonyms: dict[str, str]
    #: folded capital -> ISO3
    capitals: dict[str, str]
    #: folded city or state -> ISO3 of its country (the most populous one of that name)
    cities: dict[str, str]
    regions: frozenset[str]
    norp_groups: frozenset[str]
    #: folded alias -> institution (data tables, gazetteer organisations and outlets)
    institutions: dict[str, Institution]
    #: folded capital -> the government it stands for as a subject ("Washington said")
    metonyms: dict[str, Institution]
    honorifics: frozenset[str]
    particles: frozenset[str]
    org_suffixes: frozenset[str]
    #: last words of the names of things named after an organisation ("Apple Worldwide
    #: Developers Conference"): no longer name of the organisation itself
    named_after: frozenset[str]
    not_names: frozenset[str]
    #: given-name short form -> the formal names it may stand for
    nicknames: dict[str, tuple[str, ...]]
    #: name spelling -> the spelling the resolver compares
    transliterations: dict[str, str]
    #: folded title as a word tuple -> office
    offices: dict[tuple[str, ...], Office]
    #: longest title length in words
    office_words: int
    #: first words of titles (and their plurals), to skip other words fast
    office_first: frozenset[str]
    former: frozenset[str]
    modifiers: frozenset[str]
    distinct: frozenset[str]

    def office(self, title: str) -> Office | None:
        """The office a title names, if any.

        >>> lexicon().office("CIA chief") is None, lexicon().office("chief").title
        (True, 'director')
        """
        return self.offices.get(tuple(fold(title).split()))

    def place_code(self, text: str) -> str | None:
        """ISO3 of a country named, or described by a demonym, in ``text``."""
        key = fold(text)
        return self.countries.get(key) or self.demonyms.get(key)


def _strings(table: dict[str, Any], key: str, where: str) -> list[str]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}: {key} must be a list of strings")
    return list(values)


def _read(*parts: str) -> str:
    node = resources.files("storyline").joinpath("data", *parts)
    return node.read_text(encoding="utf-8")


def _institutions(names: dict[str, Any], gazetteer: dict[str, Any],
                  outlets: dict[str, Any]) -> dict[str, Institution]:
    found: dict[str, Institution] = {}
    for entry in outlets.get("outlet", []):
        inst = Institution(entry["name"], entry["name"], None, outlet=True)
        for alias in [entry["name"], *entry.get("aliases", [])]:
            found[fold(alias)] = inst
    for entry in gazetteer["organisations"]:
        aliases = [entry["name"], *entry.get("aliases", [])]
        acronyms = [a for a in aliases if a.isupper() and len(a) <= 6]
        inst = Institution(entry["name"], acronyms[0] if acronyms else entry["name"])
        for alias in aliases:
            found.setdefault(fold(alias), inst)
    for entry in names.get("institution", []):
        inst = Institution(entry["name"], entry.get("short", entry["name"]),
                           entry.get("country"))
        for alias in [entry["name"], *entry.get("aliases", [])]:
            found[fold(alias)] = inst
    return found


def _offices(names: dict[str, Any]) -> dict[tuple[str, ...], Office]:
    offices: dict[tuple[str, ...], Office] = {}
    for entry in names.get("role", []):
        office = Office(entry["title"], bool(entry.get("unique", False)))
        for word in _strings(entry, "words", "names.toml [[role]]"):
            offices[tuple(fold(word).split())] = office
    return offices


def _groups(table: dict[str, Any], where: str) -> list[list[str]]:
    groups = table.get("groups", [])
    if not isinstance(groups, list) or not all(
        isinstance(g, list) and g and all(isinstance(w, str) for w in g) for g in groups
    ):
        raise ValueError(f"names.toml: {where}.groups must be a list of non-empty string lists")
    return [[fold(w) for w in g] for g in groups]


@cache
def lexicon() -> EntityLexicon:
    """The packaged tables (cached: the files are read once per process)."""
    names = tomllib.loads(_read("names.toml"))
    gazetteer = json.loads(_read("gazetteer", "gazetteer.json"))
    outlets = tomllib.loads(_read("outlets.toml"))
    display: dict[str, str] = dict(names.get("countries", {}).get("names", {}))
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {
        fold(k): v for k, v in names.get("countries", {}).get("demonyms", {}).items()}
    capitals: dict[str, str] = {}
    iso3_of: dict[str, str] = {}
    for c in gazetteer["countries"]:
        iso3 = c["iso3"]
        iso3_of[c["iso2"]] = iso3
        display.setdefault(iso3, c["name"])
        for alias in [c["name"], *c.get("aliases", [])]:
            countries.setdefault(fold(alias), iso3)
        for demonym in [*c.get("demonyms", []), *c.get("demonym_plurals", [])]:
            demonyms.setdefault(fold(demonym), iso3)
        for capital in c.get("capitals", []):
            capitals.setdefault(fold(capital), iso3)
    cities: dict[str, str] = {}
    for city in gazetteer["cities"]:  # most populous first: the first of a name wins
        if city.get("country") in iso3_of:
            cities.setdefault(fold(city["name"]), iso3_of[city["country"]])
    institutions = _institutions(names, gazetteer, outlets)
    metonyms: dict[str, Institution] = {}
    for entry in names.get("metonym", []):
        known = institutions.get(fold(entry["name"]))
        metonyms[fold(entry["text"])] = known or Institution(
            entry["name"], entry["name"], entry.get("country"))
    nicknames: dict[str, list[str]] = {}
    for group in _groups(names["given_names"], "given_names"):
        for short in group[1:]:
            nicknames.setdefault(short, [])
            if group[0] not in nicknames[short]:
                nicknames[short].append(group[0])
    transliterations = {
        w: group[0] for group in _groups(names["transliterations"], "transliterations")
        for w in group
    }
    offices = _offices(names)
    modifiers = names.get("role_modifiers", {})
    where = "names.toml"
    return EntityLexicon(
        countries=countries,
        country_names=display,
        demonyms=demonyms,
        capitals=capitals,
        cities=cities,
        regions=frozenset(fold(r) for r in gazetteer.get("regions", [])),
        norp_groups=frozenset(fold(g) for g in gazetteer.get("norp_groups", [])),
        institutions=institutions,
        metonyms=metonyms,
        honorifics=frozenset(fold(w) for w in _strings(names["honorifics"], "words", where)),
        particles=frozenset(fold(w) for w in _strings(names["particles"], "words", where)),
        org_suffixes=frozenset(
            fold(w) for w in _strings(names["organisations"], "suffixes", where)),
        named_after=frozenset(
            fold(w) for w in _strings(names["organisations"], "named_after", where)),
        not_names=frozenset(
            fold(w) for w in _strings(names["organisations"], "not_names", where)),
        nicknames={k: tuple(v) for k, v in nicknames.items()},
        transliterations=transliterations,
        offices=offices,
        office_words=max((len(k) for k in offices), default=1),
        office_first=frozenset(k[0] for k in offices) | frozenset(
            k[0] + "s" for k in offices if len(k) == 1),
        former=frozenset(fold(w) for w in _strings(modifiers, "former", where)),
        modifiers=frozenset(fold(w) for w in _strings(modifiers, "other", where)),
        distinct=frozenset(fold(w) for w in _strings(modifiers, "distinct", where)),
    )
