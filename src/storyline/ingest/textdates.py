"""A deliberately simple, honest reading of publication dates from article text.

News copy rarely states its own date, but it often pins one: "on Sunday (Jan 28)"
is only true in years where January 28 is a Sunday, and a story reporting what
happened that Sunday was written no earlier.  The model here takes only such
evidence:

* a weekday together with a day and month (with or without a year) fixes the
  year as the most recent one, not after the reference date, in which that day
  falls on that weekday; the date is the best guess and a lower bound;
* a full day-month-year in a past-tense sentence is a lower bound only;
* a day and month without weekday or year ("Oct. 7"), bare weekdays ("on
  Friday") and relative phrases ("two weeks ago") pin nothing and are ignored;
* a sentence that looks ahead ("will meet on Monday (Feb 5)") is ignored, since
  its date is after publication and cannot be placed by the rule above.

Nothing is invented: with no such evidence every field stays empty.  The richer
time-expression extractor (``extract/times``) will supersede this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

_MONTHS: Final = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS: Final = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_MON = (
    r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WD = (
    r"(?P<wd>Mon(?:day|\.)?|Tue(?:s|sday|\.)?|Wed(?:nesday|\.)?|Thu(?:rs|rsday|\.)?"
    r"|Fri(?:day|\.)?|Sat(?:urday|\.)?|Sun(?:day|\.)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

#: weekday + date shapes first, then day-month-year; the first shape to claim a span wins
_SHAPES: Final = tuple(
    re.compile(rf"\b{shape}(?![\w-])")
    for shape in (
        rf"{_WD}\s*\(\s*{_MON}\s{_DAY}(?:,?\s{_YEAR})?\s*\)",  # Sunday (Jan 28)
        rf"{_WD}\s*\(\s*{_DAY}\s{_MON}(?:\s{_YEAR})?\s*\)",  # Sunday (28 January)
        rf"{_MON}\s{_DAY}(?:,?\s{_YEAR})?\s*\(\s*{_WD}\s*\)",  # Jan. 28 (Sunday)
        rf"{_WD},?\s{_MON}\s{_DAY}(?:,\s{_YEAR})?",  # Sunday, January 28[, 2024]
        rf"{_WD},?\s(?:the\s)?{_DAY}\s(?:of\s)?{_MON}(?:,?\s{_YEAR})?",  # Sunday 28 January
        rf"{_MON}\s{_DAY},?\s{_YEAR}",  # January 28, 2024
        rf"{_DAY}\s{_MON},?\s{_YEAR}",  # 28 January 2024
    )
)

#: words that make a sentence look ahead; its dates are then not lower bounds
_FUTURE_CUES: Final = frozenset(
    {
        "will",
        "would",
        "shall",
        "'ll",
        "’ll",
        "plan",
        "plans",
        "planned",
        "planning",
        "scheduled",
        "due",
        "expected",
        "expects",
        "upcoming",
        "next",
        "until",
        "till",
        "deadline",
        "expire",
        "expires",
        "ahead",
        "tomorrow",
        "forthcoming",
    }
)
_WORD = re.compile(r"[\w'’]+")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+(?=[\"“A-Z])|\n")
#: how far a sentence is followed either side of a mention, so long texts stay linear
_MAX_SENTENCE: Final = 600
#: a weekday recurs on the same date within 28 years (Feb 29 included)
_YEARS_BACK: Final = 40


@dataclass(frozen=True, slots=True)
class TextDate:
    """Publication date evidence from the text: best guess and lower bound."""

    value: date | None = None
    earliest: date | None = None


def text_date(text: str, *, bound: date) -> TextDate:
    """Best-guess publication date and lower bound that the text supports.

    ``bound`` is the latest date publication can have (the reference date, or an
    earlier crawl date); no mention is placed after it.

    >>> text_date("They met in Paris on Sunday (Jan 28).", bound=date(2026, 11, 23))
    TextDate(value=datetime.date(2024, 1, 28), earliest=datetime.date(2024, 1, 28))
    >>> text_date("They met on Friday, two weeks after Oct. 7.", bound=date(2026, 11, 23))
    TextDate(value=None, earliest=None)
    """
    pinned: list[date] = []
    lower: list[date] = []
    claimed: list[tuple[int, int]] = []
    for shape in _SHAPES:
        for match in shape.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in claimed):
                continue
            claimed.append((start, end))
            if _looks_ahead(text, start, end):
                continue
            groups = match.groupdict()
            day = _resolve(groups, bound)
            if day is None:
                continue
            lower.append(day)
            if groups.get("wd"):
                pinned.append(day)
    earliest = max(lower, default=None)
    value = max(pinned, default=None)
    if value is not None and earliest is not None and value < earliest:
        # a later dated event contradicts the weekday guess: keep only the bound
        value = None
    return TextDate(value=value, earliest=earliest)


def _resolve(groups: dict[str, str | None], bound: date) -> date | None:
    """The date a mention names, if it is real, consistent and not after ``bound``."""
    month = _MONTHS[(groups["mon"] or "")[:3].lower()]
    day = int(groups["day"] or 0)
    named_weekday = groups.get("wd")
    weekday = _WEEKDAYS[named_weekday[:3].lower()] if named_weekday else None
    if groups.get("year"):
        years = [int(groups["year"] or 0)]
    elif weekday is not None:
        years = list(range(bound.year, bound.year - _YEARS_BACK, -1))
    else:
        return None
    for year in years:
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= bound and (weekday is None or candidate.weekday() == weekday):
            return candidate
    return None


def _looks_ahead(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` contains a future cue."""
    window = max(0, start - _MAX_SENTENCE)
    before = [m.end() for m in _SENTENCE_BREAK.finditer(text, window, start)]
    after = _SENTENCE_BREAK.search(text, end)
    stop = after.start() if after else len(text)
    sentence = text[before[-1] if before else window : min(stop, end + _MAX_SENTENCE)]
    return any(word.lower() in _FUTURE_CUES for word in _WORD.findall(sentence))
