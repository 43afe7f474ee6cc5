"""Values for the expressions whose reading is a TimeML convention more than a calendar sum.

The families here are the ones TimeBank and AQUAINT annotate in a fixed way that the
words alone do not give (TimeML 1.2.1 guidelines; TempEval-3 TBAQ-cleaned):

* a clock time written with its weekday or date is one expression, "9 a.m. EST Tuesday",
  "noon Saturday", "5 p.m. EST, Nov. 6": that day at that time;
* business-calendar periods: "for the year ended June 30" is a twelve-month span
  (``P1Y``), "sales for the year" and "the first nine months of the year" the year
  of the report, "throughout the fiscal year" a span again; "by year-end" the end
  of the report's year (``mod END``), "since year-end" the end of the year before;
* "the week of March 6" is that date's ISO week.

:func:`normalize` reads these kinds and hands every other kind to
:func:`storyline.extract.timex_normalize.normalize`, so the tagger has one entry point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from storyline.extract import timex_normalize as base
from storyline.extract.timex_calendar import (
    Tense,
    resolve_day_month,
    resolve_weekday,
    week_value,
)
from storyline.extract.timex_normalize import Groups, Normalized, clock_time
from storyline.extract.timex_rules import MONTHS, WEEKDAYS

__all__ = ["normalize"]


def normalize(
    kind: str, groups: Groups, anchor: dt.date | None, tense: Tense, before: str = ""
) -> Normalized | None:
    """``(type, value, mod)`` for one match, or ``None`` when it is not a time expression.

    >>> normalize("yearend", {}, dt.date(1989, 11, 2), None, "complete the sale by")
    ('DATE', '1989', 'END')
    """
    handler = _HANDLERS.get(kind)
    if handler is None:
        return base.normalize(kind, groups, anchor, tense, before)
    return handler(base._Ctx(groups, anchor, tense, before))


def _clock_day(ctx: base._Ctx) -> Normalized | None:
    """ "9 a.m. EST Tuesday": the weekday the tense points to, at that time; "5 p.m.
    EST, Nov. 6": that date at that time."""
    if ctx.get("mon"):
        day_value = base.normalize("date", ctx.g, ctx.anchor, ctx.tense, ctx.before)
        if day_value is None:
            return None
        return "TIME", f"{day_value[1]}T{clock_time(ctx)}", None
    weekday = WEEKDAYS[(ctx.get("wd") or "mon")[:3]]
    if ctx.anchor is None:
        return "TIME", f"XXXX-WXX-{weekday + 1}T{clock_time(ctx)}", None
    day = resolve_weekday(weekday, ctx.anchor, ctx.tense, None)
    return "TIME", f"{day.isoformat()}T{clock_time(ctx)}", None


def _word_before(ctx: base._Ctx) -> str:
    words = ctx.before.split()
    return words[-1].lower() if words else ""


def _the_year(ctx: base._Ctx) -> Normalized | None:
    """ "the year ended June 30", "throughout the fiscal year": a span; "for the year":
    the report's year, which is the anchor's."""
    if ctx.get("ended") or _word_before(ctx) == "throughout":
        return "DURATION", "P1Y", None
    if ctx.anchor is None:
        return "DATE", "XXXX", None
    return "DATE", str(ctx.anchor.year), None


def _year_end(ctx: base._Ctx) -> Normalized | None:
    """ "by year-end": the end of the anchor's year; "since year-end" the end of the last."""
    if ctx.anchor is None:
        return "DATE", "XXXX", "END"
    back = _word_before(ctx) in ("since", "from")
    return "DATE", str(ctx.anchor.year - back), "END"


def _week_of(ctx: base._Ctx) -> Normalized | None:
    """ "the week of March 6": the ISO week of that day."""
    month = MONTHS[(ctx.get("mon") or "jan")[:3]]
    day = int(ctx.get("day") or 1)
    year = ctx.get("year")
    found: dt.date | None
    if year:
        try:
            found = dt.date(int(year), month, day)
        except ValueError:
            return None
    elif ctx.anchor is None:
        return "DATE", "XXXX-WXX", None
    else:
        found = resolve_day_month(month, day, ctx.anchor, ctx.tense)
    return None if found is None else ("DATE", week_value(found), None)


_HANDLERS: Final[dict[str, Callable[[base._Ctx], Normalized | None]]] = {
    "clockday": _clock_day, "theyear": _the_year, "yearend": _year_end, "weekof": _week_of,
}
