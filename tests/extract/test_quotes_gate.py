"""Quality gate: quote content+source F1 on the committed gold set (seeds + CC-BY Wikinews).

``tests/gold/quotes.jsonl`` was annotated by hand: one attribution a line with its
content span, the speaker mention as written, whether the speaker is anonymous, the
channel and whether the quote is direct.  A predicted quote matches a gold one when
their content spans overlap (one to one, largest overlap first); it counts for
content+source when its speaker mention overlaps the gold speaker too.  The floor
lives in ``tests/gold/baseline.json`` (``quotes_content_source_f1``) and is lowered
only on purpose.  The blank pipeline is used so that the gate does not move with
the model.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import spacy

from storyline.extract import quotes
from storyline.extract.quotes import Quote
from storyline.records import ArticleContext

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "quotes.jsonl"
BASELINE = ROOT / "tests" / "gold" / "baseline.json"


def _texts() -> dict[str, str]:
    texts = {f"seeds/{p.name}": p.read_text(encoding="utf-8")
             for p in sorted((ROOT / "samples" / "seeds").glob("*.txt"))}
    for line in (ROOT / "samples" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[f"wikinews/{record['id']}"] = record["text"]
    return texts


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(predicted: dict[str, list[Quote]],
          gold: dict[str, list[dict[str, Any]]]) -> dict[str, float]:
    tp = tp_source = anonymous_ok = channel_ok = n_pred = n_gold = 0
    for doc, items in gold.items():
        preds = predicted.get(doc, [])
        n_pred += len(preds)
        n_gold += len(items)
        taken: set[int] = set()
        for q in preds:
            overlaps = [(max(_overlap(p, (g["start"], g["end"])) for p in q.parts), k)
                        for k, g in enumerate(items) if k not in taken]
            best = max(overlaps, default=(0, -1))
            if best[0] <= 0:
                continue
            taken.add(best[1])
            g = items[best[1]]
            tp += 1
            if _overlap((q.speaker.start, q.speaker.end), (g["speaker_start"], g["speaker_end"])):
                tp_source += 1
                anonymous_ok += q.speaker.anonymous == g["anonymous"]
                channel_ok += q.channel == g["channel"]

    def f1(hits: int) -> float:
        p, r = hits / max(n_pred, 1), hits / max(n_gold, 1)
        return 2 * p * r / (p + r) if p + r else 0.0

    return {"content_f1": f1(tp), "content_source_f1": f1(tp_source),
            "anonymous_accuracy": anonymous_ok / max(tp_source, 1),
            "channel_accuracy": channel_ok / max(tp_source, 1)}


def test_gold_offsets_point_at_their_text() -> None:
    texts = _texts()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        text = texts[g["doc"]]
        assert text[g["start"] : g["end"]] == g["content"]
        assert text[g["speaker_start"] : g["speaker_end"]] == g["speaker"]


def test_quotes_gate() -> None:
    texts = _texts()
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        gold[g["doc"]].append(g)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    predicted = {doc: list(quotes(nlp(texts[doc]), ArticleContext(doc), times=[]))
                 for doc in gold}
    result = score(predicted, gold)
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["quotes_content_source_f1"]
    assert result["content_source_f1"] >= floor, result
    assert result["anonymous_accuracy"] >= 0.9, result
    assert result["channel_accuracy"] >= 0.9, result

