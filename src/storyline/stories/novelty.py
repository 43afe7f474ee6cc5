"""What's new: each article against the story as it stood before it.

Articles are taken in publication order (arrival order breaks ties and places
undated ones); an article adds the events first reported in it, speakers not
quoted before, figures whose value changed, and actors not seen before.  An
article that adds none of these is "nothing new", with the earlier article it
most resembles named.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.records import Article
from storyline.stories.disagree import party_of
from storyline.stories.series import series_name
from storyline.stories.text import content_stems

#: a quote sharing this share of its content words with an earlier one says nothing new
_SAME_QUOTE = 0.6


def _speaker_key(quote: Mapping[str, Any]) -> str:
    speaker = quote.get("speaker") or {}
    return str(speaker.get("entity") or party_of(quote) or speaker.get("text") or "").casefold()


def whats_new(order: Sequence[Article], events: Sequence[Mapping[str, Any]],
              quotes: Sequence[Mapping[str, Any]], figures: Sequence[Mapping[str, Any]],
              actors: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """One entry per article in ``order``: what it added to the story.

    ``actors`` maps article ids to the entities (``id``, ``name``) it mentions; an
    entity counts as new where it is first *named* (``named``), not where it was only
    described ("the heads of its Mossad" before "David Barnea"), and outlets are sources,
    not actors.
    """
    quotes_by = _by_article(quotes)
    figures_by = _by_article(figures)
    events_by: dict[str, list[Mapping[str, Any]]] = {}
    position = {a.id: i for i, a in enumerate(order)}
    for event in events:
        first = _first_in(event, position, order)
        if first is not None:
            events_by.setdefault(first, []).append(event)
    speakers: set[str] = set()
    earlier = _SaidBefore(quotes)
    values: dict[str, set[Any]] = {}
    seen_actors: set[str] = set()
    entries = []
    for article in order:
        if article.duplicate_of:
            entries.append({"article": article.id, "nothing_new": True,
                            "rewrite_of": article.duplicate_of, "events": [], "quotes": [],
                            "speakers": [], "figures": [], "actors": []})
            continue
        new_events = [{"id": e["id"], "type": e["type"], "date": e.get("date"),
                       "trigger": e.get("trigger")} for e in events_by.get(article.id, [])]
        new_quotes, new_speakers = [], []
        for quote in quotes_by.get(article.id, []):
            key = _speaker_key(quote)
            speaker = (quote.get("speaker") or {}).get("text")
            if key and key not in speakers and speaker not in new_speakers:
                new_speakers.append(speaker)
            words = set(content_stems(str(quote.get("content") or "")))
            if words and not earlier.said(words):
                new_quotes.append({"speaker": speaker, "content": quote.get("content"),
                                   "start": quote["start"], "end": quote["end"]})
        changed = []
        for figure in figures_by.get(article.id, []):
            name = series_name(figure)
            if name is None or figure.get("value") is None:
                continue
            before = values.get(name)
            if before is None or figure["value"] not in before:
                changed.append({"key": name, "text": figure.get("text"),
                                "before": sorted(before, key=str) if before else [],
                                "start": figure["start"], "end": figure["end"]})
        named = [a for a in actors.get(article.id, [])
                 if a.get("named", True) and not a.get("outlet")]
        new_actors = [{"id": a["id"], "name": a["name"]} for a in named
                      if a["id"] not in seen_actors]
        speakers |= {_speaker_key(q) for q in quotes_by.get(article.id, [])}
        for q in quotes_by.get(article.id, []):
            earlier.add(set(content_stems(str(q.get("content") or ""))))
        for figure in figures_by.get(article.id, []):
            name = series_name(figure)
            if name is not None and figure.get("value") is not None:
                values.setdefault(name, set()).add(figure["value"])
        seen_actors |= {a["id"] for a in named}
        nothing = not (new_events or new_quotes or changed or new_actors)
        entries.append({"article": article.id, "nothing_new": nothing,
                        "rewrite_of": _closest(article, order, actors) if nothing else None,
                        "events": new_events, "quotes": new_quotes, "speakers": new_speakers,
                        "figures": changed, "actors": new_actors})
    return entries


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


class _SaidBefore:
    """Earlier quotes, indexed so a new one is compared only with those that can match.

    Prefix filtering (as in similarity joins): two stem sets overlapping by at least
    ``_SAME_QUOTE`` of the smaller share a word from the rarest part of one of them, so
    each quote is indexed under all its words and under its rarest ones.
    """

    def __init__(self, quotes: Sequence[Mapping[str, Any]]) -> None:
        self.frequency: Counter[str] = Counter()
        for quote in quotes:
            self.frequency.update(set(content_stems(str(quote.get("content") or ""))))
        self.contents: list[set[str]] = []
        self.postings: dict[str, list[int]] = {}
        self.rare: dict[str, list[int]] = {}

    def _prefix(self, words: set[str]) -> list[str]:
        need = math.ceil(_SAME_QUOTE * len(words) - 1e-9)
        return sorted(words, key=lambda w: (self.frequency[w], w))[: len(words) - need + 1]

    def said(self, words: set[str]) -> bool:
        found: set[int] = set()
        for word in self._prefix(words):
            found.update(self.postings.get(word, ()))
        for word in words:
            found.update(self.rare.get(word, ()))
        return any(_overlap(words, self.contents[i]) >= _SAME_QUOTE for i in found)

    def add(self, words: set[str]) -> None:
        if words:
            for word in words:
                self.postings.setdefault(word, []).append(len(self.contents))
            for word in self._prefix(words):
                self.rare.setdefault(word, []).append(len(self.contents))
        self.contents.append(words)


def _by_article(records: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        grouped.setdefault(str(record["article"]), []).append(record)
    return grouped


def _first_in(event: Mapping[str, Any], position: Mapping[str, int],
              order: Sequence[Article]) -> str | None:
    reporting = [position[m["article"]] for m in event["mentions"] if m["article"] in position]
    return order[min(reporting)].id if reporting else None


def _closest(article: Article, order: Sequence[Article],
             actors: Mapping[str, Sequence[Mapping[str, Any]]]) -> str | None:
    """The earlier article sharing the most actors with this one."""
    mine = {a["id"] for a in actors.get(article.id, [])}
    best: tuple[int, str] | None = None
    for other in order:
        if other.id == article.id:
            break
        shared = len(mine & {a["id"] for a in actors.get(other.id, [])})
        if best is None or shared > best[0]:
            best = (shared, other.id)
    return None if best is None else best[1]
