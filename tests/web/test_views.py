"""The web app's pure parts: nesting highlights, chart geometry, the relay graph, filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.web.charts import date_span, figure_chart, nice_ticks, role_chart, timeline_chart
from storyline.web.highlight import RANK, Mark, Node, nest, plain
from storyline.web.pages import first_words, snippet_parts
from storyline.web.relays import relay_graph
from storyline.web.state import filter_stories

KINDS = sorted(RANK)


@st.composite
def texts_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet="ab <>&\n", max_size=60))
    spans = st.tuples(st.sampled_from(KINDS), st.integers(-5, 70), st.integers(-5, 70))
    marks = [Mark(kind, start, end, f"r-{i}")
             for i, (kind, start, end) in enumerate(draw(st.lists(spans, max_size=12)))]
    return text, marks


def _walk(nodes: list[Node | str], depth: int = 0) -> list[tuple[Node, int]]:
    found = []
    for node in nodes:
        if isinstance(node, Node):
            found.append((node, depth))
            found += _walk(node.children, depth + 1)
    return found


@given(texts_and_marks())
def test_nesting_keeps_the_text_and_gives_each_anchor_once(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    tree = nest(text, marks)
    assert plain(tree) == text
    anchors = [n.anchor for n, _ in _walk(tree) if n.anchor]
    assert len(anchors) == len(set(anchors))
    for node, _ in _walk(tree):
        # a child never outranks its parent: sentences stay outermost
        for child in node.children:
            if isinstance(child, Node):
                assert RANK[child.mark.kind] >= RANK[node.mark.kind]


def test_a_mark_crossing_a_sentence_end_is_split_and_anchored_once() -> None:
    text = "One two. Three four."
    tree = nest(text, [Mark("sentence", 0, 8), Mark("sentence", 9, 20),
                       Mark("quote", 4, 14, "r-1")])
    pieces = [n for n, _ in _walk(tree) if n.mark.kind == "quote"]
    assert [n.anchor for n in pieces] == ["c-4", None, None]
    assert [n.anchor for n, depth in _walk(tree) if depth == 0] == ["s-0", None, "s-9"]


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2024-01-28", "2024-01-28", "2024-01-28"), ("2023-11", "2023-11-01", "2023-11-30"),
    ("2024-W05", "2024-01-29", "2024-02-04"), ("2024", "2024-01-01", "2024-12-31"),
    ("2024-Q2", "2024-04-01", "2024-06-30"), ("2023-12", "2023-12-01", "2023-12-31"),
])
def test_date_spans(value: str, first: str, last: str) -> None:
    assert date_span(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize("value", [None, "", "PAST_REF", "XXXX-05", "2024-13-45"])
def test_no_span_for_vague_dates(value: str | None) -> None:
    assert date_span(value) is None


def _entry(date: str, relation: str = "on", status: str = "happened") -> dict[str, Any]:
    return {"date": date, "relation": relation, "status": status, "label": date,
            "type": "CONSULT", "text": "<b>met</b>", "sentence": {"article": "a", "start": 0}}


def test_timeline_markers_keep_their_numbers_and_never_overlap_in_a_lane() -> None:
    entries = [_entry("2024-01-28")] * 5 + [_entry("2023-11"), _entry("2024-05-25", "before"),
                                             _entry("PAST_REF")]
    chart = timeline_chart(entries, lambda e: "/article/a#s-0")
    assert chart is not None
    assert sorted(m.number for m in chart.markers) == [1, 2, 3, 4, 5, 6, 7]  # 8 is undated
    same_day = [m for m in chart.markers if m.number <= 5]
    assert len({m.y for m in same_day}) == 5
    assert {m.shape for m in chart.markers} == {"day", "range", "before"}
    assert all(m.y < chart.axis_y for m in chart.markers)
    assert timeline_chart([_entry("PAST_REF")], lambda e: "") is None


def test_figure_charts_draw_hedges_as_bounds_and_ring_conflicts() -> None:
    series = {"key": "hostages", "points": [
        {"value": 100, "low": 100, "qualifier": "more than", "date": "2024-01-27",
         "label": "2024-01-27", "text": "more than 100", "article": "a", "start": 1},
        {"value": 250, "qualifier": "about", "date": "2024-01-28", "label": "2024-01-28",
         "text": "about 250", "article": "a", "start": 2, "conflicts_with": ["300"]},
        {"value": 15, "low": 10, "high": 20, "qualifier": "between", "date": "2024-02-01",
         "label": "2024-02-01", "text": "10 to 20", "article": "a", "start": 3},
        {"value": "n/a", "date": "2024-02-01"}]}
    chart = figure_chart(series, lambda p: f"#c-{p['start']}")
    assert chart is not None
    assert [(p.hedge, p.conflict) for p in chart.points] == [
        ("lower", False), ("about", True), ("range", False)]
    assert chart.y_ticks[-1][1] == "300" and chart.y_ticks[0][1] == "0"
    assert chart.points[2].y_low > chart.points[2].y_high  # the low end is drawn lower
    assert nice_ticks(0) == [0.0, 1.0]


def test_roles_over_time() -> None:
    chart = role_chart([{"title": "director", "of": "CIA", "dates": ["2024-01-28",
                                                                     "2024-05-25"],
                         "articles": ["a", "b"]}, {"title": "envoy", "dates": []}])
    assert chart is not None and len(chart.bars) == 1
    bar = chart.bars[0]
    assert bar.label == "director of CIA" and bar.x2 > bar.x
    assert "2 articles" in bar.title
    assert role_chart([]) is None


def test_the_relay_graph_runs_from_the_original_to_the_publisher() -> None:
    story = {"sources": {"outlets": [{"outlet": "Report"}, {"outlet": "Reuters"}],
                         "relays": [{"from": "Axios", "to": "Report"}]},
             "quotes": [{"quotes": [
                 {"chain": [{"role": "speaker", "text": "A Hamas official"},
                            {"role": "channel", "text": "Axios"},
                            {"role": "outlet", "text": "Report"}]},
                 {"chain": [{"role": "source", "text": "unidentified US officials"},
                            {"role": "speaker", "text": "The New York Times"},
                            {"role": "outlet", "text": "Reuters"}]},
                 {"chain": [{"role": "speaker", "text": "officials"},
                            {"role": "channel", "text": "reporters"},
                            {"role": "outlet", "text": "Reuters"}]}]}]}
    graph = relay_graph(story)
    assert graph is not None
    nodes = {n.name: n for n in graph.nodes}
    assert set(nodes) == {"Axios", "Report", "Reuters", "The New York Times"}
    assert nodes["Axios"].x < nodes["Report"].x and nodes["Report"].publisher
    assert not nodes["Axios"].publisher
    titles = sorted(e.title for e in graph.edges)
    assert titles == ["Axios → Report: 1 article credit, 1 quote",
                      "The New York Times → Reuters: 1 quote"]
    assert nodes["Axios"].y < nodes["The New York Times"].y  # ordered like their targets
    assert relay_graph({"sources": {"outlets": [], "relays": []}, "quotes": []}) is None


def test_story_filters() -> None:
    rows = [{"id": "a", "first": "2024-01-28", "last": "2024-05-25", "outlets": ["Reuters"]},
            {"id": "b", "first": None, "last": None, "outlets": []}]
    names = {"a": {"william burns", "bill burns"}}

    def ids(**kw: Any) -> list[str]:
        return [str(r["id"]) for r in filter_stories(rows, names, **kw)]

    assert ids() == ["a", "b"]
    assert ids(date_from="2024-05-25") == ["a"] and ids(date_from="2024-05-26") == []
    assert ids(date_to="2024") == ["a"] and ids(date_to="2023-12-31") == []
    assert ids(actor="  Bill   BURNS ") == ["a"] and ids(actor="Barnea") == []
    assert ids(outlet="Reuters") == ["a"] and ids(outlet="AFP") == []


def test_snippets_and_first_words_stay_plain_text() -> None:
    assert snippet_parts("…a [<b>] and [x]…") == [("…a ", False), ("<b>", True),
                                                 (" and ", False), ("x", True), ("…", False)]
    assert snippet_parts("unbalanced [ bracket") == [("unbalanced [ bracket", False)]
    assert first_words("short") == "short"
    assert first_words("word " * 50, 22) == "word word word word…"
