"""Quality gate: cross-document entity resolution B³ on a committed MEANTIME subset.

``tests/gold/entities_meantime.jsonl`` holds the 12 latest articles of MEANTIME's
Wikinews "apple" sub-corpus (the iPhone 4 launch, Steve Jobs' resignation and death):
English Wikinews text (© Wikinews contributors, CC BY 2.5) rebuilt from the tokens of
the NewsReader MEANTIME corpus (© FBK / VU Amsterdam / UPV-EHU, CC BY 4.0; Minard et
al., *MEANTIME, the NewsReader Multilingual Event and Time Corpus*, LREC 2016), with
each record's Wikinews URL, its creation date and MEANTIME's entity mentions and
cross-document instance ids.  It was written by ``python -m benchmarks.entities_eval
--write-gold tests/gold/entities_meantime.jsonl``.

Scoring is :mod:`benchmarks.entities_eval`'s: B³ over the gold mentions, each aligned
to a resolved entity by :func:`storyline.extract.entities.entity_at`, unaligned ones
counted as singletons.  The floors are pinned below and only ever lowered on purpose.
"""

from __future__ import annotations

import doctest
from typing import Any

import pytest
from benchmarks import entities_eval
from benchmarks.entities_eval import load_gold_file, run

from tests.conftest import REQUIRES_MODEL, ROOT

pytestmark = REQUIRES_MODEL

GOLD = ROOT / "tests" / "gold" / "entities_meantime.jsonl"
#: B³ F1 floors on the subset (measured: named 0.940, all 0.867 with the bundled model,
#: gold aligned by head, all 0.836 by last word, after "as" and complement descriptions,
#: nested product and line names, glued-name splits and headline nouns; before them
#: named 0.935, all 0.850, after relative pronouns, object control, names inside
#: descriptions, coordinated titles and plural names; before those named 0.935, all 0.833;
#: all 0.808 by last word, as the older figures were:
#: before nominal entities, predicate and apposed descriptions and nested names, named
#: 0.930, all 0.800 by last word;
#: named 0.886, all 0.750 before given names, colon quotations, brand-case model names,
#: compound descriptions and kind-head links; all was 0.589 before pronouns and
#: descriptions were attached, entity_coref)
FLOORS = {"named_f1": 0.93, "all_f1": 0.85}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    docs = load_gold_file(GOLD)
    result, _ = run(docs, "bundled")
    return result


@pytest.fixture(scope="module")
def unlinked() -> dict[str, float]:
    result, _ = run(load_gold_file(GOLD), "bundled", link=False)
    return result


def test_gold_heads() -> None:
    assert doctest.testmod(entities_eval).failed == 0
    docs = load_gold_file(GOLD)
    heads = [(d, m) for d in docs for m in d.mentions if m.head is not None]
    assert len(heads) >= 200
    for doc, m in heads:  # inside its mention, on word boundaries
        assert m.start <= m.head[0] < m.head[1] <= m.end
        assert doc.text[m.head[0]:m.head[1]].strip() == doc.text[m.head[0]:m.head[1]]


def test_gold_subset_is_what_the_docstring_says() -> None:
    docs = load_gold_file(GOLD)
    assert len(docs) == 12
    assert sum(len(d.mentions) for d in docs) >= 400
    for doc in docs:
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_b_cubed_holds_the_floor(scores: dict[str, float], key: str) -> None:
    assert scores[key] >= FLOORS[key], scores


def test_resolution_beats_the_articles_alone(scores: dict[str, Any],
                                             unlinked: dict[str, Any]) -> None:
    assert scores["named_f1"] > unlinked["named_f1"] + 0.2
    assert scores["named_p"] >= 0.85
