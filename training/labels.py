"""Map the corpora's entity labels onto storyline's scheme (PERSON, ORG, GPE, LOC, NORP, MISC).

Why: CoNLL-2003 and UNER have one LOC label for countries, cities and mountains alike, and
CoNLL's MISC holds nationalities next to events and products. News analysis needs the OntoNotes
split (GPE = places with a government, NORP = nationalities and religious/political groups), so
the training data is relabelled with the gazetteer and the statistical NER learns the split in
context ("Jordan" the country vs. "Jordan" the person is the NER's call, not a lookup's).

Rules (documented in MODEL_CARD.md):
- PER -> PERSON; ORG -> ORG.
- LOC -> LOC if the span is a continent/region/sea in the gazetteer, or its first or last word is
  a geographic or facility head word ("River", "Mount", "Street", "Airport"); otherwise GPE.
  Most LOC spans in news are countries and cities, so GPE is the default.
- MISC (and UNER's OTH) -> NORP if every word is a demonym (singular or plural) or a
  religious/political group word from the gazetteer ("Israeli", "Bosnian Serb", "Muslims");
  otherwise MISC.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

GAZETTEER = Path(__file__).resolve().parents[1] / "src/storyline/data/gazetteer/gazetteer.json"
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "MISC")
_BASE = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_BASE |= {"OTH": "MISC", "GPE": "GPE", "NORP": "NORP"}


_LOC_FIRST = frozenset({"Mount", "Mt", "Mt.", "Lake", "Cape", "Gulf"})


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(region names, geographic head words, NORP names, country names) from the gazetteer."""
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    regions = frozenset(data["regions"])
    heads = frozenset(data["loc_head_words"])
    norp: set[str] = set(data["norp_groups"])
    countries: set[str] = set()
    for country in data["countries"]:
        norp.update(country["demonyms"])
        norp.update(country["demonym_plurals"])
        countries.update([country["name"], *country["aliases"]])
    return regions, heads, frozenset(norp), frozenset(countries)


def norp_words() -> frozenset[str]:
    """Names that make a span NORP (demonyms, their plurals, group names)."""
    return _tables()[2]


def country_names() -> frozenset[str]:
    """Country names and aliases ("Ivory Coast", "U.S.")."""
    return _tables()[3]


def _norm(word: str) -> str:
    """Title-case all-caps headline words ("GERMAN" -> "German") for gazetteer lookups."""
    return word.title() if word.isupper() and len(word) > 3 else word


def refine(label: str, text: str) -> str:
    """Map a corpus label and span text onto storyline's label scheme."""
    label = _BASE.get(label, label)
    regions, heads, norp, countries = _tables()
    words = [_norm(w) for w in text.split()]
    if not words:
        return label
    text = " ".join(words)
    if label == "LOC":
        if text in countries:
            return "GPE"
        if text in regions or words[0] in _LOC_FIRST or words[-1] in heads:
            return "LOC"
        return "GPE"
    if label == "MISC" and (text in norp or all(w in norp for w in words)):
        return "NORP"
    return label


def coarse(label: str) -> str:
    """Collapse storyline labels back to CoNLL's four, for scoring on CoNLL-2003."""
    return {"PERSON": "PER", "GPE": "LOC", "NORP": "MISC"}.get(label, label)
