"""The relay graph of a story: which outlet passed what on to which, laid out for SVG.

Edges come from the articles' own credit lines ("Report, via Axios") and from the
sourcing chains of their quotes ("... told Axios", "according to an AFP tally",
"the New York Times, quoting unidentified US officials"), keeping only the links
between news media, so the graph reads like an agency wire map.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from storyline.ingest.textmeta import load_lexicon

NODE_H, ROW_GAP, COL_GAP, PAD = 30.0, 14.0, 96.0, 12.0
#: roles in a quote's chain that can name a medium, outermost first as the chain lists them
_MEDIA_ROLES = frozenset({"source", "speaker", "channel", "relay", "outlet"})


def _medium(name: object) -> str | None:
    """The canonical name of a news medium, or None for people, officials, audiences."""
    text = " ".join(str(name or "").split())
    if not text:
        return None
    return load_lexicon().outlet(text)


def relay_edges(story: Mapping[str, Any]
                ) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]], set[str]]:
    """(from, to) -> articles credited that way, and quotes sourced that way; publishers."""
    credits: Counter[tuple[str, str]] = Counter()
    quoted: Counter[tuple[str, str]] = Counter()
    publishers = {str(o["outlet"]) for o in story.get("sources", {}).get("outlets", [])}
    for relay in story.get("sources", {}).get("relays", []):
        credits[(str(relay["from"]), str(relay["to"]))] += 1
    for group in story.get("quotes", []):
        for quote in group.get("quotes", []):
            chain = [c for c in quote.get("chain") or [] if c.get("role") in _MEDIA_ROLES]
            media = _media_path(chain)
            for a, b in itertools.pairwise(media):
                if a != b:
                    quoted[(a, b)] += 1
    return credits, quoted, publishers


def _media_path(chain: Iterable[Mapping[str, Any]]) -> list[str]:
    path: list[str] = []
    for link in chain:
        name = str(link.get("text") or "") if link.get("role") == "outlet" \
            else _medium(link.get("text"))
        if name and (not path or path[-1] != name):
            path.append(name)
    return path


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    label: str
    x: float
    y: float
    w: float
    publisher: bool


@dataclass(frozen=True, slots=True)
class Edge:
    path: str
    title: str
    count: int
    lx: float
    ly: float


@dataclass(frozen=True, slots=True)
class RelayGraph:
    width: float
    height: float
    nodes: list[Node]
    edges: list[Edge]


def _layers(names: list[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Longest path from a source: originals left, the outlets that published right."""
    layer = dict.fromkeys(names, 0)
    pairs = list(edges)
    for _ in range(len(names)):
        changed = False
        for a, b in pairs:
            if layer[b] < layer[a] + 1 <= len(names):
                layer[b] = layer[a] + 1
                changed = True
        if not changed:
            break
    return layer


def _columns(names: list[str], layer: Mapping[str, int], counts: Mapping[tuple[str, str], int],
             publishers: set[str]) -> dict[int, list[str]]:
    """Nodes per column, ordered to keep arrows from crossing: the rightmost column by
    name, each column to its left by the mean row of the nodes it feeds."""
    columns: dict[int, list[str]] = {}
    for name in sorted(names, key=lambda n: (n not in publishers, n.casefold())):
        columns.setdefault(layer[name], []).append(name)
    row: dict[str, float] = {}
    for index in sorted(columns, reverse=True):
        def feeds(name: str) -> float:
            targets = [row[b] for a, b in counts if a == name and b in row]
            return sum(targets) / len(targets) if targets else float(len(names))
        if row:
            columns[index].sort(key=lambda n: (feeds(n), n.casefold()))
        row.update({n: float(i) for i, n in enumerate(columns[index])})
    return columns


def relay_graph(story: Mapping[str, Any]) -> RelayGraph | None:
    """The graph's geometry, or None when no medium relayed anything."""
    credits, quoted, publishers = relay_edges(story)
    counts = credits + quoted
    if not counts:
        return None
    names = sorted({n for pair in counts for n in pair} | publishers)
    layer = _layers(names, counts)
    columns = _columns(names, layer, counts, publishers)
    nodes: dict[str, Node] = {}
    x = PAD
    for index in sorted(columns):
        members = columns[index]
        width = max(_width(n) for n in members)
        for row, name in enumerate(members):
            nodes[name] = Node(name, _label(name), x, PAD + row * (NODE_H + ROW_GAP), width,
                               name in publishers)
        x += width + COL_GAP
    edges = []
    for (a, b), count in sorted(counts.items()):
        src, dst = nodes[a], nodes[b]
        x1, y1 = src.x + src.w, src.y + NODE_H / 2
        x2, y2 = dst.x - 4, dst.y + NODE_H / 2
        if x2 <= x1:  # same column or backwards (a cycle): loop below the boxes
            x1, x2 = src.x + src.w / 2, dst.x + dst.w / 2
            y1, y2 = src.y + NODE_H, dst.y + NODE_H + 4
            mid = max(y1, y2) + 30
            path = f"M{x1:.1f} {y1:.1f} C{x1:.1f} {mid:.1f},{x2:.1f} {mid:.1f},{x2:.1f} {y2:.1f}"
            lx, ly = (x1 + x2) / 2, mid - 6
        else:
            mx = (x1 + x2) / 2
            path = f"M{x1:.1f} {y1:.1f} C{mx:.1f} {y1:.1f},{mx:.1f} {y2:.1f},{x2:.1f} {y2:.1f}"
            lx, ly = mx, (y1 + y2) / 2 - 5
        how = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in
               ((credits[(a, b)], "article credit"), (quoted[(a, b)], "quote")) if n]
        edges.append(Edge(path, f"{a} → {b}: {', '.join(how)}", count, round(lx, 1),
                          round(ly, 1)))
    width = x - COL_GAP + PAD
    rows = max(len(m) for m in columns.values())
    loops = any(layer[a] >= layer[b] for a, b in counts)
    height = PAD * 2 + rows * NODE_H + (rows - 1) * ROW_GAP + (34 if loops else 0)
    return RelayGraph(round(max(width, 240.0), 1), round(height, 1), list(nodes.values()), edges)


def _label(name: str) -> str:
    return name if len(name) <= 28 else name[:27] + "…"


def _width(name: str) -> float:
    return round(24.0 + 7.2 * len(_label(name)), 1)
