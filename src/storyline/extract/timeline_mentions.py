"""Where a target entity is mentioned: its name, the name's short forms, and pronouns.

For a name given by the user ("Steve Jobs", "iTunes store", "iPhone 4") this builds
the forms it takes in news text (:func:`name_pattern`), finds them in a parsed Doc by
matching the text, not the tokens (so "iPhone 3G" is found however "3G" is split),
and follows the entity through pronouns that continue a chain of its mentions
(:func:`mention_heads`).  It also holds the word lists of :mod:`storyline.extract.timeline_events`
(``data/timeline_events.toml``) and the word tests both modules share.

This is deliberately simple, local coreference (Hobbs-style recency over the parse,
no trained resolver): a pronoun is the entity's when the nearest compatible name before
it is.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

__all__ = [
    "OBJECT_DEPS",
    "SUBJECT_DEPS",
    "NamePattern",
    "is_event_noun",
    "light_object",
    "mention_heads",
    "name_pattern",
    "name_spans",
    "parse_sentences",
    "subject_of",
    "word",
    "words",
]

SUBJECT_DEPS: Final = frozenset({"nsubj", "nsubj:pass", "nsubj:outer", "csubj"})
OBJECT_DEPS: Final = frozenset({"obj", "iobj"})
#: how many sentences back the person a "he" continues may have been named
_REACH: Final = 3
#: where another person's name must stand to be the antecedent a "he" could mean
_ARGUMENTS: Final = SUBJECT_DEPS | OBJECT_DEPS | frozenset({"obl:agent", "appos", "nmod:poss",
                                                            "obl"})


# -- the word lists ----------------------------------------------------------------------------

@cache
def _tables() -> dict[str, frozenset[str]]:
    raw = (resources.files("storyline") / "data" / "timeline_events.toml").read_text("utf-8")
    found: dict[str, frozenset[str]] = {}
    for table, entries in tomllib.loads(raw).items():
        for key, values in entries.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ValueError(f"timeline_events.toml: {table}.{key} must be a list of strings")
            found[f"{table}.{key}"] = frozenset(v.lower() for v in values)
    return found


def words(key: str) -> frozenset[str]:
    """A lower-cased word list of ``data/timeline_events.toml`` by ``table.key``
    (read once per process).

    >>> "announce" in words("verbs.reporting")
    True
    """
    return _tables()[key]


def word(token: Token) -> str:
    return token.lower_.replace("’", "'")


def is_event_noun(token: Token) -> bool:
    """Whether a noun names an event: listed, or a nominalisation (never a name)."""
    if token.pos_ not in ("NOUN", "PROPN") or (token.pos_ == "PROPN"
                                                and token.i > token.sent.start):
        return False
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in words("nouns.not_events") or lower in words("nouns.not_events"):
        return False
    return lemma in words("nouns.events") or lower in words("nouns.events") or (
        len(lemma) > 6 and lemma.endswith(tuple(words("nouns.suffixes"))))


def light_object(verb: Token) -> Token | None:
    """The event noun a light verb governs ("made an *appearance*"), if any."""
    if verb.lemma_.lower() not in words("verbs.light") or any(
            c.dep_ == "compound:prt" for c in verb.children):
        return None  # "took six months off" is the event itself
    return next((c for c in verb.children if c.dep_ == "obj" and is_event_noun(c)), None)


def subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


# -- names -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NamePattern:
    """The word sequences that name an entity, lower-cased: the full name first.

    ``person``: whether "he"/"his" (else "it"/"its") continue its mentions;
    ``head``: a common noun that, after "the", names it again ("the store");
    ``first_name``: a person's first name, a mention when no other name follows it.
    """

    forms: tuple[tuple[str, ...], ...]
    person: bool
    head: str | None
    first_name: str | None


def name_pattern(name: str) -> NamePattern:
    """The forms a name takes in news text.

    A person's name also appears as the surname alone and as the first name; a longer
    organisation name as its last two or more words ("Apple Corps"); a name ending in
    a common noun ("iTunes store") as its first, coined word ("iTunes") and, after
    "the", as that noun.

    >>> name_pattern("Steve Jobs").forms, name_pattern("Steve Jobs").person
    ((('steve', 'jobs'), ('jobs',)), True)
    >>> name_pattern("Beatles Apple Corps").forms
    (('beatles', 'apple', 'corps'), ('apple', 'corps'))
    >>> name_pattern("iTunes store").forms, name_pattern("iTunes store").head
    ((('itunes', 'store'), ('itunes',)), 'store')
    """
    parts = name.split()
    lower = tuple(w.lower() for w in parts)
    person = (1 < len(parts) <= 3 and all(w.isalpha() and w[:1].isupper() and w[1:].islower()
                                         for w in parts)
              and lower[-1] not in words("names.not_person"))
    forms: list[tuple[str, ...]] = [lower]
    head = None
    if person:
        forms.append(lower[-1:])
    else:
        forms.extend(lower[i:] for i in range(1, len(lower) - 1))
        if len(parts) > 1 and parts[-1].isalpha() and parts[-1].islower():
            head = lower[-1]
            if any(c.isupper() for c in parts[0][1:]):
                forms.append(lower[:1])  # a coined brand: "iTunes"
    return NamePattern(tuple(forms), person, head, lower[0] if person else None)


#: between the words of a name: a possessive mark, and at most one capitalised word
#: ("Beatles' Apple Corps", "iTunes Music Store"); capitals are matched case-sensitively
#: inside the otherwise case-insensitive expression
_GAP: Final = r"(?:\s*['’]s?)?\s+(?:(?-i:[A-Z])[\w.-]*\s+)?"


@cache
def _form_regex(pattern: NamePattern) -> re.Pattern[str]:
    """One expression for every form of the name, longest first."""
    options = []
    for form in pattern.forms:
        escaped = [re.escape(w) for w in form]
        if len(escaped) == 1 and form[0].isalpha():
            escaped[0] += "s?"  # "iPods"
        options.append(_GAP.join(escaped))
        if len(form) == 2 and any(c.isdigit() for c in form[1]):
            options.append(rf"{escaped[1]}\s+{escaped[0]}")  # "the 3G iPhone"
    if pattern.first_name:
        # "Steve", not "Steve Wozniak"
        options.append(rf"{re.escape(pattern.first_name)}(?!\s+(?-i:[A-Z]))")
    if pattern.head:
        determiners = "|".join(sorted(words("names.anaphor_determiners")))
        options.append(rf"(?:{determiners})\s+(?P<head>{re.escape(pattern.head)})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(options)})(?![\w-])", re.IGNORECASE)


def name_spans(doc: Doc, sent: Span, pattern: NamePattern) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` naming the entity in one sentence."""
    found: list[tuple[int, int]] = []
    for match in _form_regex(pattern).finditer(doc.text, sent.start_char, sent.end_char):
        group: int | str = "head" if match.groupdict().get("head") else 0
        span = doc.char_span(match.start(group), match.end(group), alignment_mode="expand")
        if span is not None and len(span) and (not found or span.start >= found[-1][1]):
            found.append((span.start, span.end))
    return found


def _head(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it (the first such one)."""
    for token in doc[start:end]:
        if not (start <= token.head.i < end) or token.head is token:
            return token
    return doc[end - 1]


def _previous_start(doc: Doc, sent: Span, back: int) -> int:
    """Start token of the sentence ``back`` sentences before ``sent`` (or of the first)."""
    start = sent.start
    for _ in range(back):
        if not start:
            break
        start = doc[start - 1].sent.start
    return start


def mention_heads(doc: Doc, pattern: NamePattern) -> list[tuple[Token, int]]:
    """Every mention of the entity as its head token and the index after its last
    token, pronouns that continue its chain included, in document order.

    A person's pronoun ("he", "his") continues the chain when the nearest person named
    before it, in its sentence or the three before, is the entity (other people count
    when named as an argument: a word the tagger wrongly calls a person, inside a
    compound, does not), and a possessive one also when the entity is the subject
    after it ("In his keynote, Jobs announced").  "It"/"its" continues it when the
    entity is the nearest name before it in a sentence where it is the subject, or was
    the subject of the sentence before.
    """
    pronouns = words("names.person_pronouns" if pattern.person else "names.thing_pronouns")
    found: list[tuple[Token, int]] = []
    chain: set[int] = set()
    previous_subject = False  # whether the entity was the last sentence's subject
    nearest: Token | None = None  # the nearest name before, a person's for "he"
    for sent in doc.sents:
        spans = name_spans(doc, sent, pattern)
        names = {i for s, e in spans for i in range(s, e)}
        here = {_head(doc, s, e).i: e for s, e in spans}
        subject_here = False
        for token in sent:
            if token.i in here:
                chain.add(token.i)
                nearest = token
                subject_here = subject_here or token.dep_ in SUBJECT_DEPS
                continue
            if token.i in names:
                continue
            if word(token) not in pronouns:
                if pattern.person and token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
                    span = next((e for e in sent.ents if e.start == token.i), None)
                    if span is not None and span.root.dep_ in _ARGUMENTS:
                        nearest = token
                elif not pattern.person and token.pos_ == "PROPN":
                    nearest = token
                continue
            same_sentence = nearest is not None and nearest.sent.start == sent.start
            if pattern.person:
                resolved = (nearest is not None and nearest.i in chain
                            and nearest.sent.start >= _previous_start(doc, sent, _REACH)) or (
                    token.dep_ == "nmod:poss" and any(
                        i > token.i and doc[i].dep_ in SUBJECT_DEPS for i in here))
            else:
                resolved = (subject_here and same_sentence and nearest is not None
                            and nearest.i in chain) or (
                    previous_subject and token.dep_ in SUBJECT_DEPS | {"nmod:poss"}
                    and not any(i < token.i for i in here) and not same_sentence)
            if resolved:
                here[token.i] = token.i + 1
                chain.add(token.i)
                nearest = token
                subject_here = subject_here or token.dep_ in SUBJECT_DEPS
        found.extend((doc[i], end) for i, end in sorted(here.items()))
        previous_subject = subject_here
    return found


# -- parsing with given sentences --------------------------------------------------------------

def parse_sentences(nlp: Language, text: str, starts: Sequence[int]) -> Doc:
    """Run the pipeline over ``text`` with sentences starting exactly at ``starts``
    (character offsets), as a corpus with its own sentence split requires; the parser
    keeps preset boundaries."""
    doc = nlp.make_doc(text)
    first = set(starts)
    for token in doc:
        token.is_sent_start = token.idx in first
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
