"""Speaker noun phrases: finding them around a cue, describing them, resolving them.

An anonymous source is a first-class speaker: what the text gives of it — the
affiliation ("a senior **US** official"), the seniority ("**senior**"), a description
("a source **briefed on the meeting**") — is kept.  Pronouns and definite
descriptions ("he", "it", "the Israeli official") are resolved to the nearest
compatible earlier mention in the article, in the spirit of the salience-based
resolution of Lappin & Leass (1994), reduced to recency plus number, person and
head-noun agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from storyline.extract.quote_lexicon import QuoteLexicon
from storyline.extract.quote_tokens import NP_PUNCT, TokenView

MAX_SPEAKER_TOKENS = 14
#: institution nouns that name a body by themselves ("the White House", "the office"),
#: not an organization mentioned before ("the group" = Hamas)
SELF_NAMING: Final = frozenset({"office", "house"})


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """What a speaker phrase says about the speaker (token range ``start``..``end``)."""

    start: int
    end: int
    text: str
    anonymous: bool
    affiliation: str | None
    seniority: str | None
    description: str | None
    kind: str  # person | organization | anonymous | pronoun | description
    plural: bool
    head: str


def is_adverb(view: TokenView, i: int, lex: QuoteLexicon) -> bool:
    """A frame word between speaker, cue and content: ``also``, ``recently``, ``on Friday``."""
    w = view.lower[i]
    return w in lex.adverbs or (len(w) > 4 and w.endswith("ly") and not view.is_capital(i))


def _np_word(view: TokenView, i: int, lex: QuoteLexicon) -> bool:
    w = view.lower[i]
    if view.is_space(i) and not view.is_break(i):
        return True  # "Ruiz\xa0said"
    if view.is_break(i) or w in lex.stop_words or w in lex.coordinators or \
            view.quote_of[i] >= 0:
        return False
    if view.is_punct(i):
        return w in NP_PUNCT
    return w not in lex.speech or view.is_capital(i)


def speaker_before(view: TokenView, cue: int, floor: int, lex: QuoteLexicon) -> tuple[int, int]:
    """The noun phrase ending just before the cue (auxiliaries, adverbs, dates skipped)."""
    j = cue - 1
    skipped = 0
    while j >= floor and is_adverb(view, j, lex) and skipped < 5:
        j -= 1
        skipped += 1
    if skipped and j >= floor and view.lower[j] in lex.determiners:
        j += 1  # "a" or "the" was the start of the speaker, not an adverb
        while j < cue and view.lower[j] in lex.determiners:
            j += 1
        j -= 1
    end = j + 1
    while j >= floor and end - j <= MAX_SPEAKER_TOKENS:
        if view.words[j] == ")":  # "Sen. David Perdue (R-Ga.)"
            k = j - 1
            while k > floor and j - k < 8 and view.words[k] not in {"(", ")"}:
                k -= 1
            if k > floor and view.words[k] == "(":
                j = k - 1
                continue
        if _np_word(view, j, lex):
            j -= 1
            continue
        if (view.lower[j] in lex.coordinators and j - 1 >= floor and j + 1 < end
                and view.words[j - 1][0].isupper() and view.is_capital(j + 1)):
            j -= 1
            continue
        break
    start = j + 1
    if end - start > MAX_SPEAKER_TOKENS:
        return end, end
    # a phrase starting with a lower-case content word is a clause, not a speaker
    while start < end and not view.is_capital(start) and view.lower[start] not in (
        lex.determiners | lex.pronouns | lex.seniority | lex.anonymous
    ) and view.lower[start] not in lex.institutions:
        start += 1
    return start, end


def speaker_after(view: TokenView, begin: int, limit: int, lex: QuoteLexicon) -> tuple[int, int]:
    """The noun phrase starting at ``begin`` ("..., said the official.")."""
    j = begin
    while j < limit and j - begin < MAX_SPEAKER_TOKENS and (
        _np_word(view, j, lex) or view.lower[j] in lex.coordinators or view.words[j] == "("
    ):
        if view.words[j] == "(":
            k = j + 1
            while k < limit and k - j < 8 and view.words[k] != ")":
                k += 1
            if k >= limit or view.words[k] != ")":
                break
            j = k + 1
            continue
        if view.words[j] == "." and j + 1 >= limit:
            break
        j += 1
    return begin, j


def clause_subject(view: TokenView, s: int, limit: int, lex: QuoteLexicon) -> tuple[int, int]:
    """The sentence-initial noun phrase, up to the first verb-like word.

    An opening adverbial ("At the time, the mayor ...") is skipped.
    """
    if s < limit and view.lower[s] in lex.circumstances:
        k = s + 1
        while k < limit and k - s < 8 and view.words[k] != ",":
            k += 1
        if k < limit and view.words[k] == ",":
            s = k + 1
    j = s
    while j < limit and j - s < MAX_SPEAKER_TOKENS:
        w = view.lower[j]
        if not _np_word(view, j, lex) or w in lex.adverbs - lex.determiners:
            break
        if not view.is_capital(j) and j > s and (w.endswith("ed") or w in lex.speech) and \
                view.lower[j - 1] not in lex.determiners:
            break
        if j > s and not view.is_capital(j) and view.is_word(j) and \
                w not in lex.description_starts and view.lower[j - 1] in \
                lex.anonymous | lex.institutions:
            break  # "A senior Israeli official spoke"
        j += 1
    return s, j


def describe(view: TokenView, start: int, end: int, lex: QuoteLexicon,
             ent_labels: list[str]) -> SpeakerInfo:
    """Classify the phrase: pronoun, anonymous source, person, organization."""
    low = view.lower
    text = view.span_text(start, end)
    # the head is the last noun before a post-modifier ("a source briefed on ...")
    head_end = end
    for k in range(start + 1, end):
        if low[k] in lex.description_starts and not view.is_capital(k):
            head_end = k
            break
    head_idx = head_end - 1
    while head_idx > start and view.is_punct(head_idx):
        head_idx -= 1
    head = low[head_idx] if end > start else ""
    description_parts: list[str] = []
    if head_end < end:
        description_parts.append(view.span_text(head_end, end))
    if end - start == 1 and head in lex.pronouns:
        return SpeakerInfo(start, end, text, False, None, None, None, "pronoun",
                           head in lex.plural_pronouns, head)
    seniority: list[str] = []
    affiliation: list[str] = []
    for k in range(start, head_idx):
        w = low[k]
        if w in lex.seniority:
            seniority.append(view.words[k])
        elif w in lex.determiners:
            continue
        elif view.is_capital(k) or (w in lex.coordinators and affiliation):
            affiliation.append(view.words[k])
        elif view.is_word(k):
            description_parts.insert(0, view.words[k])
    while affiliation and affiliation[-1].lower() in lex.coordinators:
        affiliation.pop()
    named = any(label == "PERSON" for label in ent_labels[start:end]) or view.is_capital(head_idx)
    anonymous = head in lex.anonymous and not named
    plural = head.endswith("s") and not head.endswith("ss") and not view.is_capital(head_idx)
    if anonymous:
        kind = "anonymous"
    elif low[start] in {"the", "this", "that"} and not view.is_capital(head_idx) and not (
            head in lex.institutions and affiliation):  # "the Israeli government" is named
        kind = "description"
    elif head in lex.institutions or low[start] in lex.determiners or any(
            label in {"ORG", "GPE", "NORP"} for label in ent_labels[start:end]):
        kind = "organization"
    elif any(label == "PERSON" for label in ent_labels[start:end]) or _two_names(
            view, start, head_idx):
        kind = "person"
    else:
        kind = "organization"
    if kind not in {"anonymous", "description"}:
        return SpeakerInfo(start, end, text, False, None, None, None, kind, plural, head)
    return SpeakerInfo(
        start, end, text, anonymous,
        " ".join(affiliation) or None,
        " ".join(seniority) or None,
        " ".join(description_parts) or None,
        kind, plural, head,
    )


def _two_names(view: TokenView, start: int, head_idx: int) -> bool:
    """``Benjamin Netanyahu``-like: the phrase ends in two capitalized words."""
    return head_idx - 1 >= start and view.is_capital(head_idx) and view.is_capital(head_idx - 1)


def resolve(info: SpeakerInfo, earlier: list[SpeakerInfo], lex: QuoteLexicon) -> SpeakerInfo | None:
    """The earlier mention a pronoun or a definite description refers to, if any.

    ``earlier`` is in document order; the most recent compatible mention wins.
    """
    if info.kind not in {"pronoun", "description"} and not (
        info.anonymous and _definite(info)
    ):
        return None
    for cand in reversed(earlier):
        if cand.end > info.start or cand.kind in {"pronoun", "description"}:
            continue
        if info.kind == "pronoun":
            if info.head in lex.relatives:
                return cand if info.start - cand.end <= 2 else None
            if info.head in lex.person_pronouns and cand.kind == "person":
                return cand
            if info.head in lex.plural_pronouns and cand.plural and cand.kind != "person":
                return cand
            if info.head in lex.neuter_pronouns and cand.kind == "organization" and \
                    not cand.plural:
                return cand
            continue
        if _stem(cand.head) == _stem(info.head) and (
            info.affiliation is None or info.affiliation in (cand.affiliation or "")
        ):
            return cand
        if info.head in lex.institutions and cand.kind == "organization" and \
                info.head not in SELF_NAMING and cand.text.split()[-1][:1].isupper():
            return cand  # "the group" = Hamas
    return None


def _definite(info: SpeakerInfo) -> bool:
    """``the official``, ``the source``: a definite anonymous speaker seen before."""
    return info.text.lower().startswith(("the ", "this ", "that "))


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
