"""All extractors over one article, sharing intermediate results.

The time tagger's output feeds the figures (dates and years are not figures;
the governing date says as of when a figure holds) and the quotes (the date of
each cue), so it runs once per article here rather than once per family.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from storyline.extract.entities import entities
from storyline.extract.events import events
from storyline.extract.figures import figures
from storyline.extract.quotes import quotes
from storyline.extract.times import sentence_dates, times
from storyline.records import ArticleContext

#: Record families produced per article; each is a store table, and all but
#: sentence_dates (kept for dating events and timelines) are lists of the contract.
FAMILIES: tuple[str, ...] = ("times", "sentence_dates", "quotes", "figures", "local_entities",
                             "events")


def extract_article(doc: Doc, ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Every family's contract objects for one article, each list in document order.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> doc = nlp('"We will meet on Friday," the official said.')
    >>> found = extract_article(doc, ArticleContext("a", "2024-05-25"))
    >>> [t["value"] for t in found["times"]], len(found["quotes"])
    (['2024-05-31'], 1)
    """
    found_times = list(times(doc, ctx))
    found_dates = list(sentence_dates(doc, ctx, tagged=found_times))
    return {
        "times": [t.as_dict() for t in found_times],
        "sentence_dates": [d.as_dict() for d in found_dates],
        "quotes": [q.as_dict() for q in quotes(doc, ctx, article_via=ctx.via,
                                                 times=found_times)],
        "figures": [f.as_dict() for f in figures(doc, ctx, time_expressions=found_times,
                                                  sentence_dates=found_dates)],
        "local_entities": [_spanned(e.as_dict()) for e in entities(doc, ctx)],
        "events": [e.as_dict() for e in events(doc, ctx, times=found_times,
                                                sentence_dates=found_dates)],
    }


def _spanned(entity: dict[str, Any]) -> dict[str, Any]:
    """A local entity located at its first mention, so it is stored like other records."""
    first = min(entity["mentions"], key=lambda m: (m["start"], m["end"]))
    return {**entity, "start": first["start"], "end": first["end"]}
