"""How the story clusterer's time and memory grow with the corpus: 1k, 4k and 16k articles.

    python -m benchmarks.cluster_scale [--sizes 1000,4000,16000] [--repeat 2]

The clusterer alone is measured, on precomputed features, so spaCy's cost does not
hide its growth.  The articles are real ones repeated with variation: the features
of the ECB+ documents and the VOA stories (``$DATA_DIR``, default ``../shared/data``,
parsed once with the bundled pipeline and cached under ``$TMPDIR``), or, without
that data, the committed gold-story fixture (``tests/fixtures/stories_features.json``).
Copy ``k`` of a base article gets all its names and about 60% of its lemmas suffixed
with ``k`` (the same keys in every copy ``k``, so copy ``k`` of a story's articles is
a new story with a new cast and new details, as a growing corpus has new stories),
counts jittered by one, a random id and a date spread over two years; articles
arrive in date order.  Every twentieth article is a syndicated copy of an earlier one.

For each size it prints the CPU time of the ``add`` calls (best of ``--repeat``;
CPU rather than wall time, so that other work on a shared machine does not blur the
ratios; the wall time is printed too), the time per article, the peak memory traced
by ``tracemalloc`` during a separate run, and the number of stories; then the
ratios 4k/1k and 16k/4k (4.0 is linear).  On a machine shared with other jobs
the CPU time still varies by ±20% between runs; the stories compared per article
do not.  Per article the work is bounded
(``max_candidates`` stories scored, ``max_postings`` per key); it rises while the
corpus is too small to fill the candidate list, then stays flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import random
import time
import tracemalloc
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks.cluster_eval import FIXTURE, EvalDoc, ecb_documents, features
from storyline.stories.cluster import ArticleFeatures, StoryClusterer

ROOT = Path(__file__).resolve().parents[1]
START = dt.date(2023, 1, 1)
SPREAD_DAYS = 730


def base_features(data: Path) -> list[Mapping[str, Any]]:
    """Feature dicts of real articles: ECB+ and VOA when the data is there, else the fixture."""
    bases: list[Mapping[str, Any]] = []
    if (data / "ecbplus" / "ECB+").is_dir():
        docs = ecb_documents(data)
        bases += features(docs, cache="ecbplus").values()
    voa = data / "voa" / "voa_stories.jsonl"
    if voa.is_file():
        records = [json.loads(line) for line in voa.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
        docs = [EvalDoc(f"voa_{r['id']}", r["text"], "", "", r.get("title")) for r in records]
        bases += features(docs, cache="voa").values()
    if not bases:
        records = json.loads(FIXTURE.read_text(encoding="utf-8"))["articles"]
        bases = [r["features"] for r in records]
    return bases


def synthetic(bases: Sequence[Mapping[str, Any]], size: int, *, seed: int = 0,
              ) -> list[ArticleFeatures]:
    """``size`` articles varied from ``bases`` (see the module docstring), in date order."""
    rng = random.Random(seed)
    items: list[tuple[int, ArticleFeatures]] = []
    for i in range(size):
        base = bases[i % len(bases)]
        copy = i // len(bases)
        terms = {(f"{k}~{copy}" if copy and _renamed(k, copy) else k):
                 max(1, v + rng.choice((-1, 0, 1))) for k, v in base["terms"].items()}
        names = {(f"{k}~{copy}" if copy else k): max(1, v + rng.choice((-1, 0, 1)))
                 for k, v in base["names"].items()}
        day = START + dt.timedelta(days=(i * SPREAD_DAYS) // size + rng.randrange(3))
        ident = f"{rng.getrandbits(64):016x}"
        items.append((day.toordinal(), ArticleFeatures(ident, day.isoformat(), terms, names)))
    items.sort(key=lambda pair: pair[0])
    ordered = [a for _, a in items]
    for i in range(20, len(ordered), 20):  # syndicated copies
        original = ordered[rng.randrange(max(1, i - 50), i)]
        ordered[i] = ArticleFeatures(ordered[i].id, ordered[i].date, original.terms,
                                     original.names, duplicate_of=original.id)
    return ordered


def _renamed(key: str, copy: int) -> bool:
    """Whether copy ``copy`` renames lemma ``key``: the same answer in every article."""
    return zlib.crc32(f"{key}\0{copy}".encode()) % 10 < 6


def run(items: Sequence[ArticleFeatures]) -> tuple[float, float, int, int]:
    """CPU seconds, wall seconds, stories and story comparisons for one pass over ``items``."""
    clusterer = StoryClusterer()
    cpu, wall = time.process_time(), time.perf_counter()
    for item in items:
        clusterer.add(item)
    return (time.process_time() - cpu, time.perf_counter() - wall, len(clusterer.stories()),
            clusterer.comparisons)


def peak_memory(items: Sequence[ArticleFeatures]) -> int:
    gc.collect()
    tracemalloc.start()
    clusterer = StoryClusterer()
    for item in items:
        clusterer.add(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del clusterer
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000,16000")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per size (best kept)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    data = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    bases = base_features(data)
    print(f"{len(bases)} base articles; sizes {sizes}")
    rows = []
    for size in sizes:
        items = synthetic(bases, size)
        seconds, wall, stories, comparisons = min(run(items) for _ in range(args.repeat))
        peak = peak_memory(items)
        rows.append((size, seconds, peak))
        print(f"{size:>7,} articles  CPU {seconds:6.2f}s ({seconds / size * 1e6:5.0f} µs/article, "
              f"wall {wall:6.2f}s)  peak {peak / 2**20:6.1f} MiB  {stories:>6,} stories  "
              f"{comparisons / size:4.1f} stories compared/article")
    for (n1, t1, m1), (n2, t2, m2) in itertools.pairwise(rows):
        print(f"{n2 // 1000}k/{n1 // 1000}k: CPU time x{t2 / t1:.2f}, peak memory x{m2 / m1:.2f} "
              f"(corpus x{n2 / n1:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
