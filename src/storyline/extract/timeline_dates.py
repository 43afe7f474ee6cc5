"""When an event an entity took part in happened, as a timeline anchor.

An event word gets, in order:

1. the value of a time expression attached to it, to the event noun of its light verb
   ("made an appearance *in March*"), or to the clause it takes its time from
   (coordinated, controlled and adverbial clauses: "welcomed ... and announced",
   "unveiled ..., saying"); a time expression attached to an occasion noun in the
   verb's oblique dates the verb ("In a *July 16* press conference, Jobs said"); one
   inside a name dates nothing ("the 2010 Worldwide Developers Conference");
2. nothing, for the future, modals, the past perfect, the complements of intentions
   ("decided to take the case to appeal"), experiential perfects ("has twice before
   sued") and participles modifying a noun ("iPods sold in France");
3. the publication date, for the simple present;
4. otherwise (the past, the present perfect): the last day-precision date of the
   article's recent past (no more than :data:`RECENT_DAYS` before publication) that
   governed a sentence so far, else the publication date.  News leads with the day of
   its event ("Yesterday, Jobs unveiled ...") and goes on in the past tense about it.

Anchors have day, month or year precision (the SemEval-2015 TimeLine task's): a week
counts as the month its Monday falls in; seasons, quarters and vaguer values date nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Doc, Span, Token

from storyline.extract.timeline_mentions import light_object, word, words
from storyline.extract.timex_normalize import precision
from storyline.records import ArticleContext, SentenceDate, TimeExpression

__all__ = ["RECENT_DAYS", "EventDater", "anchor", "event_dater", "tense"]

#: how far before publication a date still counts as the article's "recent past"
RECENT_DAYS: Final = 7

_FUTURE: Final = frozenset({"will", "wo", "shall", "'ll", "would", "could", "might", "may",
                            "should", "must", "can", "ca"})
#: how a clause takes its time from the clause it depends on
_INHERIT: Final = frozenset({"conj", "xcomp", "advcl"})
#: nouns a time expression may modify and still date the verb they attach to
_OCCASIONS: Final = frozenset({"conference", "event", "meeting", "keynote", "speech",
                               "interview", "statement", "announcement", "presentation"})


def anchor(value: str) -> str | None:
    """A TIMEX3 value as a task anchor: day, month or year; a week as its month.

    >>> anchor("2010-06-07TEV"), anchor("2006-W13"), anchor("2011-SU"), anchor("P2W")
    ('2010-06-07', '2006-03', None, None)
    """
    kind = precision(value)
    if kind == "day":
        return value[:10]
    if kind == "month":
        return value[:7]
    if kind == "year":
        return value[:4]
    if kind == "week":
        try:
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        except ValueError:
            return None
        return monday.isoformat()[:7]
    return None


def tense(verb: Token) -> str | None:
    """PAST, PERFECT (present perfect), PLUPERFECT, PRESENT, FUTURE or ``None``, from
    the verb's auxiliaries and tag (a non-finite verb takes its governor's)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass") and c.i < verb.i]
    found = {word(a) for a in auxes}
    if found & _FUTURE or any(a.tag_ == "MD" for a in auxes) or (
            "going" in found and "to" in {word(c) for c in verb.children}):
        return "FUTURE"
    if "had" in found:
        return "PLUPERFECT"
    if found & {"has", "have", "'ve"}:
        return "PERFECT"
    if found & {"was", "were", "did"}:
        return "PAST"
    if found & {"is", "are", "am", "does", "do"}:
        return "PRESENT"
    if verb.tag_ == "VBD":
        return "PAST"
    if verb.tag_ in ("VBZ", "VBP"):
        return "PRESENT"
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head is not verb:
        return tense(verb.head)
    return "PAST" if verb.tag_ == "VBN" else None


def clause_verb(token: Token) -> Token:
    """The verb whose clause an event word belongs to: itself for a verb; for a noun,
    the verb governing its phrase."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current
        current = current.head
    return current


def _attachment(doc: Doc, timex: TimeExpression) -> list[Token]:
    """The words a time expression dates (see the module's point 1)."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or not len(span) or span.root.head is span.root:
        return []
    gov = span.root.head
    if gov.pos_ == "ADP" and gov.head is not gov:
        gov = gov.head
    if gov.pos_ == "PROPN":
        if not any(c.dep_ == "case" for c in span.root.children):
            return []  # part of the name: "the 2010 Worldwide Developers Conference"
        gov = clause_verb(gov)  # "renamed to iTunes Store in 2006": misattached
    found = [gov]
    if gov.pos_ == "NOUN" and gov.lemma_.lower() in _OCCASIONS and gov.dep_ in ("obl", "nmod") \
            and gov.head.pos_ in ("VERB", "AUX"):
        found.append(gov.head)
    return found


def _unrealised(verb: Token) -> bool:
    """Whether a verb is the complement of an intention ("decided to take the case to
    appeal") or an experiential perfect ("has twice before sued")."""
    if any(c.lower_ in words("verbs.experiential") for c in verb.children
           if c.dep_ in ("advmod", "obl")):
        return True
    current = verb
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj") or current.head is current:
            return False
        current = current.head
        if current.lemma_.lower() in words("verbs.intention"):
            return True
    return False


@dataclass(slots=True)
class EventDater:
    """Dates the events of one article; call :meth:`sentence_seen` on every sentence,
    in order, before dating the events in it."""

    published: dt.date | None
    #: token index -> anchor of the time expression attached to it
    by_token: dict[int, str] = field(default_factory=dict)
    #: sentence start offset -> anchors of the dates governing its main verb
    by_sentence: dict[int, list[str]] = field(default_factory=dict)
    recent: str | None = None

    def sentence_seen(self, sent: Span) -> None:
        """Remember the sentence's day-precision dates of the recent past."""
        for value in self.by_sentence.get(sent.start_char, []):
            if self._is_recent(value):
                self.recent = value

    def _is_recent(self, value: str) -> bool:
        if self.published is None or len(value) != 10:
            return False
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return False
        return 0 <= (self.published - day).days <= RECENT_DAYS

    def _governing(self, token: Token) -> str | None:
        current = token
        for _ in range(5):
            if current.i in self.by_token:
                return self.by_token[current.i]
            noun = light_object(current)
            if noun is not None and noun.i in self.by_token:
                return self.by_token[noun.i]
            if current.dep_ not in _INHERIT or current.head is current:
                return None
            current = current.head
        return None

    def date(self, event: Token) -> tuple[str | None, str | None]:
        """The event's anchor and where it came from: ``timex``, ``published``,
        ``recent``, or ``(None, None)``."""
        verb = clause_verb(event)
        value = self.by_token.get(event.i) or self._governing(verb)
        if value is not None:
            return value, "timex"
        found = tense(verb) if verb.pos_ in ("VERB", "AUX") else "PAST"
        if found in ("FUTURE", "PLUPERFECT") or _unrealised(verb) or (
                event is verb and verb.dep_ in ("acl", "amod") and verb.tag_ in ("VBN", "VBG")):
            return None, None
        if found != "PRESENT" and self.recent is not None:
            return self.recent, "recent"
        return (self.published.isoformat(), "published") if self.published else (None, None)


def event_dater(doc: Doc, ctx: ArticleContext, times: Sequence[TimeExpression],
                sentence_dates: Sequence[SentenceDate]) -> EventDater:
    """An :class:`EventDater` for one article from its time tagger output."""
    published = None
    if ctx.published:
        try:
            published = dt.date.fromisoformat(ctx.published[:10])
        except ValueError:
            published = None
    dater = EventDater(published)
    for timex in times:
        value = anchor(timex.value) if timex.type in ("DATE", "TIME") else None
        if value is not None:
            for token in _attachment(doc, timex):
                dater.by_token.setdefault(token.i, value)
    for date in sentence_dates:
        value = anchor(date.value)
        if value is not None:
            dater.by_sentence.setdefault(date.sentence_start, []).append(value)
    return dater
