"""The learned event-type prior: packaged weights, features, and its (small) part in ranking."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc
from training.event_types import fit, is_dev, lede

import storyline.extract.events as events_module
from storyline.extract.event_classifier import (
    LABELS,
    TypeModel,
    entropy_weight,
    features,
    model,
    type_prior,
)
from storyline.records import ArticleContext


def test_packaged_model_loads_with_every_label() -> None:
    m = model()
    assert m is not None, "src/storyline/data/event_types.npz is missing: run training.event_types"
    assert m.labels == LABELS
    assert m.weights.shape == (len(m.index), len(LABELS))
    assert len(m.index) > 5_000


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Thousands of demonstrators marched on parliament chanting slogans", "PROTEST"),
    ("The government imposed sanctions and froze the assets of three banks", "SANCTION"),
    ("Artillery shelled the village overnight , killing 12 civilians", "ASSAULT"),
    ("The rebels pulled their fighters out of the town", "RETREAT"),
])
def test_prior_ranks_the_obvious_type_first(sentence: str, expected: str) -> None:
    prior = type_prior(sentence.split())
    assert abs(sum(prior.values()) - 1.0) < 1e-6
    assert max(prior, key=prior.__getitem__) == expected


def test_temperature_flattens_the_prior() -> None:
    words = ["Thousands", "of", "demonstrators", "marched", "on", "parliament"]
    sharp, flat = type_prior(words), type_prior(words, temperature=3.0)
    assert max(flat.values()) < max(sharp.values())
    assert entropy_weight(flat) < entropy_weight(sharp)


def test_unknown_words_give_the_bias_only() -> None:
    m = model()
    assert m is not None
    probs = m.scores(["qwertyuiop", "zxcvbnm"])
    bias = np.exp(m.bias.astype(np.float64) - m.bias.max())
    assert np.allclose(probs, bias / bias.sum())


def test_features_are_unigrams_and_bigrams_of_words() -> None:
    assert features(["Tear", "gas", ",", "fired"]) == ["tear", "gas", "fired", "tear gas"]


def test_fit_learns_a_separable_toy_problem() -> None:
    samples = [(["march", "protest"], LABELS.index("PROTEST")),
               (["bomb", "strike"], LABELS.index("ASSAULT"))] * 20
    vocab = {"march": 0, "protest": 1, "bomb": 2, "strike": 3}
    w, b = fit(samples, vocab, epochs=5, l2=0.0)
    toy = TypeModel(vocab, w, b, LABELS)
    assert max(toy.prior(["bomb"]).items(), key=lambda kv: kv[1])[0] == "ASSAULT"
    assert max(toy.prior(["march"]).items(), key=lambda kv: kv[1])[0] == "PROTEST"


def test_dev_split_is_stable_and_about_a_seventh() -> None:
    texts = [f"story number {i}" for i in range(2_000)]
    held = sum(is_dev(t) for t in texts)
    assert 200 < held < 380
    assert is_dev("story number 7") == is_dev("story number 7")
    assert lede("One. Two words here. Three.") == [["One", "."], ["Two", "words", "here", "."]]


def _two_events() -> Doc:
    # "Troops attacked and protesters marched ." : two conjoined events of one rank
    nlp = spacy.blank("en")
    words = ["Troops", "attacked", "and", "protesters", "marched", "."]
    return Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False, False],
               tags=["NNS", "VBD", "CC", "NNS", "VBD", "."],
               pos=["NOUN", "VERB", "CCONJ", "NOUN", "VERB", "PUNCT"],
               lemmas=["troop", "attack", "and", "protester", "march", "."],
               heads=[1, 1, 4, 4, 1, 1],
               deps=["nsubj", "ROOT", "cc", "nsubj", "conj", "punct"],
               sent_starts=[True, False, False, False, False, False])


def _ranked(monkeypatch: pytest.MonkeyPatch, favoured: str) -> list[str]:
    def fake_prior(words: list[str], temperature: float = 1.0) -> dict[str, float]:
        return {label: (1.0 if label == favoured else 0.0) for label in LABELS}

    monkeypatch.setattr(events_module, "type_prior", fake_prior)
    found = list(events_module.events(_two_events(), ArticleContext("a", "2024-01-01")))
    return [e.type for e in sorted(found, key=lambda e: -e.confidence)]


def test_prior_breaks_ties_between_events_of_one_rank(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _ranked(monkeypatch, "PROTEST")[0] == "PROTEST"
    assert _ranked(monkeypatch, "ASSAULT")[0] == "ASSAULT"
