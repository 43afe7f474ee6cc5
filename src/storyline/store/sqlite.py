"""The SQLite store: the only module that speaks SQL.

One file (or ``:memory:``), WAL mode, numbered migrations, idempotent writes
keyed by content-hash ids, one transaction per batch, FTS5 for search.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import StoreError
from storyline.records import Article, EntityMention, Published, Sentence
from storyline.store.migrations import MIGRATIONS

#: Extractor families stored one row per record: column -> key of the record's contract
#: object copied into it (a dotted key reaches into a nested object), besides start/end.
#: Table and column names come only from this constant, never from input.
FAMILY_COLUMNS: dict[str, dict[str, str]] = {
    "times": {"type": "type", "value": "value"},
    "sentence_dates": {"value": "value", "precision": "precision"},
    "quotes": {"speaker": "speaker.text", "anonymous": "speaker.anonymous",
               "channel": "channel", "date": "date"},
    "figures": {"value": "value", "what": "what", "key": "key", "claimant": "claimant",
                "date": "date"},
    "local_entities": {"name": "name", "type": "type", "code": "code"},
    "events": {"type": "type", "status": "status", "date": "date.value"},
}
_SPAN_KEYS: dict[str, tuple[str, str]] = {"sentence_dates": ("sentence_start", "sentence_end")}

_ARTICLE_COLUMNS = (
    "id, source, format, title, text, outlet, via, dateline, url, author, external_id, "
    "published_value, published_earliest, published_latest, published_source, duplicate_of, "
    "provenance"
)


@dataclass(frozen=True, slots=True)
class StoredBatch:
    """One unit of work written in a single transaction."""

    articles: Sequence[Article]
    sources: Sequence[tuple[str, str]]  # (article id, source) for copies stored once
    minhashes: Sequence[tuple[str, bytes, Sequence[tuple[int, bytes]]]]  # id, sig, bands
    sentences: Sequence[Sentence]
    mentions: Sequence[EntityMention]
    #: family name (a key of FAMILY_COLUMNS) -> contract objects, each with "article"
    records: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    #: article id -> its term profile for story clustering (plain JSON)
    terms: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    title: str | None
    snippet: str
    rank: float


def _row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        format=row["format"],
        title=row["title"],
        text=row["text"],
        outlet=row["outlet"],
        via=tuple(json.loads(row["via"])),
        dateline=row["dateline"],
        url=row["url"],
        author=row["author"],
        external_id=row["external_id"],
        published=Published(
            value=row["published_value"],
            earliest=row["published_earliest"],
            latest=row["published_latest"],
            source=row["published_source"],
        ),
        duplicate_of=row["duplicate_of"],
        provenance=tuple(sorted(json.loads(row["provenance"]).items())),
    )


class Store:
    """A storyline database.

    >>> store = Store(":memory:")
    >>> store.count_articles()
    0
    """

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
        try:
            self._conn = sqlite3.connect(self.path, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a storyline database ({exc})") from None

    # -- schema ---------------------------------------------------------------
    def _migrate(self) -> None:
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: written by a newer storyline (schema {version}, "
                f"this version knows {len(MIGRATIONS)})"
            )
        if version == 0 and self._has_foreign_tables():
            raise StoreError(f"{self.path}: not a storyline database (it has other tables)")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(script):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {number}")
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def _has_foreign_tables(self) -> bool:
        row = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return bool(row[0])

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------
    def write_batch(self, batch: StoredBatch) -> None:
        """Write a batch in one transaction; re-writing the same rows changes nothing."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(
                f"INSERT INTO articles ({_ARTICLE_COLUMNS}) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                [_article_row(a) for a in batch.articles],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO article_sources (article_id, source) VALUES (?, ?)",
                [*((a.id, a.source) for a in batch.articles), *batch.sources],
            )
            for article_id, sig, bands in batch.minhashes:
                conn.execute("UPDATE articles SET minhash = ? WHERE id = ?", (sig, article_id))
                conn.executemany(
                    "INSERT OR IGNORE INTO lsh_bands (band, key, article_id) VALUES (?, ?, ?)",
                    [(band, key, article_id) for band, key in bands],
                )
            conn.executemany(
                "INSERT OR IGNORE INTO sentences (article_id, idx, start, end) VALUES (?,?,?,?)",
                [(s.article, s.index, s.start, s.end) for s in batch.sentences],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO mentions (article_id, start, end, label, text) "
                "VALUES (?,?,?,?,?)",
                [(m.article, m.start, m.end, m.label, m.text) for m in batch.mentions],
            )
            for family, records in batch.records.items():
                self._write_family(family, records)
            conn.executemany(
                "INSERT OR IGNORE INTO article_terms (article_id, data) VALUES (?, ?)",
                [(article_id, json.dumps(profile, ensure_ascii=False, sort_keys=True))
                 for article_id, profile in batch.terms.items()],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _write_family(self, family: str, records: Sequence[Mapping[str, Any]]) -> None:
        columns = FAMILY_COLUMNS.get(family)
        if columns is None:
            raise ValueError(f"unknown record family {family!r}; known: {sorted(FAMILY_COLUMNS)}")
        start_key, end_key = _SPAN_KEYS.get(family, ("start", "end"))
        names = ", ".join(columns)
        marks = ", ".join("?" * (len(columns) + 5))
        counters: dict[str, int] = {}
        rows = []
        for record in records:
            article = record["article"]
            idx = counters[article] = counters.get(article, -1) + 1
            values = [_dotted(record, key) for key in columns.values()]
            rows.append((article, idx, record[start_key], record[end_key], *values,
                         json.dumps(record, ensure_ascii=False, sort_keys=True)))
        self._conn.executemany(
            f"INSERT OR IGNORE INTO {family} (article_id, idx, start, end, {names}, data) "
            f"VALUES ({marks})",
            rows,
        )

    # -- duplicate lookups ----------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def lsh_candidates(self, bands: Iterable[tuple[int, bytes]]) -> dict[str, bytes]:
        """Articles sharing at least one band with the signature, with their signatures."""
        found: dict[str, bytes] = {}
        for band, key in bands:
            for row in self._conn.execute(
                "SELECT a.id, a.minhash FROM lsh_bands b JOIN articles a ON a.id = b.article_id "
                "WHERE b.band = ? AND b.key = ?",
                (band, key),
            ):
                found[row[0]] = row[1]
        return found

    def original_of(self, article_id: str) -> str:
        """Follow ``duplicate_of`` links to the first copy."""
        seen = {article_id}
        current = article_id
        while True:
            row = self._conn.execute(
                "SELECT duplicate_of FROM articles WHERE id = ?", (current,)
            ).fetchone()
            if row is None or row[0] is None or row[0] in seen:
                return current
            current = row[0]
            seen.add(current)

    # -- reads ----------------------------------------------------------------
    def count_articles(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Articles in the order they were stored."""
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY rowid LIMIT ? OFFSET ?"
        for row in self._conn.execute(sql, (-1 if limit is None else limit, offset)):
            yield _row_to_article(row)

    def article(self, article_id: str) -> Article | None:
        row = self._conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else _row_to_article(row)

    def sources_of(self, article_id: str) -> list[str]:
        rows = self._conn.execute(
            "SELECT source FROM article_sources WHERE article_id = ? ORDER BY source",
            (article_id,),
        )
        return [r[0] for r in rows]

    def sentences(self, article_id: str | None = None) -> Iterator[Sentence]:
        sql = "SELECT article_id, idx, start, end FROM sentences"
        args: tuple[str, ...] = ()
        if article_id is not None:
            sql, args = sql + " WHERE article_id = ?", (article_id,)
        for row in self._conn.execute(sql + " ORDER BY article_id, idx", args):
            yield Sentence(row[0], row[1], row[2], row[3])

    def mentions(self, article_id: str | None = None) -> Iterator[EntityMention]:
        sql = "SELECT article_id, start, end, text, label FROM mentions"
        args: tuple[str, ...] = ()
        if article_id is not None:
            sql, args = sql + " WHERE article_id = ?", (article_id,)
        for row in self._conn.execute(sql + " ORDER BY article_id, start, end", args):
            yield EntityMention(row[0], row[1], row[2], row[3], row[4])

    def records(self, family: str, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored contract objects of one family, in article and document order."""
        if family not in FAMILY_COLUMNS:
            raise ValueError(f"unknown record family {family!r}; known: {sorted(FAMILY_COLUMNS)}")
        sql = f"SELECT data FROM {family}"
        args: tuple[str, ...] = ()
        if article_id is not None:
            sql, args = sql + " WHERE article_id = ?", (article_id,)
        for row in self._conn.execute(sql + " ORDER BY article_id, idx", args):
            data: dict[str, Any] = json.loads(row[0])
            yield data

    def terms(self, article_id: str) -> dict[str, Any] | None:
        """An article's term profile for story clustering, if it was analysed."""
        row = self._conn.execute(
            "SELECT data FROM article_terms WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    # -- stories --------------------------------------------------------------
    def unclustered_articles(self) -> Iterator[Article]:
        """Stored articles no story holds yet, in the order they were stored."""
        sql = (f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id NOT IN "
               "(SELECT article_id FROM story_articles) ORDER BY rowid")
        for row in self._conn.execute(sql):
            yield _row_to_article(row)

    def story_assignments(self) -> Iterator[tuple[str, str]]:
        """(article id, story id) in the order the clusterer saw the articles."""
        sql = "SELECT article_id, story_id FROM story_articles ORDER BY seq"
        for row in self._conn.execute(sql):
            yield row[0], row[1]

    def assigned_profiles(self) -> Iterator[tuple[str, str, str | None, str | None,
                                                   dict[str, Any]]]:
        """What the clusterer needs to replay its past, in the order it saw the articles:
        (article id, story id, date, duplicate_of, term profile) — no article text."""
        sql = ("SELECT s.article_id, s.story_id, "
               "coalesce(a.published_value, a.published_earliest), a.duplicate_of, t.data "
               "FROM story_articles s JOIN articles a ON a.id = s.article_id "
               "LEFT JOIN article_terms t ON t.article_id = s.article_id ORDER BY s.seq")
        for row in self._conn.execute(sql):
            yield row[0], row[1], row[2], row[3], json.loads(row[4]) if row[4] else {}

    def assign_stories(self, assignments: Sequence[tuple[str, str]]) -> None:
        """Record (article id, story id) pairs; an article already assigned is moved."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            seq = conn.execute("SELECT coalesce(max(seq), -1) FROM story_articles").fetchone()[0]
            conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, seq) VALUES (?, ?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
                [(a, s, seq + 1 + i) for i, (a, s) in enumerate(assignments)],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def story_ids(self) -> list[str]:
        """Every story id, oldest story first."""
        rows = self._conn.execute(
            "SELECT story_id FROM story_articles GROUP BY story_id ORDER BY min(seq)"
        )
        return [r[0] for r in rows]

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self._conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )
        return [r[0] for r in rows]

    def story_of(self, article_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def story_members(self) -> dict[str, list[str]]:
        """Story id -> its article ids, in the order the clusterer saw them."""
        members: dict[str, list[str]] = {}
        for article_id, story_id in self.story_assignments():
            members.setdefault(story_id, []).append(article_id)
        return members

    def put_story_view(self, story_id: str, stamp: str, row: Mapping[str, Any],
                       parts: Mapping[str, Any]) -> None:
        """Keep a story's built views (replacing older ones) under ``stamp``."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM story_view_parts WHERE story_id = ?", (story_id,))
            conn.execute("INSERT OR REPLACE INTO story_views (story_id, stamp, row) "
                         "VALUES (?, ?, ?)", (story_id, stamp, _json(row)))
            conn.executemany(
                "INSERT INTO story_view_parts (story_id, part, data) VALUES (?, ?, ?)",
                [(story_id, part, _json(value)) for part, value in parts.items()])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def drop_story_views(self, story_ids: Iterable[str]) -> None:
        """Forget the kept views of these stories."""
        ids = [(s,) for s in story_ids]
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("DELETE FROM story_view_parts WHERE story_id = ?", ids)
            conn.executemany("DELETE FROM story_views WHERE story_id = ?", ids)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def story_view_text(self, story_id: str, part: str) -> tuple[str, str] | None:
        """(stamp, JSON text) of one kept part of a story's views."""
        found = self._conn.execute(
            "SELECT v.stamp, p.data FROM story_views v JOIN story_view_parts p "
            "ON p.story_id = v.story_id WHERE v.story_id = ? AND p.part = ?", (story_id, part)
        ).fetchone()
        return None if found is None else (str(found[0]), str(found[1]))

    def story_view_stamps(self) -> dict[str, str]:
        """Story id -> the stamp of its kept views (no JSON decoded)."""
        return {r[0]: r[1] for r in self._conn.execute("SELECT story_id, stamp FROM story_views")}

    def story_view_rows(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Story id -> (stamp, listing row) of every story with kept views."""
        return {r[0]: (r[1], json.loads(r[2])) for r in
                self._conn.execute("SELECT story_id, stamp, row FROM story_views")}

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search (FTS5 syntax; plain words are ANDed), best first."""
        sql = (
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', '…', 12), "
            "bm25(articles_fts) FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?"
        )
        try:
            rows = self._conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # not valid FTS5 syntax: search the words as one quoted phrase each
            quoted = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            if not quoted:
                return []
            rows = self._conn.execute(sql, (quoted, limit)).fetchall()
        return [SearchHit(r[0], r[1], r[2], float(r[3])) for r in rows]


def _article_row(a: Article) -> tuple[Any, ...]:
    return (
        a.id, a.source, a.format, a.title, a.text, a.outlet, json.dumps(list(a.via)),
        a.dateline, a.url, a.author, a.external_id, a.published.value, a.published.earliest,
        a.published.latest, a.published.source, a.duplicate_of,
        json.dumps(dict(a.provenance), sort_keys=True),
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _dotted(record: Mapping[str, Any], key: str) -> Any:
    value: Any = record
    for part in key.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, bool):
        return int(value)
    return value if value is None or isinstance(value, int | float | str) else json.dumps(value)


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
