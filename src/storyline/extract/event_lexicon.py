"""The trigger lexicon behind :mod:`storyline.extract.events`, read once from ``data/events.toml``.

Verb senses list base forms; every inflection is generated here (regular rules plus the
file's irregular table), so matching works on the surface words and does not depend on
the lemmatizer, which misreads rare forms ("brokering" -> "brokere").

>>> lex = lexicon()
>>> [s.type for s in lex.verbs["threatened"]]
['THREATEN']
>>> sorted(inflections("kidnap", lex))
['kidnap', 'kidnapped', 'kidnapping', 'kidnaps']
"""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["EventLexicon", "Sense", "inflections", "lexicon", "plurals"]

_VOWELS = frozenset("aeiou")
#: entity labels a sense may ask for with ``@LABEL``
_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Sense:
    """One meaning of a trigger word; see the header of ``events.toml`` for each field."""

    kind: str
    type: str
    mode: str | None
    cameo: str | None
    weight: float
    particles: frozenset[str]
    adjacent: bool
    infinitive: bool
    direct: bool
    active: bool
    objects: frozenset[str]
    object_labels: frozenset[str]
    not_objects: frozenset[str]
    subject: frozenset[str]
    subject_labels: frozenset[str]
    not_subject: frozenset[str]
    not_subject_labels: frozenset[str]
    context: frozenset[str]
    not_context: frozenset[str]
    animate: bool
    frame: str | None
    needs: str | None
    gives: str | None
    retype: Mapping[str, str]
    dominant: bool
    mutual: bool
    host: bool
    anchored: bool
    order: int

    @property
    def conditions(self) -> int:
        """How many conditions the sense sets: specific senses are tried first."""
        return sum(bool(x) for x in (self.particles or self.infinitive,
                                     self.objects or self.object_labels,
                                     self.subject or self.subject_labels, self.context))


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Senses indexed by surface form, plus the grammar and actor tables."""

    verbs: Mapping[str, tuple[Sense, ...]]
    nouns: Mapping[str, tuple[Sense, ...]]
    adjectives: Mapping[str, tuple[Sense, ...]]
    #: first word -> (phrase words, sense), longest phrase first
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], Sense], ...]]
    grammar: Mapping[str, frozenset[str]]
    modes: Mapping[str, tuple[tuple[str, frozenset[str]], ...]]
    #: frame type -> content type -> mode ("called for talks": REQUEST meet)
    content_modes: Mapping[str, Mapping[str, str]]
    cameo_by_content: Mapping[str, Mapping[str, str]]
    sectors: Mapping[str, str]
    #: actor names (organisations, metonyms, countries, capitals, demonyms) -> code,
    #: as word tuples keyed by their first word, longest first
    names: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    #: lower-cased place names for locations (countries, capitals, cities, regions)
    places: frozenset[str]
    #: lower-cased country names, aliases and demonyms (actors more than places)
    countries: frozenset[str]
    #: every form that can start a trigger (a first filter over the words of a text)
    keys: frozenset[str]

    def words(self, key: str) -> frozenset[str]:
        return self.grammar[key]


def _should_double(base: str, double: frozenset[str], no_double: frozenset[str]) -> bool:
    if base in double:
        return True
    if base in no_double or len(base) < 3:
        return False
    a, b, c = base[-3], base[-2], base[-1]
    groups = sum(1 for i, ch in enumerate(base) if ch in _VOWELS
                 and (i == 0 or base[i - 1] not in _VOWELS))
    return (groups == 1 and c not in _VOWELS and c not in "wxy" and b in _VOWELS
            and a not in _VOWELS)


def _inflect(base: str, irregular: Mapping[str, tuple[str, ...]], double: frozenset[str],
             no_double: frozenset[str]) -> set[str]:
    forms = {base}
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(base + "es")
    elif base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if base.endswith("ie"):
        past, ing = base + "d", base[:-2] + "ying"
    elif base.endswith("ee"):
        past, ing = base + "d", base + "ing"
    elif base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        past, ing = base[:-1] + "ied", base + "ing"
    elif base.endswith("c"):
        past, ing = base + "ked", base + "king"
    elif _should_double(base, double, no_double):
        past, ing = base + base[-1] + "ed", base + base[-1] + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    forms.add(ing)
    if base in irregular:
        forms.update(irregular[base])
    else:
        forms.add(past)
    return forms


def inflections(lemma: str, lex: EventLexicon | None = None) -> set[str]:
    """Every surface form of a verb (the last part of a hyphenated verb is inflected)."""
    irregular, double, no_double = _inflection_tables()
    head, sep, last = lemma.rpartition("-")
    forms = _inflect(last, irregular, double, no_double)
    return {head + sep + f for f in forms}


def plurals(word: str) -> set[str]:
    """A noun and its plural (the last word of a phrase is pluralised).

    >>> sorted(plurals("air strike")), sorted(plurals("inquiry"))
    (['air strike', 'air strikes'], ['inquiries', 'inquiry'])
    """
    head, sep, last = word.rpartition(" ")
    if last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last if last.endswith("s") else last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in _VOWELS:
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return {word, head + sep + plural}


def split_words(phrase: str) -> tuple[str, ...]:
    """Lower-cased words of a phrase, hyphens dropped: "sit-in" -> ("sit", "in")."""
    return tuple(w for w in phrase.lower().replace("-", " ").split() if w)


@cache
def _inflection_tables() -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str]]:
    table = _data()["inflection"]
    irregular = {k: tuple(v) for k, v in table["irregular"].items()}
    return irregular, frozenset(table["double"]), frozenset(table["no_double"])


@cache
def _data() -> dict[str, Any]:
    raw = (resources.files("storyline") / "data" / "events.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _strings(entry: Mapping[str, Any], key: str) -> list[str]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"events.toml: {key} must be a list of strings")
    return values


def _expand(items: Iterable[str], classes: Mapping[str, list[str]]) -> tuple[set[str], set[str]]:
    """Words and entity labels of a condition list, with ``@class`` references expanded."""
    words: set[str] = set()
    labels: set[str] = set()
    for item in items:
        if item.startswith("@"):
            name = item[1:]
            if name in _LABELS:
                labels.add(name)
            elif name in classes:
                sub_words, sub_labels = _expand(classes[name], classes)
                words |= sub_words
                labels |= sub_labels
            else:
                raise ValueError(f"events.toml: unknown class {item!r}")
        else:
            words.add(" ".join(split_words(item)) if " " in item else item.lower())
    return words, labels


def _sense(kind: str, entry: Mapping[str, Any], classes: Mapping[str, list[str]],
           order: int) -> Sense:
    objects, object_labels = _expand(_strings(entry, "objects"), classes)
    subject, subject_labels = _expand(_strings(entry, "subject"), classes)
    not_subject, not_subject_labels = _expand(_strings(entry, "not_subject"), classes)
    retype = entry.get("retype", {})
    return Sense(
        kind=kind, type=str(entry["type"]), mode=entry.get("mode"), cameo=entry.get("cameo"),
        weight=float(entry.get("weight", 0.8)),
        particles=frozenset(_strings(entry, "particles")),
        adjacent=bool(entry.get("adjacent", False)),
        infinitive=bool(entry.get("infinitive", False)),
        direct=bool(entry.get("direct", False)),
        active=bool(entry.get("active", False)),
        objects=frozenset(objects), object_labels=frozenset(object_labels),
        not_objects=frozenset(_expand(_strings(entry, "not_objects"), classes)[0]),
        subject=frozenset(subject), subject_labels=frozenset(subject_labels),
        not_subject=frozenset(not_subject), not_subject_labels=frozenset(not_subject_labels),
        context=frozenset(_expand(_strings(entry, "context"), classes)[0]),
        not_context=frozenset(_expand(_strings(entry, "not_context"), classes)[0]),
        animate=bool(entry.get("animate", False)), frame=entry.get("frame"),
        needs=entry.get("needs"), gives=entry.get("gives"),
        retype={str(k): str(v) for k, v in retype.items()},
        dominant=bool(entry.get("dominant", False)), mutual=bool(entry.get("mutual", False)),
        host=bool(entry.get("host", False)), anchored=bool(entry.get("anchored", False)),
        order=order,
    )


def _ranked(index: Mapping[str, list[Sense]]) -> dict[str, tuple[Sense, ...]]:
    return {k: tuple(sorted(v, key=lambda s: (-s.conditions, s.order))) for k, v in index.items()}


def _gazetteer() -> dict[str, Any]:
    raw = (resources.files("storyline") / "data" / "gazetteer" / "gazetteer.json").read_text(
        encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _names(data: Mapping[str, Any], gazetteer: Mapping[str, Any]) -> tuple[
        dict[str, tuple[tuple[tuple[str, ...], str], ...]], set[str], set[str]]:
    """Actor names -> codes (the file's tables win over the gazetteer), place names and
    country names."""
    codes: dict[tuple[str, ...], str] = {}
    places: set[str] = set()
    countries: set[str] = set()
    for country in gazetteer.get("countries", []):
        iso3 = country.get("iso3")
        if not iso3:
            continue
        for name in [country["name"], *country.get("aliases", [])]:
            codes.setdefault(tuple(name.split()), iso3)
            places.add(name.lower())
            countries.add(name.lower())
        for name in [*country.get("demonyms", []), *country.get("demonym_plurals", [])]:
            codes.setdefault(tuple(name.split()), iso3)
            countries.add(name.lower())
        for name in country.get("capitals", []):
            codes.setdefault(tuple(name.split()), iso3)
            places.add(name.lower())
        places.update(p.lower() for p in country.get("provinces", []))
    for city in gazetteer.get("cities", []):
        if city.get("population", 0) >= 50_000:
            places.add(city["name"].lower())
    places.update(r.lower() for r in gazetteer.get("regions", []))
    actors = data["actors"]
    for table in ("countries", "capitals", "organisations"):
        for name, code in actors[table].items():
            codes[tuple(name.split())] = code
    countries.update(name.lower() for name in actors["countries"])
    for name in actors["capitals"]:
        places.add(name.lower())
    index: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for words, code in codes.items():
        # the tokenizer splits hyphens off: "al-Qaeda" -> al, -, Qaeda
        tokens = tuple(" ".join(words).replace("-", " - ").split())
        index[tokens[0]].append((tokens, code))
    return ({k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in index.items()}, places,
            countries)


@cache
def lexicon() -> EventLexicon:
    """The packaged lexicon (cached: the files are read once per process)."""
    data = _data()
    classes: dict[str, list[str]] = {k: list(v) for k, v in data["classes"].items()}
    irregular, double, no_double = _inflection_tables()
    verbs: dict[str, list[Sense]] = defaultdict(list)
    nouns: dict[str, list[Sense]] = defaultdict(list)
    adjectives: dict[str, list[Sense]] = defaultdict(list)
    phrases: dict[str, list[tuple[tuple[str, ...], Sense]]] = defaultdict(list)
    order = 0
    for kind in ("verb", "noun", "adjective"):
        for entry in data.get(kind, []):
            order += 1
            sense = _sense(kind, entry, classes, order)
            if kind == "verb":
                for lemma in _strings(entry, "lemmas"):
                    head, sep, last = lemma.rpartition("-")
                    for form in _inflect(last, irregular, double, no_double):
                        verbs[head + sep + form].append(sense)
            elif kind == "adjective":
                for word in _strings(entry, "words"):
                    adjectives[word].append(sense)
            else:
                for word in _strings(entry, "words"):
                    for form in plurals(word):
                        parts = split_words(form)
                        if len(parts) == 1:
                            nouns[parts[0]].append(sense)
                        else:
                            phrases[parts[0]].append((parts, sense))
    grammar = {k: frozenset(w.lower() for w in v) for k, v in data["grammar"].items()}
    # people and bodies that act: what a subject of a political act can be
    grammar["agents"] = frozenset(w for name in ("persons", "protesters", "workers", "authorities",
                                                 "troops", "visitors", "diplomats")
                                  for w in _expand(classes[name], classes)[0])
    modes = {t: tuple((m, frozenset(" ".join(split_words(c)) for c in cues))
                      for m, cues in table.items()) for t, table in data["modes"].items()}
    sectors: dict[str, str] = {}
    for sector, words in data["actors"]["sectors"].items():
        for word in words:
            sectors.setdefault(" ".join(split_words(word)), sector)
    names, places, countries = _names(data, _gazetteer())
    return EventLexicon(
        verbs=_ranked(verbs), nouns=_ranked(nouns), adjectives=_ranked(adjectives),
        phrases={k: tuple(sorted(v, key=lambda p: (-len(p[0]), -p[1].conditions, p[1].order)))
                 for k, v in phrases.items()},
        grammar=grammar, modes=modes,
        content_modes={k: dict(v) for k, v in data["content_modes"].items()},
        cameo_by_content={k: dict(v) for k, v in data["cameo_by_content"].items()},
        sectors=sectors, names=names, places=frozenset(places), countries=frozenset(countries),
        keys=frozenset(verbs) | frozenset(nouns) | frozenset(adjectives) | frozenset(phrases)
        | frozenset(f.rpartition("-")[2] for f in verbs if "-" in f),
    )
