"""The quotes of the two seed articles, through the bundled pipeline: every "Done when" item.

The articles go through the metadata cascade first, so the context is what the
pipeline will give the extractor: Reuters with a date read from the text for the
first seed, "Report" relaying Axios without a date for the second.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from storyline.extract import quotes
from storyline.extract.quotes import Quote
from storyline.ingest.metadata import resolve_article
from storyline.nlp import load_pipeline
from storyline.records import ArticleContext, RawArticle
from tests.conftest import REQUIRES_MODEL

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "samples" / "seeds"

pytestmark = REQUIRES_MODEL


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline("bundled")


def _quotes(nlp: Language, name: str) -> tuple[str, list[Quote]]:
    path = SEEDS / name
    article = resolve_article(RawArticle(path.read_text(encoding="utf-8"), str(path), "text"),
                              today=dt.date(2026, 11, 23))
    ctx = ArticleContext(article.id, article.published.value, article.outlet)
    found = list(quotes(nlp(article.text), ctx, article_via=article.via))
    for q in found:
        assert article.text[q.start : q.end] == q.content
        assert article.text[q.cue_start : q.cue_end] == q.cue
        assert article.text[q.speaker.start : q.speaker.end] == q.speaker.mention
    return article.text, found


@pytest.fixture(scope="module")
def reuters(nlp: Language) -> tuple[str, list[Quote]]:
    return _quotes(nlp, "000_d5f4b52492bff568.txt")


@pytest.fixture(scope="module")
def report(nlp: Language) -> tuple[str, list[Quote]]:
    return _quotes(nlp, "003_15404f0acd465380.txt")


def _one(found: list[Quote], starts: str) -> Quote:
    (q,) = [q for q in found if q.content.startswith(starts)]
    return q


def test_netanyahus_office(reuters: tuple[str, list[Quote]]) -> None:
    _, found = reuters
    q = _one(found, "there are still significant gaps")
    assert q.direct and q.content.endswith("additional mutual meetings")
    assert q.speaker.text == "Prime Minister Benjamin Netanyahu's office"
    assert not q.speaker.anonymous


def test_constructive_to_israel(reuters: tuple[str, list[Quote]]) -> None:
    _, found = reuters
    q = _one(found, "the discussions in Paris")
    assert q.content.endswith('had been "constructive"') and q.mixed and not q.direct
    assert (q.speaker.text, q.cue) == ("Israel", "said")
    assert (q.date, q.date_source) == ("2024-01-28", "cue")  # "said late Sunday"


def test_security_source_told_afp(reuters: tuple[str, list[Quote]]) -> None:
    _, found = reuters
    q = _one(found, "CIA chief William Burns would meet")
    assert (q.speaker.text, q.speaker.anonymous, q.channel) == ("A security source", True, "AFP")
    assert q.speaker.description == "security"
    assert q.date == "2024-01-26"  # "on Friday", before the Sunday of the article
    assert [(c.role, c.text) for c in q.chain] == [
        ("speaker", "A security source"), ("channel", "AFP"), ("outlet", "Reuters")]


def test_new_york_times_and_its_sources(reuters: tuple[str, list[Quote]]) -> None:
    _, found = reuters
    report = _one(found, "US-led negotiators were getting closer")
    assert (report.speaker.text, report.date) == ("The New York Times", "2024-01-27")
    q = _one(found, "negotiators had developed a draft agreement")
    assert (q.speaker.mention, q.speaker.text) == ("it", "The New York Times")
    source = q.chain[0]
    assert (source.role, source.text, source.anonymous) == (
        "source", "unidentified US officials", True)
    the_source = _one(found, "US President Joe Biden was sending Burns")
    assert the_source.speaker.text == "A security source"  # "The source confirmed"
    assert the_source.chain[0].text == "The Washington Post"


def test_senior_us_official_told_axios(report: tuple[str, list[Quote]]) -> None:
    _, found = report
    q = _one(found, "There is progress.")
    assert q.direct and q.content.endswith("move the negotiating process forward")
    s = q.speaker
    assert (s.text, s.anonymous, s.affiliation, s.seniority) == (
        "a senior US official", True, "US", "senior")
    assert (q.channel, q.via) == ("Axios", ())
    assert [(c.role, c.text) for c in q.chain] == [
        ("speaker", "a senior US official"), ("channel", "Axios"), ("outlet", "Report")]


def test_senior_israeli_official(report: tuple[str, list[Quote]]) -> None:
    _, found = report
    q = _one(found, "At the end of the meeting")
    s = q.speaker
    assert q.direct
    assert (s.mention, s.text, s.anonymous, s.affiliation, s.seniority) == (
        "the Israeli official", "A senior Israeli official", True, "Israeli", "senior")
    told = _one(found, "Mossad director David Barnea discussed")
    assert (told.speaker.text, told.channel, told.mixed) == (
        "A senior Israeli official", "reporters", True)


def test_hamas_official_told_axios(report: tuple[str, list[Quote]]) -> None:
    _, found = report
    q = _one(found, "the group will not resume the hostage deal negotiations")
    s = q.speaker
    assert (s.text, s.anonymous, s.affiliation, q.channel) == (
        "A Hamas official", True, "Hamas", "Axios")


def test_whole_article_relayed(report: tuple[str, list[Quote]]) -> None:
    _, found = report
    q = _one(found, "A meeting in Paris on Friday")
    assert (q.speaker.text, q.speaker.anonymous, q.via) == (
        "US and Israeli officials", True, ("Axios",))
    briefed = _one(found, "Barnea presented the main points")
    assert (briefed.speaker.description, briefed.channel) == ("briefed on the meeting", "Axios")
    they = [q for q in found if q.speaker.mention == "They"]
    assert len(they) == 2 and {q.speaker.text for q in they} == {"US officials"}
