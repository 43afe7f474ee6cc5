"""The tense of the verb that governs a time expression, read two ways.

* From a parse (tags and dependencies): climb from the expression to the predicate it
  hangs from, then read its auxiliaries: ``will``/``shall``/modals look ahead,
  ``VBD`` or ``has`` + ``VBN`` look back, ``VBZ``/``VBP`` are present; ``could`` tells
  nothing (it is as often the past of "can"); an infinitive takes its governor's tense.
* From the words alone (the ``blank`` pipeline, plain text): the nearest verb cue in
  the sentence, with the auxiliaries chained in front of it ("would be discussed",
  "has met"), verbs of intention ("planned", "scheduled") as future.

The tagger (:mod:`storyline.extract.times`) turns these into directions for weekday,
month and day-month resolution.  Word lists are module constants (data, not branches).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Final, Literal

from spacy.tokens import Doc, Token

from storyline.extract.timex_calendar import Tense

TenseOf = Callable[[int, int], Tense]


# -- tense: from the parse -------------------------------------------------------------

_FUTURE_AUX: Final = frozenset({"will", "'ll", "’ll", "shall", "wo", "gonna"})
#: modals that look ahead; "would" too, as reported future ("said it would meet Friday")
_MODALS: Final = frozenset({"may", "might", "can", "should", "must", "ought", "ca", "would",
                            "'d", "’d"})
#: "could" is as often the past of "can" ("could not be located Wednesday")
_AMBIGUOUS_AUX: Final = frozenset({"could"})
#: verbs of intention and schedule: what they govern lies ahead
_INTENT: Final = frozenset({
    "plan", "plans", "planned", "planning", "schedule", "schedules", "scheduled", "expect",
    "expects", "expected", "intend", "intends", "intended", "due", "set", "slated", "poised",
    "aims", "aim", "hopes", "hope", "vowed", "vows", "promised", "promises", "threatened",
    "threatens", "prepared", "preparing", "prepares",
})
_AUX_DEPS: Final = frozenset({"aux", "aux:pass", "auxpass", "cop"})
_HAVE: Final = frozenset({"have", "has", "'ve", "’ve", "having"})
_INHERIT_DEPS: Final = frozenset({"xcomp", "advcl", "acl", "conj"})


def _finite(token: Token) -> Tense:
    tag = token.tag_
    if tag == "VBD":
        return "PAST"
    if tag in ("VBZ", "VBP"):
        return "PRESENT"
    morph = token.morph.to_dict()
    if morph.get("VerbForm") == "Fin":
        if morph.get("Tense") == "Past":
            return "PAST"
        if morph.get("Tense") == "Pres":
            return "PRESENT"
    return None


def _predicate_tense(pred: Token, depth: int = 0) -> Tense:
    if pred.lower_ in _INTENT or pred.lemma_.lower() in _INTENT:
        return "FUTURE"
    auxes = [c for c in pred.children if c.dep_ in _AUX_DEPS and c.i < pred.i]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "FUTURE"
    if "going" in words and any(c.lower_ == "to" for c in pred.children):
        return "FUTURE"
    if auxes:
        first = auxes[0]
        if first.lower_ in _AMBIGUOUS_AUX:
            return "PAST" if words & _HAVE else None
        if first.tag_ == "MD" or first.lower_ in _MODALS:
            return "PAST" if words & _HAVE else "FUTURE"
        tense = _finite(first)
        if tense == "PRESENT" and words & _HAVE and pred.tag_ == "VBN":
            return "PAST"
        if tense:
            return tense
    tense = _finite(pred)
    if tense:
        return tense
    if pred.tag_ == "VBN" and not auxes:
        return "PAST"
    if depth < 3 and pred.dep_ in _INHERIT_DEPS and pred.head is not pred:
        return _predicate_tense(pred.head, depth + 1)
    return None


def is_predicate(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD" or any(
        c.dep_ in _AUX_DEPS for c in token.children
    )


def predicate(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(10):
        if is_predicate(token) and not (span.start <= token.i < span.end):
            return token
        if token.head is token:
            return token if is_predicate(token) else None
        token = token.head
    return None


# -- tense: from the words -------------------------------------------------------------

WORDS: Final = re.compile(r"[A-Za-z]+(?:['’](?:ll|ve|d|t|s))?|['’](?:ll|ve|d)\b")
_PAST_AUX: Final = frozenset({"was", "were", "had", "did", "hadn't", "wasn't", "weren't"})
_PRESENT_AUX: Final = frozenset({"is", "are", "am", "has", "have", "does", "do", "isn't",
                                 "aren't", "hasn't", "haven't", "says", "tells", "plans"})
_IRREGULAR_PAST: Final = frozenset({
    "said", "told", "met", "went", "came", "took", "made", "gave", "saw", "held", "left",
    "began", "won", "lost", "fell", "rose", "spoke", "wrote", "sent", "found", "got", "kept",
    "brought", "thought", "became", "struck", "hit", "ran", "led", "sought", "sold", "bought",
    "paid", "built", "fought", "felt", "heard", "knew", "meant", "put", "set", "shot", "stood",
    "understood", "withdrew", "drew", "flew", "grew", "threw", "broke", "chose", "drove",
    "forgot", "froze", "rode", "stole", "swore", "woke", "wore", "tore", "bore", "beat",
    "bit", "hid", "slid", "spent", "lent", "bent", "dealt", "swept", "slept", "wept", "fled",
    "fed", "sped", "quit", "cut", "cost", "hurt", "let", "shut", "spread", "ate", "gone",
    "done", "seen", "taken", "given", "written", "spoken", "known", "shown", "begun",
})
_NOT_VERBS: Final = frozenset({
    "hundred", "need", "red", "bed", "united", "indeed", "speed", "feed", "seed", "based",
    "armed", "advanced", "detailed", "limited", "unidentified", "alleged", "so", "ted",
    "fred", "ned", "unnamed", "named", "related", "concerned", "sacred", "naked", "wicked",
    "shed", "proceed", "exceed", "succeed", "bled", "wed", "breed", "creed", "greed", "weed",
    "embed", "biased", "skilled", "talented", "beloved", "aged", "dated", "sustained",
})
_CHAIN: Final = (
    _FUTURE_AUX | _MODALS | _AMBIGUOUS_AUX | _PAST_AUX | _PRESENT_AUX | _HAVE
    | {"be", "been", "being", "not", "n't", "also", "still", "already", "just", "never",
       "reportedly", "then", "ever", "now"}
)
_SINCE: Final = frozenset({"since", "ago"})
#: how many words back "since" still marks the past ("since shortly after the Oct. 23 raid")
_SINCE_REACH: Final = 4
#: words before an expression that point ahead whatever the verb ("effective Feb. 1")
_AHEAD_BEFORE: Final = frozenset({"effective"})
#: determiners: after one, "plan" and "unspecified" are a noun and an adjective, not verbs
_DETERMINERS: Final = frozenset({
    "a", "an", "the", "its", "their", "his", "our", "your", "my", "this", "these", "those",
    "some", "any", "no", "each", "every",
})
_RELATIVE: Final = frozenset({"that", "which", "who", "whom", "whose"})
_SUBJECT_PRONOUNS: Final = frozenset({"i", "we", "you", "they", "he", "she", "it"})
#: how far (characters) the word-based tense reader looks on each side of an expression
_CLAUSE_REACH: Final = 250
#: words a right-hand participle after a plural noun counts as further away (see below)
_REDUCED_RELATIVE_PENALTY: Final = 4
_SAYING: Final = frozenset({"said", "told", "reported", "announced", "added", "stated",
                            "confirmed", "declared"})
_BE_FINITE: Final = frozenset({"is", "are", "am", "was", "were"})


def _word_tense(words: list[str], i: int, originals: list[str]) -> tuple[bool, Tense]:
    """Whether ``words[i]`` is a verb cue, and the tense of its verb group."""
    word = words[i]
    participle = word in _IRREGULAR_PAST or (
        len(word) > 4 and word.endswith("ed") and word not in _NOT_VERBS
        and not originals[i][:1].isupper()  # "Mohamed", "Ahmed"
    )
    if word == "may" and originals[i][:1] == "M":
        return False, None  # the month
    if i > 0 and (word in _INTENT or participle) and (
        words[i - 1] in _DETERMINERS
        or (i > 1 and words[i - 2] in _DETERMINERS and words[i - 1].endswith(("ly", "still")))
    ):
        return False, None  # "announced the plan", "on a still unspecified date"
    is_cue = participle or word in _CHAIN - {"not", "n't", "also", "still", "already", "just",
                                             "never", "reportedly", "then", "ever", "now",
                                             "be", "been", "being"}
    if word == "going" and i + 1 < len(words) and words[i + 1] == "to":
        return True, "FUTURE"
    following = words[i + 1] if i + 1 < len(words) else ""
    if word in _INTENT and (
        (word != "due" or following != "to")  # "due to the storm" is a cause
        and (word not in ("set", "prepared") or following in ("to", "for"))
    ):
        return True, "FUTURE"
    if not is_cue:
        if i > 0 and words[i - 1] in _SUBJECT_PRONOUNS and word.isalpha() and (
            word.endswith("s") == (words[i - 1] in ("he", "she", "it"))
        ):
            return True, "PRESENT"  # "they meet", "she travels": a verb after its subject
        return False, None
    j = i
    while j > 0 and words[j - 1] in _CHAIN:
        j -= 1
    head = words[j]
    group = set(words[j : i + 1])
    if j > 0 and words[j - 1] == "to":
        # "is to be held", "are to travel": a schedule; a bare infinitive tells nothing
        return True, "FUTURE" if j > 1 and words[j - 2] in _BE_FINITE else None
    if head in _FUTURE_AUX:
        return True, "FUTURE"
    if head in _AMBIGUOUS_AUX:
        return True, "PAST" if group & _HAVE else None
    if head in _MODALS:
        return True, "PAST" if group & _HAVE else "FUTURE"
    if word in _CHAIN and following in _INTENT and following not in ("due", "set"):
        return True, "FUTURE"  # "were planning", "is scheduled": what they plan lies ahead
    if head in _PAST_AUX:
        return True, "PAST"
    if head in _PRESENT_AUX or head in _HAVE:
        return True, "PAST" if participle and group & _HAVE else "PRESENT"
    return True, "PAST" if participle else None


def _lexical_tense(text: str, sent_start: int, sent_end: int, start: int, end: int) -> Tense:
    matches = list(WORDS.finditer(text, sent_start, sent_end))
    originals = [m.group() for m in matches]
    words = [w.lower().replace("’", "'") for w in originals]
    inside = [i for i, m in enumerate(matches) if start <= m.start() < end]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    if (first > 0 and words[first - 1] in _SINCE) or "since" in words[
        max(0, first - _SINCE_REACH) : first
    ]:
        return "PAST"
    if (first > 0 and words[first - 1] in _AHEAD_BEFORE) or words[max(0, first - 2) : first] == [
        "ahead", "of"
    ]:
        return "FUTURE"  # "effective Feb. 1", "ahead of the weekend"
    if first > 2 and words[first - 3] == "as" and words[first - 1] == "as" and words[
        first - 2
    ] in ("soon", "early"):
        return "FUTURE"  # "as soon as Tuesday", "as early as Tuesday"
    # a relative clause after the expression has its own verb ("signed ... Thursday that
    # will serve"): cues beyond its pronoun say nothing about the expression's clause
    right = next((i for i in range(last + 1, len(words)) if words[i] in _RELATIVE), len(words))
    best: tuple[float, Tense] | None = None
    for i in range(len(words)):
        if first <= i <= last or i >= right:
            continue
        distance = first - i if i < first else i - last + 0.5
        if best is not None and distance >= best[0]:
            continue
        is_cue, tense = _word_tense(words, i, originals)
        if is_cue and tense == "PAST" and i - 1 > last and words[i] not in _SAYING and (
            words[i - 1].endswith("s") and words[i - 1] not in _CHAIN
        ):
            # "by August in the search for new markets untouched by the crisis": a
            # participle after a plural noun modifies it more often than it is the verb
            distance += _REDUCED_RELATIVE_PENALTY
            if best is not None and distance >= best[0]:
                continue
        if is_cue:
            best = (distance, tense)
    return best[1] if best else None


_SENTENCE_END: Final = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(A-Z0-9])|\n\s*\n?")
_ABBREV_END: Final = re.compile(
    r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|U\.S|Gov"
    r"|Gen|Sen|Rep|Lt|Col|Capt|Inc|Corp|Co|Ltd|vs|Prof)\.$"
)


def text_sentences(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREV_END.search(text, max(0, match.start() - 6), match.start()):
            continue
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def sentence_at(
    bounds: list[tuple[int, int]], starts: list[int], position: int
) -> tuple[int, int]:
    """The sentence around ``position``, cut to :data:`_CLAUSE_REACH` characters each side
    (a run-on "sentence" of a whole page must not make the scan quadratic)."""
    i = bisect.bisect_right(starts, position) - 1
    s, e = bounds[i] if i >= 0 else (0, position)
    return max(s, position - _CLAUSE_REACH), min(max(e, position), position + _CLAUSE_REACH)


def lexical_tense_of(text: str, bounds: list[tuple[int, int]]) -> TenseOf:
    starts = [s for s, _ in bounds]

    def tense_of(start: int, end: int) -> Tense:
        s, e = sentence_at(bounds, starts, start)
        return _lexical_tense(text, s, max(e, end), start, end)

    return tense_of


TenseSource = Literal["auto", "words", "parse"]
TENSE_SOURCES: Final[tuple[TenseSource, ...]] = ("auto", "words", "parse")


def has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP") and doc.has_annotation("TAG")


def doc_tense_of(doc: Doc, source: TenseSource = "auto") -> TenseOf:
    """Tense reader for a Doc: ``words`` (verb cues), ``parse`` (the governing
    predicate and its auxiliaries), or ``auto``: the words first, the parse where
    they have no cue.  Words lead in ``auto`` because they measured better on
    TimeBank+AQUAINT (README, "Time expressions"); ``parse`` needs tags and
    dependencies and falls back to the words without them."""
    if source not in TENSE_SOURCES:
        raise ValueError(f"tense source {source!r}; valid: {', '.join(TENSE_SOURCES)}")
    if doc.has_annotation("SENT_START"):
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        bounds = text_sentences(doc.text)
    lexical = lexical_tense_of(doc.text, bounds)
    if source == "words" or not has_parse(doc):
        return lexical

    def from_parse(start: int, end: int) -> Tense:
        pred = predicate(doc, start, end)
        return _predicate_tense(pred) if pred is not None else None

    def tense_of(start: int, end: int) -> Tense:
        if source == "parse":
            return from_parse(start, end) or lexical(start, end)
        return lexical(start, end) or from_parse(start, end)

    return tense_of
