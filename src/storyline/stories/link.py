"""Per-article records joined to the entities resolved across articles.

Event actors and quote speakers are spans in one article; here each is tied to
the local entity covering it and, through cross-article resolution, to the
contract's entity id, so "Burns" in May and "the CIA chief" in January both
point at one William Burns.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.entity_nominals import NOMINAL
from storyline.ingest.textmeta import is_outlet
from storyline.link import global_ids, resolve
from storyline.records import Article
from storyline.store import Store

#: mention kinds that name an entity rather than describe it
_NAMING = frozenset({"name", "surname", "title", "alias", "demonym"})


@dataclass(slots=True)
class Linked:
    """Resolved entities plus the per-article records that point at them."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    #: article id -> event mentions with ``entity`` filled on actors and targets
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: article id -> quotes with ``speaker.entity`` (and ``entity_name``) filled, or for
    #: anonymous sources ``speaker.affiliation_entity`` (and ``affiliation_entity_name``)
    quotes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: article id -> the entities it mentions (id, name, type)
    actors_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class _Spans:
    """An article's entity mentions sorted by start, for overlap look-ups by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)

    def covering(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps [start, end) most, preferring the tightest."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        best: tuple[int, int, str] | None = None
        for s, e, entity in self.spans[lo:hi]:
            overlap = min(e, end) - max(s, start)
            if overlap > 0:
                key = (overlap, -(e - s), entity)
                if best is None or key[:2] > best[:2]:
                    best = key
        return None if best is None else best[2]


def link_records(store: Store, articles: Sequence[Article]) -> Linked:
    """Resolve the entities of ``articles`` and attach them to their events and quotes."""
    local = {a.id: list(store.records("local_entities", a.id)) for a in articles}
    return attach(store, articles, resolve_local(articles, local), local)


def resolve_local(articles: Sequence[Article],
                  local: Mapping[str, Sequence[dict[str, Any]]]) -> list[dict[str, Any]]:
    """:func:`storyline.link.resolve` over the articles' stored local entities.

    Nominal chains ("the meeting" ... "the meeting"; type ``NOMINAL``) serve
    coreference inside an article; they are not actors, so they are left out.
    """
    found = resolve([{"id": a.id, "published": a.published.value or a.published.earliest,
                      "entities": list(local[a.id])} for a in articles])
    return [e for e in found if e.get("type") != NOMINAL]


def attach(store: Store, articles: Sequence[Article], entities: list[dict[str, Any]],
           local: Mapping[str, Sequence[dict[str, Any]]] | None = None) -> Linked:
    """Tie the records of ``articles`` to ``entities`` resolved over them (or over more).

    Cost grows with ``articles`` only, so one article of a big story is linked
    quickly once its story's entities are known.
    """
    if local is None:
        local = {a.id: list(store.records("local_entities", a.id)) for a in articles}
    global_of = global_ids(entities)
    by_id = {e["id"]: e for e in entities}
    spans: dict[str, list[tuple[int, int, str]]] = {a.id: [] for a in articles}
    mentioned: dict[str, dict[str, dict[str, Any]]] = {a.id: {} for a in articles}
    for a in articles:
        for entity in local[a.id]:
            gid = global_of.get((a.id, int(entity["local"])))
            if gid is None:
                continue
            for m in entity["mentions"]:
                spans[a.id].append((int(m["start"]), int(m["end"]), gid))
            g = by_id[gid]
            seen = mentioned[a.id].setdefault(
                gid, {"id": gid, "name": g["name"], "type": g["type"], "named": False,
                      "outlet": is_outlet(str(g["name"])), "mentions": 0})
            seen["mentions"] += len(entity["mentions"])
            # named here, not only described ("the CIA chief"): what a reader would call new
            seen["named"] = seen["named"] or any(
                m.get("kind") in _NAMING for m in entity["mentions"])
    linked = Linked(entities=entities)
    for a in articles:
        linked.actors_by_article[a.id] = list(mentioned[a.id].values())
        index = _Spans(spans[a.id])
        linked.events[a.id] = [_link_event(e, index) for e in store.records("events", a.id)]
        linked.quotes[a.id] = [_link_quote(q, index, by_id) for q in
                               store.records("quotes", a.id)]
    return linked


def _link_event(event: dict[str, Any], spans: _Spans) -> dict[str, Any]:
    for role in ("actors", "targets"):
        for actor in event.get(role) or ():
            if actor.get("start") is not None:
                actor["entity"] = spans.covering(int(actor["start"]), int(actor["end"]))
    return event


def _link_quote(quote: dict[str, Any], spans: _Spans,
                by_id: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    speaker = quote.get("speaker") or {}
    start, end = speaker.get("start"), speaker.get("end")
    if speaker.get("antecedent_start") is not None:  # "they" -> "US officials"
        start, end = speaker["antecedent_start"], speaker.get("antecedent_end")
    if start is not None and end is not None:
        gid = spans.covering(int(start), int(end))
        if gid is not None and speaker.get("anonymous"):
            # "a senior US official" is not the United States, "an aide to X" is not X:
            # the entity named inside an anonymous source's description is whom it is tied to
            speaker["affiliation_entity"] = gid
            speaker["affiliation_entity_name"] = by_id[gid]["name"]
        elif gid is not None:
            speaker["entity"] = gid
            speaker["entity_name"] = by_id[gid]["name"]
            if not speaker.get("affiliation") and by_id[gid].get("affiliation"):
                speaker["entity_affiliation"] = by_id[gid]["affiliation"]
    return quote


def speaks_for(quote: Mapping[str, Any], entity_id: str) -> bool:
    """Whether the quote's speaker is the entity, or an anonymous source tied to it."""
    speaker = quote.get("speaker") or {}
    return entity_id in (speaker.get("entity"), speaker.get("affiliation_entity"))
