"""A story's timeline: its events ordered by when they happened, each with its sentence.

Dates come from the events (the time tagger's governing dates), never from the
publication date, except that an undated report of something that happened is
placed honestly "before" the date it was first reported.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.records import Article
from storyline.stories.text import content_stems

_MONTHS = {f"{i:02d}": calendar.month_name[i] for i in range(1, 13)}
#: statuses placed on a timeline; proposals, hypotheticals and denials are not things that happened
TIMELINE_STATUSES = frozenset({"happened", "historical", "planned"})


def date_label(value: str | None, precision: str | None, relation: str | None = None) -> str:
    """How a reader sees a date of the given precision.

    >>> date_label("2023-11", "month"), date_label("2024-05-11", "day", "about")
    ('November 2023', 'about 2024-05-11')
    >>> date_label("2024-01-28", "day", "before")
    'before 2024-01-28'
    """
    if not value:
        return "undated"
    text = value
    if precision == "month" and len(value) >= 7 and value[5:7] in _MONTHS:
        text = f"{_MONTHS[value[5:7]]} {value[:4]}"
    elif precision == "year":
        text = value[:4]
    elif precision == "week" and "-W" in value:
        text = f"the week of {first_day(value) or value}"
    if relation in ("before", "after", "about"):
        text = f"{relation} {text}"
    return text


#: first month of TimeML quarters, halves and seasons
_PART_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7,
               "SP": 3, "SU": 6, "FA": 9, "WI": 12}


def first_day(value: str | None) -> str | None:
    """The ISO day a TimeML date value starts on, if it has one.

    >>> first_day("2024-W19"), first_day("2023-11"), first_day("2024-Q2"), first_day("PAST_REF")
    ('2024-05-06', '2023-11-01', '2024-04-01', None)
    """
    if not value or not value[:4].isdigit():
        return None
    year, rest = int(value[:4]), value[5:]
    try:
        if rest.startswith("W") and rest[1:3].isdigit():
            return dt.date.fromisocalendar(year, int(rest[1:3]), 1).isoformat()
        if rest[:2] in _PART_MONTH:
            return dt.date(year, _PART_MONTH[rest[:2]], 1).isoformat()
        if len(rest) >= 5 and rest[:2].isdigit() and rest[3:5].isdigit():
            return dt.date(year, int(rest[:2]), int(rest[3:5])).isoformat()
        if rest[:2].isdigit():
            return dt.date(year, int(rest[:2]), 1).isoformat()
        return dt.date(year, 1, 1).isoformat()
    except ValueError:
        return None


def sort_key(value: str | None, relation: str | None = None) -> str:
    """Dates sort by their first day; "before X" just ahead of X, "after X" just after."""
    base = first_day(value) or "9999-99-99"
    return base + {"before": "0", "after": "2"}.get(relation or "", "1")


def clearest_sentence(event: Mapping[str, Any],
                      sentences: Mapping[str, Sequence[tuple[int, int, str]]],
                      published: Mapping[str, str | None] | None = None
                      ) -> dict[str, Any] | None:
    """The report sentence that says the event best.

    Preferred: a sentence that dates the event itself, names its actors, is of a
    readable length, comes early in its article, and from the earliest report.
    """
    best: tuple[float, dict[str, Any]] | None = None
    actor_stems = {s for a in (*event.get("actors", ()), *event.get("targets", ()))
                   for s in content_stems(str(a.get("text") or ""))}
    order = sorted({str((published or {}).get(m["article"]) or "9999") for m in
                    event["mentions"]})
    for mention in event["mentions"]:
        for index, (start, end, text) in enumerate(sentences.get(mention["article"], ())):
            if start <= mention["start"] < end:
                words = len(text.split())
                named = len(actor_stems & set(content_stems(text)))
                rank = order.index(str((published or {}).get(mention["article"]) or "9999"))
                score = (3.0 * bool(mention.get("dated")) + min(named, 4)
                         - abs(words - 25) / 10.0 - 0.1 * index - 0.5 * rank)
                if best is None or score > best[0]:
                    best = (score, {"article": mention["article"], "start": start, "end": end,
                                    "text": text})
                break
    return None if best is None else best[1]


def build_timeline(events: Sequence[Mapping[str, Any]], articles: Mapping[str, Article],
                   sentences: Mapping[str, Sequence[tuple[int, int, str]]]) -> list[dict[str, Any]]:
    """Timeline entries of the contract (plus label, sentence, outlets, first report)."""
    entries = []
    for event in events:
        if event.get("status") not in TIMELINE_STATUSES:
            continue
        date = event.get("date") or {}
        value, precision, relation = date.get("value"), date.get("precision"), date.get("relation")
        if not value:
            if event.get("status") == "planned" or not event.get("first_reported"):
                continue
            value, precision, relation = event["first_reported"], "day", "before"
        sentence = clearest_sentence(event, sentences,
                                     {a: articles[a].published.value for a in articles})
        if sentence is None:
            continue
        reporting = sorted({m["article"] for m in event["mentions"]})
        entries.append({
            "date": value, "precision": precision, "relation": relation,
            "label": date_label(value, precision, relation),
            "text": sentence["text"], "event": event["id"], "type": event["type"],
            "status": event["status"], "articles": reporting,
            "outlets": event.get("outlets", []), "sources": event.get("sources", 0),
            "first_reported": event.get("first_reported"),
            "sentence": {k: sentence[k] for k in ("article", "start", "end")},
        })
    entries.sort(key=lambda e: (sort_key(e["date"], e["relation"]), e["first_reported"] or ""))
    return _drop_repeats(entries)


def _drop_repeats(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two events told by the same sentence on the same date are one timeline line."""
    seen: set[tuple[str, int, str]] = set()
    kept = []
    for entry in entries:
        key = (entry["sentence"]["article"], entry["sentence"]["start"], entry["date"])
        if key in seen:
            continue
        seen.add(key)
        kept.append(entry)
    return kept
