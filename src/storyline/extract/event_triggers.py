"""Trigger words of events in one sentence, with the senses whose conditions hold.

A trigger is a verb ("met", "threatened"), an event noun ("talks", "airstrike"), a
phrase ("in touch with", "state of emergency") or an adjective that takes an event
("ready to ..."), looked up by surface form in :mod:`storyline.extract.event_lexicon`.
Each sense's conditions (a particle after the verb, the kind of object, subject or
neighbouring words) are checked on the parse and, where the parse may be wrong, on
the words around the trigger.  Which triggers are events is decided later
(:mod:`storyline.extract.event_frames`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Token

from storyline.extract.event_lexicon import Sense
from storyline.extract.event_view import (
    DIRECT_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    Candidate,
    SentenceView,
    singular,
)

__all__ = ["candidates"]

_WINDOW: Final = 6


# -- conditions --------------------------------------------------------------------------

def _particle(view: SentenceView, token: Token, particles: frozenset[str],
              adjacent: bool = False) -> bool:
    for k, t in enumerate(view.window(token, 0, 3)):
        if t.lower_ in particles:
            return True
        if (t.is_punct and t.text not in ("-",)) or (adjacent and k >= 1):
            break
    if adjacent:
        return any(c.lower_ in particles and c.dep_ in ("compound:prt", "prt")
                   for c in view.children(token))
    for child in view.children(token):
        if child.lower_ in particles and child.dep_ in ("compound:prt", "prt", "advmod", "case",
                                                        "mark", "xcomp", "advcl", "obl"):
            return True
        if (child.dep_ in OBJECT_DEPS or child.dep_.startswith("advcl")) and any(
                c.lower_ in particles for c in view.children(child) if c.dep_ in ("case", "mark")):
            return True
    return False


def _objects(view: SentenceView, token: Token) -> tuple[set[str], set[str], set[str]]:
    """Words and entity labels of what the trigger takes as object or complement, and the
    words of its direct object alone (what "meet expectations" is checked against)."""
    found: list[Token] = []
    direct: list[Token] = []
    for child in view.children(token):
        if child.dep_ in OBJECT_DEPS:
            words = view.noun_words(child)
            found.extend(words)
            if child.dep_ in DIRECT_DEPS:
                direct.extend(words)
            # "warned Beijing of consequences", "put its forces on high alert",
            # "tens of thousands of troops"
            for c in view.children(child):
                if c.dep_ in ("nmod", "obl", "acl"):
                    found.extend(view.noun_words(c))
                    found.extend(w for g in view.children(c) if g.dep_ == "nmod"
                                 for w in view.noun_words(g))
    head = view.head(token)
    if token.dep_ in ("acl", "acl:relcl", "relcl", "amod") and head is not None:
        words = view.noun_words(head)
        found.extend(words)
        direct.extend(words)
    elif token.dep_ == "conj" and head is not None and view.passive(token) and not any(
            c.dep_ in PASSIVE_SUBJECT_DEPS for c in view.children(token)):
        # "They made the trip and were turned down": the shared subject is the patient
        subject = view.subject(head)
        if subject is not None:
            words = view.noun_words(subject)
            found.extend(words)
            direct.extend(words)
    labels = {t.ent_type_ for t in found if t.ent_type_}
    return view.phrase_words(found), labels, view.phrase_words(direct)


def _linear(view: SentenceView, token: Token) -> set[str]:
    run: list[Token] = []
    for t in view.window(token, 0, _WINDOW):
        if t.text in (".", ";", ":", "!", "?") or t.lower_ in ("said", "says", "told"):
            break
        run.append(t)
    return view.phrase_words(run)


def _subject_words(view: SentenceView, token: Token) -> tuple[set[str], set[str]] | None:
    subject: Token | None
    subject = view.agent(token) if view.passive(token) else view.subject(token)
    if subject is None and token.dep_ in ("acl", "acl:relcl", "relcl"):
        subject = view.head(token)
    if subject is None:
        return None
    tokens = view.noun_words(subject)
    labels = {t.ent_type_ for t in tokens if t.ent_type_}
    return view.phrase_words(tokens), labels


@dataclass
class _Cache:
    """What the senses of one trigger word share: its objects and subject."""

    objects: tuple[set[str], set[str], set[str]] | None = None
    linear: set[str] = field(default_factory=set)
    subject: tuple[set[str], set[str]] | None = None
    subject_done: bool = False


def _holds(view: SentenceView, token: Token, sense: Sense, cache: _Cache) -> tuple[bool, bool]:
    """Whether the sense's conditions hold, and whether its object condition did."""
    if sense.particles and not _particle(view, token, sense.particles, sense.adjacent):
        return False, False
    if sense.active and view.passive(token):
        return False, False  # "was met with brutality" is no meeting
    if sense.infinitive and not any(
            c.dep_ in ("xcomp", "advcl", "ccomp") and any(
                m.lower_ == "to" for m in view.children(c) if m.dep_ == "mark")
            for c in view.children(token)):
        return False, False
    object_ok = False
    if sense.objects or sense.object_labels or sense.not_objects:
        if cache.objects is None:
            cache.objects = _objects(view, token)
            # the words after the verb stand in for a parse that found no object
            cache.linear = set() if cache.objects[0] else _linear(view, token)
        words, labels, direct = cache.objects
        linear = cache.linear
        if sense.not_objects & direct:
            return False, False
        if sense.direct:
            words, linear = direct, set()
        object_ok = bool(sense.objects & (words | linear) or sense.object_labels & labels)
        if (sense.objects or sense.object_labels) and not object_ok and sense.needs is None:
            return False, False
    if sense.context or sense.not_context:
        context = view.context()
        if sense.context and not sense.context & context:
            return False, object_ok
        if sense.not_context & context:
            return False, object_ok
    if sense.subject or sense.subject_labels or sense.not_subject or sense.not_subject_labels:
        if not cache.subject_done:
            cache.subject = _subject_words(view, token)
            cache.subject_done = True
        if cache.subject is None:
            if sense.subject or sense.subject_labels:
                return False, object_ok
        else:
            subject_words, subject_labels = cache.subject
            if (sense.subject or sense.subject_labels) and not (
                    sense.subject & subject_words or sense.subject_labels & subject_labels):
                return False, object_ok
            if sense.not_subject & subject_words or sense.not_subject_labels & subject_labels:
                return False, object_ok
    if sense.animate:
        subject_token = view.agent(token) if view.passive(token) else view.subject(token)
        if subject_token is None and token.tag_ == "VBG" and token.dep_ in ("acl", "amod"):
            subject_token = view.head(token)
        if subject_token is not None and not view.animate(subject_token):
            return False, object_ok
    return True, object_ok


# -- finding triggers ----------------------------------------------------------------------

def _phrase_at(view: SentenceView, i: int) -> tuple[list[Token], list[Sense]] | None:
    doc = view.doc
    first = doc[i].lower_
    options = view.lex.phrases.get(first)
    if not options:
        return None
    for words, _ in options:
        tokens: list[Token] = []
        j = i
        for w in words:
            while j < view.end and doc[j].text == "-":
                j += 1
            if j >= view.end or doc[j].lower_ != w:
                break
            tokens.append(doc[j])
            j += 1
        else:
            same = [s for ws, s in options if ws == words]
            return tokens, same
    return None


def _phrase_head(view: SentenceView, tokens: list[Token]) -> Token:
    nouns = [t for t in tokens if t.tag_.startswith("NN")]
    if len(nouns) == 1:
        return nouns[0]
    indices = {t.i for t in tokens}
    for t in tokens:
        head = view.head(t)
        if head is None or head.i not in indices:
            return t
    return tokens[-1]


def _forms(view: SentenceView, token: Token) -> list[str]:
    forms = [token.lower_, token.lemma_.lower()]
    i = token.i
    if i - 2 >= view.start and view.doc[i - 1].text == "-":
        prefix = view.doc[i - 2].lower_ + "-"
        forms = [prefix + token.lower_, prefix + token.lemma_.lower(), *forms]
    return forms


def _nominal(token: Token, first: bool = False) -> bool:
    tag = token.tag_
    if tag in ("NN", "NNS"):
        return True
    if tag in ("NNP", "NNPS"):
        # a capitalised common noun starts a sentence ("Talks resumed"); elsewhere it is
        # a name or a month ("in March")
        return first and (not token.ent_type_ or token.ent_type_ in ("EVENT", "MISC"))
    return tag == "VBG" and token.dep_ in ("nsubj", "obj", "obl", "nmod", "nsubj:pass", "conj",
                                           "appos", "compound")


def _senses(view: SentenceView, token: Token, options: tuple[Sense, ...],
            cache: _Cache) -> tuple[list[Sense], set[int]]:
    passing: list[Sense] = []
    with_object: set[int] = set()
    for sense in options:
        ok, object_ok = _holds(view, token, sense, cache)
        if ok:
            passing.append(sense)
            if object_ok:
                with_object.add(sense.order)
    return passing, with_object


def candidates(view: SentenceView) -> list[Candidate]:
    """Every trigger of the sentence with its passing senses, in sentence order."""
    lex = view.lex
    keys = lex.keys
    found: list[Candidate] = []
    used: set[int] = set()
    for token in view.tokens:
        i = token.i
        lower = view.lower(token)
        if i in used or (lower not in keys and token.lemma_.lower() not in keys):
            continue  # most words are no trigger: one set lookup decides
        if token.is_punct:
            continue
        phrase = _phrase_at(view, i)
        if phrase is not None:
            tokens, options = phrase
            head = _phrase_head(view, tokens)
            passing, with_object = _senses(view, head, tuple(options), _Cache())
            if passing:
                used.update(t.i for t in tokens)
                found.append(Candidate(head, tokens[0].i, tokens[-1].i + 1, "noun", passing,
                                       with_object))
                continue
        tag = token.tag_
        options_v: tuple[Sense, ...] = ()
        kind = ""
        gerund = tag == "VBG" and any(c.dep_ in ("nmod:poss", "poss", "det")
                                      for c in view.children(token))
        if gerund:
            # "al-Rufay'i's killing": a gerund with a possessor is a noun
            tag = "NN"
        if tag.startswith(("VB", "MD")) or (token.pos_ == "VERB" and not gerund):
            for form in _forms(view, token):
                options_v = lex.verbs.get(form, ())
                if options_v:
                    break
            kind = "verb"
            if not options_v and tag == "VBG" and _nominal(token):
                options_v = lex.nouns.get(token.lower_, ())
                kind = "noun"
        elif _nominal(token, token.i == view.tokens[0].i):
            options_v = lex.nouns.get(token.lower_, ()) or lex.nouns.get(singular(token.lower_), ())
            kind = "noun"
            if not options_v and token.tag_ in ("NN", "NNS") and token.dep_ in ("root", "ROOT"):
                options_v = lex.verbs.get(token.lower_, ())
                kind = "verb" if options_v else kind
        elif tag.startswith("JJ"):
            options_v = lex.adjectives.get(token.lower_, ())
            kind = "adjective"
        if not options_v:
            continue
        passing, with_object = _senses(view, token, options_v, _Cache())
        if passing:
            hyphenated = kind == "verb" and i - 2 >= view.start \
                and view.doc[i - 1].text == "-" \
                and view.doc[i - 2].lower_ + "-" + token.lower_ in lex.verbs
            start = i - 2 if hyphenated else i
            found.append(Candidate(token, start, i + 1, kind, passing, with_object))
    return found
