"""The ingest orchestration: duplicates within and across batches, refusals, idempotence."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from storyline.config import Settings
from storyline.nlp import MAX_ARTICLE_CHARS
from storyline.process import Ingester
from storyline.records import RawArticle, ReadFailure
from storyline.store import Store

TODAY = dt.date(2026, 11, 23)


def _raws(seed_texts: list[str]) -> list[RawArticle | ReadFailure]:
    first, second = seed_texts
    syndicated = "Updated.\n" + first.rsplit("\n", 1)[0] + "\nEditing by the desk."
    return [
        RawArticle(first, "a.txt", "text"),
        ReadFailure("bad.bin", "binary file, not text"),
        RawArticle(second, "b.txt", "text"),
        RawArticle(syndicated, "c.txt", "text"),
        RawArticle(first.upper(), "a-upper.txt", "text"),  # exact copy once case-folded
    ]


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_batches_give_the_same_result(seed_texts: list[str], blank_nlp: Language,
                                      batch_size: int) -> None:
    with Store(":memory:") as store:
        summary = Ingester(store, blank_nlp, Settings(batch_size=batch_size)).run(
            _raws(seed_texts), today=TODAY)
        assert (summary.stored, summary.near_duplicates, summary.duplicates) == (3, 1, 1)
        assert [f.source for f in summary.failures] == ["bad.bin"]
        first, second, syndicated = store.articles()
        assert syndicated.duplicate_of == first.id
        assert second.duplicate_of is None
        assert store.sources_of(first.id) == ["a-upper.txt", "a.txt"]
        sentences = list(store.sentences(first.id))
        assert len(sentences) >= 10
        text = first.text
        assert all(0 <= s.start < s.end <= len(text) for s in sentences)
        assert text[sentences[0].start:sentences[0].end].startswith("PARIS (Reuters)")


def test_second_run_stores_nothing(seed_texts: list[str], blank_nlp: Language) -> None:
    with Store(":memory:") as store:
        ingester = Ingester(store, blank_nlp, Settings())
        ingester.run(_raws(seed_texts), today=TODAY)
        again = Ingester(store, blank_nlp, Settings()).run(_raws(seed_texts), today=TODAY)
        assert (again.stored, again.duplicates) == (0, 4)
        assert store.count_articles() == 3


def test_near_duplicate_across_runs_points_to_first_copy(seed_texts: list[str],
                                                         blank_nlp: Language) -> None:
    first = seed_texts[0]
    copy1 = first.replace("officials close to", "officials near")
    copy2 = copy1.replace("the sources said", "sources said")
    with Store(":memory:") as store:
        Ingester(store, blank_nlp, Settings()).run([RawArticle(first, "a", "text")], today=TODAY)
        Ingester(store, blank_nlp, Settings()).run([RawArticle(copy1, "b", "text")], today=TODAY)
        Ingester(store, blank_nlp, Settings()).run([RawArticle(copy2, "c", "text")], today=TODAY)
        a, b, c = store.articles()
        assert b.duplicate_of == a.id and c.duplicate_of == a.id


def test_overlong_article_is_refused_with_its_source(blank_nlp: Language) -> None:
    raw = RawArticle("word " * (MAX_ARTICLE_CHARS // 5 + 1), "huge.txt", "text")
    with Store(":memory:") as store:
        summary = Ingester(store, blank_nlp, Settings()).run([raw], today=TODAY)
        assert summary.stored == 0
        assert summary.failures[0].source == "huge.txt"
        assert "split it" in summary.failures[0].reason
