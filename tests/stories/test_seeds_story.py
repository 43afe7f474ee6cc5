"""Issue 7 done-when on the seeds: one story, timeline, figures, novelty, disagreements."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import main
from tests.conftest import REQUIRES_MODEL, SEEDS

pytestmark = REQUIRES_MODEL

FIRST, SECOND = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    runner = CliRunner()
    for path, date in ((FIRST, None), (SECOND, "2024-05-25")):
        args = ["ingest", str(path), "--db", str(db), "-q"]
        if date:
            args += ["--date", date]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    yield db


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def story(seeds_db: Path) -> dict[str, Any]:
    rows = json.loads(_run("stories", "--db", str(seeds_db), "--format", "json"))
    assert len(rows) == 1, "both seeds belong to one story"
    assert rows[0]["articles"] == 2
    data: dict[str, Any] = json.loads(_run("story", rows[0]["id"], "--db", str(seeds_db),
                                           "--format", "json"))
    return data


def test_the_timeline_runs_from_the_attack_to_the_second_paris_meeting(story: dict[str, Any]
                                                                         ) -> None:
    wanted = [("2023-10-07", "ASSAULT"), ("2023-11", "AGREE"), ("2024-01-26", "CONSULT"),
              ("2024-01-28", "CONSULT"), ("2024-W19", "CONSULT"), ("2024-05-24", "CONSULT")]
    dated = [(e["date"], e["type"]) for e in story["timeline"] if e["relation"] != "before"]
    positions = [dated.index(w) for w in wanted]  # each is there...
    assert positions == sorted(positions)          # ...in this order
    for entry in story["timeline"]:
        article_text = (FIRST if entry["sentence"]["article"] == story["articles"][0]
                        else SECOND).read_text(encoding="utf-8")
        s = entry["sentence"]
        assert article_text[s["start"]:s["end"]] == entry["text"]


def test_the_paris_meetings_are_told_by_their_own_sentences(story: dict[str, Any]) -> None:
    by_date = {e["date"]: e for e in story["timeline"] if e["type"] == "CONSULT"}
    assert "Paris on Sunday" in by_date["2024-01-28"]["text"]
    assert "A meeting in Paris on Friday" in by_date["2024-05-24"]["text"]
    assert "Qatar's emir" in by_date["2024-01-26"]["text"]


def test_figure_history_shows_hostage_figures_with_claimants(story: dict[str, Any]) -> None:
    series = {s["key"]: s for s in story["figure_history"]}
    hostages = [(p["value"], p["claimant"]) for p in series["hostages"]["points"]]
    assert (132, "Israel") in hostages
    assert any(v == 250 for v, _ in hostages)


def test_whats_new_in_the_second_article(story: dict[str, Any]) -> None:
    second = story["whats_new"][1]
    assert second["article"] == story["articles"][1] and not second["nothing_new"]
    assert any(e["type"] == "CONSULT" and (e["date"] or {}).get("value") == "2024-05-24"
               for e in second["events"])
    names = {a["name"] for a in second["actors"]}
    assert {"David Barnea", "Mohammed Bin Abdul Rahman al-Thani"} <= names
    assert "William Burns" not in names  # named in January already
    said = " ".join(q["content"] for q in second["quotes"])
    assert "will not resume the hostage deal negotiations" in said


def test_disagreements_put_israel_us_and_hamas_side_by_side(story: dict[str, Any]) -> None:
    parties = [{p["party"] for p in d["positions"]} for d in story["disagreements"]]
    assert any({"Israel", "United States", "Hamas"} <= p for p in parties)


def test_entities_with_roles(story: dict[str, Any]) -> None:
    people = {e["name"]: e for e in story["entities"] if e["type"] == "PERSON"}
    burns = people["William Burns"]
    assert {m["article"] for m in burns["mentions"]} == set(story["articles"])
    assert any(r["of"] == "CIA" and r["title"] == "director" for r in burns["roles"])


def test_actors_are_named_or_described_not_nominal_chains(story: dict[str, Any]) -> None:
    # "the meeting" ... "the meeting" chains help coreference inside an article only
    assert all(e["type"] != "NOMINAL" and e["name"] != "unnamed" for e in story["entities"])
    speakers = [q.get("speaker", {}).get("entity_name") for g in story["quotes"]
                for q in g["quotes"]]
    assert "unnamed" not in speakers


def test_an_anonymous_source_is_tied_to_its_country_not_made_into_it(story: dict[str, Any]
                                                                      ) -> None:
    quotes = [q for g in story["quotes"] for q in g["quotes"]]
    progress = next(q for q in quotes if q["content"].startswith("There is progress"))
    speaker = progress["speaker"]
    assert speaker["anonymous"] and speaker.get("entity") is None
    assert speaker["affiliation_entity_name"] == "United States"
    named = next(q for q in quotes if q["speaker"].get("text") == "the White House")
    assert named["speaker"]["entity"] is not None


def test_markdown_report_and_timeline_formats(seeds_db: Path, story: dict[str, Any]) -> None:
    report = _run("story", story["id"], "--db", str(seeds_db))
    for heading in ("## Timeline", "## Actors and roles", "## Quotes by party",
                    "## Figures over time", "## Disagreements", "## What each article added",
                    "## Sources"):
        assert heading in report
    assert "Report via Axios" in report
    js = json.loads(_run("timeline", story["id"], "--db", str(seeds_db), "--format",
                         "timelinejs"))
    assert js["events"][0]["start_date"] == {"year": "2023", "month": "10", "day": "7"}
    text = _run("timeline", story["id"], "--db", str(seeds_db))
    assert text.splitlines()[0].startswith("2023-10-07")


def test_export_covers_stories_events_and_timelines(seeds_db: Path) -> None:
    contract = json.loads(_run("export", "--db", str(seeds_db)))
    assert len(contract["stories"]) == 1 and contract["stories"][0]["timeline"]
    assert contract["events"] and all(e["mentions"] for e in contract["events"])
    attack = [e for e in contract["events"] if e["type"] == "ASSAULT"
              and e["date"]["value"] == "2023-10-07"]
    assert attack and attack[0]["sources"] == 2  # Reuters and Axios, one event
    rows = _run("export", "--db", str(seeds_db), "--format", "jsonl").splitlines()
    kinds = {json.loads(r)["record"] for r in rows}
    assert {"article", "entity", "event", "quote", "figure", "story"} <= kinds
    csv_text = _run("export", "--db", str(seeds_db), "--format", "csv", "--table", "timeline")
    assert csv_text.splitlines()[0].startswith("story,date,precision,label")


def test_unknown_story_is_one_clean_line(seeds_db: Path) -> None:
    result = CliRunner().invoke(main, ["story", "story-nope", "--db", str(seeds_db)])
    assert result.exit_code == 1
    assert "story-nope: no such story" in result.output
    assert "Traceback" not in result.output
