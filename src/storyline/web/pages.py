"""The HTML pages: stories, one story, one article, one entity, search; and story exports."""

from __future__ import annotations

import datetime as dt
import io
import re
import urllib.parse
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from storyline.export.markdown import story_markdown, timelinejs
from storyline.export.tables import write_csv
from storyline.records import Article
from storyline.store import Store
from storyline.stories.disagree import country_name
from storyline.stories.link import speaks_for
from storyline.web.article import KIND_NAMES, KINDS, article_view
from storyline.web.charts import figure_chart, role_chart, timeline_chart
from storyline.web.relays import relay_graph
from storyline.web.state import WebState, filter_stories, story_figures, story_quotes
from storyline.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
#: how many items of a long list a story page shows before pointing at the exports
SHOW = {"timeline": 150, "parties": 12, "quotes": 12, "series": 12, "points": 15,
        "actors": 120, "events": 100, "whats_new": 40, "chips": 8, "articles": 100}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MARKED = re.compile(r"\[([^\[\]]*)\]")

Ident = Annotated[str, Path(max_length=200)]


def _state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def not_found(kind: str, ident: str) -> HTTPException:
    shown = ident if len(ident) <= 80 else ident[:79] + "…"
    return HTTPException(404, f"No {kind} with id “{shown}” in this database.")


def q(value: object) -> str:
    return urllib.parse.quote(str(value), safe="")


def sentence_href(article: object, start: object) -> str:
    return f"/article/{q(article)}#s-{int(str(start))}"


def span_href(article: object, start: object) -> str:
    return f"/article/{q(article)}#c-{int(str(start))}"


def _iso(value: str | None) -> tuple[str | None, str | None]:
    """A YYYY-MM-DD filter value, or (None, a message saying why it was ignored)."""
    if not value:
        return None, None
    try:
        return dt.date.fromisoformat(value).isoformat(), None
    except ValueError:
        return None, f"“{value[:40]}” is not a date (YYYY-MM-DD); ignored."


def first_words(text: str, limit: int = 100) -> str:
    """The start of an untitled article, cut at a word.

    >>> first_words("PARIS (Reuters) - The head of the agency met them.", 30)
    'PARIS (Reuters) - The head of…'
    """
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0].rstrip(",;:-–—")
    return cut + "…"


def article_meta(article: Article, number: int = 0) -> dict[str, Any]:
    """What lists show of an article: no text beyond a headline."""
    title = article.title or first_words(article.text)
    return {"id": article.id, "number": number, "title": title, "titled": bool(article.title),
            "outlet": article.outlet, "via": list(article.via), "dateline": article.dateline,
            "published": article.published.value, "published_source": article.published.source,
            "earliest": article.published.earliest, "latest": article.published.latest,
            "duplicate_of": article.duplicate_of, "url": article.url, "source": article.source}


def _metas(store: Store, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    found = {}
    for number, article_id in enumerate(ids, start=1):
        article = store.article(article_id)
        if article is not None:
            found[article_id] = article_meta(article, number)
    return found


@router.get("/", response_class=HTMLResponse)
def index(request: Request,
          date_from: Annotated[str | None, Query(alias="from", max_length=40)] = None,
          date_to: Annotated[str | None, Query(alias="to", max_length=40)] = None,
          actor: Annotated[str | None, Query(max_length=200)] = None,
          outlet: Annotated[str | None, Query(max_length=200)] = None,
          offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    state = _state(request)
    start, start_error = _iso(date_from)
    end, end_error = _iso(date_to)
    with state.store() as store:
        rows = state.rows(store)
        names = state.story_names(store) if actor and actor.strip() else {}
        articles = store.count_articles()
    kept = filter_stories(rows, names, date_from=start, date_to=end, actor=actor,
                          outlet=outlet or None)
    kept = sorted(kept, key=lambda r: (r.get("last") or "", r.get("first") or ""), reverse=True)
    filters = {"from": start or "", "to": end or "", "actor": (actor or "").strip(),
               "outlet": outlet or ""}
    return render(request, "index.html", {
        "stories": kept[offset:offset + PAGE_SIZE], "total": len(kept), "all": len(rows),
        "articles": articles, "offset": offset, "page_size": PAGE_SIZE, "filters": filters,
        "filtered": any(filters.values()),
        "outlets": sorted({o for r in rows for o in r.get("outlets", [])}, key=str.casefold),
        "errors": [e for e in (start_error, end_error) if e],
        "query": {k: v for k, v in filters.items() if v},
    })


def _expand(matter: Sequence[str], positions: Sequence[Mapping[str, Any]]) -> list[str]:
    """Stems ("negoti") back to a word the quotes use ("negotiations")."""
    words = [w.casefold() for p in positions for quote in p.get("quotes", [])
             for w in _WORD.findall(str(quote.get("content") or ""))]
    return [next((w for w in words if w.startswith(str(stem).casefold())), str(stem))
            for stem in matter]


def story_context(state: WebState, store: Store, story: dict[str, Any],
                  page: int = 1) -> dict[str, Any]:
    """What the story page shows; long lists are cut (see SHOW) and the timeline paged."""
    metas = _metas(store, story["articles"])
    names = story["names"]
    size = SHOW["timeline"]
    pages = max(1, -(-len(story["timeline"]) // size))
    page = min(max(1, page), pages)
    entries = story["timeline"][(page - 1) * size: page * size]
    first = (page - 1) * size + 1
    timeline = timeline_chart(entries, lambda e: sentence_href(e["sentence"]["article"],
                                                               e["sentence"]["start"]),
                              first=first)
    charts = [(series, figure_chart(series, lambda p: span_href(p["article"], p["start"])))
              for series in story["figure_history"][:SHOW["series"]]]
    return {
        "story": story, "articles": metas, "names": names,
        "timeline_chart": timeline, "entries": entries, "first_entry": first,
        "timeline_page": page, "timeline_pages": pages,
        "figure_charts": charts, "relays": relay_graph(story),
        "matters": [(_expand(m["matter"], m["positions"]), m) for m in story["disagreements"]],
        "entities": [e for e in story["entities"] if e["id"] in names],
        "show": SHOW, "article_list": list(metas.values()),
    }


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: Ident,
               page: Annotated[int, Query(alias="timeline", ge=1, le=100_000)] = 1
               ) -> HTMLResponse:
    state = _state(request)
    with state.store() as store:
        story = state.page(store, story_id)
        if story is None:
            raise not_found("story", story_id)
        context = story_context(state, store, story, page)
    return render(request, "story.html", context)


def _story_or_404(state: WebState, store: Store, story_id: str) -> dict[str, Any]:
    story = state.story(store, story_id)
    if story is None:
        raise not_found("story", story_id)
    return story


def _download(body: str, media_type: str, filename: str) -> Response:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    return Response(body, media_type=media_type,
                    headers={"content-disposition": f'inline; filename="{safe}"'})


@router.get("/story/{story_id}/report.md")
def story_report(request: Request, story_id: Ident) -> Response:
    """The Markdown report (`storyline story ID`)."""
    state = _state(request)
    with state.store() as store:
        story = _story_or_404(state, store, story_id)
        articles = {a: found.as_dict() for a in story["articles"]
                    if (found := store.article(a)) is not None}
    return _download(story_markdown(story, articles), "text/markdown; charset=utf-8",
                     f"{story_id}.md")


@router.get("/story/{story_id}/timeline.json")
def story_timelinejs(request: Request, story_id: Ident) -> Response:
    """The timeline as TimelineJS 3 JSON."""
    state = _state(request)
    with state.store() as store:
        story = _story_or_404(state, store, story_id)
    return _download(timelinejs(story), "application/json", f"{story_id}-timeline.json")


@router.get("/story/{story_id}/{table}.csv")
def story_csv(request: Request, story_id: Ident, table: str) -> Response:
    """The story's events, quotes or figures as CSV (`storyline export --format csv`)."""
    if table not in ("events", "quotes", "figures"):
        raise HTTPException(404, f"No table “{table[:40]}”: choose events, quotes or figures.")
    state = _state(request)
    with state.store() as store:
        story = _story_or_404(state, store, story_id)
        contract = {"events": story["events"],
                    "quotes": story_quotes(story),
                    "figures": story_figures(store, story) if table == "figures" else []}
    out = io.StringIO()
    write_csv(contract, table, out)
    return _download(out.getvalue(), "text/csv; charset=utf-8", f"{story_id}-{table}.csv")


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Ident) -> HTMLResponse:
    state = _state(request)
    with state.store() as store:
        article = store.article(article_id)
        if article is None:
            raise not_found("article", article_id)
        story_id = store.story_of(article_id)
        story = state.page(store, story_id) if story_id else None
        linked = state.linked(store, story_id, [article_id]) if story_id else None
        event_ids = state.event_ids(store, story_id) if story_id else {}
        view = article_view(store, article.id, article.text, linked, event_ids,
                            "/entity/{id}", f"/story/{q(story_id)}#{{id}}")
        copies = [s for s in store.sources_of(article.id) if s != article.source]
        siblings = _metas(store, story["articles"]) if story else {}
    meta = article_meta(article, siblings.get(article.id, {}).get("number", 0))
    order = list(siblings)
    here = order.index(article.id) if article.id in order else -1
    return render(request, "article.html", {
        "article": meta, "view": view, "kinds": KINDS, "kind_names": KIND_NAMES,
        "story": story, "copies": copies,
        "previous": siblings[order[here - 1]] if here > 0 else None,
        "next": siblings[order[here + 1]] if 0 <= here < len(order) - 1 else None,
    })


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: Ident) -> HTMLResponse:
    state = _state(request)
    with state.store() as store:
        entity = state.entities(store).get(entity_id)
        if entity is None:
            raise not_found("entity", entity_id)
        rows = {r["id"]: r for r in state.rows(store)}
        quotes, events = [], []
        for story_id in entity["stories"][:20]:
            story = state.story(store, story_id)
            if story is None:
                continue
            quotes += [(story_id, quote) for quote in story_quotes(story)
                       if speaks_for(quote, entity_id)]
            events += [(story_id, event) for event in story["events"]
                       if any(a.get("entity") == entity_id for a in
                              [*event.get("actors", []), *event.get("targets", [])])]
        counts = Counter(m["article"] for m in entity["mentions"])
        first: dict[str, int] = {}
        for m in entity["mentions"]:
            first.setdefault(m["article"], int(m["start"]))
        metas = _metas(store, [a for a, _ in counts.most_common(60)])
    return render(request, "entity.html", {
        "entity": entity, "stories": [rows[s] for s in entity["stories"] if s in rows],
        "quotes": quotes[:100], "more_quotes": max(0, len(quotes) - 100),
        "events": events[:100], "more_events": max(0, len(events) - 100),
        "roles": role_chart(entity.get("roles", []), country_name),
        "mentioned": [(metas[a], counts[a], first[a]) for a, _ in counts.most_common(60)
                      if a in metas],
        "article_count": len(counts),
    })


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """An FTS snippet with ``[match]`` markers as (text, is_match) pieces.

    >>> snippet_parts("a [hostage] deal")
    [('a ', False), ('hostage', True), (' deal', False)]
    """
    parts, at = [], 0
    for match in _MARKED.finditer(snippet):
        if match.start() > at:
            parts.append((snippet[at:match.start()], False))
        parts.append((match.group(1), True))
        at = match.end()
    if at < len(snippet):
        parts.append((snippet[at:], False))
    return parts


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request,
                query: Annotated[str, Query(alias="q", max_length=500)] = "") -> HTMLResponse:
    state = _state(request)
    text = " ".join(query.split())
    hits: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    stories: list[Mapping[str, Any]] = []
    if text:
        with state.store() as store:
            rows = {r["id"]: r for r in state.rows(store)}
            for hit in store.search(text, limit=100):
                story_id = store.story_of(hit.article_id)
                article = store.article(hit.article_id)
                hits.append({"article": article_meta(article) if article else None,
                             "id": hit.article_id, "parts": snippet_parts(hit.snippet),
                             "story": rows.get(story_id or "")})
            folded = text.casefold()
            entities = sorted(
                (e for e in state.entity_index(store).values()
                 if folded in str(e["name"]).casefold()
                 or any(folded in str(a).casefold() for a in e.get("aliases", []))),
                key=lambda e: -int(e["mention_count"]))[:20]
            stories = [r for r in rows.values() if folded in str(r.get("title")).casefold()]
    return render(request, "search.html", {"query": text, "hits": hits, "entities": entities,
                                           "stories": stories[:20]})


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """A readable list of the JSON endpoints (the interactive docs would need a CDN)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            params = [(p["name"], p.get("in"), p.get("description") or "")
                      for p in spec.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path,
                              "summary": spec.get("summary") or "",
                              "description": spec.get("description") or "", "params": params})
    return render(request, "api.html", {"endpoints": endpoints})
