"""Resolving description entities ("the CIA chief") to the people the corpus names in
that office, as of each article's date.

A unique office (``unique`` in ``names.toml``) stated for a named person in an
article dated D ("CIA director Bill Burns", 2024-05-25) is taken to hold for
``window`` days either side of D.  A description in an article dated D' is the
holder whose window covers D' — when exactly one does; with two holders in the window
(a change of office) it is left unresolved, with the refusal as evidence.  Undated
articles match every window.  Descriptions no holder explains are one entity per
office within the window ("Qatar's emir" in two reports a week apart).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.extract.entity_lexicon import fold
from storyline.link.units import Clusters, Unit

RoleKey = tuple[str, str]


def role_key(role: Mapping[str, Any]) -> RoleKey | None:
    """(office, what it is of) for a unique office held now; None otherwise."""
    if not role.get("unique") or role.get("former") or not role.get("of"):
        return None
    return str(role["title"]), fold(str(role["of"]))


def _covers(dates: list[dt.date], day: dt.date | None, window: int) -> bool:
    if day is None or not dates:
        return True
    k = bisect.bisect_left(dates, day - dt.timedelta(days=window))
    return k < len(dates) and dates[k] <= day + dt.timedelta(days=window)


def _spans(dates: list[dt.date], window: int) -> list[tuple[dt.date, dt.date]]:
    """The periods a holder's dated statements cover: each date ± ``window`` days, joined
    where they overlap (few per holder, however often the corpus names them)."""
    spans: list[tuple[dt.date, dt.date]] = []
    reach = dt.timedelta(days=window)
    for day in sorted(set(dates)):
        if spans and day - reach <= spans[-1][1]:
            spans[-1] = (spans[-1][0], day + reach)
        else:
            spans.append((day - reach, day + reach))
    return spans


class _Offices:
    """Who holds which unique office over which periods, from the named units' roles."""

    def __init__(self, units: Sequence[Unit], clusters: Clusters, window: int) -> None:
        dates: dict[RoleKey, dict[int, list[dt.date]]] = defaultdict(lambda: defaultdict(list))
        undated: dict[RoleKey, set[int]] = defaultdict(set)
        for unit in units:
            if unit.family == "description":
                continue
            for role in unit.roles():
                key = role_key(role)
                if key is None:
                    continue
                root = clusters.find(unit.index)
                if unit.date is None:
                    undated[key].add(root)
                else:
                    dates[key][root].append(unit.date)
        #: office -> [(from, to, holder root, supporting dates)]
        self.periods: dict[RoleKey, list[tuple[dt.date, dt.date, int, list[dt.date]]]] = {}
        for key, by_root in dates.items():
            self.periods[key] = [(lo, hi, root, sorted(set(ds))) for root, ds in by_root.items()
                                 for lo, hi in _spans(ds, window)]
        self.undated = undated

    def holders(self, key: RoleKey, day: dt.date | None) -> dict[int, list[dt.date]]:
        """Holders whose statements cover ``day`` (all of them for an undated article)."""
        found: dict[int, list[dt.date]] = {root: [] for root in self.undated.get(key, ())}
        for lo, hi, root, supporting in self.periods.get(key, []):
            if day is None or lo <= day <= hi:
                found[root] = supporting
        return found


def link_descriptions(units: Sequence[Unit], clusters: Clusters, window: int) -> None:
    offices = _Offices(units, clusters, window)
    unresolved: dict[RoleKey, Unit] = {}
    for unit in sorted((u for u in units if u.family == "description"),
                       key=lambda u: (u.date or dt.date.min, u.index)):
        keys = [k for k in map(role_key, unit.roles()) if k is not None]
        for key in keys[:1]:
            found = offices.holders(key, unit.date)
            fits = list(found)
            title, of = key
            if len(fits) == 1:
                support = ", ".join(d.isoformat() for d in found[fits[0]][:3]) or "undated"
                clusters.union(unit.index, fits[0], "role-as-of-date",
                               f"{title} of {of} as of {unit.date or 'an undated article'}: "
                               f"the one holder stated within {window} days ({support})")
            elif fits:
                clusters.refuse(unit.index, "not-merged:ambiguous-role",
                                f"{len(fits)} people stated as {title} of {of} within "
                                f"{window} days of {unit.date}")
            else:
                # sorted by date: the last unresolved one is the nearest before this one
                last = unresolved.get(key)
                if last is not None and _covers([last.date] if last.date else [], unit.date,
                                                 window):
                    clusters.union(last.index, unit.index, "same-role-description",
                                   f"{title} of {of}, unnamed, within {window} days")
                unresolved[key] = unit
