from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest import dedup


def test_normalize_folds_transit_noise() -> None:
    assert dedup.normalize("A  “quote”\u00a0—\r\nend") == 'a "quote" - end'


def test_same_text_modulo_whitespace_gets_same_id(seed_texts: list[str]) -> None:
    text = seed_texts[0]
    assert dedup.article_id(text) == dedup.article_id("  " + text.replace(" ", "   ") + "\n\n")
    assert dedup.article_id(text) != dedup.article_id(seed_texts[1])


@pytest.mark.parametrize("threshold", [0.5, 0.8, 0.95])
def test_lsh_params_cover_signature(threshold: float) -> None:
    params = dedup.LshParams.for_threshold(threshold, 128)
    assert params.bands * params.rows <= 128
    assert params.bands >= 1


def test_edited_copy_is_similar_and_shares_a_band(seed_texts: list[str]) -> None:
    original = seed_texts[0]
    # a syndicated copy: new first line, one sentence dropped
    sentences = original.split("\n")
    copy = "By our wire desk\n" + "\n".join(sentences[:-1])
    params = dedup.LshParams.for_threshold(0.8, 128)
    a = dedup.signature(original, permutations=128, shingle_size=5)
    b = dedup.signature(copy, permutations=128, shingle_size=5)
    assert dedup.similarity(a, b) >= 0.8
    assert set(dedup.band_keys(a, params)) & set(dedup.band_keys(b, params))
    other = dedup.signature(seed_texts[1], permutations=128, shingle_size=5)
    assert dedup.similarity(a, other) < 0.2


@given(st.text(max_size=300))
def test_signature_is_deterministic(text: str) -> None:
    a = dedup.signature(text, permutations=32, shingle_size=3)
    b = dedup.signature(text, permutations=32, shingle_size=3)
    assert (a == b).all()
    assert len(a) == 32
