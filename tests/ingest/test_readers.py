"""Readers: every format, and every kind of bad input, one failure line each."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest import readers
from storyline.ingest.readers import read_bytes, read_inputs
from storyline.records import RawArticle, ReadFailure
from tests.ingest.helpers import Items, articles, failures, page, warc, warc_record

Read = Callable[..., Items]

STORY = (
    "PARIS (Reuters) - Officials met in Paris on Sunday to work towards a ceasefire, "
    "sources close to the talks said.\n"
    "Further meetings are expected this week, according to the same sources."
)


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


# --- plain text ---------------------------------------------------------------------


def test_seed_text_is_read_unchanged(read: Read, seeds: dict[str, Path]) -> None:
    [item] = read(seeds["paris"])
    assert isinstance(item, RawArticle)
    assert item.text == seeds["paris"].read_text(encoding="utf-8")
    assert (item.format, item.source, item.title) == ("text", str(seeds["paris"]), None)


def test_seed_that_file1_calls_a_par_archive_is_text(read: Read, tmp_path: Path) -> None:
    # no extension: only the content can tell, and "PARIS" is not a magic number
    path = write(tmp_path / "story", b"PARIS (Reuters) - The head of the US agency was there.")
    [item] = read(path)
    assert isinstance(item, RawArticle) and item.format == "text"


def test_text_in_other_encodings(read: Read, tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Doha talks “resume”\r\n".encode("utf-16"))
    write(tmp_path / "b.txt", "Caf\u00e9 in Paris – “x”\r\n".encode("cp1252"))
    texts = [a.text for a in articles(read(tmp_path))]
    assert texts == ["Doha talks “resume”\n", "Café in Paris – “x”\n"]


# --- HTML ---------------------------------------------------------------------------


def test_html_page_with_metadata(read: Read, tmp_path: Path) -> None:
    head = (
        '<meta property="og:site_name" content="Example News">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2024-01-28T10:00:00Z">'
        '<link rel="canonical" href="https://example.org/a/1">'
    )
    path = write(tmp_path / "page.html", page("Talks in Paris", STORY, head=head))
    [item] = read(path)
    assert isinstance(item, RawArticle)
    assert item.format == "html"
    assert item.text.startswith("PARIS (Reuters) - Officials met")  # heading not repeated
    assert "Home" not in item.text and "Copyright" not in item.text
    assert item.title == "Talks in Paris"
    assert item.outlet == "Example News"
    assert item.author == "Jane Roe"
    assert item.published == "2024-01-28"
    assert item.url == "https://example.org/a/1"


def test_html_without_declared_date_gets_none_not_a_guess(read: Read, tmp_path: Path) -> None:
    body = STORY + "\nThe talks of 5 January 2021 were mentioned in the text."
    [item] = read(write(tmp_path / "p.htm", page("Talks", body)))
    assert isinstance(item, RawArticle) and item.published is None


def test_malformed_html_still_gives_its_text(read: Read, tmp_path: Path) -> None:
    broken = (
        "<html><head><title>Broken</title><body><div><p>WASHINGTON (AP) — Negotiators "
        "resumed talks on Friday, officials said, in a page whose markup never closes"
        "<p>A second paragraph with <b>unclosed bold and <i>italics"
    )
    [item] = read(write(tmp_path / "broken.html", broken))
    assert isinstance(item, RawArticle)
    assert "Negotiators resumed talks on Friday" in item.text
    assert "unclosed bold and italics" in item.text


def test_html_with_no_text_fails(read: Read, tmp_path: Path) -> None:
    [item] = read(write(tmp_path / "empty.html", "<html><body><script>x()</script></body></html>"))
    assert item == ReadFailure(str(tmp_path / "empty.html"), "HTML page with no article text")


# --- feeds --------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Talks &amp; more</title><link>https://ex.org/1</link><guid>ex-1</guid>
<author>desk@example.org (News Desk)</author>
<pubDate>Sun, 28 Jan 2024 23:30:00 -0500</pubDate>
<description>&lt;p&gt;PARIS (Reuters) - Officials met.&lt;/p&gt;
&lt;p&gt;More to come.&lt;/p&gt;</description>
</item>
<item><title>Title only, no body</title><link>https://ex.org/2</link></item>
<item><title>Third</title><description>Plain text with a <b>tag</b></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Entry one</title><link href="https://ex.org/a"/><id>urn:a</id>
<published>2024-02-09T21:00:00-05:00</published>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;A meeting in Paris on Friday made progress.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_entries_with_a_broken_one(read: Read, tmp_path: Path) -> None:
    path = write(tmp_path / "feed.rss", RSS)
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "ReadFailure", "RawArticle"]
    first, broken, third = items
    assert isinstance(first, RawArticle) and isinstance(third, RawArticle)
    assert first.text == "PARIS (Reuters) - Officials met.\nMore to come."
    assert first.source == f"{path}#entry=1"
    assert (first.title, first.url, first.external_id) == (
        "Talks & more",
        "https://ex.org/1",
        "ex-1",
    )
    assert first.outlet == "Example Wire"
    # the feed's own local date, not feedparser's UTC conversion (which is Jan 29)
    assert first.published == "2024-01-28T23:30:00-05:00"
    assert broken == ReadFailure(f"{path}#entry=2", "feed entry has no content or summary")
    assert third.text == "Plain text with a tag"


def test_atom_prefers_content_over_summary(read: Read, tmp_path: Path) -> None:
    [item] = read(write(tmp_path / "atom.xml", ATOM))
    assert isinstance(item, RawArticle)
    assert item.text == "A meeting in Paris on Friday made progress."
    assert (item.outlet, item.url, item.published) == (
        "Atom Desk",
        "https://ex.org/a",
        "2024-02-09T21:00:00-05:00",
    )


def test_bozo_feed_still_yields_its_entries(read: Read, tmp_path: Path) -> None:
    cut = RSS.replace("</channel></rss>", "<item><title>unterminated")  # not well-formed
    items = read(write(tmp_path / "bozo.xml", cut))
    assert [a.title for a in articles(items)] == ["Talks & more", "Third"]


def test_xml_that_is_not_a_feed_fails(read: Read, tmp_path: Path) -> None:
    [item] = read(write(tmp_path / "data.xml", "<?xml version='1.0'?><catalog><book/></catalog>"))
    assert isinstance(item, ReadFailure)
    assert item.reason.startswith("no feed entries found")


# --- WARC ---------------------------------------------------------------------------


def _crawl() -> list[bytes]:
    return [
        warc_record("https://ex.org/robots.txt", b"User-agent: *", content_type="text/plain"),
        warc_record("https://ex.org/1", page("One", STORY)),
        warc_record("https://ex.org/logo.png", b"\x89PNG\r\n", content_type="image/png"),
        warc_record("https://ex.org/2", page("Two", STORY.replace("PARIS", "DOHA"))),
        warc_record("https://ex.org/3", page("Three", STORY.replace("PARIS", "CAIRO"))),
    ]


@pytest.mark.parametrize("compress", [False, True])
def test_warc_html_responses_become_articles(read: Read, tmp_path: Path, compress: bool) -> None:
    name = "crawl.warc.gz" if compress else "crawl.warc"
    items = read(write(tmp_path / name, warc(_crawl(), compress=compress)))
    assert failures(items) == []
    found = articles(items)
    assert [a.source for a in found] == ["https://ex.org/1", "https://ex.org/2", "https://ex.org/3"]
    assert [a.url for a in found] == [a.source for a in found]
    assert found[1].text.startswith("DOHA (Reuters)")
    assert {a.crawled for a in found} == {"2024-01-29T08:00:00Z"}
    assert {a.published for a in found} == {None}  # a crawl date is never the publication date


@pytest.mark.parametrize("compress", [False, True])
def test_truncated_warc_keeps_records_before_the_break(
    read: Read, tmp_path: Path, compress: bool
) -> None:
    data = warc(_crawl(), compress=compress)
    cut_inside_last = len(data) - 200
    path = write(tmp_path / ("cut.warc.gz" if compress else "cut.warc"), data[:cut_inside_last])
    items = read(path)
    assert [a.source for a in articles(items)] == ["https://ex.org/1", "https://ex.org/2"]
    [failure] = failures(items)
    assert failure.source == f"{path}#record=5"
    assert "truncated or corrupt" in failure.reason


def test_warc_without_pages_says_so(read: Read, tmp_path: Path) -> None:
    data = warc(
        [warc_record("https://ex.org/x.png", b"\x89PNG", content_type="image/png")], compress=False
    )
    [item] = read(write(tmp_path / "img.warc", data))
    assert item == ReadFailure(
        str(tmp_path / "img.warc"), "WARC file with no HTML pages in its 1 records"
    )


# --- JSON Lines and JSON ------------------------------------------------------------


def test_jsonl_keeps_good_lines_around_bad_ones(read: Read, tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": "First story.",
                "title": "One",
                "url": "https://ex.org/1",
                "published": "2024-01-28",
                "outlet": "Reuters",
                "id": 17,
            }
        ),
        "{not json",
        "",
        json.dumps({"title": "no text"}),
        json.dumps(["an", "array"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Second story.", "published": "2024-02-09T21:00:00-05:00"}),
    ]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")
    items = read(path)
    good = articles(items)
    assert [(a.source, a.text) for a in good] == [
        (f"{path}:1", "First story."),
        (f"{path}:7", "Second story."),
    ]
    one = good[0]
    assert (one.title, one.url, one.published, one.outlet, one.external_id) == (
        "One",
        "https://ex.org/1",
        "2024-01-28",
        "Reuters",
        "17",
    )
    assert good[1].published == "2024-02-09T21:00:00-05:00"
    assert [str(f) for f in failures(items)] == [
        f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f'{path}:4: no "text" (a non-empty string is required)',
        f"{path}:5: not a JSON object but an array",
        f'{path}:6: no "text" (a non-empty string is required)',
    ]


@pytest.mark.parametrize("bad_date", ["2024-13-01", "28/01/2024", "yesterday", "2024-02-30"])
def test_jsonl_invalid_date_keeps_article_and_reports_it(
    read: Read, tmp_path: Path, bad_date: str
) -> None:
    path = write(tmp_path / "d.jsonl", json.dumps({"text": "Story.", "published": bad_date}))
    article, note = read(path)
    assert isinstance(article, RawArticle) and article.published is None
    assert isinstance(note, ReadFailure) and note.source == f"{path}:1"
    assert bad_date in note.reason and "the article was kept" in note.reason


def test_json_array_and_single_object(read: Read, tmp_path: Path) -> None:
    write(tmp_path / "a.json", json.dumps([{"text": "One."}, {"nope": 1}, {"text": "Two."}]))
    write(tmp_path / "b.json", json.dumps({"text": "Alone.", "title": "T"}, indent=2))
    write(tmp_path / "c.json", "[{broken")
    items = read(tmp_path)
    assert [(a.source, a.text) for a in articles(items)] == [
        (f"{tmp_path}/a.json#item=1", "One."),
        (f"{tmp_path}/a.json#item=3", "Two."),
        (f"{tmp_path}/b.json", "Alone."),
    ]
    assert [f.source for f in failures(items)] == [
        f"{tmp_path}/a.json#item=2",
        f"{tmp_path}/c.json",
    ]


# --- gzip, directories, standard input ----------------------------------------------


def test_gzipped_text_and_jsonl(read: Read, tmp_path: Path) -> None:
    write(tmp_path / "a.txt.gz", gzip.compress(STORY.encode()))
    write(tmp_path / "b.jsonl.gz", gzip.compress(b'{"text": "x"}\n{"text": "y"}\n'))
    assert [a.text for a in articles(read(tmp_path))] == [STORY, "x", "y"]


def test_truncated_gzip_keeps_what_was_readable(read: Read, tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"story {i}"}) + "\n" for i in range(2000))
    data = gzip.compress(lines.encode())
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    items = read(path)
    assert 0 < len(articles(items)) < 2000
    last = failures(items)[-1]
    # JSON Lines stream: the failure names the line where the data breaks off
    assert last.source == f"{path}:{len(articles(items)) + 1}"
    assert last.reason == "truncated gzip data (the rest of the file is lost)"


def test_directory_is_walked_sorted_skipping_hidden(read: Read, tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", ".hidden.txt", ".git/d.txt", "sub/.e.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        write(tmp_path / name, f"text of {name}")
    items = read(tmp_path)
    assert [a.text for a in articles(items)] == [
        "text of a.txt",
        "text of b.txt",
        "text of sub/c.txt",
    ]


def test_standard_input_is_sniffed(tmp_path: Path) -> None:
    stdin = io.BytesIO(b'{"text": "from a pipe"}\n')
    [item] = read_inputs(["-"], max_bytes=1024, stdin=stdin)
    assert isinstance(item, RawArticle)
    assert (item.text, item.source, item.format) == ("from a pipe", "<stdin>:1", "jsonl")


def test_standard_input_over_the_limit(tmp_path: Path) -> None:
    [item] = read_inputs(["-"], max_bytes=10, stdin=io.BytesIO(b"x" * 11))
    assert item == ReadFailure("<stdin>", "larger than the 10-byte limit (max_file_mb)")


# --- bad input ----------------------------------------------------------------------


def test_bad_inputs_fail_alone_with_one_line_reasons(read: Read, tmp_path: Path) -> None:
    write(tmp_path / "a_binary.txt", b"\x00\x01\x02\x03\xff\xfe garbage")
    write(tmp_path / "b_empty.txt", b"")
    write(tmp_path / "c_blank.txt", b" \n\t\n")
    write(tmp_path / "d_good.txt", STORY)
    write(tmp_path / "e_image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    items = read(tmp_path, tmp_path / "missing.txt")
    assert [a.source for a in articles(items)] == [str(tmp_path / "d_good.txt")]
    assert [str(f) for f in failures(items)] == [
        f"{tmp_path}/a_binary.txt: binary file, not text",
        f"{tmp_path}/b_empty.txt: empty file",
        f"{tmp_path}/c_blank.txt: no text (only whitespace)",
        f"{tmp_path}/e_image.png: binary file, not text",
        f"{tmp_path}/missing.txt: no such file or directory",
    ]


def test_huge_file_is_refused_before_reading(
    read: Read, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "big.txt", "x" * 3000)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(readers, "open", no_open, raising=False)
    [item] = read(path, max_bytes=2048)
    assert item == ReadFailure(str(path), "larger than the 2048-byte limit (max_file_mb)")


def test_limit_is_stated_in_megabytes(read: Read, tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * (2 * 1024 * 1024))
    [item] = read(path, max_bytes=1024 * 1024)
    assert item == ReadFailure(str(path), "larger than the 1 MB limit (max_file_mb)")


def test_gzip_bomb_is_refused(read: Read, tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 100_000))
    [item] = read(path, max_bytes=10_000)
    assert isinstance(item, ReadFailure) and item.reason.startswith("decompresses to more than")


def test_file_vanishing_mid_run(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "first")
    write(tmp_path / "b.txt", "second")
    items = read_inputs([str(tmp_path)], max_bytes=1024)
    first = next(items)
    assert isinstance(first, RawArticle) and first.text == "first"
    os.remove(tmp_path / "b.txt")  # after the listing, before the read
    assert list(items) == [
        ReadFailure(str(tmp_path / "b.txt"), "file vanished before it could be read")
    ]


def test_permission_denied(read: Read, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "words")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    # the tests may run as root, for whom chmod 000 changes nothing
    monkeypatch.setattr(readers, "open", denied, raising=False)
    assert read(path) == [ReadFailure(str(path), "permission denied")]


def test_not_a_regular_file(read: Read, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert read(fifo) == [ReadFailure(str(fifo), "not a regular file or directory")]


def test_html_in_a_declared_foreign_charset(read: Read, tmp_path: Path) -> None:
    story = "МОСКВА (ТАСС) - Переговоры продолжились в воскресенье, сообщили источники."
    head = '<meta charset="windows-1251">'
    path = write(
        tmp_path / "ru.html",
        page("Переговоры", story + "\n" + story, head=head).decode().encode("cp1251"),
    )
    [item] = read(path)
    assert isinstance(item, RawArticle) and item.text.startswith("МОСКВА (ТАСС)")


def test_warc_uses_the_http_charset(read: Read, tmp_path: Path) -> None:
    body = page("Ελλάδα", "ΑΘΗΝΑ (AP) - Οι συνομιλίες συνεχίστηκαν την Κυριακή.\nΚαι άλλα.")
    record = warc_record(
        "https://ex.gr/1",
        body.decode().encode("iso8859-7"),
        content_type="text/html; charset=ISO-8859-7",
    )
    [item] = read(write(tmp_path / "gr.warc", warc([record], compress=False)))
    assert isinstance(item, RawArticle) and "ΑΘΗΝΑ (AP) - Οι συνομιλίες" in item.text
    assert item.outlet is None  # the host name is no declared site name


NAMES = ["x.txt", "x.html", "x.xml", "x.warc", "x.jsonl", "x.json", "x.gz", "x.warc.gz", "x"]


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(NAMES),
    data=st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"WARC/1.0\r\n", b"<rss>", b"<html>", b'{"text":', b"\x1f\x8b"]).flatmap(
            lambda head: st.binary(max_size=200).map(lambda tail: head + tail)
        ),
    ),
)
def test_any_bytes_give_articles_or_failures_never_an_exception(name: str, data: bytes) -> None:
    items = list(read_bytes(name, data, max_bytes=4096))
    assert items, "every input yields at least one item"
    for item in items:
        assert isinstance(item, RawArticle | ReadFailure)
        if isinstance(item, ReadFailure):
            assert item.reason and "\n" not in item.reason
        else:
            assert item.text.strip()


def test_gzip_warc_is_not_held_to_its_unpacked_size(read: Read, tmp_path: Path) -> None:
    data = warc(_crawl(), compress=True)
    unpacked = len(gzip.decompress(data))
    path = write(tmp_path / "crawl.warc.gz", data)
    limit = (len(data) + unpacked) // 2
    assert len(data) < limit < unpacked
    items = read(path, max_bytes=limit)
    assert len(articles(items)) == 3 and failures(items) == []


def test_jsonl_streams_past_the_file_size_limit(tmp_path: Path) -> None:
    """A dump larger than max_file_mb is read line by line; the limit is per line."""
    line = json.dumps({"text": "Talks resumed in Cairo on Monday. " * 3}) + "\n"
    huge = json.dumps({"text": "x" * 5000}) + "\n"
    body = (line * 40 + huge + line * 10).encode()
    for name, data in (("dump.jsonl", body), ("dump.jsonl.gz", gzip.compress(body))):
        path = tmp_path / name
        path.write_bytes(data)
        items = list(read_inputs([str(path)], max_bytes=1024))
        assert len(articles(items)) == 50
        (failure,) = failures(items)
        assert failure.source == f"{path}:41" and "line longer than" in failure.reason
