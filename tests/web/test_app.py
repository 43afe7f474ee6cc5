"""The web app on the seeds: every page and API endpoint, exports, 404s, escaping, serve."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline.cli import main
from storyline.commands.serve import is_loopback, serve_command
from storyline.errors import InputError
from storyline.web import create_app, pages
from storyline.web.state import WebState
from tests.conftest import REQUIRES_MODEL
from tests.web.conftest import HOSTILE, IMG, SCRIPT, SEEDS_STORY

pytestmark = REQUIRES_MODEL


class Page(HTMLParser):
    """Links, element ids and classes of one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.tags.append((tag, found))
        if "id" in found:
            self.ids.add(found["id"])
        if "href" in found:
            self.links.append(found["href"])

    def with_class(self, name: str, tag: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.tags
                if name in a.get("class", "").split() and tag in (None, t)]


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def story(web_db: Path) -> dict[str, Any]:
    """What `storyline story ID --format json` prints: the API must return the same."""
    result = CliRunner().invoke(main, ["story", SEEDS_STORY, "--db", str(web_db),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


@pytest.fixture(scope="module")
def story_html(client: TestClient) -> str:
    response = client.get(f"/story/{SEEDS_STORY}")
    assert response.status_code == 200
    return response.text


def _section(html: str, section: str) -> str:
    start = html.index(f'<section id="{section}"')
    end = html.find('<section id="', start + 10)
    return html[start:end if end > 0 else len(html)]


# -- pages ---------------------------------------------------------------------------------
def test_the_stories_list_shows_the_seeds_story_and_filters_it(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/story/{SEEDS_STORY}"' in page.text
    assert "2 articles" in page.text
    for query, shown in (("actor=Burns", True), ("actor=Nobody+Atall", False),
                         ("from=2024-05-01&to=2024-06-30", True), ("from=2025-01-01", False),
                         ("outlet=Reuters", True), ("outlet=Wikinews", False)):
        found = client.get(f"/?{query}")
        assert found.status_code == 200
        assert (f'href="/story/{SEEDS_STORY}"' in found.text) is shown, query
    bad = client.get("/?from=yesterday")
    assert bad.status_code == 200 and "is not a date" in bad.text


def test_the_story_page_shows_the_timeline_from_the_attack_to_the_paris_meeting(
        story_html: str, story: dict[str, Any]) -> None:
    timeline = _section(story_html, "timeline")
    assert "<svg" in timeline  # the visual timeline, drawn on the server
    labels = re.findall(r'<time class="tl-date" datetime="([^"]+)">', timeline)
    assert labels[0] == "2023-10-07"
    assert "2024-05-24" in labels
    assert len(labels) == len(story["timeline"])
    for entry in story["timeline"]:
        sentence = entry["sentence"]
        assert f'href="/article/{sentence["article"]}#s-{sentence["start"]}"' in timeline


def test_a_long_timeline_is_shown_a_page_at_a_time(client: TestClient, story: dict[str, Any],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(pages.SHOW, "timeline", 5)
    second = client.get(f"/story/{SEEDS_STORY}", params={"timeline": 2}).text
    numbers = re.findall(r'<li id="t-(\d+)"', second)
    assert numbers == ["6", "7", "8", "9", "10"]
    assert f"Entries 6–10 of {len(story['timeline'])}" in second
    assert 'href="?timeline=1#timeline"' in second and 'href="?timeline=3#timeline"' in second
    last = client.get(f"/story/{SEEDS_STORY}", params={"timeline": 999}).text
    assert re.findall(r'<li id="t-(\d+)"', last)[-1] == str(len(story["timeline"]))


def test_the_story_page_puts_the_israeli_us_and_hamas_quotes_side_by_side(
        story_html: str) -> None:
    disagreements = _section(story_html, "disagreements")
    sides = re.findall(r'<div class="side">\s*<h4>([^<]+)</h4>', disagreements)
    assert {"Israel", "United States", "Hamas"} <= set(sides)
    assert "will not resume the hostage deal negotiations" in disagreements
    quotes = _section(story_html, "quotes")
    for party in ("Israel", "United States", "Hamas"):
        assert re.search(rf'<h3 id="party-\d+">{party} <span class="count">', quotes), party
    # a position taken rather than words said is marked as such
    card = re.search(r'<figure class="quote">\s*<p class="paraphrase">a hostage deal as the only'
                     r'.*?</figure>', quotes, re.S)
    assert card is not None and '<span class="tag"' in card.group(0)
    assert ">stance</span>" in card.group(0)


def test_the_story_page_charts_the_hostage_figures(story_html: str) -> None:
    figures = _section(story_html, "figures")
    assert 'id="series-1">hostages' in figures
    assert 'class="chart figure-chart"' in figures
    for text in ("about 250", "around 132", "more than 100", "at least 28"):
        assert text in figures, text
    assert "New York Times" in figures  # a claimant


def test_the_story_page_names_the_sources_and_their_relays(story_html: str) -> None:
    sources = _section(story_html, "sources")
    assert 'class="chart relay-graph"' in sources
    for outlet in ("Reuters", "AFP", "Axios", "Report"):
        assert f">{outlet}</text>" in sources, outlet
    assert "Axios → Report" in sources


def test_the_story_page_shows_actors_roles_and_what_each_article_added(
        story_html: str) -> None:
    actors = _section(story_html, "actors")
    assert "William Burns" in actors and "director of CIA" in actors
    assert "Bill Burns" in actors
    assert "What each article added" in story_html
    assert "New actors" in _section(story_html, "whats-new")


def test_every_timeline_entry_quote_figure_and_event_is_one_click_from_its_sentence(
        client: TestClient, story_html: str) -> None:
    links = [link for link in Page(story_html).links if link.startswith("/article/")
             and "#" in link]
    assert len(links) > 40
    anchors: dict[str, set[str]] = {}
    for link in links:
        path, anchor = link.split("#")
        if path not in anchors:
            response = client.get(path)
            assert response.status_code == 200, path
            anchors[path] = Page(response.text).ids
        assert anchor in anchors[path], link
    for section in ("timeline", "quotes", "figures", "events"):
        assert "/article/" in _section(story_html, section), section


def test_the_article_page_highlights_every_record_with_its_card(client: TestClient,
                                                                  story: dict[str, Any]) -> None:
    article = story["articles"][0]
    page = Page(client.get(f"/article/{article}").text)
    for kind in ("entity", "time", "quote", "figure", "event"):
        marks = page.with_class(f"hl-{kind}", "mark")
        assert marks, kind
        for mark in marks:
            assert mark["data-ref"] in page.ids  # the card it shows on hover/focus
            assert mark["tabindex"] == "0" and mark["title"]
    assert "s-0" in page.ids
    assert {"c-1943", "c-1978"} <= page.ids  # "about 250" and "around 132" hostages
    assert len(page.with_class("card")) >= 60


def test_the_entity_page_shows_roles_quotes_events_and_stories(client: TestClient,
                                                               story_html: str) -> None:
    burns = next(link for link in Page(story_html).links if link.startswith("/entity/")
                 and "William Burns" in story_html.split(f'href="{link}"')[1][:40])
    page = client.get(burns)
    assert page.status_code == 200
    assert "<h1>William Burns</h1>" in page.text
    assert "director of CIA" in page.text and "Bill Burns" in page.text
    assert f'href="/story/{SEEDS_STORY}"' in page.text
    assert 'class="chart role-chart"' in page.text
    hamas = client.get(burns.rsplit("/", 1)[0] + "/" + _entity_id(client, "Hamas"))
    assert "will not resume" in hamas.text  # the Hamas official's quote


def _entity_id(client: TestClient, name: str) -> str:
    found = client.get("/api/entities", params={"q": name, "story": SEEDS_STORY}).json()
    return str(next(e["id"] for e in found["items"] if e["name"] == name))


def test_search_finds_articles_entities_and_survives_odd_queries(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Doha"})
    assert page.status_code == 200
    assert "<mark>Doha</mark>" in page.text
    assert f'href="/story/{SEEDS_STORY}"' in page.text
    assert client.get("/search", params={"q": "Burns"}).text.count('href="/entity/') >= 1
    for odd in ('"unbalanced', "AND OR (", "*", "a" * 400):
        assert client.get("/search", params={"q": odd}).status_code == 200, odd
    assert client.get("/search").status_code == 200


# -- exports ---------------------------------------------------------------------------------
def test_the_story_exports(client: TestClient, story: dict[str, Any]) -> None:
    report = client.get(f"/story/{SEEDS_STORY}/report.md")
    assert report.status_code == 200 and report.text.startswith("# ")
    assert report.headers["content-type"].startswith("text/markdown")
    timeline = client.get(f"/story/{SEEDS_STORY}/timeline.json").json()
    assert len(timeline["events"]) == len(story["timeline"])
    for table, column in (("events", "trigger"), ("quotes", "speaker.text"),
                          ("figures", "qualifier")):
        csv = client.get(f"/story/{SEEDS_STORY}/{table}.csv")
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        header, *rows = csv.text.splitlines()
        assert column in header.split(",") and rows, table
    assert client.get(f"/story/{SEEDS_STORY}/secrets.csv").status_code == 404


# -- API ------------------------------------------------------------------------------------
def test_the_api_returns_the_same_story_as_the_cli(client: TestClient,
                                                   story: dict[str, Any]) -> None:
    assert client.get(f"/api/stories/{SEEDS_STORY}").json() == story
    timeline = client.get(f"/api/stories/{SEEDS_STORY}/timeline").json()
    assert timeline["items"] == story["timeline"] and timeline["total"] == len(story["timeline"])
    stories = client.get("/api/stories").json()
    row = next(r for r in stories["items"] if r["id"] == SEEDS_STORY)
    assert row["articles"] == 2 and row["first"] == "2024-01-28"
    assert client.get("/api/stories", params={"actor": "Hamas"}).json()["total"] >= 1


def test_api_lists_paginate(client: TestClient, story: dict[str, Any]) -> None:
    events = client.get("/api/events", params={"story": SEEDS_STORY, "limit": 1000}).json()
    assert events["items"] == story["events"]
    second = client.get("/api/events", params={"story": SEEDS_STORY, "limit": 2,
                                               "offset": 1}).json()
    assert second["items"] == story["events"][1:3] and second["total"] == len(story["events"])
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422


def test_api_records_use_the_contract_field_names(client: TestClient,
                                                  story: dict[str, Any]) -> None:
    first = story["articles"][0]
    article = client.get(f"/api/articles/{first}").json()
    assert article["article"]["id"] == first and article["article"]["story"] == SEEDS_STORY
    assert {"published", "outlet", "via", "text", "duplicate_of"} <= set(article["article"])
    for family in ("times", "quotes", "figures", "events", "sentences", "entities"):
        assert article[family], family
    quotes = client.get("/api/quotes", params={"story": SEEDS_STORY, "limit": 1000}).json()
    assert quotes["total"] == sum(len(g["quotes"]) for g in story["quotes"])
    assert {"speaker", "content", "cue", "channel", "via", "direct"} <= set(quotes["items"][0])
    figures = client.get("/api/figures", params={"article": first, "limit": 1000}).json()
    assert {"value", "low", "high", "qualifier", "what", "claimant"} <= set(figures["items"][0])
    entities = client.get("/api/entities", params={"q": "Burns"}).json()["items"]
    burns = next(e for e in entities if e["name"] == "William Burns")
    assert {"id", "name", "type", "aliases", "roles", "mentions", "stories"} <= set(burns)
    one = client.get(f"/api/entities/{burns['id']}").json()
    assert one["stories"] == [SEEDS_STORY]
    said = client.get("/api/quotes", params={"entity": _entity_id(client, "Hamas")}).json()
    assert said["total"] >= 1
    listed = client.get("/api/articles", params={"limit": 2}).json()
    assert listed["total"] == 3 and len(listed["items"]) == 2
    hits = client.get("/api/search", params={"q": "Mossad"}).json()
    assert {h["story"] for h in hits["items"]} == {SEEDS_STORY}


def test_openapi_describes_every_endpoint_and_no_page_loads_a_cdn(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/timeline",
            "/api/articles", "/api/articles/{article_id}", "/api/entities",
            "/api/entities/{entity_id}", "/api/quotes", "/api/figures", "/api/events",
            "/api/search"} <= paths
    assert not any(p.startswith(("/story", "/article", "/entity")) for p in paths)
    assert client.get("/docs").status_code == 404  # Swagger UI would need a CDN
    api = client.get("/api")
    assert api.status_code == 200 and "/api/quotes" in api.text


# -- errors and security ----------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/story/story-nope", "/article/nope", "/entity/ent-nope",
                                  "/no/such/page", "/story/story-nope/report.md"])
def test_unknown_ids_get_one_clean_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text
    assert response.text.count('<p class="lede">') == 1


@pytest.mark.parametrize("path", ["/api/stories/story-nope", "/api/articles/nope",
                                  "/api/entities/ent-nope", "/api/quotes?story=story-nope",
                                  "/api/events?article=nope", "/api/nothing"])
def test_unknown_ids_in_the_api_get_a_json_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_every_response_forbids_other_origins(client: TestClient) -> None:
    for path in ("/", f"/story/{SEEDS_STORY}", "/api/stories", "/static/style.css",
                 "/story/nope"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"
    html = client.get(f"/story/{SEEDS_STORY}").text
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert client.get("/static/app.js").status_code == 200


def test_the_app_never_writes_the_database(web_db: Path, client: TestClient) -> None:
    before = hashlib.sha256(web_db.read_bytes()).hexdigest()
    for path in ("/", f"/story/{SEEDS_STORY}", "/api/entities", "/search?q=Paris"):
        assert client.get(path).status_code == 200
    assert client.post("/api/stories").status_code == 405
    assert hashlib.sha256(web_db.read_bytes()).hexdigest() == before


def test_story_views_are_built_once_and_can_be_prepared_ahead(web_db: Path) -> None:
    state = WebState(web_db)
    state.warm(1)
    with state.store() as store:
        first = state.story(store, SEEDS_STORY)
        assert first is not None and state.story(store, SEEDS_STORY) is first
        assert state.story(store, "story-nope") is None
        data = state.story_json(store, SEEDS_STORY)
        assert data is not None and json.loads(data) == first


def test_no_database_no_app(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such database"):
        create_app(tmp_path / "missing.db")


# -- hostile article text -----------------------------------------------------------------------
def test_hostile_markup_is_shown_as_text_on_every_page(client: TestClient) -> None:
    articles = client.get("/api/articles", params={"limit": 10}).json()["items"]
    hostile = next(a for a in articles if a["title"] == HOSTILE["title"])
    pages = ["/", f"/story/{hostile['story']}", f"/article/{hostile['id']}",
             "/search?q=Springfield", "/search?q=alert", "/search?q=script",
             f"/story/{hostile['story']}/report.md"]
    entities = client.get("/api/entities", params={"story": hostile["story"]}).json()["items"]
    assert entities
    pages += [f"/entity/{e['id']}" for e in entities]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert SCRIPT not in response.text, path
        assert IMG not in response.text, path
        assert 'href="javascript:' not in response.text.casefold(), path
    article = client.get(f"/article/{hostile['id']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert "original page" not in article  # its javascript: URL is not made a link


# -- storyline serve --------------------------------------------------------------------------
@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("192.168.1.10", False), ("::", False),
    ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_a_public_address_without_allow_remote(web_db: Path) -> None:
    result = CliRunner().invoke(serve_command, ["--db", str(web_db), "--host", "0.0.0.0"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "--allow-remote" in lines[0]


def test_serve_needs_an_existing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve_command, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'none.db'}: no such database; run `storyline ingest` first"]


def test_serve_runs_uvicorn_on_the_address_asked(web_db: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    for args in (["--port", "8123", "--warm", "0"],
                 ["--host", "0.0.0.0", "--allow-remote", "--warm", "0"]):
        result = CliRunner().invoke(serve_command, ["--db", str(web_db), *args])
        assert result.exit_code == 0, result.output
    assert [(c["host"], c["port"]) for c in calls] == [("127.0.0.1", 8123), ("0.0.0.0", 8000)]
