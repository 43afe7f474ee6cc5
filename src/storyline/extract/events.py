"""Events: who did what to whom, when and where, coded with the PLOVER ontology.

Each sentence's trigger words (verbs, event nouns and phrases from the packaged lexicon
``data/events.toml``, :mod:`storyline.extract.event_lexicon`) are found with the
conditions of their senses (:mod:`storyline.extract.event_triggers`), combined into
events (:mod:`storyline.extract.event_frames`: "threatened to attack" is one THREATEN
event), given actors, targets and a place (:mod:`storyline.extract.event_args`) and a
date and status (:mod:`storyline.extract.event_time`).  Rules read the dependency
parse and, where parses of news text are often wrong, the words around the trigger.

Event types and modes are PLOVER's (Open Event Data Alliance, *PLOVER manual*, 2.0,
2024), CAMEO codes those that ``CAMEO2PLOVER-2021`` maps to them.  One departure from
the manual, on purpose: a planned or proposed meeting keeps its type (CONSULT) and
says "planned" in ``status``, where a PLOVER coder would record AGREE; the manual's
category is kept beside it in ``plover_type``.  Mere statements ("X said Y") are
quotes, not events; verbal acts the manual codes (accusations, demands, threats,
rejections, promises) are events.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Doc, Span, Token

from storyline.extract.event_args import arguments
from storyline.extract.event_classifier import type_prior
from storyline.extract.event_frames import events_of
from storyline.extract.event_lexicon import lexicon
from storyline.extract.event_phrases import Participant, Place, location
from storyline.extract.event_time import (
    EventDate,
    TimedExpression,
    date_of,
    final_status,
    syntactic_status,
)
from storyline.extract.event_triggers import candidates
from storyline.extract.event_view import Candidate, SentenceView
from storyline.records import ArticleContext, SentenceDate, TimeExpression

__all__ = ["EventDate", "EventMention", "Participant", "Place", "events"]

STATUSES: Final = ("happened", "planned", "proposed", "hypothetical", "negated", "historical")
#: cooperative actions that PLOVER codes AGREE when only planned or proposed (manual 3.1)
_AGREE_WHEN_PLANNED: Final = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
_BACKGROUND: Final = frozenset({"after", "before", "when", "while", "since", "because", "as",
                                "until", "once", "although", "though", "if", "unless"})
#: conflictual actions that, announced for the future or on a condition, are threats
_CONFLICT: Final = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
_TRANSPARENT_DEPS: Final = frozenset({"conj", "parataxis", "appos", "dep", "list"})
_REPORTED_DEPS: Final = frozenset({"ccomp", "xcomp", "advcl", "obj", "dep", "parataxis"})
#: characters that end a sentence (closing quotes and brackets after a full stop too)
_SENTENCE_END: Final = frozenset(".!?:;\"”’')…")
#: how much the learned type prior (:mod:`storyline.extract.event_classifier`) counts
#: against the rules' confidence when events of one sentence are ranked.  Small on
#: purpose: a tie-breaker between events the parse ranks alike, never enough to put a
#: relative clause's event above the main clause's ("Police arrested protesters who
#: blocked a road" stays an arrest).  Measured in the README (Events).
PRIOR_WEIGHT: Final = 0.15


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one sentence reports it.

    ``start``/``end`` are the trigger's character offsets; ``plover_type`` is the
    category the PLOVER manual would record (AGREE for a planned meeting, CONCEDE for a
    promised withdrawal), ``type`` the action itself.

    >>> m = EventMention("a", 0, 3, "met", "CONSULT", None, "040", 0, 30, (), (), None,
    ...                  EventDate(), "happened", 0.8)
    >>> m.as_dict()["type"], m.as_dict()["date"]["value"]
    ('CONSULT', None)
    """

    article: str
    start: int
    end: int
    trigger: str
    type: str
    mode: str | None
    cameo: str | None
    sentence_start: int
    sentence_end: int
    actors: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    location: Place | None
    date: EventDate
    status: str
    confidence: float
    plover_type: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The event mention as JSON-ready values (the lead's ``events`` contract feeds
        on these)."""
        return {
            "article": self.article, "start": self.start, "end": self.end,
            "trigger": self.trigger, "type": self.type, "mode": self.mode,
            "cameo": self.cameo, "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "actors": [a.as_dict() for a in self.actors],
            "targets": [t.as_dict() for t in self.targets],
            "location": self.location.as_dict() if self.location else None,
            "date": self.date.as_dict(), "status": self.status,
            "confidence": self.confidence,
            "plover_type": self.plover_type or self.type,
        }


def _timed(doc: Doc, times: Sequence[TimeExpression]) -> list[TimedExpression]:
    found: list[TimedExpression] = []
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        found.append(TimedExpression(t, span.root, frozenset(range(span.start, span.end))))
    return found


def _sentences(doc: Doc) -> Iterator[Span]:
    """The Doc's sentences, rejoining those the parser split in the middle of a line
    ("... between CIA director | Bill Burns, the director of ...")."""
    if not doc.has_annotation("SENT_START"):
        if len(doc):
            yield doc[:]
        return
    pending: Span | None = None
    for sent in doc.sents:
        if pending is not None:
            last = pending[-1]
            joined = not sent[0].is_space and not last.is_space \
                and "\n" not in last.whitespace_ and last.text[-1] not in _SENTENCE_END
            if joined:
                pending = doc[pending.start:sent.end]
                continue
            yield pending
        pending = sent
    if pending is not None:
        yield pending


def _bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of the sentence without surrounding whitespace."""
    words = [t for t in (sent[0], sent[-1]) if not t.is_space]
    if len(words) == 2:
        return words[0].idx, words[1].idx + len(words[1].text)
    inner = [t for t in sent if not t.is_space]
    if not inner:
        return sent.start_char, sent.start_char
    return inner[0].idx, inner[-1].idx + len(inner[-1].text)


def _rank(view: SentenceView, token: Token) -> int:
    """How deep a clause sits, not counting coordination or the verbs that report it:
    in "officials said Hamas attacked", the attack is the main event."""
    reporting = view.lex.words("reporting")
    depth = 0
    for anc, child in view.ancestors(token, 20):
        if child.dep_ in _TRANSPARENT_DEPS:
            continue
        if child.dep_ in _REPORTED_DEPS and view.words(anc) & reporting:
            continue
        depth += 1
        # clauses of time, cause or condition are background
        if child.dep_.startswith("advcl") and any(
                m.lower_ in _BACKGROUND for m in view.children(child)
                if m.dep_ in ("mark", "advmod", "case")):
            depth += 1
    return depth


def _clause_token(view: SentenceView, c: Candidate) -> Token:
    if c.light is not None:
        return c.light
    if c.kind == "noun" and c.token.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"):
        return view.head(c.token) or c.token
    return c.token


def _confidence(view: SentenceView, c: Candidate, actors: bool, status: str,
                prior: float) -> float:
    weight = c.sense.weight if c.sense else 0.5
    score = weight * (1.0 - 0.12 * min(_rank(view, _clause_token(view, c)), 5))
    if c.kind == "noun":
        clause = _clause_token(view, c)
        score -= 0.03 if clause.i != c.token.i or (c.sense and c.sense.anchored) else 0.08
    if actors:
        score += 0.05
    if c.content is not None:
        score += 0.04
    if status == "hypothetical":
        score -= 0.1
    # the words of the sentence: how likely this type is, by the learned prior
    score = (score + PRIOR_WEIGHT * prior) / (1.0 + PRIOR_WEIGHT)
    return round(min(0.99, max(0.05, score)), 3)


def _trigger_span(view: SentenceView, c: Candidate, refusal: bool) -> tuple[int, int]:
    doc = view.doc
    lo, hi = c.start, c.end
    if refusal:
        verb = c.light if c.light is not None else c.token
        lo = min(lo, verb.i)
        hi = max(hi, verb.i + 1)
        while lo - 1 >= view.start and (doc[lo - 1].dep_.startswith(("aux", "neg"))
                                        or doc[lo - 1].lower_ in ("not", "n't", "never")):
            lo -= 1
        if c.light is not None:
            lo, hi = lo, verb.i + 1
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _announced(view: SentenceView, c: Candidate) -> bool:
    """Whether a reporting verb governs the event's clause ("said it would attack")."""
    reporting = view.lex.words("reporting")
    token = c.light if c.light is not None else c.token
    for anc, child in view.ancestors(token, 4):
        if view.words(anc) & reporting and child.dep_ in ("ccomp", "parataxis", "dep", "xcomp"):
            return True
        if child.dep_ not in ("conj", "xcomp", "ccomp"):
            return False
    return False


def _plover(type_: str, status: str) -> str:
    if status in ("planned", "proposed"):
        if type_ in _AGREE_WHEN_PLANNED:
            return "AGREE"
        if type_ == "RETREAT":
            return "CONCEDE"
    return type_


def _mention(view: SentenceView, c: Candidate, ctx: ArticleContext, bounds: tuple[int, int],
             timed: Sequence[TimedExpression], governing: Sequence[SentenceDate],
             prior: dict[str, float]) -> EventMention:
    lex = view.lex
    syntactic = syntactic_status(view, c)
    type_, mode, cameo = c.type, c.mode, c.cameo
    refusal = syntactic in ("refusal", "concession")
    if syntactic == "refusal":
        # "will not resume talks" refuses them (manual 3.10)
        type_ = "REJECT"
        mode = lex.content_modes["REJECT"].get(c.type)
        cameo = lex.cameo_by_content.get("REJECT", {}).get(c.type, "120")
    elif syntactic == "concession":
        # "police will not beat protesters" promises that something will not happen (3.4)
        type_, mode, cameo = "CONCEDE", None, "080"
    date, future = date_of(view, c, timed, governing,
                           fallback=syntactic in (None, "historical", "refusal", "concession"))
    if syntactic is None and future:
        syntactic = "planned"
    clause = _clause_token(view, c)
    status = final_status(syntactic, date, ctx.published,
                          past=clause.tag_ in ("VBD", "VBN") and not c.light)
    if type_ in _CONFLICT and status in ("planned", "hypothetical") and c.content is None \
            and _announced(view, c):
        # "North Korea stated it would attack ...": the event is the threat (manual 2.3)
        mode = lex.content_modes["THREATEN"].get(type_)
        cameo = lex.cameo_by_content.get("THREATEN", {}).get(type_, "130")
        type_ = "THREATEN"
        status = "happened"
    actors, targets = arguments(view, c)
    start, end = _trigger_span(view, c, refusal)
    plover = _plover(type_, status)
    p = max(prior.get(type_, 0.0), prior.get(plover, 0.0))
    return EventMention(
        article=ctx.id, start=start, end=end, trigger=view.chars(start, end), type=type_,
        mode=mode, cameo=cameo, sentence_start=bounds[0], sentence_end=bounds[1],
        actors=tuple(actors), targets=tuple(targets), location=location(view, c),
        date=date, status=status, confidence=_confidence(view, c, bool(actors), status, p),
        plover_type=plover,
    )


def events(doc: Doc, ctx: ArticleContext, *, times: Sequence[TimeExpression] = (),
           sentence_dates: Sequence[SentenceDate] = ()) -> Iterator[EventMention]:
    """PLOVER event mentions in the Doc, in document order.

    ``times`` and ``sentence_dates`` are the article's time expressions and governing
    dates (:func:`storyline.extract.times.times` and
    :func:`storyline.extract.times.sentence_dates`); without them events have no date.
    The rules need a tagged and parsed Doc: with the ``blank`` pipeline nothing is found.
    """
    lex = lexicon()
    timed = _timed(doc, times)
    for sent in _sentences(doc):
        bounds = _bounds(sent)
        if bounds[0] >= bounds[1]:
            continue
        view = SentenceView(sent, lex)
        found = candidates(view)
        if not found:
            continue
        in_sentence = [t for t in timed if sent.start <= t.root.i < sent.end]
        timex_tokens = {i for t in in_sentence for i in t.indices}
        governing = [d for d in sentence_dates if d.sentence_start < sent.end_char
                     and d.sentence_end > sent.start_char]
        chosen = events_of(view, found, timex_tokens)
        prior = type_prior([t.text for t in sent]) if chosen else {}
        for c in sorted(chosen, key=lambda x: x.start):
            yield _mention(view, c, ctx, bounds, in_sentence, governing, prior)
