"""The metadata cascade: from a raw article to an :class:`~storyline.records.Article`.

Evidence is taken from the most to the least reliable source, and each step fills
only what is still empty (the shape of trafilatura's ``extract_metadata``):

1. the caller (``--date``, ``--outlet``): ``"user"``;
2. what the record itself declares (HTML meta tags, feed fields, JSON keys,
   WARC headers): ``"metadata"``;
3. what the text says about itself (dateline, credit line, dated mentions): ``"text"``;
4. otherwise the field stays empty (``"unknown"`` for the publication date).

Every filled field records its step in ``Article.provenance``.  The reference
date ``today`` is a parameter: nothing here reads the clock, so the same input
always gives the same article.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from storyline.extract.times import infer_publication
from storyline.ingest.dedup import article_id
from storyline.ingest.textmeta import Lexicon, load_lexicon, text_meta
from storyline.records import Article, MetaSource, Published, RawArticle

#: the most eastern time zone (UTC+14): the latest local date anywhere at a given instant
_EARTH_LAST_OFFSET: Final = dt.timedelta(hours=14)


def resolve_article(
    raw: RawArticle,
    *,
    date: str | None = None,
    outlet: str | None = None,
    today: dt.date,
) -> Article:
    """The article with its metadata resolved and every value's source recorded.

    ``date`` (ISO ``YYYY-MM-DD``, validated by the caller) and ``outlet`` are the
    caller's; ``today`` is the reference date that text-derived dates may not pass.
    When the text credits a different outlet than the one already filled (a wire
    story on a portal), the credited outlet goes to ``via``.

    >>> raw = RawArticle(text="PARIS (Reuters) - They met on Sunday (Jan 28).",
    ...                  source="a.txt", format="text")
    >>> art = resolve_article(raw, today=dt.date(2026, 11, 23))
    >>> art.outlet, art.dateline, art.published.value, art.published.source
    ('Reuters', 'Paris', '2024-01-28', 'text')
    """
    provenance: dict[str, str] = {}

    def pick(name: str, *candidates: tuple[str | None, MetaSource]) -> str | None:
        for value, source in candidates:
            if value:
                provenance[name] = source
                return value
        return None

    meta = text_meta(raw.text)
    lexicon = load_lexicon()
    chosen_outlet = pick(
        "outlet",
        (outlet, "user"),
        (raw.outlet, "metadata"),
        (meta.outlet, "text"),
    )
    relays = [] if meta.outlet is None else [meta.outlet, *meta.via]
    via = tuple(dict.fromkeys(n for n in relays if not _same_outlet(n, chosen_outlet, lexicon)))
    if via:
        provenance["via"] = "text"
    if meta.dateline:
        provenance["dateline"] = "text"
    title = pick("title", (raw.title, "metadata"))
    url = pick("url", (raw.url, "metadata"))
    author = pick("author", (raw.author, "metadata"))
    external_id = pick("external_id", (raw.external_id, "metadata"))
    published = resolve_published(raw, date=date, today=today)
    if published.source != "unknown":
        provenance["published"] = published.source
    return Article(
        id=article_id(raw.text),
        source=raw.source,
        text=raw.text,
        format=raw.format,
        title=title,
        outlet=chosen_outlet,
        via=via,
        dateline=meta.dateline,
        url=url,
        author=author,
        external_id=external_id,
        published=published,
        provenance=tuple(provenance.items()),
    )


def _same_outlet(credited: str, outlet: str | None, lexicon: Lexicon) -> bool:
    """Whether a credited outlet is the article's own ("Reuters" in "Reuters World News")."""
    if outlet is None:
        return False
    within = re.search(rf"\b{re.escape(credited.casefold())}\b", outlet.casefold())
    return within is not None or credited == lexicon.outlet(outlet)


def resolve_published(raw: RawArticle, *, date: str | None, today: dt.date) -> Published:
    """Publication date from the caller, the record, or the text, in that order.

    A declared date (caller or record) pins the day: value, earliest and latest are
    all that day.  A crawl time is only an upper bound.  Text evidence gives a best
    guess and an interval (see :func:`storyline.extract.times.infer_publication`).

    >>> resolve_published(RawArticle(text="On Friday.", source="b.txt", format="text"),
    ...                   date=None, today=dt.date(2026, 11, 23))
    Published(value=None, earliest=None, latest=None, source='unknown')
    """
    if date:
        return Published(date, date, date, "user")
    declared = _date_part(raw.published)
    if declared:
        return Published(declared, declared, declared, "metadata")
    latest = crawl_bound(raw.crawled)
    found = infer_publication(raw.text, today=min(today, latest) if latest else today)
    if found.source == "text":
        ends = [d for d in (found.latest, latest.isoformat() if latest else None) if d]
        return Published(found.value, found.earliest, min(ends) if ends else None, "text")
    if latest:
        return Published(latest=latest.isoformat(), source="metadata")
    return Published()


def crawl_bound(crawled: str | None) -> dt.date | None:
    """The latest local publication date a crawl time allows.

    A page fetched at 23:00 UTC may carry the next day's date where it was
    published, so a timed crawl is moved to UTC+14 before its date is taken.

    >>> crawl_bound("2024-01-29T23:00:00Z")
    datetime.date(2024, 1, 30)
    """
    if not crawled:
        return None
    text = crawled.strip()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        part = _date_part(text)
        return dt.date.fromisoformat(part) if part else None
    if len(text) <= 10:
        return moment.date()
    if moment.tzinfo is None:
        # local time of an unknown zone: the calendar day can only be later by one
        return moment.date() + dt.timedelta(days=1)
    return (moment.astimezone(dt.UTC) + _EARTH_LAST_OFFSET).date()


def _date_part(value: str | None) -> str | None:
    """The ISO date at the start of an ISO date or datetime, if it is a real date."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None
