"""Throughput of ingest and analyze as a ratio to the bare spaCy pass, in one run.

Machines are shared and noisy, so absolute times mean little; what we report is
how much storyline's whole job costs on top of the floor that any parse-based
system pays: ``nlp.pipe`` of the same pipeline over the same texts.  The run also
checks that cost grows about linearly: it times N and 2N articles.

    python -m benchmarks.ingest [--articles N] [--model bundled|blank|PATH] [--repeat R]

Texts: PolNeAR's news articles under ``$DATA_DIR/polnear`` (research-only, read in
place, never copied), else VOA stories, else the committed samples repeated with
a counter so that none is an exact duplicate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from storyline.config import load_settings
from storyline.export import build_contract
from storyline.nlp import load_pipeline
from storyline.process import Ingester
from storyline.records import RawArticle
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)  # fixed, so runs are comparable


def news_texts(limit: int) -> tuple[list[RawArticle], str]:
    data = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    polnear = sorted((data / "polnear" / "data").glob("*/text/*.txt"))
    if polnear:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in polnear[:limit]]
        return [RawArticle(t, f"polnear:{i}", "text") for i, t in enumerate(texts)], "PolNeAR"
    voa = data / "voa" / "voa_stories.jsonl"
    if voa.is_file():
        rows = [json.loads(line) for line in voa.read_text(encoding="utf-8").splitlines()]
        raws = [RawArticle(r["text"], f"voa:{i}", "jsonl") for i, r in enumerate(rows[:limit])]
        return raws, "VOA"
    sample = [json.loads(line)["text"] for line in
              (ROOT / "samples" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()]
    raws = [RawArticle(f"Copy {i}.\n{sample[i % len(sample)]}", f"sample:{i}", "text")
            for i in range(limit)]
    return raws, "samples (repeated)"


def best_of(repeat: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(raws: list[RawArticle], model: str, repeat: int) -> dict[str, float]:
    settings = load_settings().replace(model=model)
    nlp = load_pipeline(model)
    texts = [r.text for r in raws]

    def bare() -> None:
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size):
            pass

    def ingest() -> None:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "b.db") as store:
            Ingester(store, nlp, settings).run(raws, today=TODAY)

    def analyze() -> None:
        with Store(":memory:") as store:
            Ingester(store, nlp, settings).run(raws, today=TODAY)
            json.dumps(build_contract(store))

    return {"bare": best_of(repeat, bare), "ingest": best_of(repeat, ingest),
            "analyze": best_of(repeat, analyze)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    raws, corpus = news_texts(args.articles * 2)
    half = raws[: len(raws) // 2]
    words = sum(len(r.text.split()) for r in half)
    print(f"corpus: {corpus}; model: {args.model}; {len(half)} and {len(raws)} articles; "
          f"best of {args.repeat}", file=sys.stderr)
    small = measure(half, args.model, args.repeat)
    large = measure(raws, args.model, args.repeat)
    print(f"{'stage':<10}{'articles/s':>12}{'words/s':>12}{'x bare spaCy':>14}{'2N/N time':>11}")
    for stage in ("bare", "ingest", "analyze"):
        rate = len(half) / small[stage]
        print(f"{stage:<10}{rate:>12.1f}{words / small[stage]:>12.0f}"
              f"{small[stage] / small['bare']:>14.2f}{large[stage] / small[stage]:>11.2f}")
    overhead = statistics.mean(small[s] / small["bare"] for s in ("ingest", "analyze"))
    print(f"\nstoryline's whole job costs {overhead:.2f}x the bare spaCy pass "
          "(2N/N near 2.0 means linear growth)")


if __name__ == "__main__":
    main()
