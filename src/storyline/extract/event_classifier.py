"""A sentence-level prior over PLOVER event types, learned from labelled news stories.

The trigger rules (:mod:`storyline.extract.event_triggers`) decide *whether* a
sentence reports an event and where its trigger is; when they find several candidate
events, or a word with senses of different types, the words around them still say a
lot about which event the sentence is about ("tear gas", "rubber bullets" and
"dispersed" go with a protest being put down).  This module scores those words with a
multinomial logistic regression over lowercase word unigrams and bigrams, trained by
``python -m training.event_types`` on the NGEC synthetic stories (Halterman et al.
2023; machine-generated, no licence stated: the stories are not shipped, only the
weights in ``data/event_types.npz``).

The prior never creates an event on its own: :mod:`storyline.extract.events` uses it
to rank the events the rules found.

>>> prior = type_prior(["protesters", "clashed", "with", "riot", "police"])
>>> max(prior, key=prior.__getitem__) in LABELS
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Final

import numpy as np

__all__ = ["LABELS", "TypeModel", "features", "model", "type_prior"]

LABELS: Final = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT",
                 "COOPERATE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT",
                 "SANCTION", "SUPPORT", "THREATEN")
DATA_FILE: Final = "event_types.npz"


def features(words: Sequence[str]) -> list[str]:
    """Unigrams of alphabetic words and bigrams of neighbours, lowercased.

    >>> features(["Police", "fired", "tear", "gas", "."])
    ['police', 'fired', 'tear', 'gas', 'police fired', 'fired tear', 'tear gas']
    """
    lowered = [w.lower() for w in words]
    kept = [w for w in lowered if w.isalpha()]
    return kept + [f"{a} {b}" for a, b in pairwise(lowered)
                   if a.isalpha() and b.isalpha()]


@dataclass(frozen=True)
class TypeModel:
    """Feature index, weights (features x labels) and biases of the type classifier."""

    index: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    labels: tuple[str, ...]

    def scores(self, feats: Iterable[str], temperature: float = 1.0) -> np.ndarray:
        rows = [self.index[f] for f in set(feats) if f in self.index]
        logits = self.bias.astype(np.float64)
        if rows:
            logits = logits + self.weights[rows].astype(np.float64).sum(axis=0)
        logits = (logits - logits.max()) / temperature
        exp = np.exp(logits)
        return exp / exp.sum()  # type: ignore[no-any-return]

    def prior(self, words: Sequence[str], temperature: float = 1.0) -> dict[str, float]:
        probs = self.scores(features(words), temperature)
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}


def load(path: object) -> TypeModel:
    with np.load(path, allow_pickle=False) as data:  # type: ignore[arg-type]
        vocab = [str(v) for v in data["vocab"]]
        labels = tuple(str(v) for v in data["labels"])
        return TypeModel({w: i for i, w in enumerate(vocab)}, data["weights"].copy(),
                         data["bias"].copy(), labels)


@cache
def model() -> TypeModel | None:
    """The packaged classifier, or None when the package was built without it."""
    ref = resources.files("storyline") / "data" / DATA_FILE
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return load(path)


def type_prior(words: Sequence[str], temperature: float = 1.0) -> dict[str, float]:
    """P(type | sentence words) from the packaged classifier; uniform without it.

    A ``temperature`` above 1 flattens it: the classifier learned story topics from
    synthetic stories and is over-sure of words like "protesters".
    """
    m = model()
    if m is None:
        return {label: 1.0 / len(LABELS) for label in LABELS}
    return m.prior(words, temperature)


def entropy_weight(prior: dict[str, float]) -> float:
    """How sure the prior is, 0 (uniform) to 1 (one type): 1 - entropy / max entropy."""
    h = -sum(p * math.log(p) for p in prior.values() if p > 0)
    return max(0.0, 1.0 - h / math.log(len(prior)))
