"""Cross-document entity resolution scored on MEANTIME (Minard et al., LREC 2016).

    python -m benchmarks.entities_eval [--model bundled|PATH] [--limit N] [--no-link]
                                       [--last-word] [--losses]
                                       [--write-gold PATH [--gold-docs N]]

MEANTIME's Wikinews "apple" sub-corpus (``$DATA_DIR/meantime``, default
``../shared/data``; CC BY 4.0): 30 dated articles whose entity mentions carry
corpus-level instance ids (``intra_cross-doc_annotation``).  The text is rebuilt from
the tokens (title, date line and body separated by blank lines; no space before
punctuation and clitics, after opening brackets and ``$``; `` and '' become "), the
date is the document's creation time (DCT), and the bundled pipeline,
:func:`storyline.extract.entities.entities` and :func:`storyline.link.resolve` run
over all 30 articles together.

Scoring: B³ (Bagga & Baldwin 1998) over the **gold** mentions.  Each gold mention is
aligned to a predicted entity with :func:`storyline.extract.entities.entity_at` (the
mention with the same span, else the smallest one containing it, else the smallest
one covering its head); its predicted cluster is the set of gold mentions aligned to
the same resolved entity.  The head is MEANTIME's own ``head`` attribute where the
annotators filled it ("an upgraded camera, which ..." → "camera"), the first noun
phrase's for an apposition ("Steve Jobs, the chief executive officer of Apple Inc."
→ "Jobs"), else the last word; ``--last-word`` always takes the last word, as the
earlier scores did.  Head matching as in Moosavi et al. (2019, *Using automatically
extracted minimum spans to disentangle coreference evaluation from boundary
detection*): a system mention of the head of a long annotated phrase counts, one of a
word in its post-modifier does not.  A gold mention aligned to nothing is a singleton
cluster of its own (so it costs recall, never precision).  Two variants:

* **all mentions**: every annotated entity mention, pronouns and common-noun
  phrases included ("the company", "it"), resolved by entity_coref where it can;
* **named mentions**: gold mentions annotated as names (``NAM``, ``PRE.NAM``) or,
  for the cross-document additions that carry no syntactic type, those that are no
  pronoun and have a capital letter after their determiner ("Apple CEO", "the iPod").

``--no-link`` scores the per-article entities alone (no cross-article resolution),
the baseline the resolver must beat.  Speed: the bare spaCy pass over the 30 texts,
then :func:`entities` and :func:`resolve`, as fractions of it, in one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.extract.entities import LocalEntity, entities, entity_at
from storyline.extract.entity_lexicon import lexicon
from storyline.link import global_ids, resolve
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext

ROOT = Path(__file__).resolve().parents[1]
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "%", "'s", "n't", "'",
                              "'re", "'ve", "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$"})
_NAMED_TYPES = frozenset({"NAM", "PRE.NAM"})
#: what separates the two noun phrases of an apposition ("Jobs, aged 55")
_APPOSITION_MARKS = frozenset({",", "-", "(", "--"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})
_PRONOUNS = frozenset({
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it",
    "its", "they", "them", "their", "which", "who", "whom", "that", "this", "these", "those"})


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    text: str
    instance: str
    named: bool
    #: the span of its syntactic head, where the annotation says (see :func:`_head`)
    head: tuple[int, int] | None = None


@dataclass
class GoldDoc:
    id: str
    url: str
    published: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


def _is_named(kind: str | None, words: list[str]) -> bool:
    if kind in _NAMED_TYPES:
        return True
    if kind:  # NOM, PRO, APP, CONJ...: annotated as something else than a name
        return False
    content = [w for w in words if w.lower() not in _DETERMINERS]
    if not content or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return False
    return any(c.isupper() for w in content for c in w)


def _head(kind: str | None, head: str | None, words: list[str]) -> tuple[int, int] | None:
    """[first, last] token indices of a gold mention's syntactic head, or None (its last
    word).  MEANTIME's own ``head`` attribute where filled ("the new iPhone 3G that is
    twice as fast" → "iPhone"); else, for an apposition (``APP``), a name (``NAM``)
    with no head filled or an untyped cross-document mention (no type, or an empty
    one) written "X, Y" or "X - Y", the last word of X, the first element ("Steve
    Jobs, the chief executive officer of Apple Inc." → "Jobs", "Cupertino,
    California" → "Cupertino"): the head of an appositive construction is the head
    of its first noun phrase.

    >>> _head("NOM", "camera", "an upgraded camera , which allows".split())
    (2, 2)
    >>> _head("APP", "", "Jobs , aged 55".split()), _head("APP", "", "CEO Steve Jobs".split())
    ((0, 0), None)
    >>> _head("", "", "Jobs , aged 55".split()), _head("NAM", "", "Cupertino , California".split())
    ((0, 0), (0, 0))
    """
    if head:
        target = head.split()
        for fold_case in (False, True):
            same = [w.lower() for w in words] if fold_case else words
            want = [w.lower() for w in target] if fold_case else target
            for i in range(len(words) - len(want) + 1):
                if same[i:i + len(want)] == want:
                    return i, i + len(want) - 1
    if kind in ("APP", "NAM") or not kind:  # untyped: None, or "" in some files
        cut = next((i for i, w in enumerate(words[1:-1], 1) if w in _APPOSITION_MARKS), None)
        if cut is not None:
            return cut - 1, cut - 1
    return None


def read_meantime(path: Path) -> GoldDoc | None:
    """One MEANTIME document: rebuilt text, DCT and the gold mentions with instance ids."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length, sentence, previous, quote_open = 0, None, "", False
    for token in root.iter("token"):
        raw = token.text or ""
        word = '"' if raw in ("``", "''") else raw
        number = token.get("sentence")
        if sentence is None:
            sep = ""
        elif number != sentence and int(number or 0) <= 2:
            sep = "\n\n"
        elif (previous in _NO_SPACE_AFTER or raw in _NO_SPACE_BEFORE
              or (quote_open and '"' in (previous, word))):
            sep = ""
        else:
            sep = " "
        if word == '"':
            quote_open = not quote_open
        pieces.append(sep)
        length += len(sep)
        spans[token.get("t_id", "")] = (length, length + len(word))
        pieces.append(word)
        length += len(word)
        previous, sentence = word, number
    text = "".join(pieces)
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None or relations is None:
        return None
    dct = next((t.get("value", "")[:10] for t in markables.iter("TIMEX3")
                if t.get("functionInDocument") == "CREATION_TIME"), "")
    instances = {m.get("m_id"): m.get("instance_id") for m in markables
                 if m.tag == "ENTITY" and m.get("instance_id")}
    refers: dict[str, str] = {}
    for rel in relations.iter("REFERS_TO"):
        target = rel.find("target")
        instance = instances.get(target.get("m_id")) if target is not None else None
        if instance:
            for source in rel.findall("source"):
                refers[source.get("m_id", "")] = instance
    doc = GoldDoc(path.stem.split("_")[0], root.get("url", ""), dct, text)
    for m in markables.iter("ENTITY_MENTION"):
        ids = [a.get("t_id", "") for a in m.findall("token_anchor")]
        instance = refers.get(m.get("m_id", ""))
        if not ids or instance is None or any(i not in spans for i in ids):
            continue
        ids.sort(key=lambda i: spans[i][0])
        start, end = min(spans[i][0] for i in ids), max(spans[i][1] for i in ids)
        words = [text[spans[i][0]:spans[i][1]] for i in ids]
        kind = m.get("syntactic_type")
        found = _head(kind, m.get("head"), words)
        head = None if found is None else (spans[ids[found[0]]][0], spans[ids[found[1]]][1])
        doc.mentions.append(GoldMention(start, end, text[start:end], instance,
                                        _is_named(kind, words), head))
    doc.mentions.sort(key=lambda g: (g.start, g.end))
    return doc


def load(data_dir: Path) -> list[GoldDoc]:
    folder = data_dir / "meantime" / "intra_cross-doc_annotation" / "corpus_apple"
    return [d for f in sorted(folder.glob("*.xml")) if (d := read_meantime(f)) is not None]


# -- scoring ---------------------------------------------------------------------------

def b_cubed(gold: Mapping[Any, str], predicted: Mapping[Any, str | None]
            ) -> tuple[float, float, float]:
    """B³ precision, recall and F1 over the items of ``gold`` (item → cluster); an item
    predicted None is a singleton."""
    gold_sets: dict[str, set[Any]] = defaultdict(set)
    pred_sets: dict[Any, set[Any]] = defaultdict(set)
    for item, cluster in gold.items():
        gold_sets[cluster].add(item)
        label = predicted.get(item)
        pred_sets[("single", item) if label is None else label].add(item)
    pred_of = {item: members for members in pred_sets.values() for item in members}
    p = r = 0.0
    for item, cluster in gold.items():
        overlap = len(gold_sets[cluster] & pred_of[item])
        p += overlap / len(pred_of[item])
        r += overlap / len(gold_sets[cluster])
    n = len(gold) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def align(docs: Sequence[GoldDoc], locals_by_doc: Sequence[Sequence[LocalEntity]],
          ids: Mapping[tuple[str, int], str] | None, *, named_only: bool,
          heads: bool = True
          ) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], str | None]]:
    """Gold clusters and predicted clusters of the gold mentions; ``ids`` None scores the
    per-article entities without cross-article resolution.  A gold mention goes where
    :func:`entity_at` says: a mention of exactly its span, else the smallest mention
    containing it, else the smallest covering its head: the annotated one with
    ``heads`` (:func:`_head`), else (or without ``heads``) its last word."""
    gold: dict[tuple[str, int], str] = {}
    predicted: dict[tuple[str, int], str | None] = {}
    for doc, found in zip(docs, locals_by_doc, strict=True):
        for k, g in enumerate(doc.mentions):
            if named_only and not g.named:
                continue
            local = entity_at(found, g.start, g.end, doc.text,
                              head=g.head if heads else None)
            gold[(doc.id, k)] = g.instance
            if local is None:
                predicted[(doc.id, k)] = None
            elif ids is None:
                predicted[(doc.id, k)] = f"{doc.id}/{local}"
            else:
                predicted[(doc.id, k)] = ids.get((doc.id, local))
    return gold, predicted


def _kind(g: GoldMention) -> str:
    words = g.text.split()
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    return "name" if g.named else "nominal"


def recall_losses(docs: Sequence[GoldDoc], gold: Mapping[tuple[str, int], str],
                  predicted: Mapping[tuple[str, int], str | None]) -> dict[str, float]:
    """The B³ recall lost, by cause: for each gold mention and each other mention of
    its gold entity outside its predicted cluster, 1 / (entity size × mentions), put
    on a gold mention aligned to nothing (``missed:<pronoun|nominal|name>``, the
    unaligned one), else on two entities of one article (``split-in-article``) or of
    two (``cross-doc``).  The losses add up to 1 - R."""
    mention = {(d.id, k): g for d in docs for k, g in enumerate(d.mentions)}
    members: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for item, cluster in gold.items():
        members[cluster].append(item)
    lost: dict[str, float] = defaultdict(float)
    for items in members.values():
        for a in items:
            for b in items:
                if a == b or (predicted[a] is not None and predicted[a] == predicted[b]):
                    continue
                missed = a if predicted[a] is None else b if predicted[b] is None else None
                cause = (f"missed:{_kind(mention[missed])}" if missed is not None
                         else "split-in-article" if a[0] == b[0] else "cross-doc")
                lost[cause] += 1 / (len(items) * len(gold))
    return dict(sorted(lost.items(), key=lambda kv: -kv[1]))


def score(docs: Sequence[GoldDoc], locals_by_doc: Sequence[Sequence[LocalEntity]],
          resolved: Iterable[Mapping[str, Any]] | None, *, heads: bool = True
          ) -> dict[str, float]:
    ids = None if resolved is None else global_ids(resolved)
    out: dict[str, float] = {}
    for variant, named in (("all", False), ("named", True)):
        gold, predicted = align(docs, locals_by_doc, ids, named_only=named, heads=heads)
        p, r, f = b_cubed(gold, predicted)
        out |= {f"{variant}_p": p, f"{variant}_r": r, f"{variant}_f1": f,
                f"{variant}_n": len(gold),
                f"{variant}_aligned": sum(v is not None for v in predicted.values())}
        if not named:
            out |= {f"lost {cause}": v
                    for cause, v in recall_losses(docs, gold, predicted).items()}
    return out


def run(docs: Sequence[GoldDoc], model: str = "bundled", *, link: bool = True,
        heads: bool = True) -> tuple[dict[str, float], dict[str, float]]:
    """Scores and timings (seconds) of the pipeline over ``docs``."""
    nlp = load_pipeline(model)
    lexicon()  # the tables are read once per process, like the model: not timed
    # each stage starts with no garbage of the one before: a full collection over the
    # parsed Docs' objects would otherwise land on whichever stage allocates next
    # CPU time of this process (steadier than wall time on a shared machine); the
    # extractor stages, a fraction of the parse, are timed best of three
    gc.collect()
    t0 = time.process_time()
    parsed = list(nlp.pipe(d.text for d in docs))
    t_spacy = time.process_time() - t0
    t_entities = t_resolve = float("inf")
    resolved = None
    for _ in range(3):
        gc.collect()
        t0 = time.process_time()
        found = [list(entities(doc, ArticleContext(d.id, d.published)))
                 for doc, d in zip(parsed, docs, strict=True)]
        t_entities = min(t_entities, time.process_time() - t0)
        if not link:
            continue
        gc.collect()
        t0 = time.process_time()
        resolved = resolve({"id": d.id, "published": d.published,
                            "entities": [e.as_dict() for e in f]}
                           for d, f in zip(docs, found, strict=True))
        t_resolve = min(t_resolve, time.process_time() - t0)
    if not link:
        t_resolve = 0.0
    return score(docs, found, resolved, heads=heads), {"spacy": t_spacy, "entities": t_entities,
                                          "resolve": t_resolve}


def write_gold(docs: Sequence[GoldDoc], path: Path) -> None:
    """The committed gold subset: text, date, URL and gold mentions of ``docs``."""
    records = [{"id": f"meantime_{d.id}", "source": "Wikinews via MEANTIME",
                "licence": "CC BY 4.0", "url": d.url, "published": d.published,
                "text": d.text,
                "mentions": [{"start": g.start, "end": g.end, "text": g.text,
                              "instance": g.instance, "named": g.named,
                              "head": list(g.head) if g.head else None}
                             for g in d.mentions]}
               for d in docs]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def load_gold_file(path: Path) -> list[GoldDoc]:
    """Documents written by :func:`write_gold` (the committed ``tests/gold`` subset)."""
    docs: list[GoldDoc] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(GoldDoc(record["id"], record["url"], record["published"], record["text"],
                            [GoldMention(m["start"], m["end"], m["text"], m["instance"],
                                         m["named"], _span(m.get("head")))
                             for m in record["mentions"]]))
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-link", action="store_true", help="per-article entities only")
    ap.add_argument("--last-word", action="store_true",
                    help="align gold mentions by their last word, not their annotated head")
    ap.add_argument("--write-gold", type=Path, help="write the latest --gold-docs documents")
    ap.add_argument("--gold-docs", type=int, default=12)
    ap.add_argument("--losses", action="store_true",
                    help="all-mention B3 recall lost, by cause (recall_losses)")
    args = ap.parse_args(argv)
    data = Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))
    docs = load(data) if (data / "meantime").is_dir() else []
    if not docs:
        print(f"skipped: MEANTIME not found under {data} (set DATA_DIR)")
        return 0
    if args.write_gold:  # the latest articles: one developing story (iPhone 4, Jobs)
        chosen = sorted(docs, key=lambda d: (d.published, d.id))[-args.gold_docs:]
        write_gold(chosen, args.write_gold)
        print(f"wrote {min(args.gold_docs, len(docs))} documents to {args.write_gold}")
        return 0
    if args.limit:
        docs = docs[: args.limit]
    scores, t = run(docs, args.model, link=not args.no_link, heads=not args.last_word)
    print(f"MEANTIME corpus_apple: {len(docs)} articles, model {args.model}, "
          f"{'per-article entities only' if args.no_link else 'resolved across articles'}, "
          f"gold aligned by {'last word' if args.last_word else 'head'}")
    for variant, title in (("all", "all mentions"), ("named", "named mentions")):
        print(f"B3 {title:<15} P {scores[f'{variant}_p']:.3f}  R {scores[f'{variant}_r']:.3f}  "
              f"F1 {scores[f'{variant}_f1']:.3f}   (gold mentions {scores[f'{variant}_n']:.0f}, "
              f"aligned {scores[f'{variant}_aligned']:.0f}; unaligned count as singletons)")
    if args.losses:
        for cause, lost in ((k, v) for k, v in scores.items() if k.startswith("lost ")):
            print(f"  recall lost to {cause[5:]:<18} {lost:.3f}")
    print(f"speed (CPU time; extractors best of 3): spaCy pass {t['spacy']:.2f}s; "
          f"entities {t['entities']:.3f}s "
          f"({t['entities'] / t['spacy']:.1%} of it); resolve {t['resolve']:.3f}s "
          f"({t['resolve'] / t['spacy']:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
