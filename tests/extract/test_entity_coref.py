"""Pronouns and descriptions attached to an article's entities.

Rules are tested on hand-built parsed Docs, so that results do not drift with the
model: ``parsed("[Apple|ORG]/PROPN/nsubj/1 said/VERB/ROOT/1/say ...")`` gives each
token its POS, dependency label, head (absolute index) and, optionally, lemma; a
bracket marks an entity (``[Tim/PROPN/nsubj/2 Cook/PROPN/flat/0|PERSON]``).  The
seeds and samples then run through the bundled model.
"""

from __future__ import annotations

import doctest
import json
import re
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from storyline.extract import entity_coref, entity_coref_discourse, entity_coref_words
from storyline.extract.entities import LocalEntity, entities
from storyline.extract.entity_coref import Reference, coref_words, references, with_references
from storyline.extract.entity_coref_discourse import Discourse, block_quotes, quote_regions
from storyline.extract.entity_records import Mention
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext
from tests.conftest import SAMPLES, SEEDS
from tests.conftest import needs_model as requires_model

_TOKEN = re.compile(r"\[([^\]|]+)\|([A-Z]+)\]|(\S+)")
_TAGS = {"PROPN": "NNP", "VERB": "VBD", "AUX": "VBZ", "DET": "DT", "ADJ": "JJ", "ADP": "IN",
         "PUNCT": ".", "SCONJ": "IN", "PART": "TO", "ADV": "RB", "NUM": "CD", "CCONJ": "CC"}


def _tag(word: str, pos: str, dep: str) -> str:
    if pos == "PRON":
        if word.lower() in ("which", "that"):
            return "WDT"
        if word.lower() in ("who", "whom"):
            return "WP"
        return "PRP$" if dep == "nmod:poss" else "PRP"
    if pos == "NOUN":
        return "NNS" if word.endswith("s") and not word.endswith("ss") else "NN"
    return _TAGS.get(pos, "XX")


def parsed(spec: str) -> Doc:
    """A parsed Doc from ``word/POS/dep/head[/lemma]`` tokens (see the module doc)."""
    rows: list[tuple[str, str, str, int, str, str]] = []
    for m in _TOKEN.finditer(spec):
        tokens = (m.group(1) or m.group(3)).split()
        label = m.group(2)
        for n, token in enumerate(tokens):
            word, pos, dep, head, *lemma = token.split("/")
            ent = "O" if label is None else ("B-" if n == 0 else "I-") + label
            default = word.lower().removesuffix("s") if pos == "NOUN" else word.lower()
            rows.append((word, pos, dep, int(head), lemma[0] if lemma else default, ent))
    words, pos, deps, heads, lemmas, ents = (list(col) for col in zip(*rows, strict=True))
    return Doc(load_pipeline("blank").vocab, words=words, pos=pos, deps=deps, heads=heads,
               lemmas=lemmas, ents=ents, tags=[_tag(w, p, d) for w, p, d in
                                               zip(words, pos, deps, strict=True)])


def run(doc: Doc) -> list[LocalEntity]:
    return list(entities(doc, ArticleContext("a", "2024-05-25")))


def attached(found: list[LocalEntity]) -> dict[str, tuple[str | None, str]]:
    """Reference text -> (entity name, rule), for the references in ``found``."""
    out: dict[str, tuple[str | None, str]] = {}
    for entity in found:
        for ev in entity.evidence:
            mention = entity.mentions[ev.mentions[0]]
            if mention.kind == "pronoun" or (ev.rule.startswith("description-") and (
                    ev.rule != "description-role" or "fits" in ev.detail)):
                out[mention.text] = (entity.name, ev.rule)
    return out


@pytest.mark.parametrize("module", [entity_coref, entity_coref_discourse,
                                    entity_coref_words])
def test_doctests(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


def test_the_word_lists_load() -> None:
    words = coref_words()
    assert words.pronouns["he"] == "masculine" and words.pronouns["their"] == "plural"
    assert words.types["masculine"] == frozenset({"PERSON"})
    assert "org" in words.heads["company"] and "country" in words.heads["country"]
    assert "angela" in words.feminine_given and "mr" in words.masculine


# -- pronouns ---------------------------------------------------------------------------

APPLE_SAID_IT = ("[Apple/PROPN/nsubj/1|ORG] said/VERB/ROOT/1/say it/PRON/nsubj/4 "
                 "would/AUX/aux/4 grow/VERB/ccomp/1 ./PUNCT/punct/1")


def test_it_after_the_organisation_that_said_it() -> None:
    found = run(parsed(APPLE_SAID_IT))
    (apple,) = found
    assert [(m.text, m.kind) for m in apple.mentions] == [("Apple", "name"), ("it", "pronoun")]
    (why,) = [e for e in apple.evidence if e.rule == "pronoun-thing"]
    assert why.mentions == (1, 0)  # the pronoun, then its antecedent
    assert "'it' → 'Apple'" in why.detail


@pytest.mark.parametrize(("pronoun", "person"), [("She", "Angela Merkel"),
                                                 ("He", "Olaf Scholz")])
def test_he_and_she_agree_in_gender(pronoun: str, person: str) -> None:
    found = run(parsed(
        "[Angela/PROPN/nsubj/2 Merkel/PROPN/flat/0|PERSON] met/VERB/ROOT/2 "
        "[Olaf/PROPN/obj/2 Scholz/PROPN/flat/3|PERSON] ./PUNCT/punct/2 "
        f"{pronoun}/PRON/nsubj/7 left/VERB/ROOT/7 ./PUNCT/punct/7"))
    assert attached(found)[pronoun] == (person, "pronoun-person")


def test_a_pronoun_is_no_co_argument_of_its_verb() -> None:
    found = run(parsed(
        "[Tim/PROPN/nsubj/2 Cook/PROPN/flat/0|PERSON] met/VERB/ROOT/2 "
        "[Steve/PROPN/obj/2 Jobs/PROPN/flat/3|PERSON] ./PUNCT/punct/2 "
        "[Jobs/PROPN/nsubj/7|PERSON] thanked/VERB/ROOT/7 him/PRON/obj/7 ./PUNCT/punct/7"))
    assert attached(found)["him"] == ("Tim Cook", "pronoun-person")


@pytest.mark.parametrize(("sentence", "refers"), [
    ("It/PRON/nsubj/5 is/AUX/cop/5/be likely/ADJ/ROOT/5 that/SCONJ/mark/8 "
     "sales/NOUN/nsubj/8 rise/VERB/ccomp/5 ./PUNCT/punct/5", False),
    ("It/PRON/nsubj:pass/5 was/AUX/aux:pass/5/be announced/VERB/ROOT/5/announce "
     "that/SCONJ/mark/8 sales/NOUN/nsubj/8 rise/VERB/ccomp/5 ./PUNCT/punct/5", False),
    ("It/PRON/nsubj/4 seems/VERB/ROOT/4/seem ./PUNCT/punct/4", False),
    ("It/PRON/nsubj:pass/5 is/AUX/aux:pass/5/be expected/VERB/ROOT/5/expect "
     "to/PART/mark/7 rise/VERB/xcomp/5 ./PUNCT/punct/5", True),
])
def test_an_empty_it_is_skipped(sentence: str, refers: bool) -> None:
    found = run(parsed(f"[Apple/PROPN/nsubj/1|ORG] grew/VERB/ROOT/1 ./PUNCT/punct/1 "
                       f"{sentence}"))
    assert ("It" in attached(found)) is refers


def test_they_stays_with_a_nearer_plural_noun_phrase() -> None:
    blocked = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] told/VERB/ROOT/1/tell customers/NOUN/obj/1 "
        "that/SCONJ/mark/6 their/PRON/nmod:poss/5 phones/NOUN/nsubj/6 work/VERB/ccomp/1 "
        "./PUNCT/punct/1"))
    # not Apple's: the customers', a nominal entity (entity_nominals)
    assert attached(blocked)["their"] == (None, "nominal-pronoun")
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] said/VERB/ROOT/1/say their/PRON/nmod:poss/3 "
        "phones/NOUN/nsubj/4 work/VERB/ccomp/1 ./PUNCT/punct/1"))
    assert attached(found)["their"] == ("Apple", "pronoun-group")


def test_it_stays_with_a_nearer_subject_that_is_no_entity() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] grew/VERB/ROOT/1/grow ./PUNCT/punct/1 The/DET/det/4 "
        "robot/NOUN/nsubj/5 worked/VERB/ROOT/5/work ./PUNCT/punct/5 It/PRON/nsubj/8 "
        "failed/VERB/ROOT/8/fail ./PUNCT/punct/8"))
    assert "It" not in attached(found)


def test_a_possessive_before_its_subject() -> None:
    found = run(parsed(
        "Since/ADP/case/2 its/PRON/nmod:poss/2 launch/NOUN/obl/8 ,/PUNCT/punct/2 "
        "the/DET/det/6 [iTunes/PROPN/compound/6 Store/PROPN/nsubj/8|ORG] has/AUX/aux/8 "
        "grown/VERB/ROOT/8/grow ./PUNCT/punct/8"))
    assert attached(found)["its"] == ("iTunes Store", "pronoun-cataphora")


def test_without_a_parse_recency_decides() -> None:
    words = ["Apple", "said", "it", "would", "grow", "."]
    doc = Doc(load_pipeline("blank").vocab, words=words, ents=["B-ORG"] + ["O"] * 5)
    assert attached(run(doc)) == {"it": ("Apple", "pronoun-thing")}


def test_nothing_to_attach_to() -> None:
    blank = load_pipeline("blank")
    assert list(references(blank("It rained."), [])) == []
    assert list(references(blank(""), [])) == []
    assert run(blank("They said it would rain.")) == []


# -- relative pronouns, appositions and descriptions -----------------------------------------

def test_which_opens_a_clause_on_the_entity() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/6|ORG] ,/PUNCT/punct/3 which/PRON/nsubj/3 "
        "makes/VERB/acl:relcl/0/make phones/NOUN/obj/3 ,/PUNCT/punct/3 grew/VERB/ROOT/6 "
        "./PUNCT/punct/6"))
    assert attached(found)["which"] == ("Apple", "relative-pronoun")


def test_who_is_no_organisation() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/6|ORG] ,/PUNCT/punct/3 who/PRON/nsubj/3 "
        "makes/VERB/acl:relcl/0/make phones/NOUN/obj/3 ,/PUNCT/punct/3 grew/VERB/ROOT/6 "
        "./PUNCT/punct/6"))
    assert "who" not in attached(found)


def test_apposition_then_a_description_that_repeats_it() -> None:
    found = run(parsed(
        "[NPD/PROPN/compound/1 Group/PROPN/nsubj/7|ORG] ,/PUNCT/punct/5 a/DET/det/5 "
        "research/NOUN/compound/5 firm/NOUN/appos/1 ,/PUNCT/punct/5 "
        "counted/VERB/ROOT/7/count sales/NOUN/obj/7 ./PUNCT/punct/7 The/DET/det/11 "
        "firm/NOUN/nsubj/12 grew/VERB/ROOT/12/grow ./PUNCT/punct/12"))
    assert attached(found) == {"a research firm": ("NPD Group", "description-apposition"),
                               "The firm": ("NPD Group", "description-repeat")}


CARMAKER = ("[Toyota/PROPN/nsubj/1|ORG] cut/VERB/ROOT/1 output/NOUN/obj/1 ./PUNCT/punct/1 "
            "The/DET/det/{h} {words} blamed/VERB/ROOT/{v}/blame chips/NOUN/obj/{v} "
            "./PUNCT/punct/{v}")


def test_a_description_of_the_kind() -> None:
    found = run(parsed(CARMAKER.format(h=5, v=6, words="carmaker/NOUN/nsubj/6")))
    assert attached(found) == {"The carmaker": ("Toyota", "description-org")}


def test_another_one_of_the_kind_is_not_the_last() -> None:
    found = run(parsed(CARMAKER.format(
        h=6, v=7, words="other/ADJ/amod/6 carmaker/NOUN/nsubj/7")))
    assert attached(found) == {}


def test_the_last_word_of_a_name() -> None:
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] opened/VERB/ROOT/1/open the/DET/det/4 "
        "[iTunes/PROPN/compound/4 Store/PROPN/obj/1|ORG] ./PUNCT/punct/1 The/DET/det/7 "
        "store/NOUN/nsubj/8 sells/VERB/ROOT/8/sell songs/NOUN/obj/8 ./PUNCT/punct/8"))
    assert attached(found)["The store"] == ("iTunes Store", "description-name-head")


def test_an_office_the_article_gives_one_person() -> None:
    found = run(parsed(
        "[Apple/PROPN/compound/1|ORG] CEO/NOUN/compound/2 "
        "[Tim/PROPN/nsubj/4 Cook/PROPN/flat/2|PERSON] spoke/VERB/ROOT/4/speak "
        "./PUNCT/punct/4 The/DET/det/8 chief/ADJ/amod/8 executive/NOUN/nsubj/9 "
        "smiled/VERB/ROOT/9/smile ./PUNCT/punct/9"))
    assert attached(found)["The chief executive"] == ("Tim Cook", "description-role")


# -- first person in quotations ------------------------------------------------------------

def test_i_in_a_quotation_is_its_speaker() -> None:
    found = run(parsed(
        '"/PUNCT/punct/3 I/PRON/nsubj/3 will/AUX/aux/3 stay/VERB/ccomp/7 ,/PUNCT/punct/3 '
        '"/PUNCT/punct/3 [Cook/PROPN/nsubj/7|PERSON] said/VERB/ROOT/7/say ./PUNCT/punct/7'))
    assert attached(found)["I"] == ("Cook", "pronoun-speaker")


def test_we_in_a_quotation_is_the_speakers_organisation() -> None:
    found = run(parsed(
        '"/PUNCT/punct/3 We/PRON/nsubj/3 will/AUX/aux/3 grow/VERB/ccomp/6 ,/PUNCT/punct/3 '
        '"/PUNCT/punct/3 said/VERB/ROOT/6/say [Apple/PROPN/compound/8|ORG] '
        "CEO/NOUN/compound/9 [Tim/PROPN/nsubj/6 Cook/PROPN/flat/9|PERSON] ./PUNCT/punct/6"))
    assert attached(found)["We"] == ("Apple", "pronoun-speaker")


def test_he_in_a_quotation_is_not_its_speaker() -> None:
    found = run(parsed(
        "[Warhol/PROPN/nsubj/1|PERSON] painted/VERB/ROOT/1/paint ./PUNCT/punct/1 "
        "[Wilkins/PROPN/nsubj/4|PERSON] said/VERB/ROOT/4/say ,/PUNCT/punct/4 "
        '"/PUNCT/punct/9 his/PRON/nmod:poss/8 work/NOUN/nsubj/9 lasts/VERB/ccomp/4/last '
        '"/PUNCT/punct/9 ./PUNCT/punct/4'))
    assert attached(found)["his"] == ("Warhol", "pronoun-person")


def test_i_in_a_text_quoted_after_a_colon_is_its_writer() -> None:
    # "Apple released Jobs's email, which reads: I love Apple." (no quotation marks)
    found = run(parsed(
        "[Apple/PROPN/nsubj/1|ORG] released/VERB/ROOT/1/release "
        "[Jobs/PROPN/nmod:poss/4|PERSON] 's/PART/case/2 email/NOUN/obj/1 ,/PUNCT/punct/7 "
        "which/PRON/nsubj/7 reads/VERB/acl:relcl/4/read :/PUNCT/punct/7 I/PRON/nsubj/10 "
        "love/VERB/parataxis/1 [Apple/PROPN/obj/10|ORG] ./PUNCT/punct/1"))
    assert attached(found)["I"] == ("Jobs", "pronoun-speaker")


def test_block_quotations_run_to_the_end_of_the_paragraph() -> None:
    text = 'Her note reads: I quit. I am done.\n\nHe said: "No."'
    assert block_quotes(text, coref_words().block_verbs) == {(16, 34): 9}


def test_quotation_marks_pair_up() -> None:
    assert quote_regions('He said "no" and “yes” then "maybe') == [(9, 11), (18, 21)]


# -- records ---------------------------------------------------------------------------------

def test_references_come_in_text_order_with_their_antecedent() -> None:
    doc = parsed(APPLE_SAID_IT)
    apple = LocalEntity("a", 0, "Apple", "ORG", None, None, (Mention(0, 5, "Apple", "name"),))
    (ref,) = references(doc, [apple])
    assert ref == Reference(11, 13, "it", "pronoun", 0, "pronoun-thing", (0, 5), ref.detail)
    assert ref.as_dict()["antecedent"] == [0, 5]
    assert doc.text[ref.start:ref.end] == ref.text


def test_earlier_evidence_follows_its_mentions() -> None:
    doc = parsed("[Bill/PROPN/nsubj/2 Burns/PROPN/flat/0|PERSON] left/VERB/ROOT/2 "
                 "./PUNCT/punct/2 [Burns/PROPN/nsubj/5|PERSON] said/VERB/ROOT/5/say "
                 "he/PRON/nsubj/7 won/VERB/ccomp/5 ./PUNCT/punct/5")
    (burns,) = run(doc)
    texts = [m.text for m in burns.mentions]
    assert texts == ["Bill Burns", "Burns", "he"]
    for ev in burns.evidence:
        assert all(0 <= k < len(texts) for k in ev.mentions)
    (surname,) = [e for e in burns.evidence if e.rule == "surname-of-full-name"]
    assert texts[surname.mentions[0]] == "Burns"


def test_paragraphs_are_counted_from_line_breaks() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Apple grew. It said so.\n\nIt was sunny. Then it rained.")
    apple = LocalEntity("a", 0, "Apple", "ORG", None, None, (Mention(0, 5, "Apple", "name"),))
    article = Discourse(doc, [apple], coref_words())
    first, second, third, fourth = article.para_of
    assert first == second < third == fourth
    assert with_references(doc, []) == []
    (apple,) = with_references(doc, [apple])  # without a parse, no "it" is found empty
    assert [(m.start, m.kind) for m in apple.mentions][:2] == [(0, "name"), (12, "pronoun")]


# -- the bundled model ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_pipeline("bundled")


@pytest.fixture(scope="module")
def seeds(nlp: Any) -> dict[str, tuple[str, list[LocalEntity]]]:
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name[:3]] = (text, list(entities(nlp(text), ArticleContext(path.name[:3]))))
    return out


def _references(found: list[LocalEntity]) -> list[tuple[str, str | None, str, int]]:
    """(reference text, entity name, rule, offset) of every reference in ``found``."""
    return sorted((e.mentions[ev.mentions[0]].text, e.name, ev.rule,
                   e.mentions[ev.mentions[0]].start)
                  for e in found for ev in e.evidence
                  if e.mentions[ev.mentions[0]].kind == "pronoun" or ev.rule in (
                      "description-org", "description-country", "description-product"))


@requires_model
@pytest.mark.parametrize(("seed", "text", "name"), [
    ("000", "his", "William Burns"),            # "his counterparts"
    ("000", "its", "Israel"),                   # "the heads of its Mossad ..." and "its war"
    ("003", "it", "Hamas"),                     # "taken by Hamas when it attacked Israel"
    ("003", "the group", "Hamas"),              # "told Axios the group will not resume"
])
def test_seed_references(seeds: dict[str, tuple[str, list[LocalEntity]]], seed: str,
                         text: str, name: str) -> None:
    found = [(t, n) for t, n, _, _ in _references(seeds[seed][1]) if t == text]
    assert found and all(n == name for _, n in found), found


@requires_model
def test_seed_pleonastic_and_unknown_antecedents(
        seeds: dict[str, tuple[str, list[LocalEntity]]]) -> None:
    text, found = seeds["003"]
    decided = text.index("it was decided")
    assert all(start != decided for _, _, _, start in _references(found))
    text, found = seeds["000"]
    # the New York Times (the NER misses it; the outlet table adds it): not Israel
    said = text.index("it said")
    assert [n for _, n, _, start in _references(found) if start == said] in (
        [], ["The New York Times"])


@requires_model
def test_sample_references_point_into_the_text(nlp: Any) -> None:
    lines = (SAMPLES / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()[:8]
    count = 0
    for n, line in enumerate(lines):
        text = json.loads(line)["text"]
        for entity in entities(nlp(text), ArticleContext(str(n))):
            spans = [(m.start, m.end) for m in entity.mentions]
            assert spans == sorted(set(spans))
            for m in entity.mentions:
                assert text[m.start:m.end] == m.text
            for ev in entity.evidence:
                assert all(0 <= k < len(spans) for k in ev.mentions)
            count += sum(m.kind == "pronoun" for m in entity.mentions)
    assert count > 0

