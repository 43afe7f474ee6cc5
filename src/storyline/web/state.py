"""The app's view of one database: a store per request, and caches of the costly views.

A :class:`~storyline.store.Store` holds one sqlite3 connection, so every request
opens its own.  Story views (``build_story``) and entity resolutions
(``link_records``) cost time in proportion to a story's size (seconds for hundreds
of articles); they are computed once, outside any lock (so other pages keep being
served meanwhile, and two requests for one story wait for one computation), and
kept until the database changes: a new ingest changes the database file or the
number of articles.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from storyline.errors import InputError
from storyline.store import Store
from storyline.stories.assign import publication_order
from storyline.stories.build import build_story, load_articles, story_rows
from storyline.stories.link import Linked, link_records

#: stories kept in memory (the most recently used), with their resolutions and JSON
STORY_CACHE = 32
_PER_STORY = frozenset({"story", "linked", "json"})
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

    def linked(self, store: Store, story_id: str) -> Linked | None:
        """Entities resolved over one story's articles, tied to its events and quotes."""
        def compute() -> Linked | None:
            ids = store.story_article_ids(story_id)
            if not ids:
                return None
            return link_records(store, publication_order(load_articles(store, ids)))

        return self._memo(store, "linked", story_id, compute)

    def story(self, store: Store, story_id: str) -> dict[str, Any] | None:
        """``build_story``'s view of a story, or None for an unknown id."""
        def compute() -> dict[str, Any] | None:
            linked = self.linked(store, story_id)
            return None if linked is None else build_story(store, story_id, linked=linked)

        return self._memo(store, "story", story_id, compute)

    def story_json(self, store: Store, story_id: str) -> bytes | None:
        """The story view as JSON, encoded once (a big story is megabytes of it)."""
        def compute() -> bytes | None:
            found = self.story(store, story_id)
            return None if found is None else json.dumps(
                found, ensure_ascii=False, separators=(",", ":")).encode()

        return self._memo(store, "json", story_id, compute)

    def rows(self, store: Store) -> list[dict[str, Any]]:
        """``story_rows``: one line per story, oldest story first."""
        return self._memo(store, "rows", "", lambda: story_rows(store))

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
                linked = self.linked(store, story_id)
                for entity in linked.entities if linked else []:
                    _merge_entity(merged, entity, story_id)
            return merged

        return self._memo(store, "entities", "", compute)

    def warm(self, stories: int) -> None:
        """Compute the story list and the ``stories`` most recent stories ahead of visitors."""
        with self.store() as store:
            rows = self.rows(store)
            recent = sorted(rows, key=lambda r: (r.get("last") or "", r.get("first") or ""),
                            reverse=True)
            for row in recent[:stories]:
                self.story(store, str(row["id"]))


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


def story_quotes(linked: Linked, story: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A story's quotes, linked to its entities, in article and document order."""
    return [q for a in story["articles"] for q in linked.quotes.get(a, [])]


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
