"""Quote extraction scored against PolNeAR attributions (Newell, Margolin & Ruths, 2018).

    python -m benchmarks.quotes_eval [--split dev|train] [--limit N] [--model bundled|blank|PATH]
                                     [--attitudes speech,document,belief,...]

PolNeAR (``$DATA_DIR/polnear``, default ``../shared/data``) is read in place and never
copied (its texts are copyrighted news).  Every ``E`` relation with a content span is
a gold attribution; where several annotators annotated a document, the file of the
lexicographically smallest annotator id is used.  Scores:

* **content**: a predicted quote matches a gold attribution when their content spans
  overlap (one to one, greedily by largest overlap, in document order); the
  ``>=50%`` line asks the overlap to cover at least half of the union (Jaccard).
* **content+source**: a content match whose speaker mention overlaps the gold source;
  gold attributions without a source are left out of this score (and so are the
  predictions matched to them).
* **covered recall**: recall over the gold attributions whose cue has a word of
  storyline's speech lexicon (verbs of saying, publishing and finding), ``according
  to`` or no word at all (colon and dash frames).  PolNeAR annotates attributions
  broadly; storyline extracts speech and documents from the words, and with a parse
  beliefs, intentions, stances and topics (all the parse kinds by default;
  ``--attitudes`` narrows them, ``--attitudes ''`` leaves the words alone).  What is
  left out on purpose: perceptions, feelings without content, actions and decisions,
  verbs whose object is only sometimes an attitude, sources in polls ("leads in the
  polls") and sourceless passives ("is expected to").

Speed: the bare spaCy pass over the same texts, then the time tagger
(:func:`storyline.extract.times.times`) and :func:`storyline.extract.quotes.quotes`
given its time expressions, each as a ratio to the spaCy pass.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from storyline.extract.quote_lexicon import lexicon
from storyline.extract.quote_parse import ATTITUDES
from storyline.extract.quotes import Quote, quotes
from storyline.extract.times import times
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext, TimeExpression

ROOT = Path(__file__).resolve().parents[1]
Spans = tuple[tuple[int, int], ...]


@dataclass
class Gold:
    content: Spans
    source: Spans
    cue: str


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, name: str) -> str:
        p, r, f = self.prf()
        return f"{name:<22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {self.tp}, pred {self.pred}, " \
               f"gold {self.gold})"


@dataclass
class Scores:
    content: Score = field(default_factory=Score)
    strict: Score = field(default_factory=Score)
    source: Score = field(default_factory=Score)
    covered: Score = field(default_factory=Score)
    #: per quote kind: [predicted, content match, content+source match]
    kinds: dict[str, list[int]] = field(default_factory=dict)


def _spans(field_text: str) -> Spans:
    out = []
    for piece in field_text.split(";"):
        a, b = piece.split()[-2:]
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, Spans, str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind = cols[1].split()[0]
            spans[cols[0]] = (kind, _spans(cols[1][len(kind):]), cols[2] if len(cols) > 2 else "")
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    gold = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""))
        cue = spans.get(ev.get("Cue", ""))
        gold.append(Gold(content[1], source[1] if source else (), cue[2] if cue else ""))
    return gold


def documents(data: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
    base = data / "polnear" / "data" / split
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)  # sorted: the smallest annotator id wins
    docs = []
    for name, ann in sorted(chosen.items()):
        text_path = base / "text" / f"{name}.txt"
        if text_path.exists():
            docs.append((name, text_path.read_text(encoding="utf-8"), read_ann(ann)))
    return docs


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _size(a: Spans) -> int:
    return sum(e - s for s, e in a)


_WORD = re.compile(r"[a-z]+")


def covered(g: Gold) -> bool:
    lex = lexicon()
    words = _WORD.findall(g.cue.lower())
    return (not words) or "according" in words or any(w in lex.speech for w in words)


def matches(preds: list[Quote], gold: list[Gold]) -> list[tuple[int, int]]:
    """Per prediction in order: the index of the gold attribution its content overlaps most
    among those not matched yet (-1: none), and the size of that overlap."""
    taken: set[int] = set()
    out: list[tuple[int, int]] = []
    for q in preds:
        parts = q.parts or ((q.start, q.end),)
        best, best_ov = -1, 0
        for k, g in enumerate(gold):
            ov = _overlap(parts, g.content)
            if k not in taken and ov > best_ov:
                best, best_ov = k, ov
        if best >= 0:
            taken.add(best)
        out.append((best, best_ov))
    return out


def score(preds: list[Quote], gold: list[Gold], scores: Scores) -> None:
    scores.content.pred += len(preds)
    scores.strict.pred += len(preds)
    scores.content.gold += len(gold)
    scores.strict.gold += len(gold)
    scores.source.gold += sum(1 for g in gold if g.source)
    scores.covered.gold += sum(1 for g in gold if covered(g))
    for q, (best, best_ov) in zip(preds, matches(preds, gold), strict=True):
        per_kind = scores.kinds.setdefault(q.kind, [0, 0, 0])
        per_kind[0] += 1
        parts = q.parts or ((q.start, q.end),)
        if best < 0:
            scores.source.pred += 1
            continue
        g = gold[best]
        scores.content.tp += 1
        per_kind[1] += 1
        if best_ov * 2 >= _size(parts) + _size(g.content) - best_ov:
            scores.strict.tp += 1
        if covered(g):
            scores.covered.tp += 1
        if g.source:
            scores.source.pred += 1
            if _overlap(((q.speaker.start, q.speaker.end),), g.source) > 0:
                scores.source.tp += 1
                per_kind[2] += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--attitudes", default=",".join(sorted(ATTITUDES)),
                    help="kinds the parse adds (default: all of "
                         f"{','.join(sorted(ATTITUDES))}; '' for none)")
    args = ap.parse_args(argv)
    data = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    if not (data / "polnear" / "data" / args.split).is_dir():
        print(f"skipped: PolNeAR not found under {data} (set DATA_DIR)")
        return 0
    docs = documents(data, args.split)
    if args.limit:
        docs = docs[: args.limit]
    nlp = load_pipeline(args.model)
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(text for _, text, _ in docs))
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    found_times: list[list[TimeExpression]] = []
    for doc, (name, _, _) in zip(parsed, docs, strict=True):
        try:
            found_times.append(list(times(doc, ArticleContext(name))))
        except Exception as err:  # the time tagger is not what is measured here
            print(f"note: time tagger failed on {name} ({err!r}); no dates for it")
            found_times.append([])
    t_times = time.perf_counter() - t0
    t0 = time.perf_counter()
    kinds = [k for k in args.attitudes.split(",") if k]
    predicted = [list(quotes(doc, ArticleContext(name), times=ts, attitudes=kinds))
                 for doc, (name, _, _), ts in zip(parsed, docs, found_times, strict=True)]
    t_quotes = time.perf_counter() - t0
    scores = Scores()
    for preds, (_, _, gold) in zip(predicted, docs, strict=True):
        score(preds, gold, scores)
    meta = nlp.meta
    print(f"PolNeAR {args.split}: {len(docs)} documents, model {args.model} "
          f"({meta.get('name')} {meta.get('version')}), parse attitudes: {args.attitudes or '-'}")
    print(scores.content.line("content (overlap)"))
    print(scores.strict.line("content (>=50%)"))
    print(scores.source.line("content+source"))
    _p, r, _ = scores.covered.prf()
    print(f"{'covered recall':<22} R {r:.3f}   (gold attributions with a speech cue: "
          f"{scores.covered.gold} of {scores.content.gold})")
    print("precision by kind: " + ", ".join(
        f"{kind} {n} ({c / n:.2f} content, {cs / n:.2f} +source)"
        for kind, (n, c, cs) in sorted(scores.kinds.items(), key=lambda kv: -kv[1][0])))
    print(f"speed: spaCy pass {t_spacy:.2f}s; time tagger {t_times:.2f}s "
          f"({t_times / t_spacy:.1%}); quotes {t_quotes:.2f}s ({t_quotes / t_spacy:.1%} of the "
          f"spaCy pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
