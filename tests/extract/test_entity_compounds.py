"""A name and the noun for the kind of thing it is, as one mention of the entity.

Hand-built Docs (``parsed`` of :mod:`tests.extract.test_entity_coref`: word/POS/dep/head
tokens, brackets for entities), so that the rule is tested without the model.
"""

from __future__ import annotations

import doctest

import pytest

from storyline.extract import entity_compounds
from storyline.extract.entity_compounds import RULE
from tests.extract.test_entity_coref import parsed, run


def test_doctests() -> None:
    assert doctest.testmod(entity_compounds).failed == 0


def _compounds(spec: str) -> dict[str, str | None]:
    """Compound mention text -> name of the entity it was added to."""
    return {e.mentions[ev.mentions[0]].text: e.name for e in run(parsed(spec))
            for ev in e.evidence if ev.rule == RULE}


@pytest.mark.parametrize(("spec", "expected"), [
    # the name, then the kind of thing it is
    ("the/DET/det/2 [iTunes/PROPN/compound/2|MISC] store/NOUN/nsubj/3 grew/VERB/ROOT/3 "
     "./PUNCT/punct/3", {"iTunes store": "iTunes"}),
    # words between them; a product name the tagger calls an organisation (brand case)
    ("its/PRON/nmod:poss/4 [iPod/PROPN/compound/4|ORG] portable/ADJ/amod/4 "
     "music/NOUN/compound/4 players/NOUN/nsubj/5/player sold/VERB/ROOT/5 ./PUNCT/punct/5",
     {"iPod portable music players": "iPod"}),
    # the kind of thing, then the name
    ("the/DET/det/2 technology/NOUN/compound/2 blog/NOUN/compound/3 "
     "[Gizmodo/PROPN/nsubj/4|ORG] obtained/VERB/ROOT/4 it/PRON/obj/4 ./PUNCT/punct/4",
     {"the technology blog Gizmodo": "Gizmodo"}),
    ("the/DET/det/3 militant/ADJ/amod/3 group/NOUN/compound/3 [Hamas/PROPN/nsubj/4|ORG] "
     "said/VERB/ROOT/4/say ./PUNCT/punct/4", {"the militant group Hamas": "Hamas"}),
])
def test_a_name_and_its_kind(spec: str, expected: dict[str, str]) -> None:
    assert _compounds(spec) == expected


@pytest.mark.parametrize("spec", [
    # an organisation before a product word: its products, not it
    "[Apple/PROPN/compound/2|ORG] mobile/ADJ/amod/2 devices/NOUN/nsubj/3/device "
    "sold/VERB/ROOT/3 ./PUNCT/punct/3",
    # a part or a property of the named thing
    "the/DET/det/3 [iPhone/PROPN/compound/2 4/NUM/nummod/3|MISC] antenna/NOUN/nsubj/4 "
    "failed/VERB/ROOT/4 ./PUNCT/punct/4",
    # an organisation's website is another thing than the organisation
    "the/DET/det/2 [Apple/PROPN/compound/2|ORG] website/NOUN/nsubj/3 failed/VERB/ROOT/3 "
    "./PUNCT/punct/3",
    # the kind noun belongs to the name after it, not to the one before
    "[Internet/PROPN/compound/2|MISC] security/NOUN/compound/2 firm/NOUN/compound/3 "
    "[Secunia/PROPN/nsubj/4|ORG] warned/VERB/ROOT/4 ./PUNCT/punct/4",
    # a plural noun before a name is no apposition to it
    "he/PRON/nsubj/1 told/VERB/ROOT/1 many/ADJ/amod/3 groups/NOUN/iobj/1/group "
    "[Wikinews/PROPN/obj/1|ORG] ./PUNCT/punct/1",
    # a person is described by a title (entity_roles), not here
    "the/DET/det/1 singer/NOUN/compound/2 [Adele/PROPN/nsubj/3|PERSON] sang/VERB/ROOT/3 "
    "./PUNCT/punct/3",
])
def test_no_compound(spec: str) -> None:
    assert _compounds(spec) == {}


def test_the_kind_tells_a_later_description() -> None:
    found = run(parsed(
        "the/DET/det/2 [iTunes/PROPN/compound/2|MISC] store/NOUN/nsubj/3 grew/VERB/ROOT/3 "
        "./PUNCT/punct/3 the/DET/det/6 store/NOUN/nsubj/7 sold/VERB/ROOT/7 "
        "songs/NOUN/obj/7/song ./PUNCT/punct/7"))
    (itunes,) = [e for e in found if e.name == "iTunes"]
    assert [(m.text, m.kind) for m in itunes.mentions] == [
        ("iTunes", "name"), ("iTunes store", "description"), ("the store", "description")]
    assert any(e.rule == "description-repeat" for e in itunes.evidence)
