"""Syntax-driven references: names inside appositive and predicate descriptions,
relative clauses on nominal phrases, the understood subject of an infinitive and the
subject a conjoined verb shares.

Hand-built parsed Docs (``parsed`` of ``test_entity_coref``: ``word/POS/dep/head
[/lemma]``, brackets for entities), each rule with a case where it must not fire.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.extract.entities import _lead_end, entities
from storyline.extract.entity_coref import coref_words
from storyline.extract.entity_nominals import NOMINAL
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext
from tests.extract.test_entities import run as run_marked
from tests.extract.test_entity_coref import attached, parsed, run

# -- descriptions with another entity's name inside ------------------------------------------


def test_an_apposed_description_with_a_possessor_name_describes_the_name_after_it() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] settled/VERB/ROOT/1/settle with/ADP/case/6 "
        "the/DET/det/4 [Beatles/PROPN/nmod:poss/6|NORP] '/PART/case/4 "
        "company/NOUN/obl/1 ,/PUNCT/punct/9 [Apple/PROPN/compound/9 "
        "Corps/PROPN/appos/6|ORG] ./PUNCT/punct/1"))
    assert attached(found)["the Beatles ' company"] == ("Apple Corps", "description-apposition")


def test_a_description_apposed_after_a_name_may_hold_other_names() -> None:
    found = run(parsed(
        "Users/NOUN/nsubj/1/user like/VERB/ROOT/1 [Tiger/PROPN/obj/1|MISC] ,/PUNCT/punct/6 "
        "the/DET/det/6 newest/ADJ/amod/6/new version/NOUN/appos/2 of/ADP/case/10 "
        "[Apple/PROPN/nmod:poss/10|ORG] 's/PART/case/8 system/NOUN/nmod/6 ./PUNCT/punct/1"))
    assert attached(found)["the newest version"] == ("Tiger", "description-apposition")


def test_a_description_needs_the_apposition() -> None:  # the negative case
    found = run(parsed(
        "Users/NOUN/nsubj/1/user like/VERB/ROOT/1 [Tiger/PROPN/obj/1|MISC] and/CCONJ/cc/6 "
        "the/DET/det/6 newest/ADJ/amod/6/new version/NOUN/conj/2 of/ADP/case/10 "
        "[Apple/PROPN/nmod:poss/10|ORG] 's/PART/case/8 system/NOUN/nmod/6 ./PUNCT/punct/1"))
    assert "the newest version" not in attached(found)


# -- relative clauses on nominal phrases -------------------------------------------------------

STRIP = ("The/DET/det/1 antenna/NOUN/nsubj/4 is/AUX/cop/4/be a/DET/det/4 strip/NOUN/ROOT/4 "
         "{rel}/PRON/nsubj/6 wraps/VERB/acl:relcl/{head}/wrap the/DET/det/8 "
         "case/NOUN/obj/6 ./PUNCT/punct/4")


def test_a_relative_pronoun_joins_the_phrase_its_clause_is_on() -> None:
    found = run(parsed(STRIP.format(rel="that", head=4)))
    (nominal,) = [e for e in found if e.type == NOMINAL and
                  any(m.text == "that" for m in e.mentions)]
    assert [m.text for m in nominal.mentions] == ["a strip", "that"]
    assert nominal.evidence[0].rule == "nominal-relative"


def test_a_relative_clause_on_another_word_joins_nothing() -> None:
    # the clause hangs on "antenna" across the predicate: no phrase right before it
    found = run(parsed(STRIP.format(rel="that", head=1)))
    assert not any(m.text == "that" for e in found for m in e.mentions)


def test_who_opens_no_nominal_clause() -> None:
    found = run(parsed(STRIP.format(rel="who", head=4)))
    assert not any(m.text == "who" for e in found for m in e.mentions)


# -- the understood subject of an infinitive -------------------------------------------------

def _forced(verb: str) -> str:
    return ("[European/ADJ/amod/1 Commission/PROPN/nsubj/2|ORG] "
            f"{verb}/VERB/ROOT/2/{verb.removesuffix('d').removesuffix('e')}e "
            "[Apple/PROPN/obj/2|ORG] to/PART/mark/5 lower/VERB/xcomp/2/lower "
            "its/PRON/nmod:poss/7 prices/NOUN/obj/5/price ./PUNCT/punct/2")


def test_the_object_of_an_object_control_verb_is_the_infinitives_subject() -> None:
    assert "force" in coref_words().object_control
    found = run(parsed(_forced("forced")))
    assert attached(found)["its"] == ("Apple", "pronoun-thing")


def test_other_verbs_leave_the_infinitive_to_their_subject() -> None:
    found = run(parsed(_forced("urged").replace("/urge", "/promise")))
    assert attached(found)["its"] == ("European Commission", "pronoun-thing")


# -- the subject a conjoined verb shares -------------------------------------------------------

@pytest.mark.parametrize("own_subject, expected", [
    ("", "Steve Jobs"),  # "Ballmer praised Gates and described him": not Ballmer
    ("[Gates/PROPN/nsubj/10|PERSON] ", "Steve Ballmer"),  # its own subject: no co-argument
])
def test_a_conjoined_verb_shares_its_subject(own_subject: str, expected: str) -> None:
    verb = 10 if own_subject else 9
    found = run(parsed(
        "[Steve/PROPN/nsubj/2 Jobs/PROPN/flat/0|PERSON] left/VERB/ROOT/2/leave ./PUNCT/punct/2 "
        "[Steve/PROPN/nsubj/6 Ballmer/PROPN/flat/4|PERSON] praised/VERB/ROOT/6/praise "
        f"[Jobs/PROPN/obj/6|PERSON] and/CCONJ/cc/{verb} {own_subject}"
        f"described/VERB/conj/6/describe him/PRON/obj/{verb} ./PUNCT/punct/6"))
    assert attached(found)["him"][0] == expected


# -- titles: hyphenated words the tokenizer split, titles coordinated before a name -------

def _titled(second_det: bool) -> Doc:
    """ "The co-founder and [the] chief executive of Apple, Steve Jobs, died ." """
    d = 1 if second_det else 0
    rows = [("The", "DET", "det", 3), ("co", "NOUN", "compound", 3), ("-", "PUNCT", "punct", 1),
            ("founder", "NOUN", "nsubj", 12 + d), ("and", "CCONJ", "cc", 6 + d)]
    rows += [("the", "DET", "det", 7)] if second_det else []
    rows += [("chief", "ADJ", "amod", 6 + d), ("executive", "NOUN", "conj", 3),
             ("of", "ADP", "case", 8 + d), ("Apple", "PROPN", "nmod", 6 + d),
             (",", "PUNCT", "punct", 10 + d), ("Steve", "PROPN", "appos", 6 + d),
             ("Jobs", "PROPN", "flat", 10 + d), ("died", "VERB", "ROOT", 12 + d),
             (".", "PUNCT", "punct", 12 + d)]
    words = [r[0] for r in rows]
    spaces = [w not in ("co", "-") and (k + 1 == len(words) or words[k + 1] not in (",", "."))
              for k, w in enumerate(words)]
    ents = ["O"] * len(words)
    apple, steve = words.index("Apple"), words.index("Steve")
    ents[apple], ents[steve], ents[steve + 1] = "B-ORG", "B-PERSON", "I-PERSON"
    return Doc(load_pipeline("blank").vocab, words=words, spaces=spaces,
               heads=[r[3] for r in rows], deps=[r[2] for r in rows], pos=[r[1] for r in rows],
               ents=ents, sent_starts=[k == 0 for k in range(len(words))])


def test_a_title_coordinated_before_a_persons_title_is_that_persons() -> None:
    found = list(entities(_titled(False), ArticleContext("a", "2011-10-06")))
    jobs = next(e for e in found if e.name == "Steve Jobs")
    titles = [m.text for m in jobs.mentions if m.kind == "title"]
    assert "The co-founder" in titles  # "co", "-", "founder": one word, "co-founder"
    assert "coordinated-title" in {e.rule for e in jobs.evidence}


def test_a_coordinated_title_with_its_own_determiner_may_be_another_person() -> None:
    found = list(entities(_titled(True), ArticleContext("a", "2011-10-06")))
    jobs = next(e for e in found if e.name == "Steve Jobs")
    assert "The co-founder" not in [m.text for m in jobs.mentions]


# -- a kind noun between "the" and its head ---------------------------------------------------

@pytest.mark.parametrize("det, refers", [("the", True), ("a", False)])
def test_the_company_website_mentions_the_company(det: str, refers: bool) -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] grew/VERB/ROOT/1/grow ./PUNCT/punct/1 "
        f"{det}/DET/det/5 company/NOUN/compound/5 website/NOUN/nsubj/6 "
        "crashed/VERB/ROOT/6/crash ./PUNCT/punct/6"))
    assert (attached(found).get("company") == ("Apple", "description-org")) == refers


# -- the lead: headline and dateline before the first sentence --------------------------------

def test_the_lead_runs_past_a_headline_and_a_dateline() -> None:
    words = ["Apple", "sells", "iPods", "\n\n", "June", "9", "\n\n", "Apple", "Computer",
             "sold", "them", ".", "Apple", "grew", "."]
    starts: list[bool | int | None] = [1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]
    spaces = [w not in ("\n\n",) and words[k + 1:k + 2] not in (["\n\n"], ["."])
              for k, w in enumerate(words)]
    doc = Doc(load_pipeline("blank").vocab, words=words, spaces=spaces, sent_starts=starts)
    assert _lead_end(doc) == doc[11].idx + 1  # after "Apple Computer sold them."


# -- "a new version of X" stands for X ---------------------------------------------------------

@pytest.mark.parametrize("head, refers", [("version", True), ("fan", False)])
def test_it_after_a_new_version_of_a_thing_is_the_thing(head: str, refers: bool) -> None:
    found = run(parsed(
        f"A/DET/det/2 new/ADJ/amod/2 {head}/NOUN/nsubj:pass/6 of/ADP/case/4 "
        "[iTunes/PROPN/nmod/2|MISC] was/AUX/aux:pass/6/be announced/VERB/ROOT/6/announce "
        ",/PUNCT/punct/8 bringing/VERB/advcl/6/bring it/PRON/obj/8 home/ADV/advmod/8 "
        "./PUNCT/punct/6"))
    assert (attached(found).get("it") == ("iTunes", "pronoun-thing")) == refers


# -- a comma before a relative clause makes it no restriction ----------------------------------

@pytest.mark.parametrize("comma, refers", [(True, True), (False, False)])
def test_the_device_which_is_the_device_unless_the_clause_says_which(comma: bool,
                                                                      refers: bool) -> None:
    words = ("[iPhone/PROPN/compound/1 4/NUM/nsubj/2|MISC] failed/VERB/ROOT/2/fail "
             "./PUNCT/punct/2 Users/NOUN/nsubj/5/user held/VERB/ROOT/5/hold the/DET/det/7 "
             "device/NOUN/obj/5 ")
    words += (",/PUNCT/punct/11 which/PRON/nsubj/11 has/AUX/aux/11/have "
              "cracked/VERB/acl:relcl/7/crack ./PUNCT/punct/5") if comma else (
              "which/PRON/nsubj/10 has/AUX/aux/10/have cracked/VERB/acl:relcl/7/crack "
              "./PUNCT/punct/5")
    assert (attached(run(parsed(words))).get("the device", (None, ""))[0] == "iPhone 4") == refers


# -- an NER span that ran a country into a surname is no full name ------------------------------

@pytest.mark.parametrize("span, person", [("Kabiru Adamu", True), ("U.S. Adamu", False)])
def test_a_full_name_tagged_org_but_not_a_country_and_a_surname(span: str, person: bool) -> None:
    found = run_marked(f"[{span}|ORG] spoke . [Adamu|PERSON] said .")
    (entity,) = [e for e in found if span in {m.text for m in e.mentions}]
    assert (entity.type == "PERSON") == person
    assert (len(found) == 1) == person  # the surname joins the full name
