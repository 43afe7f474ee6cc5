"""When an event happened, and whether it did: its date and status.

The date is a time expression in the event's own clause ("met on Friday", "Hamas's Oct
7 attack"), else the date that governs the sentence (:func:`storyline.extract.times.
sentence_dates`), never the publication date.  A sentence date that dates a reporting
verb ("told reporters on Saturday that ...") bounds the event from above: relation
"before".  Status follows the clause: negation, conditionals and modals
(hypothetical), "will", "plans to", "set to" (planned), proposals and the terms of a
draft deal (proposed), and dates well before publication or pluperfect narration
(historical) — the auxiliary modes of PLOVER (manual 2.3).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Token

from storyline.extract.event_view import Candidate, SentenceView
from storyline.extract.timex_normalize import precision
from storyline.records import SentenceDate, TimeExpression

__all__ = ["EventDate", "TimedExpression", "date_of", "final_status", "syntactic_status"]

_AFTER: Final = frozenset({"since", "after", "from", "following"})
_BEFORE: Final = frozenset({"until", "till", "through", "by", "before", "within", "prior", "ahead"})
_ABOUT: Final = frozenset({"about", "around", "approximately", "roughly", "circa", "some", "nearly",
                           "almost"})
_COOPERATIVE: Final = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "RETREAT",
                                 "CONCEDE"})
#: acts that, promised not to happen, are concessions ("police will not beat protesters")
_COERCIVE: Final = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
#: days before publication after which a dated event is background
HISTORICAL_DAYS: Final = 30
_ASPECT_NOUNS: Final = {"possible": "hypothetical", "potential": "hypothetical",
                        "proposed": "proposed", "planned": "planned", "upcoming": "planned",
                        "future": "planned", "expected": "planned", "scheduled": "planned",
                        "prospective": "hypothetical", "hypothetical": "hypothetical",
                        "next": "planned", "new": "", "planned-for": "planned"}


@dataclass(frozen=True, slots=True)
class EventDate:
    """The time expression an event is dated by (all ``None`` when it has none)."""

    value: str | None = None
    precision: str | None = None
    relation: str | None = None
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "relation": self.relation,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class TimedExpression:
    """A time expression with the tokens it covers (its root first)."""

    timex: TimeExpression
    root: Token
    indices: frozenset[int]


# -- status from the clause ----------------------------------------------------------------

def _clause(view: SentenceView, c: Candidate) -> Token:
    """The verb or predicate whose tense and mood are the event's."""
    if c.light is not None:
        return c.light
    token = c.token
    if c.kind == "noun" and token.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"):
        head = view.head(token)
        if head is not None:
            return head
    return token


def _aux(view: SentenceView, token: Token) -> list[Token]:
    return [c for c in view.children(token) if c.dep_.startswith("aux") or c.tag_ == "MD"]


def _reported(view: SentenceView, token: Token) -> bool:
    """Whether the clause is what a reporting verb governs ("said it would ...")."""
    reporting = view.lex.words("reporting")
    for anc, child in view.ancestors(token, 5):
        if child.dep_ in ("ccomp", "parataxis", "xcomp", "dep") and view.words(anc) & reporting:
            return True
        if child.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "parataxis", "dep"):
            return False
    return False


def _under_proposal(view: SentenceView, token: Token) -> bool:
    """A clause describing the terms of a proposal ("an agreement under which ...")."""
    proposal = view.lex.words("proposal")
    for anc, child in view.ancestors(token, 4):
        if child.dep_ in ("acl:relcl", "relcl", "acl") and anc.tag_.startswith("NN") \
                and view.words(anc) & proposal:
            return True
        if child.dep_ in ("obj", "obl", "nmod", "xcomp") and view.words(anc) & {
                "propose", "proposal", "suggest", "draft", "offer"}:
            return True
    return False


def syntactic_status(view: SentenceView, c: Candidate) -> str | None:
    """negated, hypothetical, proposed, planned, historical (pluperfect), "refusal"
    (a cooperative act negated in the future: "will not resume talks") or ``None``."""
    lex = view.lex
    clause = _clause(view, c)
    chain = [clause]
    for anc, child in view.ancestors(clause, 3):
        if child.dep_ not in ("xcomp", "conj"):
            break
        chain.append(anc)
    auxes = [a for t in chain for a in _aux(view, t)]
    aux_words = {a.lower_ for a in auxes} | {a.lemma_.lower() for a in auxes}
    negation = lex.words("negation")
    negated = any(ch.dep_ in ("neg", "advmod", "det", "aux") and ch.lower_ in negation
                  for t in (*chain, c.token) for ch in view.children(t))
    future = bool(aux_words & lex.words("future")) or "going" in aux_words
    if negated:
        refusing = future or "would" in aux_words or any(
            view.words(t) & {"refuse", "decline"} for t in chain)
        if refusing and c.type in _COOPERATIVE:
            return "refusal"
        if (future or "would" in aux_words) and c.type in _COERCIVE:
            return "concession"
        return "negated"
    for t in chain:
        if any(ch.dep_ == "mark" and ch.lower_ in lex.words("conditional")
               for ch in view.children(t)):
            return "hypothetical"
        for _, child in view.ancestors(t, 3):
            if child.dep_.startswith("advcl") and any(
                    m.lower_ in lex.words("conditional") for m in view.children(child)
                    if m.dep_ == "mark"):
                return "hypothetical"
            if child.dep_ not in ("xcomp", "conj", "ccomp"):
                break
    if (c.status_hint == "proposed" or _under_proposal(view, clause)) and (
            "would" in aux_words or "could" in aux_words or c.status_hint or c.kind == "noun"):
        return "planned" if c.type == "CONSULT" else "proposed"
    if aux_words & lex.words("hypothetical_modals"):
        return "hypothetical"
    if "would" in aux_words:
        return "planned" if _reported(view, clause) else "hypothetical"
    if future:
        return "planned"
    planning = lex.words("planning")
    head = view.head(clause)
    if clause.dep_ in ("acl", "xcomp") and head is not None and head.tag_.startswith("NN") \
            and any(c.lower_ == "to" for c in view.children(clause)):
        # "plans to impose curfews", "a proposal to halt the fighting"
        if view.words(head) & planning:
            return "planned"
        if view.words(head) & lex.words("proposal"):
            return "proposed"
    for anc, child in view.ancestors(clause, 3):
        if (child.dep_ in ("xcomp", "ccomp", "advcl") and view.words(anc) & planning \
                and anc.lemma_.lower() not in ("go",)) or (
                anc.lower_ == "going" and child.dep_ == "xcomp"):
            if anc.lemma_.lower() == "set" and not any(
                    a.lemma_.lower() == "be" for a in _aux(view, anc)):
                continue
            return "planned"
        if child.dep_ not in ("xcomp", "conj"):
            break
    if c.kind == "noun":
        for child in view.children(c.token):
            status = _ASPECT_NOUNS.get(child.lower_)
            if child.dep_ in ("amod", "compound") and status:
                return status
    if "had" in {a.lower_ for a in auxes} and clause.tag_ == "VBN" and not _reported(view, clause):
        return "historical"
    if c.kind == "noun" and any(m.lower_ == "since" for m in view.children(c.token)
                                if m.dep_ == "case"):
        return "historical"
    return None


# -- date ----------------------------------------------------------------------------------

def _relation(view: SentenceView, timed: TimedExpression) -> str:
    timex = timed.timex
    first = min(timed.indices)
    before = view.doc[first - 1].lower_ if first - 1 >= view.start else ""
    if before in _AFTER:
        return "after"
    if before in _BEFORE:
        return "before"
    if before in _ABOUT or timex.mod == "APPROX" or timex.text.lower().endswith("ago"):
        return "about"
    return "on"


def _in_clause(view: SentenceView, timed: TimedExpression, anchors: set[int]) -> bool:
    token = timed.root
    if token.i in anchors:
        return True
    for anc, _ in view.ancestors(token, 6):
        if anc.i in anchors:
            return True
        if anc.tag_.startswith(("VB", "MD")) and not anc.dep_.startswith("aux"):
            return False
    return False


def date_of(view: SentenceView, c: Candidate, timed: Sequence[TimedExpression],
            governing: Sequence[SentenceDate], *, fallback: bool) -> tuple[EventDate, bool]:
    """The event's date and whether its clause points to the future ("in the coming
    days" has no calendar value but makes the event planned)."""
    anchors = {c.token.i, *(m.token.i for m in c.merged)}
    if c.light is not None:
        anchors.add(c.light.i)
    best: TimedExpression | None = None
    future = False
    for t in timed:
        if not _in_clause(view, t, anchors):
            continue
        if t.timex.value == "FUTURE_REF":
            future = True
        if t.timex.type not in ("DATE", "TIME") or precision(t.timex.value) is None:
            continue
        if best is None or abs(t.root.i - c.token.i) < abs(best.root.i - c.token.i):
            best = t
    if best is not None:
        timex = best.timex
        return EventDate(timex.value, precision(timex.value), _relation(view, best),
                         timex.start, timex.end), future
    if not fallback or future or not _governing(view, _clause(view, c)):
        return EventDate(), future
    start = c.token.idx
    for sd in governing:
        if sd.sentence_start <= start < sd.sentence_end:
            relation = "on"
            match = next((t for t in timed if t.timex.start == sd.time_start), None)
            if match is not None:
                relation = _relation(view, match)
                head = view.head(match.root)
                if relation == "on" and head is not None and head.i not in anchors and \
                        view.words(head) & view.lex.words("reporting"):
                    relation = "before"
            return EventDate(sd.value, sd.precision, relation, sd.time_start, sd.time_end), False
    return EventDate(), False


#: clauses that modify something else: the sentence's date is not theirs
_MODIFIER_CLAUSES: Final = frozenset({"acl", "acl:relcl", "relcl", "advcl", "advcl:relcl",
                                      "csubj", "csubj:pass", "amod"})


def _governing(view: SentenceView, clause: Token) -> bool:
    """Whether the clause is the sentence's main clause or reaches it through
    complements and coordination (so the sentence's governing date is its date too)."""
    for _, child in view.ancestors(clause, 12):
        # "officials were in Paris on Sunday working towards a ceasefire": a present
        # participle describes what its noun was doing at the time of the sentence
        if child.dep_ in _MODIFIER_CLAUSES and not (child.dep_ == "acl" and child.tag_ == "VBG"):
            return False
    return True


# -- status from the date ----------------------------------------------------------------

def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a calendar value covers ("2023-11" -> Nov 1 .. Nov 30)."""
    try:
        year = int(value[:4])
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            day = dt.date.fromisoformat(value[:10])
            return day, day
        rest = value[5:]
        if rest.startswith("W") and rest[1:3].isdigit():
            monday = dt.date.fromisocalendar(year, int(rest[1:3]), 1)
            return monday, monday + dt.timedelta(days=6)
        if len(rest) == 2 and rest.isdigit():
            month = int(rest)
            return dt.date(year, month, 1), dt.date(year, month,
                                                    calendar.monthrange(year, month)[1])
        if len(value) == 4:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if rest[:1] in ("Q", "H") and rest[1:2].isdigit():
            n = int(rest[1])
            months = 3 if rest[0] == "Q" else 6
            first = (n - 1) * months + 1
            last = first + months - 1
            return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    except ValueError:
        return None
    return None


def final_status(syntactic: str | None, date: EventDate, published: str | None,
                 past: bool = False) -> str:
    """Combine the clause's status with what the date says about it (a date after
    publication makes an event planned unless its verb is in the past tense)."""
    if syntactic in ("negated", "hypothetical", "proposed", "planned"):
        return syntactic
    if syntactic in ("refusal", "concession"):
        return "happened"
    if date.value and published and date.relation != "before":
        bounds = _bounds(date.value)
        try:
            pub = dt.date.fromisoformat(published[:10])
        except ValueError:
            bounds = None
        if bounds is not None:
            if bounds[0] > pub and not past:
                return "planned"
            if (pub - bounds[1]).days > HISTORICAL_DAYS:
                return "historical"
    if syntactic == "historical":
        return "historical"
    return "happened"
