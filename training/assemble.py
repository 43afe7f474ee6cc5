"""Assemble the shipped pipeline from the syntax and NER training runs.

Why a separate step: the syntax (EWT + GUM) and NER (CoNLL + UNER + GUM) models are trained on
different corpora, so each has its own tok2vec. The NER's listener is replaced by a private copy
of its tok2vec (``replace_listeners``) and the NER is placed *before* the parser: spaCy's NER does
not cross sentence boundaries that are already set, and the EWT parser segments headline-like
news text badly. Two ``entity_ruler`` components follow the NER: ``org_ruler`` overwrites with
the exact names of major organisations and agencies (unambiguous strings such as "Shin Bet",
"NATO"); ``entity_ruler`` (``overwrite_ents = false``) only adds country, capital, big-city and
demonym names the NER missed; it never relabels or cuts an NER span, so "Jordan" tagged PERSON
by the NER stays a person. Only built-in factories are used: ``spacy.load`` needs nothing else.

Run: ``python -m training.assemble [SYNTAX_MODEL NER_MODEL]``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import spacy

from training.labels import GAZETTEER

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "src" / "storyline" / "data" / "model"
RUNS = REPO / "training" / "runs"
MIN_RULER_CITY_POPULATION = 1_000_000
NAME = "storyline_news"
VERSION = "0.1.0"


def _common_word(name: str) -> bool:
    """True for city names that are also frequent English words ("Mobile", "Reading")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(name.lower(), "en") > 4.5


def ruler_patterns() -> list[dict[str, Any]]:
    """Phrase patterns from the gazetteer: countries, capitals, big cities, demonyms."""
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    gpe: set[str] = set()
    norp: set[str] = set(data["norp_groups"])
    for country in data["countries"]:
        gpe.update([country["name"], *country["aliases"], *country["capitals"]])
        norp.update(country["demonyms"] + country["demonym_plurals"])
    for city in data["cities"]:
        big = city["population"] >= MIN_RULER_CITY_POPULATION
        if big and not _common_word(city["name"]):
            gpe.add(city["name"])
    gpe = {g for g in gpe if "," not in g and not g.startswith("the ")}
    patterns: list[dict[str, Any]] = []
    for label, names in (("GPE", gpe), ("NORP", norp)):
        patterns += [{"label": label, "pattern": n} for n in sorted(names)]
    return patterns


def org_patterns() -> list[dict[str, Any]]:
    """Names of major international organisations and agencies (ORG), from the gazetteer."""
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    orgs = {a for org in data["organisations"] for a in org["aliases"] if len(a) > 2}
    return [{"label": "ORG", "pattern": n} for n in sorted(orgs)]


def assemble(syntax_path: Path, ner_path: Path, out: Path = MODEL_DIR) -> spacy.Language:
    """Combine the two trained pipelines into one and save it to ``out``."""
    nlp = spacy.load(syntax_path)
    ner_nlp = spacy.load(ner_path)
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.add_pipe("ner", source=ner_nlp, name="ner", before="parser")
    org_ruler = nlp.add_pipe(
        "entity_ruler",
        name="org_ruler",
        after="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    org_ruler.add_patterns(org_patterns())  # type: ignore[attr-defined]
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="entity_ruler",
        after="org_ruler",
        config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"},
    )
    ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    nlp.meta.update(
        {
            "name": NAME,
            "version": VERSION,
            "description": (
                "Offline English news pipeline for storyline: tagger, morphologizer, "
                "lemmatizer, NER (PERSON/ORG/GPE/LOC/NORP/MISC), dependency parser "
                "(UD labels, sentence boundaries). See MODEL_CARD.md."
            ),
            "license": "CC BY-SA 4.0",
            "author": "storyline developers",
            "url": "",
            "email": "",
        }
    )
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    return nlp


def main() -> None:
    args = sys.argv[1:]
    syntax = Path(args[0]) if args else RUNS / "syntax1" / "model-best"
    ner = Path(args[1]) if len(args) > 1 else RUNS / "ner1" / "model-best"
    nlp = assemble(syntax, ner)
    print(f"wrote {MODEL_DIR}: {nlp.pipe_names}")


if __name__ == "__main__":
    main()
