"""Reading inputs: paths, directories and standard input to raw articles.

The one entry point, :func:`read_inputs`, never raises on bad data.  Every
input that cannot be read, and every record of a container that cannot, comes
out as a :class:`~storyline.records.ReadFailure` with a one-line reason, and the
batch goes on.  That includes a path that does not exist: the caller gets a
failure for it (and the CLI a non-zero exit code) while the other inputs are
still read, rather than an exception that would lose them.
"""

from __future__ import annotations

import gzip
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, Final

from storyline.ingest.archives import parse_feed, parse_warc
from storyline.ingest.formats import (
    Item,
    jsonl_line,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_text,
)
from storyline.ingest.sniff import (
    GZIP_MAGIC,
    Format,
    decode_text,
    detect_format,
    gunzip,
    suggested_format,
)
from storyline.records import RawArticle, ReadFailure

STDIN: Final = "-"
STDIN_SOURCE: Final = "<stdin>"
_BLANK: Final = re.compile(rb"\s*\Z")

Parser = Callable[[str, bytes], Iterator[Item]]

PARSERS: Final[dict[Format, Parser]] = {
    "text": parse_text,
    "html": parse_html,
    "feed": parse_feed,
    "warc": parse_warc,
    "jsonl": parse_jsonl,
    "json": parse_json,
}


def read_inputs(
    paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[RawArticle | ReadFailure]:
    """Raw articles from files, directories (recursively) and ``-`` (standard input).

    Formats are told apart by content and extension (see :mod:`storyline.ingest.sniff`);
    gzip-compressed inputs are decompressed first.  Directories are walked in sorted
    order, skipping hidden files and folders, so runs are reproducible.  Inputs over
    ``max_bytes`` are refused before they are read.

    >>> [type(item).__name__ for item in read_inputs(["no/such/file"], max_bytes=1024)]
    ['ReadFailure']
    """
    for path in paths:
        if path == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, max_bytes=max_bytes)
        else:
            yield from _read_path(path, max_bytes=max_bytes, listed=False)


def read_bytes(source: str, data: bytes, *, max_bytes: int) -> Iterator[RawArticle | ReadFailure]:
    """Articles from bytes already in memory; ``source`` names them and hints the format."""
    if _BLANK.match(data):
        yield ReadFailure(source, "empty file" if not data else "no text (only whitespace)")
        return
    if data.startswith(GZIP_MAGIC):
        yield from _read_gzip(source, data, max_bytes=max_bytes)
        return
    yield from PARSERS[detect_format(source, data)](source, data)


def _read_gzip(source: str, data: bytes, *, max_bytes: int) -> Iterator[Item]:
    """A gzip input: WARCs go to warcio compressed, anything else is unpacked (capped).

    A crawl decompresses to many times its size, but warcio reads it one gzip
    member (record) at a time, so only the first kilobytes are unpacked to see
    whether it is one; the size limit applies to the file on disk.
    """
    if detect_format(source, gunzip(data, max_bytes=4096).data) == "warc":
        yield from parse_warc(source, data)
        return
    unpacked = gunzip(data, max_bytes=max_bytes)
    if unpacked.problem == "too-large":
        yield ReadFailure(source, f"decompresses to more than {_limit(max_bytes)}")
        return
    if not _BLANK.match(unpacked.data):
        yield from PARSERS[detect_format(source, unpacked.data)](source, unpacked.data)
    elif not unpacked.problem:
        yield ReadFailure(source, "empty file (after gzip decompression)")
    if unpacked.problem:
        yield ReadFailure(source, unpacked.problem)


def _read_path(path: str, *, max_bytes: int, listed: bool) -> Iterator[Item]:
    """One path; ``listed`` when it came from a directory listing (so it existed)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        missing = "file vanished before it could be read" if listed else "no such file or directory"
        yield ReadFailure(path, missing)
        return
    except OSError as exc:
        yield ReadFailure(path, _os_reason(exc))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_directory(path, max_bytes=max_bytes)
    elif not stat.S_ISREG(info.st_mode):
        yield ReadFailure(path, "not a regular file or directory")
    elif _streams_lines(path):
        yield from _stream_jsonl(path, max_bytes=max_bytes)
    elif info.st_size > max_bytes:
        yield ReadFailure(path, f"larger than {_limit(max_bytes)}")
    else:
        yield from _read_file(path, max_bytes=max_bytes)


def _read_file(path: str, *, max_bytes: int) -> Iterator[Item]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; the reading is shared with stdin
    except OSError as exc:
        yield ReadFailure(path, _os_reason(exc))
        return
    with fh:
        yield from _read_handle(path, fh, max_bytes=max_bytes)


def _read_handle(source: str, fh: BinaryIO, *, max_bytes: int) -> Iterator[Item]:
    """Everything an open file or stream holds, refused whole when over ``max_bytes``."""
    try:
        # one byte past the limit: a file may have grown since it was listed
        data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield ReadFailure(source, _os_reason(exc))
        return
    if len(data) > max_bytes:
        yield ReadFailure(source, f"larger than {_limit(max_bytes)}")
        return
    yield from read_bytes(source, data, max_bytes=max_bytes)


def _streams_lines(path: str) -> bool:
    """JSON Lines files are read a line at a time, so a dump of any size can be ingested."""
    name = path[:-3] if path.endswith(".gz") else path
    return suggested_format(name) == "jsonl"


def _stream_jsonl(path: str, *, max_bytes: int) -> Iterator[Item]:
    """Each line of a (gzipped) JSON Lines file; ``max_bytes`` limits one line, not the file."""
    number = 0
    try:
        with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as fh:
            for number, raw in enumerate(iter(lambda: fh.readline(max_bytes + 1), b""), 1):
                where = f"{path}:{number}"
                if len(raw) > max_bytes and not raw.endswith(b"\n"):
                    yield ReadFailure(where, f"line longer than {_limit(max_bytes)}")
                    for _rest in iter(lambda: fh.readline(max_bytes + 1), b""):
                        if _rest.endswith(b"\n"):
                            break
                    continue
                text = decode_text(raw)
                if text is None:
                    yield ReadFailure(where, "binary data, not text")
                    continue
                yield from jsonl_line(where, text.rstrip("\r\n"))
    except FileNotFoundError:
        yield ReadFailure(path, "file vanished before it could be read")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        kind = "truncated gzip data" if isinstance(exc, EOFError) else "corrupt gzip data"
        yield ReadFailure(f"{path}:{number + 1}", f"{kind} (the rest of the file is lost)")
    except OSError as exc:
        yield ReadFailure(path, _os_reason(exc))


def _read_directory(root: str, *, max_bytes: int) -> Iterator[Item]:
    """Files under ``root`` in sorted order; hidden entries and folder symlinks are skipped."""
    failures: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=failures.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            yield from _read_path(os.path.join(folder, name), max_bytes=max_bytes, listed=True)
        while failures:
            exc = failures.pop(0)
            yield ReadFailure(exc.filename or folder, _os_reason(exc))
    for exc in failures:
        yield ReadFailure(exc.filename or root, _os_reason(exc))


def _read_stream(stream: BinaryIO, *, max_bytes: int) -> Iterator[Item]:
    yield from _read_handle(STDIN_SOURCE, stream, max_bytes=max_bytes)


def _limit(max_bytes: int) -> str:
    megabytes = max_bytes / (1024 * 1024)
    if megabytes < 0.01:
        return f"the {max_bytes}-byte limit (max_file_mb)"
    return f"the {megabytes:.3g} MB limit (max_file_mb)"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "file vanished before it could be read"
    return f"cannot be read ({exc.strerror or type(exc).__name__})"
