"""Attributions read from the dependency parse, when the pipeline has one.

The word rules (:mod:`storyline.extract.quote_frames`) cover speech around its cue;
the parse adds what they cannot see without syntax: beliefs, findings and
intentions whose content is a clausal complement of a verb with a subject
("the minister believes the polls are wrong", "the poll found her ahead", "Hamas
refused to resume the talks").  Like the triples of textacy's ``direct_quotations``
and the PARC cue lexicon (Pareti, 2016), the verb must be in a lexicon
(``[parse]`` in ``quotes.toml``); the subject's subtree is the speaker and the
complement's subtree the content.  Frames whose content overlaps one the word rules
already found are dropped, so every token belongs to at most one attribution.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Doc, Token

from storyline.extract.quote_frames import Frame, Range
from storyline.extract.quote_lexicon import QuoteLexicon
from storyline.extract.quote_tokens import TokenView

SUBJECT_DEPS: Final = frozenset({"nsubj", "nsubj:pass", "csubj"})
CLAUSE_DEPS: Final = frozenset({"ccomp"})
INTENT_DEPS: Final = frozenset({"xcomp"})
OBJECT_DEPS: Final = frozenset({"obj", "xcomp"})
OBLIQUE_DEPS: Final = frozenset({"obl"})
#: what the parse adds by default: beliefs and intentions, not stances or topics
ATTITUDES: Final = frozenset({"belief", "intention"})
MIN_CONTENT_TOKENS = 2
MAX_SPEAKER_TOKENS = 14


def _subtree(token: Token) -> Range:
    return token.left_edge.i, token.right_edge.i + 1


def _trimmed(view: TokenView, r: Range) -> Range:
    s, e = view.trim(*r)
    while e > s and view.is_punct(e - 1) and view.words[e - 1] not in {'"', "”", ")"}:
        e -= 1
    return s, e


def _complement(token: Token, lemma: str, lex: QuoteLexicon) -> tuple[Token, str] | None:
    """The complement that holds the content, and the kind of attribution it makes."""
    later = [c for c in token.children if c.i > token.i]
    if lemma in lex.parse_clause or token.lower_ in lex.speech:
        for c in later:
            if c.dep_ in CLAUSE_DEPS:
                return c, "belief"
    if lemma in lex.parse_intent:
        for c in later:
            if c.dep_ in INTENT_DEPS:
                return c, "intention"
    if lemma in lex.parse_stance:
        for c in later:
            if c.dep_ in OBJECT_DEPS:
                return c, "stance"
    if lemma in lex.parse_topic:
        for c in later:
            if c.dep_ in OBLIQUE_DEPS and any(
                    g.dep_ == "case" and g.lower_ in lex.topic_cases for g in c.children):
                return c, "topic"
    return None


def parse_frames(doc: Doc, view: TokenView, lex: QuoteLexicon, found: list[Frame], *,
                 kinds: frozenset[str]) -> list[Frame]:
    """Frames for attitude verbs with a subject and a complement, of the given kinds."""
    if not doc.has_annotation("DEP") or not kinds:
        return []
    taken = [0] * (len(view) + 1)
    for f in found:
        for s, e in f.parts:
            for k in range(s, e):
                taken[k] = 1
        taken[f.cue[0]] = 1
    frames: list[Frame] = []
    for token in doc:
        if taken[token.i] or view.quote_of[token.i] >= 0 or not token.tag_.startswith("VB"):
            continue
        found_comp = _complement(token, token.lemma_.lower() or token.lower_, lex)
        if found_comp is None or found_comp[1] not in kinds:
            continue
        comp, kind = found_comp
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            continue
        content = _trimmed(view, _subtree(comp))
        if view.lower[content[0]] in lex.complementizers | lex.topic_cases:
            content = (content[0] + 1, content[1])
        if content[1] - content[0] < MIN_CONTENT_TOKENS or any(taken[content[0]:content[1]]):
            continue
        speaker = _subtree(subject)
        if speaker[1] - speaker[0] > MAX_SPEAKER_TOKENS or speaker[0] > token.i:
            continue
        for k in range(*content):
            taken[k] = 1
        frames.append(Frame([content], (token.i, token.i + 1), speaker, kind=kind))
    return frames
