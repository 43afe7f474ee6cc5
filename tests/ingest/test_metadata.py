"""The metadata cascade: caller > record metadata > text > unknown, with provenance."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.extract.times import infer_publication
from storyline.ingest.dedup import article_id
from storyline.ingest.metadata import crawl_bound, resolve_article, resolve_published
from storyline.ingest.readers import read_inputs
from storyline.ingest.textmeta import TextMeta, load_lexicon, parse_lexicon, text_meta
from storyline.records import Article, Published, RawArticle
from tests.ingest.helpers import TODAY


def resolve_path(path: Path, **kwargs: str) -> Article:
    [raw] = read_inputs([str(path)], max_bytes=1 << 20)
    assert isinstance(raw, RawArticle)
    return resolve_article(raw, today=TODAY, **kwargs)


def raw(text: str, **fields: str) -> RawArticle:
    return RawArticle(text=text, source="t.txt", format="text", **fields)


# --- the seeds ----------------------------------------------------------------------


def test_first_seed(seeds: dict[str, Path]) -> None:
    article = resolve_path(seeds["paris"])
    assert article.id == article_id(article.text)
    assert (article.outlet, article.dateline, article.via) == ("Reuters", "Paris", ())
    # "late Sunday" reports Sunday's news: published that day or the next
    assert article.published == Published("2024-01-28", "2024-01-28", "2024-01-29", "text")
    assert dict(article.provenance) == {"outlet": "text", "dateline": "text", "published": "text"}
    assert article.duplicate_of is None and article.title is None


def test_second_seed(seeds: dict[str, Path]) -> None:
    article = resolve_path(seeds["axios"])
    assert (article.outlet, article.dateline, article.via) == ("Report", None, ("Axios",))
    # "on Friday", "two weeks ago" and "Oct. 7" pin no date: nothing is invented
    assert article.published == Published(None, None, None, "unknown")
    assert dict(article.provenance) == {"outlet": "text", "via": "text"}


def test_seed_as_dict_follows_the_contract(seeds: dict[str, Path]) -> None:
    record = resolve_path(seeds["paris"]).as_dict()
    assert record["published"] == {
        "value": "2024-01-28",
        "earliest": "2024-01-28",
        "latest": "2024-01-29",
        "source": "text",
    }
    assert record["via"] == [] and record["outlet"] == "Reuters"


# --- outlet, dateline and via from the text -----------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("PARIS (Reuters) - The head", TextMeta("Reuters", (), "Paris")),
        ("WASHINGTON (AP) — Negotiators", TextMeta("AP", (), "Washington")),
        ("WASHINGTON — Negotiators", TextMeta(None, (), "Washington")),
        ("GAZA CITY, Gaza Strip (AP) — Residents", TextMeta("AP", (), "Gaza City")),
        ("LONDON, Jan 5 (Reuters) - Oil prices", TextMeta("Reuters", (), "London")),
        ("BEIRUT, Lebanon, 5 January (AFP) – Strikes", TextMeta("AFP", (), "Beirut")),
        ("KYIV, Ukraine -- Air raid sirens", TextMeta(None, (), "Kyiv")),
        ("UNITED NATIONS (Associated Press) - The", TextMeta("AP", (), "United Nations")),
        ("ST. LOUIS (UPI) -- A jury", TextMeta("UPI", (), "St. Louis")),
        ("DOHA (Agence France-Presse) - Mediators", TextMeta("AFP", (), "Doha")),
        ("TEL AVIV (Xinhua) -- Israel", TextMeta("Xinhua", (), "Tel Aviv")),
        ("BAKU (Report.az) - Talks", TextMeta("Report", (), "Baku")),
        ("CAIRO (Ahram Online) - Talks", TextMeta("Ahram Online", (), "Cairo")),  # unknown credit
        # not datelines: ordinary first words, headlines and known acronyms
        ("Paris is where the talks - held", TextMeta()),
        ("PARIS talks resume - officials", TextMeta()),
        ("Officials met in PARIS (Reuters) - x", TextMeta()),
        ("NATO — the alliance said", TextMeta()),
        ("BREAKING — talks collapse", TextMeta()),
        ("US - China trade", TextMeta()),
        ("CNN — The network", TextMeta()),
    ],
)
def test_datelines(start: str, expected: TextMeta) -> None:
    assert text_meta(start + " rest of the story.") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks made progress, officials said, Report informs via Axios.", ("Report", ("Axios",))),
        (
            "Talks made progress, Report informs citing the Washington Post.",
            ("Report", ("The Washington Post",)),
        ),
        (
            "Talks made progress, Report informs citing Washington Post.",
            ("Report", ("The Washington Post",)),
        ),
        ("Talks made progress, APA informs.\nMore text here.", ("APA", ())),
        ("Talks made progress, Trend reports, citing Reuters.", ("Trend", ("Reuters",))),
        # "reports citing" is common prose: only known outlets count there
        ("Talks made progress, Trend reports, citing officials.", (None, ())),
        ("Officials told Axios on Friday that talks went on.", (None, ())),
        # not at a sentence end
        ("Report informs via Axios that talks went on.", (None, ())),
    ],
)
def test_credits(text: str, expected: tuple[str | None, tuple[str, ...]]) -> None:
    meta = text_meta(text)
    assert (meta.outlet, meta.via) == expected


def test_dateline_credit_comes_before_a_sentence_credit() -> None:
    meta = text_meta("BAKU (AFP) - Talks went on, Report informs via Axios.")
    assert meta == TextMeta("AFP", ("Report", "Axios"), "Baku")


def test_lexicon_is_data() -> None:
    lexicon = load_lexicon()
    assert len({name for name in lexicon.aliases.values()}) >= 40
    assert lexicon.outlet("The Associated Press") == "AP"
    assert lexicon.outlet("voice of america") == "VOA"
    assert lexicon.outlet("Washington Post") == "The Washington Post"
    custom = parse_lexicon(
        {
            "outlet": [{"name": "Daily Planet", "aliases": ["Planet"]}],
            "dateline": [{"name": "x", "pattern": r"^(?P<place>[A-Z]+) \[(?P<outlet>\w+)\]: "}],
        }
    )
    assert text_meta("METROPOLIS [Planet]: Superman", custom) == TextMeta(
        "Daily Planet", (), "Metropolis"
    )


# --- publication dates from the text ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "earliest"),
    [
        ("They met in Paris on Sunday (Jan 28) to talk.", "2024-01-28", "2024-01-28"),
        ("They met on Sunday, January 28, officials said.", "2024-01-28", "2024-01-28"),
        ("They met on Jan. 28 (Sunday), officials said.", "2024-01-28", "2024-01-28"),
        ("They met on Sunday 28 January in Paris.", "2024-01-28", "2024-01-28"),
        ("They met on Sunday (28 January) in Paris.", "2024-01-28", "2024-01-28"),
        ("They met on Sunday, Jan. 28, 2018, in Paris.", "2018-01-28", "2018-01-28"),
        # the most recent matching year not after today
        ("Talks ended on Friday (Nov 20).", "2026-11-20", "2026-11-20"),
        ("Talks ended on Monday (Nov 23).", "2026-11-23", "2026-11-23"),
        ("Talks ended on Tuesday (Nov 24).", "2020-11-24", "2020-11-24"),
        ("It happened on Thursday (Feb 29).", "2024-02-29", "2024-02-29"),
        # a full date is a lower bound but cannot pin the publication day
        ("The attack of October 7, 2023 killed many.", None, "2023-10-07"),
        ("Talks began on 5 January 2024 and ended on Jan 9, 2024.", None, "2024-01-09"),
        # a later dated event contradicts the weekday guess: only the bound is kept
        ("They met on Sunday (Jan 28). A deal was signed on Feb 3, 2024.", None, "2024-02-03"),
        (
            "They met on Sunday (Jan 28). The 2021 talks ended on May 3, 2021.",
            "2024-01-28",
            "2024-01-28",
        ),
    ],
)
def test_text_dates(text: str, value: str | None, earliest: str) -> None:
    found = infer_publication(text, today=TODAY)
    assert (found.value, found.earliest, found.source) == (value, earliest, "text")


@pytest.mark.parametrize(
    "text",
    [
        "A meeting in Paris on Friday made progress.",
        "Talks reached a deadlock two weeks ago.",
        "Hamas attacked Israel on Oct. 7.",
        "Hamas's Oct 7 attack on Israel resulted in deaths.",
        "Israel said late Sunday that the talks were constructive.",
        "Talks will resume on Monday (Feb 5), officials said.",  # looks ahead: no bound
        "The deadline is Friday, March 1, 2024.",
        "Talks on Sunday (Feb 30) never happened.",  # no such day
        "They met on Saturday (Jan 28, 2024).",  # Jan 28, 2024 was a Sunday
        "It ended on Jan 28, 2031.",  # after today: not a lower bound
    ],
)
def test_text_without_date_evidence(text: str) -> None:
    found = infer_publication(text, today=TODAY)
    assert (found.value, found.earliest) == (None, None)


# --- the cascade --------------------------------------------------------------------


def test_caller_beats_metadata_beats_text() -> None:
    record = raw(
        "PARIS (Reuters) - They met on Sunday (Jan 28).",
        outlet="Yahoo News",
        published="2024-01-29T07:00:00+01:00",
        title="Talks",
        url="https://ex.org/1",
        author="Jane Roe",
        external_id="x1",
    )
    by_user = resolve_article(record, date="2024-02-01", outlet="My Desk", today=TODAY)
    assert by_user.outlet == "My Desk"
    assert by_user.published == Published("2024-02-01", "2024-02-01", "2024-02-01", "user")
    assert dict(by_user.provenance)["outlet"] == "user"
    by_record = resolve_article(record, today=TODAY)
    assert by_record.outlet == "Yahoo News"
    # the portal carries a wire story: the credited wire is a relay
    assert by_record.via == ("Reuters",)
    assert by_record.published == Published("2024-01-29", "2024-01-29", "2024-01-29", "metadata")
    assert dict(by_record.provenance) == {
        "outlet": "metadata",
        "via": "text",
        "dateline": "text",
        "title": "metadata",
        "url": "metadata",
        "author": "metadata",
        "external_id": "metadata",
        "published": "metadata",
    }


@pytest.mark.parametrize("declared", ["Associated Press", "AP News", "The Associated Press"])
def test_same_outlet_in_metadata_and_text_is_no_relay(declared: str) -> None:
    article = resolve_article(raw("PARIS (AP) - Talks.", outlet=declared), today=TODAY)
    assert (article.outlet, article.via) == (declared, ())


def test_credit_inside_another_word_is_still_a_relay() -> None:
    article = resolve_article(raw("TOKYO (AP) - Talks.", outlet="Japan Times"), today=TODAY)
    assert article.via == ("AP",)


def test_crawl_date_is_an_upper_bound_never_the_date() -> None:
    crawled = raw("Talks went on.", crawled="2024-01-29T08:00:00Z")
    assert resolve_published(crawled, date=None, today=TODAY) == Published(
        None, None, "2024-01-29", "metadata"
    )
    dated = raw("They met on Sunday (Jan 28).", crawled="2024-01-29T08:00:00Z")
    assert resolve_published(dated, date=None, today=TODAY) == Published(
        "2024-01-28", "2024-01-28", "2024-01-29", "text"
    )


def test_crawl_date_bounds_the_weekday_year() -> None:
    # without the crawl date the guess would be 2024; crawled in 2019 it must be 2018
    dated = raw("They met on Sunday (Jan 28).", crawled="2019-03-01T00:00:00Z")
    assert resolve_published(dated, date=None, today=TODAY).value == "2018-01-28"


@pytest.mark.parametrize(
    ("crawled", "bound"),
    [
        ("2024-01-29T08:00:00Z", "2024-01-29"),
        ("2024-01-29T23:00:00Z", "2024-01-30"),  # already Jan 30 east of UTC+1
        ("2024-01-29T04:00:00-05:00", "2024-01-29"),  # 23:00 on Jan 29 at UTC+14
        ("2024-01-29T05:00:00-05:00", "2024-01-30"),
        ("2024-01-29", "2024-01-29"),
        ("not a date", None),
    ],
)
def test_crawl_bound(crawled: str, bound: str | None) -> None:
    assert crawl_bound(crawled) == (dt.date.fromisoformat(bound) if bound else None)


def test_metadata_does_not_read_the_clock() -> None:
    text = "Talks ended on Tuesday (Nov 24)."
    assert resolve_article(raw(text), today=dt.date(2026, 11, 23)).published.value == "2020-11-24"
    assert resolve_article(raw(text), today=dt.date(2026, 11, 24)).published.value == "2026-11-24"


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY))
def test_weekday_mention_gives_the_latest_consistent_date(day: dt.date) -> None:
    text = f"They met on {WEEKDAYS[day.weekday()]} ({day:%b} {day.day}), officials said."
    found = infer_publication(text, today=TODAY)
    assert found.value is not None and found.value == found.earliest
    value = dt.date.fromisoformat(found.value)
    assert (value.month, value.day) == (day.month, day.day)
    assert value.weekday() == day.weekday()
    assert day <= value <= TODAY
    for year in range(value.year + 1, TODAY.year + 1):
        with contextlib.suppress(ValueError):  # Feb 29 in a common year
            later = value.replace(year=year)
            assert later > TODAY or later.weekday() != day.weekday()


@given(st.text(max_size=300))
def test_resolve_never_raises_and_keeps_the_interval_ordered(text: str) -> None:
    article = resolve_article(raw(text or "x"), today=TODAY)
    published = article.published
    if published.value is not None:
        assert published.earliest is not None and published.earliest <= published.value
        assert published.value <= TODAY.isoformat()
    assert set(dict(article.provenance)) <= {"outlet", "via", "dateline", "published"}
