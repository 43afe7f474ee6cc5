"""Rules of the figures extractor, one table per rule family, on the blank pipeline.

The number, its hedge, its unit and the counted words come from the words, so
these tests use tokens and rule-based sentences only and do not drift with the
model; the parse and NER fallbacks are tested on hand-built Docs.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from storyline.extract import figures
from storyline.extract.figure_context import figure_key, lemma
from storyline.extract.figures import Figure
from storyline.records import ArticleContext, SentenceDate

CTX = ArticleContext("a", "2024-01-29")
NLP = spacy.blank("en")


def _figures(text: str) -> list[Figure]:
    return list(figures(NLP(text), CTX))


def _one(text: str) -> Figure:
    found = _figures(text)
    assert len(found) == 1, [(f.text, f.value) for f in found]
    return found[0]


Row = tuple[str, str, float | None, float | None, float | None, str | None, str | None,
            str | None]


def _check(row: Row) -> None:
    text, span, value, low, high, qualifier, unit, what = row
    fig = _one(text)
    assert (fig.text, fig.value, fig.low, fig.high, fig.qualifier, fig.unit, fig.what) == (
        span, value, low, high, qualifier, unit, what)
    assert text[fig.start : fig.end] == span


DIGITS: list[Row] = [
    ("The attack killed 1,140 people.", "1,140", 1140, None, None, None, None, "people"),
    ("Sales reached 2.5 million units.", "2.5 million", 2_500_000, None, None, None, None,
     "units"),
    ("The deal is worth $1.5bn.", "$1.5bn", 1_500_000_000, None, None, None, "USD", None),
    ("He paid US$5 million in bail.", "US$5 million", 5_000_000, None, None, None, "USD", None),
    ("Police found 12 Hamas tunnels.", "12", 12, None, None, None, None, "Hamas tunnels"),
    ("It rose 3.5% on Friday.", "3.5%", 3.5, None, None, None, "percent", None),
    ("A 240,000 square meter park.", "240,000 square meter", 240_000, None, None, None, "m2",
     None),
]

WORDS: list[Row] = [
    ("They seized two hundred and fifty hostages.", "two hundred and fifty", 250, None, None,
     None, None, "hostages"),
    ("Twenty-five men were held.", "Twenty-five", 25, None, None, None, None, "men"),
    ("She bought a dozen eggs.", "a dozen", 12, None, None, None, None, "eggs"),
    ("A hundred pilgrims died.", "A hundred", 100, None, None, None, None, "pilgrims"),
    ("It lasted about two months.", "about two months", 2, None, None, "about", "month", None),
    ("The six-member team won.", "six", 6, None, None, None, None, "member"),
    ("One Rohingya man was rescued.", "One", 1, None, None, None, None, "Rohingya man"),
]

RANGES: list[Row] = [
    ("Between 30 and 40 soldiers died.", "Between 30 and 40", None, 30, 40, "between", None,
     "soldiers"),
    ("They saw 30-40 people.", "30-40", None, 30, 40, "between", None, "people"),
    ("Some 30-40 people came.", "Some 30-40", None, 30, 40, "about", None, "people"),
    ("It takes two or three days.", "two or three days", None, 2, 3, "between", "day", None),
    ("They scored one or two points.", "one or two", None, 1, 2, "between", None, "points"),
    ("From 5 to 10 boats sank.", "From 5 to 10", None, 5, 10, "between", None, "boats"),
]

OPEN_BOUNDS: list[Row] = [
    ("It freed more than 100 hostages.", "more than 100", 100, 100, None, "more than", None,
     "hostages"),
    ("Up to 5,000 troops may go.", "Up to 5,000", 5000, None, 5000, "up to", None, "troops"),
    ("It held at least 28 dead captives.", "at least 28", 28, 28, None, "at least", None,
     "dead captives"),
    ("Nearly 2,000 people fled.", "Nearly 2,000", 2000, None, 2000, "nearly", None, "people"),
    ("It killed 107 or more.", "107 or more", 107, 107, None, "at least", None, None),
    ("Over 700 asylum seekers landed.", "Over 700", 700, 700, None, "more than", None,
     "asylum seekers"),
    ("Around 132 hostages remain.", "Around 132", 132, None, None, "around", None, "hostages"),
    ("Approximately 56 percent agreed.", "Approximately 56 percent", 56, None, None, "about",
     "percent", None),
    ("Less than one percent use it.", "Less than one percent", 1, None, 1, "less than",
     "percent", None),
]

FRACTIONS: list[Row] = [
    ("A third of voters stayed home.", "A third", round(1 / 3, 6), None, None, None, "fraction",
     "voters"),
    ("Two-thirds of the seats went.", "Two-thirds", round(2 / 3, 6), None, None, None, "fraction",
     "seats"),
    ("Almost half of all children lack it.", "Almost half", 0.5, None, 0.5, "nearly",
     "fraction", "children"),
    ("Then one in three visits came from it.", "one in three", round(1 / 3, 6), None, None, None,
     "fraction", "visits"),
    ("Only 10 per cent of Australian salt is iodised.", "10 per cent", 10, None, None, None,
     "percent", "Australian salt"),
]

VAGUE: list[Row] = [
    ("Tens of thousands of people marched.", "Tens of thousands", None, 20_000, 99_999, None,
     None, "people"),
    ("Dozens of homes burned.", "Dozens", None, 24, 99, None, None, "homes"),
    ("Hundreds of thousands of people came.", "Hundreds of thousands", None, 200_000, 999_999,
     None, None, "people"),
    ("Several hundred migrants arrived.", "Several hundred", None, 300, 999, None, None,
     "migrants"),
]


def _rows(rows: list[Row]) -> list[object]:
    return [pytest.param(row, id=row[0]) for row in rows]


@pytest.mark.parametrize("row", _rows(DIGITS))
def test_digits(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", _rows(WORDS))
def test_number_words(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", _rows(RANGES))
def test_ranges(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", _rows(OPEN_BOUNDS))
def test_hedges_and_open_bounds(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", _rows(FRACTIONS))
def test_fractions_and_percentages(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("row", _rows(VAGUE))
def test_vague_quantities(row: Row) -> None:
    _check(row)


@pytest.mark.parametrize("text", [
    "The talks began in 2008.",
    "They met on Sunday (Jan 28) in Paris.",
    "Hamas's Oct. 7 attack shocked Israel.",
    "The Airbus A380 landed.",
    "Flight 370 vanished.",
    "The 9/11 attacks changed it.",
    "They met at 10:30 in the morning.",
    "It marked the 30th anniversary.",
    "It is one of the most popular events.",
    "No one came.",
    "A 17-year-old girl was hurt.",
    "The talks stalled two weeks ago.",
    "Daniel Montalvo, 19, was arrested.",
    "She joined aged 14.",
    "Call 555-1234 for details.",
    "The 1990s were calm.",
    "He bought an iPhone 4 and a 3G phone.",
    "Sweden won 2-1 on Monday.",
    "It launched on STS-135.",
    "It happened five hours earlier.",
    "Posts 542 and 543 were hit.",
    "It was COVID-19.",
])
def test_not_figures(text: str) -> None:
    assert [(f.text, f.value) for f in _figures(text)] == []


def test_change_from_to_is_two_figures() -> None:
    found = _figures("Their seats increased from 9 to 10.")
    assert [(f.text, f.value, f.qualifier) for f in found] == [("9", 9, None), ("10", 10, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel says around 132 of them remain in Gaza.", None),
    ("Militants seized about 250 hostages and Israel says around 132 of them remain.",
     "hostages"),
    ("They took 40 captives. Israel says 12 of them died.", "captives"),
])
def test_of_them_resolves_to_the_last_thing_counted(text: str, expected: str | None) -> None:
    found = _figures(text)
    assert found[-1].what == expected
    if expected is not None:
        fig = found[-1]
        assert fig.what_start is not None and fig.what_end is not None
        assert text[fig.what_start : fig.what_end] == expected


def test_partitive_bodies_of_counts_the_captives() -> None:
    fig = _one("It includes the bodies of at least 28 dead captives.")
    assert (fig.what, fig.qualifier, fig.value) == ("dead captives", "at least", 28)


@pytest.mark.parametrize(("text", "claimant"), [
    ("It caused about 1,140 deaths, according to an AFP tally of official figures.", "AFP"),
    ("Israel says around 132 hostages remain in Gaza.", "Israel"),
    ("About 80 people were evacuated, officials said.", "officials"),
    ("Some 80 people fled, said Israeli officials.", "Israeli officials"),
    ("Militants dug 12 tunnels.", None),
    ("A recent poll found only a quarter of citizens agree.", "poll"),
    ("A security source on Friday told AFP that 12 tunnels were found.", "security source"),
    ("Valeska Paris, an Australian woman, has claimed she was held for twelve years.",
     "Valeska Paris"),
    ("According to the team's coach, Alireza Mehraban, they scored two points.",
     "team's coach, Alireza Mehraban"),
])
def test_claimants(text: str, claimant: str | None) -> None:
    fig = _figures(text)[-1]
    assert fig.claimant == claimant
    if claimant is not None:
        assert fig.claimant_start is not None and fig.claimant_end is not None
        assert text[fig.claimant_start : fig.claimant_end] == claimant


def test_a_reporting_verb_after_the_figure_needs_a_closing_clause() -> None:
    found = _figures("Militants seized about 250 hostages and Israel says around 132 remain.")
    assert [f.claimant for f in found] == [None, "Israel"]


@pytest.mark.parametrize(("text", "predicate", "key"), [
    ("Israel says around 132 of them remain in Gaza.", "remain in Gaza", None),
    ("Militants seized about 250 hostages.", "seized", "hostages|seize"),
    ("It won the release of more than 100 hostages.", "release", "hostages|release"),
    ("About 120 hostages are still held in Gaza.", "held in Gaza", "hostages|hold"),
    ("The attack resulted in about 1,140 deaths.", "resulted in", "deaths"),
])
def test_predicate_and_key(text: str, predicate: str, key: str | None) -> None:
    fig = _figures(text)[-1]
    assert (fig.predicate, fig.key) == (predicate, key)


@pytest.mark.parametrize(("what", "pred", "value", "key"), [
    ("hostages", "remain", 132, "hostages|remain"),
    ("hostage", "remain", 1, "hostages|remain"),
    ("Dead Captives", None, 28, "dead captives"),
    ("person", "kill", 1, "people|kill"),
    (None, "remain", 3, None),
])
def test_figure_key(what: str | None, pred: str | None, value: float, key: str | None) -> None:
    assert figure_key(what, pred, value) == key


@pytest.mark.parametrize(("word", "expected"), [
    ("remaining", "remain"), ("remains", "remain"), ("seized", "seize"), ("held", "hold"),
    ("killed", "kill"), ("released", "release"), ("kidnapped", "kidnap"),
])
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_date_falls_back_to_the_article_date() -> None:
    fig = _one("Militants seized about 250 hostages.")
    assert (fig.date, fig.date_source) == ("2024-01-29", "article")
    undated = next(figures(NLP("Militants seized 250 hostages."), ArticleContext("b")))
    assert (undated.date, undated.date_source) == (None, None)


def test_date_from_the_sentence_governing_date() -> None:
    doc = NLP("Israel says 132 hostages remain.")
    dated = [SentenceDate("a", 0, len(doc.text), "2024-01-28", "day", 0, 5)]
    fig = next(figures(doc, CTX, sentence_dates=dated, time_expressions=[]))
    assert (fig.date, fig.date_source) == ("2024-01-28", "sentence")


def test_record_shape_and_offsets() -> None:
    text = "Hamas's Oct 7 attack resulted in about 1,140 deaths, mostly civilians."
    fig = _one(text)
    d = fig.as_dict()
    contract = {"article", "start", "end", "text", "value", "low", "high", "qualifier", "unit",
                "what", "claimant", "date"}
    assert contract <= set(d)
    assert text[d["sentence_start"] : d["sentence_end"]] == text[:-1] + "."
    assert (d["text"], d["value"]) == ("about 1,140", 1140)


def _parsed_doc() -> Doc:
    # "Officials listed three criteria ." with "criteria" as the nummod head
    words = ["Officials", "listed", "three", "criteria", "."]
    return Doc(NLP.vocab, words=words, spaces=[True, True, True, False, False],
               heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "nummod", "obj", "punct"],
               tags=["NNS", "VBD", "CD", "NNS", "."],
               sent_starts=[True, False, False, False, False])


def test_parse_names_what_the_words_cannot() -> None:
    doc = _parsed_doc()
    assert next(figures(doc, CTX, time_expressions=[])).what == "criteria"
    assert next(figures(doc, CTX, time_expressions=[], use_parse=False)).what is None


def test_parse_names_a_predicate_the_words_cannot() -> None:
    words = ["The", "army", "rebuilt", "three", "bridges", "."]
    doc = Doc(NLP.vocab, words=words, spaces=[True, True, True, True, False, False],
              heads=[1, 2, 2, 4, 2, 2], deps=["det", "nsubj", "ROOT", "nummod", "obj", "punct"],
              tags=["DT", "NN", "VBD", "CD", "NNS", "."],
              sent_starts=[True, False, False, False, False, False])
    fig = next(figures(doc, CTX, time_expressions=[]))
    assert (fig.predicate, fig.key) == ("rebuilt", "bridges|rebuilt")
    assert next(figures(doc, CTX, time_expressions=[], use_parse=False)).predicate is None


def test_entities_pick_the_author_of_a_document() -> None:
    words = ["It", "killed", "80", ",", "according", "to", "a", "count", "by", "the",
             "Gaza", "health", "ministry", "."]
    spaces = [True] * len(words)
    spaces[2] = spaces[-2] = False
    ents = ["O"] * len(words)
    ents[10] = "B-GPE"
    doc = Doc(NLP.vocab, words=words, spaces=spaces, ents=ents)
    assert next(figures(doc, CTX, time_expressions=[])).claimant == "Gaza"


FRAGMENTS = st.sampled_from([
    "about 250 hostages", "more than 100", "between 30 and 40 soldiers", "in 2008", "Jan 28",
    "a third of voters", "tens of thousands of people", "$1.5bn", "3.5%", "two weeks ago",
    "Israel says", "according to AFP", "of them", "remain in Gaza", ",", ".", "the A380",
    "one", "dozens", "- 5 -", "1,2,3", "9/11", "up to", "half", "a", "\n\n", "“", "”",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(FRAGMENTS, max_size=14))
def test_offsets_point_into_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    found = list(figures(NLP(text), CTX))
    assert [f.start for f in found] == sorted(f.start for f in found)
    for fig in found:
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
        if fig.what_start is not None and fig.what_end is not None:
            assert text[fig.what_start : fig.what_end] == fig.what
        if fig.claimant_start is not None and fig.claimant_end is not None:
            assert text[fig.claimant_start : fig.claimant_end] == fig.claimant


def test_key_tracks_one_quantity_across_reports() -> None:
    reports = [
        "Militants seized 250 hostages. Israel says around 132 of them remain in Gaza.",
        "Some 120 hostages remaining in Gaza are in danger.",
        "About 100 hostages are believed to remain in Gaza.",
    ]
    found = [_figures(text)[-1] for text in reports]
    assert [(f.value, f.key) for f in found] == [
        (132, "hostages|remain"), (120, "hostages|remain"), (100, "hostages|remain")]
