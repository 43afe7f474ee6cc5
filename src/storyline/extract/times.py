"""Time expressions resolved to the calendar (TIMEX3), and the dates that govern sentences.

The tagger is a set of compiled regular expressions over the raw text
(:mod:`storyline.extract.timex_rules`), keeping the longest non-overlapping matches;
the normalizer (:mod:`storyline.extract.timex_normalize`) turns each into a TimeML
value against an explicit anchor, the article's publication date.  What it cannot
read from the words alone, the direction of "on Friday" or "in November", it reads
from the tense of the verb that governs the expression (:mod:`storyline.extract.timex_tense`):
the nearest verb cue and its auxiliaries, and the parse where the pipeline has one.
Context passes (:mod:`storyline.extract.timex_context`) then give "a year ago" after
"third-quarter" the quarter's granularity, "that year", "the next day" or "the previous
Friday" the value of the last date before them, and a clock time the date written next
to it.

This follows HeidelTime's split of extraction and normalization with a
document-anchored, tense-aware reference resolution (Strötgen & Gertz, 2013,
*Multilingual and cross-domain temporal tagging*, LRE 47(2)).  Nothing here reads
the clock: without an anchor, relative expressions stay underspecified.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Final

from spacy.tokens import Doc, Token

from storyline.extract.timex_context import (
    Timex,
    compare_quarters,
    link_clock_times,
    resolve_anaphors,
)
from storyline.extract.timex_conventions import normalize
from storyline.extract.timex_index import index_patterns
from storyline.extract.timex_normalize import precision
from storyline.extract.timex_rules import (
    CUE_WORDS,
    CURRENT_BLOCKERS,
    PATTERNS,
    STARTS,
    YEAR_BLOCKERS,
    YEAR_PARTS,
    YEAR_PREPS,
)
from storyline.extract.timex_tense import (
    WORDS,
    TenseOf,
    TenseSource,
    doc_tense_of,
    has_parse,
    is_predicate,
    lexical_tense_of,
    predicate,
    sentence_at,
    text_sentences,
)
from storyline.records import ArticleContext, Published, SentenceDate, TimeExpression

__all__ = [
    "infer_publication",
    "sentence_dates",
    "time_expressions",
    "times",
]


# -- tagging ---------------------------------------------------------------------------

_PREV_WORD: Final = re.compile(r"([\w.'’-]+|[(—–,-])\s*$")
_NEXT_WORD: Final = re.compile(r"^\s*([\w'’%]+)")
#: words before a four-digit number that make it a count when a noun follows
_COUNT_WORDS: Final = frozenset({
    "a", "an", "of", "about", "some", "nearly", "over", "than", "almost", "approximately",
    "roughly", "around", "just", "only", "least", "most", "total", "additional", "another",
})
#: nouns after "a 2000" that make the number a measure ("a 2000 year old tradition")
_UNIT_NOUNS: Final = frozenset({"year", "mile", "metre", "meter", "foot", "page", "word", "ton",
                                "pound", "kilometer", "kilometre", "point", "member", "seat"})
#: hedges that are prepositions before "the past ...", "the next ..."
_PREPOSITIONS: Final = frozenset({"over", "under"})
_AMBIGUOUS_MONTHS: Final = frozenset({"may", "march", "april", "june", "august"})
_WEAK_CUES: Final = frozenset({"and", "or", "to", ",", "the", "-", "(", "that", "as", "for"})


def _prev_word(text: str, start: int) -> str:
    found = _PREV_WORD.search(text, max(0, start - 40), start)
    return found.group(1).lower() if found else ""


def _next_word(text: str, end: int, *, lower: bool = True) -> str:
    found = _NEXT_WORD.match(text[end : end + 40])
    word = found.group(1) if found else ""
    return word.lower() if lower else word


def _keep(kind: str, g: dict[str, str | None], text: str, start: int, end: int) -> bool:
    """Context checks a regular expression cannot make cheaply."""
    prev = _prev_word(text, start)
    if kind == "month" and not (g.get("year") or g.get("rel") or g.get("pos")):
        if prev in ("a", "an") and _next_word(text, end, lower=False).islower():
            return True  # "a June agreement"
        if (g.get("mon") or "").lower() in _AMBIGUOUS_MONTHS:
            return prev in CUE_WORDS - _WEAK_CUES  # "may", "and March on"
        return prev in CUE_WORDS or prev == ""
    if kind == "year" and not (g.get("fiscal") or g.get("pos")):
        if text[start - 1 : start] in ("$", "#", "£", "€", "/") or text[end : end + 1] in "/-%":
            return text[end : end + 1] == "-" and text[end + 1 : end + 3].isdigit()
        following = _next_word(text, end, lower=False)
        if following.lower() in YEAR_BLOCKERS or (
            prev in _COUNT_WORDS and following.isalpha() and following.islower()
            # "a 1996 law", "an 1848 painting": a singular noun after "a" is dated by the year
            and not (prev in ("a", "an") and not following.endswith("s")
                     and following not in _UNIT_NOUNS)
        ):
            return False  # "a survey of 1709 schoolchildren", "a 2000 year old tradition"
        # a four-digit number before a plural noun is a count ("1990 votes"), unless a
        # preposition or a possessive says it is a year
        return (prev in CUE_WORDS or text[end : end + 2] in ("'s", "’s")
                or not (following.endswith("s") and following.isalpha() and following.islower()))
    if kind == "season" and not (g.get("year") or g.get("rel") or g.get("pos")):
        if _next_word(text, end) == "of":
            return False
        return prev in {"in", "the", "during", "by", "until", "since", "this", "that", "of",
                        "early", "late", "each", "every", "through"} or bool(g.get("the"))
    if kind == "quarter" and g.get("qh") == "half":
        return bool(g.get("year") or g.get("fy") or g.get("rel"))
    if kind == "weekday" and (g.get("wd") or "").endswith(".") and prev == "the":
        return False
    if kind in ("set", "holiday") and text[start].isupper() and not _sentence_initial(text, start):
        # "LA Weekly", "the Daily Telegraph", "Johnnie Christmas": names
        words = text[max(0, start - 30) : start].split()
        if kind == "set" or (words and words[-1][:1].isupper()):
            return False
    if kind in ("theyear", "yearend") and not g.get("ended"):
        # "for the year", "months of the year", "by year-end"; not "the year before"
        return prev in YEAR_PREPS - ({"of"} if kind == "yearend" else set()) and (
            prev != "of" or _prev_word(text, start - 3) in YEAR_PARTS)
    if kind == "clock" and prev == "high":
        return False  # "high noon"
    if kind == "deictic" and (g.get("word") or "").lower() == "now":
        if text[end : end + 1] == "," and _sentence_initial(text, start):
            return False  # "Now, he says, ...": a discourse marker, as TimeBank leaves it
        return prev != "every" and not text[end : end + 9].startswith((" and then", " and again"))
    if kind == "deictic" and (g.get("word") or "").lower() == "soon":
        # "as soon as", "soon after": a relation between events, not a time
        return prev not in ("as", "so", "too") and _next_word(text, end) not in (
            "after", "as", "afterward", "afterwards", "thereafter")
    if kind == "deictic" and (g.get("word") or "").lower() == "the future":
        return _next_word(text, end) != "of"  # "the future of our peoples": a prospect
    if kind == "deictic" and (g.get("word") or "").lower() == "current":
        # the adjective before a noun: "current market conditions", "its current wife"
        following = _next_word(text, end, lower=False)
        return (following.isalpha() and following.islower() and following not in
                CURRENT_BLOCKERS and text[end : end + 1] == " ")
    if kind in ("duration", "adjdur") and (g.get("unit") or "").startswith("quarter"):
        return _next_word(text, end) != "of"
    return True


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \"“'‘(")
    return not before or before[-1] in ".!?\n:"


_PATTERNS: Final = tuple((kind, p, "core" in p.groupindex) for kind, p in PATTERNS)
#: the patterns worth trying at a first character (see :mod:`timex_index`)
_BY_FIRST, _ANYWHERE = index_patterns(PATTERNS)
_TRIES: Final = {
    char: tuple((i, *_PATTERNS[i]) for i in indices) for char, indices in _BY_FIRST.items()
}
_TRY_ANYWHERE: Final = tuple((i, *_PATTERNS[i]) for i in _ANYWHERE)


def _tag(text: str) -> list[tuple[int, int, str, dict[str, str | None], int]]:
    """Longest non-overlapping pattern matches, in document order."""
    found: list[tuple[int, int, str, dict[str, str | None], int]] = []
    for candidate in STARTS.finditer(text):
        position = candidate.start()
        for order, kind, pattern, has_core in _TRIES.get(text[position], _TRY_ANYWHERE):
            match = pattern.match(text, position)
            if match is None:
                continue
            start, end = match.span("core") if has_core else match.span()
            groups = match.groupdict()
            if groups.get("span") and (groups.get("hedge") or "").lower() in _PREPOSITIONS:
                # "over the past four months": the preposition is not part of the span
                start = match.end("hedge") + 1
                while text[start].isspace():
                    start += 1
            if _keep(kind, groups, text, start, end):
                found.append((start, end, kind, groups, order))
    found.sort(key=lambda f: (f[0] - f[1], f[4], f[0]))
    taken = bytearray(len(text) + 1)
    chosen = []
    for item in found:
        start, end = item[0], item[1]
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(item)
    chosen.sort()
    return chosen


def _resolve(text: str, anchor: dt.date | None, tense_of: TenseOf) -> list[Timex]:
    """Tag and normalize; a clock time takes the date written next to it."""
    out: list[Timex] = []
    for start, end, kind, groups, _ in _tag(text):
        tense = tense_of(start, end)
        if kind == "weekday" and text[end : end + 2] in ("'s", "’s"):
            # "Tuesday's ruling" names an event of its own, whatever the verb's tense;
            # in news copy an earlier one more often than not
            tense = None
        result = normalize(kind, groups, anchor, tense, text[max(0, start - 30) : start])
        if result is None:
            continue
        typ, value, mod = result
        kept = tuple((k, v) for k, v in groups.items() if v)
        out.append(Timex(start, end, kind, typ, value, mod, kept))
    compare_quarters(out, anchor)
    resolve_anaphors(out)
    link_clock_times(out, text)
    return out


# -- public API ------------------------------------------------------------------------

def _anchor_of(ctx: ArticleContext, anchor: dt.date | None) -> dt.date | None:
    if anchor is not None:
        return anchor
    if ctx.published:
        try:
            return dt.date.fromisoformat(ctx.published[:10])
        except ValueError:
            return None
    return None


def times(
    doc: Doc, ctx: ArticleContext, *, anchor: dt.date | None = None,
    tense: TenseSource = "auto",
) -> Iterator[TimeExpression]:
    """Time expressions in the Doc with TIMEX3 types and values, in document order.

    ``anchor`` (default: the article's publication date) resolves relative
    expressions; without one they get underspecified values.  ``tense`` says where
    the tense of the governing verb is read: the words of the sentence, the parse
    (when the pipeline has one), or both (``auto``, see :func:`doc_tense_of`).

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> doc = nlp("Officials said on Friday they met two weeks ago.")
    >>> [(t.text, t.value) for t in times(doc, ArticleContext("a", "2024-05-25"))]
    [('Friday', '2024-05-24'), ('two weeks ago', '2024-W19')]
    """
    base = _anchor_of(ctx, anchor)
    text = doc.text
    iso = base.isoformat() if base else None
    for t in _resolve(text, base, doc_tense_of(doc, tense)):
        yield TimeExpression(ctx.id, t.start, t.end, text[t.start : t.end], t.type, t.value,
                             iso, t.mod)


def time_expressions(
    text: str, *, anchor: dt.date | None, article: str = ""
) -> Iterator[TimeExpression]:
    """:func:`times` over plain text, reading tense from the words (no spaCy pass).

    >>> [t.value for t in time_expressions("It will open on Friday.", anchor=dt.date(2024, 5, 25))]
    ['2024-05-31']
    """
    bounds = text_sentences(text)
    iso = anchor.isoformat() if anchor else None
    for t in _resolve(text, anchor, lexical_tense_of(text, bounds)):
        yield TimeExpression(article, t.start, t.end, text[t.start : t.end], t.type, t.value,
                             iso, t.mod)


#: clauses that modify something else: a date inside one dates that, not the sentence
_MODIFIER_CLAUSES: Final = frozenset({
    "acl", "acl:relcl", "relcl", "advcl", "advcl:relcl", "csubj", "csubj:pass", "csubjpass",
})


def _governs(pred: Token, root: Token) -> bool:
    """Whether ``pred`` is the main predicate or reaches it through complements and
    coordination only ("officials said [they met on Friday]", "met and agreed")."""
    token = pred
    for _ in range(12):
        if token == root:
            return True
        if token.dep_ in _MODIFIER_CLAUSES or token.head is token:
            return False
        token = token.head
    return False


def _quoted(text: str, start: int, position: int) -> bool:
    """Whether ``position`` is inside a quotation opened in its sentence (or just before
    it: sentence splitters often leave an opening quote with the previous sentence)."""
    q = start - 1
    while q >= 0 and text[q].isspace():
        q -= 1
    # an opening quote left behind: “ always, a straight one when a space precedes it
    opened = int(q >= 0 and (
        text[q] == "“" or (text[q] == '"' and (q == 0 or text[q - 1].isspace()))
    ))
    segment = text[start:position]
    return (opened + segment.count("\"") + segment.count("“") + segment.count("”")) % 2 == 1


def sentence_dates(
    doc: Doc, ctx: ArticleContext, *, anchor: dt.date | None = None,
    tense: TenseSource = "auto", tagged: Sequence[TimeExpression] | None = None,
) -> Iterator[SentenceDate]:
    """For each sentence, the calendar dates that govern its main verb.

    With a parse: the time expressions whose predicate is the sentence's main verb or
    reaches it through complements and coordination, so "officials said they met on
    Friday" is dated Friday, while "after brokering a deal in November" (an adverbial
    clause) and "the deal reached in May" (a noun modifier) do not date the sentence.
    Quotations never date it.  With tokens only: every dated expression outside
    quotation marks.
    Vague references (``PAST_REF``), durations and sets date nothing, so the caller
    can fall back to the article's date knowingly rather than by default.
    ``tagged`` is the article's :func:`times` output when the caller has it, so the
    tagger does not run twice (``anchor`` and ``tense`` then have no effect).
    """
    text = doc.text
    parsed = has_parse(doc)
    found: Sequence[TimeExpression] | Sequence[Timex]
    if tagged is not None:
        found = tagged
    else:
        found = _resolve(text, _anchor_of(ctx, anchor), doc_tense_of(doc, tense))
    roots: list[Token | None]
    if doc.has_annotation("SENT_START"):
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
        roots = [s.root for s in doc.sents]
    else:
        bounds = text_sentences(text)
        roots = [None] * len(bounds)
    index = 0
    for (s, e), root in zip(bounds, roots, strict=True):
        while index < len(found) and found[index].start < s:
            index += 1
        j = index
        while j < len(found) and found[j].start < e:
            timex = found[j]
            j += 1
            prec = precision(timex.value)
            if timex.type not in ("DATE", "TIME") or prec is None:
                continue
            if _quoted(text, s, timex.start):
                continue
            if parsed and root is not None and is_predicate(root):
                pred = predicate(doc, timex.start, timex.end)
                if pred is None or not _governs(pred, root):
                    continue
            yield SentenceDate(ctx.id, s, e, timex.value, prec, timex.start, timex.end)


# -- publication date from the text ----------------------------------------------------

_YEARS_BACK: Final = 40


def infer_publication(text: str, *, today: dt.date) -> Published:
    """Publication date, or the interval it lies in, as the text's own dates support it.

    * A weekday written with a day and month ("on Sunday (Jan 28)") fixes the year:
      the most recent one, not after ``today``, in which they agree.  In a sentence
      about the past it is a lower bound and the best guess; in one about the
      future ("will meet on Monday (Feb 5)") an upper bound.
    * A full date, month or year in the past tense is a lower bound (its first day);
      in the future tense an upper bound (its last day).
    * Wire copy names its newest event by weekday on the day of the event or the
      next (Reuters and AP leads); so when the newest past event is a weekday
      written with its day and month but no year, publication is bounded to that
      day and the next.  This is a news convention, not proof, and the only one used.
    * Bare weekdays, "Oct. 7" and "two weeks ago" pin nothing: with no other
      evidence every field stays empty.  ``value`` is set only when a pinned day is
      also the lower bound.

    >>> infer_publication("They were in Paris on Sunday (Jan 28), officials said.",
    ...                   today=dt.date(2026, 11, 23))
    Published(value='2024-01-28', earliest='2024-01-28', latest='2024-01-29', source='text')
    """
    bounds = text_sentences(text)
    tense_of = lexical_tense_of(text, bounds)
    starts = [s for s, _ in bounds]
    lower: list[dt.date] = []
    upper: list[dt.date] = []
    pinned: list[dt.date] = []
    deictic: list[dt.date] = []  # pinned by weekday and day-month alone, as of days ago
    for start, end, kind, groups, _ in _tag(text):
        first, last, pin = _evidence(kind, groups, today)
        if first is None or last is None:
            continue
        tense = tense_of(start, end)
        if tense == "FUTURE" or _looks_ahead(text, bounds, starts, start):
            # a date ahead of publication bounds it from above, but only with its year:
            # "will meet on Monday (Feb 5)" may be next year's Feb 5 as well as a past one
            if tense == "FUTURE" and groups.get("year"):
                upper.append(last)
            continue
        if pin:
            lower.append(first)
            pinned.append(first)
            if not groups.get("year"):
                deictic.append(first)
        elif tense == "PAST" and last <= today:
            lower.append(first)
    earliest = max(lower, default=None)
    latest = min(upper, default=None)
    value = max(pinned, default=None)
    if value is not None and value != earliest:
        value = None  # a later dated event contradicts the weekday's day
    if value is not None and value in deictic:
        latest = min(latest or today, value + dt.timedelta(days=1), today)
    if earliest is not None and latest is not None and latest < earliest:
        latest, value = None, None
    if earliest is None and latest is None:
        return Published()
    return Published(
        value=value.isoformat() if value else None,
        earliest=earliest.isoformat() if earliest else None,
        latest=latest.isoformat() if latest else None,
        source="text",
    )


#: words that make a sentence look ahead; its dates are then no lower bounds
_AHEAD_CUES: Final = frozenset({
    "will", "would", "shall", "'ll", "plan", "plans", "planned", "planning", "scheduled", "due",
    "expected", "expects", "upcoming", "next", "until", "till", "deadline", "expire", "expires",
    "ahead", "tomorrow", "forthcoming",
})


def _looks_ahead(
    text: str, bounds: list[tuple[int, int]], starts: list[int], position: int
) -> bool:
    s, e = sentence_at(bounds, starts, position)
    words = (w.lower().replace("’", "'") for w in WORDS.findall(text, s, e))
    return any(w in _AHEAD_CUES for w in words)


def _evidence(
    kind: str, g: dict[str, str | None], today: dt.date
) -> tuple[dt.date | None, dt.date | None, bool]:
    """(first day, last day, pinned by a weekday) of an absolute mention; Nones otherwise."""
    if kind == "clockday" and g.get("mon"):
        kind = "date"  # "at 9 a.m. EST, Jan. 28": the date's evidence
    if kind not in ("date", "month", "year"):
        return None, None, False
    result = normalize(kind, g, None, None)
    if result is None:
        return None, None, False
    value = result[1]
    wd = g.get("wd")
    if value.startswith("XXXX-") and kind == "date" and wd:
        month, day = int(value[5:7]), int(value[8:10])
        weekday = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5,
                   "sun": 6}[wd.lower()[:3]]
        for year in range(today.year, today.year - _YEARS_BACK, -1):
            try:
                found = dt.date(year, month, day)
            except ValueError:
                continue
            if found <= today and found.weekday() == weekday:
                return found, found, True
        return None, None, False
    if not value[:4].isdigit():
        return None, None, False
    year = int(value[:4])
    if len(value) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), False
    if len(value) == 7 and value[5:].isdigit():
        month = int(value[5:7])
        y2, m2 = (year + 1, 1) if month == 12 else (year, month + 1)
        return dt.date(year, month, 1), dt.date(y2, m2, 1) - dt.timedelta(days=1), False
    if len(value) == 10:
        found = dt.date.fromisoformat(value)
        if wd and found.weekday() != {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4,
                                      "sat": 5, "sun": 6}[wd.lower()[:3]]:
            return None, None, False
        return found, found, bool(wd)
    return None, None, False
