"""Decoding untrusted bytes and telling formats apart."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.sniff import (
    decode_text,
    detect_format,
    gunzip,
    html_to_text,
    sniffed_format,
)
from tests.ingest.helpers import SEEDS


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii", "plain ascii"),
        ("café – “quoted”".encode(), "café – “quoted”"),
        (codecs.BOM_UTF8 + "café".encode(), "café"),
        ("Gaza “ceasefire”".encode("utf-16"), "Gaza “ceasefire”"),  # BOM written by the codec
        (codecs.BOM_UTF16_BE + "Doha".encode("utf-16-be"), "Doha"),
        ("café “x”".encode("cp1252"), "café “x”"),
        (b"\x81\x8d caf\xe9", "\x81\x8d café"),  # undefined in cp1252: Latin-1 takes them
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n"),
        (b"tab\tand\fform feed", "tab\tand\fform feed"),
    ],
)
def test_decode_text_handles_encodings_and_line_endings(data: bytes, expected: str) -> None:
    assert decode_text(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary",
        b"PK\x03\x04" + bytes(range(32)) * 4,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,
        bytes(range(1, 9)) * 20,  # control characters, no NUL
    ],
)
def test_decode_text_refuses_binary(data: bytes) -> None:
    assert decode_text(data) is None


def test_decode_keeps_seed_text_byte_for_byte() -> None:
    for seed in SEEDS.glob("*.txt"):
        raw = seed.read_bytes()
        assert decode_text(raw) == raw.decode("utf-8")


@given(st.binary(max_size=512))
def test_decode_never_raises_and_gives_normalised_text(data: bytes) -> None:
    text = decode_text(data)
    if text is not None:
        assert "\r" not in text
        assert "\x00" not in text


@given(st.text(max_size=200))
def test_decode_round_trips_utf8_prose(text: str) -> None:
    prose = "".join(c for c in text if c.isprintable() or c in "\n\t")
    assert decode_text(prose.encode("utf-8")) == prose.lstrip("\ufeff")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        # content wins when it is clear, whatever the name says
        ("seed.txt", b"PARIS (Reuters) - The head of the US", "text"),
        ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("page.xml", b"  <html lang='en'><body>x</body></html>", "html"),
        ("feed.html", b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "feed"),
        ("feed", b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("rdf.dat", b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'></rdf:RDF>", "feed"),
        ("crawl.bin", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("dump", b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("dump", b'[{"text": "a"}]', "json"),
        ("dump", b'{\n  "text": "a"\n}', "json"),
        # JSON content: the extension tells arrays-of-lines from documents
        ("one.json", b'{"text": "a"}', "json"),
        ("many.ndjson", b'{"text": "a"}', "jsonl"),
        # unclear content: the extension decides, else plain text
        ("page.htm", b"Just words, <b>bold</b>", "html"),
        ("notes.md", b"# Heading", "text"),
        ("no-extension", b"Some words", "text"),
        ("archive.warc.gz", b"not yet decompressed", "warc"),
    ],
)
def test_detect_format(name: str, data: bytes, expected: str) -> None:
    assert detect_format(name, data) == expected


def test_sniff_sees_through_a_utf16_bom() -> None:
    assert sniffed_format("<html><body>x</body></html>".encode("utf-16")) == "html"


def test_gunzip_keeps_what_precedes_a_break() -> None:
    import gzip

    whole = gzip.compress(b"first member\n") + gzip.compress(b"second member\n" * 200)
    complete = gunzip(whole, max_bytes=1 << 20)
    assert complete.problem is None
    assert complete.data.startswith(b"first member\nsecond member\n")
    cut = gunzip(whole[: len(whole) - 20], max_bytes=1 << 20)
    assert cut.problem is not None and "truncated" in cut.problem
    assert cut.data.startswith(b"first member\n")
    bomb = gunzip(gzip.compress(b"0" * 10_000), max_bytes=100)
    assert bomb.problem == "too-large" and len(bomb.data) == 100


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One &amp; two</p><p>three</p>", "One & two\nthree"),
        ("plain &lt;b&gt; text", "plain <b> text"),
        ("<div>a<br/>b</div><script>alert(1)</script><style>p{}</style>", "a\nb"),
        ("<p>unclosed <b>bold <i>italic", "unclosed bold italic"),
        ("   <p>  spaced\u00a0 out  </p>  ", "spaced out"),
        ("", ""),
    ],
)
def test_html_to_text(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected
