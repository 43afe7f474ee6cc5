"""Descriptions said of an entity by a verb's "as" phrase ("described him as a true
visionary"), the longest mention owning its words for the references after it, and
device descriptions that never stand for a store or a service."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.extract.entities import entities
from storyline.extract.entity_coref_discourse import Referent
from storyline.extract.entity_coref_nouns import NounRules
from storyline.extract.entity_coref_words import coref_words
from storyline.extract.entity_records import LocalEntity
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext
from tests.conftest import needs_model as requires_model


def _rules() -> NounRules:
    rules = NounRules.__new__(NounRules)
    rules.words = coref_words()
    return rules


def _thing(heads: frozenset[str]) -> Referent:
    return Referent(0, "MISC", False, None, frozenset(), heads)


def test_a_device_description_fits_a_product_but_not_a_store() -> None:
    rules = _rules()
    assert rules.fits(_thing(frozenset()), "device", ("product",), None, True) == \
        "description-product"
    assert rules.fits(_thing(frozenset({"store"})), "device", ("product",), None, True) is None
    shop = _thing(frozenset())
    shop.described.add("service")  # "the iTunes service"
    assert rules.fits(shop, "phone", ("product",), None, False) is None


# -- the bundled model ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline("bundled")


def _found(nlp: Any, text: str) -> list[LocalEntity]:
    return list(entities(nlp(text), ArticleContext("t", "2011-10-06")))


def _said_of(found: list[LocalEntity], rule: str) -> dict[str, str | None]:
    """Text of each mention a ``rule`` evidence record attached → its entity's name."""
    return {e.mentions[ev.mentions[0]].text: e.name for e in found for ev in e.evidence
            if ev.rule == rule}


@requires_model
def test_an_as_phrase_is_said_of_the_object(nlp: Any) -> None:
    found = _found(nlp, "Bill Gates expressed condolences for Steve Jobs and described him "
                        "as one of the founders of our industry and a true visionary.")
    said = _said_of(found, "description-as")
    assert set(said.values()) == {"Steve Jobs"}
    assert any(text.startswith("one of the founders of our industry") for text in said)
    assert any(text.endswith("a true visionary") for text in said)


@requires_model
@pytest.mark.parametrize("text", [
    # a verb that says nothing of its object by "as"
    "Steve Jobs met Bill Gates in 1997. He used him as a go-between with the board.",
    # negated
    "Steve Jobs met Bill Gates in 1997. Gates never described him as a friend.",
    # no object: the "as" phrase is the subject's role, not a description here
    "Steve Jobs worked as a technician at Atari before he founded Apple.",
])
def test_no_as_description(nlp: Any, text: str) -> None:
    assert _said_of(_found(nlp, text), "description-as") == {}


@requires_model
def test_the_longest_name_owns_its_words(nlp: Any) -> None:
    """"iPod" nested in "iPod Software 1.1.1" is the iPod's; the apposition before the
    name still describes the software."""
    found = _found(nlp, "Apple has released an update for the iPod. The software update, "
                        "iPod Software 1.1.1, works with the iPod Nano.")
    by_text = {m.text: e.name for e in found for m in e.mentions}
    assert by_text["The software update"] != by_text["iPod"]
    assert str(by_text["The software update"]).startswith("iPod Software")


@requires_model
def test_a_bare_complement_is_said_of_the_object(nlp: Any) -> None:
    found = _found(nlp, "The iPhone 4 went on sale on Monday. It is only 9.3 millimetres "
                        "thick, making it the thinnest smartphone on the planet.")
    said = _said_of(found, "description-as")
    assert list(said.items()) == [("the thinnest smartphone on the planet", "iPhone 4")]


@requires_model
def test_a_bare_complement_of_another_verb_is_no_description(nlp: Any) -> None:
    found = _found(nlp, "Apple unveiled the iPhone 4 on Monday. Analysts expected it "
                        "to become the best-selling smartphone of the year.")
    assert _said_of(found, "description-as") == {}


@requires_model
def test_a_bare_kind_noun_of_the_headline_is_a_description(nlp: Any) -> None:
    """Headlines drop articles: "leaves company" is "leaves the company"."""
    text = ("Apple executive leaves company after iPhone 4 antenna issues\n\nAugust 9, 2010\n\n"
            "Mark Papermaster, an Apple executive, has left the company.")
    by_text = {(m.start, m.text): e.name for e in _found(nlp, text) for m in e.mentions}
    assert by_text[(text.index("company"), "company")] == by_text[(0, "Apple")]


@requires_model
def test_a_bare_kind_noun_of_the_body_is_no_description(nlp: Any) -> None:
    text = ("Executive news\n\nAugust 9, 2010\n\n"
            "Mark Papermaster left Apple. Analysts said company morale was low.")
    found = _found(nlp, text)
    assert not any(m.text == "company" for e in found for m in e.mentions)
