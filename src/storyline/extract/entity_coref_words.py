"""The word lists of :mod:`storyline.extract.entity_coref`: the ``[coref]`` tables of
``data/names.toml`` (pronouns and the entity types they may stand for, gendered words
and given names, empty "it" predicates, description heads) and ``data/entity_coref.toml``
(object-control verbs, heads of "a new version of X"), read once and folded."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from storyline.extract.entity_lexicon import fold, lexicon

__all__ = ["CorefWords", "coref_words"]


@dataclass(frozen=True, slots=True)
class CorefWords:
    """The ``[coref]`` tables of ``names.toml``, folded."""

    #: pronoun -> masculine | feminine | neuter | plural | first_singular | first_plural
    #: | relative
    pronouns: dict[str, str]
    reflexive: frozenset[str]
    #: pronoun class (and "who", "which") -> entity types it may stand for
    types: dict[str, frozenset[str]]
    masculine: frozenset[str]
    feminine: frozenset[str]
    masculine_given: frozenset[str]
    feminine_given: frozenset[str]
    pleonastic_verbs: frozenset[str]
    pleonastic_passives: frozenset[str]
    pleonastic_predicates: frozenset[str]
    #: verbs whose object "it" is an action, not a thing ("do it")
    light_verbs: frozenset[str]
    #: description head -> the kinds of entity it may describe
    heads: dict[str, tuple[str, ...]]
    distinct: frozenset[str]
    #: nouns for kinds of things that a name beside them is one of ("the iTunes
    #: store"), beyond the description kinds
    compound_heads: frozenset[str]
    determiners: frozenset[str]
    #: pronouns and quantifiers that head a plural noun phrase ("some", "others")
    plural_heads: frozenset[str]
    #: verbs that open a quotation with a colon and no quotation mark ("which reads:")
    block_verbs: frozenset[str]
    #: the words of the office titles of ``names.toml`` ("chief", "executive", ...)
    office_words: frozenset[str]
    #: what may head a description: a kind's word or an office's
    description_heads: frozenset[str]
    #: the words of the "org" kind ("company officials")
    org_heads: frozenset[str]
    #: every pronoun of ``pronouns``, and the third-person ones
    pronoun_words: frozenset[str]
    third_person: frozenset[str]
    #: verbs whose object is the subject of the infinitive after them ("forced Apple to
    #: lower its prices"), from ``entity_coref.toml``
    object_control: frozenset[str] = frozenset()
    #: heads of a phrase that stands for its "of" phrase's thing ("a new version of
    #: iTunes"), from ``entity_coref.toml``
    version_heads: frozenset[str] = frozenset()
    #: last words of a longer name that make it a product or a line of the name that
    #: opens it ("Apple TV", "iPod family"): ``entity_coref.toml`` [nesting] and the
    #: compound description words ("store", "service"; not "computer": "Apple Computer")
    nesting_words: frozenset[str] = frozenset()
    #: last words of a name that make it a line of the product named before them ("the
    #: iPod family"), from ``entity_coref.toml`` [nesting]
    line_words: frozenset[str] = frozenset()
    #: verbs whose "as" phrase is said of their object ("described him as a visionary"),
    #: from ``entity_coref.toml`` [as_predicates]
    as_verbs: frozenset[str] = frozenset()
    #: verbs whose bare noun complement is said of their object ("making it the
    #: thinnest smartphone"), from ``entity_coref.toml`` [as_predicates]
    complement_verbs: frozenset[str] = frozenset()


def _list(table: dict[str, Any], key: str) -> list[str]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"names.toml [coref]: {key} must be a list of strings")
    return [fold(v) for v in values]


@cache
def coref_words() -> CorefWords:
    """The packaged tables (cached: read once per process).

    >>> w = coref_words()
    >>> w.pronouns["its"], "ORG" in w.types["neuter"], w.heads["company"]
    ('neuter', True, ('org',))
    """
    raw = resources.files("storyline").joinpath("data", "names.toml").read_text("utf-8")
    table = tomllib.loads(raw).get("coref", {})
    pronouns, types, gender = table["pronouns"], table["types"], table["gender"]
    classes = ("masculine", "feminine", "neuter", "plural", "first_singular",
               "first_plural", "relative")
    heads: dict[str, tuple[str, ...]] = {}
    desc = table["descriptions"]
    for kind in ("org", "media", "country", "place", "product", "group"):
        for word in _list(desc, kind):
            heads[word] = (*heads.get(word, ()), kind)
    pleonastic = table["pleonastic"]
    pronoun_of = {w: c for c in classes for w in _list(pronouns, c)}
    office = frozenset(w for title in lexicon().offices for w in title)
    extra = tomllib.loads(resources.files("storyline").joinpath(
        "data", "entity_coref.toml").read_text("utf-8"))
    return CorefWords(
        pronouns=pronoun_of,
        reflexive=frozenset(_list(pronouns, "reflexive")),
        types={k: frozenset(v.upper() for v in _list(types, k)) for k in types},
        masculine=frozenset(_list(gender, "masculine_words")),
        feminine=frozenset(_list(gender, "feminine_words")),
        masculine_given=frozenset(_list(gender, "masculine_given")),
        feminine_given=frozenset(_list(gender, "feminine_given")),
        pleonastic_verbs=frozenset(_list(pleonastic, "verbs")),
        pleonastic_passives=frozenset(_list(pleonastic, "passives")),
        pleonastic_predicates=frozenset(_list(pleonastic, "adjectives")),
        light_verbs=frozenset(_list(pleonastic, "light_verbs")),
        heads=heads,
        distinct=frozenset(_list(desc, "distinct")),
        compound_heads=frozenset(_list(desc, "compound")),
        determiners=frozenset(_list(desc, "determiners")),
        plural_heads=frozenset(_list(pronouns, "plural_heads")),
        block_verbs=frozenset(_list(pronouns, "block_quote_verbs")),
        office_words=office,
        description_heads=frozenset(heads) | office,
        org_heads=frozenset(w for w, kinds in heads.items() if "org" in kinds),
        pronoun_words=frozenset(pronoun_of),
        third_person=frozenset(w for w, c in pronoun_of.items()
                               if c in ("masculine", "feminine", "neuter", "plural")),
        object_control=frozenset(_list(extra.get("control", {}), "object")),
        version_heads=frozenset(_list(extra.get("versions", {}), "heads")),
        nesting_words=frozenset(_list(extra.get("nesting", {}), "words"))
        | frozenset(_list(desc, "compound")),
        line_words=frozenset(_list(extra.get("nesting", {}), "lines")),
        as_verbs=frozenset(_list(extra.get("as_predicates", {}), "verbs")),
        complement_verbs=frozenset(_list(extra.get("as_predicates", {}), "complement")),
    )
