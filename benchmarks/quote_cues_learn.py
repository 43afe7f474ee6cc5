"""Learn parse cues for quotes from the PolNeAR training split: ``data/quote_cues.toml``.

    python -m benchmarks.quote_cues_learn [--cache PATH.spacy] [--out PATH] [--folds 2]

Every verb and adjective is let be a cue of each frame the parse rules read (a clausal
complement, a ``to`` complement, an object, a prepositional complement: ``clause``,
``intent``, ``stance``, ``oblique`` in :func:`storyline.extract.quote_parse.cue_frame`),
quotes are extracted from the training split with that open lexicon, and every
(frame, cue) that the hand lists of ``quotes.toml`` do not name is counted: how often it
fired, and how often it was right (its content and speaker overlap a gold
attribution's content and source, matched as :mod:`benchmarks.quotes_eval` matches).
Only words and counts are written, never text from the corpus.

The thresholds in ``[select]`` (least precision, least count) are chosen on the
training split by cross-validation over its documents: each fold is scored with the
cues the other folds' counts select, and the pair with the best content+source F1 over
all folds is written.  The dev split is never read.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin

from benchmarks.quotes_eval import ROOT, Gold, Scores, _overlap, documents, matches, score
from storyline.extract.quote_lexicon import LEARNED_FRAMES, QuoteLexicon, build_lexicon
from storyline.extract.quote_parse import cue_frame
from storyline.extract.quotes import Quote, quotes
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext

Key = tuple[str, str]
Counts = dict[Key, list[int]]
#: (least precision, least count) pairs tried by the cross-validation
GRID = [(p, n) for p in (0.4, 0.5, 0.6, 0.7) for n in (2, 3, 5)]
#: cues written to the file: enough to re-select with lower thresholds, not every word
LIST_PRECISION, LIST_FIRED = 0.3, 2
OUT = ROOT / "src" / "storyline" / "data" / "quote_cues.toml"
#: prepositions of time, place and cause: what they open is a circumstance of the cue
#: ("asked during the debate", "argued in Iowa"), never what it is about, however
#: often a small sample lines it up with a gold content
CIRCUMSTANCES = frozenset({"during", "in", "at", "after", "before", "while", "since",
                           "because", "when", "until", "amid", "despite", "through",
                           "throughout", "from", "by", "if", "without", "following",
                           "ahead", "near", "inside", "outside", "across", "than", "like",
                           "within", "upon", "via", "per", "around", "along", "beside"})


class _Every(frozenset[str]):
    """A word set that holds every word: the open lexicon."""

    def __contains__(self, item: object) -> bool:
        return True


def open_lexicon(hand: QuoteLexicon) -> QuoteLexicon:
    return dataclasses.replace(hand, parse_clause=_Every(), parse_intent=_Every(),
                               parse_stance=_Every(), parse_oblique=_Every())


def in_hand(key: Key, hand: QuoteLexicon) -> bool:
    frame, cue = key
    return cue in {"clause": hand.parse_clause, "intent": hand.parse_intent,
                   "stance": hand.parse_stance, "oblique": hand.parse_oblique}[frame]


def _right(preds: list[Quote], gold: list[Gold]) -> list[bool]:
    """Per prediction: content and source right, matched as quotes_eval.score matches."""
    return [best >= 0 and _overlap(((q.speaker.start, q.speaker.end),), gold[best].source) > 0
            for q, (best, _) in zip(preds, matches(preds, gold), strict=True)]


def count(doc: Doc, name: str, gold: list[Gold], hand: QuoteLexicon,
          lex: QuoteLexicon) -> Counts:
    """[right, fired] of each cue outside the hand lists, in one document."""
    at = {t.idx: t for t in doc}
    counts: Counts = {}
    preds = list(quotes(doc, ArticleContext(name), times=[], lex=lex))
    for q, right in zip(preds, _right(preds, gold), strict=True):
        token = at.get(q.cue_start)
        key = cue_frame(token, lex) if token is not None else None
        if key is None or in_hand(key, hand) or key[1].endswith(" ") or (
                key[0] == "oblique" and key[1].split()[-1] in CIRCUMSTANCES):
            continue
        c = counts.setdefault(key, [0, 0])
        c[0] += right
        c[1] += 1
    return counts


def total(per_doc: Iterable[Counts]) -> Counts:
    out: Counts = {}
    for counts in per_doc:
        for key, (right, fired) in counts.items():
            c = out.setdefault(key, [0, 0])
            c[0] += right
            c[1] += fired
    return out


def selected(counts: Counts, precision: float, least: int) -> dict[str, frozenset[str]]:
    return {frame: frozenset(cue for (f, cue), (right, fired) in counts.items()
                             if f == frame and fired >= least and right >= precision * fired)
            for frame in LEARNED_FRAMES}


def _f1(scores: Scores) -> str:
    p, r, f = scores.source.prf()
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def cross_validate(docs: Sequence[tuple[str, str, list[Gold]]], parsed: Sequence[Doc],
                   per_doc: Sequence[Counts], folds: int) -> tuple[float, int]:
    fold_of = [k % folds for k in range(len(docs))]
    base = Scores()
    hand = build_lexicon({})
    for doc, (name, _, gold) in zip(parsed, docs, strict=True):
        score(list(quotes(doc, ArticleContext(name), times=[], lex=hand)), gold, base)
    print(f"hand lists only: content+source {_f1(base)}")
    best: tuple[float, float, int] = (base.source.prf()[2], 1.01, 0)
    for precision, least in GRID:
        scores = Scores()
        for fold in range(folds):
            learned = total(c for c, f in zip(per_doc, fold_of, strict=True) if f != fold)
            lex = build_lexicon(selected(learned, precision, least))
            for doc, (name, _, gold), f in zip(parsed, docs, fold_of, strict=True):
                if f == fold:
                    score(list(quotes(doc, ArticleContext(name), times=[], lex=lex)), gold,
                          scores)
        f1 = scores.source.prf()[2]
        print(f"precision >= {precision:.1f}, fired >= {least}: content+source {_f1(scores)}")
        if f1 > best[0]:
            best = (f1, precision, least)
    return best[1], best[2]


def write(counts: Counts, precision: float, least: int, folds: int, out: Path) -> None:
    lines = [
        "# Parse cues for quotes learned from the PolNeAR training split (Newell, Margolin &",
        "# Ruths, 2018): regenerate with `python -m benchmarks.quote_cues_learn`.  Each table",
        "# joins the [parse] list of the same name in quotes.toml; each cue (a lemma, or",
        "# 'lemma preposition' for oblique) carries [right, fired]: how often the open",
        "# lexicon fired on it in the training split and how often the attribution was",
        "# right (content and source).  Only words and counts: no text from the corpus.",
        "# Prepositions of time, place and cause are left out of oblique (CIRCUMSTANCES in",
        f"# the script).  Listed: precision >= {LIST_PRECISION}, fired >= {LIST_FIRED}.  "
        f"[select] was chosen by {folds}-fold",
        "# cross-validation over the training documents (the best content+source F1).",
        "",
        "[select]",
        f"min_precision = {precision}",
        f"min_fired = {least}",
    ]
    for frame in LEARNED_FRAMES:
        lines += ["", f"[{frame}]"]
        for (f, cue), (right, fired) in sorted(counts.items()):
            if f == frame and fired >= LIST_FIRED and right >= LIST_PRECISION * fired:
                lines.append(f"{json.dumps(cue)} = [{right}, {fired}]")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, help="a DocBin of the parsed training split "
                    "(read when it exists, written otherwise)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--folds", type=int, default=2)
    args = ap.parse_args(argv)
    data = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    if not (data / "polnear" / "data" / "train").is_dir():
        print(f"skipped: PolNeAR not found under {data} (set DATA_DIR)")
        return 0
    docs = documents(data, "train")
    nlp = load_pipeline("bundled")
    if args.cache and args.cache.exists():
        parsed = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe(text for _, text, _ in docs))
        if args.cache:
            DocBin(docs=parsed).to_disk(args.cache)
    hand = build_lexicon({})
    lex = open_lexicon(hand)
    per_doc = [count(doc, name, gold, hand, lex)
               for doc, (name, _, gold) in zip(parsed, docs, strict=True)]
    precision, least = cross_validate(docs, parsed, per_doc, args.folds)
    write(total(per_doc), precision, least, args.folds, args.out)
    print(f"wrote {args.out} (select: precision >= {precision}, fired >= {least})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
