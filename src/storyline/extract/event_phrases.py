"""Noun phrases, actor codes and places for :mod:`storyline.extract.event_args`.

A participant is the noun phrase around a head word: its determiners, modifiers and
"of"/"from"/"in" phrases ("the head of the US Central Intelligence Agency"), never its
relative clauses or appositions.  Its code joins a country (ISO 3166 alpha-3, from the
packaged gazetteer or ``[actors]`` in ``events.toml``) and a PLOVER sector (manual,
table 5.2): "Israeli officials" -> ISRGOV, "Qatar's prime minister" -> QATGOV; an
organisation with a code of its own keeps it ("the CIA" -> USASPY, "Hamas" -> PSEREB).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Token

from storyline.extract.event_view import Candidate, SentenceView

__all__ = ["Participant", "Place", "code_of", "location", "names_in", "np_span",
           "participant", "place_like"]

#: dependents of an actor's head that are not part of its name
_NP_EXCLUDE: Final = frozenset({
    "acl", "acl:relcl", "relcl", "appos", "conj", "cc", "punct", "advcl", "parataxis",
    "dep", "list", "discourse", "cop", "aux", "aux:pass", "mark", "case", "nsubj",
    "nsubj:pass", "obj", "ccomp", "xcomp", "obl", "vocative", "reparandum", "expl",
})
_RIGHT_KEEP: Final = frozenset({"flat", "flat:name", "fixed", "compound", "nmod", "nummod",
                                "amod", "goeswith", "nmod:desc"})
_NMOD_CASES: Final = frozenset({"of", "from", "in", "at", "for"})
_TIME_WORDS: Final = frozenset({"day", "days", "week", "weeks", "month", "months", "year",
                                "years", "time", "hour", "hours", "night", "morning",
                                "evening", "weekend", "decade", "past", "future"})
_GROUP_CODES: Final = frozenset({"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"})


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor or target: the noun phrase as written, its offsets and its actor code."""

    text: str
    start: int
    end: int
    code: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "code": self.code}


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, as written."""

    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


# -- noun phrases --------------------------------------------------------------------------

#: dependents kept inside a phrase below the head ("the head of [the US CIA]")
_INNER_EXCLUDE: Final = frozenset({"acl", "acl:relcl", "relcl", "appos", "advcl", "parataxis",
                                   "dep", "list", "discourse", "ccomp", "xcomp", "vocative"})


def _np_tokens(view: SentenceView, head: Token, top: bool = True) -> Iterator[Token]:
    yield head
    for child in view.children(head):
        dep = child.dep_
        if child.text == "-" or child.tag_ == "HYPH":
            yield child
            continue
        if top:
            if dep in _NP_EXCLUDE or (child.i > head.i and dep not in _RIGHT_KEEP):
                continue
            if dep == "nmod" and child.i > head.i and (not (
                    {c.lower_ for c in view.children(child) if c.dep_ == "case"} & _NMOD_CASES)
                    or child.ent_type_ in ("DATE", "TIME") or view.words(child) & _TIME_WORDS):
                continue
        elif dep in _INNER_EXCLUDE or (dep == "punct" and child.text == ","):
            continue
        yield from _np_tokens(view, child, top=False)


def np_span(view: SentenceView, head: Token) -> tuple[int, int]:
    """Token span (end exclusive) of the noun phrase headed by ``head``: the contiguous
    run of its own words around the head."""
    chosen = {t.i for t in _np_tokens(view, head)}
    lo = hi = head.i
    while lo - 1 in chosen:
        lo -= 1
    while hi + 1 in chosen:
        hi += 1
    doc = view.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "case"):
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return lo, hi + 1


def names_in(view: SentenceView, tokens: list[Token]) -> Iterator[tuple[int, str]]:
    """(token index, code) of every actor name found in a token run."""
    indices = {t.i for t in tokens}
    for t in tokens:
        found = view.name_at(t.i)
        if found is None and t.text.isupper() and len(t.text) > 3:
            found = None
        if found is not None and found[0] - 1 in indices:
            yield found[0] - 1, found[1]


def code_of(view: SentenceView, tokens: list[Token], head: Token) -> str | None:
    """The actor code of a noun phrase: an organisation's own code, or a country and a
    sector ("Qatar's prime minister" -> QATGOV), or a country alone ("Israel")."""
    found = list(names_in(view, tokens))
    org = next((c for _, c in found if len(c) == 6 or c in _GROUP_CODES), None)
    if org:
        return org
    country = next((c for _, c in found if len(c) == 3), None)
    if country is None:
        return None
    head_is_name = any(i == head.i for i, _ in found)
    if head_is_name:
        return country
    sectors = view.lex.sectors
    sector = next((sectors[w] for w in view.words(head) if w in sectors), None)
    if sector is None:
        pairs = view.phrase_words(tokens)
        sector = next((sectors[w] for w in sorted(pairs) if w in sectors), None)
    return country + sector if sector else country


def participant(view: SentenceView, lo: int, hi: int, head: Token) -> Participant:
    doc = view.doc
    tokens = [doc[i] for i in range(lo, hi)]
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    return Participant(view.chars(start, end), start, end, code_of(view, tokens, head))


# -- place -----------------------------------------------------------------------------

def place_like(view: SentenceView, token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC") or (
        token.text[:1].isupper() and token.lower_ in view.lex.places)


def location(view: SentenceView, c: Candidate) -> Place | None:
    """Where the event happened: an "in/at/near X" phrase on the event's own words (or
    "the Paris meeting"), X a place by its entity label or the gazetteer."""
    lex = view.lex
    cases = lex.words("location_cases")
    anchors = [c.token, *([c.light] if c.light is not None else []),
               *(m.token for m in c.merged)]
    for anchor in anchors:
        for child in view.children(anchor):
            marks = {m.lower_ for m in view.children(child) if m.dep_ == "case"}
            if child.dep_ in ("obl", "nmod", "obl:lmod", "advmod") and marks & cases:
                place = child if place_like(view, child) else next(
                    (g for g in view.children(child) if g.dep_ in ("nmod", "compound", "appos")
                     and place_like(view, g)), None)
                if place is not None:
                    return _place(view, place)
        if anchor.tag_.startswith("NN"):
            for child in view.children(anchor):
                if child.dep_ == "compound" and child.i < anchor.i and place_like(view, child) \
                        and child.lower_ not in lex.countries:
                    return _place(view, child)
    return None


def _place(view: SentenceView, token: Token) -> Place:
    lo, hi = np_span(view, token)
    for child in view.children(token):
        if child.dep_ == "conj" and place_like(view, child):
            hi = max(hi, np_span(view, child)[1])
    doc = view.doc
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    return Place(view.chars(start, end), start, end)
