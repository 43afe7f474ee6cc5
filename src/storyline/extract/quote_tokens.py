"""A light, parse-independent view of a Doc for the quote rules.

The quote rules read words, capitals and punctuation, not the parse, so that they
keep working with the ``blank`` pipeline and with a weak model: sentences are split
here on final punctuation and paragraph breaks (never inside quotation marks), and
quotation marks are paired across sentences and across paragraphs, following the
news convention that a quote running over paragraphs reopens each one without
closing the previous one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Doc

OPENING: Final = frozenset({"“", "«", "„"})
CLOSING: Final = frozenset({"”", "»"})
STRAIGHT: Final = frozenset({'"', "''", "``"})
QUOTE_MARKS: Final = OPENING | CLOSING | STRAIGHT
DASH_CHARS: Final = frozenset("―—–-")
HEADLINE_WORDS: Final = 4
HEADLINE_SHARE: Final = 0.75
LINE_BREAKS: Final = frozenset("\n\r\v\f\u2028\u2029")
FINAL_PUNCT: Final = frozenset({".", "!", "?", "...", "…"})
#: punctuation that may sit inside a speaker noun phrase
NP_PUNCT: Final = frozenset({"'s", "’s", "'", "’", "-", "–", ".", "&"})


@dataclass(frozen=True, slots=True)
class Quoted:
    """Paired quotation marks: token indices of the marks and of the inner parts."""

    open: int
    close: int
    #: inner token ranges, one per paragraph the quote runs over
    parts: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class TokenView:
    """Words, offsets and sentence/quote structure of one Doc, computed once."""

    text: str
    words: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    space: list[bool]
    sents: list[tuple[int, int]] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)
    quoted: list[Quoted] = field(default_factory=list)
    #: for each token, the index in ``quoted`` of the quote it is inside (marks excluded)
    quote_of: list[int] = field(default_factory=list)
    #: for each sentence, whether it is written in title case (a headline)
    headline: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> TokenView:
        words = [t.text for t in doc]
        view = cls(
            doc.text,
            words,
            [w.lower() for w in words],
            [t.idx for t in doc],
            [t.idx + len(t.text) for t in doc],
            [bool(t.whitespace_) for t in doc],
        )
        view.quoted = _pair_quotes(view)
        view.quote_of = [-1] * len(words)
        for k, q in enumerate(view.quoted):
            for s, e in q.parts:
                for i in range(s, e):
                    view.quote_of[i] = k
        view.sents = _sentences(view)
        view.sent_of = [0] * len(words)
        for k, (s, e) in enumerate(view.sents):
            for i in range(s, e):
                view.sent_of[i] = k
        view.headline = [_title_case(view, s, e) for s, e in view.sents]
        return view

    def __len__(self) -> int:
        return len(self.words)

    def is_break(self, i: int) -> bool:
        """A whitespace token holding a line break: a paragraph boundary."""
        w = self.words[i]
        return w.isspace() and any(c in LINE_BREAKS for c in w)

    def is_space(self, i: int) -> bool:
        """Any whitespace token: a paragraph break, or spaces inside a line ("Ruiz\xa0said")."""
        return self.words[i].isspace()

    def is_word(self, i: int) -> bool:
        return any(c.isalnum() for c in self.words[i])

    def is_capital(self, i: int) -> bool:
        w = self.words[i]
        return bool(w) and (w[0].isupper() or w[0].isdigit())

    def is_punct(self, i: int) -> bool:
        return not self.is_word(i) and not self.is_space(i)

    def span_text(self, s: int, e: int) -> str:
        return self.text[self.starts[s] : self.ends[e - 1]] if e > s else ""

    def trim(self, s: int, e: int) -> tuple[int, int]:
        """The range without surrounding whitespace tokens and edge punctuation."""
        while s < e and (self.is_space(s) or self.words[s] in {",", ":", ";", "—", "-"}):
            s += 1
        while e > s and (self.is_space(e - 1) or self.words[e - 1] in
                         {",", ":", ";", ".", "—", "-"}):
            e -= 1
        return s, e


def _pair_quotes(view: TokenView) -> list[Quoted]:
    found: list[Quoted] = []
    open_at = -1
    part_start = -1
    parts: list[tuple[int, int]] = []
    n = len(view.words)
    i = 0
    while i < n:
        w = view.words[i]
        if len(w) > 1 and w[0] in CLOSING | STRAIGHT and all(c in DASH_CHARS for c in w[1:]):
            w = w[0]  # '”―' before a name: the closing mark glued to its dash
        if view.is_break(i) and open_at >= 0:
            # a quote running over paragraphs reopens the next one
            j = i + 1
            while j < n and view.is_break(j):
                j += 1
            if j < n and view.words[j] in OPENING | STRAIGHT and part_start < i:
                parts.append((part_start, i))
                part_start = j + 1
                i = j + 1
                continue
            open_at, parts = -1, []
        elif w in OPENING or (w in STRAIGHT and open_at < 0):
            open_at, part_start, parts = i, i + 1, []
        elif (w in CLOSING or w in STRAIGHT) and open_at >= 0:
            if part_start < i:
                parts.append((part_start, i))
            if parts:
                found.append(Quoted(open_at, i, tuple(parts)))
            open_at, parts = -1, []
        i += 1
    return found


def _title_case(view: TokenView, s: int, e: int) -> bool:
    """A headline: a whole line whose words (four or more) are nearly all capitalized."""
    words = [w for w in view.words[s:e] if w[:1].isalpha()]
    if len(words) < HEADLINE_WORDS or (s > 0 and not view.is_break(s - 1)) or (
            e < len(view) and not view.is_break(e) and view.words[e - 1] not in FINAL_PUNCT):
        return False
    return sum(1 for w in words if w[0].isupper()) >= HEADLINE_SHARE * len(words)


def _closes_sentence(view: TokenView, i: int) -> bool:
    """Final punctuation ending a quotation that a new capitalized sentence follows."""
    k = view.quote_of[i]
    return k >= 0 and view.quoted[k].close == i + 1 and i + 2 < len(view) and (
        view.is_capital(i + 2) and view.is_word(i + 2)) and _opens_inside(view, view.quoted[k].open)


def _opens_inside(view: TokenView, mark: int) -> bool:
    """The quotation opens after words of its sentence (``he said: "``), not at its start."""
    return mark > 0 and (view.is_word(mark - 1) or view.words[mark - 1] in {",", ":"})


def _sentences(view: TokenView) -> list[tuple[int, int]]:
    """Sentence token ranges: ends at final punctuation outside quotes or a paragraph break.

    A sentence ending inside a quotation (``"... forward," an official said.``) does not
    end the sentence that frames it, so quotes and their frames stay together.
    """
    sents: list[tuple[int, int]] = []
    n = len(view.words)
    start = 0
    i = 0
    while i < n:
        if view.is_break(i):
            if start < i:
                sents.append((start, i))
            start = i + 1
        elif view.words[i] in FINAL_PUNCT and view.quote_of[i] < 0:
            j = i + 1
            while j < n and (view.words[j] in CLOSING or view.words[j] == ")"):
                j += 1
            nxt = j
            if nxt >= n or view.is_break(nxt) or view.is_capital(nxt) or \
                    view.words[nxt] in QUOTE_MARKS:
                sents.append((start, j))
                start = j
                i = j
                continue
        elif view.words[i] in FINAL_PUNCT and _closes_sentence(view, i):
            # 'the strike goes "on until spring." The union agrees': the quote ends it
            sents.append((start, i + 2))
            start = i = i + 2
            continue
        i += 1
    if start < n:
        sents.append((start, n))
    return [(s, e) for s, e in sents if any(view.is_word(k) for k in range(s, e))]
