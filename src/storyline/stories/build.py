"""One story's page, assembled from the store: the ``stories`` object of the contract and more.

Everything here is computed on demand from stored per-article records, so the
cost of a story grows with its own size, not the corpus's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from storyline.records import Article
from storyline.store import Store
from storyline.stories.assign import publication_order
from storyline.stories.disagree import disagreements, party_of
from storyline.stories.link import Linked, link_records
from storyline.stories.merge import merge_events, origin_of
from storyline.stories.novelty import whats_new
from storyline.stories.series import figure_history
from storyline.stories.summary import title_and_summary
from storyline.stories.text import sentence_texts
from storyline.stories.timeline import build_timeline


def load_articles(store: Store, ids: Sequence[str]) -> list[Article]:
    found = (store.article(i) for i in ids)
    return [a for a in found if a is not None]


def story_sentences(store: Store, articles: Sequence[Article]
                    ) -> dict[str, list[tuple[int, int, str]]]:
    return {a.id: sentence_texts(a.text, [(s.start, s.end) for s in store.sentences(a.id)])
            for a in articles}


def sources(order: Sequence[Article], by_id: Mapping[str, Article],
            store: Store) -> dict[str, Any]:
    """Who published what, who relayed whom, and which articles are copies."""
    outlets: dict[str, dict[str, Any]] = {}
    edges: set[tuple[str, str]] = set()
    for article in order:
        name = article.outlet or "unknown outlet"
        entry = outlets.setdefault(name, {"outlet": name, "articles": [], "relays": []})
        entry["articles"].append(article.id)
        for relayed in article.via:
            edges.add((relayed, name))
            if relayed not in entry["relays"]:
                entry["relays"].append(relayed)
    copies = [{"article": a.id, "copy_of": a.duplicate_of} for a in order if a.duplicate_of]
    inputs = {a.id: store.sources_of(a.id) for a in order}
    exact = [{"article": a, "sources": found} for a, found in inputs.items() if len(found) > 1]
    independent = len({origin_of(a, by_id) for a in order})
    return {"outlets": list(outlets.values()),
            "relays": [{"from": f, "to": t} for f, t in sorted(edges)],
            "near_duplicates": copies, "exact_copies": exact, "independent": independent}


def quotes_by_party(quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    parties: dict[str, list[Mapping[str, Any]]] = {}
    for quote in quotes:
        party = party_of(quote) or "unattributed or unnamed sources"
        parties.setdefault(party, []).append(quote)
    ordered = sorted(parties.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [{"party": p, "quotes": list(qs)} for p, qs in ordered]


def build_story(store: Store, story_id: str, *, linked: Linked | None = None,
                only: Sequence[str] | None = None) -> dict[str, Any] | None:
    """The full story view, or None if no story has this id.

    ``linked``: entities already resolved over a larger set of articles;
    ``only``: restrict the story to these of its articles.
    """
    ids = store.story_article_ids(story_id) if only is None else list(only)
    if not ids:
        return None
    order = publication_order(load_articles(store, ids))
    by_id = {a.id: a for a in order}
    linked = linked or link_records(store, order)
    sentences = story_sentences(store, order)
    quotes = [q for a in order for q in linked.quotes.get(a.id, [])]
    figures = [f for a in order for f in store.records("figures", a.id)]
    events = merge_events([e for a in order for e in linked.events.get(a.id, [])], by_id)
    published = {a.id: a.published.value for a in order}
    title, summary = title_and_summary(order, sentences)
    dates = [d for d in published.values() if d]
    actors = linked.actors_by_article
    weight: dict[str, int] = {}
    for a in order:
        for e in actors.get(a.id, []):
            if not e.get("outlet"):
                weight[e["id"]] = weight.get(e["id"], 0) + int(e["mentions"])
    full = {e["id"]: e for e in linked.entities}
    story_entities = [full[i] for i in sorted(weight, key=lambda i: (-weight[i], i))]
    return {
        "id": story_id,
        "title": title,
        "summary": summary,
        "articles": [a.id for a in order],
        "first": min(dates) if dates else None,
        "last": max(dates) if dates else None,
        "outlets": sorted({o for a in order for o in (a.outlet, *a.via) if o}),
        "timeline": build_timeline(events, by_id, sentences),
        "events": events,
        "entities": story_entities,
        "quotes": quotes_by_party(quotes),
        "figure_history": figure_history(figures, published),
        "whats_new": whats_new(order, events, quotes, figures, actors),
        "disagreements": disagreements(quotes),
        "sources": sources(order, by_id, store),
    }


def story_row(story_id: str, order: Sequence[Article], view: Mapping[str, Any] | None,
              store: Store | None = None) -> dict[str, Any]:
    """A story's listing line: from its built ``view``, or computed (needs ``store``)."""
    if view is not None:
        title, first, last = view["title"], view["first"], view["last"]
        outlets = list(view["outlets"])
    else:
        if store is None:
            raise ValueError("story_row needs the store when no view is given")
        title, _ = title_and_summary(order, story_sentences(store, order))
        dates = [a.published.value for a in order if a.published.value]
        first, last = (min(dates), max(dates)) if dates else (None, None)
        outlets = sorted({o for a in order for o in (a.outlet, *a.via) if o})
    return {"id": story_id, "title": title, "first": first, "last": last,
            "articles": len(order), "outlets": outlets}
