from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.records import Article, EntityMention, Published, Sentence
from storyline.store import Store, StoredBatch
from storyline.store.migrations import MIGRATIONS


def _article(text: str, **kw: object) -> Article:
    from storyline.ingest.dedup import article_id

    return Article(id=article_id(text), source="t.txt", text=text, format="text", **kw)  # type: ignore[arg-type]


def _batch(*articles: Article, **kw: object) -> StoredBatch:
    return StoredBatch(articles, kw.get("sources", ()), (), kw.get("sentences", ()),  # type: ignore[arg-type]
                       kw.get("mentions", ()))  # type: ignore[arg-type]


def test_migrations_run_once_and_record_version(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
    with Store(path) as store:  # reopening does not re-run migrations
        assert store.schema_version == len(MIGRATIONS)
    journal = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a storyline database"):
        Store(path)


def test_non_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just text " * 50)
    with pytest.raises(StoreError, match="not a storyline database"):
        Store(path)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "s.db")


def test_write_is_idempotent(store: Store) -> None:
    a = _article("Some text about talks in Paris.", title="Talks")
    sents = [Sentence(a.id, 0, 0, 31)]
    ments = [EntityMention(a.id, 25, 30, "Paris", "GPE")]
    for _ in range(2):
        store.write_batch(_batch(a, sentences=sents, mentions=ments))
    assert store.count_articles() == 1
    assert list(store.sentences(a.id)) == sents
    assert list(store.mentions(a.id)) == ments


def test_failed_batch_rolls_back(store: Store) -> None:
    good = _article("A good article.")
    bad = _article("An article whose duplicate_of points nowhere.", duplicate_of="missing")
    with pytest.raises(sqlite3.IntegrityError):
        store.write_batch(_batch(good, bad))
    assert store.count_articles() == 0


def test_search_finds_words_and_survives_bad_syntax(store: Store) -> None:
    a = _article("Negotiators met in Paris on Sunday over the hostages.", title="Paris talks")
    b = _article("Markets fell in Tokyo.", title="Markets")
    store.write_batch(_batch(a, b))
    hits = store.search("hostages")
    assert [h.article_id for h in hits] == [a.id]
    assert "[hostages]" in hits[0].snippet
    assert store.search('paris AND "') is not None  # unbalanced quote: no exception
    assert store.search("tokyo")[0].title == "Markets"


def test_original_of_follows_chain(store: Store) -> None:
    a = _article("first")
    b = _article("second", duplicate_of=a.id)
    c = _article("third", duplicate_of=b.id)
    store.write_batch(_batch(a, b, c))
    assert store.original_of(c.id) == a.id
    assert store.original_of(a.id) == a.id


_texts = st.text(min_size=1, max_size=200).filter(lambda t: t.strip() != "")
_opt = st.none() | st.text(max_size=40)


@settings(max_examples=60, deadline=None)
@given(text=_texts, title=_opt, outlet=_opt, via=st.lists(st.text(max_size=10), max_size=3),
       value=st.none() | st.dates().map(lambda d: d.isoformat()))
def test_article_round_trip(text: str, title: str | None, outlet: str | None, via: list[str],
                            value: str | None) -> None:
    article = _article(
        text, title=title, outlet=outlet, via=tuple(via),
        published=Published(value=value, earliest=value, source="user" if value else "unknown"),
        provenance=(("outlet", "text"),) if outlet else (),
    )
    with Store(":memory:") as store:
        store.write_batch(_batch(article))
        assert store.article(article.id) == article
        assert list(store.articles()) == [article]


def test_family_records_round_trip_in_document_order(store: Store) -> None:
    a = _article("Negotiators met on Friday; about 250 hostages were seized.")
    times = [{"article": a.id, "start": 19, "end": 25, "text": "Friday", "type": "DATE",
              "value": "2024-01-26"}]
    quotes = [{"article": a.id, "start": 0, "end": 10, "content": "x", "direct": True,
               "speaker": {"text": "a senior US official", "anonymous": True,
                           "affiliation": "US", "entity": None},
               "channel": "Axios", "via": ["Report"], "date": None}]
    figures = [{"article": a.id, "start": 27, "end": 36, "value": 250.0, "what": "hostages",
                "key": "hostages|seize", "claimant": None, "date": None}]
    batch = StoredBatch([a], (), (), (), (), {"times": times, "quotes": quotes,
                                             "figures": figures})
    store.write_batch(batch)
    store.write_batch(batch)  # idempotent
    assert list(store.records("times", a.id)) == times
    assert list(store.records("quotes")) == quotes
    assert list(store.records("figures", a.id)) == figures
    with pytest.raises(ValueError, match="unknown record family"):
        list(store.records("articles; DROP TABLE articles"))
