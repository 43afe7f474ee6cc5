"""Online story clustering: each arriving article joins its best developing story or starts one.

This is single-pass clustering as in topic detection and tracking (Allan, Papka &
Lavrenko, 1998, *On-line new event detection and tracking*, SIGIR; Yang, Pierce &
Carbonell, 1998, *A study of retrospective and on-line event detection*, SIGIR):

* an article is bags of counts (:func:`storyline.extract.terms.article_terms`):
  content lemmas, and entity names together with the numbers it states, each
  weighted by sublinear TF times an IDF learned online from the articles seen so
  far (:class:`~storyline.stories.index.DocumentFrequencies`);
* a story is the centroid of its articles (their length-normalised bags, summed),
  weighted by the current IDF when compared, so early members do not keep the
  weights of a time when the IDF knew little;
* similarity is ``(1 - name_weight) * cos(lemmas) + name_weight * cos(names)``
  (names only where both sides have some, as Kumaran & Allan 2004 weigh named
  entities separately), times a time factor ``floor + (1 - floor) * 2 ** (-gap /
  half_life_days)``, where ``gap`` is the number of days between the article and
  the story's span of dates (undated articles and stories: factor 1), less
  ``small_story_margin / members``: a story of one article is the least reliable
  centroid, so joining it takes more evidence;
* the article joins the best story scoring at least ``threshold``, else starts one.

The centroid was chosen over the best few member articles by measurement: on
ECB+ the mean of the two most similar members, the most similar member and the
mean over members all scored at or below the centroid (``benchmarks/cluster_eval``
documents the runs).

Only stories that share a heavy key with the article are compared
(:class:`~storyline.stories.index.InvertedIndex`: the article's top keys by TF-IDF,
at most ``max_postings`` stories per key, the best ``max_candidates`` of them
scored in full), so one article costs a bounded amount of work and the whole
stream grows linearly (``python -m benchmarks.cluster_scale``).

Copies (``duplicate_of`` naming an article already seen) join their original's
story and are counted neither in the centroid nor in the document frequencies.
A story's id is ``story-<id of its first article>`` and never changes; when an
article links two stories strongly enough (``merge_threshold``, off by default:
it did not help on ECB+) the younger one is merged into the older and its id
recorded in ``merged``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storyline.stories.index import DocumentFrequencies, InvertedIndex

__all__ = ["ArticleFeatures", "Story", "StoryClusterer"]


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """What the clusterer knows about one article (``date``: ISO date or ``None``).

    ``terms``, ``names`` and ``numbers`` are the counts that
    :func:`storyline.extract.terms.article_terms` gives; numbers are compared
    together with the names (both say which occurrence of an event it is).
    """

    id: str
    date: str | None
    terms: Mapping[str, float]
    names: Mapping[str, float]
    duplicate_of: str | None = None
    numbers: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, id: str, date: str | None, features: Mapping[str, Any],
                  duplicate_of: str | None = None) -> ArticleFeatures:
        """From the object that ``ArticleTerms.as_dict`` gives."""
        return cls(id, date, dict(features.get("terms", {})), dict(features.get("names", {})),
                   duplicate_of, dict(features.get("numbers", {})))


@dataclass(frozen=True, slots=True)
class Story:
    """A story: its articles in arrival order and the span of their dates."""

    id: str
    articles: tuple[str, ...]
    first_date: str | None
    last_date: str | None
    #: ids of the stories merged into this one, in merge order
    merged: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "articles": list(self.articles), "first_date": self.first_date,
                "last_date": self.last_date, "merged": list(self.merged)}


class _Centroid:
    """Summed length-normalised sublinear TF of a story's members, capped to its heaviest keys.

    Its TF-IDF norm is kept up to date as members arrive and recomputed in full
    only when the IDF has drifted (the corpus grew by a tenth) or keys were pruned,
    so comparing with a large story costs no more than with a small one.
    """

    __slots__ = ("_norm2", "_norm_n", "cap", "weights")

    def __init__(self, cap: int) -> None:
        self.weights: dict[str, float] = {}
        self.cap = cap
        self._norm2 = 0.0
        self._norm_n = -1  # document count the norm was computed at; -1: stale

    def add(self, tf: Mapping[str, float], scale: float, dfs: DocumentFrequencies) -> None:
        weights = self.weights
        fresh = self._norm_n >= 0 and not self._drifted(dfs)
        delta = 0.0
        for key, value in tf.items():
            old = weights.get(key, 0.0)
            new = old + value * scale
            weights[key] = new
            if fresh:
                delta += (new * new - old * old) * dfs.idf(key) ** 2
        self._norm2 += delta
        if not fresh:
            self._norm_n = -1
        if len(weights) > self.cap + self.cap // 2:
            kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[: self.cap]
            self.weights = dict(kept)
            self._norm_n = -1

    def norm(self, dfs: DocumentFrequencies) -> float:
        if self._norm_n < 0 or self._drifted(dfs):
            self._norm2 = sum((w * dfs.idf(k)) ** 2 for k, w in self.weights.items())
            self._norm_n = dfs.n
        return math.sqrt(self._norm2)

    def _drifted(self, dfs: DocumentFrequencies) -> bool:
        return dfs.n > self._norm_n * 1.1 + 1


class _StoryState:
    __slots__ = ("articles", "first", "id", "keys", "last", "members", "merged", "names",
                 "terms")

    def __init__(self, story_id: str, caps: tuple[int, int]) -> None:
        self.id = story_id
        self.articles: list[str] = []
        self.first: int | None = None  # date ordinals
        self.last: int | None = None
        self.terms = _Centroid(caps[0])
        self.names = _Centroid(caps[1])
        self.keys: set[str] = set()  # index keys this story is filed under
        self.members = 0  # articles in the centroid (copies are not)
        self.merged: list[str] = []

    def extend_dates(self, first: int | None, last: int | None) -> None:
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    def snapshot(self) -> Story:
        def iso(day: int | None) -> str | None:
            return None if day is None else dt.date.fromordinal(day).isoformat()

        return Story(self.id, tuple(self.articles), iso(self.first), iso(self.last),
                     tuple(self.merged))


class StoryClusterer:
    """Assigns articles, in arrival order, to stories; same input order, same stories.

    >>> c = StoryClusterer()
    >>> c.add(ArticleFeatures("a", "2024-01-28", {"hostage": 3, "ceasefire": 2, "talk": 1},
    ...                       {"paris": 2, "cia": 1}))
    'story-a'
    >>> c.add(ArticleFeatures("b", "2024-05-25", {"hostage": 2, "ceasefire": 1, "deal": 1},
    ...                       {"paris": 1, "cia": 1, "mossad": 1}))
    'story-a'
    >>> c.add(ArticleFeatures("c", "2024-05-26", {"iphone": 3, "launch": 2}, {"apple": 2}))
    'story-c'
    >>> c.add(ArticleFeatures("d", None, {}, {}, duplicate_of="c"))
    'story-c'
    >>> [(s.id, s.articles, s.first_date, s.last_date) for s in c.stories()][0]
    ('story-a', ('a', 'b'), '2024-01-28', '2024-05-25')
    """

    def __init__(
        self,
        *,
        threshold: float = 0.18,
        half_life_days: float = 30.0,
        time_floor: float = 0.5,
        name_weight: float = 0.6,
        merge_threshold: float | None = None,
        query_keys: int = 12,
        file_keys: int = 24,
        max_candidates: int = 16,
        max_postings: int = 64,
        centroid_terms: int = 200,
        centroid_names: int = 60,
        small_story_margin: float = 0.1,
    ) -> None:
        for name, value in (("threshold", threshold), ("time_floor", time_floor),
                            ("name_weight", name_weight),
                            ("small_story_margin", small_story_margin)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")
        if half_life_days <= 0:
            raise ValueError(f"half_life_days must be positive, not {half_life_days}")
        if merge_threshold is not None and not threshold <= merge_threshold <= 1.0:
            raise ValueError(f"merge_threshold must be between threshold and 1 (or None), "
                             f"not {merge_threshold}")
        for name, count in (("query_keys", query_keys), ("file_keys", file_keys),
                            ("max_candidates", max_candidates), ("centroid_terms", centroid_terms),
                            ("centroid_names", centroid_names)):
            if count < 1:
                raise ValueError(f"{name} must be at least 1, not {count}")
        self.threshold = threshold
        self.half_life_days = half_life_days
        self.time_floor = time_floor
        self.name_weight = name_weight
        self.merge_threshold = merge_threshold
        self.query_keys = query_keys
        self.file_keys = file_keys
        self.max_candidates = max_candidates
        self._caps = (centroid_terms, centroid_names)
        self._term_dfs = DocumentFrequencies()
        self._name_dfs = DocumentFrequencies()
        self.small_story_margin = small_story_margin
        self._index = InvertedIndex(max_postings=max_postings)
        self._stories: dict[str, _StoryState] = {}  # in creation order
        self._story_of: dict[str, str] = {}  # article id -> story id (before merges)
        self._arrival: dict[str, int] = {}  # article id -> arrival rank
        self._alias: dict[str, str] = {}  # merged story id -> the story it went into
        #: the best candidate's score for the last article added (0.0: no candidate)
        self.last_score = 0.0
        #: story comparisons made so far: at most ``max_candidates`` per article
        self.comparisons = 0

    # -- public API -----------------------------------------------------------
    def add(self, article: ArticleFeatures) -> str:
        """File ``article`` into a story and return the story's id.

        Adding an id that was added before changes nothing and returns its story.
        """
        known = self.story_of(article.id)
        if known is not None:
            return known
        day = _ordinal(article.date)
        original = self.story_of(article.duplicate_of) if article.duplicate_of else None
        if original is not None:
            state = self._stories[original]
            self._attach(state, article.id, day)
            return state.id
        terms, names = _bags(article)
        scored = self._scored(terms, names, day)
        self.last_score = scored[0][0] if scored else 0.0
        if scored and scored[0][0] >= self.threshold:
            state = self._stories[scored[0][1]]
            if self.merge_threshold is not None:
                state = self._merge_linked(state, scored)
        else:
            state = _StoryState(f"story-{article.id}", self._caps)
            self._stories[state.id] = state
        self._attach(state, article.id, day)
        state.members += 1
        state.terms.add(terms, 1.0 / _norm(terms) if terms else 1.0, self._term_dfs)
        state.names.add(names, 1.0 / _norm(names) if names else 1.0, self._name_dfs)
        self._file(state, terms, names)
        self._term_dfs.add(terms)
        self._name_dfs.add(names)
        return state.id

    def scores(self, article: ArticleFeatures) -> list[tuple[str, float]]:
        """The candidate stories for ``article`` now, with its score for each, best first.

        Nothing is added: this explains a decision (``add`` joins the first story
        listed when its score reaches ``threshold``).
        """
        return [(story, score)
                for score, story in self._scored(*_bags(article), _ordinal(article.date))]

    def story_of(self, article_id: str | None) -> str | None:
        """The id of the story an added article is in now (``None``: not added)."""
        story = self._story_of.get(article_id) if article_id is not None else None
        while story is not None and story in self._alias:
            story = self._alias[story]
        return story

    def stories(self) -> list[Story]:
        """Every story, in the order their first articles arrived."""
        return [state.snapshot() for state in self._stories.values()]

    # -- scoring --------------------------------------------------------------
    def _scored(self, terms: dict[str, float], names: dict[str, float],
                day: int | None) -> list[tuple[float, str]]:
        """(score, story id) for the candidate stories, best first."""
        tdfs, ndfs = self._term_dfs, self._name_dfs
        tidf = {k: tdfs.idf(k) for k in terms}
        nidf = {k: ndfs.idf(k) for k in names}
        tq = {k: w * tidf[k] for k, w in terms.items()}
        nq = {k: w * nidf[k] for k, w in names.items()}
        query = {f"t:{k}": w for k, w in _top(tq, self.query_keys)}
        query.update((f"n:{k}", w) for k, w in _top(nq, self.query_keys // 2))
        tq_norm, nq_norm = _norm(tq), _norm(nq)
        scored = []
        candidates = self._index.candidates(query, limit=self.max_candidates)
        self.comparisons += len(candidates)
        for story_id in candidates:
            state = self._stories.get(story_id)
            if state is None:  # merged away since it was filed
                continue
            sim = _cosine(tq, tidf, tq_norm, state.terms, tdfs)
            if nq and state.names.weights:
                sim = (1 - self.name_weight) * sim + \
                    self.name_weight * _cosine(nq, nidf, nq_norm, state.names, ndfs)
            score = sim * self._time_factor(state, day) - \
                self.small_story_margin / max(state.members, 1)
            scored.append((score, state.id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return scored

    def _time_factor(self, state: _StoryState, day: int | None) -> float:
        if day is None or state.first is None or state.last is None:
            return 1.0
        gap = max(state.first - day, day - state.last, 0)
        decay: float = 0.5 ** (gap / self.half_life_days)
        return self.time_floor + (1 - self.time_floor) * decay

    # -- bookkeeping ----------------------------------------------------------
    def _attach(self, state: _StoryState, article_id: str, day: int | None) -> None:
        state.articles.append(article_id)
        state.extend_dates(day, day)
        self._story_of[article_id] = state.id
        self._arrival[article_id] = len(self._arrival)

    def _file(self, state: _StoryState, terms: dict[str, float],
              names: dict[str, float]) -> None:
        tdfs, ndfs = self._term_dfs, self._name_dfs
        keys = [f"t:{k}" for k, _ in _top({k: w * tdfs.idf(k) for k, w in terms.items()},
                                          self.file_keys)]
        keys += [f"n:{k}" for k, _ in _top({k: w * ndfs.idf(k) for k, w in names.items()},
                                           self.file_keys // 2)]
        for key in keys:
            self._index.file(key, state.id)
        state.keys.update(keys)

    def _merge_linked(self, best: _StoryState, scored: list[tuple[float, str]]) -> _StoryState:
        """Merge every candidate at or above ``merge_threshold`` into the oldest of them."""
        assert self.merge_threshold is not None
        linked = [self._stories[s] for score, s in scored if score >= self.merge_threshold]
        if best not in linked or len(linked) < 2:
            return best
        order = {story_id: i for i, story_id in enumerate(self._stories)}
        linked.sort(key=lambda st: order[st.id])
        keeper = linked[0]
        for other in linked[1:]:
            keeper.articles = sorted([*keeper.articles, *other.articles],
                                     key=self._arrival.__getitem__)
            keeper.extend_dates(other.first, other.last)
            keeper.terms.add(other.terms.weights, 1.0, self._term_dfs)
            keeper.names.add(other.names.weights, 1.0, self._name_dfs)
            keeper.merged.extend([other.id, *other.merged])
            keeper.members += other.members
            self._index.rename(other.id, keeper.id, sorted(other.keys))
            keeper.keys.update(other.keys)
            self._alias[other.id] = keeper.id
            del self._stories[other.id]
        return keeper


def _ordinal(date: str | None) -> int | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        raise ValueError(f"article date must be an ISO date (YYYY-MM-DD...) or None, "
                         f"not {date!r}") from None


def _bags(article: ArticleFeatures) -> tuple[dict[str, float], dict[str, float]]:
    """The article's lemma bag and its name bag (names and ``#``-prefixed numbers), log TF."""
    names = _sublinear(article.names)
    names.update(_sublinear({f"#{k}": v for k, v in article.numbers.items()}))
    return _sublinear(article.terms), names


def _sublinear(counts: Mapping[str, float]) -> dict[str, float]:
    """``1 + ln(count)`` for each positive count (Salton & Buckley's sublinear TF)."""
    return {k: 1.0 + math.log(c) if c >= 1 else float(c) for k, c in counts.items() if c > 0}


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def _top(weights: Mapping[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _cosine(query: Mapping[str, float], idf: Mapping[str, float], query_norm: float,
            centroid: _Centroid, dfs: DocumentFrequencies) -> float:
    """Cosine of the query (IDF-weighted, ``idf`` per key) and the centroid under ``dfs``."""
    if not query_norm:
        return 0.0
    weights = centroid.weights
    dot = sum(w * weights[k] * idf[k] for k, w in query.items() if k in weights)
    if not dot:
        return 0.0
    return dot / (query_norm * centroid.norm(dfs))
