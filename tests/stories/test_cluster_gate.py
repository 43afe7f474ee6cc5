"""Quality gate: story clustering on the committed gold stories (seeds + MEANTIME "apple").

``tests/gold/stories.json`` groups the two seeds and the 30 MEANTIME Wikinews
articles about Apple into stories (criteria in ``tests/gold/STORIES.md``);
``tests/fixtures/stories_features.json`` holds their ``article_terms`` features,
titles and dates, so the gate needs neither the model nor ``../shared``
(rebuild it with ``python -m benchmarks.cluster_eval --write-fixture``).  The
articles arrive in publication order, as they would in use.

Measured with the defaults (``python -m benchmarks.cluster_eval --gold``): B³
precision 0.917, recall 0.906, F1 0.911 (25 stories for 24 gold ones).  The
floors sit a little under that and are only lowered on purpose.
"""

from __future__ import annotations

import pytest
from benchmarks.cluster_eval import SEED_IDS, gold_scores, load_fixture, load_gold_stories

B3_F1_FLOOR = 0.89
B3_PRECISION_FLOOR = 0.89


@pytest.fixture(scope="module")
def scores():  # type: ignore[no-untyped-def]
    return gold_scores()


def test_fixture_matches_the_gold_stories() -> None:
    gold = load_gold_stories()
    items = load_fixture()
    assert {a.id for a in items} == set(gold)
    assert len(items) == 32
    assert len(set(gold.values())) == 24
    assert all(a.date for a in items)
    assert all(a.terms and a.names for a in items)


def test_b_cubed_holds_the_floor(scores) -> None:  # type: ignore[no-untyped-def]
    result, _ = scores
    p, r, f1 = result.story
    assert f1 >= B3_F1_FLOOR, f"B3 P {p:.3f} R {r:.3f} F1 {f1:.3f}"
    assert p >= B3_PRECISION_FLOOR, f"B3 P {p:.3f} R {r:.3f} F1 {f1:.3f}"


def test_the_seeds_four_months_apart_are_one_story(scores) -> None:  # type: ignore[no-untyped-def]
    _, predicted = scores
    assert len({predicted[a] for a in SEED_IDS}) == 1
    # and nothing else joins them
    seed_story = predicted[SEED_IDS[0]]
    assert sorted(a for a, s in predicted.items() if s == seed_story) == sorted(SEED_IDS)


def test_the_apple_corps_dispute_is_one_story(scores) -> None:  # type: ignore[no-untyped-def]
    """Suit (March 2006), ruling (May 2006) and settlement (February 2007)."""
    _, predicted = scores
    assert len({predicted[a] for a in ("meantime_37313", "meantime_40203",
                                       "meantime_60083")}) == 1


def test_yearly_keynotes_stay_apart(scores) -> None:  # type: ignore[no-untyped-def]
    """WWDC 2005, 2008, 2009, 2010, 2011: the same kind of event, five stories."""
    _, predicted = scores
    keynotes = ("meantime_10450", "meantime_107785", "meantime_127576", "meantime_190356",
                "meantime_265977")
    assert len({predicted[a] for a in keynotes}) == len(keynotes)
