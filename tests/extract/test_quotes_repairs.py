"""Parse repairs of the quote rules: subjects the parser hid behind a paragraph break or
parsed as an apposition to the phrase before the verb.

Hand-built parses (the errors as the bundled model makes them) on hand-written
sentences, so the results do not drift with the model.
"""

from __future__ import annotations

from storyline.extract import quotes
from storyline.records import ArticleContext
from tests.extract.parse_rows import Row
from tests.extract.parse_rows import parsed_doc as _doc

CTX = ArticleContext("a1", "2024-02-03", "Reuters")

def test_a_paragraph_break_parsed_as_a_first_subject_is_passed_over() -> None:
    # "Ruiz won.\n\nLopez criticized the count.": the break and Lopez both nsubj
    rows: list[Row] = [
        ("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("won", 1, "ROOT", "VBD", "win"),
        (".", 1, "punct", ".", "."),
        ("\n\n", 5, "nsubj", "_SP", "\n\n"), ("Lopez", 5, "nsubj", "NNP", "Lopez"),
        ("criticized", 5, "ROOT", "VBD", "criticize"), ("the", 7, "det", "DT", "the"),
        ("count", 5, "obj", "NN", "count"), (".", 5, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows, {0, 3}), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "criticized", "the count", "Lopez")


def test_a_subject_parsed_as_an_apposition_speaks() -> None:
    # "In a letter, the senator on Monday criticized the plan.": "senator" hangs from
    # "letter" as an apposition, "criticized" has no subject
    rows: list[Row] = [
        ("In", 2, "case", "IN", "in"), ("a", 2, "det", "DT", "a"),
        ("letter", 8, "obl", "NN", "letter"), (",", 5, "punct", ",", ","),
        ("the", 5, "det", "DT", "the"), ("senator", 2, "appos", "NN", "senator"),
        ("on", 7, "case", "IN", "on"), ("Monday", 5, "nmod", "NNP", "Monday"),
        ("criticized", 8, "ROOT", "VBD", "criticize"), ("the", 10, "det", "DT", "the"),
        ("plan", 8, "obj", "NN", "plan"), (".", 8, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "criticized", "the plan", "the senator")


def test_no_apposition_no_speaker() -> None:
    # "In a letter on Monday criticized the plan.": nothing before the verb is a subject
    rows: list[Row] = [
        ("In", 2, "case", "IN", "in"), ("a", 2, "det", "DT", "a"),
        ("letter", 5, "obl", "NN", "letter"), ("on", 4, "case", "IN", "on"),
        ("Monday", 2, "nmod", "NNP", "Monday"),
        ("criticized", 5, "ROOT", "VBD", "criticize"), ("the", 7, "det", "DT", "the"),
        ("plan", 5, "obj", "NN", "plan"), (".", 5, "punct", ".", "."),
    ]
    assert not list(quotes(_doc(rows), CTX, times=[]))


def test_a_participle_after_an_apposition_is_not_finite() -> None:
    # "The letter, a draft, criticizing the plan.": a participle, no finite verb
    rows: list[Row] = [
        ("The", 1, "det", "DT", "the"), ("letter", 1, "ROOT", "NN", "letter"),
        (",", 4, "punct", ",", ","), ("a", 4, "det", "DT", "a"),
        ("draft", 1, "appos", "NN", "draft"), (",", 6, "punct", ",", ","),
        ("criticizing", 1, "acl", "VBG", "criticize"), ("the", 8, "det", "DT", "the"),
        ("plan", 6, "obj", "NN", "plan"), (".", 1, "punct", ".", "."),
    ]
    assert not list(quotes(_doc(rows), CTX, times=[]))


def test_a_verb_joined_to_a_passive_takes_its_subject() -> None:
    # "Ruiz was asked about the plan and criticized the count."
    rows: list[Row] = [
        ("Ruiz", 2, "nsubj:pass", "NNP", "Ruiz"), ("was", 2, "aux:pass", "VBD", "be"),
        ("asked", 2, "ROOT", "VBN", "ask"), ("about", 5, "case", "IN", "about"),
        ("the", 5, "det", "DT", "the"), ("plan", 2, "obl", "NN", "plan"),
        ("and", 7, "cc", "CC", "and"), ("criticized", 2, "conj", "VBD", "criticize"),
        ("the", 9, "det", "DT", "the"), ("count", 7, "obj", "NN", "count"),
        (".", 2, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "criticized", "the count", "Ruiz")


def test_an_apposition_set_off_by_commas_speaks() -> None:
    # "After the vote, the mayor, a Democrat, praised the count."
    rows: list[Row] = [
        ("After", 2, "case", "IN", "after"), ("the", 2, "det", "DT", "the"),
        ("vote", 10, "obl", "NN", "vote"), (",", 5, "punct", ",", ","),
        ("the", 5, "det", "DT", "the"), ("mayor", 2, "appos", "NN", "mayor"),
        (",", 8, "punct", ",", ","), ("a", 8, "det", "DT", "a"),
        ("Democrat", 5, "appos", "NNP", "Democrat"), (",", 10, "punct", ",", ","),
        ("praised", 10, "ROOT", "VBD", "praise"), ("the", 12, "det", "DT", "the"),
        ("count", 10, "obj", "NN", "count"), (".", 10, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "praised", "the count", "the mayor")
