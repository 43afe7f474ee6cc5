"""Parse repairs of the quote rules: subjects the parser hid behind a paragraph break or
parsed as an apposition to the phrase before the verb.

Hand-built parses (the errors as the bundled model makes them) on hand-written
sentences, so the results do not drift with the model.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.extract import quotes
from storyline.records import ArticleContext

CTX = ArticleContext("a1", "2024-02-03", "Reuters")
#: (word, head, dep, tag, lemma) per token; the heads are token indices
Row = tuple[str, int, str, str, str]
_POS = {"VB": "VERB", "NN": "NOUN", "JJ": "ADJ", "PR": "PRON", "IN": "ADP", "DT": "DET",
        "TO": "PART", "RB": "ADV", ".": "PUNCT", ",": "PUNCT", "CC": "CCONJ", "_S": "SPACE"}


def _doc(rows: list[Row], starts: set[int] | None = None) -> Doc:
    words, heads, deps, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    n = len(words)
    starts = starts or {0}
    sent_starts: list[bool | int | None] = [i in starts for i in range(n)]
    spaces = [not (words[i + 1] in {".", ","} or words[i].isspace() or words[i + 1].isspace())
              for i in range(n - 1)] + [False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps,
               tags=tags, lemmas=lemmas, sent_starts=sent_starts,
               pos=["PROPN" if t == "NNP" else _POS.get(t[:2], "X") for t in tags])


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
