"""Direct quotes: content fixed by quotation marks, frame just before or after them.

``"...," X said.``, ``X said: "..."``, ``"...," X said, "..."`` (a quote split
around its frame), ``"..." ― Name`` (a signature after a dash), ``X continued:``
closing the paragraph before a quoted one, and ``"A," X said. "B."`` (a quote that
goes on after its frame).  A short quoted fragment without a frame of its own is
left to the indirect rules: it is part of a mixed quote (``had been "constructive"``).
"""

from __future__ import annotations

from storyline.extract.quote_frames import (
    MIN_DIRECT_WORDS,
    Frame,
    Range,
    head_frame,
    n_words,
    tail_frame,
)
from storyline.extract.quote_lexicon import QuoteLexicon
from storyline.extract.quote_speakers import is_adverb
from storyline.extract.quote_tokens import (
    DASH_CHARS,
    OPENING,
    QUOTE_MARKS,
    STRAIGHT,
    TokenView,
)

DASHES = frozenset({"―", "—", "–", "--"})


def _dash_frame(view: TokenView, close: int, lex: QuoteLexicon) -> Frame | None:
    """``"..." ― Ana Ruiz``: a name after a dash ends the paragraph."""
    k = close + 1
    if view.words[close][-1] in DASH_CHARS:
        k = close  # '”―' is one token
    elif k >= len(view) or view.words[k] not in DASHES:
        return None
    j = k + 1
    while j < len(view) and view.is_word(j) and view.is_capital(j) and j - k <= 5:
        j += 1
    rest = j
    while rest < len(view) and view.words[rest] in {".", ","} | QUOTE_MARKS:
        rest += 1
    if j > k + 1 and (rest >= len(view) or view.is_break(rest) or view.words[rest] in OPENING):
        return Frame([], (k, k + 1), (k + 1, j))
    return None

def _strip_commas(view: TokenView, r: Range) -> Range:
    s, e = r
    while e > s and (view.words[e - 1] in {",", "—", "–"} or view.is_break(e - 1)):
        e -= 1
    while s < e and view.is_break(s):
        s += 1
    return s, e

def _colon_before(view: TokenView, mark: int) -> int:
    """The colon ending the paragraph before a paragraph that opens with ``mark`` (or -1)."""
    j = mark - 1
    if j < 0 or not view.is_break(j):
        return -1
    while j >= 0 and view.is_break(j):
        j -= 1
    return j if j >= 0 and view.words[j] == ":" else -1

def direct_frames(view: TokenView, lex: QuoteLexicon, used: set[int]) -> list[Frame]:
    frames: list[Frame] = []
    taken: set[int] = set()
    for qi, q in enumerate(view.quoted):
        if qi in taken or q.open in used:
            continue
        words = sum(n_words(view, p) for p in q.parts)
        _s, e = view.sents[view.sent_of[q.close]]
        last_inner = q.parts[-1][1] - 1
        framed_end = view.words[last_inner] in {",", "?", "!", "—"}
        frame = _dash_frame(view, q.close, lex) or tail_frame(view, q.close + 1, e, lex)
        parts = list(q.parts)
        if frame is not None and (framed_end or words >= MIN_DIRECT_WORDS):
            after = frame.channel[1] if frame.channel else (frame.speaker or frame.cue)[1]
            after = max(after, frame.cue[1])
            k = after
            while k < e and view.words[k] in {","}:
                k += 1
            if k < e and k > after and view.words[k] in OPENING | STRAIGHT and qi + 1 < len(
                    view.quoted) and view.quoted[qi + 1].open == k:
                parts.extend(view.quoted[qi + 1].parts)
                taken.add(qi + 1)
        else:
            s_open = view.sents[view.sent_of[q.open]][0]
            frame = head_frame(view, s_open, q.open, lex) if words >= MIN_DIRECT_WORDS else None
            colon = _colon_before(view, q.open)
            if frame is None and colon >= 0 and words >= MIN_DIRECT_WORDS:
                # 'The mayor continued:' closing the previous paragraph
                frame = head_frame(view, view.sents[view.sent_of[colon]][0], colon + 1, lex,
                                   wide=True)
        if frame is None and frames and words >= MIN_DIRECT_WORDS and _follows(
                view, frames[-1], q.open, lex):
            # '"A," X said. "B."': B goes on with what X said
            frames[-1].parts.extend(_strip_commas(view, p) for p in parts)
            continue
        if frame is None or (words < MIN_DIRECT_WORDS and not framed_end):
            continue
        frame.parts = [_strip_commas(view, p) for p in parts]
        frame.direct = True
        frames.append(frame)
    return frames

def _follows(view: TokenView, frame: Frame, mark: int, lex: QuoteLexicon) -> bool:
    """Only the frame itself, dates and punctuation lie between ``frame`` and ``mark``."""
    last = frame.parts[-1][1] if frame.parts else frame.cue[1]
    ends = [last, frame.cue[1]]
    if frame.speaker:
        ends.append(frame.speaker[1])
    if frame.channel:
        ends.append(frame.channel[1])
    for k in range(max(ends), mark):
        if view.is_break(k):
            return False
        if view.is_word(k) and not is_adverb(view, k, lex) and not view.words[k].isdigit():
            return False
    return max(ends) <= mark
