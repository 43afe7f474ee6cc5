"""Event extraction scored on the committed gold set, the NGEC synthetic stories, and speed.

    python -m benchmarks.events_eval [--split all|tune|test] [--model bundled|PATH]
                                     [--ngec N] [--speed N] [--errors]

**Gold sentences** (``tests/gold/events.jsonl``, see ``tests/gold/EVENTS.md``): each
sentence is run through the pipeline on its own, with its article's publication date.
The predicted type is the type of the highest-confidence event of the sentence (NONE
when there is none).  Scores: type accuracy (against the gold type; "lenient" also
accepts another event the annotator listed for the sentence), the same for
``plover_type`` (the manual's coding of planned cooperation as AGREE), per-type
precision / recall / F1 over sentences, and source-actor accuracy: over the sentences
with a gold source actor, how often an actor of the top event overlaps it (and, among
those, how often the type was right too).

**NGEC synthetic stories** (``$DATA_DIR/ngec-synthetic``, default ``../shared/data``;
read in place, never copied: no licence): a seeded sample of ``--ngec`` stories (default
300) among the seventh held back from training the event-type prior
(:func:`training.event_types.is_dev`).  The story's first three sentences are run; the
document's predicted type is that of its highest-confidence event.  Skipped with a message
when the data is absent.

**Speed** (``--speed N``, default 100): N Voice of America stories (``$DATA_DIR/voa``,
repeated to reach N) through ``nlp.pipe``, then the time tagger (shared with the other
extractors) and :func:`storyline.extract.events.events`, each as a fraction of the
spaCy pass, in one run.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from training.event_types import is_dev

from storyline.extract.events import EventMention, events
from storyline.extract.times import sentence_dates, times
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "events.jsonl"
NGEC_CSV = Path("ngec-synthetic") / "setup" / "train_classifiers" / \
    "gpt_synthetic_events_2023-10-19_19.csv"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))


@dataclass
class GoldSentence:
    id: str
    split: str
    source: str
    text: str
    published: str | None
    type: str
    events: list[str]
    actors: list[str]


def load_gold(path: Path = GOLD) -> list[GoldSentence]:
    found: list[GoldSentence] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        if "text" in r:
            text = r["text"]
        else:
            text = (ROOT / r["path"]).read_text(encoding="utf-8")[r["start"]:r["end"]]
        actor = r.get("actor")
        actors = [] if actor is None else [actor] if isinstance(actor, str) else list(actor)
        found.append(GoldSentence(r["id"], r["split"], r["source"], text, r.get("published"),
                                  r["type"], list(r.get("events") or [r["type"]]), actors))
    return found


def top_event(found: Sequence[EventMention]) -> EventMention | None:
    """The highest-confidence event (the earliest on ties)."""
    best: EventMention | None = None
    for e in found:
        if best is None or e.confidence > best.confidence:
            best = e
    return best


def extract(nlp: Any, text: str, doc_id: str, published: str | None) -> list[EventMention]:
    doc = nlp(text)
    ctx = ArticleContext(doc_id, published)
    found_times = list(times(doc, ctx))
    found_dates = list(sentence_dates(doc, ctx, tagged=found_times))
    return list(events(doc, ctx, times=found_times, sentence_dates=found_dates))


@dataclass
class Scores:
    n: int = 0
    strict: int = 0
    lenient: int = 0
    plover: int = 0
    actor_n: int = 0
    actor_ok: int = 0
    actor_exact: int = 0
    actor_typed: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: GoldSentence, top: EventMention | None) -> None:
        predicted = top.type if top else "NONE"
        plover = (top.plover_type or top.type) if top else "NONE"
        self.n += 1
        self.strict += predicted == gold.type
        self.lenient += predicted in gold.events or predicted == gold.type
        self.plover += plover == gold.type or plover in gold.events
        self.confusion[(gold.type, predicted)] += 1
        if gold.actors and gold.type != "NONE":
            self.actor_n += 1
            spans = [(gold.text.find(a), gold.text.find(a) + len(a)) for a in gold.actors
                     if gold.text.find(a) >= 0]
            base = 0
            hit = exact = False
            if top is not None:
                base = top.sentence_start
                for actor in top.actors:
                    s, e = actor.start - base, actor.end - base
                    if any(s < ge and gs < e for gs, ge in spans):
                        hit = True
                    if any(s == gs and e == ge for gs, ge in spans):
                        exact = True
            self.actor_ok += hit
            self.actor_exact += exact
            self.actor_typed += hit and predicted == gold.type

    def report(self, name: str) -> list[str]:
        def pct(a: int, b: int) -> str:
            return f"{a / b:.3f} ({a}/{b})" if b else "-"
        return [
            f"{name}: {self.n} sentences",
            f"  type accuracy        {pct(self.strict, self.n)}",
            f"  type accuracy, lenient (any listed event) {pct(self.lenient, self.n)}",
            f"  plover_type accuracy, lenient {pct(self.plover, self.n)}",
            f"  source actor         {pct(self.actor_ok, self.actor_n)}   exact span "
            f"{pct(self.actor_exact, self.actor_n)}   with the right type "
            f"{pct(self.actor_typed, self.actor_n)}",
        ]

    def per_type(self) -> list[str]:
        labels = sorted({g for g, _ in self.confusion} | {p for _, p in self.confusion})
        lines = [f"  {'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
        for label in labels:
            tp = self.confusion[(label, label)]
            pred = sum(v for (_, p), v in self.confusion.items() if p == label)
            gold = sum(v for (g, _), v in self.confusion.items() if g == label)
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            lines.append(f"  {label:<10} {p:6.3f} {r:6.3f} {f:6.3f} {gold:5d} {pred:5d}")
        return lines


def evaluate_gold(nlp: Any, split: str, errors: bool) -> Scores:
    gold = [g for g in load_gold() if split == "all" or g.split == split]
    total = Scores()
    by_source: dict[str, Scores] = {}
    for g in gold:
        found = extract(nlp, g.text, g.id, g.published)
        top = top_event(found)
        total.add(g, top)
        by_source.setdefault(g.source, Scores()).add(g, top)
        predicted = top.type if top else "NONE"
        if errors and predicted not in g.events and predicted != g.type:
            print(f"  ✗ {g.id} gold {g.type} pred {predicted}: {g.text[:110]}")
            for e in found:
                print(f"      {e.type:9} {e.trigger!r} {e.confidence} "
                      f"{[a.text for a in e.actors]}")
        elif errors and top is not None and g.actors and not any(
                a.text in g.actors or any(a.text in x or x in a.text for x in g.actors)
                for a in top.actors):
            print(f"  ✗ actor {g.id} gold {g.actors} pred {[a.text for a in top.actors]}: "
                  f"{g.text[:90]}")
    for line in total.report(f"gold ({split})"):
        print(line)
    for source, scores in sorted(by_source.items()):
        print(f"  {source:<9} type {scores.strict}/{scores.n}  lenient {scores.lenient}/{scores.n}"
              f"  actor {scores.actor_ok}/{scores.actor_n}")
    for line in total.per_type():
        print(line)
    return total


def evaluate_ngec(nlp: Any, n: int, errors: bool) -> None:
    path = data_dir() / NGEC_CSV
    if not path.exists():
        print(f"ngec-synthetic: skipped ({path} not found; set DATA_DIR)")
        return
    with path.open(encoding="utf-8", newline="") as f:
        # only the stories the event-type prior was not trained on
        rows = [r for r in csv.DictReader(f) if is_dev(r["text"])]
    random.Random(13).shuffle(rows)
    rows = rows[:n]
    confusion: Counter[tuple[str, str]] = Counter()
    texts = [" ".join(_SENTENCE.split(r["text"].strip())[:3]) for r in rows]
    for r, doc in zip(rows, nlp.pipe(texts, batch_size=64), strict=True):
        ctx = ArticleContext("ngec", None)
        found_times = list(times(doc, ctx))
        found = list(events(doc, ctx, times=found_times,
                            sentence_dates=list(sentence_dates(doc, ctx, tagged=found_times))))
        top = top_event(found)
        confusion[(r["label"], top.type if top else "NONE")] += 1
    correct = sum(v for (g, p), v in confusion.items() if g == p)
    none = sum(v for (_, p), v in confusion.items() if p == "NONE")
    print(f"ngec-synthetic: {len(rows)} stories (seeded sample, first 3 sentences)")
    print(f"  document type accuracy {correct / len(rows):.3f} ({correct}/{len(rows)}); "
          f"no event found in {none}")
    labels = sorted({g for g, _ in confusion})
    for label in labels:
        gold = sum(v for (g, _), v in confusion.items() if g == label)
        hit = confusion[(label, label)]
        common = Counter({p: v for (g, p), v in confusion.items() if g == label and p != label})
        wrong = ", ".join(f"{p} {v}" for p, v in common.most_common(3))
        print(f"  {label:<10} recall {hit / gold:.2f} ({hit}/{gold})  often {wrong}")


def measure_speed(nlp: Any, n: int) -> None:
    path = data_dir() / "voa" / "voa_stories.jsonl"
    if not path.exists():
        print(f"speed: skipped ({path} not found)")
        return
    stories = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    chosen = (stories * (n // max(1, len(stories)) + 1))[:n]
    texts = [(s["text"], ArticleContext(f"voa-{i}", s["published"][:10]))
             for i, s in enumerate(chosen)]
    list(nlp.pipe([t for t, _ in texts[:5]]))
    clock = [(time.perf_counter(), time.process_time())]
    docs = list(nlp.pipe(texts, as_tuples=True, batch_size=32))
    clock.append((time.perf_counter(), time.process_time()))
    tagged = []
    for doc, ctx in docs:
        found_times = list(times(doc, ctx))
        tagged.append((found_times, list(sentence_dates(doc, ctx, tagged=found_times))))
    clock.append((time.perf_counter(), time.process_time()))
    count = 0
    for (doc, ctx), (found_times, found_dates) in zip(docs, tagged, strict=True):
        count += sum(1 for _ in events(doc, ctx, times=found_times, sentence_dates=found_dates))
    clock.append((time.perf_counter(), time.process_time()))
    words = sum(len(d) for d, _ in docs)
    print(f"speed: {n} VOA stories, {words} tokens, {count} events "
          "(process CPU time in brackets: on a shared machine it is the steadier measure)")
    wall = [b[0] - a[0] for a, b in pairwise(clock)]
    cpu = [b[1] - a[1] for a, b in pairwise(clock)]
    print(f"  spaCy pass {wall[0]:.2f}s [{cpu[0]:.2f}s]; time tagger {wall[1]:.2f}s "
          f"({wall[1] / wall[0]:.1%} of spaCy) [{cpu[1] / cpu[0]:.1%}]; events {wall[2]:.2f}s "
          f"({wall[2] / wall[0]:.1%} of spaCy) [{cpu[2] / cpu[0]:.1%}]")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", default="all", choices=("all", "tune", "test"))
    parser.add_argument("--model", default="bundled")
    parser.add_argument("--ngec", type=int, default=300, help="stories (0: skip)")
    parser.add_argument("--speed", type=int, default=100, help="VOA stories (0: skip)")
    parser.add_argument("--errors", action="store_true", help="print the gold sentences missed")
    args = parser.parse_args(argv)
    nlp = load_pipeline(args.model)
    evaluate_gold(nlp, args.split, args.errors)
    if args.ngec:
        evaluate_ngec(nlp, args.ngec, args.errors)
    if args.speed:
        measure_speed(nlp, args.speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
