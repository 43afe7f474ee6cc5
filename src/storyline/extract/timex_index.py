"""Which time-expression patterns can start at a character: an index for the tagger.

The tagger tries its patterns at every place a time expression may begin
(:data:`storyline.extract.timex_rules.STARTS`); most of them fail on the first
character, but each try is still a call.  Reading each pattern's syntax tree once
gives the characters its matches can start with ("the ..." starts with ``t``, a date
with a month or a digit), so at a given place only the patterns that can match
there are tried.  The index is a superset: a pattern whose first characters cannot
be read (a negated class, a back-reference) is tried everywhere, and lookarounds
are skipped rather than read, so nothing a full scan would find is lost.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

try:  # the parser behind ``re`` (``sre_parse`` before Python 3.11, deprecated since)
    _sre_parse: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python < 3.11
    _sre_parse = importlib.import_module("sre_parse")

__all__ = ["first_chars", "index_patterns"]

_C = _sre_parse  # opcodes live on the parser module (LITERAL, BRANCH...)
_DIGITS: Final = frozenset("0123456789")
#: None: any character may start the match
FirstSet = frozenset[str] | None


def _union(a: FirstSet, b: FirstSet) -> FirstSet:
    return None if a is None or b is None else a | b


def _item(op: Any, av: Any) -> tuple[FirstSet, bool]:
    """(first characters, can match empty) of one parsed element."""
    if op is _C.LITERAL:
        char = chr(av)
        return frozenset({char.lower(), char.upper()}), False
    if op is _C.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _C.LITERAL:
                chars |= {chr(value).lower(), chr(value).upper()}
            elif kind is _C.RANGE and value[1] - value[0] < 128:
                for code in range(value[0], value[1] + 1):
                    chars |= {chr(code).lower(), chr(code).upper()}
            elif kind is _C.CATEGORY and value is _C.CATEGORY_DIGIT:
                chars |= _DIGITS
            else:
                return None, False
        return frozenset(chars), False
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return frozenset(), True  # zero width: the next element decides
    if op is _C.SUBPATTERN:
        return _sequence(av[-1])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        first, empty = _sequence(av[2])
        return first, empty or av[0] == 0
    if op is _C.BRANCH:
        found: FirstSet = frozenset()
        empty = False
        for branch in av[1]:
            first, branch_empty = _sequence(branch)
            found, empty = _union(found, first), empty or branch_empty
        return found, empty
    if op is _C.GROUPREF_EXISTS:
        yes = _sequence(av[1])
        no = _sequence(av[2]) if av[2] is not None else (frozenset(), True)
        return _union(yes[0], no[0]), yes[1] or no[1]
    return None, False


def _sequence(items: Iterable[tuple[Any, Any]]) -> tuple[FirstSet, bool]:
    found: FirstSet = frozenset()
    for op, av in items:
        first, empty = _item(op, av)
        found = _union(found, first)
        if not empty:
            return found, False
    return found, True


def first_chars(pattern: re.Pattern[str]) -> FirstSet:
    """The characters a match of ``pattern`` can start with (both cases), or ``None``.

    >>> sorted(first_chars(re.compile(r"(?<!\\w)(?:last|next)\\s+week")))
    ['L', 'N', 'l', 'n']
    """
    try:
        first, empty = _sequence(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unknown parser version: try the pattern everywhere
        return None
    return None if empty else first


def index_patterns(
    patterns: Sequence[tuple[str, re.Pattern[str]]],
) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """For each first character, the positions in ``patterns`` worth trying there (in
    order); and the positions to try at any other character."""
    firsts = [first_chars(p) for _, p in patterns]
    anywhere = tuple(i for i, f in enumerate(firsts) if f is None)
    chars = set().union(*(f for f in firsts if f is not None))
    table = {
        char: tuple(i for i, f in enumerate(firsts) if f is None or char in f)
        for char in chars
    }
    return table, anywhere
