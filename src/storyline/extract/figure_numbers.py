"""Finding and reading numbers in text, without a parse: the lexical half of figures.

A number is found on a light word tokenization of the raw text (digits with
separators, number words, fractions, vague plurals such as "tens of thousands"),
then widened to its hedge ("about", "more than"), its range ("between 30 and 40")
and its unit ("$", "percent", "two months").  Context rules drop numbers that are
not quantities (:mod:`storyline.extract.figure_exclusions`).  All word lists live
in ``storyline/data/figures.toml``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from storyline.extract.figure_exclusions import excluded
from storyline.extract.figure_lexicon import (
    Lexicon,
    NumberMatch,
    Tok,
    lexicon,
    match_phrase,
    split_sentences,
    tokenize,
)

__all__ = ["NumberMatch", "Tok", "lexicon", "scan", "split_sentences", "tokenize"]

#: the qualifier of a match that is no figure (a score, a phone number): scan() drops it
_DROPPED: Final = "<dropped>"


def _digits(word: str) -> float | None:
    if "," in word:
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", word):
            return None
        word = word.replace(",", "")
    if word.count(".") > 1:
        return None
    try:
        return float(word)
    except ValueError:
        return None


def _read_number(toks: list[Tok], i: int, lex: Lexicon) -> tuple[float, int] | None:
    """The value of the plain number starting at token ``i`` and its last token."""
    tok = toks[i]
    if tok.text[0].isdigit():
        value = _digits(tok.text)
        if value is None:
            return None
        j = i
        if j + 1 < len(toks) and toks[j + 1].glued and toks[j + 1].lower in lex.attached_scales:
            return value * lex.attached_scales[toks[j + 1].lower], j + 1
        if j + 1 < len(toks) and not toks[j + 1].glued and toks[j + 1].lower in lex.scales:
            return value * lex.scales[toks[j + 1].lower], j + 1
        return value, j
    total, current, j, last = 0.0, 0.0, i, ""
    if tok.lower in ("a", "an"):
        if i + 1 >= len(toks) or toks[i + 1].lower not in lex.scales:
            return None
        current, j, last = 1.0, i + 1, "word"
    while j < len(toks):
        word = toks[j].lower
        if word in lex.words:
            v = lex.words[word]
            if last == "word" and not (current % 100 >= 20 and current % 10 == 0 and v < 10):
                break
            current += v
            last = "word"
        elif word in lex.scales and last:
            scale = lex.scales[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
        elif word in ("-", "and") and last and j + 1 < len(toks) \
                and toks[j + 1].lower in lex.words and (word == "-") == (last == "word"):
            j += 1
            continue
        else:
            break
        j += 1
    if not last:
        return None
    return total + current, j - 1


def _unit_after(toks: list[Tok], j: int, lex: Lexicon) -> tuple[int, str, str] | None:
    k = j + 1
    if k < len(toks) and toks[k].lower == "-" and toks[k].glued:
        k += 1  # "three-day"
    n = match_phrase(toks, k, lex.units)
    if not n and k < len(toks) and toks[k].lower in lex.duration_modifiers:
        n = match_phrase(toks, k + 1, lex.units)
        if not n or lex.units[tuple(t.lower for t in toks[k + 1 : k + 1 + n])][0] != "duration":
            return None
        k += 1  # "twenty working days"
    if not n:
        return None
    key = tuple(t.lower for t in toks[k : k + n])
    kind, unit = lex.units[key]
    return k + n - 1, kind, unit


def _one(toks: list[Tok], i: int, lex: Lexicon) -> NumberMatch | None:
    """A number with its own unit, or a vague quantity or fraction, starting at ``i``."""
    n = match_phrase(toks, i, lex.vague)
    if n:
        key = tuple(t.lower for t in toks[i : i + n])
        low, high = lex.vague[key]
        return NumberMatch(i, i + n - 1, None, low, high, None, None, None, i, i + n - 1)
    # "a dozen", "half a dozen"
    word = toks[i].lower
    if word in ("a", "half") and i + 1 < len(toks):
        k = i + 2 if word == "half" and toks[i + 1].lower == "a" else i + 1
        if k < len(toks) and toks[k].lower in lex.counted:
            value = lex.counted[toks[k].lower] * (0.5 if word == "half" else 1)
            return NumberMatch(i, k, value, None, None, None, None, None, i, k)
    # fractions: "a third", "two-thirds", "half of"
    if word == "half" and i + 2 < len(toks) and toks[i + 1].lower in ("a", "an") and \
            toks[i + 2].lower in lex.scales:
        value = 0.5 * lex.scales[toks[i + 2].lower]  # "half a million"
        return NumberMatch(i, i + 2, value, None, None, None, None, None, i, i + 2)
    if i > 0 and toks[i - 1].lower in lex.half_blockers:
        pass  # "the first half"
    elif word == "half" and i + 1 < len(toks) and toks[i + 1].lower in ("of", "as", "the"):
        return NumberMatch(i, i, 0.5, None, None, None, "fraction", "fraction", i, i)
    if word == "half" and i + 2 < len(toks) and toks[i + 1].lower in ("a", "an"):
        key = (toks[i + 2].lower,)
        if lex.units.get(key, ("", ""))[0] == "duration":
            name = lex.units[key][1]
            return NumberMatch(i, i + 2, 0.5, None, None, None, name, "duration", i, i)
    if word in ("a", "one") or word in lex.words:
        k = i + 1
        if k < len(toks) and toks[k].lower == "-" and toks[k].glued:
            k += 1
        if k < len(toks) and toks[k].lower in lex.fractions and (
            word != "a" or toks[k].lower in ("third", "quarter", "fifth", "tenth", "half")
        ) and k + 1 < len(toks) and toks[k + 1].lower in ("of", ".", ",", "the", "to"):
            numer = 1 if word in ("a", "one") else lex.words[word]
            if numer < 10:
                value = numer * lex.fractions[toks[k].lower]
                return NumberMatch(i, k, value, None, None, None, "fraction", "fraction", i, k)
    read = _read_number(toks, i, lex)
    if read is None:
        return None
    value, j = read
    unit = _unit_after(toks, j, lex)
    if unit is not None:
        k, kind, name = unit
        return NumberMatch(i, k, value, None, None, None, name, kind, i, j)
    return NumberMatch(i, j, value, None, None, None, None, None, i, j)


def _currency_before(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, str] | None:
    """"$5", "US$5", "NZ $ 26 million" (a space after the symbol is allowed)."""
    if i == 0:
        return None
    sym = toks[i - 1]
    if sym.text not in lex.currency_symbols:
        return None
    if i >= 2 and sym.text == "$" and (toks[i - 2].lower + "$") in lex.currency_symbols \
            and toks[i - 2].text.isupper():
        return i - 2, lex.currency_symbols[toks[i - 2].lower + "$"]
    return i - 1, lex.currency_symbols[sym.text]


@cache
def _qualifiers_by_last_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, norm in sorted(lexicon().qualifiers.items(), key=lambda kv: -len(kv[0])):
        index.setdefault(key[-1], []).append((key, norm))
    return index


def _qualifier_before(toks: list[Tok], i: int, lex: Lexicon) -> tuple[int, str] | None:
    """The longest hedge ending right before token ``i``: (its first token, normal form)."""
    if i == 0:
        return None
    for key, norm in _qualifiers_by_last_word().get(toks[i - 1].lower, ()):
        n = len(key)
        if i - n >= 0 and all(toks[i - n + k].lower == key[k] for k in range(n - 1)):
            return i - n, norm
    return None


@cache
def _starters() -> frozenset[str]:
    lex = lexicon()
    words = set(lex.words) | {k[0] for k in lex.vague} | {"a", "an", "half"}
    return frozenset(words)


def scan(toks: list[Tok]) -> list[NumberMatch]:
    """Quantities in ``toks``, in order, with hedges, ranges and units."""
    lex = lexicon()
    found: list[NumberMatch] = []
    i = 0
    starters = _starters()
    while i < len(toks):
        word = toks[i].lower
        if not (word[0].isdigit() or word in starters):
            i += 1
            continue
        match = _one(toks, i, lex)
        if match is None:
            i += 1
            continue
        match = _widen(toks, match, lex)
        if match.qualifier != _DROPPED and not excluded(toks, match, lex):
            found.append(match)
        i = match.last + 1
    return found


_PER: Final = (("in",), ("in", "every"), ("out", "of"), ("out", "of", "every"))


def _per(toks: list[Tok], k: int) -> int:
    """Length of "in", "out of every"... at ``k`` ("one in three", "one out of 200")."""
    best = 0
    for words in _PER:
        n = len(words)
        if n > best and k + n < len(toks) and all(
            toks[k + i].lower == words[i] for i in range(n)
        ):
            best = n
    return best


def _score(toks: list[Tok], a: NumberMatch, b: NumberMatch, lex: Lexicon) -> bool:
    """"1 – 0", "lost 1 – 2 to England": small integers with no noun or unit after."""
    if a.unit or b.unit or a.value is None or b.value is None:
        return False
    small = all(v == int(v) and v <= lex.score_max for v in (a.value, b.value))
    after = toks[b.last + 1] if b.last + 1 < len(toks) else None
    counted = after is not None and after.text.isalpha() and after.text.islower() \
        and after.lower not in lex.stop
    return small and not counted


def _phone(toks: list[Tok], a: int, b: int) -> bool:
    """"555-1234", "202-555-0143": digit groups that are not a range."""
    x, y = toks[a].text, toks[b].text
    return (x.isdigit() and y.isdigit() and len(y) >= 4 and len(x) >= 3 and x[0] != "0") \
        or (x.startswith("0") and len(x) > 1)


def _widen(toks: list[Tok], m: NumberMatch, lex: Lexicon) -> NumberMatch:
    first, unit, kind = m.first, m.unit, m.unit_kind
    value, low, high, last = m.value, m.low, m.high, m.last
    currency = _currency_before(toks, m.num_first, lex)
    if currency is not None:
        first, unit, kind = currency[0], currency[1], "money"
    qualifier = None
    # ranges: "30 to 40", "30-40", "between 30 and 40", "two or three"
    k = m.last + 1
    change = first >= 2 and toks[first - 1].lower == "from" and \
        toks[first - 2].lower in lex.change_verbs
    per = _per(toks, k)
    if value is not None and per and kind is None and m.num_first == m.num_last:
        other = _one(toks, k + per, lex)
        if other is not None and other.value and other.unit is None and other.value > value:
            value, unit, kind, last = value / other.value, "fraction", "fraction", other.last
            m = NumberMatch(m.first, last, value, None, None, None, unit, kind, m.num_first,
                            other.num_last)
    if value is not None and k + 1 < len(toks) and toks[k].lower in lex.joiners and \
            not change:
        nxt_first = k + 1
        if toks[nxt_first].text in lex.currency_symbols and nxt_first + 1 < len(toks):
            nxt_first += 1
        other = _one(toks, nxt_first, lex)
        dash = toks[k].lower in ("-", "–", "—")
        if dash and toks[k].glued and _phone(toks, m.num_first, nxt_first):
            return NumberMatch(first, nxt_first, None, None, None, _DROPPED, None, None,
                               m.num_first, nxt_first)
        ok_join = toks[k].lower != "and" or (
            first > 0 and toks[first - 1].lower == "between"
        )
        if other is not None and other.value is not None and ok_join and (
            not dash or (toks[k].glued == toks[nxt_first].glued)
        ):
            scale = 1.0
            if other.value > value and other.num_last > other.num_first and \
                    toks[other.num_last].lower in lex.scales and value < 1000:
                scale = lex.scales[toks[other.num_last].lower]  # "two to three million"
            lo, hi = value * scale, other.value
            if dash and _score(toks, m, other, lex):
                return NumberMatch(first, other.last, None, None, None, _DROPPED, None, None,
                                   m.num_first, other.num_last)
            if lo < hi and (other.unit is None or unit is None or other.unit == unit):
                value, low, high, last = None, lo, hi, other.last
                unit = unit or other.unit
                kind = kind or other.unit_kind
            elif dash:
                return NumberMatch(first, other.last, None, None, None, _DROPPED, None, None,
                                   m.num_first, other.num_last)
    qual = _qualifier_before(toks, first, lex)
    if qual is None and first >= 2 and toks[first - 1].lower in ("a", "an") and kind:
        qual = _qualifier_before(toks, first - 1, lex)  # "about a 20 minute walk"
    if qual is not None:
        q_first, qualifier = qual
        ranged = value is None and (
            toks[q_first].lower != "from" or (not change and toks[m.last + 1].lower == "to")
        )
        if qualifier == "between" and not ranged:
            qualifier = None
        else:
            first = q_first
    if low is not None and high is not None and value is None and qualifier is None and \
            m.low is None:
        qualifier = "between"
    post = match_phrase(toks, last + 1, lex.post_qualifiers)
    if post and qualifier is None and value is not None:
        key = tuple(t.lower for t in toks[last + 1 : last + 1 + post])
        qualifier = lex.post_qualifiers[key]
        last += post
    if value is not None and qualifier in lex.bounds:
        if lex.bounds[qualifier] == "low":
            low = value
        else:
            high = value
    return NumberMatch(first, last, value, low, high, qualifier, unit, kind, m.num_first,
                       m.num_last)
