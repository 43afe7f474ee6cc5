"""storyline's main job: raw inputs in, deduplicated and analysed articles stored.

Read → metadata cascade → duplicate check → NLP pass → extractors → one store
transaction per batch.  ``storyline ingest`` runs it against a database file,
``storyline analyze`` against an in-memory store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from spacy.language import Language

from storyline.config import Settings
from storyline.extract import entity_mentions, sentences
from storyline.extract.article import FAMILIES, extract_article
from storyline.extract.terms import article_terms
from storyline.ingest import dedup
from storyline.ingest.metadata import resolve_article
from storyline.nlp import MAX_ARTICLE_CHARS, annotate
from storyline.records import (
    Article,
    ArticleContext,
    EntityMention,
    RawArticle,
    ReadFailure,
    Sentence,
)
from storyline.store import Store, StoredBatch
from storyline.stories.assign import assign_stories
from storyline.stories.views import refresh_views


@dataclass
class IngestSummary:
    """What one run did; ``failures`` name every input or record that was not stored."""

    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    warnings: list[ReadFailure] = field(default_factory=list)
    #: (source, id of the stored article it repeats) for each exact copy
    copies: list[tuple[str, str]] = field(default_factory=list)
    #: articles given a story (new ones; the clusterer runs after the last batch)
    clustered: int = 0
    #: story views built and kept (stories whose articles changed)
    views: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class _Pending:
    """Articles accepted in the current batch, visible to the duplicate checks."""

    articles: list[Article] = field(default_factory=list)
    copies: list[tuple[str, str]] = field(default_factory=list)
    minhashes: list[tuple[str, bytes, list[tuple[int, bytes]]]] = field(default_factory=list)
    ids: dict[str, str | None] = field(default_factory=dict)  # id -> its duplicate_of
    bands: dict[tuple[int, bytes], list[str]] = field(default_factory=dict)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)


class Ingester:
    """Stores articles once, linking near-duplicates to their first copy."""

    def __init__(self, store: Store, nlp: Language, settings: Settings) -> None:
        self.store = store
        self.nlp = nlp
        self.settings = settings
        self.lsh = dedup.LshParams.for_threshold(
            settings.near_duplicate_threshold, settings.minhash_permutations
        )
        self._pending = _Pending()

    def run(
        self,
        items: Iterable[RawArticle | ReadFailure],
        *,
        date: str | None = None,
        outlet: str | None = None,
        today: dt.date,
        on_item: Callable[[RawArticle | ReadFailure], None] | None = None,
        views: bool = True,
    ) -> IngestSummary:
        """Store ``items``, assign stories, and (``views``) rebuild changed story views."""
        summary = IngestSummary()
        for item in items:
            if on_item is not None:
                on_item(item)
            if isinstance(item, ReadFailure):
                (summary.failures if item.fatal else summary.warnings).append(item)
                continue
            if len(item.text) > MAX_ARTICLE_CHARS:
                summary.failures.append(ReadFailure(
                    item.source,
                    f"article of {len(item.text):,} characters is longer than the "
                    f"{MAX_ARTICLE_CHARS:,} the NLP pass takes; split it",
                ))
                continue
            article = resolve_article(item, date=date, outlet=outlet, today=today)
            self._accept(article, summary)
            if len(self._pending.articles) >= self.settings.batch_size:
                self._flush()
        self._flush()
        summary.clustered = assign_stories(self.store)
        if views:
            summary.views = refresh_views(self.store)
        return summary

    # -- duplicates -----------------------------------------------------------
    def _accept(self, article: Article, summary: IngestSummary) -> None:
        pending = self._pending
        if article.id in pending.ids or self.store.has_article(article.id):
            pending.copies.append((article.id, article.source))
            summary.copies.append((article.source, article.id))
            summary.duplicates += 1
            return
        sig = dedup.signature(
            article.text,
            permutations=self.settings.minhash_permutations,
            shingle_size=self.settings.shingle_size,
        )
        bands = dedup.band_keys(sig, self.lsh)
        original = self._near_duplicate_of(sig, bands)
        if original is not None:
            article = replace(article, duplicate_of=original)
            summary.near_duplicates += 1
        pending.articles.append(article)
        pending.ids[article.id] = article.duplicate_of
        pending.signatures[article.id] = sig
        pending.minhashes.append((article.id, sig.tobytes(), bands))
        for key in bands:
            pending.bands.setdefault(key, []).append(article.id)
        summary.stored += 1

    def _near_duplicate_of(
        self, sig: np.ndarray, bands: list[tuple[int, bytes]]
    ) -> str | None:
        candidates: dict[str, np.ndarray] = {
            cid: np.frombuffer(blob, dtype=np.uint64)
            for cid, blob in self.store.lsh_candidates(bands).items()
            if blob is not None
        }
        for key in bands:
            for cid in self._pending.bands.get(key, ()):
                candidates[cid] = self._pending.signatures[cid]
        best, best_sim = None, self.settings.near_duplicate_threshold
        for cid, other in sorted(candidates.items()):
            sim = dedup.similarity(sig, other)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = cid, sim
        if best is None:
            return None
        if best in self._pending.ids:
            return self._pending.ids[best] or best
        return self.store.original_of(best)

    # -- NLP and storage ------------------------------------------------------
    def _flush(self) -> None:
        pending = self._pending
        if not pending.articles and not pending.copies:
            return
        sents: list[Sentence] = []
        ments: list[EntityMention] = []
        records: dict[str, list[dict[str, Any]]] = {family: [] for family in FAMILIES}
        terms: dict[str, dict[str, Any]] = {}
        docs = annotate(self.nlp, pending.articles, batch_size=self.settings.batch_size)
        for doc, article in docs:
            ctx = ArticleContext(article.id, article.published.value, article.outlet,
                                 article.via)
            sents.extend(sentences(doc, ctx))
            ments.extend(entity_mentions(doc, ctx))
            for family, found in extract_article(doc, ctx).items():
                records[family].extend(found)
            terms[article.id] = article_terms(doc, title=article.title).as_dict()
        self.store.write_batch(StoredBatch(
            pending.articles, pending.copies, pending.minhashes, sents, ments, records, terms
        ))
        self._pending = _Pending()
