"""Shared fixtures: paths to the bundled samples, an in-memory store, a blank pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from storyline.nlp import load_pipeline
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = SAMPLES / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"
MODEL = ROOT / "src" / "storyline" / "data" / "model"

_T = TypeVar("_T")

#: ``pytestmark = REQUIRES_MODEL`` in a test module that runs the bundled pipeline
REQUIRES_MODEL = [
    pytest.mark.model,
    pytest.mark.skipif(not (MODEL / "meta.json").exists(), reason="bundled model not built"),
]


def needs_model(test: _T) -> _T:
    """The marks of :data:`REQUIRES_MODEL` on one test (for modules that mix both kinds)."""
    for mark in REQUIRES_MODEL:
        test = mark(test)
    return test


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def seed_texts(seed_paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in seed_paths]


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s


@pytest.fixture(scope="session")
def blank_nlp():  # type: ignore[no-untyped-def]
    return load_pipeline("blank")
