"""Reported speech around the cues outside quotation marks, sentence by sentence."""

from __future__ import annotations

import itertools
from typing import Final

from storyline.extract.quote_frames import (
    DOCUMENT_NOUNS,
    Frame,
    Range,
    appositive_follows,
    channel_after,
    content_start,
    cue_at,
    n_words,
)
from storyline.extract.quote_lexicon import QuoteLexicon
from storyline.extract.quote_speakers import (
    clause_subject,
    is_adverb,
    speaker_after,
    speaker_before,
)
from storyline.extract.quote_tokens import CLOSING, QUOTE_MARKS, STRAIGHT, TokenView

BEFORE_SPEAKER = frozenset({",", "—", "–", "(", ";"}) | CLOSING | STRAIGHT
MIN_CONTENT_WORDS = 2


#: what never opens the content after a cue: "..., Ruiz said. (Photo: ...)"
NOT_CONTENT_START: Final = frozenset({",", ".", "!", "?", ";"})


def _capital_run(view: TokenView, i: int, limit: int) -> Range:
    j = i
    if j < limit and view.lower[j] == "the":
        j += 1
    while j < limit and view.is_word(j) and (view.is_capital(j) or view.lower[j] == "of"):
        j += 1
    return i, j


def _after_dateline(view: TokenView, s: int, e: int) -> int:
    """``PARIS (Reuters) -`` opening the first sentence is not part of any content."""
    k = s
    while k < e and view.is_word(k) and view.words[k].isupper():
        k += 1
    if k > s and k + 3 < e and view.words[k] == "(":
        j = k + 1
        while j < e and view.words[j] != ")":
            j += 1
        if j + 1 < e and view.words[j + 1] in {"-", "–", "—"}:
            return j + 2
    return s


def _prev(view: TokenView, i: int, s: int, lex: QuoteLexicon) -> int:
    """Index of the previous token that is not an adverb or auxiliary (``s - 1``: none)."""
    j = i - 1
    while j >= s and is_adverb(view, j, lex) and view.lower[j] not in lex.determiners:
        j -= 1
    return j


def _sources_prefix(view: TokenView, s: int, e: int, lex: QuoteLexicon) -> list[Range]:
    """``Quoting unidentified US officials, it said ...``: the sources relayed."""
    k = s
    while k < e and view.lower[k] in lex.coordinators | {"but"}:
        k += 1
    if k < e and view.lower[k] in lex.sourcing:
        j = k + 1
        while j < e and view.words[j] != ",":
            j += 1
        if j > k + 1:
            return [(k + 1, j)]
    return []


def _inverted_ok(view: TokenView, sp: Range, lex: QuoteLexicon) -> bool:
    """``..., said the spokesman.``: a short phrase naming someone, not a clause."""
    last = sp[1] - 1
    while last > sp[0] and view.is_punct(last):
        last -= 1
    return sp[1] - sp[0] <= 8 and (view.is_capital(last) or view.lower[last] in
                                   lex.anonymous | lex.institutions | lex.pronouns)


def _appositive_speaker(view: TokenView, s: int, comma: int, lex: QuoteLexicon) -> Range | None:
    """``NAME, APPOSITIVE, said``: the name and its appositive, up to the comma."""
    k = comma - 1
    while k > s and comma - k < 16 and view.words[k] != ",":
        k -= 1
    if k > s and view.words[k] == "," and view.lower[k + 1] in {"who", "which"}:
        head = speaker_before(view, k, s, lex)  # "Ana Ruiz, who leads the union, says"
        if head[1] - head[0] == 1 and view.words[head[0]].isdigit() and head[0] - 1 > s \
                and view.words[head[0] - 1] == ",":  # "Ana Ruiz, 58, who leads ..."
            head = speaker_before(view, head[0] - 1, s, lex)
        if head[1] > head[0]:
            return head[0], comma
    if k > s and view.words[k] == "," and n_words(view, (k + 1, comma)) <= 12:
        # "Ruiz, director of the port authority, said"
        head = speaker_before(view, k, s, lex)
        if head[1] > head[0] and view.lower[head[0]] != "according":
            return head[0], comma
    app = speaker_before(view, comma, s, lex)
    return app if app[1] > app[0] and app[0] == s else None


def _according_frame(view: TokenView, lex: QuoteLexicon, s: int, e: int, i: int) -> Frame | None:
    """``according to X``, before or after its content."""
    low = view.lower
    source = speaker_after(view, i + 2, e, lex)
    if source[1] <= source[0]:
        return None
    prev = _prev(view, i, s, lex)
    sources: list[Range] = []
    after = source[1]
    if after + 1 < e and view.words[after] == "," and low[after + 1] in lex.sourcing:
        # "According to Yonhap, quoting KCNA, ...": Yonhap relays KCNA
        j = after + 2
        while j < e and view.words[j] != ",":
            j += 1
        sources, after = [(after + 2, j)], j
    if prev < s or low[prev] in lex.coordinators | {"but"}:
        rest = view.trim(after, e)
        if n_words(view, rest) < MIN_CONTENT_WORDS:
            return None
        return Frame([rest], (i, i + 2), source, sources=sources, kind="document")
    before = view.trim(s, i)
    rest = view.trim(after, e)
    if view.words[i - 1] == "," and n_words(view, rest) >= 3:
        # "..., which, according to AFP, the UN has criticised": both sides
        return Frame([before, rest], (i, i + 2), source, sources=sources,
                     kind="document")
    return Frame([before], (i, i + 2), source, sources=sources, kind="document")


def _frame_at(view: TokenView, lex: QuoteLexicon, s: int, e: int, i: int, n: int,
              earlier: list[Frame]) -> Frame | None:
    low = view.lower
    if n == 2:
        return _according_frame(view, lex, s, e, i)
    if i > s and low[i - 1] in lex.determiners | {"to"}:
        return None  # a noun ("a report", "the claims") or an infinitive ("to say")
    if low[i] in lex.relay and i + 1 < e and low[i + 1] == "via":
        outlet = speaker_before(view, i, s, lex)
        return Frame([], (i, i + 1), outlet, _capital_run(view, i + 2, e), relay=True)
    prev = _prev(view, i, s, lex)
    after = i + 1
    sp: Range | None = None
    inverted = False
    if low[i] in lex.continuations and prev >= s and (view.words[prev] == "," or (
            view.words[prev] in CLOSING | STRAIGHT and view.words[prev - 1] == ",")):
        if earlier and earlier[-1].speaker is not None:
            frame = Frame([], (i, i + 1), earlier[-1].speaker, continues=True)
        else:
            frame = Frame([], (i, i + 1), clause_subject(view, s, i, lex), continues=True)
        if low[i] in lex.addressed:  # ", telling reporters that ..."
            frame.channel = channel_after(view, after, e, lex)
            after = frame.channel[1] if frame.channel else after
        start = content_start(view, after, e, lex)
        frame.parts = [view.trim(start, e)] if start < e else [(e, e)]
        return frame if n_words(view, frame.parts[0]) >= MIN_CONTENT_WORDS else None
    found = speaker_before(view, i, s, lex)
    if found[1] > found[0]:
        sp = found
    elif prev >= s and low[prev] in lex.relatives:
        sp = (prev, prev + 1)  # "Ruiz, who said she would ..."
    elif prev >= s and low[prev] in lex.coordinators | {"but"}:  # "..., but said"
        subj = clause_subject(view, s, i, lex)
        sp = subj if subj[1] > subj[0] else None
    elif prev >= s and view.words[prev] in BEFORE_SPEAKER:
        inv = speaker_after(view, i + 1, e, lex)
        if inv[1] > inv[0] and (not n_words(view, (inv[1], e)) or appositive_follows(
                view, inv[1], e, lex)) and _inverted_ok(
                view, inv, lex) and low[i] not in lex.addressed | lex.continuations:
            sp, inverted, after = inv, True, inv[1]
        elif view.words[prev] == ",":  # "Ruiz, speaking in Lyon, said she ..."
            sp = _appositive_speaker(view, s, prev, lex)
    if sp is None:
        return None
    channel = None
    if low[i] in lex.addressed and not inverted:
        channel = channel_after(view, after, e, lex)
        if channel is None:
            return None
        after = channel[1]
    sources: list[Range] = []
    if (not inverted and after + 2 < e and low[after] in {"a", "the", "an"}
            and low[after + 1] in DOCUMENT_NOUNS and low[after + 2] in {"in", "by", "from", "of"}):
        src = _capital_run(view, after + 3, e)
        if src[1] > src[0]:
            sources.append(src)
            after = src[1]
    start = content_start(view, after, e, lex)
    rest = view.trim(start, e)
    before_speaker = sp[0] - 1 if not inverted else prev
    after_ok = (not inverted and n_words(view, rest) >= MIN_CONTENT_WORDS
                and view.words[start] not in NOT_CONTENT_START)
    if after_ok and before_speaker > s and view.words[before_speaker] in BEFORE_SPEAKER and (
            low[start - 1] not in lex.complementizers) and (
            view.words[before_speaker] in CLOSING | STRAIGHT
            or low[start] in lex.circumstances | lex.adverbs | {"as"}):
        # '"We won," Ruiz said as the votes came in', 'X is wrong, Ruiz said Tuesday in
        # Paris': what comes after the cue is its circumstance, the content came before
        after_ok = False
    if after_ok:
        if low[i] in lex.clause_only and low[start - 1] not in lex.complementizers:
            return None
        if low[sp[0]] in lex.relatives:  # the relative clause ends at its comma
            cut = next((k for k in range(*rest) if view.words[k] == ","), rest[1])
            rest = view.trim(rest[0], cut)
        parts = [rest]
    elif (not inverted and before_speaker - 1 > s and low[before_speaker] == "as"
          and view.words[before_speaker - 1] == ","):
        parts = [view.trim(_after_dateline(view, s, e), before_speaker - 1)]  # ", as X said"
    elif before_speaker > s and view.words[before_speaker] in BEFORE_SPEAKER:
        parts = [view.trim(_after_dateline(view, s, e), before_speaker)]
        if low[parts[0][0]] in lex.circumstances and n_words(view, parts[0]) < 5:
            return None  # "In a statement, X said": a circumstance, not what was said
        if view.words[before_speaker] in CLOSING | STRAIGHT:
            parts = [view.trim(s, before_speaker + 1)]
    else:
        return None
    if n_words(view, parts[0]) < MIN_CONTENT_WORDS and not any(
            view.quote_of[k] >= 0 for k in range(*parts[0])):
        return None
    sources = _sources_prefix(view, s, e, lex) + sources
    return Frame(parts, (i, i + 1), sp, channel, sources)


def _nominal_frame(view: TokenView, lex: QuoteLexicon, s: int, e: int, i: int) -> Frame | None:
    """``the minister's claim that ...``, ``his warning that ...``: the possessor speaks."""
    low = view.lower
    if (low[i] not in lex.nominal or i + 2 >= e or low[i + 1] != "that" or i == s
            or view.quote_of[i] >= 0):
        return None
    owner = i - 1
    if low[owner] in {"his", "her", "their", "its", "our", "my"}:
        speaker = (owner, owner + 1)
    elif low[owner] in {"'s", "’s"}:
        speaker = speaker_before(view, owner, s, lex)
        speaker = (speaker[0], owner + 1)
    else:
        return None
    content = view.trim(i + 2, e)
    if speaker[1] <= speaker[0] or n_words(view, content) < 3:
        return None
    return Frame([content], (i, i + 1), speaker)


def indirect_frames(view: TokenView, lex: QuoteLexicon, used: set[int]) -> list[Frame]:
    """Frames for cues outside quotation marks that no direct quote has used."""
    frames: list[Frame] = []
    for s, e in view.sents:
        found: list[Frame] = []
        i = s
        while i < e:
            nominal = _nominal_frame(view, lex, s, e, i)
            if nominal is not None:
                found.append(nominal)
                i += 1
                continue
            n = cue_at(view, i, lex)
            if not n or i in used:
                i += 1
                continue
            frame = _frame_at(view, lex, s, e, i, n, found)
            if frame is not None:
                found.append(frame)
            i += n
        for a, b in itertools.pairwise(found):
            # "acknowledged X and said Y": X ends before the next cue's conjunction
            if not a.parts or not b.parts:
                continue
            ps, pe = a.parts[0]
            if ps < b.cue[0] < pe:
                cut = b.speaker[0] if b.speaker and b.speaker[0] > ps else b.cue[0]
                cut = _prev(view, cut, ps, lex) + 1
                while cut > ps and view.lower[cut - 1] in lex.coordinators | {",", "but"}:
                    cut -= 1
                a.parts = [view.trim(ps, cut)]
        frames.extend(f for f in found if f.relay or any(e > s for s, e in f.parts))
    return frames


def colon_frames(view: TokenView, lex: QuoteLexicon) -> list[Frame]:
    """``RUIZ: ...`` and ``Ruiz: ...`` at the start of a paragraph (transcripts, headlines)."""
    frames: list[Frame] = []
    n = len(view)
    for i in range(n):
        if i and not view.is_break(i - 1):
            continue
        k = i
        while k < n and view.words[k] in QUOTE_MARKS:
            k += 1
        j = k
        while j < n and j - k < 4 and view.is_word(j) and view.is_capital(j):
            j += 1
        if j == k or j >= n or view.words[j] != ":" or view.lower[k] in \
                lex.pronouns | lex.determiners | lex.colon_labels:
            continue
        end = j + 1
        while end < n and not view.is_break(end):
            end += 1
        content = view.trim(j + 1, end)
        if sum(1 for t in range(*content) if view.is_word(t)) >= 3:
            shout = all(view.words[t].isupper() for t in range(k, j))
            frames.append(Frame([content], (j, j + 1), (k, j), direct=shout))
    return frames
