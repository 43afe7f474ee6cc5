"""A story's title and summary, extractive: its most central sentences.

A sentence is central when its content words are the ones the story's articles
keep repeating (counted once per article, so one long article cannot dominate),
with a lead bias: news puts what matters first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.records import Article
from storyline.stories.text import content_stems

_TITLE_WORDS = 16
#: "PARIS (Reuters) - ", "WASHINGTON, May 3 (AP) — " at the head of a lead sentence
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}(?:,[^()]{0,20})?(?:\([^)]{1,40}\))?\s*[-–—]+\s*")
_SUMMARY_SENTENCES = 3


def central_sentences(articles: Sequence[Article],
                      sentences: Mapping[str, Sequence[tuple[int, int, str]]]
                      ) -> list[dict[str, Any]]:
    """Every sentence of the story with a centrality score, best first."""
    spread: Counter[str] = Counter()
    for article in articles:
        spread.update({s for _, _, text in sentences.get(article.id, ()) for s in
                       content_stems(text)})
    if not spread:
        return []
    scored: list[dict[str, Any]] = []
    for article in articles:
        if article.duplicate_of:
            continue
        for index, (start, end, text) in enumerate(sentences.get(article.id, ())):
            stems = set(content_stems(text))
            if len(stems) < 4:
                continue
            weight = sum(spread[s] for s in stems) / math.sqrt(len(stems))
            score = weight / (1.0 + 0.15 * index)
            scored.append({"article": article.id, "start": start, "end": end, "text": text,
                           "score": round(score, 4)})
    scored.sort(key=lambda s: (-float(s["score"]), str(s["article"]), int(s["start"])))
    return scored


def short_title(text: str, limit: int = _TITLE_WORDS) -> str:
    """The sentence's first clause, at most ``limit`` words, without a dateline.

    >>> short_title("A meeting in Paris made progress toward talks, officials said.")
    'A meeting in Paris made progress toward talks'
    >>> short_title("PARIS (Reuters) - The head of the CIA was in Paris on Sunday, sources said.")
    'The head of the CIA was in Paris on Sunday'
    """
    clause = _DATELINE.sub("", text)
    for mark in (", US ", ", officials", ", sources", ", the ", " said", ", a "):
        cut = clause.find(mark)
        if cut > 30:
            clause = clause[:cut]
    words = clause.rstrip(" .,;:").split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def title_and_summary(articles: Sequence[Article],
                      sentences: Mapping[str, Sequence[tuple[int, int, str]]]
                      ) -> tuple[str, list[dict[str, Any]]]:
    """(title, summary sentences in story order) for a story's articles."""
    ranked = central_sentences(articles, sentences)
    if not ranked:
        titled = next((a.title for a in articles if a.title), None)
        return titled or "Untitled story", []
    by_id = {a.id: a for a in articles}
    best = by_id[ranked[0]["article"]]
    title = best.title or short_title(ranked[0]["text"])
    chosen: list[dict[str, Any]] = []
    used: set[str] = set()
    for sentence in ranked:
        if sentence["article"] in used:
            continue
        used.add(sentence["article"])
        chosen.append(sentence)
        if len(chosen) == _SUMMARY_SENTENCES:
            break
    position = {a.id: i for i, a in enumerate(articles)}
    chosen.sort(key=lambda s: (position[s["article"]], s["start"]))
    return title, chosen
