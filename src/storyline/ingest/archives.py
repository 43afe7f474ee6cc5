"""Parsers for multi-article containers: RSS/Atom feeds and WARC archives.

A container is read record by record; a broken record becomes a failure naming
it (``feed.xml#entry=3``, ``crawl.warc#record=7``) and the others are kept.
Linked pages are never fetched: storyline works offline.
"""

from __future__ import annotations

import email.utils
import io
from collections.abc import Iterator
from typing import Any, Final

import feedparser
from warcio.archiveiterator import ArchiveIterator

from storyline.ingest.formats import Item, html_article, iso_date_or_datetime
from storyline.ingest.sniff import html_to_text, sniffed_format
from storyline.records import RawArticle, ReadFailure

#: WARC record types that carry a page body
_PAGE_RECORDS: Final = frozenset({"response", "resource"})
_HTML_TYPES: Final = ("text/html", "application/xhtml+xml")


def parse_feed(source: str, data: bytes) -> Iterator[Item]:
    """Each feed entry's content (or summary) as plain text with its declared metadata.

    feedparser's loose parser recovers entries from malformed XML, so a "bozo" feed
    that still has entries yields them; only a feed with no entries at all fails.
    """
    try:
        # a file-like object: given a str that looks like a URL, feedparser would fetch it
        feed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser wraps most errors in bozo, but not all
        yield ReadFailure(source, f"feed could not be parsed ({type(exc).__name__})")
        return
    entries = feed.get("entries") or []
    if not entries:
        problem = feed.get("bozo_exception")
        detail = f" ({_one_line(problem)})" if problem else ""
        yield ReadFailure(source, f"no feed entries found; not a readable RSS/Atom feed{detail}")
        return
    outlet = _string(feed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        yield _feed_entry(f"{source}#entry={number}", entry, outlet)


def _feed_entry(where: str, entry: Any, outlet: str | None) -> Item:
    try:
        body = _entry_body(entry)
        if not body:
            return ReadFailure(where, "feed entry has no content or summary")
        return RawArticle(
            text=body,
            source=where,
            format="feed",
            title=_string(html_to_text(entry.get("title") or "")),
            url=_string(entry.get("link")),
            published=_entry_date(entry),
            outlet=outlet,
            author=_string(entry.get("author")),
            external_id=_string(entry.get("id")),
        )
    except Exception as exc:  # one odd entry must not lose the others
        return ReadFailure(where, f"feed entry could not be read ({type(exc).__name__})")


def _entry_body(entry: Any) -> str:
    """The longest of the entry's content blocks, else its summary, as plain text."""
    blocks = [c.get("value") or "" for c in entry.get("content") or [] if isinstance(c, dict)]
    raw = max(blocks, key=len, default="") or entry.get("summary") or ""
    return html_to_text(raw) if isinstance(raw, str) else ""


def _entry_date(entry: Any) -> str | None:
    """The entry's publication date as the feed wrote it (local time, not UTC).

    feedparser's ``*_parsed`` values are converted to UTC, which can move an
    evening story to the next day, so the original string is parsed first:
    RFC 822 in RSS, RFC 3339 in Atom.
    """
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        iso = iso_date_or_datetime(value)
        if iso:
            return iso
        try:
            return email.utils.parsedate_to_datetime(value).isoformat()
        except (TypeError, ValueError, IndexError):
            continue
    return None


def parse_warc(source: str, data: bytes) -> Iterator[Item]:
    """HTML pages in a WARC (plain or gzip), each extracted like an HTML file.

    The record's ``WARC-Target-URI`` becomes its source and url; ``WARC-Date``
    goes to ``crawled``, an upper bound for publication.  Non-page records
    (requests, metadata, images, scripts) are skipped quietly.  warcio stops
    silently at a truncated record, so truncation is detected here: a record whose
    declared length was not all there, or bytes left after the last record.
    """
    iterator = ArchiveIterator(io.BytesIO(data))
    pages = 0
    number = 0
    try:
        for number, record in enumerate(iterator, start=1):
            payload = record.content_stream().read()
            if getattr(record.raw_stream, "limit", None) != 0:
                yield _truncated(source, number, len(data))
                return
            if record.rec_type not in _PAGE_RECORDS or not _is_html(record, payload):
                continue
            pages += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#record={number}"
            item = html_article(
                uri,
                payload,
                url=uri,
                crawled=record.rec_headers.get_header("WARC-Date"),
                charset=_http_charset(record),
            )
            if isinstance(item, ReadFailure):
                item = ReadFailure(f"{source}#record={number}", f"{uri}: {item.reason}")
            yield item
    except Exception:  # warcio raises assorted errors on cut or corrupt bytes
        yield _truncated(source, number + 1, len(data))
        return
    if data[iterator.offset :].strip(b"\x00\r\n "):
        yield _truncated(source, number + 1, len(data))
    elif not pages and not number:
        yield ReadFailure(source, "WARC file with no records")
    elif not pages:
        yield ReadFailure(source, f"WARC file with no HTML pages in its {number} records")


def _truncated(source: str, number: int, size: int) -> ReadFailure:
    return ReadFailure(
        f"{source}#record={number}",
        f"WARC truncated or corrupt from record {number} on ({size} bytes read); "
        "the records before it were kept",
    )


def _is_html(record: Any, payload: bytes) -> bool:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    declared = (headers.get_header("Content-Type") or "").lower()
    if declared.startswith(_HTML_TYPES):
        return True
    # servers mislabel pages; trust the bytes when the label is missing or generic
    generic = not declared or declared.startswith(("text/plain", "application/octet-stream"))
    return generic and sniffed_format(payload) == "html"


def _http_charset(record: Any) -> str | None:
    if record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    _, _, charset = content_type.partition("charset=")
    return charset.split(";")[0].strip(" \"'") or None


def _string(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _one_line(problem: object) -> str:
    return " ".join(str(problem).split())[:120]
