"""Entity timelines scored on the SemEval-2015 Task 4 (TimeLine) trial data.

    python -m benchmarks.timeline_eval [--model bundled|PATH] [--entity NAME]
                                       [--out DIR] [--errors]

Runs :func:`storyline.stories.semeval.entity_timeline` (track A: raw text in, full
timelines out) on the 30 Apple Wikinews documents of the trial corpus for each of the
six gold target entities, and scores the timelines with
:mod:`storyline.stories.semeval_score` (temporal-awareness F1, micro-averaged over
entities, as the task did).  Also prints the scorer's F1 of the gold timelines against
themselves (a sanity check: 1.0).  ``--errors`` lists, per entity, every event id either
side has with both anchors.

The rules were developed on this trial corpus (the task's evaluation corpora are not
here), so these are development scores.  For scale: the best track A system of the task
scored F1 7.85 on the evaluation corpora (Minard et al., 2015).

Data is read in place from ``$DATA_DIR/semeval2015-timeline`` (default
``../shared/data``; CC BY 3.0, Wikinews); without it the benchmark says so and exits 0.
Only the CAT XML tokens, sentence numbers and creation times are read: the event
markables some files carry are track B's gold annotation and are never used.
``--out DIR`` writes the system timelines in the task's format, one file per entity.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from storyline.extract.timeline_mentions import parse_sentences
from storyline.nlp import load_pipeline
from storyline.stories.semeval import (
    TimelineLine,
    entity_timeline,
    format_semeval,
    read_corpus,
    read_timelines,
)
from storyline.stories.semeval_score import score, score_entities

ROOT = Path(__file__).resolve().parents[1]
#: the task's title and date line: sentences 0 and 1 of every CAT document
SKIP_SENTENCES = 2


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data")) / \
        "semeval2015-timeline"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--entity", action="append", help="score only these gold entities")
    parser.add_argument("--out", type=Path, help="write the system timelines here")
    parser.add_argument("--errors", action="store_true",
                        help="list missed and spurious events per entity")
    args = parser.parse_args(argv)

    base = data_dir()
    corpus_dir = base / "Corpus-trial-data_task4"
    gold_dir = base / "TimeLines_trial_data_task4_v1.2"
    if not corpus_dir.is_dir() or not gold_dir.is_dir():
        print(f"SemEval-2015 TimeLine trial data not found under {base}; skipping")
        return 0

    started = time.process_time()
    cats = read_corpus(corpus_dir)
    gold = read_timelines(gold_dir)
    if args.entity:
        gold = {k: v for k, v in gold.items() if k in args.entity}
    nlp = load_pipeline(args.model)
    parsed = [(c.id, c.dct, parse_sentences(nlp, c.text, c.sentence_starts)) for c in cats]
    by_id = {c.id: c for c in cats}
    system: dict[str, list[TimelineLine]] = {}
    for entity in gold:
        system[entity] = entity_timeline(parsed, entity, cat=by_id,
                                         skip_sentences=SKIP_SENTENCES)
    seconds = time.process_time() - started

    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for entity, lines in system.items():
            name = entity.lower().replace(" ", "_") + ".txt"
            (args.out / name).write_text(format_semeval(lines, entity), encoding="utf-8")

    print(f"{'entity':<22} {'P':>6} {'R':>6} {'F1':>6}   sys/gold reduced relations")
    for entity, c in score_entities(gold, system).items():
        print(f"{entity:<22} {100 * c.precision:6.2f} {100 * c.recall:6.2f} {100 * c.f1:6.2f}"
              f"   {c.precision_matched}/{c.system_total} sys, {c.recall_matched}/{c.gold_total}"
              " gold")
    p, r, f = score(gold, system)
    print(f"{'micro':<22} {100 * p:6.2f} {100 * r:6.2f} {100 * f:6.2f}")
    print(f"gold against itself: F1 {100 * score(gold, gold)[2]:.2f}")
    print(f"{len(cats)} documents, {len(gold)} entities, {seconds:.1f}s CPU (parse included)")

    if args.errors:
        for entity, lines in system.items():
            gold_ids = {e: ln.date for ln in gold[entity] for e in ln.events}
            sys_ids = {e: ln.date for ln in lines for e in ln.events}
            print(f"\n== {entity}")
            for e in sorted(set(gold_ids) | set(sys_ids)):
                g, s = gold_ids.get(e), sys_ids.get(e)
                mark = "ok " if g == s else "   "
                print(f"  {mark} {e:<32} gold {g or '-':<11} sys {s or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
