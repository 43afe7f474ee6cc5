"""Quality gate: value+qualifier+what F1 of the figures extractor on the committed gold set.

``tests/gold/figures.jsonl`` holds the seeds (by path) and Wikinews articles (GUM,
CC BY 2.5; MEANTIME, CC BY 4.0) with hand-annotated figures; see
``tests/gold/README.md`` for the guidelines and the splits.  Scoring is
:mod:`benchmarks.figures_eval`'s: spans overlap one to one, and a match counts when
value (with ``low``/``high``), normalised qualifier and counted words all agree.
The gate runs on the blank pipeline (the numbers and the counted words come from
the words), so it does not drift with the model.  The floor lives in
``tests/gold/baseline.json`` (``figures_value_qualifier_what_f1``) and is only ever
lowered on purpose; the issue's bar, 0.90, holds regardless.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.figures_eval import load_gold, predict, score

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "tests" / "gold" / "baseline.json"
ISSUE_BAR = 0.90


@pytest.fixture(scope="module")
def scores():  # type: ignore[no-untyped-def]
    docs = load_gold()
    predicted, _ = predict(docs, "blank")
    return score(docs, predicted)


def test_gold_set_is_big_enough() -> None:
    docs = load_gold()
    assert sum(len(d.figures) for d in docs) >= 150
    assert {d.split for d in docs} == {"tune", "dev", "heldout", "test"}


def test_value_qualifier_what_f1_holds_the_floor(scores) -> None:  # type: ignore[no-untyped-def]
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["figures_value_qualifier_what_f1"]
    _, _, f1 = scores.prf("value+qualifier+what")
    assert f1 >= max(floor, ISSUE_BAR), "\n".join(scores.errors[:30])


def test_gold_offsets_point_at_their_text() -> None:
    for doc in load_gold():
        for fig in doc.figures:
            assert doc.text[fig["start"] : fig["end"]] == fig["text"], (doc.id, fig)
