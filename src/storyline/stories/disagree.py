"""Disagreements: what different parties said on the same matter, side by side.

A party is who a quote speaks for: the speaker's affiliation ("Israeli",
"Hamas"), else the named speaker.  A matter is a content word that quotes of at
least two parties share and that is not common to the whole story.  No verdicts:
each position is shown with its speaker and sentence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from storyline.extract.entity_lexicon import lexicon
from storyline.ingest.textmeta import is_outlet
from storyline.link.units import parse_date
from storyline.stories.text import WORD_PATTERN as _WORDS
from storyline.stories.text import content_stems, stem

#: a stem shared by more than this share of a story's quotes is the story's topic, not a matter
_COMMON_SHARE = 0.6
_MAX_MATTERS = 6
#: positions further apart than this are not one exchange
_WINDOW_DAYS = 31


def country_name(code: str) -> str:
    """A country's name from its ISO code or demonym; other values come back unchanged.

    >>> country_name("QAT"), country_name("Hamas"), country_name("American")
    ('Qatar', 'Hamas', 'United States')
    """
    lex = lexicon()
    return lex.country_names.get(code) or lex.country_names.get(
        lex.place_code(code) or "", code)


def party_of(quote: Mapping[str, Any]) -> str | None:
    """Who a quote speaks for, or None for unaffiliated anonymous sources.

    >>> party_of({"speaker": {"text": "A senior Israeli official", "anonymous": True,
    ...                       "affiliation": "Israeli"}})
    'Israel'
    """
    speaker = quote.get("speaker") or {}
    affiliation = speaker.get("affiliation")
    if affiliation:
        parts = [p.strip() for p in str(affiliation).replace(" and ", ",").split(",") if p.strip()]
        names = [country_name(p) for p in parts]
        return " and ".join(names)
    if speaker.get("anonymous"):
        return None
    name = speaker.get("entity_name") or speaker.get("text")
    return str(name) if name else None


def _is_outlet(text: str) -> bool:
    """Outlets report; they are not parties to a dispute ("an AFP tally", "The New York Times")."""
    words = text.replace("’", "'").replace("'s", "").split()
    return any(is_outlet(" ".join(words[i:j]))
               for i in range(len(words)) for j in range(i + 1, min(len(words), i + 5) + 1))


def disagreements(quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Matters on which two or more parties are quoted, each with their positions.

    A matter is a pair of common words (not names) that quotes of several parties share,
    ranked by how many parties hold it and how rare it is among the story's quotes.
    """
    stems_of: list[set[str]] = []
    parties: list[str | None] = []
    for quote in quotes:
        stems_of.append(set(content_stems(str(quote.get("content") or ""), common_only=True)))
        party = party_of(quote)
        parties.append(None if party is None or _is_outlet(party) else party)
    quoted = [i for i, p in enumerate(parties) if p]
    if len({parties[i] for i in quoted}) < 2:
        return []
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in quoted:
        ordered = sorted(stems_of[i])
        for a_index, a in enumerate(ordered):
            for b in ordered[a_index + 1:]:
                holders[(a, b)].append(i)
    # in a handful of quotes every shared pair may be the matter; in many, the common ones are not
    limit = len(quoted) if len(quoted) < 8 else int(_COMMON_SHARE * len(quoted))
    ranked = []
    for pair, idx in holders.items():
        distinct = len({parties[i] for i in idx})
        if distinct >= 2 and len(idx) <= limit:
            score = distinct * math.log(1 + len(quoted) / len(idx))
            ranked.append((-score, pair, idx))
    ranked.sort()
    chosen: list[dict[str, Any]] = []
    covered: list[set[int]] = []
    for _score, pair, idx in ranked:
        members = _same_period(idx, quotes)
        if len({parties[i] for i in members}) < 2:
            continue
        if any(len(members & c) >= 0.5 * len(members) for c in covered):
            continue
        covered.append(members)
        chosen.append(_matter(pair, sorted(members), quotes, parties, stems_of))
        if len(chosen) == _MAX_MATTERS:
            break
    return chosen


def _surface(stems: list[str], quotes: Sequence[Mapping[str, Any]]) -> list[str]:
    """The words the quotes use for each stem, for people to read ("negotiations")."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for quote in quotes:
        for word in _WORDS.findall(str(quote.get("content") or "")):
            s = stem(word)
            if s in stems:
                counts[s][word.casefold()] = counts[s].get(word.casefold(), 0) + 1
    return [max(counts[s].items(), key=lambda kv: (kv[1], -len(kv[0])))[0] if counts[s] else s
            for s in stems]


def _same_period(idx: list[int], quotes: Sequence[Mapping[str, Any]]) -> set[int]:
    """The quotes within ``_WINDOW_DAYS`` of the latest dated one: positions of one period."""
    dates = {i: parse_date(str(quotes[i].get("date") or "")) for i in idx}
    known = [d for d in dates.values() if d is not None]
    if not known:
        return set(idx)
    latest = max(known)
    return {i for i, d in dates.items() if d is None or (latest - d).days <= _WINDOW_DAYS}



def _matter(pair: tuple[str, str], members: list[int], quotes: Sequence[Mapping[str, Any]],
            parties: list[str | None], stems_of: list[set[str]]) -> dict[str, Any]:
    shared = set.intersection(*(stems_of[i] for i in members)) if members else set()
    by_party: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in members:
        q = quotes[i]
        speaker = q.get("speaker") or {}
        by_party[str(parties[i])].append({
            "speaker": speaker.get("text"), "content": q.get("content"),
            "direct": q.get("direct"), "date": q.get("date"), "article": q.get("article"),
            "start": q.get("start"), "end": q.get("end"),
        })
    stems = sorted(shared) or list(pair)
    return {"matter": stems, "words": _surface(stems, [quotes[i] for i in members]),
            "positions": [{"party": p, "quotes": qs} for p, qs in by_party.items()]}
