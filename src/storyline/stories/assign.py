"""Keep the store's story assignments up to date as articles arrive.

The clusterer is online and deterministic: replaying the articles already
assigned, in the order they were assigned, rebuilds its state, after which new
articles (taken in publication order) join a story or start one.  Cost grows
linearly with the corpus; story ids stay stable because a story is named after
its first article.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.records import Article
from storyline.store import Store
from storyline.stories.cluster import ArticleFeatures, StoryClusterer


def _date(article: Article) -> str | None:
    return article.published.value or article.published.earliest


def features(store: Store, article: Article) -> ArticleFeatures:
    return ArticleFeatures.from_dict(article.id, _date(article), store.terms(article.id) or {},
                                     article.duplicate_of)


def publication_order(articles: Iterable[Article]) -> list[Article]:
    """Dated articles by date, undated ones after them, arrival order breaking ties."""
    indexed = list(enumerate(articles))
    indexed.sort(key=lambda pair: (_date(pair[1]) or "9999", pair[0]))
    return [a for _, a in indexed]


def assign_stories(store: Store, clusterer: StoryClusterer | None = None) -> int:
    """Give every unassigned article a story; returns how many articles were assigned."""
    new = publication_order(store.unclustered_articles())
    if not new:
        return 0
    clusterer = clusterer or StoryClusterer()
    changed: list[tuple[str, str]] = []
    for article_id, story_id, date, duplicate_of, profile in list(store.assigned_profiles()):
        replayed = clusterer.add(ArticleFeatures.from_dict(article_id, date, profile,
                                                           duplicate_of))
        if replayed != story_id:
            changed.append((article_id, replayed))
    for article in new:
        changed.append((article.id, clusterer.add(features(store, article))))
    store.assign_stories(changed)
    return len(new)
