"""An article page's content: its text with every record highlighted, and a card per record.

Each record becomes a :class:`Card` (what the record says, as label/value pairs)
and one or more :class:`~storyline.web.highlight.Mark` spans pointing at it, so
the text and the cards link both ways: a highlight shows its card on hover or
focus, and a card links to its place in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.link import global_ids
from storyline.store import Store
from storyline.stories.disagree import country_name, party_of
from storyline.stories.link import Linked
from storyline.web.highlight import Mark, Node, nest

#: the record families shown, in the order of the page's legend
KINDS = ("entity", "time", "quote", "figure", "event")
KIND_NAMES = {"entity": "Entities", "time": "Times", "quote": "Quotes", "figure": "Figures",
              "event": "Events"}


@dataclass(slots=True)
class Card:
    """One record: where it is, what it says, and where else to look."""

    ref: str
    kind: str
    start: int
    end: int
    heading: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    #: (label, url) pairs to other pages: the entity, the story's event
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class ArticleView:
    tree: list[Node | str]
    cards: dict[str, list[Card]]
    sentences: int


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _span(text: str, start: object, end: object) -> str:
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return _text(text[start:end])
    return ""


def _fields(pairs: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    out = []
    for label, value in pairs:
        if isinstance(value, bool):
            out.append((label, "yes" if value else "no"))
        elif isinstance(value, list | tuple):
            if value:
                out.append((label, ", ".join(_text(v) for v in value)))
        elif value is not None and _text(value):
            out.append((label, _text(value)))
    return out


def _roles(roles: Sequence[Mapping[str, Any]]) -> str:
    seen: list[str] = []
    for role in roles:
        of = country_name(str(role["of"])) if role.get("of") else ""
        title = f"{role.get('title') or ''} of {of}" if of else str(role.get("title") or "")
        if title and title not in seen:
            seen.append(title)
    return "; ".join(seen)


def _actors(actors: Sequence[Mapping[str, Any]] | None) -> str:
    return ", ".join(_text(a.get("text")) for a in actors or [] if a.get("text"))


def article_view(store: Store, article_id: str, text: str, linked: Linked | None,
                 event_ids: Mapping[tuple[str, int], str], entity_url: str, event_url: str
                 ) -> ArticleView:
    """Marks and cards for one article.

    ``linked``: the article's story's resolved entities (for entity pages and quote
    speakers); ``event_ids``: (article, trigger start) -> merged event id;
    ``entity_url``/``event_url``: format strings with ``{id}``.
    """
    marks: list[Mark] = [Mark("sentence", s.start, s.end) for s in store.sentences(article_id)]
    cards: dict[str, list[Card]] = {k: [] for k in KINDS}
    counter = iter(range(1, 1_000_000))

    def add(card: Card, spans: Iterable[tuple[int, int]], title: str) -> None:
        cards[card.kind].append(card)
        for start, end in spans:
            marks.append(Mark(card.kind, start, end, card.ref, title))

    globals_ = global_ids(linked.entities) if linked else {}
    names = {e["id"]: e["name"] for e in linked.entities} if linked else {}
    for entity in store.records("local_entities", article_id):
        mentions = [m for m in entity.get("mentions", [])
                    if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)]
        if not mentions:
            continue
        gid = globals_.get((article_id, int(entity.get("local", -1))))
        name = _text(entity.get("name") or mentions[0].get("text"))
        card = Card(f"r-{next(counter)}", "entity", mentions[0]["start"], mentions[0]["end"],
                    name, _fields([
                        ("type", entity.get("type")), ("country", entity.get("code")),
                        ("affiliation", entity.get("affiliation")),
                        ("roles", _roles(entity.get("roles") or [])),
                        ("mentions", [m.get("text") for m in mentions]),
                        ("resolved as", names.get(gid) if gid else None)]))
        if gid:
            card.links.append(("entity page", entity_url.format(id=gid)))
        add(card, ((m["start"], m["end"]) for m in mentions),
            f"{name} ({entity.get('type') or 'entity'})")
    for time in store.records("times", article_id):
        card = Card(f"r-{next(counter)}", "time", time["start"], time["end"],
                    _span(text, time["start"], time["end"]) or _text(time.get("text")),
                    _fields([("type", time.get("type")), ("value", time.get("value")),
                             ("modifier", time.get("mod")), ("anchor", time.get("anchor"))]))
        add(card, [(time["start"], time["end"])],
            f"{time.get('type') or 'time'}: {time.get('value') or 'unresolved'}")
    quotes = linked.quotes.get(article_id) if linked else None
    for quote in quotes if quotes is not None else store.records("quotes", article_id):
        speaker = quote.get("speaker") or {}
        card = Card(f"r-{next(counter)}", "quote", quote["start"], quote["end"],
                    _text(speaker.get("text")) or "unnamed speaker", _fields([
                        ("says", quote.get("content")), ("direct quote", quote.get("direct")),
                        ("cue", quote.get("cue")), ("party", party_of(quote)),
                        ("anonymous", speaker.get("anonymous")),
                        ("affiliation", speaker.get("affiliation")),
                        ("told", quote.get("channel")), ("via", quote.get("via")),
                        ("date", quote.get("date"))]))
        if speaker.get("entity"):
            card.links.append((f"entity: {speaker.get('entity_name') or speaker['entity']}",
                               entity_url.format(id=speaker["entity"])))
        elif speaker.get("affiliation_entity"):
            tied = speaker["affiliation_entity"]
            card.links.append((f"source tied to: {speaker.get('affiliation_entity_name') or tied}",
                               entity_url.format(id=tied)))
        add(card, [(quote["start"], quote["end"])],
            f"Quote from {_text(speaker.get('text')) or 'an unnamed speaker'}")
    for figure in store.records("figures", article_id):
        card = Card(f"r-{next(counter)}", "figure", figure["start"], figure["end"],
                    _text(figure.get("text")), _fields([
                        ("value", figure.get("value")), ("low", figure.get("low")),
                        ("high", figure.get("high")), ("hedge", figure.get("qualifier")),
                        ("unit", figure.get("unit")), ("counts", figure.get("what")),
                        ("claimed by", figure.get("claimant")), ("as of", figure.get("date"))]))
        add(card, [(figure["start"], figure["end"])],
            f"Figure: {_text(figure.get('text'))} {_text(figure.get('what'))}".rstrip())
    for event in store.records("events", article_id):
        date = event.get("date") or {}
        location = event.get("location") or {}
        card = Card(f"r-{next(counter)}", "event", event["start"], event["end"],
                    f"{event.get('type') or 'event'}: {_text(event.get('trigger'))}", _fields([
                        ("status", event.get("status")), ("who", _actors(event.get("actors"))),
                        ("to whom", _actors(event.get("targets"))),
                        ("where", location.get("text")), ("when", date.get("value")),
                        ("CAMEO", event.get("cameo"))]))
        merged = event_ids.get((article_id, int(event["start"])))
        if merged:
            card.links.append(("event in the story", event_url.format(id=merged)))
        add(card, [(event["start"], event["end"])],
            f"Event: {event.get('type')} ({event.get('status')})")
    for found in cards.values():
        found.sort(key=lambda c: (c.start, c.end))
    sentences = sum(1 for m in marks if m.kind == "sentence")
    return ArticleView(nest(text, marks), cards, sentences)
