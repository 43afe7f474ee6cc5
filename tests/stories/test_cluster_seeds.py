"""End to end on the seeds: bundled model -> article_terms -> clusterer, one story."""

from __future__ import annotations

from pathlib import Path

from benchmarks.cluster_eval import SEED_DATES, load_fixture

from storyline.extract.terms import article_terms
from storyline.nlp import load_pipeline
from storyline.stories.cluster import ArticleFeatures, StoryClusterer
from tests.conftest import REQUIRES_MODEL

pytestmark = REQUIRES_MODEL


def seed_features(seed_paths: list[Path]) -> list[ArticleFeatures]:
    nlp = load_pipeline("bundled")
    items = []
    for path in seed_paths:
        found = article_terms(nlp(path.read_text(encoding="utf-8")))
        items.append(ArticleFeatures.from_dict(path.stem, SEED_DATES[path.stem],
                                               found.as_dict()))
    return items


def test_the_seeds_make_one_story(seed_paths: list[Path]) -> None:
    first, second = seed_features(seed_paths)
    # what links them, despite "CIA chief William Burns" / "CIA director Bill Burns"
    shared_terms = first.terms.keys() & second.terms.keys()
    assert {"burns", "paris", "hostage", "mossad", "qatar"} <= shared_terms
    assert {"cia", "paris", "hamas"} <= first.names.keys() & second.names.keys()
    clusterer = StoryClusterer()
    assert clusterer.add(first) == clusterer.add(second) == f"story-{first.id}"
    story = clusterer.stories()[0]
    assert (story.first_date, story.last_date) == ("2024-01-28", "2024-05-25")


def test_the_seeds_stay_together_among_other_news(seed_paths: list[Path]) -> None:
    """With the 30 Apple articles (2005-2011) arriving first, in date order."""
    clusterer = StoryClusterer()
    for item in load_fixture():
        if not item.id.startswith("seed:"):
            clusterer.add(item)
    first, second = seed_features(seed_paths)
    assert clusterer.add(first) == f"story-{first.id}"
    assert clusterer.add(second) == f"story-{first.id}"
