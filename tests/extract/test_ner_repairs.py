"""NER repairs from the tables and the article: listed places, cut names, table names the
NER missed, acronyms the article defines, and full names tagged as organisations."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.extract.entity_lexicon import lexicon
from storyline.extract.entity_ner import NAME_LABELS, name_mentions
from storyline.extract.ner_repairs import repaired_spans


def make(text: str, ents: dict[str, str] | None = None, *, propn: tuple[str, ...] = ()) -> Doc:
    """A Doc from space-separated words; ``ents`` maps a word run to its NER label."""
    words = text.split()
    iob = ["O"] * len(words)
    for name, label in (ents or {}).items():
        parts = name.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i:i + len(parts)] == parts and all(
                    tag == "O" for tag in iob[i:i + len(parts)]):
                iob[i] = f"B-{label}"
                for k in range(i + 1, i + len(parts)):
                    iob[k] = f"I-{label}"
    pos = ["PROPN" if w in propn else "X" for w in words]
    starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    return Doc(spacy.blank("en").vocab, words=words, ents=iob, pos=pos, sent_starts=starts)


def found(doc: Doc) -> list[tuple[str, str, str | None]]:
    return [(r.span.text, r.span.label_, r.rule)
            for r in repaired_spans(doc, lexicon(), NAME_LABELS)]


def test_listed_places_tagged_as_one_name_are_split() -> None:
    doc = make("Burkina Faso , Mali and Niger withdrew .", {"Mali and Niger": "PERSON"})
    assert found(doc) == [("Mali", "GPE", "split-listed-places"),
                          ("Niger", "GPE", "split-listed-places")]


def test_a_list_with_a_non_place_is_left_alone() -> None:
    doc = make("Mali and Johnson met .", {"Mali and Johnson": "PERSON"})
    assert found(doc) == [("Mali and Johnson", "PERSON", None)]


def test_a_name_cut_short_is_completed() -> None:
    doc = make("In January Burkina Faso left .", {"Burkina": "GPE"})
    assert found(doc) == [("Burkina Faso", "GPE", "completed-name")]
    doc = make("fighters of Islamic State attacked .", {"Islamic": "NORP"})
    assert found(doc) == [("Islamic State", "ORG", "completed-name")]


def test_completion_does_not_take_words_of_another_entity() -> None:
    doc = make("Burkina Faso left .", {"Burkina": "GPE", "Faso": "PERSON"})
    assert [t for t, _, _ in found(doc)] == ["Burkina", "Faso"]


def test_institutions_the_ner_missed_are_added_as_written_in_the_tables() -> None:
    doc = make("Leaders of ECOWAS met Boko Haram envoys .", {"Leaders": "PERSON"},
               propn=("Boko", "Haram"))
    assert ("ECOWAS", "ORG", "institution-table") in found(doc)
    assert ("Boko Haram", "ORG", "institution-table") in found(doc)


def test_a_capitalised_common_word_is_no_acronym() -> None:
    # "Who" is not the WHO; a lone capitalised word needs to be a proper noun
    # outside the sentence start
    doc = make("Who said so ? the who said so .", {"so": "PERSON"})
    assert all(rule != "institution-table" for _, _, rule in found(doc))


def test_acronyms_defined_by_the_article_name_their_organisation() -> None:
    doc = make("the Union of Northern Fishers ( UNF ) met . UNF leaders said .",
               {"Union of Northern Fishers": "ORG"})
    mentions = list(name_mentions(doc, lexicon()))
    assert [(m.text, m.label, m.canonical) for m in mentions] == [
        ("Union of Northern Fishers", "ORG", "Union of Northern Fishers"),
        ("UNF", "ORG", "Union of Northern Fishers"),
        ("UNF", "ORG", "Union of Northern Fishers"),
    ]
    assert "acronym-defined-in-article: UNF" in mentions[2].fixes


def test_an_acronym_that_does_not_fit_the_name_is_not_defined() -> None:
    doc = make("the Union of Northern Fishers ( XYZ ) met .", {"Union of Northern Fishers": "ORG"})
    assert [t for t, _, _ in found(doc)] == ["Union of Northern Fishers"]


def test_without_ner_nothing_is_added() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["ECOWAS", "met", "."])
    assert repaired_spans(doc, lexicon(), NAME_LABELS) == []


def test_full_name_tagged_org_becomes_the_person_its_surname_is() -> None:
    doc = make("analyst Kabiru Adamu welcomed it . Adamu said .",
               {"Kabiru Adamu": "ORG", "Adamu": "PERSON"})
    labels = [(m.text, m.label) for m in name_mentions(doc, lexicon())]
    assert labels == [("Kabiru Adamu", "PERSON"), ("Adamu", "PERSON")]


def test_an_organisation_with_a_company_word_keeps_its_type() -> None:
    doc = make("Sachs Group rose . Sachs said .", {"Sachs Group": "ORG", "Sachs": "PERSON"})
    labels = [(m.text, m.label) for m in name_mentions(doc, lexicon())]
    assert labels[0] == ("Sachs Group", "ORG")
