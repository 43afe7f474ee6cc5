"""Words per second of the bundled spaCy pipeline on one CPU core.

Why one core: storyline runs over millions of articles, and the honest unit for capacity
planning is one worker process with ``OMP_NUM_THREADS=1`` (scale by adding processes).
Texts are the public-domain VOA stories under ``$DATA_DIR/voa`` (repeated to reach
``--words``); timing covers ``nlp.pipe(batch_size=256)`` after a warm-up, best of
``--repeat`` runs (shared machines are noisy: the best run is the least disturbed one).
Process CPU time is reported beside wall time: on a busy machine, words per CPU-second is
the closer estimate of what one dedicated core does.

    python -m benchmarks.model_speed [--model PATH] [--words N] [--repeat R] [--bare]

``--bare`` also times the pipeline without the NER (and its own tok2vec) for comparison.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy is imported by spaCy

import argparse
import json
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "storyline" / "data" / "model"


def news_texts(n_words: int) -> list[str]:
    """VOA story texts, repeated until about ``n_words`` whitespace words."""
    data = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    path = data / "voa" / "voa_stories.jsonl"
    stories = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    texts: list[str] = []
    words = 0
    while words < n_words:
        for text in stories:
            texts.append(text)
            words += len(text.split())
            if words >= n_words:
                break
    return texts


def words_per_second(
    nlp: spacy.Language, texts: list[str], repeat: int
) -> tuple[float, float, int]:
    """Best-of-``repeat`` non-space tokens per wall second and per CPU second."""
    list(nlp.pipe(texts[:8], batch_size=256))  # warm-up
    best_wall = best_cpu = 0.0
    n_tokens = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        n_tokens = sum(
            sum(1 for t in doc if not t.is_space) for doc in nlp.pipe(texts, batch_size=256)
        )
        best_wall = max(best_wall, n_tokens / (time.perf_counter() - wall))
        best_cpu = max(best_cpu, n_tokens / (time.process_time() - cpu))
    return best_wall, best_cpu, n_tokens


def main() -> None:
    parser = argparse.ArgumentParser(description="Words/s of the bundled pipeline, one core.")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bare", action="store_true", help="also time without the NER")
    parser.add_argument("--json", action="store_true", help="end with one JSON line of results")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    texts = news_texts(args.words)
    threads = os.environ.get("OMP_NUM_THREADS")
    wps, cps, n = words_per_second(nlp, texts, args.repeat)
    print(
        f"full pipeline {nlp.pipe_names}: {wps:,.0f} words/s wall, {cps:,.0f} words/CPU-s "
        f"({n:,} words, OMP_NUM_THREADS={threads}, batch_size=256)"
    )
    results = {"full_words_per_s": round(wps), "full_words_per_cpu_s": round(cps), "words": n}
    if args.bare:
        with nlp.select_pipes(disable=["ner", "org_ruler", "entity_ruler"]):
            wps, cps, n = words_per_second(nlp, texts, args.repeat)
            print(f"without NER {nlp.pipe_names}: {wps:,.0f} words/s wall, {cps:,.0f} words/CPU-s")
            results["without_ner_words_per_s"] = round(wps)
            results["without_ner_words_per_cpu_s"] = round(cps)
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
