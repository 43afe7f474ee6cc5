"""Nominal entities (``entity_nominals``), descriptions said of an entity (a copula's
predicate, a phrase with the name in apposition after it, plural product
descriptions) and names that open another entity's name (``entity_compounds``).

Hand-built parsed Docs (``parsed`` of ``test_entity_coref``: ``word/POS/dep/head
[/lemma]``, brackets for entities), so that results do not drift with the model.
"""

from __future__ import annotations

import doctest

import pytest

from storyline.extract import entity_compounds, entity_nominals
from storyline.extract.entities import LocalEntity
from storyline.extract.entity_compounds import nested_names
from storyline.extract.entity_nominals import NOMINAL, nominal_words
from storyline.extract.entity_records import Mention
from tests.extract.test_entity_coref import attached, parsed, run


def nominal_texts(found: list[LocalEntity]) -> list[list[str]]:
    return [[m.text for m in e.mentions] for e in found if e.type == NOMINAL]


@pytest.mark.parametrize("module", [entity_nominals, entity_compounds])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def test_the_word_lists_load() -> None:
    w = nominal_words()
    assert {"the", "these"} <= w.definite and "another" in w.never and "way" in w.generic


# -- chains by head ----------------------------------------------------------------------

def test_a_definite_phrase_joins_the_earlier_phrase_of_its_head() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] sells/VERB/ROOT/1/sell applications/NOUN/obj/1 ./PUNCT/punct/1 "
        "The/DET/det/5 applications/NOUN/nsubj/6 cost/VERB/ROOT/6 "
        "little/ADJ/obj/6 ./PUNCT/punct/6"))
    assert nominal_texts(found) == [["applications", "The applications"]]
    nominal = next(e for e in found if e.type == NOMINAL)
    assert nominal.name is None and nominal.evidence[0].rule == "nominal-head-match"


def test_a_bare_plural_repeated_word_for_word_joins() -> None:
    found = run(parsed(
        "Developers/NOUN/nsubj/1/developer write/VERB/ROOT/1 applications/NOUN/obj/1 "
        "./PUNCT/punct/1 Users/NOUN/nsubj/5/user buy/VERB/ROOT/5 "
        "applications/NOUN/obj/5 ./PUNCT/punct/5"))
    assert ["applications", "applications"] in nominal_texts(found)


@pytest.mark.parametrize("later, why", [
    ("the/DET/det/7 deal/NOUN/nsubj/8", ""),  # the positive case: it joins
    ("a/DET/det/7 deal/NOUN/nsubj/8", "an indefinite phrase starts a chain, never joins"),
    ("the/DET/det/7 deals/NOUN/nsubj/8/deal", "another number"),
    ("another/DET/det/7 deal/NOUN/nsubj/8", "a determiner of another one"),
    ("the/DET/det/8 rival/ADJ/amod/8 deal/NOUN/nsubj/9", "a word the chain never used"),
])
def test_what_does_not_join_a_chain(later: str, why: str) -> None:
    root = 8 if len(later.split()) == 2 else 9
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] signed/VERB/ROOT/1/sign a/DET/det/3 deal/NOUN/obj/1 "
        f"./PUNCT/punct/1 Then/ADV/advmod/{root} {later} held/VERB/ROOT/{root}/hold "
        f"./PUNCT/punct/{root}"))
    assert bool(nominal_texts(found)) == (not why), why


def test_the_same_deal_joins() -> None:  # the positive case of the one above
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] signed/VERB/ROOT/1/sign a/DET/det/3 deal/NOUN/obj/1 "
        "./PUNCT/punct/1 the/DET/det/7 new/ADJ/amod/7 deal/NOUN/nsubj/8 held/VERB/ROOT/8/hold "
        "./PUNCT/punct/8"))
    assert nominal_texts(found) == [["a deal", "the new deal"]]


def test_modifiers_that_say_which_one_keep_chains_apart() -> None:
    found = run(parsed(
        "The/DET/det/2 16GB/NUM/compound/2 version/NOUN/nsubj/3 costs/VERB/ROOT/3/cost "
        "more/ADJ/obj/3 ./PUNCT/punct/3 The/DET/det/8 32GB/NUM/compound/8 "
        "version/NOUN/nsubj/9 sells/VERB/ROOT/9/sell ./PUNCT/punct/9"))
    assert nominal_texts(found) == []


def test_generic_heads_never_chain() -> None:
    found = run(parsed(
        "The/DET/det/1 year/NOUN/nsubj/2 ended/VERB/ROOT/2/end ./PUNCT/punct/2 "
        "The/DET/det/5 year/NOUN/nsubj/6 began/VERB/ROOT/6/begin ./PUNCT/punct/6"))
    assert nominal_texts(found) == []


def test_a_phrase_of_an_entity_is_no_nominal() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] grew/VERB/ROOT/1/grow ./PUNCT/punct/1 The/DET/det/4 "
        "company/NOUN/nsubj/5 hired/VERB/ROOT/5/hire ./PUNCT/punct/5 The/DET/det/8 "
        "company/NOUN/nsubj/9 grew/VERB/ROOT/9/grow ./PUNCT/punct/9"))
    assert nominal_texts(found) == []
    assert attached(found)["The company"][0] == "Apple"


# -- plural pronouns ---------------------------------------------------------------------

def test_them_goes_to_the_plural_phrase_in_its_own_role() -> None:
    found = run(parsed(
        "Developers/NOUN/nsubj/1/developer sell/VERB/ROOT/1 applications/NOUN/obj/1 "
        "and/CCONJ/cc/4 price/VERB/conj/1 them/PRON/obj/4 ./PUNCT/punct/1"))
    assert ["applications", "them"] in nominal_texts(found)


def test_a_plural_pronoun_skips_its_co_argument_and_obliques() -> None:
    found = run(parsed(
        "Users/NOUN/nsubj/1/user thanked/VERB/ROOT/1/thank them/PRON/obj/1 "
        "at/ADP/case/4 odds/NOUN/obl/1/odds ./PUNCT/punct/1"))
    assert nominal_texts(found) == []


# -- descriptions said of an entity ---------------------------------------------------------

def test_a_copula_predicate_describes_its_subject() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/3|ORG] is/AUX/cop/3/be the/DET/det/3 producer/NOUN/ROOT/3 "
        "of/ADP/case/6 the/DET/det/6 iPod/PROPN/nmod/3 ./PUNCT/punct/3"))
    assert attached(found)["the producer"] == ("Apple", "description-predicate")


@pytest.mark.parametrize("spec, said", [
    ("[Apple/PROPN/nsubj/4|ORG] is/AUX/cop/4/be not/PART/advmod/4 a/DET/det/4 "
     "bank/NOUN/ROOT/4 ./PUNCT/punct/4", False),  # negated
    ("[Apple/PROPN/nsubj/4|ORG] is/AUX/cop/4/be now/ADV/advmod/4 a/DET/det/4 "
     "bank/NOUN/ROOT/4 ./PUNCT/punct/4", True),
    ("[iPhone/PROPN/nsubj/4|MISC] is/AUX/cop/4/be only/ADV/advmod/3 9.3/NUM/nummod/4 "
     "millimetres/NOUN/ROOT/4/millimetre thick/ADJ/amod/4 ./PUNCT/punct/4", False),  # a measure
])
def test_what_a_copula_makes_a_description(spec: str, said: bool) -> None:
    refs = attached(run(parsed(spec)))
    found = [t for t, (_, rule) in refs.items() if rule == "description-predicate"]
    assert found == (["a bank"] if said else [])


def test_a_phrase_with_the_name_in_apposition_after_it_describes_it() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] updated/VERB/ROOT/1/update its/PRON/nmod:poss/4 "
        "latest/ADJ/amod/4 model/NOUN/obj/1 ,/PUNCT/punct/6 "
        "[iPhone/PROPN/compound/7 4/NUM/appos/4|MISC] ./PUNCT/punct/1"))
    assert attached(found)["its latest model"] == ("iPhone 4", "description-apposition")


def test_a_plural_product_description_is_the_product_not_a_plural_company() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] recalled/VERB/ROOT/1/recall "
        "[iPhone/PROPN/compound/3 4/NUM/obj/1|MISC] ./PUNCT/punct/1 The/DET/det/6 "
        "phones/NOUN/nsubj/7/phone failed/VERB/ROOT/7/fail ./PUNCT/punct/7 "
        "The/DET/det/10 companies/NOUN/nsubj/11/company met/VERB/ROOT/11/meet "
        "./PUNCT/punct/11"))
    refs = attached(found)
    assert refs["The phones"] == ("iPhone 4", "description-product")
    assert refs.get("The companies", (None, ""))[0] != "Apple"


# -- names inside names ------------------------------------------------------------------

def _entity(local: int, name: str, type_: str, *spans: tuple[int, str]) -> LocalEntity:
    return LocalEntity("a", local, name, type_, None, None,
                       tuple(Mention(s, s + len(t), t, "name") for s, t in spans))


def test_a_name_opening_another_entitys_name_is_a_mention_of_it() -> None:
    apple = _entity(0, "Apple", "ORG", (0, "Apple"))
    conference = _entity(1, "Apple Worldwide Developers Conference", "ORG",
                         (20, "Apple Worldwide Developers Conference"))
    tv = _entity(2, "Apple TV", "MISC", (80, "Apple TV"))
    added = nested_names([apple, conference, tv])
    assert sorted((m.start, m.text) for m, _ in added[0]) == [(20, "Apple"), (80, "Apple")]


@pytest.mark.parametrize("entities, why", [
    ([_entity(0, "Apple", "ORG", (0, "Apple")), _entity(1, "Apple Corps", "ORG",
                                                         (20, "Apple Corps"))],
     "two companies"),
    ([_entity(0, "iPhone 4", "MISC", (0, "iPhone 4"), (30, "iPhone")),
      _entity(1, "iPhone 3GS", "MISC", (50, "iPhone 3GS"))],
     "'iPhone' is a short form of 'iPhone 4', not its name"),
    ([_entity(0, "Tim", "PERSON", (0, "Tim")), _entity(1, "Tim Cook", "PERSON",
                                                        (20, "Tim Cook"))],
     "people's names do not nest"),
    ([_entity(0, "Apple Inc.", "ORG", (0, "Apple Inc.")),
      _entity(1, "Apple", "ORG", (20, "Apple"))],
     "a corporate suffix: the same name"),
])
def test_names_that_do_not_nest(entities: list[LocalEntity], why: str) -> None:
    assert nested_names(entities) == {}, why
