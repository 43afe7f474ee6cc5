"""Names inside names and names the NER glued together: a product or maker's name that
opens an organisation-tagged product name ("Apple TV", "iPod Software 1.1.1"), a
product named only in the name of its line ("the iPod family"), and two names tagged
as one ("the U.S. Jobs also noted", "Cisco sues Apple for iPhone")."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from storyline.extract.entity_compounds import line_names, nested_names, with_nested_names
from storyline.extract.entity_lexicon import lexicon
from storyline.extract.entity_ner import NAME_LABELS
from storyline.extract.entity_records import LocalEntity, Mention
from storyline.extract.ner_repairs import repaired_spans


def _entity(local: int, name: str, type_: str, *spans: tuple[int, str]) -> LocalEntity:
    return LocalEntity("a", local, name, type_, None, None,
                       tuple(Mention(s, s + len(t), t, "name") for s, t in spans))


# -- names inside organisation-tagged names -----------------------------------------------

@pytest.mark.parametrize(("owner", "longer"), [
    (("Apple", "ORG"), "Apple TV"),                 # a product of the maker, tagged ORG
    (("iPod", "MISC"), "iPod Software 1.1.1"),       # named after a product-like name
    (("iPod", "ORG"), "iPod Software 1.1.1"),
    (("iTunes", "ORG"), "iTunes Store"),             # a service word
])
def test_a_name_opening_an_organisation_tagged_product_name_nests(
        owner: tuple[str, str], longer: str) -> None:
    found = [_entity(0, owner[0], owner[1], (0, owner[0])),
             _entity(1, longer, "ORG", (40, longer))]
    added = nested_names(found)
    assert [(m.start, m.text) for m, _ in added[0]] == [(40, owner[0])]


@pytest.mark.parametrize("longer", ["Apple Corps", "Apple Records", "Apple Inc.",
                                    "Apple Computer"])
def test_two_companies_sharing_a_word_do_not_nest(longer: str) -> None:
    found = [_entity(0, "Apple", "ORG", (0, "Apple")),
             _entity(1, longer, "ORG", (40, longer))]
    assert nested_names(found) == {}


def test_a_product_named_only_in_its_lines_name_is_an_entity() -> None:
    family = _entity(0, "iPod family", "ORG", (10, "iPod family"), (90, "iPod family"))
    assert {k: [m.start for m in v] for k, v in line_names([family]).items()} == {
        "iPod": [10, 90]}
    out = with_nested_names([family])
    assert [(e.local, e.name, e.type) for e in out] == [(0, "iPod family", "ORG"),
                                                        (1, "iPod", "MISC")]
    assert out[1].evidence[0].rule == "nested-name"


@pytest.mark.parametrize(("found", "why"), [
    ([_entity(0, "Apple range", "ORG", (0, "Apple range"))],
     "a maker's name opens it, not a product's"),
    ([_entity(0, "iPod", "MISC", (0, "iPod")),
      _entity(1, "iPod family", "ORG", (20, "iPod family"))],
     "the article names the product: it nests instead"),
    ([_entity(0, "iPod Shuffle", "ORG", (0, "iPod Shuffle"))], "no word for a line"),
    ([_entity(0, "Tim Series", "PERSON", (0, "Tim Series"))], "a person's name"),
])
def test_no_line_name(found: list[LocalEntity], why: str) -> None:
    assert line_names(found) == {}, why


# -- glued names ----------------------------------------------------------------------------

def _doc(text: str, ents: list[tuple[str, str]]) -> Doc:
    """A Doc of space-separated words with each (words, label) tagged at its first
    untagged place."""
    words = text.split()
    iob = ["O"] * len(words)
    for name, label in ents:
        parts = name.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i:i + len(parts)] == parts and all(t == "O" for t in iob[i:i + len(parts)]):
                iob[i:i + len(parts)] = [f"B-{label}"] + [f"I-{label}"] * (len(parts) - 1)
                break
    starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    return Doc(spacy.blank("en").vocab, words=words, ents=iob, sent_starts=starts)


def _spans(doc: Doc) -> list[tuple[str, str, str | None]]:
    return [(r.span.text, r.span.label_, r.rule)
            for r in repaired_spans(doc, lexicon(), NAME_LABELS)]


def test_a_place_and_a_surname_glued_by_an_abbreviation_are_split() -> None:
    doc = _doc("Steve Jobs spoke in the U.S. . In the U.S. Jobs also noted sales .",
               [("Steve Jobs", "PERSON"), ("U.S.", "GPE"), ("U.S. Jobs", "ORG")])
    assert _spans(doc)[-2:] == [("U.S.", "GPE", "split-glued-names"),
                                ("Jobs", "PERSON", "split-glued-names")]


def test_a_name_glued_to_another_by_a_preposition_is_cut() -> None:
    doc = _doc("Cisco sues Apple for iPhone trademark . Apple Inc. makes the iPhone .",
               [("Cisco", "ORG"), ("Apple for iPhone", "ORG"), ("Apple Inc.", "ORG")])
    assert ("Apple", "ORG", "split-glued-names") in _spans(doc)
    assert not any(text == "Apple for iPhone" for text, _, _ in _spans(doc))


@pytest.mark.parametrize(("text", "ents", "kept"), [
    # a full name: given name and surname said alone elsewhere, one person
    ("Steve Jobs spoke . Steve left . Jobs returned .",
     [("Steve Jobs", "PERSON"), ("Steve", "PERSON"), ("Jobs", "PERSON")], "Steve Jobs"),
    # two names tagged elsewhere, but no full stop between them: one name
    ("The European Commission met . European leaders and the Commission agreed .",
     [("European Commission", "ORG"), ("European", "NORP"), ("Commission", "ORG")],
     "European Commission"),
    # "of" makes one name
    ("Bank of America grew . The Bank said so .",
     [("Bank of America", "ORG"), ("Bank", "ORG")], "Bank of America"),
    # the first part is not named alone
    ("The Center for Disease Control said .", [("Center for Disease Control", "ORG")],
     "Center for Disease Control"),
])
def test_names_that_stay_whole(text: str, ents: list[tuple[str, str]], kept: str) -> None:
    assert (kept, ents[0][1], None) in _spans(_doc(text, ents))
