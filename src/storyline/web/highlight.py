"""Article text with overlapping annotations, as a tree of properly nested spans.

Records overlap freely (a quote holds entity mentions, a figure may cross a
sentence end), but HTML elements must nest.  The text is cut at every record
boundary; each piece is wrapped in the records covering it, outermost first, and
a record that crosses another is split into several elements, only the first of
which carries its anchor (``id``).  Sentences are always outermost, so a sentence
anchor (``#s-<start>``) highlights the whole sentence.

The tree holds plain strings; the template escapes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: nesting rank: lower ranks wrap higher ones when both cover a piece of text
RANK = {"sentence": 0, "quote": 1, "event": 2, "time": 2, "figure": 2, "entity": 3}


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotation: ``kind`` (a key of RANK), its span, the record card it describes."""

    kind: str
    start: int
    end: int
    ref: str = ""  # id of the record's card ("r-12"); empty for sentences
    title: str = ""  # one line shown on hover without JavaScript


@dataclass(slots=True)
class Node:
    """An element of the rendered text: a piece of a mark and what it wraps."""

    mark: Mark
    anchor: str | None  # element id, on the first piece of a mark only
    children: list[Node | str] = field(default_factory=list)


def anchor_of(mark: Mark) -> str:
    """``s-<start>`` for a sentence, ``c-<start>`` for a record's span."""
    return f"{'s' if mark.kind == 'sentence' else 'c'}-{mark.start}"


def nest(text: str, marks: Iterable[Mark]) -> list[Node | str]:
    """The text as a list of strings and nodes; concatenating the strings gives ``text``.

    >>> tree = nest("Burns met Barnea.", [Mark("sentence", 0, 17), Mark("entity", 0, 5),
    ...                                   Mark("entity", 10, 16)])
    >>> [(n.anchor, [c if isinstance(c, str) else c.anchor for c in n.children]) for n in tree]
    [('s-0', ['c-0', ' met ', 'c-10', '.'])]
    """
    size = len(text)
    kept = sorted({Mark(m.kind, max(0, m.start), min(size, m.end), m.ref, m.title)
                   for m in marks if m.kind in RANK and max(0, m.start) < min(size, m.end)},
                  key=_order)
    cuts = sorted({0, size, *(m.start for m in kept), *(m.end for m in kept)})
    starting: dict[int, list[Mark]] = {}
    for mark in kept:
        starting.setdefault(mark.start, []).append(mark)
    root: list[Node | str] = []
    stack: list[Node] = []
    active: list[Mark] = []
    opened: set[Mark] = set()
    used_anchors: set[str] = set()
    for a, b in itertools.pairwise(cuts):
        active = sorted([m for m in active if m.end > a] + starting.get(a, []), key=_order)
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep].mark == active[keep]:
            keep += 1
        del stack[keep:]
        for mark in active[keep:]:
            anchor = None
            if mark not in opened:
                opened.add(mark)
                candidate = anchor_of(mark)
                if candidate not in used_anchors:
                    used_anchors.add(candidate)
                    anchor = candidate
            node = Node(mark, anchor)
            (stack[-1].children if stack else root).append(node)
            stack.append(node)
        (stack[-1].children if stack else root).append(text[a:b])
    return root


def _order(mark: Mark) -> tuple[int, int, int, str, str]:
    return (RANK[mark.kind], mark.start, -mark.end, mark.kind, mark.ref)


def plain(tree: Sequence[Node | str]) -> str:
    """The text back from a tree (for tests)."""
    return "".join(n if isinstance(n, str) else plain(n.children) for n in tree)
