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
    parse_clause: frozenset[str]
    parse_intent: frozenset[str]
    parse_stance: frozenset[str]
    parse_topic: frozenset[str]
    topic_cases: frozenset[str]


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
    cues, speakers, frames = data["cues"], data["speakers"], data["frames"]
    audiences = sorted(
        (tuple(a.split()) for a in _words(speakers, "audiences")), key=lambda a: (-len(a), a)
    )
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
        parse_clause=_words(data["parse"], "clause"),
        parse_intent=_words(data["parse"], "intent"),
        parse_stance=_words(data["parse"], "stance"),
        parse_topic=_words(data["parse"], "topic"),
        topic_cases=_words(data["parse"], "topic_cases"),
    )
