"""The figures of the two seed articles, with the bundled model: the issue's "Done when".

Every figure must point at the right text; the counted words, the hedge, the
claimant and the predicate are checked against what a reader of the seeds sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract import figures
from storyline.extract.figures import Figure
from storyline.records import ArticleContext
from tests.conftest import REQUIRES_MODEL

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "samples" / "seeds"

pytestmark = REQUIRES_MODEL


@pytest.fixture(scope="module")
def seed_figures() -> list[tuple[str, list[Figure]]]:
    from storyline.nlp import load_pipeline

    nlp = load_pipeline("bundled")
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append((text, list(figures(nlp(text), ArticleContext(path.stem)))))
    return out


# text, value, qualifier, what, claimant (contained in), predicate, key
DONE_WHEN = [
    ("about 1,140", 1140, "about", "deaths", "AFP", "resulted in", "deaths"),
    ("about 250", 250, "about", "hostages", None, "seized", "hostages|seize"),
    ("around 132", 132, "around", "hostages", "Israel", "remain in Gaza", "hostages|remain"),
    ("at least 28", 28, "at least", "dead captives", "Israel", None, "dead captives"),
    ("more than 100", 100, "more than", "hostages", "New York Times", "release",
     "hostages|release"),
    ("about two months", 2, "about", None, "New York Times", None, None),
]


@pytest.mark.parametrize("expected", DONE_WHEN, ids=[row[0] for row in DONE_WHEN])
def test_done_when(seed_figures, expected) -> None:  # type: ignore[no-untyped-def]
    text, found = seed_figures[0]
    span, value, qualifier, what, claimant, predicate, key = expected
    fig = next((f for f in found if f.text == span), None)
    assert fig is not None, [f.text for f in found]
    assert text[fig.start : fig.end] == span
    assert (fig.value, fig.qualifier, fig.what) == (value, qualifier, what)
    if what is not None:
        assert fig.what_start is not None and fig.what_end is not None
        assert text[fig.what_start : fig.what_end] == what
    if claimant is None:
        assert fig.claimant is None
    else:
        assert fig.claimant is not None and claimant in fig.claimant
    assert (fig.predicate, fig.key) == (predicate, key)
    assert fig.sentence_start <= fig.start < fig.end <= fig.sentence_end


def test_bounds_and_units(seed_figures) -> None:  # type: ignore[no-untyped-def]
    _, found = seed_figures[0]
    by_text = {f.text: f for f in found}
    assert (by_text["at least 28"].low, by_text["at least 28"].high) == (28, None)
    assert (by_text["more than 100"].low, by_text["more than 100"].high) == (100, None)
    assert by_text["about two months"].unit == "month"


def test_no_dates_or_durations_ago_in_the_second_seed(seed_figures) -> None:  # type: ignore[no-untyped-def]
    _, found = seed_figures[1]
    assert [f.text for f in found] == []


def test_of_them_points_at_the_hostages_seized(seed_figures) -> None:  # type: ignore[no-untyped-def]
    _, found = seed_figures[0]
    seized = next(f for f in found if f.text == "about 250")
    remaining = next(f for f in found if f.text == "around 132")
    assert (remaining.what_start, remaining.what_end) == (seized.what_start, seized.what_end)
