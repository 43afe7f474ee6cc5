"""Figures scored against the committed gold set, and their cost against the spaCy pass.

    python -m benchmarks.figures_eval [--model blank|bundled|PATH]
                                      [--split tune|dev|heldout|test|all]
                                      [--errors N] [--repeat N]

A system figure matches a gold one when their spans overlap, one to one in document
order (relaxed matching, as in TempEval-3 and MeasEval).  For each field, a match
counts when the field agrees too; precision divides by the system's figures, recall
by the gold figures.  The headline score, **value+qualifier+what**, needs all three:

* value: ``value``, ``low`` and ``high`` equal (to 1e-4 relative);
* qualifier: the normalised hedge equal (``None`` = no hedge); unit likewise;
* what: the counted words equal after lower-casing and closing up hyphens;
* claimant: scored on attributed figures only: a hit when the names agree or one
  contains the other (P over system claimants, R over gold claimants).

Speed: the bare spaCy pass (``nlp.pipe``) over the gold texts, then the figures
extractor over the same Docs, best of ``--repeat`` runs; the ratio is extractor
time / spaCy time.  The time records the extractor reads are computed between the
two and reported apart: the pipeline computes them once for the ``times`` family.
With ``--model blank`` the ratio says little (the blank pass only tokenizes).

The gold set (``tests/gold/figures.jsonl``) was annotated by the author of the
rules (see ``tests/gold/README.md``): ``tune`` (seeds + 16 GUM Wikinews articles)
was read while writing them; ``dev`` (10 MEANTIME Wikinews articles) was annotated
after the rules were frozen, scored once, then used for a second round of fixes;
``heldout`` (the other 8 GUM Wikinews articles) after that round, scored once,
then used for a third; ``test`` (the next 10 MEANTIME articles) after the third,
scored once, then used for a few unit fixes.  Only each split's first score is
independent of the rules; the README lists them.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.extract.figures import Figure, figures
from storyline.extract.times import sentence_dates, times
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "figures.jsonl"
SPLITS = ("tune", "dev", "heldout", "test")
FIELDS = ("span", "value", "qualifier", "unit", "what", "value+qualifier+what")


@dataclass
class GoldDoc:
    id: str
    split: str
    text: str
    published: str | None
    figures: list[dict[str, Any]]


def load_gold(path: Path = GOLD, split: str = "all") -> list[GoldDoc]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if split != "all" and rec["split"] != split:
            continue
        text = rec.get("text")
        if text is None:
            text = (ROOT / rec["path"]).read_text(encoding="utf-8")
        docs.append(GoldDoc(rec["id"], rec["split"], text, rec.get("published"), rec["figures"]))
    return docs


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-4 * max(1.0, abs(a), abs(b))


def _norm(words: str | None) -> str | None:
    if words is None:
        return None
    return " ".join(words.lower().replace(" - ", "-").split())


def agree(name: str, gold: dict[str, Any], sys: dict[str, Any]) -> bool:
    """Whether a matched pair agrees on one field (see the module docstring)."""
    if name == "span":
        return bool(gold["start"] == sys["start"] and gold["end"] == sys["end"])
    if name == "value":
        return all(_close(gold[k], sys[k]) for k in ("value", "low", "high"))
    if name in ("qualifier", "unit"):
        return bool(gold[name] == sys[name])
    if name == "what":
        return _norm(gold["what"]) == _norm(sys["what"])
    if name == "claimant":
        g, s = _norm(gold["claimant"]), _norm(sys["claimant"])
        return g is not None and s is not None and (g in s or s in g)
    return all(agree(n, gold, sys) for n in ("value", "qualifier", "what"))


def align(gold: Sequence[dict[str, Any]], system: Sequence[dict[str, Any]]
          ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """One-to-one pairs of overlapping spans, greedily in document order."""
    pairs, used = [], set()
    for g in gold:
        for k, s in enumerate(system):
            if k not in used and s["start"] < g["end"] and g["start"] < s["end"]:
                pairs.append((g, s))
                used.add(k)
                break
    return pairs


@dataclass
class Scores:
    gold: int = 0
    system: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    claim_gold: int = 0
    claim_system: int = 0
    claim_hits: int = 0
    errors: list[str] = field(default_factory=list)

    def prf(self, name: str) -> tuple[float, float, float]:
        if name == "claimant":
            hits, sys_n, gold_n = self.claim_hits, self.claim_system, self.claim_gold
        else:
            hits, sys_n, gold_n = self.hits[name], self.system, self.gold
        p = hits / sys_n if sys_n else 0.0
        r = hits / gold_n if gold_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: Iterable[GoldDoc], predicted: dict[str, list[dict[str, Any]]]) -> Scores:
    result = Scores()
    for doc in docs:
        system = predicted.get(doc.id, [])
        result.gold += len(doc.figures)
        result.system += len(system)
        result.claim_gold += sum(1 for g in doc.figures if g["claimant"])
        result.claim_system += sum(1 for s in system if s["claimant"])
        pairs = align(doc.figures, system)
        for g, s in pairs:
            for name in FIELDS:
                result.hits[name] += agree(name, g, s)
            result.claim_hits += agree("claimant", g, s)
            if not agree("all", g, s):
                result.errors.append(
                    f"{doc.id}: {g['text']!r} gold=({g['value']}, {g['low']}, {g['high']}, "
                    f"{g['qualifier']}, {g['what']!r}) sys=({s['value']}, {s['low']}, "
                    f"{s['high']}, {s['qualifier']}, {s['what']!r})")
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        result.errors += [f"{doc.id}: missed {g['text']!r}" for g in doc.figures
                          if id(g) not in matched_g]
        result.errors += [f"{doc.id}: spurious {s['text']!r} ({s['what']!r})" for s in system
                          if id(s) not in matched_s]
    return result


@dataclass
class Timing:
    """Best-of-N seconds: the spaCy pass, the time tagger, the figures extractor."""

    nlp: float = float("inf")
    times: float = float("inf")
    figures: float = float("inf")


def predict(docs: Sequence[GoldDoc], model: str = "blank", repeat: int = 1
            ) -> tuple[dict[str, list[dict[str, Any]]], Timing]:
    """System figures per document, and how long each stage took.

    The time records are computed first (the pipeline computes them once for the
    ``times`` extractor anyway) and handed to :func:`figures`, so the figures time
    is the extractor's own.
    """
    nlp = load_pipeline(model)
    texts = [d.text for d in docs]
    timing = Timing()
    out: dict[str, list[dict[str, Any]]] = {}
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        parsed = list(nlp.pipe(texts))
        t1 = time.perf_counter()
        ctxs = [ArticleContext(g.id, g.published) for g in docs]
        tagged = []
        for doc, ctx in zip(parsed, ctxs, strict=True):
            tx = list(times(doc, ctx))  # tagged once, as the ingest pipeline does
            tagged.append((tx, list(sentence_dates(doc, ctx, tagged=tx))))
        t2 = time.perf_counter()
        found: dict[str, list[Figure]] = {}
        for doc, ctx, (tx, sd) in zip(parsed, ctxs, tagged, strict=True):
            found[ctx.id] = list(figures(doc, ctx, time_expressions=tx, sentence_dates=sd))
        t3 = time.perf_counter()
        timing.nlp = min(timing.nlp, t1 - t0)
        timing.times = min(timing.times, t2 - t1)
        timing.figures = min(timing.figures, t3 - t2)
        out = {k: [f.as_dict() for f in v] for k, v in found.items()}
    return out, timing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--model", default="bundled",
                        help="spaCy pipeline (default: bundled; the gate uses blank)")
    parser.add_argument("--split", default="all", choices=(*SPLITS, "all"))
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    docs = load_gold(split=args.split)
    predicted, timing = predict(docs, args.model, args.repeat)
    splits = list(SPLITS) if args.split == "all" else [args.split]
    print(f"figures on {GOLD.relative_to(ROOT)}, model {args.model!r}")
    for split in [*splits, *(["all"] if args.split == "all" else [])]:
        part = [d for d in docs if split == "all" or d.split == split]
        if not part:
            continue
        s = score(part, predicted)
        print(f"\n[{split}] {len(part)} docs, gold {s.gold}, system {s.system}")
        print(f"  {'field':<22} {'P':>6} {'R':>6} {'F1':>6}")
        for name in (*FIELDS, "claimant"):
            p, r, f = s.prf(name)
            print(f"  {name:<22} {p:6.3f} {r:6.3f} {f:6.3f}")
        if args.errors and split != "all":
            for line in s.errors[: args.errors]:
                print("   ", line)
    print(f"\nspeed over {len(docs)} docs (best of {args.repeat}): spaCy pass "
          f"{timing.nlp:.3f}s, figures {timing.figures:.3f}s = "
          f"{timing.figures / timing.nlp:.1%} of the spaCy pass; the time tagger it reads "
          f"(times + sentence_dates, shared with the times extractor) "
          f"{timing.times:.3f}s = {timing.times / timing.nlp:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
