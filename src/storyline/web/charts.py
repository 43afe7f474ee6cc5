"""Geometry for the server-side SVG charts: the story timeline and the figure series.

Pure functions from story data to plain numbers and strings; the templates only
draw what these return, so no article text is ever interpreted as markup.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.stories.timeline import first_day

WIDTH = 960.0
PAD_LEFT, PAD_RIGHT = 28.0, 28.0
LANE, MAX_LANES, MIN_GAP = 24.0, 8, 12.0
_MONTH = calendar.month_abbr
#: normalised hedges whose value is a lower bound ("at least 28") or an upper one ("up to 9")
LOWER_BOUNDS = frozenset({"at least", "more than"})
UPPER_BOUNDS = frozenset({"up to", "less than", "nearly"})
APPROXIMATE = frozenset({"about", "around"})


def date_span(value: object) -> tuple[dt.date, dt.date] | None:
    """The days a TimeML date value covers, first and last.

    >>> date_span("2024-W19")
    (datetime.date(2024, 5, 6), datetime.date(2024, 5, 12))
    >>> date_span("2023-11"), date_span("PAST_REF")
    ((datetime.date(2023, 11, 1), datetime.date(2023, 11, 30)), None)
    """
    text = str(value or "")
    start = first_day(text)
    if start is None:
        return None
    first = dt.date.fromisoformat(start)
    rest = text[5:]
    if rest.startswith("W") and rest[1:3].isdigit():
        return first, first + dt.timedelta(days=6)
    months = {"Q": 3, "H": 6, "S": 3, "F": 3, "W": 3}.get(rest[:1]) if rest[:1].isalpha() else None
    if months is None and len(text) == 4:
        months = 12
    elif months is None and len(text) == 7 and rest[:2].isdigit():
        months = 1
    if months is None:
        return first, first
    year, month = divmod(first.month - 1 + months, 12)
    return first, dt.date(first.year + year, month + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Scale:
    """Days to x positions over [PAD_LEFT, WIDTH - PAD_RIGHT]."""

    first: dt.date
    last: dt.date

    def x(self, day: dt.date) -> float:
        days = max(1, (self.last - self.first).days)
        return round(PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) * (day - self.first).days / days, 1)

    def ticks(self) -> list[Tick]:
        days = (self.last - self.first).days
        if days <= 70:
            step = 7 if days > 14 else 1
            found = [self.first + dt.timedelta(days=d) for d in range(0, days + 1, step)]
            return [Tick(self.x(d), f"{_MONTH[d.month]} {d.day}") for d in found]
        if days > 3 * 366:
            years = self.last.year - self.first.year
            step = next((n for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500) if years / n <= 12),
                        1000)
            start = (self.first.year // step + 1) * step
            return [Tick(self.x(dt.date(y, 1, 1)), str(y))
                    for y in range(start, self.last.year + 1, step)]
        months = []
        year, month = self.first.year, self.first.month
        while True:
            month += 1
            if month > 12:
                year, month = year + 1, 1
            day = dt.date(year, month, 1)
            if day > self.last:
                break
            months.append(day)
        every = max(1, math.ceil(len(months) / 12))
        return [Tick(self.x(d), f"{_MONTH[d.month]} {d.year}" if d.month == 1 or i == 0
                     else _MONTH[d.month])
                for i, d in enumerate(months) if (d.month - 1) % every == 0]


def _focus(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The spans a timeline's window should cover: all of them, unless a few old dates
    (background: "since 1997", "in 1815") would squeeze the rest into a sliver; then
    the latest 95%, the old ones being drawn at the left edge."""
    if len(spans) < 20:
        return spans
    starts = sorted(s[0] for s in spans)
    cut = starts[len(starts) // 20]
    whole = (max(s[1] for s in spans) - starts[0]).days
    kept = [s for s in spans if s[0] >= cut]
    rest = (max(s[1] for s in kept) - cut).days
    return kept if whole > 3 * 365 and rest < whole / 4 else spans


def scale_for(spans: Sequence[tuple[dt.date, dt.date]], *, min_days: int = 20) -> Scale | None:
    """A scale covering ``spans`` with a little room either side."""
    if not spans:
        return None
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    pad = max(2, (last - first).days // 20, (min_days - (last - first).days) // 2)
    return Scale(first - dt.timedelta(days=pad), last + dt.timedelta(days=pad))


@dataclass(frozen=True, slots=True)
class Marker:
    number: int
    x: float
    x2: float  # end of a range (week, month); equal to x for a day
    y: float
    shape: str  # "day" | "range" | "before" | "after" | "about"
    status: str
    href: str
    title: str
    label_x: float  # where the marker's number is written
    labelled: bool  # False where the lanes are full and the number would overlap another


@dataclass(frozen=True, slots=True)
class TimelineChart:
    height: float
    axis_y: float
    ticks: list[Tick]
    markers: list[Marker]
    starts: str  # the first day the window shows; older entries sit at its left edge
    clipped: bool  # whether some entries are older than that
    width: float = WIDTH


def timeline_chart(entries: Sequence[Mapping[str, Any]],
                   href: Callable[[Mapping[str, Any]], str], *,
                   first: int = 1) -> TimelineChart | None:
    """Each timeline entry as a marker at its date; overlapping markers get their own lane.

    Markers are numbered like the entries (from ``first``), so the list below the
    chart reads as its legend.
    """
    placed: list[tuple[int, Mapping[str, Any], tuple[dt.date, dt.date]]] = []
    for number, entry in enumerate(entries, start=first):
        span = date_span(entry.get("date"))
        if span is not None:
            placed.append((number, entry, span))
    scale = scale_for(_focus([s for _, _, s in placed]))
    if scale is None:
        return None
    lane_end = [-math.inf] * MAX_LANES
    markers = []
    for number, entry, (begins, ends) in sorted(placed, key=lambda p: (p[2][0], p[0])):
        relation = entry.get("relation")
        early = begins < scale.first  # before the chart's window: drawn at its left edge
        x, x2 = scale.x(max(begins, scale.first)), scale.x(max(ends, scale.first))
        shape = "before" if early else relation if relation in ("before", "after", "about") \
            else "range" if x2 - x >= 6 else "day"
        label_x = round((x2 if shape == "range" else x) + 9.0, 1)
        free = [i for i, end in enumerate(lane_end) if end + MIN_GAP <= x]
        lane = free[0] if free else min(range(MAX_LANES), key=lane_end.__getitem__)
        lane_end[lane] = max(lane_end[lane], label_x + 7.0 * len(str(number)))
        title = f"{entry.get('label')}: {entry.get('type')} ({entry.get('status')}), " \
                f"{_clip(entry.get('text'), 140)}"
        markers.append(Marker(number, x, x2, 18.0 + lane * LANE, shape,
                              str(entry.get("status") or ""), href(entry), title, label_x,
                              bool(free)))
    lanes = 1 + max((int((m.y - 18.0) // LANE) for m in markers), default=0)
    axis_y = 18.0 + lanes * LANE
    clipped = any(s[0] < scale.first for _, _, s in placed)
    return TimelineChart(axis_y + 28.0, axis_y, scale.ticks(), markers,
                         scale.first.isoformat(), clipped)


@dataclass(frozen=True, slots=True)
class FigurePoint:
    number: int
    x: float
    y: float
    hedge: str  # "lower" | "upper" | "about" | "range" | "exact"
    y_low: float
    y_high: float
    text: str
    href: str
    title: str
    conflict: bool


@dataclass(frozen=True, slots=True)
class FigureChart:
    key: str
    height: float
    plot_top: float
    plot_bottom: float
    x_ticks: list[Tick]
    y_ticks: list[tuple[float, str]]
    points: list[FigurePoint]
    labelled: bool
    total: int  # points in the series; more than drawn when the series is long
    width: float = WIDTH


#: points drawn per chart at most, evenly spread over the series
MAX_POINTS = 60
#: largest / smallest value from which a series is drawn on a logarithmic scale
LOG_RATIO = 1000.0


def _spread(points: list[Mapping[str, Any]], limit: int) -> list[Mapping[str, Any]]:
    """At most ``limit`` points, evenly spread, the first and last always among them."""
    if len(points) <= limit:
        return points
    step = (len(points) - 1) / (limit - 1)
    return [points[round(i * step)] for i in range(limit)]


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top``.

    >>> nice_ticks(250)
    [0.0, 100.0, 200.0, 300.0]
    """
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return [float(round(i * step, 6)) for i in range(math.ceil(top / step - 1e-9) + 1)]


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def figure_chart(series: Mapping[str, Any],
                 href: Callable[[Mapping[str, Any]], str]) -> FigureChart | None:
    """One figure series: value over time, hedges drawn as bounds, conflicts ringed."""
    usable = [p for p in series.get("points", [])
              if _number(p.get("value")) is not None and date_span(p.get("date"))]
    if not usable:
        return None
    points = _spread(usable, MAX_POINTS)
    spans = [date_span(p["date"]) for p in points]
    scale = scale_for(_focus([s for s in spans if s is not None]), min_days=60)
    if scale is None:
        return None
    values = [v for p in points for v in (_number(p.get(k)) for k in ("value", "low", "high"))
              if v is not None]
    top, bottom, height = 16.0, 176.0, 206.0
    positive = [v for v in values if v > 0]
    if positive and max(positive) / min(positive) >= LOG_RATIO:
        # figures over several orders of magnitude (7 dead, 1 million displaced): log scale
        low_exp = math.floor(math.log10(min(positive)))
        high_exp = math.ceil(math.log10(max(positive)) + 1e-9)
        ticks = [10.0 ** e for e in range(low_exp, high_exp + 1)]

        def y(value: float) -> float:
            exp = math.log10(value) if value > 0 else low_exp
            return round(bottom - (bottom - top) * (exp - low_exp) / (high_exp - low_exp), 1)
    else:
        ticks = nice_ticks(max(values) * 1.08)

        def y(value: float) -> float:
            return round(bottom - (bottom - top) * value / ticks[-1], 1)

    seen: dict[float, int] = {}
    drawn = []
    for number, (point, span) in enumerate(zip(points, spans, strict=True), start=1):
        assert span is not None
        x = scale.x(max(span[0], scale.first))
        nudge = seen.get(x, 0)
        seen[x] = nudge + 1
        nudge %= 4  # points of one day sit side by side, a few pixels apart
        value = _number(point["value"]) or 0.0
        low, high = _number(point.get("low")), _number(point.get("high"))
        qualifier = str(point.get("qualifier") or "")
        hedge = "range" if low is not None and high is not None and low != high else \
            "lower" if qualifier in LOWER_BOUNDS else "upper" if qualifier in UPPER_BOUNDS else \
            "about" if qualifier in APPROXIMATE else "exact"
        y_low, y_high = (y(low), y(high)) if hedge == "range" and low is not None \
            and high is not None else (y(value), y(value))
        claim = f", per {point['claimant']}" if point.get("claimant") else ""
        title = f"{point.get('label')}: {point.get('text')}{claim}"
        drawn.append(FigurePoint(number, round(x + 6.0 * nudge, 1), y(value), hedge, y_low,
                                 y_high, str(point.get("text") or ""), href(point), title,
                                 bool(point.get("conflicts_with"))))
    y_ticks = [(y(t), _tick_label(t)) for t in ticks]
    return FigureChart(str(series.get("key") or ""), height, top, bottom, scale.ticks(), y_ticks,
                       drawn, labelled=len(drawn) <= 12, total=len(usable))


def _tick_label(value: float) -> str:
    """
    >>> _tick_label(2500.0), _tick_label(1e6), _tick_label(0.5)
    ('2,500', '1M', '0.5')
    """
    for size, suffix in ((1e9, "B"), (1e6, "M")):
        if value >= size and value % (size / 10) == 0:
            return f"{value / size:g}{suffix}"
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:g}"


def _clip(text: object, limit: int) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class RoleBar:
    label: str
    x: float
    x2: float
    y: float
    title: str


@dataclass(frozen=True, slots=True)
class RoleChart:
    height: float
    axis_y: float
    ticks: list[Tick]
    bars: list[RoleBar]
    width: float = WIDTH


def role_chart(roles: Sequence[Mapping[str, Any]],
               name: Callable[[str], str] = str) -> RoleChart | None:
    """Each role as a bar from the first to the last date an article gave it."""
    dated = []
    for role in roles:
        days = sorted(d for d in (date_span(v) for v in role.get("dates") or []) if d)
        if days:
            of = name(str(role["of"])) if role.get("of") else ""
            label = f"{role.get('title') or 'role'} of {of}" if of else \
                str(role.get("title") or "role")
            dated.append((("former " if role.get("former") else "") + label, days[0][0],
                          days[-1][1], len(role.get("articles") or [])))
    scale = scale_for([(first, last) for _, first, last, _ in dated], min_days=30)
    if scale is None:
        return None
    bars = []
    for row, (label, first, last, articles) in enumerate(sorted(dated, key=lambda r: r[1])):
        span = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        bars.append(RoleBar(_clip(label, 60), scale.x(first), max(scale.x(last),
                            scale.x(first) + 4), 8.0 + row * 30.0,
                            f"{label}: {span} ({articles} article{'s' if articles != 1 else ''})"))
    axis_y = 8.0 + len(bars) * 30.0
    return RoleChart(axis_y + 26.0, axis_y, scale.ticks(), bars)
