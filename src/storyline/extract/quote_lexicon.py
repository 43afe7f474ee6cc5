"""The word lists behind :mod:`storyline.extract.quotes`, read once from ``data/quotes.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Lower-cased word sets; see the comments in ``quotes.toml`` for what each is for."""

    speech: frozenset[str]
    addressed: frozenset[str]
    clause_only: frozenset[str]
    ambiguous: frozenset[str]
    continuations: frozenset[str]
    nominal: frozenset[str]
    relatives: frozenset[str]
    colon_labels: frozenset[str]
    sourcing: frozenset[str]
    relay: frozenset[str]
    anonymous: frozenset[str]
    seniority: frozenset[str]
    description_starts: frozenset[str]
    pronouns: frozenset[str]
    #: anonymous nouns, institutions, pronouns and document nouns: what heads a speaker
    speaker_heads: frozenset[str]
    person_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    determiners: frozenset[str]
    institutions: frozenset[str]
    #: audience phrases as word tuples, longest first
    audiences: tuple[tuple[str, ...], ...]
    adverbs: frozenset[str]
    stop_words: frozenset[str]
    coordinators: frozenset[str]
    complementizers: frozenset[str]
    circumstances: frozenset[str]
    #: with a parse, lemmas of verbs whose clausal complement is the content
    parse_clause: frozenset[str]
    #: of those, verbs of saying (the others state a belief)
    parse_speech: frozenset[str]
    parse_intent: frozenset[str]
    parse_stance: frozenset[str]
    #: "lemma preposition" pairs: the prepositional complement is the content
    parse_oblique: frozenset[str]
    #: of those, speaking about a topic ("talk about")
    parse_topic: frozenset[str]
    #: "lemma preposition" pairs continuing a stance object ("accuse X of Y")
    parse_object_tail: frozenset[str]
    #: stance verbs whose object starts a small clause ("polls show X ahead")
    parse_small_clause: frozenset[str]
    #: nouns that are a source when a clause is set "in" them ("in the polls")
    parse_in_sources: frozenset[str]
    parse_in_cases: frozenset[str]
    #: of those, the ones whose possessor is the source ("in his view")
    parse_owned_sources: frozenset[str]
    #: every verb and adjective the parse rules name (to repair a lemmatizer's slips)
    parse_lemmas: frozenset[str]


def _words(table: dict[str, object], key: str) -> frozenset[str]:
    values = table[key]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"quotes.toml: {key} must be a list of strings")
    return frozenset(v.lower() for v in values)


@cache
def lexicon() -> QuoteLexicon:
    """The packaged lexicon (cached: the file is read once per process)."""
    raw = (resources.files("storyline") / "data" / "quotes.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    cues, speakers, frames, parse = data["cues"], data["speakers"], data["frames"], data["parse"]
    audiences = sorted(
        (tuple(a.split()) for a in _words(speakers, "audiences")), key=lambda a: (-len(a), a)
    )
    named = [_words(parse, key) for key in ("speech", "clause", "intent", "stance")]
    pairs = [_words(parse, key) for key in ("oblique", "topic", "object_tail")]
    parse_lemmas = frozenset().union(*named, *({p.split()[0] for p in ps} for ps in pairs))
    return QuoteLexicon(
        speech=_words(cues, "speech"),
        addressed=_words(cues, "addressed"),
        clause_only=_words(cues, "clause_only"),
        ambiguous=_words(cues, "ambiguous") | _words(cues, "clause_needed"),
        continuations=_words(cues, "continuations"),
        nominal=_words(cues, "nominal"),
        relatives=_words(speakers, "relatives"),
        colon_labels=_words(speakers, "colon_labels"),
        sourcing=_words(cues, "sourcing"),
        relay=_words(cues, "relay"),
        anonymous=_words(speakers, "anonymous"),
        seniority=_words(speakers, "seniority"),
        description_starts=_words(speakers, "description_starts"),
        pronouns=_words(speakers, "pronouns"),
        speaker_heads=_words(speakers, "speaker_heads") | _words(speakers, "anonymous")
        | _words(speakers, "institutions") | _words(speakers, "pronouns"),
        person_pronouns=_words(speakers, "person_pronouns"),
        plural_pronouns=_words(speakers, "plural_pronouns"),
        neuter_pronouns=_words(speakers, "neuter_pronouns"),
        determiners=_words(speakers, "determiners"),
        institutions=_words(speakers, "institutions"),
        audiences=tuple(audiences),
        adverbs=_words(frames, "adverbs"),
        stop_words=_words(frames, "stop_words"),
        coordinators=_words(frames, "coordinators"),
        complementizers=_words(frames, "complementizers"),
        circumstances=_words(frames, "circumstances"),
        parse_clause=_words(parse, "clause") | _words(parse, "speech"),
        parse_speech=_words(parse, "speech"),
        parse_intent=_words(parse, "intent"),
        parse_stance=_words(parse, "stance"),
        parse_oblique=_words(parse, "oblique") | _words(parse, "topic"),
        parse_topic=_words(parse, "topic"),
        parse_object_tail=_words(parse, "object_tail"),
        parse_small_clause=_words(parse, "small_clause"),
        parse_in_sources=_words(parse, "in_sources") | _words(parse, "owned_sources"),
        parse_in_cases=_words(parse, "in_cases"),
        parse_owned_sources=_words(parse, "owned_sources"),
        parse_lemmas=parse_lemmas,
    )
