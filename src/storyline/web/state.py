"""The app's view of one database: a store per request, and caches of the costly views.

A :class:`~storyline.store.Store` holds one sqlite3 connection, so every request
opens its own.  Story views and entity resolutions are normally built and kept by
``storyline ingest`` (:mod:`storyline.stories.views`), so reading them costs a JSON
decode; one that is missing or stale (an ingest with ``--no-views``) is built here,
in memory, in time proportional to the story's size (seconds for hundreds of
articles).  Either way each is computed once, outside any lock (so other pages keep
being served meanwhile, and two requests for one story wait for one computation),
and kept until the database changes: a new ingest changes the database file or the
number of articles.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from storyline.errors import InputError
from storyline.store import Store
from storyline.stories.link import Linked
from storyline.stories.views import (
    build_views,
    event_ids,
    kept,
    kept_text,
    link_articles,
    link_keys,
    page_view,
    story_listing,
)

#: stories kept in memory (the most recently used), with their resolutions and JSON
STORY_CACHE = 32
_PER_STORY = frozenset({"built", "view", "page", "json", "entities", "links", "event_ids"})
T = TypeVar("T")


class WebState:
    """Shared by all requests of one app; safe to use from the server's worker threads."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        if not self.db.is_file():
            raise InputError(f"{self.db}: no such database; run `storyline ingest` first")
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._generation = 0
        self._values: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._pending: dict[tuple[str, str], threading.Event] = {}

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A connection for one request."""
        with Store(self.db) as store:
            yield store

    def _fresh(self, store: Store) -> int:
        """Drop every cached view if the database changed; the current generation."""
        try:
            found = self.db.stat()
            stamp = (found.st_mtime_ns, found.st_size, store.count_articles())
        except OSError:
            stamp = (0, 0, store.count_articles())
        with self._lock:
            if stamp != self._stamp:
                self._stamp = stamp
                self._generation += 1
                self._values.clear()
            return self._generation

    def _memo(self, store: Store, kind: str, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per database version, however many requests ask at once."""
        generation = self._fresh(store)
        slot = (kind, key)
        while True:
            with self._lock:
                if slot in self._values:
                    self._values.move_to_end(slot)
                    found: T = self._values[slot]
                    return found
                waiting = self._pending.get(slot)
                if waiting is None:
                    done = self._pending[slot] = threading.Event()
                    break
            waiting.wait()  # another request is computing it; then look again
        try:
            value = compute()
            with self._lock:
                if generation == self._generation:
                    self._values[slot] = value
                    self._evict()
            return value
        finally:
            with self._lock:
                self._pending.pop(slot, None)
            done.set()

    def _evict(self) -> None:
        per_story = [k for k in self._values if k[0] in _PER_STORY]
        for slot in per_story[: max(0, len(per_story) - STORY_CACHE * len(_PER_STORY))]:
            del self._values[slot]

    def _built(self, store: Store, story_id: str
               ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """A story built now (its kept views are missing or stale), once."""
        return self._memo(store, "built", story_id, lambda: build_views(store, story_id))

    def _part(self, store: Store, story_id: str, part: str,
              derive: Callable[[tuple[dict[str, Any], list[dict[str, Any]]]], T]) -> T | None:
        """A kept part of a story's views, else ``derive``d from the story built now."""
        def compute() -> T | None:
            found: T | None = kept(store, story_id, part)
            if found is not None:
                return found
            built = self._built(store, story_id)
            return None if built is None else derive(built)

        return self._memo(store, part, story_id, compute)

    def story(self, store: Store, story_id: str) -> dict[str, Any] | None:
        """The story's full view (kept by ingest, else built now), or None."""
        return self._part(store, story_id, "view", lambda b: b[0])

    def page(self, store: Store, story_id: str) -> dict[str, Any] | None:
        """What the story page shows (:func:`~storyline.stories.views.page_view`)."""
        return self._part(store, story_id, "page", lambda b: page_view(*b))

    def story_json(self, store: Store, story_id: str) -> bytes | None:
        """The full view as JSON: the kept text as it is, else encoded once."""
        def compute() -> bytes | None:
            text = kept_text(store, story_id, "view")
            if text is not None:
                return text.encode()
            found = self.story(store, story_id)
            return None if found is None else json.dumps(
                found, ensure_ascii=False, separators=(",", ":")).encode()

        return self._memo(store, "json", story_id, compute)

    def story_entities(self, store: Store, story_id: str) -> list[dict[str, Any]] | None:
        """The entities resolved over one story's articles."""
        return self._part(store, story_id, "entities", lambda b: b[1])

    def links(self, store: Store, story_id: str) -> list[dict[str, Any]] | None:
        """The story's entities as :func:`~storyline.stories.views.link_keys`."""
        return self._part(store, story_id, "links", lambda b: link_keys(b[1]))

    def event_ids(self, store: Store, story_id: str) -> dict[tuple[str, int], str]:
        """(article, start of an event mention) -> merged event id, for one story."""
        found = self._part(store, story_id, "event_ids", lambda b: event_ids(b[0])) or []
        return {(str(a), int(s)): str(e) for a, s, e in found}

    def linked(self, store: Store, story_id: str, article_ids: Sequence[str]) -> Linked | None:
        """Some of a story's articles with their quotes and events tied to its entities."""
        entities = self.links(store, story_id)
        return None if entities is None else link_articles(store, article_ids, entities)

    def entity_index(self, store: Store) -> dict[str, dict[str, Any]]:
        """Every entity of every story by id: id, name, type, aliases, mention count."""
        def compute() -> dict[str, dict[str, Any]]:
            found: dict[str, dict[str, Any]] = {}
            for story_id in store.story_ids():
                for entity in self.links(store, story_id) or []:
                    same = found.setdefault(entity["id"], {
                        "id": entity["id"], "name": entity["name"], "type": entity["type"],
                        "aliases": [], "mention_count": 0})
                    same["mention_count"] += int(entity.get("mention_count", 0))
                    same["aliases"] += [a for a in entity.get("aliases", [])
                                        if a not in same["aliases"]]
            return found

        return self._memo(store, "entity_index", "", compute)

    def rows(self, store: Store) -> list[dict[str, Any]]:
        """One line per story, oldest story first (kept rows where current)."""
        return self._memo(store, "rows", "", lambda: story_listing(store))

    def story_names(self, store: Store) -> dict[str, set[str]]:
        """Story id -> the case-folded names and mentions of everyone its articles name."""
        def compute() -> dict[str, set[str]]:
            story_of = dict(store.story_assignments())
            names: dict[str, set[str]] = {}
            for entity in store.records("local_entities"):
                story = story_of.get(str(entity.get("article")))
                if story is None:
                    continue
                found = names.setdefault(story, set())
                if entity.get("name"):
                    found.add(str(entity["name"]).casefold())
                found.update(str(m.get("text", "")).casefold()
                             for m in entity.get("mentions", []))
            return names

        return self._memo(store, "names", "", compute)

    def entities(self, store: Store) -> dict[str, dict[str, Any]]:
        """Every entity of every story, by id; one id across stories is one entity.

        Each story resolves its own entities; ids are made from the entity's kind and
        name, so the same person gets the same id in every story that names them in
        full.  The merged object lists its ``stories``.
        """
        def compute() -> dict[str, dict[str, Any]]:
            merged: dict[str, dict[str, Any]] = {}
            for story_id in store.story_ids():
                for entity in self.story_entities(store, story_id) or []:
                    _merge_entity(merged, entity, story_id)
            return merged

        return self._memo(store, "all_entities", "", compute)

    def warm(self, stories: int) -> None:
        """Compute the story list and the ``stories`` most recent stories ahead of visitors."""
        with self.store() as store:
            rows = self.rows(store)
            recent = sorted(rows, key=lambda r: (r.get("last") or "", r.get("first") or ""),
                            reverse=True)
            for row in recent[:stories]:
                self.page(store, str(row["id"]))


def _merge_entity(merged: dict[str, dict[str, Any]], entity: dict[str, Any],
                  story_id: str) -> None:
    current = merged.get(entity["id"])
    if current is None:
        merged[entity["id"]] = {**{k: v for k, v in entity.items() if k != "locals"},
                                "aliases": list(entity.get("aliases", [])),
                                "roles": [dict(r) for r in entity.get("roles", [])],
                                "mentions": list(entity.get("mentions", [])),
                                "evidence": list(entity.get("evidence", [])),
                                "stories": [story_id]}
        return
    if story_id not in current["stories"]:
        current["stories"].append(story_id)
    current["mentions"].extend(entity.get("mentions", []))
    current["evidence"].extend(entity.get("evidence", []))
    for alias in entity.get("aliases", []):
        if alias not in current["aliases"] and alias != current["name"]:
            current["aliases"].append(alias)
    for role in entity.get("roles", []):
        same = next((r for r in current["roles"]
                     if (r.get("title"), r.get("of")) == (role.get("title"), role.get("of"))),
                    None)
        if same is None:
            current["roles"].append(dict(role))
            continue
        for key in ("dates", "articles", "written"):
            values = list(same.get(key) or [])
            values += [v for v in role.get(key) or [] if v not in values]
            same[key] = sorted(values) if key == "dates" else values


def story_quotes(story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A story's quotes (from its full view), in article and document order."""
    rank = {a: i for i, a in enumerate(story["articles"])}
    found = [q for group in story["quotes"] for q in group["quotes"]]
    return sorted(found, key=lambda q: (rank.get(q.get("article"), len(rank)),
                                        int(q.get("start") or 0)))


def story_figures(store: Store, story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A story's figure records, in article and document order."""
    return [f for a in story["articles"] for f in store.records("figures", a)]


def filter_stories(rows: Iterable[Mapping[str, Any]], names: Mapping[str, set[str]], *,
                   date_from: str | None = None, date_to: str | None = None,
                   actor: str | None = None, outlet: str | None = None
                   ) -> list[Mapping[str, Any]]:
    """Stories active within [date_from, date_to] that name ``actor`` and use ``outlet``.

    >>> rows = [{"id": "a", "first": "2024-01-28", "last": "2024-05-25", "outlets": ["AFP"]},
    ...         {"id": "b", "first": "2006-01-12", "last": "2006-01-12", "outlets": []}]
    >>> [r["id"] for r in filter_stories(rows, {"a": {"bill burns"}}, date_from="2024-05-01",
    ...                                  actor="Burns")]
    ['a']
    """
    wanted = " ".join((actor or "").split()).casefold()
    kept = []
    for row in rows:
        first, last = row.get("first"), row.get("last") or row.get("first")
        if (date_from or date_to) and not first:
            continue
        # compare on the filter's own precision: "2024" covers every day of 2024
        if date_from and str(last)[:len(date_from)] < date_from:
            continue
        if date_to and str(first)[:len(date_to)] > date_to:
            continue
        if outlet and outlet not in row.get("outlets", []):
            continue
        if wanted and not any(wanted in name for name in names.get(str(row["id"]), ())):
            continue
        kept.append(row)
    return kept
