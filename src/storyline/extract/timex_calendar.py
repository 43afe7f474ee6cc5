"""Calendar arithmetic behind the time normalizer: which day a weekday, a day-month or a
month without a year is, given the anchor and the tense; holidays; ISO durations.

Split from :mod:`storyline.extract.timex_normalize`, whose module notes give the
conventions these functions implement.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from storyline.extract.timex_rules import HOLIDAYS, MONTHS, WEEKDAYS

Tense = Literal["PAST", "PRESENT", "FUTURE"] | None

BACK: Final = frozenset({"last", "past", "previous", "this past", "year-ago", "year-earlier"})
AHEAD: Final = frozenset({"next", "coming", "following"})
#: days within which a past or future tense decides which year a date falls in
TENSE_REACH: Final = 300

def week_value(day: dt.date) -> str:
    """The ISO week of a day in TimeML notation (``2024-W04``)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def month_index(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def weekday_index(name: str) -> int:
    return WEEKDAYS[name.lower()[:3]]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def pick(
    candidates: list[dt.date], anchor: dt.date, tense: Tense, reach: int = TENSE_REACH
) -> dt.date | None:
    """The candidate the tense points to: latest not after, earliest not before, or nearest.

    A past tense decides only within ``reach`` days: news writes a date without its
    year when it is near, so a past-tense "Dec. 15" eleven months back is more
    likely a misread tense (an adjectival "-ed") or a schedule than a date nearly a
    year old; the same holds ahead ("would ... by Jan. 14" said on Jan. 15).
    """
    if not candidates:
        return None
    if tense == "PAST":
        past = [c for c in candidates if c <= anchor and (anchor - c).days <= reach]
        if past:
            return max(past)
    elif tense == "FUTURE":
        future = [c for c in candidates if c >= anchor and (c - anchor).days <= reach]
        if future:
            return min(future)
    return min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))


def resolve_day_month(
    month: int, day: int, anchor: dt.date, tense: Tense, weekday: int | None = None
) -> dt.date | None:
    """The year of a day-month without one, from the tense and any weekday beside it."""
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := safe_date(y, month, day)) is not None
    ]
    if weekday is not None:
        agreeing = [d for d in candidates if d.weekday() == weekday]
        if agreeing:
            return pick(agreeing, anchor, None if len(agreeing) == 1 else tense)
    return pick(candidates, anchor, tense)


def resolve_weekday(weekday: int, anchor: dt.date, tense: Tense, rel: str | None) -> dt.date:
    """The day a weekday name refers to, seen from ``anchor`` (see the module notes)."""
    back = (anchor.weekday() - weekday) % 7 or 7
    ahead = (weekday - anchor.weekday()) % 7 or 7
    if rel in BACK:
        return anchor - dt.timedelta(days=back)
    if rel in AHEAD:
        return anchor + dt.timedelta(days=ahead)
    if rel in ("this", "current"):
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    if weekday == anchor.weekday():
        return anchor
    if tense in ("FUTURE", "PRESENT"):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def resolve_month(month: int, anchor: dt.date, tense: Tense, rel: str | None) -> tuple[int, int]:
    """(year, month) of a month name without a year."""
    if rel in BACK:
        return (anchor.year, month) if month < anchor.month else (anchor.year - 1, month)
    if rel in AHEAD:
        return (anchor.year, month) if month > anchor.month else (anchor.year + 1, month)
    if rel in ("this", "current") or month == anchor.month:
        return anchor.year, month
    if tense == "PAST" and (anchor.month - month) % 12 <= TENSE_REACH // 30 - 1:
        return (anchor.year, month) if month < anchor.month else (anchor.year - 1, month)
    if tense == "FUTURE" and (month - anchor.month) % 12 <= TENSE_REACH // 30:
        return (anchor.year, month) if month > anchor.month else (anchor.year + 1, month)
    # no tense: the nearest occurrence, as news mentions months near the story
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1, month
    if diff < -6:
        return anchor.year + 1, month
    return anchor.year, month


def holiday(name: str, year: int) -> dt.date | None:
    rule = HOLIDAYS.get(name)
    if isinstance(rule, tuple):
        return safe_date(year, *rule)
    if rule == "easter" or rule == "good_friday":
        # Anonymous Gregorian algorithm (Meeus/Jones/Butcher)
        a, b, c = year % 19, year // 100, year % 100
        d, e = divmod(b, 4)
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = divmod(c, 4)
        ell = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * ell) // 451
        month, day = divmod(h + ell - 7 * m + 114, 31)
        easter = dt.date(year, month, day + 1)
        return easter if rule == "easter" else easter - dt.timedelta(days=2)
    nth = {
        "thanksgiving": (11, 3, 4), "labor_day": (9, 0, 1), "memorial_day": (5, 0, -1),
        "election_day": (11, 0, 1), "mlk_day": (1, 0, 3), "presidents_day": (2, 0, 3),
        "mothers_day": (5, 6, 2), "fathers_day": (6, 6, 3),
    }.get(str(rule))
    if nth is None:
        return None
    month, weekday, n = nth
    if n > 0:
        first = dt.date(year, month, 1)
        nth_day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        return nth_day + dt.timedelta(days=1) if rule == "election_day" else nth_day
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def fmt_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, letter: str, mult: float, is_time: bool) -> str:
    """``P2M``, ``PT5H``, ``P20Y``, ``PXD``: an ISO 8601 duration, X for a vague count."""
    if n is None:
        return f"PT X{letter}".replace(" ", "") if is_time else f"PX{letter}"
    total = n * mult
    whole = int(total)
    half = ({"H": "30M", "M": "30S"} if is_time else {"Y": "6M", "D": "T12H", "M": "15D"}).get(
        letter)
    if total - whole == 0.5 and half and whole:
        if is_time:
            return f"PT{whole}{letter}{half}"
        return f"P{whole}{letter}{half}"
    return f"PT{fmt_number(total)}{letter}" if is_time else f"P{fmt_number(total)}{letter}"
