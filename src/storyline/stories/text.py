"""Light text helpers for story analysis over stored records (no spaCy here).

Story views work from the store, where articles keep their text and sentence
offsets but no parse, so matching quotes on one matter or finding a story's
central sentences uses plain word stems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

WORD_PATTERN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)

#: function words and reporting vocabulary that say nothing about a story's matter
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours out over own same
she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why
will with would you your yours yourself yourselves said says say saying told tell according
added adding may might must shall one two mr mrs ms dr reuters afp ap axios report informs via
official officials source sources people spokesman spokeswoman statement thursday friday
saturday sunday monday tuesday wednesday week weeks day days year years month months time
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_SUFFIXES = ("ational", "ations", "ation", "ators", "ator", "ments", "ment", "ings", "ing",
             "ies", "ied", "sses", "ed", "es", "s")
#: endings rewritten after the suffix is gone, so verb and noun meet (resume / resumption)
_REWRITES = (("umption", "um"), ("umpt", "um"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, stable stem: casefold and strip one common suffix.

    >>> stem("Negotiations"), stem("negotiating"), stem("resumed")
    ('negoti', 'negoti', 'resum')
    """
    w = word.casefold().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not w.endswith("ss" + suffix[1:]):
            w = w[: -len(suffix)] + ("ss" if suffix == "sses" else "")
            break
    for ending, replacement in _REWRITES:
        if w.endswith(ending):
            w = w[: -len(ending)] + replacement
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if w.endswith("at") and len(w) > 6:  # negotiat(e) -> negoti, like negotiation
        w = w[:-2]
    return w


def content_stems(text: str, *, common_only: bool = False) -> list[str]:
    """Stems of the content words of ``text``, in order; ``common_only`` skips capitalised words.

    >>> content_stems("The group will not resume the negotiations")
    ['group', 'resum', 'negoti']
    >>> content_stems("Paris talks discussed the resumption", common_only=True)
    ['talk', 'discuss', 'resum']
    """
    return list(_content_stems(text, common_only))


@lru_cache(maxsize=100_000)
def _content_stems(text: str, common_only: bool) -> tuple[str, ...]:
    # story views stem the same quote and sentence texts several times over
    return tuple(stem(w) for w in WORD_PATTERN.findall(text)
                 if len(w) > 2 and w.casefold() not in STOP_WORDS
                 and not (common_only and w[0].isupper()))


def sentence_texts(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence span, whitespace-trimmed."""
    out = []
    for start, end in spans:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trimmed = chunk.strip()
        if trimmed:
            out.append((start + lead, start + lead + len(trimmed), trimmed))
    return out
