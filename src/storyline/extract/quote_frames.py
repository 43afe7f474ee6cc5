"""Attribution frames: where the cue, the speaker, the channel and the content lie.

After Pareti's decomposition of an attribution into source, cue and content (Pareti,
2016, *PARC 3.0*, LREC) and the frame patterns of Newell et al. (2018, *PolNeAR*):
the shared pieces of the rules — what counts as a cue, the channel after ``told``,
where the content after a cue starts — and the frames around a direct quote, just
after its closing mark (``," X said.``) or just before its opening one
(``X said: "``).  :mod:`storyline.extract.quote_direct` pairs them with quotes,
:mod:`storyline.extract.quote_indirect` finds reported speech around the other cues.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.extract.quote_lexicon import QuoteLexicon
from storyline.extract.quote_speakers import (
    clause_subject,
    is_adverb,
    speaker_after,
    speaker_before,
)
from storyline.extract.quote_tokens import (
    NP_PUNCT,
    QUOTE_MARKS,
    TokenView,
)

Range = tuple[int, int]
MIN_DIRECT_WORDS = 4
MAX_TAIL_FRAME = 18
AFTER_AMBIGUOUS = frozenset({"that", ":", ",", ".", ";", "out"}) | QUOTE_MARKS
TAIL_ENDS = frozenset({".", ",", ";", "!", "?", ":", "(", "—", "–"}) | QUOTE_MARKS
POSSESSIVE = frozenset({"'s", "’s"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})
DOCUMENT_NOUNS = frozenset({"report", "reports", "statement", "article", "story", "interview",
                            "letter", "email", "memo", "post", "tweet", "op-ed", "editorial"})


@dataclass(slots=True)
class Frame:
    """One attribution found in the tokens (token ranges, end exclusive)."""

    parts: list[Range]
    cue: Range
    speaker: Range | None
    channel: Range | None = None
    sources: list[Range] = field(default_factory=list)
    direct: bool = False
    continues: bool = False  # "..., adding that": the previous frame's speaker speaks
    relay: bool = False  # "Report informs via Axios": the article is relayed
    #: speech, document ("according to", "a report in"), belief or intention
    kind: str = "speech"


def n_words(view: TokenView, r: Range) -> int:
    return sum(1 for i in range(*r) if view.is_word(i))


def cue_at(view: TokenView, i: int, lex: QuoteLexicon) -> int:
    """Length of the cue starting at token ``i`` (0: none)."""
    w = view.lower[i]
    if view.quote_of[i] >= 0 or (view.is_capital(i) and i > 0 and not view.is_break(i - 1)
                                 and view.sent_of[i - 1] == view.sent_of[i]
                                 and not view.headline[view.sent_of[i]]):
        return 0  # "Says" only in a headline ("Ruiz Says The Bridge ...")
    if w == "according" and i + 1 < len(view) and view.lower[i + 1] == "to":
        return 2
    if w not in lex.speech:
        return 0
    if i > 0 and view.lower[i - 1] in POSSESSIVE:
        return 0  # "Editor's note", "the minister's claims"
    if w in lex.ambiguous:
        k = i - 1
        while k > 0 and is_adverb(view, k, lex) and view.lower[k] not in lex.determiners:
            k -= 1
        if k >= 0 and not (view.is_capital(k) or view.is_punct(k) or view.lower[k] in
                           lex.speaker_heads):
            return 0  # "battleground states", "eight states"
        j = i + 1
        while j < len(view) and is_adverb(view, j, lex) and view.lower[j] not in lex.determiners:
            j += 1
        if j < len(view) and view.lower[j] not in AFTER_AMBIGUOUS and not view.is_break(j):
            return 0
    return 1


def channel_after(view: TokenView, i: int, limit: int, lex: QuoteLexicon) -> Range | None:
    """The outlet or audience told: ``told AFP``, ``told reporters``, ``told him``."""
    for phrase in lex.audiences:
        if tuple(view.lower[i : i + len(phrase)]) == phrase and i + len(phrase) <= limit:
            return i, i + len(phrase)
    j = i
    if j < limit and view.lower[j] in {"the", "a"} and j + 1 < limit and view.is_capital(j + 1):
        j += 1
    while j < limit and view.is_word(j) and (view.is_capital(j) or (
            view.lower[j] in POSSESSIVE | {"of", "the"} and j + 1 < limit
            and view.is_capital(j + 1))):
        j += 1  # "told AFP", "told CNN's Jake Tapper", "told The Times of Israel"
    if j > i:
        return i, j
    if i < limit and view.lower[i] in OBJECT_PRONOUNS and (
            i + 1 >= limit or not view.is_word(i + 1) or view.lower[i + 1] in
            lex.complementizers | lex.circumstances | lex.adverbs):
        return i, i + 1  # "told him", not "told her audience"
    for j in range(i + 1, min(limit, i + 10)):  # "telling the crowd outside that ..."
        if view.lower[j] == "that":
            return i, j
        if not view.is_word(j) and view.words[j] not in NP_PUNCT:
            break
    return None


def _skip_frame_words(view: TokenView, i: int, limit: int, lex: QuoteLexicon) -> int:
    """Skip a date or an adverb after the cue when a complementizer or comma follows."""
    j = i
    while j < limit and j - i < 5 and is_adverb(view, j, lex):
        j += 1
    if j > i and j < limit and (view.lower[j] in lex.complementizers or view.words[j] == ","):
        return j
    return i


def content_start(view: TokenView, i: int, limit: int, lex: QuoteLexicon) -> int:
    """Where the content after a cue starts (``limit``: it has none)."""
    i = _skip_frame_words(view, i, limit, lex)
    w = view.lower[i] if i < limit else ""
    if w in lex.circumstances or (w.endswith("ing") and w not in lex.pronouns
                                  and not view.is_capital(i) and len(w) > 5):
        # "said in a statement that ...": the content starts after "that", if at all
        j = i + 1
        while j < limit and j - i < 15 and view.lower[j] not in lex.complementizers and \
                view.quote_of[j] < 0:
            j += 1
        if j >= limit or j - i >= 15 or view.quote_of[j] >= 0:
            return limit
        i = j
    if i < limit and (view.lower[i] in lex.complementizers):
        i += 1
        if i < limit and view.words[i] == ",":  # "said that, if elected, he ..."
            i += 1
    return i


def tail_frame(view: TokenView, begin: int, limit: int, lex: QuoteLexicon) -> Frame | None:
    """``, SPEAKER [adv] CUE [CHANNEL] [date]`` or ``, CUE SPEAKER`` from ``begin``."""
    i = begin
    while i < limit and view.words[i] in {",", "—", "–"}:
        i += 1
    end = min(limit, i + MAX_TAIL_FRAME)
    for k in range(i, end):
        n = cue_at(view, k, lex)
        if not n or view.lower[k] in lex.continuations:
            continue
        if n == 2:
            sp = speaker_after(view, k + 2, limit, lex)
            return Frame([], (k, k + 2), sp if sp[1] > sp[0] else None)
        if k == i:  # "..., said the official."
            sp = speaker_after(view, k + 1, limit, lex)
            if sp[1] <= sp[0] or not (_frame_closes(view, sp[1], limit, lex) or
                                      appositive_follows(view, sp[1], limit, lex)):
                return None
            return Frame([], (k, k + 1), sp)
        sp = speaker_before(view, k, i, lex)
        if sp[0] != i and _appositive_tail(view, i, k):
            sp = (i, _prev_comma(view, k))  # '," Ana Ruiz, an aide to the mayor, told AFP.'
        if sp[0] != i or sp[1] <= sp[0]:
            return None
        channel = None
        if view.lower[k] in lex.addressed:
            channel = channel_after(view, k + 1, limit, lex)
            if channel is None and limit - k <= 16:  # '," she told a man in the queue.'
                channel = view.trim(k + 1, limit)
            elif channel is None:  # '," she told the dockers, most of them ...'
                channel = _audience(view, k + 1, limit, lex)
                if channel is not None:
                    return Frame([], (k, k + 1), sp, channel)
        if not _frame_closes(view, channel[1] if channel else k + 1, limit, lex):
            return None  # '"...", Ruiz said no': the cue has content of its own
        return Frame([], (k, k + 1), sp, channel)
    return None


def appositive_follows(view: TokenView, k: int, limit: int, lex: QuoteLexicon) -> bool:
    """``said Rita Katz[, the director of ...]``: a named speaker described to the end."""
    if k >= limit or not view.is_capital(k - 1) or (
            view.words[k] != "," and view.lower[k] not in lex.relatives):
        return False
    return not any(view.is_break(j) or view.quote_of[j] >= 0 or view.lower[j] in lex.speech
                   for j in range(k, limit))


def _audience(view: TokenView, i: int, limit: int, lex: QuoteLexicon) -> Range | None:
    """The noun phrase after ``told`` up to a comma or a circumstance ("told the lawmakers")."""
    j = i
    while j < limit and j - i < 8 and view.is_word(j) and view.lower[j] not in (
            lex.circumstances | lex.stop_words) and view.lower[j] not in lex.speech:
        j += 1
    return (i, j) if j > i and (j >= limit or not view.is_word(j) or view.lower[j] in (
        lex.circumstances | lex.stop_words)) else None


def _prev_comma(view: TokenView, k: int) -> int:
    j = k - 1
    while j > 0 and view.words[j] != ",":
        j -= 1
    return j


def _appositive_tail(view: TokenView, i: int, k: int) -> bool:
    """``NAME, APPOSITIVE,`` between ``i`` and the cue at ``k``."""
    commas = [j for j in range(i, k) if view.words[j] == ","]
    return (len(commas) == 2 and commas[-1] == k - 1 and commas[0] > i and k - i <= 25
            and view.is_capital(i) and not any(view.is_break(j) for j in range(i, k)))


def _frame_closes(view: TokenView, k: int, limit: int, lex: QuoteLexicon) -> bool:
    """Only dates, adverbs and punctuation between ``k`` and the end of the frame."""
    while k < limit and (is_adverb(view, k, lex) or view.words[k].isdigit()):
        if view.lower[k] in lex.circumstances:  # '," she said calmly on the radio as ...'
            return True
        k += 1
    return k >= limit or view.words[k] in TAIL_ENDS or view.lower[k] in \
        lex.continuations | lex.circumstances


def head_frame(view: TokenView, s: int, mark: int, lex: QuoteLexicon, *,
               wide: bool = False) -> Frame | None:
    """``SPEAKER [adv] CUE [CHANNEL] [date] [:|,|that]`` ending at the opening mark.

    ``wide``: the frame is a whole sentence ending in a colon before a quoted
    paragraph ("As X reported after ...:"), so the cue may lie anywhere in it.
    """
    j = mark - 1
    while j >= s and view.words[j] in {",", ":", "that"}:
        j -= 1
    for k in range(j, s - 1 if wide else max(s - 1, j - 6), -1):
        if not cue_at(view, k, lex) or view.lower[k] == "according":
            continue
        after = k + 1
        channel = None
        if view.lower[k] in lex.addressed:
            channel = channel_after(view, after, mark, lex)
            after = channel[1] if channel else after
        if not wide and content_start(view, after, mark, lex) < j + 1 and after <= j:
            continue
        sp = speaker_before(view, k, s, lex)
        if sp[1] <= sp[0] and k == s:  # 'Said Ana Ruiz, "We are ready."'
            sp = speaker_after(view, k + 1, mark, lex)
        elif sp[1] <= sp[0] and k > s and (view.lower[k - 1] in lex.coordinators or (
                view.words[k - 1] == "," and view.lower[k] in lex.continuations)):
            sp = clause_subject(view, s, k, lex)  # "Ruiz ... and said," / ", telling X,"
        return Frame([], (k, k + 1), sp if sp[1] > sp[0] else None, channel)
    if wide:
        for k in range(j, s, -1):  # "released the following statement:"
            if view.lower[k] in DOCUMENT_NOUNS | {"following", "follows"}:
                sp = clause_subject(view, s, k, lex)
                return Frame([], (k, k + 1), sp) if sp[1] > sp[0] else None
    return None
