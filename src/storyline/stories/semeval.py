"""SemEval-2015 Task 4 "TimeLine": the task's documents, its timeline format, entity timelines.

The task (Minard et al., 2015, *SemEval-2015 Task 4: TimeLine: Cross-Document Event
Ordering*) asks, for a target entity and a set of dated news articles, for every event
the entity takes part in, anchored to a date and ordered.  A timeline is a text file:
the entity's name on the first line, then one line per event (or per set of
coreferent events)::

    <order>\\t<anchor>\\t<docid-sentence-token>[\\t<docid-sentence-token>...]

``order`` is the position on the timeline (lines with the same number are
simultaneous; ``0`` means "cannot be ordered" and is ignored by the scorer);
``anchor`` an ISO date of day, month or year precision or ``XXXX-XX-XX``; an
event is named by its document id, the number of its sentence in the task's CAT XML
(the title is sentence 0) and the text of its tokens joined by ``_``
(``17654-25-rounded_off``), lower-cased as in the gold files.

The CAT XML gives tokens and sentence numbers but no text; :func:`read_cat` rebuilds
the text from the tokens with offsets, so an event found in the rebuilt text maps back
onto the task's own tokens by character offset (:func:`task_event_id`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.records import ArticleContext

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storyline.extract.timeline_events import EntityEvent

__all__ = [
    "UNKNOWN_DATE",
    "CatDocument",
    "CatToken",
    "TimelineLine",
    "cat_document",
    "entity_timeline",
    "format_semeval",
    "parse_timeline",
    "read_cat",
    "read_corpus",
    "read_timelines",
    "share_dates",
    "task_event_id",
    "timeline_lines",
]

#: the task's anchor for an event it cannot date
UNKNOWN_DATE = "XXXX-XX-XX"


# -- the task's documents ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CatToken:
    """One token of a CAT XML document, with its offsets in the rebuilt text."""

    sentence: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CatDocument:
    """A task document: id, creation time (DCT) and the text rebuilt from its tokens.

    ``sentence_starts`` holds the offset of each sentence's first token, by sentence
    number (sentence 0 is the title, sentence 1 usually the date line).
    """

    id: str
    name: str
    dct: str | None
    text: str
    tokens: tuple[CatToken, ...]
    sentence_starts: tuple[int, ...]

    @property
    def context(self) -> ArticleContext:
        return ArticleContext(self.id, self.dct)

    def tokens_between(self, start: int, end: int) -> list[CatToken]:
        """The tokens overlapping the character span ``[start, end)``."""
        return [t for t in self.tokens if t.start < end and start < t.end]


#: tokens written against the previous one, and tokens the next one is written against
_NO_SPACE_BEFORE = frozenset({
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ve", "'ll", "'d",
    "'m", "...",
})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "US$", "#"})
#: what follows an apostrophe split off a contraction or possessive ("we ' re", "Apple ' s")
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})


def _rebuild(words: Sequence[str]) -> list[tuple[int, int]]:
    """Offsets of each word in a plausible running text (spaces where English puts them).

    >>> words = ["Apple", "'", "s", "iPod", "(", "new", ")", "sold", "."]
    >>> text = [" "] * 30
    >>> for w, (s, e) in zip(words, _rebuild(words)):
    ...     text[s:e] = w
    >>> "".join(text).strip()
    "Apple's iPod (new) sold."
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    quote_open = False
    for i, word in enumerate(words):
        prev = words[i - 1] if i else ""
        glue = i == 0 or word in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER
        if word == "'" and i + 1 < len(words) and words[i + 1].lower() in _CLITICS:
            glue = True  # "Apple ' s": the apostrophe of a clitic
        elif prev == "'" and word.lower() in _CLITICS and i > 1:
            glue = True
        elif word == "'" and prev.endswith("s"):
            glue = True  # "the Beatles '": a plural possessive
        elif word == '"':
            glue = quote_open  # a closing quote hugs the word before it
            quote_open = not quote_open
        elif prev == '"' and quote_open:
            glue = True  # the word after an opening quote
        start = pos if glue or i == 0 else pos + 1
        spans.append((start, start + len(word)))
        pos = start + len(word)
    return spans


def cat_document(doc_id: str, dct: str | None, sentences: Sequence[Sequence[str]],
                 name: str = "") -> CatDocument:
    """A task document from its tokens, sentence by sentence (sentence ``n`` is
    ``sentences[n]``); the text is rebuilt with sentences joined by a newline.

    >>> doc = cat_document("1", "2010-06-08", [["Title"], ["Jobs", "showed", "off", "it", "."]])
    >>> doc.text, doc.sentence_starts, task_event_id(doc, [(10, 16), (17, 20)])
    ('Title\\nJobs showed off it.', (0, 6), '1-1-showed_off')
    """
    parts: list[str] = []
    tokens: list[CatToken] = []
    starts: list[int] = []
    offset = 0
    for number, words in enumerate(sentences):
        spans = _rebuild(words)
        starts.append(offset)
        chars = [" "] * (spans[-1][1] if spans else 0)
        for word, (s, e) in zip(words, spans, strict=True):
            chars[s:e] = word
            tokens.append(CatToken(number, word, offset + s, offset + e))
        parts.append("".join(chars))
        offset += len(parts[-1]) + 1
    return CatDocument(doc_id, name or doc_id, dct, "\n".join(parts), tuple(tokens),
                       tuple(starts))


def read_cat(path: str | Path) -> CatDocument:
    """A CAT XML document of the task: its tokens, sentence numbers and creation time.

    Only the tokens and the document creation time are read: the event markables some
    files carry are the gold annotation of the task's track B and are ignored here.
    """
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or Path(path).stem.split("-")[0].split("_")[0]
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
    by_sentence: dict[int, list[str]] = {}
    for token in root.iter("token"):
        by_sentence.setdefault(int(token.get("sentence") or 0), []).append(token.text or "")
    sentences = [by_sentence.get(n, []) for n in range(max(by_sentence, default=-1) + 1)]
    return cat_document(doc_id, dct, sentences, root.get("doc_name") or Path(path).stem)


def read_corpus(directory: str | Path) -> list[CatDocument]:
    """Every ``*.xml`` CAT document in a directory, by document id."""
    docs = [read_cat(p) for p in sorted(Path(directory).glob("*.xml"))]
    return sorted(docs, key=lambda d: (len(d.id), d.id))


def task_event_id(doc: CatDocument, parts: Sequence[tuple[int, int]]) -> str | None:
    """The task's id of an event whose words lie at the character spans ``parts`` of
    ``doc.text``: ``docid-sentence-token[_token...]``, lower-cased; ``None`` when the
    spans cover no token."""
    found: list[CatToken] = []
    for start, end in parts:
        for token in doc.tokens_between(start, end):
            if token not in found:
                found.append(token)
    if not found:
        return None
    words = "_".join(t.text for t in found).lower()
    return f"{doc.id}-{found[0].sentence}-{words}"


# -- the timeline format -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One line of a task timeline: position, anchor and the (coreferent) events on it."""

    order: int
    date: str
    events: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"order": self.order, "date": self.date, "events": list(self.events)}


def format_semeval(lines: Iterable[TimelineLine], entity: str | None = None) -> str:
    """The task's file format: the entity's name (when given), then one tab-separated
    line per :class:`TimelineLine`.

    >>> format_semeval([TimelineLine(1, "2008-06-09", ("12315-2-launched",))],
    ...                "iPhone 3G").splitlines()
    ['iPhone 3G', '1\\t2008-06-09\\t12315-2-launched']
    """
    out = [entity] if entity is not None else []
    out.extend("\t".join((str(line.order), line.date, *line.events)) for line in lines)
    return "\n".join(out) + "\n"


_ORDER = re.compile(r"^-?\d+$")


def parse_timeline(text: str) -> tuple[str | None, list[TimelineLine]]:
    """A timeline file's entity name (its first line, when that is not a timeline line)
    and its lines; event ids are lower-cased, blank and malformed lines skipped.

    >>> parse_timeline("iPod\\n1\\t2006-01\\t4678-5-use\\n")
    ('iPod', [TimelineLine(order=1, date='2006-01', events=('4678-5-use',))])
    """
    entity: str | None = None
    lines: list[TimelineLine] = []
    for number, raw in enumerate(text.splitlines()):
        fields = [f.strip() for f in raw.split("\t") if f.strip()]
        if not fields:
            continue
        if len(fields) < 3 or not _ORDER.match(fields[0]):
            if number == 0:
                entity = raw.strip()
            continue
        lines.append(TimelineLine(int(fields[0]), fields[1],
                                  tuple(f.lower() for f in fields[2:])))
    return entity, lines


def read_timelines(directory: str | Path) -> dict[str, list[TimelineLine]]:
    """Every ``*.txt`` timeline in a directory, keyed by its entity name (the first
    line; the file name when that is missing)."""
    found: dict[str, list[TimelineLine]] = {}
    for path in sorted(Path(directory).glob("*.txt")):
        entity, lines = parse_timeline(path.read_text(encoding="utf-8"))
        found[entity or path.stem.replace("_", " ")] = lines
    return found


# -- building an entity's timeline ---------------------------------------------------------

def timeline_lines(events: Iterable[tuple[str, str | None, str]], *,
                   merge_same_word: bool = True) -> list[TimelineLine]:
    """Task lines from ``(event id, anchor or None, lemma)`` in document order.

    Dated events are ordered by anchor (string order, which puts "2006-03" before
    "2006-03-28"), events with the same anchor share a position; undated ones go to
    position 0, which the task reserves for events it cannot order.  With
    ``merge_same_word``, events with the same lemma and anchor are written on one line
    as coreferent (cross-document event coreference at its simplest).

    >>> for line in timeline_lines([("1-2-sold", "2006-01", "sell"), ("2-2-said", None, "say"),
    ...                             ("1-3-launched", "2003", "launch")]):
    ...     print(line.order, line.date, *line.events)
    0 XXXX-XX-XX 2-2-said
    1 2003 1-3-launched
    2 2006-01 1-2-sold
    """
    groups: dict[tuple[str, str], list[str]] = {}
    undated: list[str] = []
    for event_id, date, lemma in events:
        if date is None:
            if event_id not in undated:
                undated.append(event_id)
            continue
        key = (date, lemma if merge_same_word else event_id)
        ids = groups.setdefault(key, [])
        if event_id not in ids:
            ids.append(event_id)
    lines = [TimelineLine(0, UNKNOWN_DATE, (e,)) for e in undated]
    dates = sorted({d for d, _ in groups})  # string order: "2006-03" before "2006-03-28"
    for position, date in enumerate(dates, start=1):
        lines.extend(TimelineLine(position, date, tuple(ids))
                     for (d, _), ids in groups.items() if d == date)
    return lines


def entity_timeline(
    docs: Iterable[tuple[str, str | None, Doc]], entity_name: str, *,
    cat: Mapping[str, CatDocument] | None = None, skip_sentences: int = 0,
) -> list[TimelineLine]:
    """The timeline of one entity over articles given as ``(id, publication date, Doc)``.

    Events come from :func:`storyline.extract.timeline_events.entity_events` (the
    entity's mentions, the verbs and event nouns it takes part in, each anchored to a
    date); :func:`share_dates` gives reports of one event the date one of them states;
    :func:`timeline_lines` orders them.  With ``cat`` (task documents by id, whose
    rebuilt text each Doc was parsed from) events are named with the task's own tokens
    and sentence numbers; without it, with the Doc's sentences and tokens.
    ``skip_sentences`` leaves out each article's first sentences (the task documents'
    title and date line).
    """
    from storyline.extract.timeline_events import entity_events

    events: list[EntityEvent] = []
    published: dict[str, str | None] = {}
    names: dict[int, str] = {}
    for doc_id, date, doc in docs:
        published[doc_id] = date
        task_doc = cat.get(doc_id) if cat is not None else None
        for event in entity_events(doc, ArticleContext(doc_id, date), entity=entity_name,
                                   skip_sentences=skip_sentences):
            event_id = _event_id(event, task_doc)
            if event_id is not None:
                names[len(events)] = event_id
                events.append(event)
    dates = share_dates(events, published)
    return timeline_lines((names[i], dates[i], e.lemma) for i, e in enumerate(events)
                          if i in names)


#: where an event's date came from when it is only the report's own time
_REPORT_TIME = frozenset({"recent", "published"})


def share_dates(events: Sequence[EntityEvent],
                published: Mapping[str, str | None]) -> list[str | None]:
    """Each event's date, once reports of the same event agree on one.

    Reports of one event in several articles (the same word, for the same entity:
    "launched the iTunes Music Store on April 28, 2003", "since its launch") are taken
    as one event (cross-document event coreference at its simplest).  An event the
    entity undergoes (object, possessor...) dated only by its report's time takes the
    day another report states with a time expression, when that day is not after its
    own article's publication; an event dated by a coarser time expression ("2003")
    takes the finer date another report states ("2003-04-28").  Reporting verbs and
    "have" are too common to corefer this way.
    """
    stated: dict[str, dict[str, int]] = {}
    for event in events:
        if event.date_source == "timex" and event.date and not event.reporting \
                and event.lemma not in _NOT_COREFERRING:
            counts = stated.setdefault(event.lemma, {})
            counts[event.date] = counts.get(event.date, 0) + 1
    dates: list[str | None] = []
    for event in events:
        date = event.date
        options = stated.get(event.lemma, {}) if not event.reporting else {}
        limit = published.get(event.article) or "9999"
        usable = [d for d in options if d[:len(limit)] <= limit and d != date]
        if event.date_source in _REPORT_TIME and event.role in _UNDERGOER_ROLES:
            candidates = [d for d in usable if len(d) == 10]
        elif event.date_source == "timex" and date:
            candidates = [d for d in usable if d.startswith(date)]
        else:
            candidates = []
        if candidates:
            date = max(candidates, key=lambda d: (options[d], len(d), d))
        dates.append(date)
    return dates


_NOT_COREFERRING = frozenset({"have", "be", "do", "make", "take", "get", "use", "go"})
#: roles in which the entity undergoes an event that happens to it once ("its launch",
#: "introduced iPhone 4"); what a person does (subject) recurs too often to corefer by word
_UNDERGOER_ROLES = frozenset({"object", "possessor", "modifier", "partner", "predicate"})


def _event_id(event: EntityEvent, task_doc: CatDocument | None) -> str | None:
    if task_doc is not None:
        return task_event_id(task_doc, event.parts)
    words = "_".join(w.replace(" ", "_") for w in event.words).lower()
    return f"{event.article}-{event.sentence}-{words}"
