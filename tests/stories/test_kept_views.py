"""Story views are built once by ingest, kept in the store, and used while current."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline.cli import main
from storyline.store import Store
from storyline.stories import views
from storyline.stories.build import build_story
from storyline.web.app import create_app
from tests.conftest import REQUIRES_MODEL, SEEDS

pytestmark = REQUIRES_MODEL

FIRST, SECOND = sorted(SEEDS.glob("*.txt"))


def _ingest(db: Path, path: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("kept") / "seeds.db"
    _ingest(db, FIRST, "-q")
    _ingest(db, SECOND, "-q", "--date", "2024-05-25")
    return db


def _copy(db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copy(db, target)
    return target


def _roundtrip(value: Any) -> Any:
    return json.loads(json.dumps(value))


def test_ingest_keeps_a_current_view_of_every_story(seeds_db: Path) -> None:
    with Store(seeds_db) as store:
        members = store.story_members()
        rows = store.story_view_rows()
        assert set(rows) == set(members)
        for story_id, ids in members.items():
            assert rows[story_id][0] == views.stamp(ids)
            kept = views.kept_text(store, story_id, "view")
            assert kept is not None
            assert json.loads(kept) == _roundtrip(build_story(store, story_id))


def test_the_kept_listing_row_matches_a_computed_one(seeds_db: Path, tmp_path: Path) -> None:
    with Store(_copy(seeds_db, tmp_path)) as store:
        kept = views.story_listing(store)
        store.drop_story_views(store.story_ids())
        assert views.story_listing(store) == kept
        assert store.story_view_rows() == {}


def test_the_page_digest_cuts_lists_but_keeps_their_counts() -> None:
    quotes = [{"party": "Hamas", "quotes": [{"n": i} for i in range(100)]}]
    quotes += [{"party": f"party {i}", "quotes": [{"n": 0}]} for i in range(60)]
    series = [{"key": f"figure {i}", "points": [{"value": 1}] * 3} for i in range(50)]
    view = {"events": [{"id": i} for i in range(500)], "whats_new": [], "quotes": quotes,
            "figure_history": series,
            "entities": [{"id": "e", "name": "X", "mentions": [{}, {}], "evidence": [1]}]}
    page = views.page_view(view, [{"id": "e", "name": "X"}, {"id": "o", "name": "AFP"}])
    assert len(page["events"]) == views.PAGE_KEEPS["events"]
    assert page["counts"] == {"events": 500, "whats_new": 0, "entities": 1}
    assert page["quotes"][0]["count"] == 100
    assert len(page["quotes"][0]["quotes"]) == views.PAGE_KEEPS["quotes"]
    assert [g["count"] for g in page["quotes"]] == [100] + [1] * 60
    parties = views.PAGE_KEEPS["parties"]
    assert page["quotes"][parties - 1]["quotes"] and not page["quotes"][parties]["quotes"]
    kept = views.PAGE_KEEPS["series"]
    assert [len(s["points"]) for s in page["figure_history"]] == [3] * kept + [0] * (50 - kept)
    assert {s["count"] for s in page["figure_history"]} == {3}
    assert page["entities"] == [{"id": "e", "name": "X", "mention_count": 2}]
    assert page["names"] == {"e": "X", "o": "AFP"}


def test_the_web_page_never_shows_more_than_the_digest_keeps() -> None:
    from storyline.web.pages import SHOW

    for key, kept in views.PAGE_KEEPS.items():
        assert SHOW[key] <= kept, key


def test_a_story_page_is_served_from_the_kept_view(seeds_db: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = _copy(seeds_db, tmp_path)
    with Store(db) as store:
        story_id = store.story_ids()[0]
        article = store.story_article_ids(story_id)[0]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the story was built again instead of read")

    monkeypatch.setattr(views, "build_story", refuse)
    monkeypatch.setattr(views, "resolve_local", refuse)
    client = TestClient(create_app(db))
    for url in (f"/story/{story_id}", f"/api/stories/{story_id}", f"/article/{article}",
                f"/api/stories/{story_id}/timeline", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Burns" in client.get(f"/story/{story_id}").text


def test_a_stale_view_is_not_used_and_refresh_rebuilds_it(seeds_db: Path,
                                                         tmp_path: Path) -> None:
    db = _copy(seeds_db, tmp_path)
    with Store(db) as store:
        story_id = store.story_ids()[0]
        before = views.kept_text(store, story_id, "view")
        assert before is not None
        # the story changes without its view being rebuilt: an article moves out
        moved = store.story_article_ids(story_id)[-1]
        store.assign_stories([(moved, "story-elsewhere")])
        assert views.kept_text(store, story_id, "view") is None
        fresh = views.story_view(store, story_id)
        assert fresh is not None and moved not in fresh["articles"]
        assert views.refresh_views(store) == 2  # the shrunken story and the new one
        assert views.kept_text(store, story_id, "view") is not None
        assert views.refresh_views(store) == 0  # nothing stale any more


def test_no_views_leaves_building_to_the_next_ingest(tmp_path: Path) -> None:
    db = tmp_path / "later.db"
    out = _ingest(db, FIRST, "--no-views")
    assert "stored 1" in out
    with Store(db) as store:
        assert store.story_view_rows() == {}
        assert views.build_views(store, store.story_ids()[0]) is not None  # built on demand
    _ingest(db, SECOND, "-q", "--date", "2024-05-25")
    with Store(db) as store:
        assert set(store.story_view_rows()) == set(store.story_ids())


def test_views_of_vanished_stories_are_dropped(seeds_db: Path, tmp_path: Path) -> None:
    db = _copy(seeds_db, tmp_path)
    with Store(db) as store:
        store.put_story_view("story-gone", "stamp", {"id": "story-gone"}, {"view": {}})
        assert "story-gone" in store.story_view_rows()
        views.refresh_views(store)
        assert "story-gone" not in store.story_view_rows()
        assert store.story_view_text("story-gone", "view") is None
