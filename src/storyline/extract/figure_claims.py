"""Who a sentence attributes its figures to: "according to X", "X says", ", X said."

The claimant is the object of "according to" (its author when it names a
document: "an AFP tally" -> AFP), or the subject of a reporting verb that
precedes the figure or closes its sentence (Pareti, 2016, *PARC 3.0*, on
attribution cues and sources).  Word rules only; named entities, when the Doc has
them, pick the author inside a document's name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from storyline.extract.figure_context import Words, words
from storyline.extract.figure_lexicon import Tok, lexicon

__all__ = ["Claim", "claims"]

_MAX_SUBJECT: Final = 7
_PUNCT_END: Final = frozenset({",", ".", ";", ":", "(", ")", "\"", "“", "”", "—", "–", "?", "!"})
#: verbs that end the noun phrase after "according to" when no comma does
_AUXILIARIES: Final = frozenset({"have", "has", "had", "is", "are", "was", "were", "will",
                                 "would", "could", "may", "might", "can", "did", "do", "does"})


@dataclass(frozen=True, slots=True)
class Claim:
    """Who a sentence attributes its figures to; ``trailing`` for ", X said." clauses."""

    text: str
    start: int
    end: int
    cue_start: int
    kind: str  # "according" or "verb"
    trailing: bool


def _in(tok: Tok, spans: list[tuple[int, int]]) -> bool:
    return any(s <= tok.start < e for s, e in spans)


def _trim(toks: list[Tok], idx: list[int], w: Words) -> list[int]:
    while idx and toks[idx[0]].lower in w.determiners:
        idx = idx[1:]
    return idx


def _according(toks: list[Tok], i: int, ents: list[tuple[int, int]],
               dates: list[tuple[int, int]], w: Words) -> tuple[int, int] | None:
    """The source named after "according to": its author when it names a document."""
    idx: list[int] = []
    j = i
    numbers = lexicon().words
    while j < len(toks) and toks[j].text not in _PUNCT_END and len(idx) < 10 and not (
        toks[j].text[0].isdigit() or toks[j].lower in numbers or toks[j].lower in _AUXILIARIES
    ):
        idx.append(j)
        j += 1
    while idx and toks[idx[-1]].lower in w.stop:
        idx.pop()  # "according to the ministry over 345 pilgrims": drop "over"
    # an appositive name: "the Afghan team's coach, Alireza Mehraban,"
    if j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].text[0].isupper():
        k = j + 1
        while k < len(toks) and toks[k].text[0].isupper() and len(idx) < 14:
            k += 1
        if k == len(toks) or toks[k].text in _PUNCT_END:
            idx.extend(range(j, k))
    idx = _trim(toks, idx, w)
    if not idx:
        return None
    head = idx[0]
    while head + 1 in idx and toks[head + 1].lower not in w.stop:
        head += 1
    if toks[head].lower not in w.documents:
        return toks[idx[0]].start, toks[idx[-1]].end
    a, b = toks[idx[0]].start, toks[idx[-1]].end
    for s, e in ents:
        if a <= s and e <= b and not any(ds <= s < de for ds, de in dates):
            return s, e
    caps = [k for k in idx if toks[k].text[0].isupper() and not _in(toks[k], dates)]
    if caps:
        run = [caps[0]]
        while run[-1] + 1 in caps:
            run.append(run[-1] + 1)
        return toks[run[0]].start, toks[run[-1]].end
    return toks[idx[0]].start, toks[head].end


def _subject_word(tok: Tok, w: Words) -> bool:
    return (tok.text[0].isupper() or tok.lower in w.subject_words
            or tok.lower.rstrip("'s’") in w.subject_words
            or (tok.glued and tok.text not in _PUNCT_END) or tok.text == ".")


def _subject_before(toks: list[Tok], v: int, dates: list[tuple[int, int]],
                    w: Words) -> list[int]:
    k = v - 1
    while k >= 0 and (_in(toks[k], dates) or toks[k].lower in w.pred_skip
                      or toks[k].lower in ("on", "last", "late", "early")):
        k -= 1
    if k > 0 and toks[k].text == ",":
        # "Valeska Paris, an Australian woman, has claimed": skip the appositive
        closing = k
        k -= 1
        while k >= 0 and toks[k].text != "," and closing - k < 16:
            k -= 1
        k = k - 1 if k >= 0 and toks[k].text == "," else closing - 1
    idx: list[int] = []
    while k >= 0 and len(idx) < _MAX_SUBJECT and _subject_word(toks[k], w) and \
            toks[k].lower not in w.report_verbs:
        idx.insert(0, k)
        k -= 1
    while idx and toks[idx[0]].text == ".":
        idx = idx[1:]
    if k >= 0 and toks[k].lower in w.determiners:
        idx.insert(0, k)
    return idx


def claims(toks: list[Tok], text: str, ents: list[tuple[int, int]],
           dates: list[tuple[int, int]]) -> Iterator[Claim]:
    """Attribution cues of one sentence and their sources, in order."""
    w = words()
    starts = {phrase[0] for phrase in w.according}
    for i, tok in enumerate(toks):
        for phrase in w.according if tok.lower in starts else ():
            n = len(phrase)
            if tuple(t.lower for t in toks[i : i + n]) == phrase:
                span = _according(toks, i + n, ents, dates, w)
                if span is not None:
                    yield Claim(text[span[0] : span[1]], span[0], span[1], tok.start,
                                "according", True)
        if tok.lower not in w.report_verbs or not tok.text.islower():
            continue
        idx = _subject_before(toks, i, dates, w)
        body = _trim(toks, idx, w)
        inverted = False
        if not body and i > 0 and toks[i - 1].text in _PUNCT_END:
            after = [k for k in range(i + 1, min(len(toks), i + 1 + _MAX_SUBJECT))]
            body = []
            for k in after:
                if not _subject_word(toks[k], w) and toks[k].lower not in w.determiners:
                    break
                body.append(k)
            while body and toks[body[-1]].text == ".":
                body.pop()
            body = _trim(toks, body, w)
            inverted = True
        if not body or (len(body) == 1 and toks[body[0]].lower in w.pronouns):
            continue
        first = idx[0] if idx and not inverted else i
        trailing = first > 0 and toks[first - 1].text in _PUNCT_END
        start, end = toks[body[0]].start, toks[body[-1]].end
        yield Claim(text[start:end], start, end, tok.start, "verb", trailing)
