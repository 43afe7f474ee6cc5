"""Learned parse cues (data/quote_cues.toml) and the participle speakers of the parse rules.

Hand-built parses on hand-written sentences, so the results do not drift with the model.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from storyline.extract import quotes
from storyline.extract.quote_lexicon import (
    LEARNED_FRAMES,
    build_lexicon,
    learned_cues,
    lexicon,
    select_learned,
)
from storyline.records import ArticleContext
from tests.extract.parse_rows import Row
from tests.extract.parse_rows import parsed_doc as _doc

CTX = ArticleContext("a1", "2024-02-03", "Reuters")


def _data() -> dict[str, object]:
    path = resources.files("storyline") / "data" / "quote_cues.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_learned_file_holds_words_and_counts_only() -> None:
    data = _data()
    assert set(data) == {"select", *LEARNED_FRAMES}
    for frame in LEARNED_FRAMES:
        table = data[frame]
        assert isinstance(table, dict)
        for cue, counts in table.items():
            # a lemma, or "lemma preposition" for the oblique frame: never a sentence
            assert re.fullmatch(r"[a-z’'-]+( [a-z]+)?", cue), cue
            assert (" " in cue) == (frame == "oblique"), cue
            right, fired = counts
            assert 0 <= right <= fired


def test_selection_thresholds() -> None:
    table: dict[str, object] = {"deem": [4, 5], "tick": [1, 3], "urge": [2, 2]}
    assert select_learned(table, 0.5, 3) == frozenset({"deem"})
    assert select_learned(table, 0.5, 2) == frozenset({"deem", "urge"})
    assert select_learned(table, 0.9, 2) == frozenset({"urge"})
    with pytest.raises(ValueError, match="right, fired"):
        select_learned({"deem": "often"}, 0.5, 3)


def test_learned_cues_join_the_hand_lists() -> None:
    learned = learned_cues()
    assert any(learned.values())
    lex, hand = lexicon(), build_lexicon({})
    assert learned["clause"] <= lex.parse_clause
    assert learned["intent"] <= lex.parse_intent
    assert learned["stance"] <= lex.parse_stance
    assert learned["oblique"] <= lex.parse_oblique
    assert hand.parse_clause < lex.parse_clause or not learned["clause"] - hand.parse_clause


def test_a_learned_clause_cue() -> None:
    # "Ruiz cautioned the deal would collapse." ("caution" is learned, not a hand cue)
    assert "caution" in lexicon().parse_clause
    assert "caution" not in build_lexicon({}).parse_clause
    rows: list[Row] = [
        ("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("cautioned", 1, "ROOT", "VBD", "caution"),
        ("the", 3, "det", "DT", "the"), ("deal", 5, "nsubj", "NN", "deal"),
        ("would", 5, "aux", "MD", "would"), ("collapse", 1, "ccomp", "VB", "collapse"),
        (".", 1, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.cue, q.content, q.speaker.mention) == ("cautioned", "the deal would collapse",
                                                     "Ruiz")
    assert not list(quotes(_doc(rows), CTX, times=[], lex=build_lexicon({})))


def test_a_fronted_participle_takes_the_subject_after_it() -> None:
    # "Calling the plan a disgrace, Ruiz left."
    rows: list[Row] = [
        ("Calling", 7, "advcl", "VBG", "call"), ("the", 2, "det", "DT", "the"),
        ("plan", 0, "obj", "NN", "plan"), ("a", 4, "det", "DT", "a"),
        ("disgrace", 0, "xcomp", "NN", "disgrace"), (",", 0, "punct", ",", ","),
        ("Ruiz", 7, "nsubj", "NNP", "Ruiz"), ("left", 7, "ROOT", "VBD", "leave"),
        (".", 7, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "Calling", "the plan a disgrace", "Ruiz")


def test_a_participle_on_an_object_takes_the_verbs_subject() -> None:
    # "Ruiz took the step of criticizing the court."
    rows: list[Row] = [
        ("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("took", 1, "ROOT", "VBD", "take"),
        ("the", 3, "det", "DT", "the"), ("step", 1, "obj", "NN", "step"),
        ("of", 5, "mark", "IN", "of"), ("criticizing", 3, "acl", "VBG", "criticize"),
        ("the", 7, "det", "DT", "the"), ("court", 5, "obj", "NN", "court"),
        (".", 1, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "criticizing", "the court", "Ruiz")


def test_a_speech_describing_a_noun_has_no_speaker() -> None:
    # "A speech criticizing the court ran long.": no one took a stance here
    rows: list[Row] = [
        ("A", 1, "det", "DT", "a"), ("speech", 5, "nsubj", "NN", "speech"),
        ("criticizing", 1, "acl", "VBG", "criticize"), ("the", 4, "det", "DT", "the"),
        ("court", 2, "obj", "NN", "court"), ("ran", 5, "ROOT", "VBD", "run"),
        ("long", 5, "advmod", "RB", "long"), (".", 5, "punct", ".", "."),
    ]
    assert not list(quotes(_doc(rows), CTX, times=[]))


def test_likely_is_not_like() -> None:
    # "Ruiz is likely to run again.": a forecast by the writer, not Ruiz's wish
    rows: list[Row] = [
        ("Ruiz", 2, "nsubj", "NNP", "Ruiz"), ("is", 2, "cop", "VBZ", "be"),
        ("likely", 2, "ROOT", "JJ", "likely"), ("to", 4, "mark", "TO", "to"),
        ("run", 2, "xcomp", "VB", "run"), ("again", 4, "advmod", "RB", "again"),
        (".", 2, "punct", ".", "."),
    ]
    assert not list(quotes(_doc(rows), CTX, times=[]))


def test_a_passive_stance_is_taken_by_its_agent() -> None:
    # "Ruiz was endorsed by the union."
    rows: list[Row] = [
        ("Ruiz", 2, "nsubj:pass", "NNP", "Ruiz"), ("was", 2, "aux:pass", "VBD", "be"),
        ("endorsed", 2, "ROOT", "VBN", "endorse"), ("by", 5, "case", "IN", "by"),
        ("the", 5, "det", "DT", "the"), ("union", 2, "obl:agent", "NN", "union"),
        (".", 2, "punct", ".", "."),
    ]
    (q,) = quotes(_doc(rows), CTX, times=[])
    assert (q.kind, q.cue, q.content, q.speaker.mention) == (
        "stance", "endorsed", "Ruiz", "the union")


def test_a_passive_without_an_agent_has_no_speaker() -> None:
    # "Ruiz was endorsed on Monday."
    rows: list[Row] = [
        ("Ruiz", 2, "nsubj:pass", "NNP", "Ruiz"), ("was", 2, "aux:pass", "VBD", "be"),
        ("endorsed", 2, "ROOT", "VBN", "endorse"), ("on", 4, "case", "IN", "on"),
        ("Monday", 2, "obl", "NNP", "Monday"), (".", 2, "punct", ".", "."),
    ]
    assert not list(quotes(_doc(rows), CTX, times=[]))
