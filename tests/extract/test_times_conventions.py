"""Time expressions: the rule families added for TimeML/TimeBank conventions (issue 4).

One table per family, on sentences written for these tests (no corpus text), run on
the text-only path.  Each family was added because TimeBank+AQUAINT annotate it that
way in most of its occurrences; the benchmark (``python -m benchmarks.times_eval``)
measures the whole.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from storyline.extract import time_expressions
from storyline.extract.times import _TRIES, _TRY_ANYWHERE
from storyline.extract.timex_index import first_chars, index_patterns
from storyline.extract.timex_rules import PATTERNS

ROOT = Path(__file__).resolve().parents[2]
REPORT = dt.date(1989, 11, 2)  # a Thursday in a results season: Q3 1989 is reported
MON = dt.date(2000, 4, 3)  # a Monday
SAT = dt.date(2024, 5, 25)


def values(text: str, anchor: dt.date | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in time_expressions(text, anchor=anchor)]


# -- business-calendar periods -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Net income for the year ended June 30 rose.",
         [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "1989-06-30")]),
        ("Sales for the fiscal year ending in May 1990 will rise.",
         [("the fiscal year", "DURATION", "P1Y"), ("May 1990", "DATE", "1990-05")]),
        ("For the year, volume was flat.", [("the year", "DATE", "1989")]),
        ("Revenue fell in the first nine months of the year.",
         [("the first nine months", "DURATION", "P9M"), ("the year", "DATE", "1989")]),
        ("Margins should widen throughout the fiscal year.",
         [("the fiscal year", "DURATION", "P1Y")]),
        ("The deal should close by year-end.", [("year-end", "DATE", "1989")]),
        ("The index is up 12% since year-end.", [("year-end", "DATE", "1988")]),
        # no preposition that makes them periods
        ("The year before was worse.", []),
        ("He was named rookie of the year.", []),
        ("The year-end bonus was cut.", []),
    ],
)
def test_business_periods(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text, REPORT) == expected


def test_year_end_marks_the_end_of_the_year() -> None:
    [found] = time_expressions("It will close by year-end.", anchor=REPORT)
    assert found.mod == "END"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reported quarter frames the year-ago comparisons, not the outlook quarter
        ("Net rose in the third quarter. The fourth quarter looks weak. "
         "In the year-ago quarter it fell.",
         [("the third quarter", "DATE", "1989-Q3"), ("The fourth quarter", "DATE", "1989-Q4"),
          ("the year-ago quarter", "DATE", "1988-Q3")]),
        ("Third-quarter net rose after a flat second quarter, up from a year ago.",
         [("Third-quarter", "DATE", "1989-Q3"), ("second quarter", "DATE", "1989-Q2"),
          ("a year ago", "DATE", "1988-Q3")]),
        ("Third-quarter profit rose. In the 1988 period, it fell.",
         [("Third-quarter", "DATE", "1989-Q3"), ("the 1988 period", "DATE", "1988-Q3")]),
        ("Third-quarter net rose from the corresponding period last year.",
         [("Third-quarter", "DATE", "1989-Q3"),
          ("the corresponding period last year", "DATE", "1988-Q3")]),
        ("Third-quarter net rose from the comparable year-ago quarter.",
         [("Third-quarter", "DATE", "1989-Q3"),
          ("the comparable year-ago quarter", "DATE", "1988-Q3")]),
        ("Earnings will lag in the last half of 1990.",
         [("the last half of 1990", "DATE", "1990-H2")]),
        ("Sales fell in the year-earlier nine months.",
         [("the year-earlier nine months", "DURATION", "P9M")]),
        ("The quarter-to-quarter comparison was poor.", []),
    ],
)
def test_quarters_in_results_reports(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text, REPORT) == expected


# -- clock times with their day ------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The offer expired at 9 a.m. EST Tuesday.",
         [("9 a.m. EST Tuesday", "TIME", "2000-03-28T09:00")]),
        ("The offer will expire at 9 a.m. EST Tuesday.",
         [("9 a.m. EST Tuesday", "TIME", "2000-04-04T09:00")]),
        ("The deadline passed at noon Saturday.", [("noon Saturday", "TIME", "2000-04-01T12:00")]),
        ("He will leave at 4 in the morning.", [("4 in the morning", "TIME", "2000-04-03T04:00")]),
        ("The vote ends at 10 at night.", [("10 at night", "TIME", "2000-04-03T22:00")]),
        ("Shares fell in mid-afternoon yesterday.",
         [("mid-afternoon yesterday", "TIME", "2000-04-02TAF")]),
        ("The film was High Noon.", []),
    ],
)
def test_clock_times_with_their_day(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text, MON) == expected


# -- durations, sets, weeks, centuries -------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It took a minute and a half.", [("a minute and a half", "DURATION", "PT1M30S")]),
        ("He waited an hour and a half.", [("an hour and a half", "DURATION", "PT1H30M")]),
        ("It lasted two and a half years.", [("two and a half years", "DURATION", "P2Y6M")]),
        ("a day-long strike", [("day-long", "DURATION", "P1D")]),
        ("a decades-long feud", [("decades-long", "DURATION", "PXY")]),
        ("a three-week-long tour", [("three-week-long", "DURATION", "P3W")]),
        ("It rose in eight trading days.", [("eight trading days", "DURATION", "P8D")]),
        ("He served an additional year.", [("an additional year", "DURATION", "P1Y")]),
        ("Talks continue in the next few days.", [("the next few days", "DURATION", "PXD")]),
        ("Prices may fall in the weeks ahead.", [("the weeks ahead", "DURATION", "PXW")]),
        ("They march each July.", [("each July", "SET", "XXXX-07")]),
        ("A ruling is due the week of March 6.", [("the week of March 6", "DATE", "2000-W10")]),
        ("It is an 11th century temple.", [("11th century", "DATE", "10")]),
    ],
)
def test_durations_sets_and_weeks(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text, MON) == expected


# -- years, and numbers that are not years ------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 1996 law tightened the embargo.", [("1996", "DATE", "1996")]),
        ("It is a 2000 year old tradition.", []),
        ("The index closed at 2082.1, down 47.3 points.", []),
        ("Cuts are due by the year two thousand.", [("the year two thousand", "DATE", "2000")]),
        ("The year two thousand has them worried.", [("The year two thousand", "DATE", "2000")]),
        ("Two thousand soldiers arrived.", []),
        ("The bank acted under a June agreement.", [("June", "DATE", "2024-06")]),
    ],
)
def test_years_and_counts(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert values(text, SAT) == expected


# -- anaphora and tense cues ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # "the following year" counts from the last date written, not from the anchor
        ("On May 22, 1995, he was promoted, and the following year he moved.", SAT,
         [("May 22, 1995", "DATE", "1995-05-22"), ("the following year", "DATE", "1996")]),
        # "the plan" is a noun, not a verb of intention
        ("The thrift announced the plan Aug. 21.", dt.date(1989, 10, 27),
         [("Aug. 21", "DATE", "1989-08-21")]),
        # an adjective in -ed after a determiner is no past-tense verb
        ("It would be paid on a still unspecified date in January.", dt.date(1989, 10, 26),
         [("January", "DATE", "1990-01")]),
        # "were planning" looks ahead
        ("Protesters said they were planning a march on Saturday.", dt.date(2000, 1, 7),
         [("Saturday", "DATE", "2000-01-08")]),
        # "since" a few words back still marks the past
        ("Police have searched for him since shortly after the Oct. 23 attack.",
         dt.date(1999, 5, 6), [("Oct. 23", "DATE", "1998-10-23")]),
        # "effective" points ahead
        ("The chairman's office was created, effective Feb. 1.", dt.date(1989, 10, 26),
         [("Feb. 1", "DATE", "1990-02-01")]),
    ],
)
def test_anaphora_and_tense_cues(
    text: str, anchor: dt.date, expected: list[tuple[str, str, str]]
) -> None:
    assert values(text, anchor) == expected


# -- the first-character index of the tagger -----------------------------------------------

def test_first_chars_reads_literals_classes_and_optional_parts() -> None:
    assert first_chars(re.compile(r"(?:the\s+)?(?P<n>\d+)\s+days")) == frozenset(
        "0123456789tT")
    assert first_chars(re.compile(r"[^a]x")) is None  # a negated class: anywhere
    assert first_chars(re.compile(r"x?")) is None  # matches empty: anywhere


def test_the_index_loses_no_match_a_full_scan_finds() -> None:
    texts = [json.loads(line)["text"] for line in
             (ROOT / "samples" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()]
    texts.append("noon Saturday; 9 a.m. EST Tuesday; for the year ended; by year-end; "
                 "day-long; each July; the week of March 6; 'the 90s'; Q3 2024; 11th century")
    table, anywhere = index_patterns(PATTERNS)
    assert len(_TRY_ANYWHERE) == len(anywhere)
    for text in texts:
        for order, (_, pattern) in enumerate(PATTERNS):
            for match in pattern.finditer(text):
                assert order in table.get(text[match.start()], anywhere), match.group()
                assert any(t[0] == order for t in _TRIES.get(text[match.start()], ()))
