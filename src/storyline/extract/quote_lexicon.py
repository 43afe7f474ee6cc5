"""The word lists behind :mod:`storyline.extract.quotes`, read once from ``data/quotes.toml``.

The parse cues of ``quotes.toml`` (chosen by hand) are joined by the cues learned from
the PolNeAR training split in ``data/quote_cues.toml``: each learned cue carries its
counts there, and only those precise and frequent enough (``[select]``) are used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final


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


#: the tables of quote_cues.toml, each joining the list of ``[parse]`` of the same name:
#: clause (``X cautioned the plan ...``), intent (``X pleaded to ...``), stance (an
#: object: ``X ignored Y``) and oblique (``lemma preposition``: ``X saw Y as Z``)
LEARNED_FRAMES: Final = ("clause", "intent", "stance", "oblique")


def select_learned(table: dict[str, object], min_precision: float,
                   min_fired: int) -> frozenset[str]:
    """The cues of one learned frame whose counts ``[right, fired]`` pass the thresholds.

    >>> sorted(select_learned({"deem": [4, 5], "tick": [1, 3], "urge": [2, 2]}, 0.5, 3))
    ['deem']
    """
    kept = []
    for cue, counts in table.items():
        if not (isinstance(counts, list) and len(counts) == 2
                and all(isinstance(c, int) for c in counts)):
            raise ValueError(f"quote_cues.toml: {cue} must be [right, fired]")
        right, fired = counts
        if fired >= min_fired and right >= min_precision * fired:
            kept.append(cue.lower())
    return frozenset(kept)


@cache
def learned_cues() -> dict[str, frozenset[str]]:
    """The learned parse cues that pass ``[select]``, by frame (see ``LEARNED_FRAMES``)."""
    path = resources.files("storyline") / "data" / "quote_cues.toml"
    if not path.is_file():
        return {frame: frozenset() for frame in LEARNED_FRAMES}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sel = data.get("select", {})
    min_precision, min_fired = float(sel.get("min_precision", 1.0)), int(sel.get("min_fired", 1))
    return {frame: select_learned(data.get(frame, {}), min_precision, min_fired)
            for frame in LEARNED_FRAMES}


def _words(table: dict[str, object], key: str) -> frozenset[str]:
    values = table[key]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"quotes.toml: {key} must be a list of strings")
    return frozenset(v.lower() for v in values)


@cache
def lexicon() -> QuoteLexicon:
    """The packaged lexicon (cached: the files are read once per process)."""
    return build_lexicon(learned_cues())


def build_lexicon(learned: dict[str, frozenset[str]]) -> QuoteLexicon:
    """The lexicon of ``quotes.toml`` with the given learned parse cues added, by frame."""
    raw = (resources.files("storyline") / "data" / "quotes.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    cues, speakers, frames, parse = data["cues"], data["speakers"], data["frames"], data["parse"]
    audiences = sorted(
        (tuple(a.split()) for a in _words(speakers, "audiences")), key=lambda a: (-len(a), a)
    )
    clause, intent, stance, oblique = (
        _words(parse, key) | learned.get(key, frozenset()) for key in LEARNED_FRAMES)
    named = [_words(parse, "speech"), clause, intent, stance]
    pairs = [oblique, _words(parse, "topic"), _words(parse, "object_tail")]
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
        parse_clause=clause | _words(parse, "speech"),
        parse_speech=_words(parse, "speech"),
        parse_intent=intent,
        parse_stance=stance,
        parse_oblique=oblique | _words(parse, "topic"),
        parse_topic=_words(parse, "topic"),
        parse_object_tail=_words(parse, "object_tail"),
        parse_small_clause=_words(parse, "small_clause"),
        parse_in_sources=_words(parse, "in_sources") | _words(parse, "owned_sources"),
        parse_in_cases=_words(parse, "in_cases"),
        parse_owned_sources=_words(parse, "owned_sources"),
        parse_lemmas=parse_lemmas,
    )
