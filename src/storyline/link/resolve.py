"""Cross-article entity resolution: local entities of many articles → the contract's
``entities``.

Rules, in order, each merge recorded as evidence:

1. equal keys: a country's gazetteer code, a place's or an organisation's normalised
   name, a person's compact name (spelling variants and particles: "Mohammed bin
   Abdulrahman Al Thani" = "Mohammed Bin Abdul Rahman al-Thani"); a product's or
   organisation's name in the plural and in the singular ("iPods", "iPod"); and names
   an article equated, where no other entity claims them
   (:func:`~storyline.link.names.link_keys`);
2. person-name variants: hypocorisms, initials, missing middle names, joined to the
   one more specific name that fits (:func:`~storyline.link.names.link_person_variants`);
3. a surname alone to the one person of that surname named in full within the time
   window (:func:`~storyline.link.names.link_surnames`);
4. descriptions ("the CIA chief") to the one holder of the office stated within the
   time window of the article's date (:func:`~storyline.link.roles.link_descriptions`).

After rule 1, a longer name that is a shorter one and the word for a kind of thing
("iTunes Music Store") joins the shorter name's entity where an article described it
as that kind ("the iTunes store"; :func:`~storyline.link.names.link_kind_names`).

Two people who share only a surname are never merged.  Candidates come from hash
blocks (keys, surnames, offices), so the cost grows about linearly with the corpus.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.extract.entity_lexicon import fold, lexicon
from storyline.extract.entity_names import is_nickname
from storyline.link.names import (
    link_keys,
    link_kind_names,
    link_person_variants,
    link_surnames,
)
from storyline.link.roles import link_descriptions
from storyline.link.units import Clusters, Link, Unit, make_unit, parse_date

#: days either side of a dated statement that a role, or a surname's owner, holds
WINDOW_DAYS = 365
_ALIAS_KINDS = frozenset({"name", "surname", "given", "alias"})


def resolve(articles: Iterable[Mapping[str, Any]], *,
            window_days: int = WINDOW_DAYS) -> list[dict[str, Any]]:
    """The contract's ``entities`` for articles given as ``{"id", "published",
    "entities": [LocalEntity.as_dict(), ...]}``.

    Each entity also lists ``locals``: the ``[article, local]`` pairs it was made of
    (see :func:`global_ids`).

    >>> a = {"id": "a", "published": "2024-05-25", "entities": [{"local": 0,
    ...      "name": "Bill Burns", "type": "PERSON", "code": None, "affiliation": "USA",
    ...      "mentions": [{"start": 0, "end": 10, "text": "Bill Burns", "kind": "name"}],
    ...      "roles": [{"title": "director", "of": "CIA", "unique": True}], "evidence": []}]}
    >>> b = {"id": "b", "published": "2024-01-28", "entities": [{"local": 0,
    ...      "name": None, "type": "PERSON", "code": None, "affiliation": "USA",
    ...      "mentions": [{"start": 4, "end": 13, "text": "CIA chief", "kind": "description"}],
    ...      "roles": [{"title": "director", "of": "CIA", "unique": True}], "evidence": []}]}
    >>> [(e["name"], e["locals"]) for e in resolve([a, b])]
    [('Bill Burns', [['a', 0], ['b', 0]])]
    """
    units: list[Unit] = []
    order: dict[str, int] = {}
    for article in articles:
        aid = str(article["id"])
        order.setdefault(aid, len(order))
        date = parse_date(article.get("published"))
        for entity in article.get("entities", []):
            units.append(make_unit(len(units), aid, date, entity))
    clusters = Clusters(len(units))
    link_keys(units, clusters)
    link_kind_names(units, clusters)
    link_person_variants(units, clusters)
    link_surnames(units, clusters, window_days)
    link_descriptions(units, clusters, window_days)
    members: dict[int, list[Unit]] = defaultdict(list)
    for unit in units:
        members[clusters.find(unit.index)].append(unit)
    notes: dict[int, list[Link]] = defaultdict(list)
    for link in clusters.links + clusters.refusals:
        notes[clusters.find(link.a)].append(link)
    found = [_entity(group, notes[root], units, order) for root, group in members.items()]
    found.sort(key=lambda e: (order[e["mentions"][0]["article"]], e["mentions"][0]["start"])
               if e["mentions"] else (len(order), 0))
    seen: set[str] = set()
    for entity in found:
        if entity["id"] in seen:
            first = entity["mentions"][0] if entity["mentions"] else {}
            entity["id"] = _id(entity["id"], str(first.get("article")), str(first.get("start")))
        seen.add(entity["id"])
    return found


def global_ids(entities: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], str]:
    """(article id, local index) → global entity id, from :func:`resolve`'s output."""
    return {(str(a), int(k)): str(e["id"]) for e in entities for a, k in e.get("locals", [])}


def _id(*parts: str) -> str:
    return "ent-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _pick_name(group: Sequence[Unit]) -> str:
    named = [u for u in group if u.name]
    if not named:
        role = next((r for u in group for r in u.roles() if r.get("of")), None)
        if role is None:
            return "unnamed"
        of = str(role["of"])
        return f"{role['title']} of {lexicon().country_names.get(of, of)}"
    counts = Counter(u.name for u in named if u.name)
    if any(u.family == "person" for u in named):
        def rank(name: str) -> tuple[int, int, int, int]:
            words = name.split()
            return (len(words) > 1, not is_nickname(fold(words[0]), lexicon()),
                    counts[name], len(name))
        return max(counts, key=rank)
    return max(counts, key=lambda n: (counts[n], len(n)))


def _majority(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _roles(group: Sequence[Unit]) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str | None], dict[str, Any]] = {}
    for unit in group:
        for role in unit.roles():
            key = (str(role["title"]), role.get("of"))
            entry = merged.setdefault(key, {"title": key[0], "of": key[1], "written": set(),
                                            "dates": set(), "articles": set(), "former": True,
                                            "unique": bool(role.get("unique"))})
            if role.get("written"):
                entry["written"].add(str(role["written"]))
            if unit.date is not None:
                entry["dates"].add(unit.date.isoformat())
            entry["articles"].add(unit.article)
            entry["former"] = entry["former"] and bool(role.get("former"))
    # a title stated without its "of" is the same office as the one stated with it,
    # where the entity holds exactly one such ("President Assad", "Syria's president")
    for (title, of), entry in list(merged.items()):
        if of is not None:
            continue
        full = [e for (t, o), e in merged.items() if t == title and o is not None]
        if len(full) == 1:
            for field in ("written", "dates", "articles"):
                full[0][field] |= entry[field]
            full[0]["former"] = full[0]["former"] and entry["former"]
            del merged[(title, of)]
    return [{**r, "written": sorted(r["written"]), "dates": sorted(r["dates"]),
             "articles": sorted(r["articles"])} for r in merged.values()]


def _entity(group: list[Unit], links: list[Link], units: Sequence[Unit],
            order: Mapping[str, int]) -> dict[str, Any]:
    group.sort(key=lambda u: (order[u.article], u.local))
    name = _pick_name(group)
    typed = [u for u in group if u.family != "description"] or group
    mentions = [{"article": u.article, "start": int(m["start"]), "end": int(m["end"]),
                 "text": str(m["text"]), "kind": m.get("kind")}
                for u in group for m in u.data.get("mentions", [])]
    aliases = Counter(m["text"] for m in mentions
                      if m["kind"] in _ALIAS_KINDS and m["text"] != name)
    evidence: list[dict[str, Any]] = []
    for u in group:
        spans = u.data.get("mentions", [])
        for e in u.data.get("evidence", []):
            used = [spans[i] for i in e.get("mentions", []) if 0 <= i < len(spans)]
            evidence.append({"rule": e["rule"], "detail": e.get("detail", ""),
                             "articles": [u.article],
                             "mentions": [{"article": u.article, "start": m["start"],
                                           "end": m["end"], "text": m["text"]} for m in used]})
    for link in links:
        a, b = units[link.a], units[link.b]
        evidence.append({"rule": link.rule, "detail": link.detail,
                         "articles": sorted({a.article, b.article}, key=order.__getitem__),
                         "locals": [[a.article, a.local], [b.article, b.local]]})
    family = typed[0].family
    code = _majority(u.data.get("code") for u in group)
    # from the chosen name, not from whichever article came first: stable as articles come
    key = code if family == "country" and code else fold(name)
    return {
        "id": _id(family, key),
        "name": name,
        "type": _majority(u.type for u in typed) or "MISC",
        "code": code,
        "affiliation": _majority(u.data.get("affiliation") for u in group),
        "aliases": sorted(aliases, key=lambda t: (-aliases[t], t)),
        "roles": _roles(group),
        "mentions": mentions,
        "evidence": evidence,
        "locals": [[u.article, u.local] for u in group],
        "description": all(u.family == "description" for u in group),
    }
