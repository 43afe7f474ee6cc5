"""Fixtures for the ingest tests; the byte builders live in ``helpers``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.ingest.readers import read_inputs
from tests.ingest.helpers import MB, SEEDS, Items


@pytest.fixture
def seeds() -> dict[str, Path]:
    """The two seed articles: ``paris`` (Reuters, Jan 2024) and ``axios`` (Report via Axios)."""
    return {
        "paris": SEEDS / "000_d5f4b52492bff568.txt",
        "axios": SEEDS / "003_15404f0acd465380.txt",
    }


@pytest.fixture
def read() -> Callable[..., Items]:
    """``read(*paths, max_bytes=...)`` -> every item read_inputs yields for them."""

    def run(*paths: str | Path, max_bytes: int = MB) -> Items:
        return list(read_inputs([str(p) for p in paths], max_bytes=max_bytes))

    return run
