"""Builders shared by the ingest tests (a plain module, so test files can import it).

Containers (WARC, feeds) are written byte by byte here rather than with warcio's
writer, so the tests see exactly the bytes they describe and can cut them anywhere.
"""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from storyline.records import RawArticle, ReadFailure

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "seeds"
TODAY = dt.date(2026, 11, 23)
MB = 1024 * 1024

Items = list[RawArticle | ReadFailure]


def articles(items: Items) -> list[RawArticle]:
    return [item for item in items if isinstance(item, RawArticle)]


def failures(items: Items) -> list[ReadFailure]:
    return [item for item in items if isinstance(item, ReadFailure)]


def page(title: str, body: str, *, head: str = "") -> bytes:
    """A small article page with a title and paragraphs long enough for trafilatura."""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright</footer></body></html>"
    ).encode()


def warc_record(
    uri: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    record_type: str = "response",
    date: str = "2024-01-29T08:00:00Z",
) -> bytes:
    http = (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    header = (
        f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return header + http + b"\r\n\r\n"


def warc(records: list[bytes], *, compress: bool) -> bytes:
    """A WARC file; compressed ones have one gzip member per record, as crawlers write."""
    if compress:
        return b"".join(gzip.compress(r, mtime=0) for r in records)
    return b"".join(records)
