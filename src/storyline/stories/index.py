"""Online statistics and the inverted index behind :mod:`storyline.stories.cluster`.

Both grow with the vocabulary and the number of stories, never with pairs of
articles: document frequencies are one counter per key, and each key's posting
list keeps only the stories most recently filed under it, so looking an
article up costs at most ``keys x postings`` steps however long the stream.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping


class DocumentFrequencies:
    """Document frequencies learned from the articles seen so far, and smoothed IDF.

    ``idf(key) = ln((1 + n + prior_docs) / (1 + df(key) + prior_df)) + 1``: the
    smoothed IDF of scikit-learn's ``TfidfTransformer`` with a prior of
    ``prior_docs`` pseudo-articles in which every key occurs ``prior_df`` times.
    Without the prior, a key shared by the only two articles seen so far weighs
    half as much as a key only one of them uses, which kept the two seeds apart
    when clustered alone; after a few thousand articles it changes an IDF by 5% at most.

    >>> dfs = DocumentFrequencies()
    >>> dfs.add(["ceasefire", "say"]); dfs.add(["say"])
    >>> round(dfs.idf("say"), 3), round(dfs.idf("ceasefire"), 3), round(dfs.idf("new"), 3)
    (2.749, 3.037, 3.442)
    """

    __slots__ = ("_df", "n", "prior_df", "prior_docs")

    def __init__(self, *, prior_docs: float = 20.0, prior_df: float = 1.0) -> None:
        if prior_docs < 0 or not 0 <= prior_df <= prior_docs:
            raise ValueError(f"prior_df ({prior_df}) must be between 0 and prior_docs "
                             f"({prior_docs}), both non-negative")
        self._df: dict[str, int] = {}
        self.n = 0
        self.prior_docs = prior_docs
        self.prior_df = prior_df

    def add(self, keys: Iterable[str]) -> None:
        """Count one article that uses each of ``keys`` (distinct)."""
        df = self._df
        for key in keys:
            df[key] = df.get(key, 0) + 1
        self.n += 1

    def df(self, key: str) -> int:
        return self._df.get(key, 0)

    def idf(self, key: str) -> float:
        return math.log((1 + self.n + self.prior_docs) /
                        (1 + self._df.get(key, 0) + self.prior_df)) + 1.0

    def __len__(self) -> int:
        return len(self._df)


class InvertedIndex:
    """Key -> the stories most recently filed under it, at most ``max_postings`` each.

    Filing a story under a key again moves it to the most recent end; when a list
    is full its least recently filed story drops out.  A story that stopped
    developing long ago is thus found through rare keys only, which is what an
    old story needs to be re-opened anyway.

    >>> index = InvertedIndex(max_postings=2)
    >>> for story in ("s1", "s2", "s3"):
    ...     index.file("hostage", story)
    >>> index.candidates({"hostage": 1.0}, limit=5)
    ['s3', 's2']
    """

    __slots__ = ("_clock", "_postings", "_stamp", "max_postings")

    def __init__(self, *, max_postings: int = 64) -> None:
        if max_postings < 1:
            raise ValueError(f"max_postings must be at least 1, not {max_postings}")
        self.max_postings = max_postings
        self._postings: dict[str, dict[str, None]] = {}
        self._stamp: dict[str, int] = {}  # story -> when it was last filed
        self._clock = 0

    def file(self, key: str, story: str) -> None:
        self._clock += 1
        self._stamp[story] = self._clock
        postings = self._postings.get(key)
        if postings is None:
            self._postings[key] = {story: None}
            return
        postings.pop(story, None)
        postings[story] = None
        if len(postings) > self.max_postings:
            del postings[next(iter(postings))]

    def rename(self, old: str, new: str, keys: Iterable[str]) -> None:
        """Refile story ``old`` as ``new`` under ``keys`` (after a merge)."""
        for key in keys:
            postings = self._postings.get(key)
            if postings is not None and old in postings:
                del postings[old]
                self.file(key, new)
        self._stamp.pop(old, None)

    def candidates(self, weights: Mapping[str, float], *, limit: int) -> list[str]:
        """Up to ``limit`` stories sharing the most weight with ``weights``.

        A story scores the sum of the weights of the query keys it is filed
        under; ties go to the story filed most recently, so the order never
        depends on hashing.
        """
        scores: dict[str, float] = {}
        for key, weight in weights.items():
            for story in self._postings.get(key, ()):
                scores[story] = scores.get(story, 0.0) + weight
        stamp = self._stamp
        ranked = sorted(scores, key=lambda s: (-scores[s], -stamp.get(s, 0), s))
        return ranked[:limit]

    def __len__(self) -> int:
        return len(self._postings)
