"""Parsers for single-document and line-record formats: plain text, HTML, JSON (Lines).

Each parser turns the bytes of one input into raw articles and read failures;
none raises on bad data, so one bad record never stops a batch.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any, Final

import trafilatura
from trafilatura.settings import Document

from storyline.ingest.sniff import declared_charset, decode_text
from storyline.records import RawArticle, ReadFailure

Item = RawArticle | ReadFailure

NOT_TEXT: Final = "binary file, not text"

# trafilatura logs every page it cannot parse; the reader reports those itself
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

#: trust only dates the page declares in its markup; htmldate's text heuristics
#: would otherwise turn any date in the body into a "publication date"
_HTML_DATE_PARAMS: Final = {"extensive_search": False, "original_date": True}

#: JSON record key -> RawArticle field, for the optional string fields
_JSON_FIELDS: Final = {
    "title": "title",
    "url": "url",
    "outlet": "outlet",
    "author": "author",
    "id": "external_id",
}


def iso_date_or_datetime(value: str) -> str | None:
    """``value`` as a normalised ISO date or datetime, or ``None`` when it is not one.

    >>> iso_date_or_datetime("2024-01-28T10:00:00Z")
    '2024-01-28T10:00:00+00:00'
    >>> iso_date_or_datetime("28/01/2024") is None
    True
    """
    text = value.strip()
    if len(text) == 10:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    if len(text) < 16 or text[4:5] != "-" or text[10:11] not in ("T", " "):
        return None
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def parse_text(source: str, data: bytes) -> Iterator[Item]:
    """A plain-text article; the text is kept as is apart from line endings."""
    text = decode_text(data)
    if text is None:
        yield ReadFailure(source, NOT_TEXT)
    elif not text.strip():
        yield ReadFailure(source, "no text (only whitespace)")
    else:
        yield RawArticle(text=text, source=source, format="text")


def html_article(
    source: str,
    data: bytes,
    *,
    url: str | None = None,
    crawled: str | None = None,
    charset: str | None = None,
) -> Item:
    """Main text and declared metadata of an HTML page, via trafilatura.

    Malformed markup is extracted as far as it goes; a page without any text is a
    failure.  ``charset`` is the one a transport declared (an HTTP header); the
    page's own ``<meta charset>`` is used otherwise.  The heading trafilatura
    repeats at the top of the text is dropped so that a dateline
    ("PARIS (Reuters) -") starts the text, where it is looked for.
    """
    markup = decode_text(data, declared=charset or declared_charset(data))
    if markup is None:
        return ReadFailure(source, NOT_TEXT)
    try:
        doc = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, date_extraction_params=_HTML_DATE_PARAMS
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on hostile markup
        return ReadFailure(source, f"HTML could not be parsed ({type(exc).__name__})")
    text = _clean(doc.text) if isinstance(doc, Document) else None
    if not isinstance(doc, Document) or not text:
        return ReadFailure(source, "HTML page with no article text")
    title = _clean(doc.title)
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest
    published = iso_date_or_datetime(doc.date) if isinstance(doc.date, str) else None
    return RawArticle(
        text=text,
        source=source,
        format="html",
        title=title,
        url=_clean(doc.url) or url,
        published=published,
        outlet=_declared_sitename(doc),
        author=_clean(doc.author),
        crawled=crawled,
    )


def parse_html(source: str, data: bytes) -> Iterator[Item]:
    yield html_article(source, data)


def parse_jsonl(source: str, data: bytes) -> Iterator[Item]:
    """One article per line; bad lines fail alone (``file.jsonl:LINE``), blank lines are skipped."""
    text = decode_text(data)
    if text is None:
        yield ReadFailure(source, NOT_TEXT)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        yield from jsonl_line(f"{source}:{number}", line)


def jsonl_line(where: str, line: str) -> Iterator[Item]:
    """The article of one JSON Lines line (nothing for a blank line)."""
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield ReadFailure(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
        return
    yield from json_record(where, record, fmt="jsonl")


def parse_json(source: str, data: bytes) -> Iterator[Item]:
    """A JSON array of article objects (``file.json#item=N``), or one object."""
    text = decode_text(data)
    if text is None:
        yield ReadFailure(source, NOT_TEXT)
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadFailure(source, f"invalid JSON ({exc.msg} at line {exc.lineno})")
        return
    except RecursionError:
        yield ReadFailure(source, "invalid JSON (nested too deeply)")
        return
    if isinstance(document, list):
        for number, record in enumerate(document, start=1):
            yield from json_record(f"{source}#item={number}", record, fmt="json")
    else:
        yield from json_record(source, document, fmt="json")


def json_record(where: str, record: Any, *, fmt: str) -> Iterator[Item]:
    """An article from one JSON object, validating every field.

    A missing or empty ``text`` fails the record.  An optional field of the wrong
    type or an unreadable ``published`` date is dropped and the article kept; the
    drop is reported as a failure line that says so, because silently losing a
    date the user supplied would be worse than a noisy exit code.
    """
    if not isinstance(record, Mapping):
        yield ReadFailure(where, f"not a JSON object but {_json_kind(record)}")
        return
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield ReadFailure(where, 'no "text" (a non-empty string is required)')
        return
    fields: dict[str, str] = {}
    dropped: list[str] = []
    for key, attr in _JSON_FIELDS.items():
        value = record.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and key == "id":
            value = str(value)
        if isinstance(value, str) and value.strip():
            fields[attr] = value.strip()
        elif value is not None and value != "":
            dropped.append(f'"{key}" ({_json_kind(value)}, not a string)')
    published = record.get("published")
    declared = iso_date_or_datetime(published) if isinstance(published, str) else None
    if declared:
        fields["published"] = declared
    elif published is not None and published != "":
        dropped.append(f'"published" ({json.dumps(published)[:40]} is not an ISO date)')
    yield RawArticle(
        text=text.replace("\r\n", "\n").replace("\r", "\n"), source=where, format=fmt, **fields
    )
    if dropped:
        yield ReadFailure(
            where, "ignored " + "; ".join(dropped) + "; the article was kept", fatal=False
        )


def _declared_sitename(doc: Document) -> str | None:
    """The site name the page declares; not trafilatura's fallback to the URL's host.

    A bare host name is no outlet name, and it would hide the wire credit in the
    text ("(AP)") from the metadata cascade.
    """
    name = _clean(doc.sitename)
    host = _clean(doc.hostname)
    if name and host and name.lower().removeprefix("www.") == host.lower().removeprefix("www."):
        return None
    return name


def _json_kind(value: Any) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    stripped = value.strip()
    return stripped or None
