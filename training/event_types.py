"""Train the sentence-level event-type prior (``src/storyline/data/event_types.npz``).

    python -m training.event_types [--data DIR] [--out PATH] [--epochs N] [--l2 X]

Reads the NGEC synthetic stories (``$DATA_DIR/ngec-synthetic``, default
``../shared/data``): 4,500 machine-generated news stories, each labelled with one PLOVER
event type.  A story's first two sentences (the lede, where the story's event is told)
are the training sentences, with the story's label.  Stories whose text hashes to
``dev`` (:func:`is_dev`, about one in seven) are held back: ``benchmarks.events_eval``
scores its NGEC sample on them only.

The model is a multinomial logistic regression over the features of
:func:`storyline.extract.event_classifier.features`, fitted by mini-batch gradient
descent with Adam and L2, seed 0, deterministic.  Prints dev accuracy of the lede
classifier and writes the weights as float16.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.extract.event_classifier import DATA_FILE, LABELS, features

ROOT = Path(__file__).resolve().parents[1]
NGEC_CSV = Path("ngec-synthetic") / "setup" / "train_classifiers" / \
    "gpt_synthetic_events_2023-10-19_19.csv"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_WORD = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR", ROOT.parent / "shared" / "data"))


def is_dev(text: str) -> bool:
    """The held-back seventh of the stories, chosen by a hash of the text."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 7 == 0


def read_stories(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r.get("label") in LABELS]


def lede(text: str, n: int = 2) -> list[list[str]]:
    """The first ``n`` sentences as word lists (a regex tokenizer, as spaCy's is not needed)."""
    return [_WORD.findall(s) for s in _SENTENCE.split(text.strip())[:n]]


def fit(samples: Sequence[tuple[list[str], int]], vocab: dict[str, int], *, epochs: int,
        l2: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    k = len(LABELS)
    w = np.zeros((len(vocab), k))
    b = np.zeros(k)
    rows = [np.array(sorted({vocab[f] for f in feats if f in vocab}), dtype=np.int64)
            for feats, _ in samples]
    ys = np.array([y for _, y in samples])
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b, v_b = np.zeros_like(b), np.zeros_like(b)
    lr, beta1, beta2, eps, step = 0.05, 0.9, 0.999, 1e-8, 0
    for _ in range(epochs):
        order = rng.permutation(len(samples))
        for lo in range(0, len(order), 64):
            batch = order[lo:lo + 64]
            g_w = l2 * w
            g_b = np.zeros(k)
            for i in batch:
                logits = b + w[rows[i]].sum(axis=0)
                p = np.exp(logits - logits.max())
                p /= p.sum()
                p[ys[i]] -= 1.0
                g_w[rows[i]] += p / len(batch)
                g_b += p / len(batch)
            step += 1
            for param, grad, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
                m *= beta1
                m += (1 - beta1) * grad
                v *= beta2
                v += (1 - beta2) * grad * grad
                m_hat = m / (1 - beta1 ** step)
                v_hat = v / (1 - beta2 ** step)
                param -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return w, b


def accuracy(w: np.ndarray, b: np.ndarray, vocab: dict[str, int],
             samples: Sequence[tuple[list[str], int]]) -> float:
    hit = 0
    for feats, y in samples:
        rows = sorted({vocab[f] for f in feats if f in vocab})
        hit += int(np.argmax(b + w[rows].sum(axis=0)) == y)
    return hit / max(1, len(samples))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.event_types")
    parser.add_argument("--data", type=Path, default=None, help="data dir ($DATA_DIR)")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "storyline" / "data" / DATA_FILE)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args(argv)
    path = (args.data or data_dir()) / NGEC_CSV
    if not path.exists():
        print(f"event types: {path} not found (set DATA_DIR); nothing trained")
        return 1
    stories = read_stories(path)
    label_id = {label: i for i, label in enumerate(LABELS)}
    train: list[tuple[list[str], int]] = []
    dev: list[tuple[list[str], int]] = []
    for r in stories:
        sents = [(features(words), label_id[r["label"]]) for words in lede(r["text"])]
        if is_dev(r["text"]):
            dev.extend(sents[:1])  # scored on the first sentence, the one that tells the event
        else:
            train.extend(sents)
    counts = Counter(f for feats, _ in train for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items()
                                               if c >= args.min_count))}
    w, b = fit(train, vocab, epochs=args.epochs, l2=args.l2)
    print(f"event types: {len(train)} training sentences, {len(vocab)} features; "
          f"dev lede accuracy {accuracy(w, b, vocab, dev):.3f} ({len(dev)} stories)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as f:
        np.savez_compressed(f, vocab=np.array(sorted(vocab, key=vocab.__getitem__)),
                            labels=np.array(LABELS), weights=w.astype(np.float16),
                            bias=b.astype(np.float16))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
