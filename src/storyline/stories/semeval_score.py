"""The SemEval-2015 TimeLine scorer: temporal-awareness F1 of entity timelines.

Reimplemented from the task's description (Minard et al., 2015; the README of the
official ``evaluation_tool_timeline_task4``) and the TempEval-3 relation metric it
calls (UzZaman and Allen, 2011, *Temporal Evaluation*; UzZaman et al., 2013).  Pure
Python; nothing is downloaded.

**From a timeline to relations.**  Lines with position 0 ("cannot be ordered") are
dropped; the rest are sorted as the official script sorts them (by the natural order
of the line's text: position, then anchor, then event ids) and flattened into a
sequence of event instances (an event id written twice is two instances, matched in
order with the other side's instances of the same id).  Then, in this order:

1. each event is ``SIMULTANEOUS`` with a time node named by its anchor string (one
   node per distinct anchor: ``2010-06-07`` and ``2010-06`` are unrelated nodes, and all
   ``XXXX-XX-XX`` events share one node, exactly as in the official script);
2. each event is ``BEFORE`` the next one in the sequence when the next one's position
   is larger, else ``SIMULTANEOUS`` with it.

With ``anchors=False`` (the task's "ordering only" subtracks) step 1 is left out.

**Temporal awareness.**  Each side's relations are added one by one, in that order, to
a graph closed under transitivity (``SIMULTANEOUS`` is an equivalence,
``BEFORE`` a strict order between its classes).  A relation the graph already entails
is redundant and leaves the *reduced* relation set; one it contradicts is *violated*:
kept in the reduced set but not added (the official ``final_relations +
violated_relations``).  Precision = reduced system relations that the gold graph
entails or that the gold timeline states outright, over reduced system relations;
recall the same the other way round.  Scores are micro-averaged over entities: matched
and total counts are summed before dividing, as ``evaluation_all.py`` does.

**Deviations from the official script**, all deliberate:

* Entailment is exact reasoning over ``BEFORE``/``SIMULTANEOUS`` (union-find plus
  reachability); the official Timegraph (chains and a metagraph of cross-chain links)
  can miss entailments that pass through several chains, so it may score a system a
  little lower than this one on large timelines.
* Event ids are compared lower-cased (the gold files are lower-case; the official
  script compares strings as written).
* An entity of the gold set with no system timeline counts as an empty timeline
  (recall 0 on its relations); the official script skips it, leaving it out of the
  micro average altogether.
* Entities are matched by name, case-insensitively, with spaces and underscores
  equal (the official script matches file names).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from storyline.stories.semeval import TimelineLine

__all__ = [
    "BEFORE",
    "SIMULTANEOUS",
    "Counts",
    "Relation",
    "reduce_relations",
    "score",
    "score_entities",
    "timeline_relations",
]

BEFORE = "BEFORE"
SIMULTANEOUS = "SIMULTANEOUS"
#: (source node, target node, relation type); events are ``e:<id>#<n>``, times ``t:<anchor>``
Relation = tuple[str, str, str]

_DIGITS = re.compile(r"(\d+)")


def _natural_key(text: str) -> list[int | str]:
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(text)]


def timeline_relations(lines: Iterable[TimelineLine], *, anchors: bool = True) -> list[Relation]:
    """A timeline as the ordered list of relations the official script builds.

    >>> from storyline.stories.semeval import TimelineLine as L
    >>> timeline_relations([L(1, "2008", ("1-2-a",)), L(2, "2009", ("1-3-b", "2-2-b"))])
    ... # doctest: +NORMALIZE_WHITESPACE
    [('e:1-2-a#1', 't:2008', 'SIMULTANEOUS'), ('e:1-3-b#1', 't:2009', 'SIMULTANEOUS'),
     ('e:2-2-b#1', 't:2009', 'SIMULTANEOUS'), ('e:1-2-a#1', 'e:1-3-b#1', 'BEFORE'),
     ('e:1-3-b#1', 'e:2-2-b#1', 'SIMULTANEOUS')]
    """
    kept = [line for line in lines if line.order != 0]
    kept.sort(key=lambda line: _natural_key("\t".join((str(line.order), line.date,
                                                      *line.events))))
    instances: list[tuple[str, int, str]] = []
    seen: dict[str, int] = {}
    for line in kept:
        for event in line.events:
            event = event.lower()
            seen[event] = seen.get(event, 0) + 1
            instances.append((f"e:{event}#{seen[event]}", line.order, line.date))
    relations: list[Relation] = []
    if anchors:
        relations.extend((node, f"t:{date}", SIMULTANEOUS) for node, _, date in instances)
    for (a, order_a, _), (b, order_b, _) in itertools.pairwise(instances):
        relations.append((a, b, BEFORE if order_a < order_b else SIMULTANEOUS))
    return relations


class _Graph:
    """Intervals related by SIMULTANEOUS (an equivalence) and BEFORE (a strict order
    between equivalence classes), closed under transitivity."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._after: dict[str, set[str]] = {}  # class -> classes directly after it

    def _find(self, node: str) -> str:
        root = node
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[node] != root:
            self._parent[node], node = root, self._parent[node]
        return root

    def _reaches(self, start: str, goal: str) -> bool:
        stack = list(self._after.get(start, ()))
        seen: set[str] = set()
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(self._after.get(node, ()))
        return False

    def entails(self, x: str, y: str, rel: str) -> bool:
        if x not in self._parent or y not in self._parent:
            return False
        cx, cy = self._find(x), self._find(y)
        return cx == cy if rel == SIMULTANEOUS else cx != cy and self._reaches(cx, cy)

    def contradicts(self, x: str, y: str, rel: str) -> bool:
        if rel == BEFORE and x == y:
            return True
        if x not in self._parent or y not in self._parent:
            return False
        cx, cy = self._find(x), self._find(y)
        if rel == SIMULTANEOUS:
            return cx != cy and (self._reaches(cx, cy) or self._reaches(cy, cx))
        return cx == cy or self._reaches(cy, cx)

    def add(self, x: str, y: str, rel: str) -> None:
        for node in (x, y):
            self._parent.setdefault(node, node)
        cx, cy = self._find(x), self._find(y)
        if rel == BEFORE:
            self._after.setdefault(cx, set()).add(cy)
            return
        if cx == cy:
            return
        self._parent[cy] = cx
        moved = self._after.pop(cy, set())
        self._after.setdefault(cx, set()).update(moved)
        for targets in self._after.values():
            if cy in targets:
                targets.discard(cy)
                targets.add(cx)


def reduce_relations(relations: Sequence[Relation]) -> tuple[list[Relation], _Graph]:
    """The reduced relation set (violated relations included) and the closed graph.

    >>> reduced, _ = reduce_relations([("a", "b", BEFORE), ("b", "c", BEFORE),
    ...                                ("a", "c", BEFORE), ("c", "a", BEFORE)])
    >>> reduced
    [('a', 'b', 'BEFORE'), ('b', 'c', 'BEFORE'), ('c', 'a', 'BEFORE')]
    """
    graph = _Graph()
    reduced: list[Relation] = []
    seen: set[Relation] = set()
    for x, y, rel in relations:
        if (x, y, rel) in seen:
            continue
        seen.add((x, y, rel))
        if graph.entails(x, y, rel):
            continue
        reduced.append((x, y, rel))
        if not graph.contradicts(x, y, rel):
            graph.add(x, y, rel)
    return reduced, graph


def _stated(relations: Iterable[Relation]) -> set[Relation]:
    """The relations as written, and SIMULTANEOUS ones the other way round too."""
    out: set[Relation] = set()
    for x, y, rel in relations:
        out.add((x, y, rel))
        if rel == SIMULTANEOUS:
            out.add((y, x, rel))
    return out


@dataclass(frozen=True, slots=True)
class Counts:
    """What one entity's timelines contribute to the micro average."""

    precision_matched: int
    system_total: int
    recall_matched: int
    gold_total: int

    @property
    def precision(self) -> float:
        return self.precision_matched / self.system_total if self.system_total else 0.0

    @property
    def recall(self) -> float:
        return self.recall_matched / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _counts(gold: Sequence[TimelineLine], system: Sequence[TimelineLine], anchors: bool) -> Counts:
    gold_relations = timeline_relations(gold, anchors=anchors)
    system_relations = timeline_relations(system, anchors=anchors)
    gold_reduced, gold_graph = reduce_relations(gold_relations)
    system_reduced, system_graph = reduce_relations(system_relations)
    gold_stated, system_stated = _stated(gold_relations), _stated(system_relations)
    precision_matched = sum(1 for r in system_reduced
                            if r in gold_stated or gold_graph.entails(*r))
    recall_matched = sum(1 for r in gold_reduced
                         if r in system_stated or system_graph.entails(*r))
    return Counts(precision_matched, len(system_reduced), recall_matched, len(gold_reduced))


def _key(entity: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", entity.lower()).strip("_")


def score_entities(
    gold: Mapping[str, Sequence[TimelineLine]], system: Mapping[str, Sequence[TimelineLine]],
    *, anchors: bool = True,
) -> dict[str, Counts]:
    """Per gold entity, the matched and total reduced relations of both sides."""
    by_key = {_key(name): lines for name, lines in system.items()}
    return {name: _counts(lines, by_key.get(_key(name), ()), anchors)
            for name, lines in gold.items()}


def score(
    gold: Mapping[str, Sequence[TimelineLine]], system: Mapping[str, Sequence[TimelineLine]],
    *, anchors: bool = True,
) -> tuple[float, float, float]:
    """Micro-averaged temporal-awareness precision, recall and F1 over the gold entities.

    >>> from storyline.stories.semeval import TimelineLine as L
    >>> gold = {"iPod": [L(1, "2006-01", ("4678-5-use",)),
    ...                  L(2, "2006-04-05", ("4678-2-produced",))]}
    >>> score(gold, gold)
    (1.0, 1.0, 1.0)
    >>> score(gold, {"ipod": [L(1, "2006-01", ("4678-5-use",))]})
    (1.0, 0.3333333333333333, 0.5)
    """
    counts = score_entities(gold, system, anchors=anchors)
    total = Counts(sum(c.precision_matched for c in counts.values()),
                   sum(c.system_total for c in counts.values()),
                   sum(c.recall_matched for c in counts.values()),
                   sum(c.gold_total for c in counts.values()))
    return total.precision, total.recall, total.f1
