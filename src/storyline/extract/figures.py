"""Reported figures: the number, its hedge, what it counts, who claims it and as of when.

Numbers and hedges are read from the words (:mod:`storyline.extract.figure_numbers`),
so a weak or missing parse never loses a figure.  What is counted and the predicate
come from the words around it (:mod:`storyline.extract.figure_context`), with the
parse as a fallback for the counted noun when the words say nothing; the claimant
from attribution cues (:mod:`storyline.extract.figure_claims`), with named entities
when the Doc has them.  Dates, years and clock times found by the time tagger are
never figures.  The date is the governing date of the figure's sentence when the
time tagger finds one (:func:`storyline.extract.times.sentence_dates`), else the
article's date.  Sentences are split on the words too
(:func:`storyline.extract.figure_lexicon.split_sentences`): a weak parser's
sentence breaks would cut a hedge from its number.

The split of a quantity into value, unit, hedge and measured thing follows MeasEval
(Harper et al., 2021, *SemEval-2021 Task 8: MeasEval*), adapted to news counts.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Doc

from storyline.extract.figure_claims import Claim, claims
from storyline.extract.figure_context import (
    antecedent,
    counted,
    figure_key,
    predicate,
    predicate_from_parse,
)
from storyline.extract.figure_numbers import (
    NumberMatch,
    Tok,
    scan,
    split_sentences,
    tokenize,
)
from storyline.extract.times import sentence_dates as _sentence_dates
from storyline.extract.times import times as _times
from storyline.records import ArticleContext, SentenceDate, TimeExpression

__all__ = ["Figure", "figures"]

#: time expressions of these types are dates, not quantities
_DATE_TYPES: Final = frozenset({"DATE", "TIME", "SET"})
#: what may join two numbers that count the same thing ("500 and 1,000 songs")
_COORDINATORS: Final = frozenset({"and", "or", ",", "to"})
#: how many sentences back "of them" may look for what was counted
_ANAPHOR_REACH: Final = 2
#: how many counted things to remember for "of them" (keeps long articles linear)
_HISTORY: Final = 8


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported figure.

    ``start``/``end`` cover the hedge, the number and its unit words ("about 250",
    "more than 100", "$1.5bn", "about two months"); ``what_start``/``what_end`` the
    counted words in the text (for "132 of them" they point at the antecedent).
    ``value`` is None for ranges and vague quantities, which set ``low``/``high``;
    hedges that bound the value set one of them too.  ``key`` names the quantity
    across articles (see :func:`storyline.extract.figure_context.figure_key`).
    """

    article: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    what: str | None
    claimant: str | None
    date: str | None
    predicate: str | None = None
    key: str | None = None
    what_start: int | None = None
    what_end: int | None = None
    claimant_start: int | None = None
    claimant_end: int | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    #: "sentence" (a date governs the figure's sentence), "article" (publication date)
    date_source: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The contract's ``figures`` object, plus the extra fields."""
        return dataclasses.asdict(self)


def _number(x: float | None) -> float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(x, 6)


class _Spans:
    """Non-overlapping character spans, sorted, with the ones near a range found by bisection
    (a scan of all of them for every figure would make long articles quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = max(0, bisect_left(self.starts, start) - 1)
        hi = bisect_left(self.starts, end)
        return [(s, e) for s, e in self.spans[lo:hi] if s < end and start < e]


def _date_spans(timexes: Iterable[TimeExpression]) -> _Spans:
    return _Spans((t.start, t.end) for t in timexes if t.type in _DATE_TYPES)


def _governing(
    doc: Doc, ctx: ArticleContext, given: Iterable[SentenceDate] | None,
    tagged: Sequence[TimeExpression],
) -> list[tuple[int, int, str]]:
    if given is None:
        given = _sentence_dates(doc, ctx, tagged=tagged)
    # stable sort: the first date given for a sentence stays first
    return sorted(((d.sentence_start, d.sentence_end, d.value) for d in given),
                  key=lambda g: g[0])


def figures(
    doc: Doc,
    ctx: ArticleContext,
    *,
    time_expressions: Iterable[TimeExpression] | None = None,
    sentence_dates: Iterable[SentenceDate] | None = None,
    use_parse: bool = True,
) -> Iterator[Figure]:
    """Figures reported in the Doc, in document order.

    ``time_expressions`` (which keep dates, years and clock times out of the
    figures) and ``sentence_dates`` (which date the figures) are the article's
    records from :mod:`storyline.extract.times` when the caller already has them;
    by default they are computed here.  ``use_parse=False`` ignores the parse.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> doc = nlp("Militants seized about 250 hostages and Israel says 132 of them remain.")
    >>> [(f.text, f.qualifier, f.what, f.claimant) for f in figures(doc, ArticleContext("a"))]
    [('about 250', 'about', 'hostages', None), ('132', None, 'hostages', 'Israel')]
    """
    text = doc.text
    tagged = list(_times(doc, ctx) if time_expressions is None else time_expressions)
    dates = _date_spans(tagged)
    governing = _governing(doc, ctx, sentence_dates, tagged)
    parsed = use_parse and doc.has_annotation("DEP") and doc.has_annotation("TAG")
    ents = _Spans((e.start_char, e.end_char) for e in doc.ents)
    history: list[tuple[int, str, int, int]] = []  # sentence index, what, start, end
    all_toks = tokenize(text)
    for index, (first, last) in enumerate(split_sentences(all_toks, text)):
        toks = all_toks[first:last]
        sentence = (toks[0].start, toks[-1].end)
        found = [m for m in scan(toks) if not dates.within(
            toks[m.num_first].start, toks[m.num_last].end)]
        if not found:
            continue
        sentence_claims = list(claims(toks, text, ents.within(*sentence),
                                      dates.within(*sentence)))
        records = [_figure(doc, text, ctx, toks, match, sentence_claims, history, index,
                           sentence, governing, parsed) for match in found]
        yield from _share_what(records, text)


def _figure(
    doc: Doc,
    text: str,
    ctx: ArticleContext,
    toks: list[Tok],
    match: NumberMatch,
    sentence_claims: list[Claim],
    history: list[tuple[int, str, int, int]],
    index: int,
    sentence: tuple[int, int],
    governing: list[tuple[int, int, str]],
    parsed: bool,
) -> Figure:
    start, end = toks[match.first].start, toks[match.last].end
    what = counted(toks, match, doc if parsed else None)
    what_text: str | None = None
    what_span: tuple[int, int] | None = None
    np_last = match.last
    if what is not None:
        np_last = what.last
        if what.anaphor:
            recent = [h for h in history if index - h[0] <= _ANAPHOR_REACH]
            found = recent[-1][1:] if recent else antecedent(toks, match.first, text)
            if found is not None:
                what_text, what_span = found[0], (found[1], found[2])
        else:
            what_span = (what.start, what.end)
            what_text = text[what.start : what.end]
    if what_text is not None and what_span is not None:
        history.append((index, what_text, what_span[0], what_span[1]))
        del history[:-_HISTORY]
    pred = predicate(toks, match, np_last)
    if pred is None and parsed:
        local = (what.start, what.end) if what is not None and not what.anaphor else (
            toks[match.num_first].start, toks[match.num_last].end)
        pred = predicate_from_parse(doc, *local)
    claim = _claim_for(sentence_claims, start, toks)
    date, source = _date_for(start, governing, ctx)
    return Figure(
        article=ctx.id,
        start=start,
        end=end,
        text=text[start:end],
        value=_number(match.value),
        low=_number(match.low),
        high=_number(match.high),
        qualifier=match.qualifier,
        unit=match.unit,
        what=what_text,
        claimant=claim.text if claim else None,
        date=date,
        predicate=pred[0] if pred else None,
        key=figure_key(what_text, pred[1] if pred else None, match.value),
        what_start=what_span[0] if what_span else None,
        what_end=what_span[1] if what_span else None,
        claimant_start=claim.start if claim else None,
        claimant_end=claim.end if claim else None,
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        date_source=source,
    )


def _share_what(records: list[Figure], text: str) -> Iterator[Figure]:
    """"500 and 1,000 songs": a bare number coordinated with a counted one counts the same."""
    for k, fig in enumerate(records):
        nxt = records[k + 1] if k + 1 < len(records) else None
        if fig.what is None and fig.unit is None and nxt is not None and nxt.what and \
                text[fig.end : nxt.start].strip() in _COORDINATORS:
            fig = dataclasses.replace(fig, what=nxt.what, what_start=nxt.what_start,
                                      what_end=nxt.what_end, key=nxt.key)
        yield fig


def _claim_for(found: list[Claim], position: int, toks: list[Tok]) -> Claim | None:
    """"according to" anywhere; else the nearest reporting verb before the figure;
    else a reporting clause that closes the sentence (", officials said.")."""
    for claim in found:
        if claim.kind == "according":
            return claim
    before = [c for c in found if c.cue_start < position]
    if before:
        return before[-1]
    after = [c for c in found if c.cue_start > position and c.trailing]
    return after[0] if after else None


def _date_for(
    position: int, governing: list[tuple[int, int, str]], ctx: ArticleContext
) -> tuple[str | None, str | None]:
    k = bisect_right(governing, position, key=lambda g: g[0]) - 1
    if k >= 0:
        sentence_start = governing[k][0]
        while k > 0 and governing[k - 1][0] == sentence_start:
            k -= 1  # the first date given for that sentence
        s, e, value = governing[k]
        if s <= position < e:
            return value, "sentence"
    if ctx.published:
        return ctx.published[:10], "article"
    return None, None
