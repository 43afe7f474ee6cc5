"""Per-article entities: grouping rules on hand-built Docs, then the seeds with the model.

Hand-built Docs carry the NER spans (and, where a rule reads them, tags) the test
needs, so the rules are tested without the model's drift.  ``doc("[CIA|ORG] chief
[William Burns|PERSON] met ...")`` marks an entity with brackets; tokens are split
on spaces.
"""

from __future__ import annotations

import doctest
import re
from typing import Any

import pytest
from spacy.tokens import Doc

from storyline.extract import entities as entities_module
from storyline.extract import entity_lexicon, entity_names, entity_records
from storyline.extract.entities import LocalEntity, entities, entity_at
from storyline.extract.entity_nominals import NOMINAL
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext
from tests.conftest import SEEDS
from tests.conftest import needs_model as requires_model

_BRACKET = re.compile(r"\[([^\]|]+)\|([A-Z]+)\]|(\S+)")


def doc(marked: str, pos: dict[str, str] | None = None) -> Doc:
    """A Doc from text with ``[words|LABEL]`` entities; ``pos`` gives words a POS tag."""
    words: list[str] = []
    ents: list[str] = []
    for m in _BRACKET.finditer(marked):
        if m.group(3):
            words.append(m.group(3))
            ents.append("O")
            continue
        parts = m.group(1).split()
        words += parts
        ents += [f"B-{m.group(2)}"] + [f"I-{m.group(2)}"] * (len(parts) - 1)
    starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    tags = [(pos or {}).get(w, "") for w in words]
    return Doc(load_pipeline("blank").vocab, words=words, ents=ents, sent_starts=starts,
               pos=[t or "X" for t in tags] if pos else None)


def run(marked: str, pos: dict[str, str] | None = None,
        published: str = "2024-05-25") -> list[LocalEntity]:
    return list(entities(doc(marked, pos), ArticleContext("a", published)))


def by_name(found: list[LocalEntity], name: str | None) -> LocalEntity:
    matches = [e for e in found if e.name == name]
    assert len(matches) == 1, [e.name for e in found]
    return matches[0]


def rules(entity: LocalEntity) -> set[str]:
    return {e.rule for e in entity.evidence}


@pytest.mark.parametrize("module", [entities_module, entity_lexicon, entity_names,
                                    entity_records])
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


def test_title_name_surname_and_description() -> None:
    found = run("[CIA|ORG] chief [William Burns|PERSON] met [Qatar|GPE] 's prime minister . "
                "[Burns|ORG] left .")
    burns = by_name(found, "William Burns")
    assert [(m.text, m.kind) for m in burns.mentions] == [
        ("CIA chief", "title"), ("William Burns", "name"), ("Burns", "surname")]
    assert (burns.roles[0].title, burns.roles[0].of, burns.roles[0].written) == (
        "director", "CIA", "chief")
    assert burns.affiliation == "USA"
    assert {"surname-of-full-name", "title-before-name", "type-fix"} <= rules(burns)
    pm = by_name(found, None)
    assert (pm.type, pm.roles[0].title, pm.roles[0].of, pm.affiliation) == (
        "PERSON", "prime minister", "QAT", "QAT")
    assert pm.mentions[0].text == "Qatar 's prime minister"
    assert pm.mentions[0].kind == "description"
    qatar = by_name(found, "Qatar")
    assert (qatar.type, qatar.code) == ("GPE", "QAT")


def test_offsets_point_into_the_text() -> None:
    d = doc("[CIA|ORG] chief [William Burns|PERSON] met [Qatar|GPE] 's prime minister .")
    for entity in entities(d, ArticleContext("a")):
        for m in entity.mentions:
            assert d.text[m.start:m.end] == m.text
        for r in entity.roles:
            assert d.text[r.start:r.end] == r.text


def test_hypocorism_and_initials_within_an_article() -> None:
    found = run("[Bill Burns|PERSON] spoke . [William Burns|PERSON] left . "
                "[Timothy D. Cook|PERSON] and [Tim Cook|PERSON] met .")
    assert {e.name for e in found} == {"William Burns", "Timothy D. Cook"}
    assert "hypocorism" in rules(by_name(found, "William Burns"))
    assert "hypocorism" in rules(by_name(found, "Timothy D. Cook"))


def test_a_surname_two_people_share_stays_apart() -> None:
    found = run("[George Bush|PERSON] and [Laura Bush|PERSON] arrived . [Bush|PERSON] spoke .")
    assert {e.name for e in found} == {"George Bush", "Laura Bush", "Bush"}
    alone = by_name(found, "Bush")
    assert rules(alone) == {"not-merged:ambiguous-surname"}


def test_given_name_after_the_full_name() -> None:
    found = run("[Steve Jobs|PERSON] resigned . [Steve|PERSON] wrote .")
    assert [(m.text, m.kind) for m in by_name(found, "Steve Jobs").mentions] == [
        ("Steve Jobs", "name"), ("Steve", "given")]


@pytest.mark.parametrize(("marked", "name", "label", "affiliation"), [
    ("talks in [Cairo|GPE] and [Doha|PERSON] .", "Doha", "GPE", "QAT"),
    ("a source told [Axios|PERSON] .", "Axios", "ORG", None),
    ("the [White House|GPE] said .", "US presidency", "ORG", "USA"),
    ("[Qatari|ORG] officials said .", "Qatar", "GPE", None),
    ("[Kremlin|GPE] said .", "Russian presidency", "ORG", "RUS"),
])
def test_type_errors_fixed_from_the_tables(marked: str, name: str, label: str,
                                            affiliation: str | None) -> None:
    entity = by_name(run(marked), name)
    assert (entity.type, entity.affiliation) == (label, affiliation)
    assert "type-fix" in rules(entity) or entity.mentions[0].kind in ("alias", "demonym")


def test_demonym_is_a_mention_of_its_country() -> None:
    qatar = by_name(run("[Qatari|NORP] mediators met in [Qatar|GPE] ."), "Qatar")
    assert [(m.text, m.kind) for m in qatar.mentions] == [("Qatari", "demonym"),
                                                           ("Qatar", "name")]
    assert qatar.code == "QAT"


def test_capitalised_participle_is_no_name() -> None:
    d = Doc(load_pipeline("blank").vocab, words=["Quoting", "officials", ",", "it", "said"],
            ents=["B-ORG", "O", "O", "O", "O"], tags=["VBG", "NNS", ",", "PRP", "VBD"],
            pos=["VERB", "NOUN", "PUNCT", "PRON", "VERB"])
    assert list(entities(d, ArticleContext("a"))) == []


def test_washington_as_a_subject_is_the_government() -> None:
    d = Doc(load_pipeline("blank").vocab, words=["Washington", "said", "no", "."],
            ents=["B-GPE", "O", "O", "O"], heads=[1, 1, 1, 1],
            deps=["nsubj", "ROOT", "obj", "punct"])
    (gov,) = entities(d, ArticleContext("a"))
    assert (gov.name, gov.type, gov.affiliation) == ("US government", "ORG", "USA")


def test_description_resolved_to_the_holder_named_in_the_article() -> None:
    found = run("[Mossad|ORG] director [David Barnea|PERSON] met [Burns|PERSON] . "
                "the director of [Israel|GPE] 's [Mossad|ORG] spoke .")
    barnea = by_name(found, "David Barnea")
    assert "the director of Israel 's Mossad" in [m.text for m in barnea.mentions]
    assert "role-description" in rules(barnea)
    assert not [e for e in found if e.name is None]


def test_two_holders_leave_a_description_unresolved() -> None:
    found = run("[CIA|ORG] director [John Brennan|PERSON] and [CIA|ORG] director "
                "[Bill Burns|PERSON] met . the [CIA|ORG] chief spoke .")
    described = by_name(found, None)
    assert "not-merged:ambiguous-role" in rules(described)


def test_plural_title_gives_one_description_per_conjunct() -> None:
    found = run("attended by the heads of its [Mossad|ORG] intelligence agency and "
                "[Shin Bet|ORG] security agency .",
                pos={"heads": "NOUN", "intelligence": "NOUN", "agency": "NOUN",
                     "security": "NOUN"})
    described = [e for e in found if e.name is None]
    assert [e.roles[0].of for e in described] == ["Mossad", "Shin Bet"]
    assert all(e.affiliation == "ISR" for e in described)


def test_apposition_and_of_phrase() -> None:
    found = run("[Tim Cook|PERSON] , the chief executive of [Apple|ORG] , said .")
    cook = by_name(found, "Tim Cook")
    assert [(r.title, r.of) for r in cook.roles] == [("chief executive", "Apple")]
    assert cook.affiliation == "Apple"
    assert "apposition" in rules(cook)


def test_former_and_indefinite_titles_describe_nobody() -> None:
    found = run("a former [CIA|ORG] director spoke . [Qatar|GPE] 's former emir left .")
    assert not [e for e in found if e.name is None]


def test_title_before_an_untagged_name_is_not_a_description() -> None:
    found = run("[US|GPE] President Barack said .", pos={"Barack": "PROPN"})
    assert not [e for e in found if e.name is None]


def test_acronym_and_short_form_of_an_organisation() -> None:
    found = run("the [Korean Central News Agency|ORG] ( [KCNA|ORG] ) said . "
                "[Apple Computer|ORG] sold more . [Apple|ORG] said .")
    assert "acronym" in rules(by_name(found, "Korean Central News Agency"))
    apple = by_name(found, "Apple Computer")
    assert [m.text for m in apple.mentions] == ["Apple Computer", "Apple"]
    assert "short-form" in rules(apple)


def test_a_thing_named_after_an_organisation_is_not_its_long_name() -> None:
    found = run("profits rose . [Apple Worldwide Developers Conference|ORG] opened . "
                "[Apple|ORG] said .")
    assert {e.name for e in found} == {"Apple Worldwide Developers Conference", "Apple"}


def test_given_name_goes_to_the_one_person_of_that_name_named_before_it() -> None:
    found = run("[Steve Jobs|PERSON] died . [Steve|PERSON] was a friend . "
                "[Steve Ballmer|PERSON] spoke . [Steve|PERSON] left .")
    jobs = by_name(found, "Steve Jobs")
    assert [(m.text, m.kind) for m in jobs.mentions] == [("Steve Jobs", "name"),
                                                         ("Steve", "given")]
    assert "one person named before it" in next(
        e.detail for e in jobs.evidence if e.rule == "given-name-of-full-name")
    assert [m.start for m in by_name(found, "Steve").mentions] == [
        len("Steve Jobs died . Steve was a friend . Steve Ballmer spoke . ")]


@pytest.mark.parametrize(("marked", "pos", "names"), [
    # a capitalised word the tagger reads as a noun goes on with a brand-case name
    ("the iTunes Music Store sold .", {"iTunes": "PROPN", "Music": "PROPN", "Store": "NOUN"},
     ["iTunes Music Store"]),
    # a lower-case model name the article repeats is part of the name, untagged ...
    ("[Apple|ORG] unveiled iPod nano . the iPod nano is small .",
     {"iPod": "PROPN", "nano": "NOUN"}, ["Apple", "iPod nano"]),
    # ... or left out of the tagger's span, or trimmed from it like "Apple mobile"
    ("the [iPod|ORG] nano is small . the [iPod nano|ORG] sold .",
     {"iPod": "PROPN", "nano": "NOUN"}, ["iPod nano"]),
    # once, it is a noun the name modifies
    ("the iPod owner and the iPod nano spoke .", {"iPod": "PROPN", "owner": "NOUN",
                                                  "nano": "NOUN"}, ["iPod"]),
])
def test_brand_case_product_names(marked: str, pos: dict[str, str],
                                  names: list[str]) -> None:
    found = run(marked, pos)
    assert sorted(e.name or "" for e in found) == names
    texts = {m.text for e in found for m in e.mentions}
    assert set(names) <= texts


def test_longer_name_after_the_short_one_is_another_thing() -> None:
    found = run("profits rose . [Apple|ORG] said . [Apple TV|ORG] sold .")
    assert {e.name for e in found} == {"Apple", "Apple TV"}


def test_corporate_suffix_is_one_name() -> None:
    found = run("[Apple Inc.|ORG] rose . [Apple|ORG] said .")
    assert [len(e.mentions) for e in found] == [2]


def test_record_shape() -> None:
    (entity,) = run("[Bill Burns|PERSON] spoke .")
    assert set(entity.as_dict()) >= {"article", "local", "name", "type", "code", "affiliation",
                                     "mentions", "roles", "evidence"}
    assert set(entity.as_dict()["mentions"][0]) >= {"start", "end", "text", "kind"}


def test_entity_at() -> None:
    found = run("[CIA|ORG] director [Bill Burns|PERSON] met [Qatar|GPE] 's prime minister .")
    text = doc("[CIA|ORG] director [Bill Burns|PERSON] met [Qatar|GPE] 's prime minister .").text
    burns = by_name(found, "Bill Burns").local
    assert entity_at(found, 0, 23) == burns  # "CIA director Bill Burns": its head
    assert entity_at(found, 13, 23) == burns
    assert entity_at(found, 0, 3) == by_name(found, "Central Intelligence Agency").local
    start = text.index("Qatar")
    end = text.index("minister") + len("minister")
    assert entity_at(found, start, end) == by_name(found, None).local
    assert entity_at(found, start, end + 2, text) == by_name(found, None).local  # "... ."
    assert entity_at([e.as_dict() for e in found], 13, 23) == burns
    assert entity_at(found, 24, 27) is None


# -- the seeds, with the bundled model ------------------------------------------------

@pytest.fixture(scope="module")
def seed_entities() -> dict[str, list[LocalEntity]]:
    nlp = load_pipeline("bundled")
    dates = {"000": "2024-01-28", "003": "2024-05-25"}
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        d = nlp(path.read_text(encoding="utf-8"))
        out[path.name[:3]] = list(entities(d, ArticleContext(path.stem, dates[path.name[:3]])))
    return out


def _named(found: list[LocalEntity], text: str) -> LocalEntity:
    return next(e for e in found if any(m.text == text for m in e.mentions))


@requires_model
def test_seed_one(seed_entities: dict[str, list[LocalEntity]]) -> None:
    found = seed_entities["000"]
    burns = _named(found, "William Burns")
    assert {m.text for m in burns.mentions} >= {
        "The head of the US Central Intelligence Agency", "CIA chief", "Burns"}
    assert {(r.title, r.of) for r in burns.roles} == {("director", "CIA")}
    pm = _named(found, "Qatar's prime minister")
    assert pm.name is None and pm.roles[0].of == "QAT"
    assert _named(found, "Qatar's emir").name is None
    assert _named(found, "White House").name == "US presidency"
    assert _named(found, "Egyptian").code == "EGY"


@requires_model
def test_seed_two(seed_entities: dict[str, list[LocalEntity]]) -> None:
    found = seed_entities["003"]
    assert _named(found, "Doha").type == "GPE"
    assert _named(found, "Axios").type == "ORG"
    barnea = _named(found, "David Barnea")
    assert {m.text for m in barnea.mentions} >= {"the director of Israel’s Mossad", "Barnea"}
    thani = _named(found, "Mohammed Bin Abdul Rahman al-Thani")
    assert {m.text for m in thani.mentions} >= {"Qatar’s prime minister",
                                                 "the Qatari prime minister"}
    assert thani.affiliation == "QAT"
    assert _named(found, "Jake Sullivan").roles[0].title == "national security adviser"
    # every office described is resolved; things named by common nouns only
    # ("a war ... the war") are nominal entities
    assert not [e for e in found if e.name is None and e.type != NOMINAL]


def test_white_house_title_and_abbreviated_country() -> None:
    found = run("[White House|GPE] national security adviser [Jake Sullivan|PERSON] met "
                "[U.S.|GPE] officials .")
    sullivan = by_name(found, "Jake Sullivan")
    assert [(r.title, r.of) for r in sullivan.roles] == [("national security adviser",
                                                          "White House")]
    assert sullivan.affiliation == "USA"
    assert by_name(found, "United States").mentions[0].text == "U.S."


def test_title_word_before_a_name_is_not_a_given_name() -> None:
    found = run("Secretary of State [Marco Rubio|PERSON] and President Barack [Obama|PERSON] met .",
                pos={"State": "PROPN", "Barack": "PROPN", "Secretary": "PROPN",
                     "President": "PROPN"})
    assert {e.name for e in found if e.type == "PERSON"} == {"Marco Rubio", "Barack Obama"}
    assert by_name(found, "Marco Rubio").roles[0].title == "secretary of state"


def test_surname_without_its_particle() -> None:
    found = run("[Bashar al-Assad|PERSON] spoke . [Assad|PERSON] left .")
    assert [m.kind for m in by_name(found, "Bashar al-Assad").mentions] == ["name", "surname"]


def test_groups_and_sub_units_are_no_description() -> None:
    found = run("[Zimbabwean|NORP] presidents met . the head of the [U.N.|ORG] children 's "
                "program spoke .", pos={"presidents": "NOUN", "children": "NOUN",
                                        "program": "NOUN"})
    assert not [e for e in found if e.name is None]


@pytest.mark.parametrize("text", ["", "   ", "No names here at all.", "CIA chief ."])
def test_texts_without_entities(text: str) -> None:
    nlp = load_pipeline("blank")
    assert list(entities(nlp(text), ArticleContext("a"))) == []
