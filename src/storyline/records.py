"""Small frozen records that flow between the stages.

Every record carries plain values and integer character offsets into the
article text, never live spaCy objects, so it can go straight to SQLite and
JSON.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

#: Where a metadata value came from, most to least reliable.
MetaSource = Literal["user", "metadata", "text", "unknown"]
META_SOURCES: tuple[MetaSource, ...] = ("user", "metadata", "text", "unknown")


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as a reader found it, before the metadata cascade.

    ``source`` names the input precisely enough for a user to find it again:
    a path, a path with a record locator (``feed.xml#entry=3``,
    ``dump.jsonl:12``), or the WARC record's target URI.
    Metadata fields hold only what the record itself declares.
    """

    text: str
    source: str
    format: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    external_id: str | None = None
    #: crawl time (WARC-Date, feed fetch time): an upper bound for publication, never the date
    crawled: str | None = None


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input, or one record of it, that could not be read; the batch goes on."""

    source: str
    reason: str
    #: False for a problem in a record that was still kept (a bad optional field):
    #: reported as a warning, not counted as a failure
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Published:
    """Publication date as a best value plus the interval the evidence supports.

    ``value`` is ``None`` when the evidence cannot pin one day; ``earliest`` and
    ``latest`` (inclusive ISO dates) bound it as far as the evidence goes.
    """

    value: str | None = None
    earliest: str | None = None
    latest: str | None = None
    source: MetaSource = "unknown"

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Article:
    """An article after the metadata cascade, ready to store and analyse."""

    id: str
    source: str
    text: str
    format: str
    title: str | None = None
    outlet: str | None = None
    via: tuple[str, ...] = ()
    dateline: str | None = None
    url: str | None = None
    author: str | None = None
    external_id: str | None = None
    published: Published = field(default_factory=Published)
    duplicate_of: str | None = None
    #: field name -> "user" | "metadata" | "text": where each filled value came from
    provenance: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The article object of the analysis contract (version 1), plus extra fields."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "text": self.text,
            "outlet": self.outlet,
            "via": list(self.via),
            "dateline": self.dateline,
            "url": self.url,
            "published": self.published.as_dict(),
            "duplicate_of": self.duplicate_of,
            "author": self.author,
            "external_id": self.external_id,
            "format": self.format,
            "provenance": dict(self.provenance),
        }


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What an extractor knows about the article a Doc came from."""

    id: str
    published: str | None = None
    outlet: str | None = None
    #: outlets the whole article was relayed through ("Report informs via Axios")
    via: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    article: str
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    article: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression (TIMEX3) with its value in TimeML notation.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` is ``2024-01-28``,
    ``2024-W03``, ``2023-11``, ``2024-05-24TEV``, ``P2M``, ``PAST_REF``,
    ``XXXX-WXX-5``...; ``anchor`` is the ISO date relative expressions were resolved
    against (``None``: unanchored); ``mod`` the TIMEX3 modifier (``APPROX``, ``END``...).
    """

    article: str
    start: int
    end: int
    text: str
    type: str
    value: str
    anchor: str | None = None
    mod: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The contract's ``times`` object, plus ``anchor`` and ``mod``."""
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """A resolved date that governs a sentence's main verb: when what it says happened.

    ``precision`` is day, week, month, quarter, half, season, year, decade or century;
    ``time_start``/``time_end`` are the offsets of the time expression it comes from.
    """

    article: str
    sentence_start: int
    sentence_end: int
    value: str
    precision: str
    time_start: int
    time_end: int

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
