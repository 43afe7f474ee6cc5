"""Calendar values for tagged time expressions, in TimeML (TIMEX3) notation.

One function, :func:`normalize`, turns a pattern match (its kind and named groups),
the anchor date and the tense of the governing verb into ``(type, value, mod)``.
Ambiguities are settled as the TimeML annotation guidelines (TimeML 1.2.1, §2.2)
and the TempEval-3 corpora do, and as news copy uses the words:

* a bare weekday is the one the verb's tense points to: the previous one in the
  past tense, the next one in the future (and in the present, which in news
  copy announces schedules: "meets on Friday"); a weekday equal to the anchor's
  is the anchor day itself; with no tense the previous one (news reports);
* "last Friday" is the most recent Friday strictly before the anchor, "next
  Friday" the first strictly after, "this Friday" the one in the anchor's ISO week;
* a day-month or month without a year takes the year that puts it in the past
  or the future as the verb demands, and the nearest occurrence without tense;
  a weekday written beside it ("Sunday (Jan 28)") picks the year in which they agree;
* offsets keep the granularity of their unit: "two weeks ago" is an ISO week
  (``2024-W19``), "last month" a month, "a year ago" a year;
* "the coming days", "the next week" and "within the next week" are vague
  future references (``FUTURE_REF``); "recently" and "in recent weeks" ``PAST_REF``;
* hedges become ``mod`` (``APPROX``, ``MORE_THAN``...), positions inside a
  period too (``START``, ``MID``, ``END``): "late Sunday" is the Sunday, ``END``;
* without an anchor, relative expressions get underspecified values
  (``XXXX-WXX-5``, ``XXXX-10-07``, ``PAST_REF``), never an invented date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from storyline.extract.timex_calendar import (
    AHEAD,
    BACK,
    TENSE_REACH,
    Tense,
    duration_value,
    fmt_number,
    holiday,
    month_index,
    pick,
    resolve_day_month,
    resolve_month,
    resolve_weekday,
    safe_date,
    shift_month,
    week_value,
    weekday_index,
)
from storyline.extract.timex_rules import (
    DECADE_WORDS,
    DEICTIC,
    HEDGES,
    HOLIDAYS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    POSITIONS,
    SEASONS,
    UNITS,
)

Groups = Mapping[str, str | None]
Normalized = tuple[str, str, str | None]

_SEASON_START: Final = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: words before "one day" that make it "some day" (a modal or a subject pronoun)
_SOMEDAY_BEFORE: Final = frozenset({
    "will", "would", "could", "might", "may", "can", "should", "i", "we", "you", "he", "she",
    "they", "it",
})
_TENS: Final = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                          "ninety"})


def normalize(
    kind: str, groups: Groups, anchor: dt.date | None, tense: Tense, before: str = ""
) -> Normalized | None:
    """``(type, value, mod)`` for one match, or ``None`` when it is not a time expression.

    ``before`` is the text just before the match (for "$5 a year" and the like).

    >>> normalize("weekday", {"wd": "Friday"}, dt.date(2024, 5, 25), "PAST")
    ('DATE', '2024-05-24', None)
    """
    handler = _HANDLERS[kind]
    return handler(_Ctx(groups, anchor, tense, before))


class _Ctx:
    __slots__ = ("anchor", "before", "g", "tense")

    def __init__(self, g: Groups, anchor: dt.date | None, tense: Tense, before: str) -> None:
        self.g, self.anchor, self.tense, self.before = g, anchor, tense, before

    def get(self, name: str) -> str | None:
        value = self.g.get(name)
        return " ".join(value.lower().split()) if value else None

    @property
    def mod(self) -> str | None:
        pos, hedge = self.get("pos"), self.get("hedge")
        if pos:
            return POSITIONS.get(pos) or POSITIONS.get(pos.rstrip("-"))
        return HEDGES.get(hedge) if hedge else None


def _number(ctx: _Ctx) -> float | None:
    """The count in ``num``: a float, or ``None`` for "a few", "several"."""
    raw = ctx.get("num")
    if ctx.get("andhalf"):
        base = _number(_Ctx({"num": ctx.g.get("num")}, ctx.anchor, ctx.tense, ctx.before))
        return None if base is None else base + 0.5
    if raw is None:
        return None if ctx.get("plural") else 1
    if raw.endswith(" and a half"):
        base = _number(_Ctx({"num": raw[: -len(" and a half")]}, None, None, ""))
        return None if base is None else base + 0.5
    if raw[0].isdigit():
        whole, _, frac = raw.partition(" ")
        return float(whole) + (0.5 if frac == "1/2" else 0)
    if "-" in raw or (" " in raw and raw.split()[0] in _TENS):
        tens, ones = raw.replace("-", " ").split()
        return float((NUMBERS[tens] or 0) + (NUMBERS[ones] or 0))
    value = NUMBERS.get(raw)
    return None if value is None else float(value)


def _unit(ctx: _Ctx) -> tuple[str, float, bool]:
    raw = (ctx.get("unit") or "").rstrip("s") or "day"
    letter, mult, is_time = UNITS.get(raw, UNITS.get(raw + "s", ("D", 1, False)))
    return letter, mult, is_time


# -- handlers --------------------------------------------------------------------------

def _date(ctx: _Ctx) -> Normalized | None:
    month = int(ctx.get("monnum") or 0) or month_index(ctx.get("mon") or "")
    day = int(ctx.get("day") or 0)
    wd = ctx.get("wd")
    weekday = weekday_index(wd) if wd else None
    year = ctx.get("year")
    if year:
        found = safe_date(int(year), month, day)
        return None if found is None else ("DATE", found.isoformat(), None)
    if safe_date(2000, month, day) is None:
        return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    found = resolve_day_month(month, day, ctx.anchor, ctx.tense, weekday)
    return None if found is None else ("DATE", found.isoformat(), None)


def _month(ctx: _Ctx) -> Normalized | None:
    month = month_index(ctx.get("mon") or "")
    year = ctx.get("year")
    if year:
        return "DATE", f"{year}-{month:02d}", ctx.mod
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}", ctx.mod
    yrel = ctx.get("yrel")
    if yrel:
        shift = {"last": -1, "next": 1}.get(yrel, 0)
        return "DATE", f"{ctx.anchor.year + shift}-{month:02d}", ctx.mod
    y, m = resolve_month(month, ctx.anchor, ctx.tense, ctx.get("rel"))
    return "DATE", f"{y:04d}-{m:02d}", ctx.mod


def _year(ctx: _Ctx) -> Normalized | None:
    return "DATE", ctx.get("year") or "", ctx.mod


def _decade(ctx: _Ctx) -> Normalized | None:
    if ctx.get("cent"):
        return "DATE", f"{int(ctx.get('cent') or 20) - 1:02d}", ctx.mod
    if ctx.get("decade"):
        return "DATE", (ctx.get("decade") or "")[:3], ctx.mod
    if ctx.get("decade2"):
        return "DATE", f"19{(ctx.get('decade2') or '')[0]}", ctx.mod
    return "DATE", f"19{DECADE_WORDS[ctx.get('decword') or 'nineties']}", ctx.mod


def _weekday(ctx: _Ctx) -> Normalized | None:
    weekday = weekday_index(ctx.get("wd") or "")
    part = PARTS_OF_DAY.get(ctx.get("part") or "")
    if ctx.get("plural"):
        return "SET", f"XXXX-WXX-{weekday + 1}", None
    if ctx.anchor is None:
        value = f"XXXX-WXX-{weekday + 1}"
    else:
        value = resolve_weekday(weekday, ctx.anchor, ctx.tense, ctx.get("rel")).isoformat()
    if part:
        return "TIME", f"{value}T{part}", ctx.mod
    return "DATE", value, ctx.mod


def clock_time(ctx: _Ctx) -> str:
    """``HH:MM`` of a clock match: "10:35 a.m.", "17:00 GMT", "noon", "4 in the morning"."""
    named = ctx.get("named")
    if named:
        hour, minute = (0, 0) if named == "midnight" else (12, 0)
    elif ctx.get("hour24"):
        hour, minute = int(ctx.get("hour24") or 0), int(ctx.get("minute24") or 0)
    else:
        hour, minute = int(ctx.get("hour") or 0) % 12, int(ctx.get("minute") or 0)
        dpart = ctx.get("dpart") or ""
        if (ctx.get("ampm") or "a").startswith("p") or dpart.endswith(("afternoon", "evening")) or (
            dpart.endswith("night") and hour >= 6
        ):
            hour += 12
    return f"{hour:02d}:{minute:02d}"


def _clock(ctx: _Ctx) -> Normalized | None:
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{clock_time(ctx)}", None


def _part(ctx: _Ctx) -> Normalized | None:
    rel = ctx.get("rel")
    part = PARTS_OF_DAY[ctx.get("part") or "night"]
    if ctx.anchor is None:
        return "TIME", f"XXXX-XX-XXT{part}", ctx.mod
    offset = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel or "", 0)
    if rel == "last" and part != "NI":
        return None  # "last evening" is rare; "last morning" is not a time expression
    return "TIME", f"{ctx.anchor + dt.timedelta(days=offset)}T{part}", ctx.mod


def _deictic(ctx: _Ctx) -> Normalized | None:
    kind, value = DEICTIC[ctx.get("word") or ""]
    side = ctx.get("pos")
    mod = {"early": "START", "late": "END"}.get(side or "")
    if ctx.get("word") == "soon" and ctx.tense != "FUTURE":
        return None  # "he was soon released": past events follow one another
    if ctx.get("word") == "current" and ctx.before.split()[-1:] == ["then"]:
        return kind, "PAST_REF", mod  # "at the then current market price"
    if isinstance(value, int):
        if ctx.anchor is None:
            return kind, "XXXX-XX-XX", mod
        return kind, (ctx.anchor + dt.timedelta(days=value)).isoformat(), mod
    if value == "TNI":
        return kind, f"{ctx.anchor or 'XXXX-XX-XX'}TNI", mod
    return kind, value, mod


def _holiday_value(ctx: _Ctx) -> Normalized | None:
    name = (ctx.get("hol") or "").replace("’", "'")
    year = ctx.get("year")
    if year:
        found = holiday(name, int(year))
        return None if found is None else ("DATE", found.isoformat(), None)
    if ctx.anchor is None:
        rule = HOLIDAYS.get(name)
        md = f"{rule[0]:02d}-{rule[1]:02d}" if isinstance(rule, tuple) else "XX-XX"
        return "DATE", f"XXXX-{md}", None
    rel = ctx.get("rel")
    tense: Tense = "PAST" if rel in BACK else "FUTURE" if rel in AHEAD else ctx.tense
    candidates = [
        d for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)
        if (d := holiday(name, y)) is not None
    ]
    if rel in BACK:
        candidates = [d for d in candidates if d < ctx.anchor]
    elif rel in AHEAD:
        candidates = [d for d in candidates if d > ctx.anchor]
    found = pick(candidates, ctx.anchor, tense, 400 if rel else TENSE_REACH)
    return None if found is None else ("DATE", found.isoformat(), None)


def _season(ctx: _Ctx) -> Normalized | None:
    code = SEASONS[ctx.get("season") or "summer"]
    year = ctx.get("year")
    if year:
        return "DATE", f"{year}-{code}", ctx.mod
    if ctx.anchor is None:
        return "DATE", f"XXXX-{code}", ctx.mod
    rel = ctx.get("rel")
    start = _SEASON_START[code]
    anchor = ctx.anchor
    candidates = [dt.date(y, start, 1) for y in range(anchor.year - 2, anchor.year + 2)]

    def current(c: dt.date) -> bool:
        y, m = shift_month(c.year, c.month, 3)
        return c <= anchor < dt.date(y, m, 1)

    if rel in BACK:  # "last summer": the latest one over, not the one we are in
        found = max((c for c in candidates if c <= anchor and not current(c)), default=None)
    elif rel in AHEAD:
        found = min((c for c in candidates if c > anchor), default=None)
    elif rel in ("this", "current"):
        found = next((c for c in candidates if current(c)), None) or pick(
            candidates, anchor, None)
    else:
        found = next((c for c in candidates if current(c)), None) or pick(
            candidates, anchor, ctx.tense)
    return None if found is None else ("DATE", f"{found.year}-{code}", ctx.mod)


def _quarter_ended(ctx: _Ctx) -> Normalized | None:
    """ "the quarter ended July 31": the calendar quarter of its middle month."""
    month, day = month_index(ctx.get("mon") or ""), int(ctx.get("day") or 0)
    year = ctx.get("year")
    if year:
        end = safe_date(int(year), month, day)
    elif ctx.anchor is None:
        return "DATE", "XXXX-QX", None
    else:
        end = resolve_day_month(month, day, ctx.anchor, "PAST")
    if end is None:
        return None
    y, m = shift_month(end.year, end.month, -1 if end.day >= 15 else -2)
    return "DATE", f"{y}-Q{(m - 1) // 3 + 1}", None


def _quarter(ctx: _Ctx) -> Normalized | None:
    if ctx.get("mon") and ctx.get("qh") == "quarter":
        return _quarter_ended(ctx)
    if ctx.get("qabbr"):
        q, half = int((ctx.get("qabbr") or "q1")[1]), False
    elif ctx.get("qh") == "period":
        q, half = 0, False
    else:
        half = ctx.get("qh") == "half"
        q = 2 if half and ctx.get("ord") == "last" else ORDINALS.get(ctx.get("ord") or "", 0)
        if half and q > 2:
            return None
    year = ctx.get("year")
    letter = "H" if half else "Q"
    if year and q:
        return "DATE", f"{year}-{letter}{q}", None
    if ctx.anchor is None:
        return "DATE", f"{year or 'XXXX'}-{letter}{q or 'X'}", None
    now_q = (ctx.anchor.month - 1) // (6 if half else 3) + 1
    yrel = ctx.get("yrel")
    if year or yrel:
        y = int(year) if year else ctx.anchor.year + {"last": -1, "next": 1}.get(yrel or "", 0)
        if not q:
            q = now_q - 1 if now_q > 1 else 4
        return "DATE", f"{y}-{letter}{q}", None
    y = ctx.anchor.year
    rel, ago = ctx.get("rel"), ctx.get("ago")
    if q == 0:  # "the quarter", "the latest quarter": the last one completed
        y, q = (y, now_q - 1) if now_q > 1 else (y - 1, 4)
        if rel == "current":
            y, q = ctx.anchor.year, now_q
        elif rel in AHEAD:
            y, q = (ctx.anchor.year, now_q + 1) if now_q < 4 else (ctx.anchor.year + 1, 1)
    elif rel in AHEAD:
        y = y if q > now_q else y + 1
    elif rel in ("last", "previous"):
        y = y if q < now_q else y - 1
    elif q > now_q and ctx.tense != "FUTURE":
        # "third-quarter results" in February: last year's; a quarter still to come
        # in this year only when the verb looks ahead
        y -= 1
    if ago:
        y -= 1
    return "DATE", f"{y}-{letter}{q}", None


def _relunit(ctx: _Ctx) -> Normalized | None:
    unit = ctx.get("unit") or "week"
    side = ctx.get("side")
    if ctx.get("rel") in (None, "the") and unit != "weekend" and not (
        side or ctx.get("pos") or ctx.get("full")
    ):
        return None
    rel = {"latest": "last", "current": "this"}.get(ctx.get("rel") or "this", ctx.get("rel"))
    mod = ctx.mod
    if ctx.get("rel") == "past" and unit in ("decade", "century"):
        # "over the past decade": the stretch up to now, as TimeBank and MEANTIME annotate it
        return "DURATION", "P10Y" if unit == "decade" else "P100Y", mod
    step = -1 if rel in BACK else 1 if rel in AHEAD else 0
    anchor = ctx.anchor
    if anchor is None:
        if step:
            return "DATE", "PAST_REF" if step < 0 else "FUTURE_REF", mod
        return "DATE", "PRESENT_REF", mod
    if unit == "week":
        if step == 0 and ctx.tense == "FUTURE" and anchor.weekday() == 6 and not side:
            step = 1  # said on a Sunday, "will ... this week" is the week that starts tomorrow
        return "DATE", week_value(anchor + dt.timedelta(weeks=step)), mod
    if unit == "weekend":
        if step == 0 and rel in ("the", "this"):
            if anchor.weekday() >= 5:
                step = 0
            elif ctx.tense == "PAST" or (rel == "the" and ctx.tense is None):
                step = -1
        base = anchor + dt.timedelta(weeks=step)
        return "DATE", f"{week_value(base)}-WE", mod
    if unit == "month":
        y, m = shift_month(anchor.year, anchor.month, step)
        return "DATE", f"{y:04d}-{m:02d}", mod
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + step
        y = anchor.year + q // 4
        return "DATE", f"{y}-Q{q % 4 + 1}", mod
    if unit == "decade":
        return "DATE", str(anchor.year + 10 * step)[:3], mod
    if unit == "century":
        return "DATE", str(anchor.year + 100 * step)[:2], mod
    return "DATE", str(anchor.year + step), mod


def _spoken_year(ctx: _Ctx) -> Normalized | None:
    """ "nineteen ninety-six", "the year two thousand": broadcast transcripts."""
    ones = int(NUMBERS.get(ctx.get("ones") or "", 0) or 0)
    if ctx.get("cent") is None:
        return "DATE", str(2000 + ones), None
    century = 1900 if ctx.get("cent") == "nineteen" else 2000
    tens = int(NUMBERS.get(ctx.get("tens") or "", 0) or 0)
    if tens < 10 and ctx.get("tens"):
        return None
    return "DATE", str(century + tens + ones), None


def _year_ago(ctx: _Ctx) -> Normalized | None:
    """ "year-earlier", "year-ago": the year before (a quarter context refines it later)."""
    if ctx.anchor is None:
        return "DATE", "PAST_REF", None
    return "DATE", str(ctx.anchor.year - 1), None


def _anaphor(ctx: _Ctx) -> Normalized | None:
    """ "that year", "the next day": a placeholder the tagger resolves against the last
    date written before it (see ``resolve_anaphor``)."""
    unit = ctx.get("unit") or "day"
    return ("TIME" if unit in PARTS_OF_DAY else "DATE"), "ANAPHOR", None


def resolve_anaphor(groups: Groups, antecedent: str | None) -> str:
    """The value of "that year", "later that day", "the following month", "the day
    before", read off the last calendar value the text gave; underspecified without one.

    >>> resolve_anaphor({"rel": "following", "unit": "year"}, "1995-05-22")
    '1996'
    """
    g = {k: (v or "").lower() for k, v in groups.items()}
    unit = g.get("unit") or "day"
    step = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(g.get("rel", ""), 0)
    if g.get("rel") == "day":
        unit, step = "day", (-1 if g.get("dir") == "before" else 1)
    part = PARTS_OF_DAY.get(unit)
    needed = {"year": 4, "month": 7}.get(unit, 10)
    if not antecedent or len(antecedent) < needed or not antecedent[:4].isdigit() or (
        needed >= 7 and not antecedent[5:7].isdigit()
    ):
        return {"year": "XXXX", "month": "XXXX-XX"}.get(unit, "XXXX-XX-XX") + (
            f"T{part}" if part else "")
    if unit == "year":
        return str(int(antecedent[:4]) + step)
    if unit == "month":
        y, m = shift_month(int(antecedent[:4]), int(antecedent[5:7]), step)
        return f"{y:04d}-{m:02d}"
    try:
        day = dt.date.fromisoformat(antecedent[:10])
    except ValueError:
        return "XXXX-XX-XX"
    if unit == "week":
        return week_value(day + dt.timedelta(weeks=step))
    value = (day + dt.timedelta(days=step)).isoformat()
    return f"{value}T{part}" if part else value


def _future(ctx: _Ctx) -> Normalized | None:
    if ctx.get("few") == "ahead" or (ctx.get("few") and ctx.get("rel") == "next"):
        # "the next few days", "the weeks ahead" count them (TimeBank: PXD, PXW);
        # "the coming days" points ahead
        letter, mult, is_time = _unit(ctx)
        return "DURATION", duration_value(None, letter, mult, is_time), None
    return "DATE", "FUTURE_REF", None


def _ago(ctx: _Ctx) -> Normalized | None:
    n = _number(ctx)
    letter, mult, is_time = _unit(ctx)
    direction = -1 if (ctx.get("dir") or "ago") in ("ago", "earlier") else 1
    mod = ctx.mod
    if ctx.get("dir") == "later" or (is_time and ctx.get("dir") == "earlier"):
        # "three days later" counts from an event in the text, not from the anchor
        return "DURATION", duration_value(n, letter, mult, is_time), mod
    if n is None or ctx.anchor is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", mod
    amount = n * mult * direction
    anchor = ctx.anchor
    if is_time or letter == "D":
        # the anchor is a day, not an instant: "24 hours ago" is yesterday, "3 hours ago" today
        days = amount if letter == "D" else int(amount / 24) if letter == "H" else 0
        return "DATE", (anchor + dt.timedelta(days=round(days))).isoformat(), mod
    if letter in ("W", "WE"):
        return "DATE", week_value(anchor + dt.timedelta(weeks=round(amount))), mod
    if letter == "M":
        y, m = shift_month(anchor.year, anchor.month, round(amount))
        return "DATE", f"{y:04d}-{m:02d}", mod
    if letter == "Q":
        y, m = shift_month(anchor.year, anchor.month, round(amount) * 3)
        return "DATE", f"{y}-Q{(m - 1) // 3 + 1}", mod
    return "DATE", str(anchor.year + round(amount)), mod


def _duration(ctx: _Ctx) -> Normalized | None:
    n = _number(ctx)
    letter, mult, is_time = _unit(ctx)
    raw_num = ctx.get("num")
    if raw_num in ("a", "an") and letter == "S":
        return None  # "a second" is an ordinal far more often than a duration
    if raw_num in ("a", "an") and not ctx.get("span") and not ctx.get("hedge"):
        words = ctx.before.lower().split()
        last = words[-1] if words else ""
        if last in ("once", "twice", "times", "per"):
            return "SET", duration_value(1, letter, mult, is_time), None
        if _is_amount(last) or (len(words) > 1 and _is_amount(words[-2]) and last.isalpha()
                                and last.endswith("s")):
            # a rate, "$1.76 a year", "four flights a week", "24 hours a day": TimeBank
            # leaves these untagged far more often than it tags them
            return None
    if raw_num == "one" and letter == "D" and not ctx.get("span") and (
        (ctx.before.lower().split() or [""])[-1] in _SOMEDAY_BEFORE
    ):
        return "DATE", "FUTURE_REF", None  # "Islam will one day be", "he hopes he one day goes"
    mod = ctx.mod
    if ctx.get("span") and ctx.get("hedge") in ("over", "under"):
        mod = None  # "over the past 30 days" is during them, not more than them
    if letter == "WE":
        return "DURATION", f"P{'X' if n is None else fmt_number(n)}WE", mod
    return "DURATION", duration_value(n, letter, mult, is_time), mod


_AMOUNT_WORDS: Final = frozenset({"million", "billion", "thousand", "hundred", "percent", "%",
                                  "cents", "dollars", "dlrs"})


def _is_amount(word: str) -> bool:
    """Whether ``word`` is a number or an amount ("$5", "12,000", "million", "four")."""
    return word[-1:].isdigit() or word in _AMOUNT_WORDS or (
        word in NUMBERS and word not in ("a", "an", "some", "many", "few"))


def _bare_units(ctx: _Ctx) -> Normalized | None:
    letter, mult, is_time = _unit(ctx)
    return "DURATION", duration_value(None, letter, mult, is_time), None


def _set(ctx: _Ctx) -> Normalized | None:
    adverb = ctx.get("adv")
    if adverb:
        value = {
            "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
            "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P1Q",
        }[adverb]
        return "SET", value, None
    if ctx.get("wd"):
        return "SET", f"XXXX-WXX-{weekday_index(ctx.get('wd') or '') + 1}", None
    if ctx.get("mon"):
        return "SET", f"XXXX-{month_index(ctx.get('mon') or ''):02d}", None
    unit = ctx.get("unit") or "day"
    if unit in ("morning", "evening"):
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}", None
    raw = ctx.get("num")
    n: float = 2 if raw == "other" else float(NUMBERS.get(raw or "one") or 1) if (
        raw and not raw.isdigit()) else float(raw or 1)
    letter, mult, is_time = _unit(ctx)
    return "SET", duration_value(n, letter, mult, is_time), None


_HANDLERS: Final = {
    "date": _date, "month": _month, "year": _year, "decade": _decade, "weekday": _weekday,
    "clock": _clock, "part": _part, "deictic": _deictic, "holiday": _holiday_value,
    "season": _season, "quarter": _quarter, "relunit": _relunit, "future": _future,
    "yearago": _year_ago, "spokenyear": _spoken_year, "anaphor": _anaphor,
    "ago": _ago, "duration": _duration, "adjdur": _duration, "bareunits": _bare_units,
    "set": _set,
}


def precision(value: str) -> str | None:
    """How precise a calendar value is: day, week, month, quarter, season, year, decade,
    century; ``None`` for durations, sets and vague references.

    >>> precision("2024-W19"), precision("2023-11"), precision("2024-05-24TEV")
    ('week', 'month', 'day')
    """
    if not value[:2].isdigit():
        return None
    if len(value) in (2, 3) and value.isdigit():
        return "century" if len(value) == 2 else "decade"
    if len(value) == 4:
        return "century" if value.endswith("XX") else "decade" if value[3] == "X" else "year"
    rest = value[5:]
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return "day"
    if rest.startswith("W"):
        return "week"
    if rest[:1] in ("Q", "H"):
        return "quarter" if rest[0] == "Q" else "half"
    if rest in SEASONS.values():
        return "season"
    if len(rest) == 2 and rest.isdigit():
        return "month"
    return None
