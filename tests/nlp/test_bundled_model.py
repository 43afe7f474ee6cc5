"""Checks of the bundled spaCy pipeline on the two seed articles.

The seeds are the documents storyline started from; whatever else changes, the pipeline must
find their people, organisations, places and nationalities and split their sentences sensibly.
Skipped cleanly when the trained pipeline is not present (it is built by ``make model``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REQUIRES_MODEL

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "src" / "storyline" / "data" / "model"
SEEDS = ROOT / "samples" / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

pytestmark = REQUIRES_MODEL

REQUIRED_PIPES = frozenset(
    {"tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "ner", "parser"}
)
EXPECTED = [
    ("PERSON", "William Burns"),
    ("PERSON", "Benjamin Netanyahu"),
    ("PERSON", "David Barnea"),
    ("PERSON", "Mohammed Bin Abdul Rahman al-Thani"),
    ("ORG", "Hamas"),
    ("ORG", "Mossad"),
    ("ORG", "Shin Bet"),
    ("ORG", "CIA"),
    ("GPE", "Paris"),
    ("GPE", "Gaza"),
    ("GPE", "Qatar"),
    ("GPE", "Egypt"),
    ("GPE", "Cairo"),
    pytest.param(
        "GPE",
        "Doha",
        marks=pytest.mark.xfail(
            strict=True,
            reason="model 0.1.0's NER tags 'Doha' PERSON in 'talks in Cairo and Doha'; the "
            "gazetteer ruler does not overwrite NER spans (see MODEL_CARD.md)",
        ),
    ),
    ("NORP", "Israeli"),
    ("NORP", "Qatari"),
    ("NORP", "Egyptian"),
]


def _seed_texts() -> list[str]:
    folder = SEEDS if SEEDS.is_dir() else SHARED_SEEDS
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        pytest.skip("seed articles not found")
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def seed_docs(nlp):  # type: ignore[no-untyped-def]
    return list(nlp.pipe(_seed_texts()))


def _ents(docs: list) -> Iterator[tuple[str, str]]:  # type: ignore[type-arg]
    for doc in docs:
        for ent in doc.ents:
            yield ent.label_, ent.text


def test_pipeline_has_required_components(nlp) -> None:  # type: ignore[no-untyped-def]
    assert set(nlp.pipe_names) >= REQUIRED_PIPES
    assert nlp.pipe_names.index("ner") < nlp.pipe_names.index("parser")
    assert {"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"} <= set(nlp.get_pipe("ner").labels)


def test_meta_has_scores_and_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert nlp.meta["name"] == "storyline_news"
    assert nlp.meta["performance"]["ents_f"] > 0.8


@pytest.mark.parametrize(("label", "text"), EXPECTED)
def test_seed_entities(seed_docs, label: str, text: str) -> None:  # type: ignore[no-untyped-def]
    found = {t for lab, t in _ents(seed_docs) if lab == label}
    assert text in found, f"{text!r} not tagged {label}; {label} found: {sorted(found)}"


def test_seed_sentences_roughly_right(seed_docs) -> None:  # type: ignore[no-untyped-def]
    for doc in seed_docs:
        paragraphs = [p for p in doc.text.split("\n") if p.strip()]
        sents = [s for s in doc.sents if s.text.strip()]
        # every paragraph holds one to a few sentences; no giant or shredded sentences
        assert len(paragraphs) <= len(sents) <= 3 * len(paragraphs)
        # a sentence may begin with the paragraph's newline token: take its first word
        starts = {next(t.idx for t in s if not t.is_space) for s in sents}
        para_starts = [doc.text.index(p) for p in paragraphs]
        hit = sum(1 for start in para_starts if start in starts)
        assert hit >= 0.9 * len(para_starts)
        assert max(len(s) for s in sents) < 120
