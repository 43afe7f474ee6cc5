"""Context passes over the tagged expressions of one text: what a value takes from its
neighbours rather than from its own words.

The normalizer (:mod:`storyline.extract.timex_normalize`) reads each expression alone,
against the article's date.  TimeML anchors some expressions elsewhere (TimeML 1.2.1
guidelines, §2.2; Pustejovsky et al., 2005): "that year", "the next day" and "the
previous Friday" on the last date the text gave; "a year ago" after a quarterly result
on that quarter; a clock time on the day written beside it.  The passes here make
those corrections in document order, in place, on the tagger's list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from storyline.extract.timex_normalize import precision, resolve_anaphor
from storyline.extract.timex_rules import WEEKDAYS

__all__ = ["Timex", "compare_quarters", "link_clock_times", "resolve_anaphors"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One tagged and normalized expression, with the pattern's kind and groups."""

    start: int
    end: int
    kind: str
    type: str
    value: str
    mod: str | None
    groups: tuple[tuple[str, str], ...]

    def valued(self, value: str) -> Timex:
        """The same expression with another value."""
        return Timex(self.start, self.end, self.kind, self.type, value, self.mod, self.groups)


#: what may stand between a clock time and the date it takes: "at 10:35 a.m. (0735 GMT)
#: Friday", "at 4 in the morning (4 a.m. EDT Thursday)"
_LINK_GAP: Final = re.compile(r"^\s*,?\s*(?:\([^()]{0,30}\)\s*|\()?,?\s*(?:on|of)?\s*$")


def link_clock_times(found: list[Timex], text: str) -> None:
    """A clock time takes the day of the date written next to it ("at 10:35 a.m. (0735
    GMT) Friday"), instead of the article's date.

    >>> found = [Timex(0, 10, "clock", "TIME", "2024-05-25T10:35", None, ()),
    ...          Timex(22, 28, "weekday", "DATE", "2024-05-24", None, ())]
    >>> link_clock_times(found, "10:35 a.m. (0735 GMT) Friday")
    >>> found[0].value
    '2024-05-24T10:35'
    """
    for i, timex in enumerate(found):
        if timex.kind != "clock":
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(found):
                continue
            other = found[j]
            gap = text[min(other.end, timex.end) : max(other.start, timex.start)]
            if precision(other.value) == "day" and _LINK_GAP.match(gap):
                found[i] = timex.valued(other.value[:10] + timex.value[10:])
                break


def resolve_anaphors(found: list[Timex]) -> None:
    """Give "that year", "the next day" the value they take from the last date before them."""
    antecedent: str | None = None
    for i, timex in enumerate(found):
        if timex.value == "ANAPHOR":
            value = resolve_anaphor(dict(timex.groups), antecedent)
            found[i] = timex.valued(value)
            if value[:4].isdigit():
                antecedent = value
        elif timex.type in ("DATE", "TIME") and precision(timex.value) is not None:
            if timex.kind == "weekday" and antecedent and precision(antecedent) == "day":
                value = _weekday_from(dict(timex.groups), antecedent) or timex.value
                if value != timex.value:
                    found[i] = timex.valued(value)
            antecedent = found[i].value


def _weekday_from(groups: dict[str, str], antecedent: str) -> str | None:
    """ "the previous Friday", "the following Monday": counted from the last date written
    (TimeML anchors them there), not from the article's date; ``None`` for other weekdays."""
    rel = (groups.get("rel") or "").lower()
    if rel not in ("previous", "following") or groups.get("plural"):
        return None
    try:
        day = dt.date.fromisoformat(antecedent[:10])
    except ValueError:
        return None
    weekday = WEEKDAYS[(groups.get("wd") or "mon").lower()[:3]]
    if rel == "previous":
        found = day - dt.timedelta(days=(day.weekday() - weekday) % 7 or 7)
    else:
        found = day + dt.timedelta(days=(weekday - day.weekday()) % 7 or 7)
    return found.isoformat()


_QUARTER_VALUE: Final = re.compile(r"^(\d{4})-(Q[1-4]|H[12])$")
#: how far back (characters) a reported quarter frames "a year ago"
_QUARTER_REACH: Final = 1500


def compare_quarters(found: list[Timex], anchor: dt.date | None) -> None:
    """ "Profit rose from a year ago" after "third-quarter": the same quarter a year before.

    Financial copy compares like with like, so a one-year offset ("a year ago", "a
    year earlier", "year-earlier", "the year-ago quarter") takes the granularity of
    the quarter last reported, and "the 1988 period" is that quarter in 1988, as
    TimeBank annotates them.  The quarter reported is the latest one mentioned that had
    ended by the anchor date: an outlook ("the fourth quarter") or a look back ("after
    a flat second quarter") does not replace it.  Changes ``found`` in place.
    """
    quarter: tuple[int, str, int] | None = None  # year, Qn, end offset of the reported one
    for i, timex in enumerate(found):
        match = _QUARTER_VALUE.match(timex.value)
        groups = {k: v.lower() for k, v in timex.groups}
        near = quarter is not None and timex.start - quarter[2] < _QUARTER_REACH
        value = None
        if match and timex.kind == "quarter":
            ago = bool(groups.get("ago"))
            if groups.get("qh") == "period" and groups.get("year"):
                value = f"{match.group(1)}-{quarter[1]}" if quarter and near else None
            elif ago and not (groups.get("ord") or groups.get("year")):
                value = f"{quarter[0] - 1}-{quarter[1]}" if quarter and near else None
            else:
                # a year-ago quarter is compared with: the reported one is a year on
                year, label = int(match.group(1)) + ago, match.group(2)
                ended = _ended(year, label, anchor, 0)
                if (quarter is None and _ended(year, label, anchor, 1)) or (ended and (
                    quarter is None or not near or (year, label) >= quarter[:2]
                )):
                    quarter = (year, label, timex.end)
                elif quarter is not None and near:
                    quarter = (quarter[0], quarter[1], timex.end)
        elif timex.kind == "yearago" or (
            timex.kind == "ago" and groups.get("unit", "").startswith("year")
            and groups.get("num") in ("a", "one") and groups.get("dir") in ("ago", "earlier")
        ):
            value = f"{quarter[0] - 1}-{quarter[1]}" if quarter and near else None
        if value is not None:
            found[i] = timex.valued(value)


def _ended(year: int, label: str, anchor: dt.date | None, grace: int) -> bool:
    """Whether quarter or half ``label`` ("Q3", "H1") of ``year`` was over by ``anchor``,
    or (``grace`` 1) is the one the anchor falls in: a fiscal quarter named by its number
    ("the fourth quarter ended Sept. 30") can run ahead of the calendar's."""
    if anchor is None:
        return True
    months = 3 * int(label[1]) if label[0] == "Q" else 6 * int(label[1])
    return (year, months) < (anchor.year, anchor.month + 3 * grace)
