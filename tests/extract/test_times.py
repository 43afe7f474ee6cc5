"""Time expressions: one table per rule family, the tense readers, publication dates.

Rule tests run the text-only path and the blank pipeline, and hand-built parsed
Docs for the parse path, so nothing here drifts with the trained model.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storyline.commands import times_command
from storyline.extract import infer_publication, sentence_dates, time_expressions, times
from storyline.extract.timex_calendar import resolve_weekday
from storyline.extract.timex_normalize import precision
from storyline.extract.timex_rules import PATTERNS, STARTS
from storyline.records import ArticleContext, Published, SentenceDate, TimeExpression

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "samples" / "seeds"
TODAY = dt.date(2026, 11, 23)
SAT = dt.date(2024, 5, 25)  # a Saturday: the second seed's date
SUN = dt.date(2024, 1, 28)  # a Sunday: the first seed's


def values(text: str, anchor: dt.date | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in time_expressions(text, anchor=anchor)]


def check(text: str, anchor: dt.date | None, expected: list[tuple[str, str, str]]) -> None:
    assert values(text, anchor) == expected


# -- weekdays and tense ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said on Friday that talks resumed.", "2024-05-24"),
        ("The ministers will meet on Friday.", "2024-05-31"),
        ("The talks are on Friday.", "2024-05-31"),  # present: a schedule
        ("They meet on Friday in Paris.", "2024-05-31"),
        ("The ministers are to meet on Friday.", "2024-05-31"),
        ("Protesters planned a march on Friday.", "2024-05-31"),
        ("They met on Saturday.", "2024-05-25"),  # the anchor's own weekday: that day
        ("They will meet on Saturday.", "2024-05-25"),
        ("He told reporters last Friday that it was over.", "2024-05-24"),
        ("They will meet next Friday.", "2024-05-31"),
        ("Talks ended last Saturday.", "2024-05-18"),  # "last" on that weekday: a week back
        ("A meeting in Paris on Friday made progress, officials said.", "2024-05-24"),
        ("The group might come as soon as Tuesday.", "2024-05-28"),
        ("It said negotiators would hold talks on Tuesday.", "2024-05-28"),
        ("The Tuesday vote was close.", "2024-05-21"),  # no tense: news reports the past
        ("Tuesday's ruling is final.", "2024-05-21"),
        ("Since Tuesday, prices have doubled.", "2024-05-21"),
        # the relative clause's "will" is not the signing's tense
        ("He signed a declaration Thursday that will serve as a framework.", "2024-05-23"),
    ],
)
def test_weekdays_follow_the_tense(text: str, expected: str) -> None:
    [found] = [t for t in time_expressions(text, anchor=SAT) if t.type == "DATE"]
    assert found.value == expected


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)),
       st.integers(0, 6), st.sampled_from(["PAST", "FUTURE", "PRESENT", None]))
def test_a_weekday_resolves_within_a_week_and_to_that_weekday(
    anchor: dt.date, weekday: int, tense: str | None
) -> None:
    day = resolve_weekday(weekday, anchor, tense, None)  # type: ignore[arg-type]
    assert day.weekday() == weekday
    assert abs((day - anchor).days) <= 6
    if weekday == anchor.weekday():
        assert day == anchor
    elif tense == "PAST" or tense is None:
        assert day < anchor
    else:
        assert day > anchor


# -- dates with and without a year -------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Hamas attacked Israel on Oct. 7.", SAT, [("Oct. 7", "DATE", "2023-10-07")]),
        ("The vote will be held on Oct. 7.", SAT, [("Oct. 7", "DATE", "2024-10-07")]),
        ("They met on Sunday (Jan 28).", SUN, [("Sunday (Jan 28)", "DATE", "2024-01-28")]),
        # the weekday picks the year in which it agrees with the date
        ("They met on Sunday (Jan 28).", dt.date(2024, 12, 30),
         [("Sunday (Jan 28)", "DATE", "2024-01-28")]),
        ("The deal was signed on Monday, Oct. 26, 1998.", SAT,
         [("Monday, Oct. 26, 1998", "DATE", "1998-10-26")]),
        ("It was signed on 28 January 2024.", SAT, [("28 January 2024", "DATE", "2024-01-28")]),
        ("It was signed on 2024-01-28.", SAT, [("2024-01-28", "DATE", "2024-01-28")]),
        ("It was signed on 1/28/2024.", SAT, [("1/28/2024", "DATE", "2024-01-28")]),
        ("Talks began on Feb. 30.", SAT, []),  # no such day
        ("Qatar brokered a deal in November.", SUN, [("November", "DATE", "2023-11")]),
        ("Elections are due in November.", SUN, [("November", "DATE", "2024-11")]),
        ("Prices rose in March 2020.", SAT, [("March 2020", "DATE", "2020-03")]),
        ("He may resign, and March on.", SAT, []),  # modal and verb, not months
        ("It happened in July last year.", SAT, [("July last year", "DATE", "2023-07")]),
        ("It opened in mid-November.", SUN, [("mid-November", "DATE", "2023-11")]),
    ],
)
def test_dates_and_months(text: str, anchor: dt.date, expected: list[tuple[str, str, str]]) -> None:
    check(text, anchor, expected)


# -- relative offsets ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Talks stalled two weeks ago.", SAT, [("two weeks ago", "DATE", "2024-W19")]),
        ("Talks stalled three days ago.", SAT, [("three days ago", "DATE", "2024-05-22")]),
        ("It was founded a year ago.", SAT, [("a year ago", "DATE", "2023")]),
        ("It failed six months earlier.", SAT, [("six months earlier", "DATE", "2023-11")]),
        ("It ends two years from now.", SAT, [("two years from now", "DATE", "2026")]),
        ("Talks resumed a few days ago.", SAT, [("a few days ago", "DATE", "PAST_REF")]),
        ("It was reported last week.", SUN, [("last week", "DATE", "2024-W03")]),
        ("It will be reported next week.", SUN, [("next week", "DATE", "2024-W05")]),
        ("Talks resume this week.", SAT, [("this week", "DATE", "2024-W21")]),
        # said on a Sunday, a future "this week" is the week that starts tomorrow
        ("Talks will continue this week.", SUN, [("this week", "DATE", "2024-W05")]),
        ("Sales fell last month.", SAT, [("last month", "DATE", "2024-04")]),
        ("Sales rose earlier this year.", SAT, [("earlier this year", "DATE", "2024")]),
        ("Sales will rise next year.", SAT, [("next year", "DATE", "2025")]),
        ("It was built late last year.", SAT, [("late last year", "DATE", "2023")]),
        ("It happened yesterday.", SAT, [("yesterday", "DATE", "2024-05-24")]),
        ("It happens tomorrow.", SAT, [("tomorrow", "DATE", "2024-05-26")]),
        ("Talks go on today.", SAT, [("today", "DATE", "2024-05-25")]),
        ("They met three days later.", SAT, [("three days later", "DURATION", "P3D")]),
        ("It was posted just over 24 hours ago.", SAT,
         [("just over 24 hours ago", "DATE", "2024-05-24")]),
    ],
)
def test_relative_offsets(text: str, anchor: dt.date, expected: list[tuple[str, str, str]]) -> None:
    check(text, anchor, expected)


# -- vague references ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resume within the next week.", [("the next week", "DATE", "FUTURE_REF")]),
        ("Contacts continue through the coming week.",
         [("the coming week", "DATE", "FUTURE_REF")]),
        ("Burns will meet them in the coming days.",
         [("the coming days", "DATE", "FUTURE_REF")]),
        ("It has recently changed.", [("recently", "DATE", "PAST_REF")]),
        ("It is now over.", [("now", "DATE", "PRESENT_REF")]),
        ("Prices rose in recent weeks.", [("recent weeks", "DURATION", "PXW")]),
        ("He calls every now and again.", []),
    ],
)
def test_vague_references(text: str, expected: list[tuple[str, str, str]]) -> None:
    check(text, SAT, expected)


# -- parts of day and clock times --------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Israel said late Sunday that talks went well.", SUN,
         [("late Sunday", "DATE", "2024-01-28")]),
        ("Israel said late Sunday that talks went well.", dt.date(2024, 1, 29),
         [("late Sunday", "DATE", "2024-01-28")]),
        ("They met Friday evening.", SAT, [("Friday evening", "TIME", "2024-05-24TEV")]),
        ("It rained last night.", SAT, [("last night", "TIME", "2024-05-24TNI")]),
        ("He spoke this morning.", SAT, [("this morning", "TIME", "2024-05-25TMO")]),
        ("It exploded yesterday afternoon.", SAT,
         [("yesterday afternoon", "TIME", "2024-05-24TAF")]),
        # a clock time written next to its day is one expression (TimeBank: always)
        ("He arrived at 10:35 a.m. Friday.", SAT,
         [("10:35 a.m. Friday", "TIME", "2024-05-24T10:35")]),
        # with a parenthesis between, two: the clock time still takes the day's date
        ("He arrived at 10:35 a.m. (0735 GMT) Friday.", SAT,
         [("10:35 a.m.", "TIME", "2024-05-24T10:35"), ("Friday", "DATE", "2024-05-24")]),
        ("Polls close at noon.", SAT, [("noon", "TIME", "2024-05-25T12:00")]),
    ],
)
def test_parts_of_day_and_times(
    text: str, anchor: dt.date, expected: list[tuple[str, str, str]]
) -> None:
    check(text, anchor, expected)


def test_late_sunday_carries_the_end_modifier() -> None:
    [found] = time_expressions("Israel said late Sunday it agreed.", anchor=SUN)
    assert (found.value, found.mod) == ("2024-01-28", "END")


# -- ranges ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met between Monday and Wednesday.",
         [("Monday", "DATE", "2024-05-20"), ("Wednesday", "DATE", "2024-05-22")]),
        ("The vote is to be held from November 20 to December 11.",
         [("November 20", "DATE", "2024-11-20"), ("December 11", "DATE", "2024-12-11")]),
        ("Taxes owed from 2004 to 2009 were paid.",
         [("2004", "DATE", "2004"), ("2009", "DATE", "2009")]),
    ],
)
def test_ranges_are_two_expressions(text: str, expected: list[tuple[str, str, str]]) -> None:
    check(text, SAT, expected)


# -- durations with hedges -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected", "mod"),
    [
        ("Israel would pause for about two months.", ("about two months", "P2M"), "APPROX"),
        ("It lasted more than four decades.", ("more than four decades", "P40Y"), "MORE_THAN"),
        ("They were held for 12 hours.", ("12 hours", "PT12H"), None),
        ("It took nearly half an hour.", ("an hour", "PT1H"), None),
        ("He served 2 1/2 years.", ("2 1/2 years", "P2Y6M"), None),
        ("after several days of talks", ("several days", "PXD"), None),
        ("a five-year plan", ("five-year", "P5Y"), None),
        ("a 14-year-old boy", None, None),
        ("over the past 30 days", ("the past 30 days", "P30D"), None),
        ("in the first nine months", ("the first nine months", "P9M"), None),
        ("They fought for years.", ("years", "PXY"), None),
        ("He left a second time.", None, None),
    ],
)
def test_durations(text: str, expected: tuple[str, str] | None, mod: str | None) -> None:
    found = [t for t in time_expressions(text, anchor=SAT) if t.type == "DURATION"]
    if expected is None:
        assert found == []
        return
    [duration] = found
    assert expected[0] in duration.text and duration.value == expected[1]
    assert duration.mod == mod


# -- decades, seasons, quarters, holidays, sets ---------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("It peaked in the 1990s.", SAT, [("the 1990s", "DATE", "199")]),
        ("It peaked in the early 1980s.", SAT, [("the early 1980s", "DATE", "198")]),
        ("Back in the sixties it was new.", SAT, [("the sixties", "DATE", "196")]),
        ("It changed in the 20th century.", SAT, [("the 20th century", "DATE", "19")]),
        ("It was built last summer.", SAT, [("last summer", "DATE", "2023-SU")]),
        ("It opens in the spring of 2025.", SAT, [("the spring of 2025", "DATE", "2025-SP")]),
        ("Prices fall in winter.", SAT, [("winter", "DATE", "2023-WI")]),
        ("Third-quarter profit rose.", dt.date(1989, 10, 26),
         [("Third-quarter", "DATE", "1989-Q3")]),
        ("Profit rose in the third quarter, up from a year ago.", dt.date(1989, 10, 26),
         [("the third quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3")]),
        ("Sales fell in the first half of 2023.", SAT,
         [("the first half of 2023", "DATE", "2023-H1")]),
        ("Revenue for fiscal 2023 rose.", SAT, [("fiscal 2023", "DATE", "2023")]),
        ("Stores will close on Christmas Day.", SAT, [("Christmas Day", "DATE", "2024-12-25")]),
        ("Stores closed on Thanksgiving.", SAT, [("Thanksgiving", "DATE", "2023-11-23")]),
        ("Easter 2024 was early.", SAT, [("Easter 2024", "DATE", "2024-03-31")]),
        ("He was there with illustrator Johnnie Christmas.", SAT, []),
        ("Prices are set daily.", SAT, [("daily", "SET", "P1D")]),
        ("They meet every two weeks.", SAT, [("every two weeks", "SET", "P2W")]),
        ("They meet every Friday.", SAT, [("every Friday", "SET", "XXXX-WXX-5")]),
        ("He told LA Weekly about it.", SAT, []),
        ("It was founded in 1995.", SAT, [("1995", "DATE", "1995")]),
        ("About 2000 people and 1500 troops came.", SAT, []),
        ("A survey of 1709 schoolchildren ran.", SAT, []),
    ],
)
def test_periods_holidays_and_sets(
    text: str, anchor: dt.date, expected: list[tuple[str, str, str]]
) -> None:
    check(text, anchor, expected)


# -- without an anchor -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on Friday.", "XXXX-WXX-5"),
        ("Hamas attacked on Oct. 7.", "XXXX-10-07"),
        ("Talks stalled two weeks ago.", "PAST_REF"),
        ("It happened in November.", "XXXX-11"),
        ("It happened yesterday.", "XXXX-XX-XX"),
        ("It was reported last week.", "PAST_REF"),
        ("It was founded in 1995.", "1995"),
    ],
)
def test_without_anchor_values_stay_underspecified(text: str, expected: str) -> None:
    [found] = time_expressions(text, anchor=None)
    assert found.value == expected and found.anchor is None


# -- the seeds: every "done when" item ------------------------------------------------------------

def _seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_first_seed_undated() -> None:
    text = _seed("000")
    published = infer_publication(text, today=TODAY)
    assert published == Published("2024-01-28", "2024-01-28", "2024-01-29", "text")
    found = values(text, dt.date.fromisoformat(published.value or ""))
    for item in [
        ("Sunday (Jan 28)", "DATE", "2024-01-28"), ("late Sunday", "DATE", "2024-01-28"),
        ("Saturday", "DATE", "2024-01-27"), ("Oct 7", "DATE", "2023-10-07"),
        ("November", "DATE", "2023-11"), ("about two months", "DURATION", "P2M"),
        ("the coming days", "DATE", "FUTURE_REF"), ("last week", "DATE", "2024-W03"),
    ]:
        assert item in found
    assert [v for t, _, v in found if t == "Friday"] == ["2024-01-26", "2024-01-26"]


def test_second_seed_dated() -> None:
    found = values(_seed("003"), SAT)
    for item in [
        ("Friday", "DATE", "2024-05-24"), ("Saturday", "DATE", "2024-05-25"),
        ("two weeks ago", "DATE", "2024-W19"),  # the ISO week of 2024-05-11
        ("Oct. 7", "DATE", "2023-10-07"),
        ("the next week", "DATE", "FUTURE_REF"), ("the coming week", "DATE", "FUTURE_REF"),
    ]:
        assert item in found


def test_second_seed_undated_invents_no_date() -> None:
    text = _seed("003")
    assert infer_publication(text, today=TODAY) == Published()
    assert all(not v[:1].isdigit() for _, _, v in values(text, None))


# -- publication dates from text -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met in Paris on Sunday (Jan 28) to talk.",
         Published("2024-01-28", "2024-01-28", "2024-01-29", "text")),
        ("Talks ended on Tuesday (Nov 24).",
         Published("2020-11-24", "2020-11-24", "2020-11-25", "text")),
        ("Talks ended on Monday (Nov 23).",  # not after today
         Published("2026-11-23", "2026-11-23", "2026-11-23", "text")),
        ("They met on Sunday, Jan. 28, 2018, in Paris.",  # with its year: no freshness bound
         Published("2018-01-28", "2018-01-28", None, "text")),
        ("The attack of October 7, 2023 killed many.",
         Published(None, "2023-10-07", None, "text")),
        ("They met on Sunday (Jan 28). A deal was signed on Feb 3, 2024.",
         Published(None, "2024-02-03", None, "text")),
        ("They met on Sunday (Jan 28). Talks will resume on March 5, 2024.",
         Published("2024-01-28", "2024-01-28", "2024-01-29", "text")),
        ("The summit will be held on March 5, 2024.", Published(None, None, "2024-03-05", "text")),
        ("Talks will resume on Monday (Feb 5), officials said.", Published()),
        ("The deadline is Friday, March 1, 2024.", Published()),
        ("They met on Saturday (Jan 28, 2024).", Published()),  # that was a Sunday
        ("It ended on Jan 28, 2031.", Published()),  # after today
        ("Oct. 7 started the war in Gaza; talks stalled two weeks ago on Friday.", Published()),
    ],
)
def test_infer_publication(text: str, expected: Published) -> None:
    assert infer_publication(text, today=TODAY) == expected


@settings(max_examples=60)
@given(st.text(max_size=200))
def test_infer_publication_interval_is_ordered(text: str) -> None:
    found = infer_publication(text, today=TODAY)
    if found.earliest and found.latest:
        assert found.earliest <= found.latest
    if found.value:
        assert found.earliest == found.value
    assert found.source in ("text", "unknown")


# -- the Doc API: blank pipeline and hand-built parses ---------------------------------------------

def test_times_on_a_blank_doc_uses_the_publication_date(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = blank_nlp("Officials said on Friday they met two weeks ago.")
    found = list(times(doc, ArticleContext("a1", "2024-05-25")))
    assert found == [
        TimeExpression("a1", 18, 24, "Friday", "DATE", "2024-05-24", "2024-05-25"),
        TimeExpression("a1", 34, 47, "two weeks ago", "DATE", "2024-W19", "2024-05-25"),
    ]
    assert set(found[0].as_dict()) >= {"article", "start", "end", "text", "type", "value"}


def test_explicit_anchor_overrides_the_context(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = blank_nlp("They met on Friday.")
    [found] = times(doc, ArticleContext("a", "2024-05-25"), anchor=dt.date(2024, 1, 28))
    assert found.value == "2024-01-26"


def test_bad_tense_source_is_refused(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="valid"):
        list(times(blank_nlp("Friday."), ArticleContext("a"), tense="verbs"))  # type: ignore[arg-type]


def _parsed(words: list[str], tags: list[str], heads: list[int], deps: list[str]) -> Doc:
    spaces = [True] * len(words)
    spaces[-2] = False
    return Doc(Vocab(), words=words, spaces=spaces, tags=tags, heads=heads, deps=deps,
               sent_starts=[True] + [False] * (len(words) - 1))


# "He said Burns will meet them on Friday ." : Friday hangs from "meet", whose aux is "will"
SAID_WILL = _parsed(
    ["He", "said", "Burns", "will", "meet", "them", "on", "Friday", "."],
    ["PRP", "VBD", "NNP", "MD", "VB", "PRP", "IN", "NNP", "."],
    [1, 1, 4, 4, 1, 4, 7, 4, 1],
    ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "obj", "case", "obl", "punct"],
)
# "On Friday he said Burns will meet them ." : Friday hangs from "said"
FRIDAY_SAID = _parsed(
    ["On", "Friday", "he", "said", "Burns", "will", "meet", "them", "."],
    ["IN", "NNP", "PRP", "VBD", "NNP", "MD", "VB", "PRP", "."],
    [1, 3, 3, 3, 6, 6, 3, 6, 3],
    ["case", "obl", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "obj", "punct"],
)


@pytest.mark.parametrize(
    ("doc", "tense", "expected"),
    [
        (SAID_WILL, "parse", "2024-05-31"),
        (FRIDAY_SAID, "parse", "2024-05-24"),
        (SAID_WILL, "words", "2024-05-31"),  # the nearest verb cue is "will"
        (FRIDAY_SAID, "words", "2024-05-24"),
    ],
)
def test_tense_from_the_parse_and_from_the_words(doc: Doc, tense: str, expected: str) -> None:
    [found] = times(doc, ArticleContext("a", "2024-05-25"), tense=tense)  # type: ignore[arg-type]
    assert found.value == expected


def test_sentence_dates_take_the_date_of_the_main_verb() -> None:
    ctx = ArticleContext("a", "2024-05-25")
    assert list(sentence_dates(FRIDAY_SAID, ctx)) == [
        SentenceDate("a", 0, len(FRIDAY_SAID.text.rstrip()), "2024-05-24", "day", 3, 9)
    ]
    # reported content dates the sentence: "he said Burns will meet them on Friday"
    assert [d.value for d in sentence_dates(SAID_WILL, ctx)] == ["2024-05-31"]


# "Qatar helped , after brokering a deal in November ." : November dates the adverbial clause
AFTER_CLAUSE = _parsed(
    ["Qatar", "helped", ",", "after", "brokering", "a", "deal", "in", "November", "."],
    ["NNP", "VBD", ",", "IN", "VBG", "DT", "NN", "IN", "NNP", "."],
    [1, 1, 1, 4, 1, 6, 4, 8, 4, 1],
    ["nsubj", "ROOT", "punct", "mark", "advcl", "det", "obj", "case", "obl", "punct"],
)


def test_a_date_in_a_modifying_clause_does_not_date_the_sentence() -> None:
    ctx = ArticleContext("a", "2024-01-28")
    assert [t.value for t in times(AFTER_CLAUSE, ctx)] == ["2023-11"]
    assert list(sentence_dates(AFTER_CLAUSE, ctx)) == []


def test_sentence_dates_without_a_parse(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = blank_nlp('Talks stalled two weeks ago. "We meet on Friday," he said. It went on.')
    found = list(sentence_dates(doc, ArticleContext("a", "2024-05-25")))
    assert [(d.value, d.precision, d.sentence_start) for d in found] == [
        ("2024-W19", "week", 0)
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-05-24", "day"), ("2024-05-24TEV", "day"), ("2024-W19", "week"),
     ("2024-W19-WE", "week"), ("2023-11", "month"), ("2024-Q3", "quarter"),
     ("2024-H1", "half"), ("2023-SU", "season"), ("2024", "year"), ("199", "decade"),
     ("19", "century"), ("P2M", None), ("PAST_REF", None), ("XXXX-WXX-5", None)],
)
def test_precision(value: str, expected: str | None) -> None:
    assert precision(value) == expected


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from([
    *"abc ,.()-'\n0123456789", " Friday", " Oct. 7", " last week", " two weeks ago", " 1995",
    " March", " late Sunday", " about two months",
]), max_size=40).map("".join), st.none() | st.dates(min_value=dt.date(1950, 1, 1)))
def test_offsets_point_into_the_text(text: str, anchor: dt.date | None) -> None:
    previous_end = 0
    for found in time_expressions(text, anchor=anchor):
        assert text[found.start : found.end] == found.text
        assert previous_end <= found.start < found.end <= len(text)
        previous_end = found.end
        assert found.type in ("DATE", "TIME", "DURATION", "SET")


def test_extraction_never_reads_the_clock() -> None:
    source = ROOT / "src" / "storyline" / "extract"
    for path in source.glob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(?:now|today|utcnow)\(\)", code), path.name


# -- the command -----------------------------------------------------------------------------------

def test_times_command_prints_resolved_expressions() -> None:
    seed = str(next(SEEDS.glob("003_*.txt")))
    result = CliRunner().invoke(times_command, [seed, "--date", "2024-05-25", "--model", "blank"])
    assert result.exit_code == 0, result.output
    assert "published 2024-05-25 [user]" in result.output
    assert '"Friday"  DATE 2024-05-24' in result.output
    assert '"two weeks ago"  DATE 2024-W19' in result.output


def test_times_command_infers_the_date_and_fails_cleanly() -> None:
    seed = str(next(SEEDS.glob("000_*.txt")))
    result = CliRunner().invoke(times_command, [seed, "no/such/file", "--model", "blank"])
    assert result.exit_code == 1
    assert "published 2024-01-28 (2024-01-28..2024-01-29) [text]" in result.output
    assert "failed: no/such/file" in result.output
    bad = CliRunner().invoke(times_command, [seed, "--date", "28/01/2024"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.none() | st.dates(min_value=dt.date(1900, 1, 1)))
def test_any_text_gives_valid_records(text: str, anchor: dt.date | None) -> None:
    for found in time_expressions(text, anchor=anchor):
        assert text[found.start : found.end] == found.text and found.value
    infer_publication(text, today=TODAY)


def test_sentence_dates_on_any_blank_doc(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    text = _seed("003") + "\n\n" + _seed("000")
    doc = blank_nlp(text)
    for date in sentence_dates(doc, ArticleContext("a", "2024-05-25")):
        assert date.sentence_start <= date.time_start < date.time_end <= date.sentence_end
        assert precision(date.value) == date.precision


def test_every_pattern_match_starts_where_the_tagger_looks() -> None:
    """The tagger tries its patterns only at :data:`STARTS`; a full scan finds nothing else."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    texts += [json.loads(line)["text"] for line in
              (ROOT / "samples" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()]
    texts.append("at least the first two quarters; 'the 90s'; mid-November; Q3 2024; noon; "
                 "nineteen ninety-six; year-earlier; for decades; every other week; twice a day")
    for text in texts:
        starts = {m.start() for m in STARTS.finditer(text)}
        for _, pattern in PATTERNS:
            for match in pattern.finditer(text):
                assert match.start() in starts, (match.group(), pattern.pattern[:60])


def test_sentence_dates_reuse_tagged_times() -> None:
    import spacy

    from storyline.extract.times import sentence_dates, times
    from storyline.records import ArticleContext

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Officials met on Friday. They will talk again next month.")
    ctx = ArticleContext("a", "2024-05-25")
    tagged = list(times(doc, ctx))
    assert list(sentence_dates(doc, ctx, tagged=tagged)) == list(sentence_dates(doc, ctx))
