"""The pieces the resolver works on: one local entity of one article each, and the
union-find that groups them, remembering why every two groups were joined."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.entity_lexicon import fold
from storyline.extract.entity_names import PersonName, org_key, person_name


def parse_date(value: str | None) -> dt.date | None:
    """The day of an ISO date or date-time; None for None or anything else.

    >>> parse_date("2024-05-25T10:00:00Z"), parse_date("2024-05") is None
    (datetime.date(2024, 5, 25), True)
    """
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(slots=True)
class Unit:
    """One local entity (the dict of ``LocalEntity.as_dict()``) with its article's date."""

    index: int
    article: str
    date: dt.date | None
    data: Mapping[str, Any]
    #: "country", "place", "norp", "org", "person" or "description"
    family: str = ""
    #: the key its own name gives, and keys of the other names the article gave it
    primary: str = ""
    secondary: set[str] = field(default_factory=set)
    person: PersonName | None = None

    @property
    def local(self) -> int:
        return int(self.data["local"])

    @property
    def name(self) -> str | None:
        name = self.data.get("name")
        return str(name) if name else None

    @property
    def type(self) -> str:
        return str(self.data.get("type") or "MISC")

    def roles(self) -> list[Mapping[str, Any]]:
        return list(self.data.get("roles", []))


_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: a model number or generation after a product name: "4", "3GS", "X", "II", "2.0"
_MODEL = re.compile(r"^(?:\d[\w.]*|[A-Z]{0,3}\d[\w.]*|[A-Z]{1,3}|[IVX]+)$")
_NAME_KINDS = frozenset({"name", "alias"})


def make_unit(index: int, article: str, date: dt.date | None,
              data: Mapping[str, Any]) -> Unit:
    """A unit with its family and name keys."""
    unit = Unit(index, article, date, data)
    name, kind = unit.name, unit.type
    if name is None:
        unit.family = "description"
    elif data.get("code"):
        unit.family, unit.primary = "country", f"country:{data['code']}"
    elif kind == "PERSON":
        unit.family = "person"
        unit.person = person_name(name)
        if unit.person is None:
            unit.family, unit.primary = "org", f"org:{org_key(name)}"
        else:
            unit.primary = f"person:{unit.person.compact}"
            for m in data.get("mentions", []):
                other = person_name(str(m["text"])) if m.get("kind") == "name" else None
                if other is not None and other.full and other.surname == unit.person.surname:
                    unit.secondary.add(f"person:{other.compact}")
    elif kind in _PLACE_TYPES or kind == "NORP":
        family = "norp" if kind == "NORP" else "place"
        unit.family, unit.primary = family, f"{family}:{fold(name)}"
    else:
        unit.family, unit.primary = "org", f"org:{org_key(name)}"
        for m in data.get("mentions", []):
            if m.get("kind") in _NAME_KINDS and not model_of(name, str(m["text"])):
                unit.secondary.add(f"org:{org_key(str(m['text']))}")
    unit.secondary.discard(unit.primary)
    return unit


def model_of(name: str, short: str) -> bool:
    """Whether ``name`` is ``short`` with a model number or name after it ("iPhone 4",
    "iPhone 3GS", "iPod nano" of "iPhone", "iPod"): an article's short form for this
    model, but across articles the name of the product line, which other models share.

    >>> model_of("iPhone 4", "iPhone"), model_of("Apple Computer", "Apple")
    (True, False)
    """
    words, prefix = name.split(), short.split()
    rest = words[len(prefix):]
    return bool(rest) and words[:len(prefix)] == prefix and all(
        _MODEL.match(w) or w.islower() for w in rest)


@dataclass(frozen=True, slots=True)
class Link:
    """Why two units were joined."""

    a: int
    b: int
    rule: str
    detail: str


class Clusters:
    """Union-find over units (path halving, union by size)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.size = [1] * size
        self.links: list[Link] = []
        self.refusals: list[Link] = []

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int, rule: str, detail: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.links.append(Link(a, b, rule, detail))
        return True

    def refuse(self, a: int, rule: str, detail: str) -> None:
        self.refusals.append(Link(a, a, rule, detail))
