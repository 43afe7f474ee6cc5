"""Byte-level helpers: decoding untrusted bytes and telling formats apart.

Formats are recognised from the content first and the file name second, because
neither can be trusted alone: ``file(1)`` calls a Reuters story that begins with
``PARIS`` a "Par archive", and a page saved as ``.txt`` is still HTML.  Magic
numbers are used only where they are unambiguous (gzip, ``WARC/1.``).
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Final, Literal

Format = Literal["text", "html", "feed", "warc", "jsonl", "json"]

GZIP_MAGIC: Final = b"\x1f\x8b"

#: extension (without a trailing ``.gz``) -> format it suggests
EXTENSIONS: Final[dict[str, Format]] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}

#: C0 control characters that never occur in prose (tab, newlines, form feed excluded)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
#: share of control characters above which decoded bytes count as binary
_MAX_CONTROL_SHARE: Final = 0.01
_NEWLINES = re.compile(r"\r\n?")

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
_HTML_BODY = re.compile(rb"<(?:head|body|article|p|div)[\s>]", re.IGNORECASE)


def decode_text(data: bytes, *, declared: str | None = None) -> str | None:
    """Bytes as text with ``\\n`` line endings, or ``None`` when they are binary.

    A BOM decides first: UTF-8 or UTF-16.  Then a ``declared`` charset (an HTML
    meta tag, an HTTP header) other than the UTF-8/Latin family is used; the family
    itself is left to the cascade, because pages labelled Latin-1 are often UTF-8.
    The cascade tries UTF-8, then cp1252, then Latin-1, which decodes anything, so
    this never raises.  Text with NUL bytes or many control characters is binary.

    >>> decode_text(b"caf\\xe9\\r\\nbar")
    'café\\nbar'
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace").lstrip("\ufeff")
    elif b"\x00" in data:
        return None
    elif codec := _foreign_codec(declared):
        text = data.decode(codec, errors="replace")
    else:
        text = _decode_8bit(data)
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        return None
    return _NEWLINES.sub("\n", text)


#: codecs the UTF-8 -> cp1252 -> Latin-1 cascade already covers (and often mislabelled)
_CASCADE_CODECS: Final = frozenset({"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""", re.I)


def _foreign_codec(declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name in _CASCADE_CODECS or name.startswith("utf-16") or name.startswith("utf-32"):
        return None
    return name


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top, if any.

    >>> declared_charset(b'<html><head><meta charset="Shift_JIS">')
    'Shift_JIS'
    """
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _decode_8bit(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Latin-1 maps every byte, so the cascade always ends with a text
    return data.decode("latin-1")


def suggested_format(name: str) -> Format | None:
    """The format a file name suggests, ignoring a trailing ``.gz``."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    for extension, fmt in EXTENSIONS.items():
        if lowered.endswith(extension):
            return fmt
    return None


def sniffed_format(data: bytes) -> Format | None:
    """The format the content itself shows, or ``None`` when it shows none clearly."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        head = head.decode("utf-16", errors="replace").lstrip("\ufeff \t\r\n").encode()
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"<"):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_ROOT.search(head) or _HTML_BODY.match(head):
            return "html"
        return None
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    return None


def detect_format(name: str, data: bytes) -> Format:
    """Content wins when it is clear; else the extension; else plain text.

    ``.json`` and ``.jsonl`` are both JSON to the sniffer, so there the extension
    decides; anything the sniffer cannot place is read as plain text.
    """
    by_name = suggested_format(name)
    by_content = sniffed_format(data)
    if by_content in ("json", "jsonl") and by_name in ("json", "jsonl"):
        return by_name
    return by_content or by_name or "text"


@dataclass(frozen=True, slots=True)
class Gunzipped:
    data: bytes
    #: why decompression stopped early, or ``None`` when the stream was complete
    problem: str | None = None


def gunzip(data: bytes, *, max_bytes: int) -> Gunzipped:
    """Decompress a (possibly multi-member) gzip stream, keeping what precedes a break.

    Output is capped at ``max_bytes`` so a small bomb cannot fill memory.
    """
    out = bytearray()
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)
        try:
            out += inflater.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as exc:
            return Gunzipped(bytes(out), f"corrupt gzip data ({exc})")
        if len(out) > max_bytes:
            return Gunzipped(bytes(out[:max_bytes]), "too-large")
        if not inflater.eof:
            return Gunzipped(bytes(out), "truncated gzip data (the rest of the file is lost)")
        rest = inflater.unused_data.lstrip(b"\x00")
    return Gunzipped(bytes(out))


class _TextOfHtml(HTMLParser):
    """Collects the visible text of an HTML fragment, one line per block."""

    BLOCKS: Final = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "tr",
            "table",
            "section",
            "article",
            "header",
            "footer",
            "figure",
            "figcaption",
            "hr",
            "dd",
            "dt",
        }
    )
    HIDDEN: Final = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): tags dropped, one line per block.

    >>> html_to_text("<p>One &amp; two</p><p>three</p>")
    'One & two\\nthree'
    """
    if "<" not in fragment:
        raw = unescape(fragment)
    else:
        parser = _TextOfHtml()
        parser.feed(fragment)
        parser.close()
        raw = "".join(parser.parts)
    lines = (_SPACES.sub(" ", line).strip() for line in _NEWLINES.sub("\n", raw).split("\n"))
    return "\n".join(line for line in lines if line)
