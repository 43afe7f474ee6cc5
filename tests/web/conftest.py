"""One database for the web tests: the two seeds as one story, plus a hostile article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main
from tests.conftest import SEEDS

FIRST, SECOND = sorted(SEEDS.glob("*.txt"))
SEEDS_STORY = "story-91c76dea10db6501"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
#: an article written to attack the pages: markup in its title, text, outlet and URL
HOSTILE = {
    "title": f"Council vote {SCRIPT} and {IMG} in Springfield",
    "text": (f"SPRINGFIELD - Mayor Jane {IMG} Quimby said on Monday that \"{SCRIPT} the "
             "budget is final,\" and the council approved 12 new schools.\n\n"
             f"Police chief Clancy Wiggum told the {SCRIPT} Gazette that at least 300 people "
             f"attended the meeting on March 13. {IMG} Quimby met Wiggum in Springfield."),
    "published": "2023-03-14",
    "url": "javascript:alert(1)",
    "outlet": f"{SCRIPT} Gazette",
}


def _ingest(db: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["ingest", *args, "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seeds (the second dated 2024-05-25) and the hostile article, with the bundled model."""
    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.db"
    _ingest(db, str(FIRST))
    _ingest(db, str(SECOND), "--date", "2024-05-25")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    _ingest(db, str(hostile))
    yield db
