"""Story views kept in the store, so a big story's page does not wait for its build.

Building a story view (:func:`~storyline.stories.build.build_story`) reads every
record of every article in the story and resolves its entities: seconds for a
story of hundreds of articles.  ``storyline ingest`` therefore builds the views of
the stories it changed, once, after assigning stories, and keeps each with a
*stamp* naming the story's articles and the storyline version that built it.
Readers (the web app, ``storyline story``, ``storyline stories``) use a kept view
while its stamp matches and build it afresh (without writing) when it does not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline import __version__
from storyline.records import Article
from storyline.store import Store
from storyline.stories.assign import publication_order
from storyline.stories.build import build_story, load_articles, story_row
from storyline.stories.link import Linked, attach, resolve_local

#: raise when the shape of a built view changes, so kept views are rebuilt
VIEW_FORMAT = 1


def stamp(article_ids: Iterable[str]) -> str:
    """What a view was built from: its story's articles and the code that built it.

    >>> stamp(["b", "a"]) == stamp(["a", "b"])
    True
    """
    text = "\n".join([__version__, str(VIEW_FORMAT), *sorted(article_ids)])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


#: how much of each long list the page digest keeps (the web page shows less)
PAGE_KEEPS = {"events": 200, "quotes": 20, "parties": 40, "series": 40, "whats_new": 100}
_HEAVY = frozenset({"mentions", "evidence", "locals"})


def page_view(view: Mapping[str, Any], entities: Sequence[Mapping[str, Any]]
              ) -> dict[str, Any]:
    """What a story page needs of a view: long lists cut, with their full ``counts``.

    Entities lose their mention lists (``mention_count`` stays); the first
    parties keep their first quotes, every party its ``count``; the first figure
    series keep their points, every series its ``count``; ``names`` maps the id of every entity
    resolved in the story (``entities``) to its name.
    """
    keep = PAGE_KEEPS
    page = dict(view)
    page["names"] = {str(e["id"]): str(e["name"]) for e in entities}
    page["counts"] = {"events": len(view["events"]), "whats_new": len(view["whats_new"]),
                      "entities": len(view["entities"])}
    page["events"] = view["events"][:keep["events"]]
    page["whats_new"] = view["whats_new"][:keep["whats_new"]]
    page["entities"] = [{**{k: v for k, v in e.items() if k not in _HEAVY},
                         "mention_count": len(e.get("mentions", []))} for e in view["entities"]]
    page["quotes"] = [{"party": g["party"], "count": len(g["quotes"]),
                       "quotes": g["quotes"][:keep["quotes"]] if i < keep["parties"] else []}
                      for i, g in enumerate(view["quotes"])]
    page["figure_history"] = [{**series, "count": len(series["points"])} if i < keep["series"]
                              else {"key": series["key"], "count": len(series["points"]),
                                    "points": []}
                              for i, series in enumerate(view["figure_history"])]
    return page


def link_keys(entities: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """What tying records to entities, and finding them by name, needs of them:
    no mentions (only their ``mention_count``), no evidence."""
    keys = ("id", "name", "type", "affiliation", "aliases", "locals")
    return [{**{k: e[k] for k in keys if k in e}, "mention_count": len(e.get("mentions", []))}
            for e in entities]


def event_ids(view: Mapping[str, Any]) -> list[list[Any]]:
    """[article, start, merged event id] for every event mention of a view."""
    return [[m["article"], int(m["start"]), e["id"]] for e in view["events"]
            for m in e.get("mentions", [])]


def refresh_views(store: Store, story_ids: Sequence[str] | None = None) -> int:
    """Build and keep the views of stories whose kept views are missing or stale.

    ``story_ids``: look only at these (default: every story, and views of stories
    that no longer exist are dropped).  Returns how many stories were built.
    """
    members = store.story_members()
    stamps = store.story_view_stamps()
    wanted = members if story_ids is None else {s: members[s] for s in story_ids
                                                if s in members}
    built = 0
    for story_id, ids in wanted.items():
        current = stamp(ids)
        if stamps.get(story_id) == current:
            continue
        order = publication_order(load_articles(store, ids))
        view, entities = _build(store, story_id, order)
        if view is None:
            continue
        store.put_story_view(story_id, current, story_row(story_id, order, view), {
            "view": view, "page": page_view(view, entities), "entities": entities,
            "links": link_keys(entities),
            "event_ids": event_ids(view)})
        built += 1
    if story_ids is None:
        store.drop_story_views(set(stamps) - set(members))
    return built


def _build(store: Store, story_id: str, order: Sequence[Article]
           ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(the story's full view, its resolved entities), built now."""
    local = {a.id: list(store.records("local_entities", a.id)) for a in order}
    entities = resolve_local(order, local)
    view = build_story(store, story_id, linked=attach(store, order, entities, local),
                       only=[a.id for a in order])
    return view, entities


def kept_text(store: Store, story_id: str, part: str) -> str | None:
    """The JSON text of a kept part of the story's views, if still current."""
    found = store.story_view_text(story_id, part)
    if found is None or found[0] != stamp(store.story_article_ids(story_id)):
        return None
    return found[1]


def kept(store: Store, story_id: str, part: str) -> Any | None:
    """A kept part of the story's views (decoded), if still current."""
    text = kept_text(store, story_id, part)
    return None if text is None else json.loads(text)


def build_views(store: Store, story_id: str
                ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """(full view, resolved entities) of a story, built now; None for an unknown story."""
    order = publication_order(load_articles(store, store.story_article_ids(story_id)))
    view, entities = _build(store, story_id, order)
    return None if view is None else (view, entities)


def story_view(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story's full view: the kept one if current, else built now (not kept)."""
    found: dict[str, Any] | None = kept(store, story_id, "view")
    return found if found is not None else build_story(store, story_id)


def link_articles(store: Store, article_ids: Sequence[str],
                  entities: list[dict[str, Any]]) -> Linked:
    """Some of a story's articles tied to the story's entities (or their link keys)."""
    return attach(store, load_articles(store, article_ids), entities)


def story_listing(store: Store) -> list[dict[str, Any]]:
    """One row per story (id, title, first, last, articles, outlets), oldest first.

    Kept rows are used where current; the others are computed now.
    """
    kept_rows = store.story_view_rows()
    rows = []
    for story_id, ids in store.story_members().items():
        found = kept_rows.get(story_id)
        if found is not None and found[0] == stamp(ids):
            rows.append(found[1])
            continue
        order = publication_order(load_articles(store, ids))
        rows.append(story_row(story_id, order, None, store))
    return rows
