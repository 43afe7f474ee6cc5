"""The analysis contract (JSON, version 1) built from a store.

Every key of DESIGN.md's contract is present, with fields added where users need
them (evidence for entity merges, independent-source counts on events, each
story's figure history, novelty and disagreements).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storyline.records import Article
from storyline.store import Store
from storyline.stories.build import build_story
from storyline.stories.link import link_records

CONTRACT_VERSION = 1

def _article_object(store: Store, article: Article) -> dict[str, Any]:
    obj = article.as_dict()
    # inputs whose text was an exact copy of this article (stored once)
    obj["copies"] = [s for s in store.sources_of(article.id) if s != article.source]
    return obj


def build_contract(store: Store, articles: Iterable[Article] | None = None) -> dict[str, Any]:
    """The analysis contract for ``articles`` (default: every stored article).

    Entities are resolved across all the chosen articles; events are the merged
    events of each story (every report listed under ``mentions``); stories are
    those holding the chosen articles, restricted to them.
    """
    chosen = list(store.articles() if articles is None else articles)
    linked = link_records(store, chosen)
    contract: dict[str, Any] = {
        "version": CONTRACT_VERSION,
        "articles": [_article_object(store, a) for a in chosen],
        "entities": linked.entities,
    }
    for family in ("times", "quotes", "figures"):
        contract[family] = [r for a in chosen for r in store.records(family, a.id)]
    contract["quotes"] = [q for a in chosen for q in linked.quotes.get(a.id, [])]
    contract["events"] = []
    contract["stories"] = []
    wanted = {a.id for a in chosen}
    for story_id in store.story_ids():
        members = [a for a in store.story_article_ids(story_id) if a in wanted]
        if not members:
            continue
        story = build_story(store, story_id, linked=linked, only=members)
        if story is None:
            continue
        contract["events"].extend(story["events"])
        contract["stories"].append({
            "id": story["id"], "title": story["title"], "articles": story["articles"],
            "first": story["first"], "last": story["last"], "outlets": story["outlets"],
            "summary": story["summary"], "timeline": story["timeline"],
            "figure_history": story["figure_history"], "whats_new": story["whats_new"],
            "disagreements": story["disagreements"], "sources": story["sources"],
        })
    return contract
