"""Numbered schema migrations; each runs in its own transaction, exactly once.

Append new migrations to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles with their metadata provenance, sources, near-duplicate bands, FTS5
    """
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        outlet TEXT,
        via TEXT NOT NULL DEFAULT '[]',
        dateline TEXT,
        url TEXT,
        author TEXT,
        external_id TEXT,
        published_value TEXT,
        published_earliest TEXT,
        published_latest TEXT,
        published_source TEXT NOT NULL DEFAULT 'unknown',
        duplicate_of TEXT REFERENCES articles(id),
        provenance TEXT NOT NULL DEFAULT '{}',
        minhash BLOB
    );
    CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
    CREATE INDEX articles_published ON articles(published_value);
    CREATE TABLE article_sources (
        article_id TEXT NOT NULL REFERENCES articles(id),
        source TEXT NOT NULL,
        PRIMARY KEY (article_id, source)
    ) WITHOUT ROWID;
    CREATE TABLE lsh_bands (
        band INTEGER NOT NULL,
        key BLOB NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id),
        PRIMARY KEY (band, key, article_id)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: what the NLP pass found: sentences and entity mentions with character offsets
    """
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, end, label)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_label_text ON mentions(label, text);
    """,
    # 3: extractor families; each row keeps the full contract object in `data` (JSON) and
    # copies the fields worth filtering on into columns
    """
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        type TEXT,
        value TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE INDEX times_value ON times(value);
    CREATE TABLE sentence_dates (
        article_id TEXT NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        value TEXT,
        precision TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        speaker TEXT,
        anonymous INTEGER,
        channel TEXT,
        date TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE figures (
        article_id TEXT NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        value REAL,
        what TEXT,
        key TEXT,
        claimant TEXT,
        date TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE INDEX figures_key ON figures(key);
    """,
    # 4: entities grouped within each article, event mentions, and each article's term
    # profile for story clustering
    """
    CREATE TABLE local_entities (
        article_id TEXT NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        name TEXT,
        type TEXT,
        code TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE INDEX local_entities_name ON local_entities(name);
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        type TEXT,
        status TEXT,
        date TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE INDEX events_type ON events(type);
    CREATE TABLE article_terms (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        data TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: which story each article belongs to, in the order the clusterer saw them
    """
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL,
        seq INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX story_articles_story ON story_articles(story_id, seq);
    """,
    # 6: each story's built views (listing row, page, full view, resolved entities...),
    # kept until its articles change; ``stamp`` names the articles and code they came from
    """
    CREATE TABLE story_views (
        story_id TEXT PRIMARY KEY,
        stamp TEXT NOT NULL,
        row TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE story_view_parts (
        story_id TEXT NOT NULL REFERENCES story_views(story_id) ON DELETE CASCADE,
        part TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (story_id, part)
    ) WITHOUT ROWID;
    """,
)
