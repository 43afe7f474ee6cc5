"""Numbers that are not quantities: ordinals, years, ages, identifiers, clock times.

Each rule looks at the words around a number found by
:mod:`storyline.extract.figure_numbers`; the words themselves are data in
``storyline/data/figures.toml`` (``[exclude]``).
"""

from __future__ import annotations

from storyline.extract.figure_lexicon import Lexicon, NumberMatch, Tok, looks_plural

__all__ = ["excluded"]


def _is_year(tok: Tok, value: float, lex: Lexicon) -> bool:
    low, high = lex.year_range
    return (len(tok.text) == 4 and tok.text.isdigit() and low <= value <= high)


def excluded(toks: list[Tok], n: NumberMatch, lex: Lexicon) -> bool:
    """Context rules for numbers that are not quantities."""
    first = toks[n.num_first]
    prev = toks[n.num_first - 1] if n.num_first > 0 else None
    nxt = toks[n.num_last + 1] if n.num_last + 1 < len(toks) else None
    after = toks[n.last + 1] if n.last + 1 < len(toks) else None
    if nxt is not None and nxt.glued and nxt.lower in lex.ordinal_suffixes:
        return True
    if _is_age(toks, n, lex):
        return True
    if n.unit_kind == "duration" and after is not None and after.lower in lex.relative_after:
        return True
    if prev is not None and prev.text == "-" and first.glued and prev.glued \
            and toks[n.num_first - 2].text[0].isalpha():
        return True  # "STS-135", "high-five"
    if prev is not None and n.qualifier is None and n.unit is None and prev.text.islower() \
            and first.text.isdigit() and not (
                nxt is not None and nxt.text.isalpha() and nxt.text.islower()
                and nxt.lower not in lex.stop
            ) and ((looks_plural(prev.lower, lex) and prev.lower not in lex.stop) or (
                prev.lower in ("and", "or") and n.num_first >= 3
                and toks[n.num_first - 2].text.isdigit()
                and looks_plural(toks[n.num_first - 3].lower, lex))):
        return True  # "posts 542 and 543"
    if nxt is not None and nxt.glued and nxt.text[0].isalpha() and n.unit is None:
        return True  # "3G", "A380" (letters after)
    if prev is not None and first.glued and (prev.text[0].isalpha() or prev.text in "/:.#'’")\
            and n.unit_kind != "money" and n.qualifier is None:
        return True  # "A380", "9/11", "COVID-19"
    if nxt is not None and nxt.glued and nxt.text in ("/", ":") and n.unit is None:
        return True
    if prev is not None and prev.lower.rstrip(".") in lex.exclude_before and n.qualifier is None:
        return True
    if prev is not None and prev.lower in lex.exclude_before:
        return True
    if after is not None and after.lower in lex.exclude_after:
        return True
    if (prev is not None and prev.lower.rstrip(".") in lex.months) or (
        nxt is not None and nxt.lower.rstrip(".") in lex.months and n.unit is None
    ):
        return first.text.isdigit()
    if n.value is not None and first.text.isdigit() and n.num_first == n.num_last and \
            _is_year(first, n.value, lex) and n.qualifier is None and n.unit_kind != "money":
        return not (after is not None and after.text.islower()
                    and looks_plural(after.lower, lex))
    if n.unit_kind == "duration" and after is not None and after.lower in ("-", "old"):
        later = toks[n.last + 2 : n.last + 4]
        return any(t.lower == "old" for t in later) or after.lower == "old"
    if first.lower == "one" and n.num_first == n.num_last and n.unit is None and \
            n.value is not None and n.qualifier is None:
        return (prev is not None and prev.lower in lex.one_blockers) or (
            nxt is None or nxt.lower in lex.one_followers or not nxt.text[0].isalpha()
            or nxt.lower in lex.stop or (nxt.lower.endswith("ed") and nxt.text.islower())
        )
    # a capitalised name right before a bare number names a model or a number ("iPhone 4")
    return (prev is not None and n.qualifier is None and n.unit is None and not first.glued
            and prev.text[0].isalpha() and not prev.text.islower()
            and prev.lower not in lex.words
            and prev.lower not in lex.stop
            and not any(prev.lower == k[0] for k in lex.qualifiers)
            and first.text[0].isdigit())


def _is_age(toks: list[Tok], n: NumberMatch, lex: Lexicon) -> bool:
    """"Daniel Montalvo, 19,", "at the age of four months", "when she was six"."""
    if n.qualifier is not None or n.value is None or n.value >= 130:
        return False
    i, last = n.num_first, n.last
    prev = toks[i - 1].lower if i > 0 else ""
    before = toks[i - 2] if i > 1 else None
    nxt = toks[last + 1].text if last + 1 < len(toks) else "."
    if n.unit is None and prev == "," and before is not None and before.text[0].isupper() \
            and before.text.isalpha() and nxt in (",", ")", ";"):
        return True
    if prev == "of" and before is not None and before.lower == "age":
        return True
    return (n.unit is None and prev in lex.age_verbs and before is not None
            and before.lower in lex.age_subjects)
