"""The JSON API under ``/api/``: the analysis contract's objects, paginated.

Lists answer ``{"total", "limit", "offset", "items"}``; single objects are the
contract's objects as they are (a story is ``storyline story ID --format json``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from storyline.store import Store
from storyline.stories.link import speaks_for
from storyline.web.pages import not_found
from storyline.web.state import WebState, filter_stories, story_figures, story_quotes

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items first.")]
StoryFilter = Annotated[str | None, Query(max_length=200, description="Only this story's.")]
ArticleFilter = Annotated[str | None, Query(max_length=200,
                                            description="Only this article's.")]
Ident = Annotated[str, Path(max_length=200)]
_ISO = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Page(BaseModel):
    """One page of a list."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class ContractObject(BaseModel):
    """A contract object (see the analysis contract in DESIGN.md)."""

    model_config = {"extra": "allow"}


def _state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def _page(items: Sequence[Any], limit: int, offset: int) -> JSONResponse:
    return JSONResponse({"total": len(items), "limit": limit, "offset": offset,
                         "items": list(items[offset:offset + limit])})


def _stories(state: WebState, store: Store, story: str | None,
             article: str | None) -> Iterator[str]:
    """The story ids a list covers: one story, an article's story, or all of them."""
    if article is not None:
        owner = store.story_of(article)
        if owner is None or (story is not None and story != owner):
            if store.article(article) is None:
                raise not_found("article", article)
            return
        yield owner
    elif story is not None:
        if state.story_entities(store, story) is None:
            raise not_found("story", story)
        yield story
    else:
        yield from store.story_ids()


@router.get("/stories", response_model=Page, summary="Stories")
def stories(request: Request, limit: Limit = 50, offset: Offset = 0,
            date_from: Annotated[str | None, Query(alias="from", pattern=_ISO,
                                                   description="Active on or after (ISO).")]
            = None,
            date_to: Annotated[str | None, Query(alias="to", pattern=_ISO,
                                                 description="Active on or before (ISO).")]
            = None,
            actor: Annotated[str | None, Query(max_length=200,
                                               description="Names this person or group.")]
            = None,
            outlet: Annotated[str | None, Query(max_length=200,
                                                description="Published or relayed by.")]
            = None) -> JSONResponse:
    """One row per story: id, title, first and last date, articles, outlets."""
    state = _state(request)
    with state.store() as store:
        rows = state.rows(store)
        names = state.story_names(store) if actor else {}
    return _page(filter_stories(rows, names, date_from=date_from, date_to=date_to,
                                actor=actor, outlet=outlet), limit, offset)


@router.get("/stories/{story_id}", response_model=ContractObject, summary="Story")
def story(request: Request, story_id: Ident) -> Response:
    """The whole story: summary, timeline, events, entities, quotes by party, figure
    history, what each article added, disagreements, sources."""
    state = _state(request)
    with state.store() as store:
        found = state.story_json(store, story_id)
    if found is None:
        raise not_found("story", story_id)
    return Response(found, media_type="application/json")


@router.get("/stories/{story_id}/timeline", response_model=Page, summary="Timeline")
def timeline(request: Request, story_id: Ident, limit: Limit = 200,
             offset: Offset = 0) -> JSONResponse:
    """A story's timeline entries, ordered by when things happened."""
    state = _state(request)
    with state.store() as store:
        found = state.page(store, story_id)
    if found is None:
        raise not_found("story", story_id)
    return _page(found["timeline"], limit, offset)


def _article_object(store: Store, article_id: str) -> dict[str, Any] | None:
    article = store.article(article_id)
    if article is None:
        return None
    obj = article.as_dict()
    obj["copies"] = [s for s in store.sources_of(article.id) if s != article.source]
    obj["story"] = store.story_of(article.id)
    return obj


@router.get("/articles", response_model=Page, summary="Articles")
def articles(request: Request, limit: Limit = 50, offset: Offset = 0,
             story: StoryFilter = None) -> JSONResponse:
    """Stored articles (the contract's article objects, text included), in the order
    they were stored, or in publication order within a story."""
    state = _state(request)
    with state.store() as store:
        if story is not None:
            found = state.page(store, story)
            if found is None:
                raise not_found("story", story)
            ids = found["articles"]
            total = len(ids)
            items = [_article_object(store, a) for a in ids[offset:offset + limit]]
        else:
            total = store.count_articles()
            items = [_article_object(store, a.id)
                     for a in store.articles(limit=limit, offset=offset)]
    return JSONResponse({"total": total, "limit": limit, "offset": offset,
                         "items": [i for i in items if i is not None]})


@router.get("/articles/{article_id}", response_model=ContractObject, summary="Article")
def article(request: Request, article_id: Ident) -> JSONResponse:
    """One article with its sentences and its records: times, quotes, figures, events
    and the entities it names (before cross-article resolution)."""
    state = _state(request)
    with state.store() as store:
        obj = _article_object(store, article_id)
        if obj is None:
            raise not_found("article", article_id)
        linked = state.linked(store, obj["story"], [article_id]) if obj["story"] else None
        quotes = linked.quotes.get(article_id) if linked else None
        body = {
            "article": obj,
            "sentences": [{"index": s.index, "start": s.start, "end": s.end}
                          for s in store.sentences(article_id)],
            "times": list(store.records("times", article_id)),
            "quotes": quotes if quotes is not None else list(store.records("quotes", article_id)),
            "figures": list(store.records("figures", article_id)),
            "events": list(store.records("events", article_id)),
            "entities": list(store.records("local_entities", article_id)),
        }
    return JSONResponse(body)


def _entities_of(state: WebState, store: Store, story: str | None) -> list[dict[str, Any]]:
    if story is None:
        return list(state.entities(store).values())
    found = state.story_entities(store, story)
    if found is None:
        raise not_found("story", story)
    return found


@router.get("/entities", response_model=Page, summary="Entities")
def entities(request: Request, limit: Limit = 50, offset: Offset = 0,
             story: StoryFilter = None,
             q: Annotated[str | None, Query(max_length=200,
                                            description="Name or alias contains.")] = None,
             type: Annotated[str | None, Query(max_length=20,
                                               description="PERSON, ORG, GPE, ...")] = None,
             ) -> JSONResponse:
    """Entities resolved across articles; without ``story``, every story's, one id each."""
    state = _state(request)
    with state.store() as store:
        found = _entities_of(state, store, story)
    wanted = " ".join((q or "").split()).casefold()
    kept = [e for e in found
            if (not type or e.get("type") == type)
            and (not wanted or wanted in str(e.get("name")).casefold()
                 or any(wanted in str(a).casefold() for a in e.get("aliases", [])))]
    kept.sort(key=lambda e: -len(e.get("mentions", [])))
    return _page(kept, limit, offset)


@router.get("/entities/{entity_id}", response_model=ContractObject, summary="Entity")
def entity(request: Request, entity_id: Ident) -> JSONResponse:
    """One entity: names, roles over time, every mention, the stories it is in."""
    state = _state(request)
    with state.store() as store:
        found = state.entities(store).get(entity_id)
    if found is None:
        raise not_found("entity", entity_id)
    return JSONResponse(found)


@router.get("/quotes", response_model=Page, summary="Quotes")
def quotes(request: Request, limit: Limit = 50, offset: Offset = 0,
           story: StoryFilter = None, article: ArticleFilter = None,
           entity: Annotated[str | None, Query(max_length=200,
                                               description="Said by this entity.")] = None,
           ) -> JSONResponse:
    """Quotes with speaker, cue, channel and relays, speakers tied to entities."""
    state = _state(request)
    items: list[dict[str, Any]] = []
    with state.store() as store:
        for story_id in _stories(state, store, story, article):
            found = state.story(store, story_id)
            if found is not None:
                items += story_quotes(found)
    items = [i for i in items if (article is None or i.get("article") == article)
             and (entity is None or speaks_for(i, entity))]
    return _page(items, limit, offset)


@router.get("/figures", response_model=Page, summary="Figures")
def figures(request: Request, limit: Limit = 50, offset: Offset = 0,
            story: StoryFilter = None, article: ArticleFilter = None) -> JSONResponse:
    """Reported figures: value, bounds, hedge, what is counted, who claims it, as of when."""
    state = _state(request)
    with state.store() as store:
        if story is None and article is None:
            items = list(store.records("figures"))
        else:
            items = []
            for story_id in _stories(state, store, story, article):
                found = state.page(store, story_id)
                items += story_figures(store, found) if found else []
            items = [i for i in items if article is None or i.get("article") == article]
    return _page(items, limit, offset)


def _involves(event: Mapping[str, Any], entity: str) -> bool:
    return any(a.get("entity") == entity for a in [*event.get("actors", []),
                                                   *event.get("targets", [])])


@router.get("/events", response_model=Page, summary="Events")
def events(request: Request, limit: Limit = 50, offset: Offset = 0,
           story: StoryFilter = None, article: ArticleFilter = None,
           entity: Annotated[str | None, Query(max_length=200,
                                               description="This entity acts or is acted on.")]
           = None) -> JSONResponse:
    """Events merged across each story's reports (PLOVER type, actors, targets, place,
    date, status), every report listed under ``mentions``."""
    state = _state(request)
    items: list[dict[str, Any]] = []
    with state.store() as store:
        for story_id in _stories(state, store, story, article):
            found = state.story(store, story_id)
            items += found["events"] if found else []
    items = [e for e in items
             if (article is None or any(m.get("article") == article for m in e["mentions"]))
             and (entity is None or _involves(e, entity))]
    return _page(items, limit, offset)


@router.get("/search", response_model=Page, summary="Search")
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=500,
                                   description="Words (SQLite FTS5 syntax).")],
           limit: Limit = 20, offset: Offset = 0) -> JSONResponse:
    """Full-text search over titles and texts, best first; ``[`` and ``]`` mark the
    matches in each snippet."""
    state = _state(request)
    with state.store() as store:
        hits = store.search(q, limit=1000)
        items = [{"article": h.article_id, "title": h.title, "snippet": h.snippet,
                  "rank": h.rank, "story": store.story_of(h.article_id)}
                 for h in hits[offset:offset + limit]]
    return JSONResponse({"total": len(hits), "limit": limit, "offset": offset,
                         "items": items})
