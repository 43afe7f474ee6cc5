"""End-to-end behaviour of the command line on the seeds and on broken inputs."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import main

BLANK = ["--model", "blank"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _ingest(runner: CliRunner, db: Path, *paths: str | Path, extra: list[str] | None = None):  # type: ignore[no-untyped-def]
    args = ["ingest", *map(str, paths), "--db", str(db), *BLANK, *(extra or [])]
    return runner.invoke(main, args)


def test_ingesting_the_seeds_twice_stores_two_articles(
    runner: CliRunner, tmp_path: Path, seed_paths: list[Path]
) -> None:
    db = tmp_path / "s.db"
    first = _ingest(runner, db, *seed_paths)
    assert first.exit_code == 0, first.output
    assert "stored 2" in first.output
    second = _ingest(runner, db, *seed_paths)
    assert second.exit_code == 0, second.output
    assert "stored 0" in second.output and "exact duplicates skipped 2" in second.output
    listed = runner.invoke(main, ["articles", "--db", str(db), "--format", "json"])
    assert len(json.loads(listed.output)) == 2


def test_whitespace_copy_is_linked_not_stored_twice(
    runner: CliRunner, tmp_path: Path, seed_paths: list[Path]
) -> None:
    copy = tmp_path / "copy.txt"
    text = seed_paths[0].read_text(encoding="utf-8")
    copy.write_text("\n  " + text.replace(" ", "  ").replace("\n", "\n\n") + "\n", "utf-8")
    db = tmp_path / "s.db"
    result = _ingest(runner, db, seed_paths[0], copy)
    assert result.exit_code == 0, result.output
    assert f"duplicate: {copy}" in result.output
    exported = json.loads(runner.invoke(main, ["export", "--db", str(db)]).output)
    (article,) = exported["articles"]
    assert article["copies"] == [str(copy)]


def test_syndicated_copy_is_stored_with_duplicate_of(
    runner: CliRunner, tmp_path: Path, seed_paths: list[Path]
) -> None:
    text = seed_paths[0].read_text(encoding="utf-8")
    copy = tmp_path / "syndicated.txt"
    copy.write_text(text.replace("PARIS (Reuters) - ", "PARIS (Reuters) — ")
                    .rsplit("\n", 1)[0] + "\nReporting by our wire desk.\n", "utf-8")
    db = tmp_path / "s.db"
    result = _ingest(runner, db, seed_paths[0], copy)
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(main, ["articles", "--db", str(db), "--format", "json"]).output)
    assert len(rows) == 2
    assert rows[0]["duplicate_of"] is None
    assert rows[1]["duplicate_of"] == rows[0]["id"]


def test_mixed_directory_keeps_good_names_bad_and_fails(
    runner: CliRunner, tmp_path: Path, seed_paths: list[Path]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in seed_paths:
        shutil.copy(path, inputs / path.name)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inputs / "lines.jsonl").write_text(
        '{"text": "Good line one about the talks.", "title": "one"}\n'
        "{not json\n"
        '{"title": "no text"}\n'
        '{"text": "Good line two about the hostages.", "published": "2024-02-01"}\n',
        "utf-8",
    )
    payload = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + b"x" * 5000)
    (inputs / "cut.warc.gz").write_bytes(payload[: len(payload) // 2])
    db = tmp_path / "s.db"
    result = _ingest(runner, db, inputs)
    assert result.exit_code == 1
    out = result.output
    for bad in ("empty.txt", "binary.txt", "lines.jsonl:2", "lines.jsonl:3", "cut.warc.gz"):
        assert bad in out, f"{bad} not named in:\n{out}"
    assert "Traceback" not in out
    rows = json.loads(runner.invoke(main, ["articles", "--db", str(db), "--format", "json"]).output)
    assert len(rows) == 4  # two seeds, two good JSON lines
    # running it again loses nothing and duplicates nothing
    again = _ingest(runner, db, inputs)
    assert again.exit_code == 1
    listed = runner.invoke(main, ["articles", "--db", str(db), "--format", "json"])
    assert json.loads(listed.output) == rows


def test_a_dropped_field_is_a_warning_not_a_failure(runner: CliRunner, tmp_path: Path) -> None:
    lines = tmp_path / "d.jsonl"
    lines.write_text('{"text": "Talks resumed in Cairo.", "published": "2024-13-01"}\n', "utf-8")
    result = _ingest(runner, tmp_path / "s.db", lines)
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output and "d.jsonl:1" in result.output
    assert "stored 1" in result.output


def test_analyze_prints_contract_with_seed_metadata(
    runner: CliRunner, seed_paths: list[Path]
) -> None:
    result = runner.invoke(main, ["analyze", *map(str, seed_paths), *BLANK, "--format", "json"])
    assert result.exit_code == 0, result.output
    contract = json.loads(result.output)
    assert contract["version"] == 1
    for key in ("articles", "entities", "times", "quotes", "figures", "events", "stories"):
        assert isinstance(contract[key], list)
    reuters, report = contract["articles"]
    assert (reuters["outlet"], reuters["dateline"], reuters["via"]) == ("Reuters", "Paris", [])
    assert (report["outlet"], report["via"]) == ("Report", ["Axios"])
    assert reuters["published"]["source"] == "text"
    assert reuters["published"]["earliest"] == "2024-01-28"
    assert reuters["published"]["latest"] == "2024-01-29"
    assert report["published"] == {"value": None, "earliest": None, "latest": None,
                                   "source": "unknown"}


def test_caller_date_and_outlet_win(runner: CliRunner, seed_paths: list[Path]) -> None:
    result = runner.invoke(main, ["analyze", str(seed_paths[1]), *BLANK,
                                  "--date", "2024-05-25", "--outlet", "Axios"])
    (article,) = json.loads(result.output)["articles"]
    assert article["published"]["value"] == "2024-05-25"
    assert article["published"]["source"] == "user"
    assert article["outlet"] == "Axios"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "x.txt", "--date", "28/01/2024"], "not a date in the form YYYY-MM-DD"),
        (["analyze", "{seed}", "--model", "no_such_model"], "valid choices"),
        (["articles", "--db", "{tmp}/missing.db"], "no such database"),
        (["articles", "--db", "{seed}"], "not a storyline database"),
        (["articles", "--db", "{tmp}", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_user_mistakes_are_one_clean_line(
    runner: CliRunner, tmp_path: Path, seed_paths: list[Path], args: list[str], message: str
) -> None:
    args = [a.format(seed=seed_paths[0], tmp=tmp_path) for a in args]
    result = runner.invoke(main, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_search_and_table_output(runner: CliRunner, tmp_path: Path,
                                 seed_paths: list[Path]) -> None:
    db = tmp_path / "s.db"
    _ingest(runner, db, *seed_paths)
    found = runner.invoke(main, ["search", "Mossad", "--db", str(db)])
    assert found.exit_code == 0
    assert found.output.count("[Mossad]") == 2
    none = runner.invoke(main, ["search", "zebra", "--db", str(db)])
    assert "no article matches" in none.output
    table = runner.invoke(main, ["articles", "--db", str(db)])
    assert "Reuters" in table.output and "Paris" in table.output
    as_csv = runner.invoke(main, ["articles", "--db", str(db), "--format", "csv"])
    assert as_csv.output.splitlines()[0].startswith("id,title,outlet")
    jsonl = runner.invoke(main, ["articles", "--db", str(db), "--format", "jsonl"])
    assert len(jsonl.output.splitlines()) == 2


def test_model_commands(runner: CliRunner) -> None:
    path = runner.invoke(main, ["model", "path"])
    assert path.exit_code == 0 and path.output.strip().endswith("data/model")
    info = runner.invoke(main, ["model", "info"])
    assert info.exit_code == 0, info.output
    assert info.output.startswith("en_storyline_news ")
    assert "ner labels: GPE, LOC, MISC, NORP, ORG, PERSON" in info.output
    assert "dep_uas: 0." in info.output and "_loss" not in info.output
    blank = runner.invoke(main, ["model", "path", "--model", "blank"])
    assert blank.exit_code == 1 and "has no path" in blank.output
