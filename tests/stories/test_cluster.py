"""The online story clusterer: retrieval, decay, copies, determinism and stable ids."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.stories.cluster import ArticleFeatures, Story, StoryClusterer
from storyline.stories.index import DocumentFrequencies, InvertedIndex

GAZA = {"hostage": 4, "ceasefire": 3, "negotiation": 2, "release": 2, "meeting": 1}
GAZA_NAMES = {"paris": 2, "cia": 2, "mossad": 1, "qatar": 2, "burns": 1}
IPHONE = {"iphone": 5, "launch": 2, "antenna": 2, "case": 1, "price": 1}
IPHONE_NAMES = {"apple": 4, "steve jobs": 2, "at&t": 1}
QUAKE = {"earthquake": 4, "magnitude": 2, "village": 2, "injure": 1}
QUAKE_NAMES = {"iran": 3, "qeshm": 2}


def article(ident: str, date: str | None, terms: dict[str, float], names: dict[str, float],
            **extra: object) -> ArticleFeatures:
    return ArticleFeatures(ident, date, terms, names, **extra)  # type: ignore[arg-type]


def gaza(ident: str, date: str | None = "2024-01-28", **more: float) -> ArticleFeatures:
    return article(ident, date, {**GAZA, **more}, GAZA_NAMES)


def background(clusterer: StoryClusterer) -> None:
    """Unrelated stories first, so the IDF knows which words are common."""
    for i in range(3):
        clusterer.add(article(f"phone{i}", "2024-01-01", IPHONE, IPHONE_NAMES))
        clusterer.add(article(f"quake{i}", "2024-01-01", QUAKE, QUAKE_NAMES))


# -- basic decisions and ids ------------------------------------------------------
def test_same_story_joins_and_other_stories_start_their_own() -> None:
    c = StoryClusterer()
    assert c.add(gaza("a")) == "story-a"
    assert c.add(gaza("b", "2024-01-29", talk=2)) == "story-a"
    assert c.add(article("c", "2024-01-29", IPHONE, IPHONE_NAMES)) == "story-c"
    assert c.add(article("d", "2024-01-30", QUAKE, QUAKE_NAMES)) == "story-d"
    assert [(s.id, s.articles) for s in c.stories()] == [
        ("story-a", ("a", "b")), ("story-c", ("c",)), ("story-d", ("d",))]


def test_story_ids_never_change_and_name_the_first_article() -> None:
    c = StoryClusterer()
    background(c)
    first = c.add(gaza("first"))
    for i in range(5):
        assert c.add(gaza(f"later{i}", f"2024-02-0{i + 1}")) == first == "story-first"
    assert c.story_of("later3") == "story-first"
    assert c.story_of("unknown") is None


def test_story_dates_span_dated_members_only() -> None:
    c = StoryClusterer()
    c.add(gaza("a", "2024-01-28"))
    c.add(gaza("b", None))
    c.add(gaza("c", "2024-01-20"))  # arrives late, published earlier
    story = c.stories()[0]
    assert story == Story("story-a", ("a", "b", "c"), "2024-01-20", "2024-01-28")
    assert story.as_dict()["first_date"] == "2024-01-20"


def test_adding_an_article_again_changes_nothing() -> None:
    c = StoryClusterer()
    c.add(gaza("a"))
    before = c.stories()
    assert c.add(article("a", "2030-01-01", IPHONE, IPHONE_NAMES)) == "story-a"
    assert c.stories() == before


def test_article_with_no_features_starts_a_story() -> None:
    c = StoryClusterer()
    c.add(gaza("a"))
    assert c.add(article("empty", None, {}, {})) == "story-empty"


# -- candidate retrieval ------------------------------------------------------------
def test_index_ranks_stories_by_shared_weight_then_recency() -> None:
    index = InvertedIndex(max_postings=10)
    index.file("hostage", "s1")
    index.file("paris", "s1")
    index.file("hostage", "s2")
    index.file("iphone", "s3")
    assert index.candidates({"hostage": 1.0, "paris": 2.0}, limit=5) == ["s1", "s2"]
    index.file("hostage", "s4")
    # s2 and s4 tie on weight: the more recently filed comes first
    assert index.candidates({"hostage": 1.0}, limit=5) == ["s4", "s2", "s1"]
    assert index.candidates({"hostage": 1.0}, limit=1) == ["s4"]
    assert index.candidates({"unknown": 1.0}, limit=5) == []


def test_index_keeps_a_bounded_posting_list_per_key() -> None:
    index = InvertedIndex(max_postings=3)
    for i in range(10):
        index.file("common", f"s{i}")
    assert index.candidates({"common": 1.0}, limit=10) == ["s9", "s8", "s7"]
    index.file("common", "s7")  # refiling moves a story to the recent end
    index.file("common", "s10")
    assert index.candidates({"common": 1.0}, limit=10) == ["s10", "s7", "s9"]


def test_index_rename_after_a_merge() -> None:
    index = InvertedIndex()
    index.file("a", "old")
    index.file("b", "young")
    index.rename("young", "old", ["b"])
    assert index.candidates({"b": 1.0}, limit=5) == ["old"]


def test_only_retrieved_stories_are_scored() -> None:
    c = StoryClusterer(max_candidates=2)
    background(c)
    c.add(gaza("a"))
    scored = c.scores(gaza("probe"))
    assert scored[0][0] == "story-a"
    assert len(scored) <= 2
    # an article sharing no key with any story is compared with none
    assert c.scores(article("x", None, {"zebra": 2}, {"serengeti": 1})) == []


def test_a_story_beyond_the_posting_cap_is_not_found_through_a_common_key() -> None:
    c = StoryClusterer(max_postings=2, small_story_margin=0.0, threshold=0.5)
    for i in range(4):
        c.add(article(f"s{i}", None, {"common": 1, f"own{i}": 3}, {}))
    found = {story for story, _ in c.scores(article("q", None, {"common": 1}, {}))}
    assert found == {"story-s2", "story-s3"}


def test_cost_is_bounded_by_the_candidate_limit() -> None:
    c = StoryClusterer(max_candidates=4)
    for i in range(60):
        c.add(article(f"a{i}", None, {"shared": 1, f"w{i}": 2}, {f"n{i}": 1}))
    assert 0 < c.comparisons <= 4 * 60
    assert len(c.scores(article("q", None, {"shared": 1}, {}))) <= 4


# -- time decay -----------------------------------------------------------------------
def test_decay_asks_more_evidence_far_apart_and_spares_undated() -> None:
    params = {"half_life_days": 30.0, "time_floor": 0.5, "small_story_margin": 0.0}
    results = {}
    for label, date in (("near", "2024-01-29"), ("far", "2024-07-27"), ("undated", None)):
        c = StoryClusterer(**params)
        background(c)
        c.add(gaza("a", "2024-01-28"))
        results[label] = dict(c.scores(gaza("b", date, talk=2)))["story-a"]
    gap = (dt.date(2024, 7, 27) - dt.date(2024, 1, 28)).days
    factor = 0.5 + 0.5 * 0.5 ** (gap / 30.0)
    near_factor = 0.5 + 0.5 * 0.5 ** (1 / 30.0)
    raw = results["undated"]
    assert results["near"] == pytest.approx(raw * near_factor)
    assert results["far"] == pytest.approx(raw * factor)
    assert results["far"] < results["near"] < results["undated"]


def test_far_apart_articles_need_more_evidence_to_join() -> None:
    c = StoryClusterer(threshold=0.4, small_story_margin=0.0)
    background(c)
    c.add(gaza("a", "2024-01-28"))
    weak = {"hostage": 1, "ceasefire": 1, "release": 1, "school": 3, "exam": 3}
    probe_near = article("near", "2024-01-30", weak, GAZA_NAMES)
    probe_far = dataclasses.replace(probe_near, id="far", date="2026-01-30")
    near, far = dict(c.scores(probe_near))["story-a"], dict(c.scores(probe_far))["story-a"]
    assert far < 0.4 <= near
    assert c.add(probe_far) == "story-far"
    assert c.add(probe_near) == "story-a"


def test_an_article_between_a_storys_dates_gets_no_decay() -> None:
    c = StoryClusterer(small_story_margin=0.0)
    background(c)
    c.add(gaza("a", "2024-01-01"))
    c.add(gaza("b", "2024-06-01"))
    inside = dict(c.scores(gaza("c", "2024-03-01")))["story-a"]
    undated = dict(c.scores(gaza("d", None)))["story-a"]
    assert inside == pytest.approx(undated)


def test_small_stories_need_a_margin() -> None:
    plain = StoryClusterer(small_story_margin=0.0)
    strict = StoryClusterer(small_story_margin=0.1)
    for c in (plain, strict):
        background(c)
        c.add(gaza("a"))
    probe = gaza("b")
    assert dict(strict.scores(probe))["story-a"] == \
        pytest.approx(dict(plain.scores(probe))["story-a"] - 0.1)


# -- copies -----------------------------------------------------------------------------
def test_a_copy_joins_its_originals_story_whatever_its_features() -> None:
    c = StoryClusterer()
    background(c)
    c.add(gaza("orig"))
    copy = article("copy", "2024-02-10", IPHONE, IPHONE_NAMES, duplicate_of="orig")
    assert c.add(copy) == "story-orig"
    assert c.stories()[-1].articles == ("orig", "copy")
    assert c.stories()[-1].last_date == "2024-02-10"
    # a copy of a copy lands in the same story
    assert c.add(article("copy2", None, {}, {}, duplicate_of="copy")) == "story-orig"


def test_copies_do_not_count_twice() -> None:
    with_copy, without = StoryClusterer(), StoryClusterer()
    for c in (with_copy, without):
        background(c)
        c.add(gaza("orig"))
    for i in range(3):
        with_copy.add(dataclasses.replace(gaza(f"copy{i}"), duplicate_of="orig"))
    probe = gaza("probe", talk=1)
    assert with_copy.scores(probe) == without.scores(probe)


def test_a_copy_of_an_unseen_article_is_clustered_like_any_other() -> None:
    c = StoryClusterer()
    c.add(gaza("a"))
    assert c.add(dataclasses.replace(gaza("b"), duplicate_of="never-seen")) == "story-a"


# -- merges -------------------------------------------------------------------------------
def test_merges_keep_the_older_id_and_record_the_younger() -> None:
    c = StoryClusterer(threshold=0.9, merge_threshold=0.9, small_story_margin=0.0)
    background(c)
    c.add(article("a", None, {"hostage": 3, "paris": 2}, {"cia": 1}))
    c.add(article("b", None, {"ceasefire": 3, "cairo": 2}, {"mossad": 1}))
    c.threshold = c.merge_threshold = 0.3  # now a bridging article links both
    bridge = article("c", None, {"hostage": 3, "paris": 2, "ceasefire": 3, "cairo": 2},
                     {"cia": 1, "mossad": 1})
    assert c.add(bridge) == "story-a"
    merged = next(s for s in c.stories() if s.id == "story-a")
    assert merged.articles == ("a", "b", "c")
    assert merged.merged == ("story-b",)
    assert c.story_of("b") == "story-a"
    assert "story-b" not in {s.id for s in c.stories()}


# -- determinism and validation -------------------------------------------------------------
KEYS = st.sampled_from(["hostage", "ceasefire", "iphone", "quake", "paris", "talk", "deal"])
ARTICLES = st.lists(
    st.tuples(st.dictionaries(KEYS, st.integers(1, 5), max_size=5),
              st.dictionaries(KEYS, st.integers(1, 3), max_size=3),
              st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))),
    max_size=25)


@settings(max_examples=40, deadline=None)
@given(ARTICLES)
def test_same_input_order_same_stories(rows: list[tuple[dict[str, int], dict[str, int],
                                                        str | None]]) -> None:
    runs = []
    for _ in range(2):
        c = StoryClusterer()
        ids = [c.add(article(f"a{i}", date, terms, names))
               for i, (terms, names, date) in enumerate(rows)]
        runs.append((ids, c.stories()))
    assert runs[0] == runs[1]
    ids, stories = runs[0]
    # every article is in exactly one story, named after that story's first article
    members = [a for s in stories for a in s.articles]
    assert sorted(members) == sorted(f"a{i}" for i in range(len(rows)))
    assert all(s.id == f"story-{s.articles[0]}" for s in stories)


def test_document_frequencies_smoothed_idf() -> None:
    plain = DocumentFrequencies(prior_docs=0, prior_df=0)
    assert plain.idf("anything") == pytest.approx(1.0)
    plain.add(["a", "b"])
    plain.add(["a"])
    assert plain.df("a") == 2 and plain.n == 2 and len(plain) == 2
    assert plain.idf("a") == pytest.approx(1.0)  # in every article: weight 1, never 0
    assert plain.idf("b") == pytest.approx(math.log(3 / 2) + 1)


def test_the_idf_prior_matters_early_and_fades() -> None:
    dfs = DocumentFrequencies()  # 20 pseudo-articles, every key once
    dfs.add(["shared"])
    # after one article, a key it used weighs nearly as much as an unseen one
    assert dfs.idf("shared") / dfs.idf("unseen") > 0.85
    for i in range(2000):
        dfs.add([f"k{i}", "common"])
    plain_idf = math.log((1 + dfs.n) / (1 + 1)) + 1
    assert dfs.idf("shared") == pytest.approx(plain_idf, rel=0.06)
    assert dfs.idf("common") == pytest.approx(1.0, abs=0.02)


def test_a_bad_prior_is_refused() -> None:
    with pytest.raises(ValueError, match="prior_df"):
        DocumentFrequencies(prior_docs=1, prior_df=2)


@pytest.mark.parametrize("params", [
    {"threshold": 1.5}, {"name_weight": -0.1}, {"half_life_days": 0},
    {"time_floor": 2}, {"merge_threshold": 0.1}, {"max_candidates": 0},
    {"small_story_margin": -1},
])
def test_bad_options_are_refused(params: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(params))):
        StoryClusterer(**params)  # type: ignore[arg-type]


def test_a_bad_date_is_refused() -> None:
    with pytest.raises(ValueError, match="ISO date"):
        StoryClusterer().add(gaza("a", "28/01/2024"))


def test_from_dict_reads_article_terms_output() -> None:
    features = {"terms": {"hostage": 2}, "names": {"paris": 1}, "numbers": {"132": 1}}
    item = ArticleFeatures.from_dict("a", "2024-01-28", features, duplicate_of="z")
    assert item == ArticleFeatures("a", "2024-01-28", {"hostage": 2}, {"paris": 1}, "z",
                                   {"132": 1})
