"""Story parts over plain records: merging reports, timeline, figures, novelty, disagreements."""

from __future__ import annotations

from typing import Any

from storyline.export.markdown import timelinejs
from storyline.records import Article, Published
from storyline.stories.disagree import disagreements, party_of
from storyline.stories.merge import merge_events, origin_of
from storyline.stories.novelty import whats_new
from storyline.stories.series import figure_history
from storyline.stories.summary import title_and_summary
from storyline.stories.timeline import build_timeline, date_label


def _article(aid: str, date: str | None, outlet: str | None = None,
             via: tuple[str, ...] = (), duplicate_of: str | None = None,
             text: str = "") -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, format="text", outlet=outlet,
                   via=via, published=Published(value=date, source="user" if date else "unknown"),
                   duplicate_of=duplicate_of)


def _event(article: str, start: int, etype: str = "CONSULT", date: str | None = "2024-01-28",
           precision: str | None = "day", actors: tuple[str, ...] = ("CIA",),
           status: str = "happened", place: str | None = "Paris") -> dict[str, Any]:
    return {"article": article, "start": start, "end": start + 7, "trigger": "meeting",
            "type": etype, "mode": None, "cameo": "040",
            "actors": [{"text": a, "start": 0, "end": 3, "code": None, "entity": None}
                       for a in actors],
            "targets": [], "status": status,
            "location": {"text": place, "start": 0, "end": 5} if place else None,
            "date": {"value": date, "precision": precision, "relation": None}}


ARTICLES = {
    "a": _article("a", "2024-01-28", "Reuters"),
    "b": _article("b", "2024-01-29", "Report", via=("Reuters",)),
    "c": _article("c", "2024-01-29", "AFP"),
    "d": _article("d", "2024-01-30", "Reuters", duplicate_of="a"),
}


def test_origin_counts_relays_and_copies_as_their_source() -> None:
    assert origin_of(ARTICLES["b"], ARTICLES) == "reuters"
    assert origin_of(ARTICLES["d"], ARTICLES) == "reuters"
    assert origin_of(ARTICLES["c"], ARTICLES) == "afp"


def test_reports_of_one_meeting_merge_and_count_independent_sources() -> None:
    events = merge_events([_event("a", 10), _event("b", 20), _event("c", 30),
                           _event("d", 10)], ARTICLES)
    assert len(events) == 1
    assert len(events[0]["mentions"]) == 4
    assert events[0]["sources"] == 2  # Reuters (with its relay and copy) and AFP
    assert events[0]["first_reported"] == "2024-01-28"


def test_different_dates_places_types_or_actors_stay_apart() -> None:
    found = merge_events([
        _event("a", 10),
        _event("a", 50, date="2024-05-24"),
        _event("a", 90, place="Cairo"),
        _event("a", 130, etype="AGREE"),
        _event("a", 170, actors=("Hamas",)),
    ], ARTICLES)
    assert len(found) == 5


def test_a_coarser_date_is_compatible_and_the_finer_one_kept() -> None:
    found = merge_events([_event("a", 10, date="2024-01", precision="month"),
                          _event("c", 10)], ARTICLES)
    assert len(found) == 1
    assert found[0]["date"]["value"] == "2024-01-28"


def test_a_denial_never_merges_with_the_event() -> None:
    found = merge_events([_event("a", 10), _event("c", 10, status="negated")], ARTICLES)
    assert len(found) == 2


def test_timeline_orders_by_event_date_and_places_undated_honestly() -> None:
    text = "Burns met Barnea in Paris. Hamas attacked Israel. They talked again."
    sentences = {"a": [(0, 26, text[0:26]), (27, 49, text[27:49]), (50, 69, text[50:69])]}
    events = merge_events([
        _event("a", 0),
        _event("a", 27, etype="ASSAULT", date="2023-10-07", actors=("Hamas",),
               status="historical", place=None),
        _event("a", 50, date=None, precision=None, actors=("They",), place=None),
        _event("a", 28, etype="AGREE", status="proposed", actors=("X",), place=None),
    ], ARTICLES)
    timeline = build_timeline(events, ARTICLES, sentences)
    assert [e["label"] for e in timeline] == ["2023-10-07", "before 2024-01-28", "2024-01-28"]
    assert timeline[0]["text"] == "Hamas attacked Israel."
    assert timeline[0]["sentence"] == {"article": "a", "start": 27, "end": 49}
    assert all(e["status"] != "proposed" for e in timeline)


def test_date_labels() -> None:
    assert date_label("2023-11", "month") == "November 2023"
    assert date_label("2024", "year") == "2024"
    assert date_label(None, None) == "undated"


def _figure(article: str, value: float, key: str, claimant: str | None,
            date: str | None, text: str) -> dict[str, Any]:
    return {"article": article, "start": 0, "end": len(text), "text": text, "value": value,
            "low": None, "high": None, "qualifier": None, "unit": None, "what": "hostages",
            "key": key, "claimant": claimant, "date": date}


def test_figure_history_follows_a_quantity_and_shows_conflicts() -> None:
    history = figure_history([
        _figure("a", 250, "hostages|seize", None, "2023-10-07", "about 250"),
        _figure("a", 132, "hostages|remain", "Israel", "2024-01-28", "around 132"),
        _figure("c", 136, "hostages|remain", "Hamas", "2024-01-28", "136"),
    ], {"a": "2024-01-28", "c": "2024-01-29"})
    assert len(history) == 1 and history[0]["key"] == "hostages"
    points = history[0]["points"]
    assert [p["value"] for p in points] == [250, 132, 136]
    assert points[1]["conflicts_with"] == ["136"] and points[0]["conflicts_with"] == []
    assert history[0]["conflicts"] == 2


def _quote(article: str, party: str | None, content: str, text: str = "an official",
           date: str = "2024-05-24") -> dict[str, Any]:
    return {"article": article, "start": 0, "end": len(content), "content": content,
            "direct": False, "date": date,
            "speaker": {"text": text, "anonymous": True, "affiliation": party}}


def test_disagreements_put_parties_on_one_matter_side_by_side() -> None:
    found = disagreements([
        _quote("b", "Israeli", "negotiations will resume within the next week"),
        _quote("b", "US", "the resumption of negotiations was discussed but no date was set"),
        _quote("b", "Hamas", "the group will not resume negotiations while the war goes on"),
        _quote("b", "US", "there is progress"),
        _quote("b", None, "a source said the weather was cold"),
    ])
    assert found, "no disagreement found"
    first = found[0]
    assert {"negoti", "resum"} <= set(first["matter"])
    assert [p["party"] for p in first["positions"]] == ["Israel", "United States", "Hamas"]


def test_outlets_and_unaffiliated_sources_are_not_parties() -> None:
    assert party_of({"speaker": {"text": "the sources", "anonymous": True}}) is None
    found = disagreements([
        _quote("a", None, "talks will resume soon", text="The New York Times"),
        _quote("a", "Hamas", "talks will not resume"),
    ])
    assert found == []


def test_positions_months_apart_are_not_one_exchange() -> None:
    found = disagreements([
        _quote("a", "Israeli", "negotiations will resume", date="2024-01-28"),
        _quote("b", "Hamas", "negotiations will not resume", date="2024-05-24"),
    ])
    assert found == []


def test_whats_new_lists_first_reports_and_calls_rewrites_nothing_new() -> None:
    order = [ARTICLES["a"], ARTICLES["c"], ARTICLES["d"]]
    events = merge_events([_event("a", 10), _event("c", 10),
                           _event("c", 90, date="2024-05-24")], ARTICLES)
    actors = {"a": [{"id": "e1", "name": "Burns"}],
              "c": [{"id": "e1", "name": "Burns"}, {"id": "e2", "name": "Barnea"}]}
    quotes = [_quote("a", "US", "progress was made"), _quote("c", "Hamas", "talks will not resume"),
              _quote("c", "US", "progress was made", text="a US official")]
    figures = [_figure("a", 132, "hostages|remain", "Israel", None, "132"),
               _figure("c", 132, "hostages|remain", "Israel", None, "132")]
    new = whats_new(order, events, quotes, figures, actors)
    assert [len(e["events"]) for e in new] == [1, 1, 0]
    assert new[1]["events"][0]["date"]["value"] == "2024-05-24"
    assert [a["name"] for a in new[1]["actors"]] == ["Barnea"]
    assert new[1]["figures"] == []  # the same figure again is not news
    assert [q["content"] for q in new[1]["quotes"]] == ["talks will not resume"]
    assert new[1]["speakers"] == ["an official"]  # the Hamas one; US was heard before
    assert new[2]["nothing_new"] and new[2]["rewrite_of"] == "a"


def test_title_and_summary_are_extractive() -> None:
    text = ("Hostage talks resumed in Paris on Friday with CIA and Mossad chiefs. "
            "The weather was mild. Hostage talks in Paris drew CIA and Mossad chiefs again.")
    a = _article("a", "2024-01-28", text=text)
    sentences = {"a": [(0, 68, text[0:68]), (69, 90, text[69:90]), (91, len(text),
                                                                     text[91:])]}
    title, summary = title_and_summary([a], sentences)
    assert title.startswith("Hostage talks")
    assert summary[0]["text"] in text


def test_timelinejs_escapes_article_html() -> None:
    story = {"title": "<b>t</b>", "timeline": [{
        "date": "2024-01-28", "label": "2024-01-28", "type": "CONSULT", "status": "happened",
        "text": "<script>alert(1)</script>", "event": "evt-1"}]}
    out = timelinejs(story)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '"day": "28"' in out
