"""Reports to events: merge event mentions from many articles that tell of one happening.

GDELT-style coders count one kidnapping reported 366 times as 366 events.  Here
mentions merge when they have the same PLOVER type, compatible dates and places,
and overlapping actors; the merged event keeps every report and counts the
independent sources behind it (copies and relays of one outlet's report count once).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.link.units import parse_date
from storyline.records import Article

#: an undated report may tell of a dated event if published this many days after it at most
_CONTEMPORARY_DAYS = 10
#: statuses that assert nothing happened; such mentions never merge with factual ones
_UNREAL = frozenset({"hypothetical", "negated"})
#: which status a merged event shows when its reports disagree: the later report wins,
#: except that a report of the event happening outranks plans and proposals
_FACTUAL = ("happened", "historical")


def origin_of(article: Article, articles: Mapping[str, Article]) -> str:
    """Who originally reported an article: the outlet it relays, its own, or itself.

    Copies (``duplicate_of``) count as their original; an article "via Axios" counts as Axios.
    """
    seen = set()
    while article.duplicate_of and article.duplicate_of in articles \
            and article.id not in seen:
        seen.add(article.id)
        article = articles[article.duplicate_of]
    if article.via:
        return article.via[-1].casefold()
    if article.outlet:
        return article.outlet.casefold()
    return f"article:{article.id}"


def _dates_compatible(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    va = (a or {}).get("value")
    vb = (b or {}).get("value")
    if not va or not vb:
        return True
    va, vb = str(va), str(vb)
    return va.startswith(vb) or vb.startswith(va)


def _place(mention: Mapping[str, Any]) -> str | None:
    loc = mention.get("location")
    return str(loc["text"]).casefold() if isinstance(loc, Mapping) and loc.get("text") else None


def _actor_keys(mention: Mapping[str, Any]) -> set[str]:
    keys = set()
    for role in ("actors", "targets"):
        for actor in mention.get(role) or ():
            if actor.get("entity"):
                keys.add(str(actor["entity"]))
            if actor.get("code"):
                keys.add("code:" + str(actor["code"]))
            if actor.get("text"):
                keys.add("text:" + str(actor["text"]).casefold().removeprefix("the "))
    return keys


def _precision_rank(date: Mapping[str, Any] | None) -> int:
    order = ("day", "week", "month", "quarter", "season", "half", "year", "decade", "century")
    precision = (date or {}).get("precision")
    return order.index(precision) if precision in order else len(order)



def _contemporary(dated: Mapping[str, Any] | None, published: str | None) -> bool:
    """An undated report can tell of a dated event only if it was published soon after it."""
    value = str((dated or {}).get("value") or "")
    day = parse_date(value)
    seen = parse_date(published)
    if seen is None:
        return False
    if day is None:  # month or year precision: the report must fall in or just after it
        return bool(value) and (published or "").startswith(value[:7] if len(value) >= 7
                                                             else value[:4])
    return 0 <= (seen - day).days <= _CONTEMPORARY_DAYS


def _compatible(event: dict[str, Any], mention: Mapping[str, Any],
                articles: Mapping[str, Article]) -> bool:
    if (event["status"] in _UNREAL) != (mention.get("status") in _UNREAL):
        return False
    if not _dates_compatible(event["date"], mention.get("date")):
        return False
    mine = (mention.get("date") or {}).get("value")
    theirs = (event["date"] or {}).get("value")
    if bool(mine) != bool(theirs):
        undated = mention["article"] if theirs else event["_articles"][0]
        if undated not in event["_articles"] or mention["article"] != undated:
            article = articles.get(str(undated))
            published = article.published.value if article is not None else None
            if not _contemporary(event["date"] if theirs else mention.get("date"), published):
                return False
    place, other = event["_place"], _place(mention)
    if place and other and place != other:
        return False
    keys = _actor_keys(mention)
    if event["_keys"] and keys:
        return bool(event["_keys"] & keys)
    # no actors on one side: only a same-day, same-place report is the same event
    date = mention.get("date") or {}
    return bool(date.get("value")) and date.get("precision") == "day" \
        and date.get("value") == (event["date"] or {}).get("value")


def merge_events(mentions: Sequence[Mapping[str, Any]],
                 articles: Mapping[str, Article]) -> list[dict[str, Any]]:
    """Contract ``events`` from per-article event mentions, in order of first report.

    ``mentions`` must come in the order the articles were published (or arrived);
    each event lists every report under ``mentions`` and counts independent sources.
    """
    events: list[dict[str, Any]] = []
    blocks: dict[str, _Blocks] = {}
    for mention in mentions:
        block = blocks.setdefault(str(mention["type"]), _Blocks())
        keys = _actor_keys(mention)
        at = next((i for i in block.candidates(mention, keys)
                   if _compatible(block.events[i], mention, articles)), None)
        if at is None:
            at = len(block.events)
            block.events.append(_new_event(mention))
            events.append(block.events[at])
        block.join(at, mention, articles)
    return [_finish(e, articles) for e in events]


class _Blocks:
    """One type's events, indexed so a report is checked only against events it could join:
    those sharing an actor key, those without actors, or (for a report without actors)
    those on its day.  Candidates are tried in creation order, as a full scan would."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.by_key: dict[str, set[int]] = {}
        self.bare: set[int] = set()
        self.by_day: dict[str, set[int]] = {}

    def candidates(self, mention: Mapping[str, Any], keys: set[str]) -> list[int]:
        if keys:
            found = set(self.bare)
            for key in keys:
                found |= self.by_key.get(key, set())
        else:
            date = mention.get("date") or {}
            day = date.get("value") if date.get("precision") == "day" else None
            found = set(self.by_day.get(str(day), set())) if day else set()
        return sorted(found)

    def join(self, at: int, mention: Mapping[str, Any], articles: Mapping[str, Article]) -> None:
        """Add ``mention`` as a report of event ``at`` and keep the indexes current."""
        event = self.events[at]
        old_keys = set(event["_keys"])
        old_day = (event["date"] or {}).get("value")
        _add_report(event, mention, articles)
        if event["_keys"]:
            self.bare.discard(at)
            for key in event["_keys"] - old_keys:
                self.by_key.setdefault(key, set()).add(at)
        else:
            self.bare.add(at)
        day = (event["date"] or {}).get("value")
        if old_day and day != old_day:
            self.by_day.get(str(old_day), set()).discard(at)
        if day:
            self.by_day.setdefault(str(day), set()).add(at)


def _new_event(mention: Mapping[str, Any]) -> dict[str, Any]:
    seed = f"{mention['type']}\t{mention['article']}\t{mention['start']}"
    return {
        "id": "evt-" + hashlib.sha256(seed.encode()).hexdigest()[:12],
        "type": mention["type"], "mode": mention.get("mode"), "cameo": mention.get("cameo"),
        "trigger": mention.get("trigger"), "actors": [], "targets": [],
        "location": mention.get("location"), "date": mention.get("date"),
        "status": mention.get("status"), "mentions": [],
        "_keys": set(), "_place": _place(mention), "_reports": [], "_articles": [],
    }


def _add_report(event: dict[str, Any], mention: Mapping[str, Any],
                articles: Mapping[str, Article]) -> None:
    event["_reports"].append(mention)
    if mention["article"] not in event["_articles"]:
        event["_articles"].append(mention["article"])
    event["_keys"] |= _actor_keys(mention)
    date_span = mention.get("date") or {}
    event["mentions"].append({
        "article": mention["article"], "start": mention["start"], "end": mention["end"],
        "sentence_start": mention.get("sentence_start"),
        "sentence_end": mention.get("sentence_end"),
        # the report dates the event itself (a time expression), not by inheritance
        "dated": date_span.get("start") is not None and bool(date_span.get("value")),
    })
    for role in ("actors", "targets"):
        known = {(a.get("entity") or a.get("text", "").casefold()) for a in event[role]}
        for actor in mention.get(role) or ():
            key = actor.get("entity") or str(actor.get("text", "")).casefold()
            if key not in known:
                known.add(key)
                event[role].append({k: actor.get(k) for k in ("text", "entity", "code")})
    if _precision_rank(mention.get("date")) < _precision_rank(event["date"]):
        event["date"] = mention.get("date")
    if event["location"] is None and mention.get("location"):
        event["location"] = mention.get("location")
    status = mention.get("status")
    if status in _FACTUAL or event["status"] not in _FACTUAL:
        event["status"] = status
    if event["_place"] is None:
        event["_place"] = _place(mention)


def _finish(event: dict[str, Any], articles: Mapping[str, Article]) -> dict[str, Any]:
    reports = event.pop("_reports")
    event.pop("_keys")
    event.pop("_articles")
    event.pop("_place")
    reporting = [articles[r["article"]] for r in reports if r["article"] in articles]
    origins = sorted({origin_of(a, articles) for a in reporting})
    outlets = sorted({o for a in reporting for o in (a.outlet, *a.via) if o})
    dates = sorted(a.published.value for a in reporting if a.published.value)
    event["date"] = dict(event["date"] or {"value": None, "precision": None})
    event["sources"] = len(origins)
    event["outlets"] = outlets
    event["first_reported"] = dates[0] if dates else None
    return event
