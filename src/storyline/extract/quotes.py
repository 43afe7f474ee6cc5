"""Quotes: who said what, to whom, through whom, and when.

Direct quotes (straight or curly marks, split around the cue, running over
sentences and paragraphs), indirect quotes (``said that ...``, ``told Axios the
group ...``), mixed quotes (``had been "constructive"``), ``according to X``,
``X says`` and attributions of documents (``The New York Times said ...``,
``confirmed a report in The Washington Post that ...``).

The rules for speech read words, capitals and quotation marks, not the parse (see
:mod:`storyline.extract.quote_tokens`), so they work with the ``blank`` pipeline and
degrade gently with a weak model; named-entity labels, when present, only refine
how a speaker is classified.  With a parse, the attributions the words cannot
reach are added (:mod:`storyline.extract.quote_parse`): speech with a long speaker,
beliefs, intentions, stances and topics.  Frames follow the source/cue/content
decomposition of PARC (Pareti, 2016) and PolNeAR (Newell, Margolin & Ruths, 2018).
Each quote's ``kind`` says which it is: ``speech`` (said, told, wrote), ``document``
(``according to X``, ``in his view``), ``belief`` (``X believes that ...``),
``intention`` (``X refused to ...``, ``X wants to ...``), ``stance`` (``X criticized
Y``, ``X endorsed Y``, ``X called for Y``, ``X accused Y of Z``) and ``topic`` (``X
talked about Y``).  Perceptions, feelings with no content, actions and decisions
are not attributions here, nor are verbs whose object is only sometimes one.

The chain of a quote runs from its origin to the reader: the sources the speaker
relays (``Quoting unidentified US officials, it said``), the speaker, the channel
it spoke to (``told AFP``), the relays of the article (``Report informs via Axios``)
and the outlet that published the article.  ``via`` is the part of it between the
channel and the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Doc

from storyline.extract.quote_direct import direct_frames
from storyline.extract.quote_frames import Frame
from storyline.extract.quote_indirect import colon_frames, indirect_frames
from storyline.extract.quote_lexicon import QuoteLexicon, lexicon
from storyline.extract.quote_parse import ATTITUDES, parse_frames, parse_speaker
from storyline.extract.quote_speakers import SpeakerInfo, clause_subject, describe, resolve
from storyline.extract.quote_tokens import NP_PUNCT, TokenView
from storyline.extract.times import times as tag_times
from storyline.records import ArticleContext, TimeExpression

__all__ = ["ChainLink", "Quote", "Speaker", "quotes"]

_ISO_DATE: Final = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: punctuation a speaker may end with: "Netanyahu's", "Sen. Scott (D-Va.)"
_SPEAKER_END_PUNCT: Final = frozenset({"'s", "’s", "'", "’", ")"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to.

    ``text`` is the resolved speaker (the antecedent's text for "he" or "the
    official"), ``mention`` the words at the cue, ``start``/``end`` their offsets.
    """

    text: str
    mention: str
    start: int
    end: int
    anonymous: bool
    affiliation: str | None = None
    seniority: str | None = None
    description: str | None = None
    kind: str = "organization"
    entity: str | None = None
    antecedent_start: int | None = None
    antecedent_end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "entity": self.entity, "anonymous": self.anonymous,
            "affiliation": self.affiliation, "mention": self.mention, "start": self.start,
            "end": self.end, "seniority": self.seniority, "description": self.description,
            "kind": self.kind, "antecedent_start": self.antecedent_start,
            "antecedent_end": self.antecedent_end,
        }


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One hop from the origin of a statement to the reader.

    ``role`` is ``source`` (relayed by the speaker), ``speaker``, ``channel`` (told
    to), ``relay`` (an outlet the article passed through) or ``outlet``; offsets are
    ``None`` for hops known from the article's metadata.
    """

    role: str
    text: str
    anonymous: bool = False
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "anonymous": self.anonymous,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution: content span (``start``/``end``), cue, speaker, channel, chain."""

    article: str
    start: int
    end: int
    content: str
    direct: bool
    cue: str
    cue_start: int
    cue_end: int
    speaker: Speaker
    channel: str | None
    via: tuple[str, ...]
    date: str | None
    #: "cue" (a date governs the cue), "article" (the publication date) or None
    date_source: str | None
    #: indirect content holding a quoted fragment: ``had been "constructive"``
    mixed: bool
    #: speech, document ("according to X"), belief, intention, stance or topic
    kind: str
    #: content pieces when the quote is split around its frame
    parts: tuple[tuple[int, int], ...]
    chain: tuple[ChainLink, ...]
    sentence_start: int
    sentence_end: int

    def as_dict(self) -> dict[str, Any]:
        """The contract's ``quotes`` object (version 1), plus extra fields."""
        return {
            "article": self.article, "start": self.start, "end": self.end,
            "content": self.content, "direct": self.direct, "cue": self.cue,
            "speaker": self.speaker.as_dict(), "channel": self.channel,
            "via": list(self.via), "date": self.date, "date_source": self.date_source,
            "cue_start": self.cue_start, "cue_end": self.cue_end, "mixed": self.mixed,
            "kind": self.kind,
            "parts": [list(p) for p in self.parts],
            "chain": [link.as_dict() for link in self.chain],
            "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
        }


def _speaker(info: SpeakerInfo, antecedent: SpeakerInfo | None, view: TokenView) -> Speaker:
    src = antecedent or info
    return Speaker(
        text=src.text, mention=info.text, start=view.starts[info.start],
        end=view.ends[info.end - 1], anonymous=src.anonymous,
        affiliation=info.affiliation or src.affiliation,
        seniority=info.seniority or src.seniority,
        description=info.description or src.description,
        kind=src.kind if antecedent else info.kind,
        antecedent_start=view.starts[antecedent.start] if antecedent else None,
        antecedent_end=view.ends[antecedent.end - 1] if antecedent else None,
    )


def _date(times: Sequence[TimeExpression], sent: tuple[int, int],
          parts: tuple[tuple[int, int], ...], cue: int,
          ctx: ArticleContext) -> tuple[str | None, str | None]:
    """The calendar date in the attribution frame, outside the content, nearest the cue."""
    best: TimeExpression | None = None
    for t in times:
        if t.start < sent[0] or t.end > sent[1] or t.type not in {"DATE", "TIME"}:
            continue
        if any(ps <= t.start < pe for ps, pe in parts):
            continue
        if _ISO_DATE.match(t.value[:10]) and (
                best is None or abs(t.start - cue) < abs(best.start - cue)):
            best = t
    if best is not None:
        return best.value[:10], "cue"
    return (ctx.published[:10], "article") if ctx.published else (None, None)


def _mentions(view: TokenView, labels: list[str], lex: QuoteLexicon) -> list[SpeakerInfo]:
    """Sentence subjects as candidate antecedents ("US officials were ...")."""
    found = []
    for s, e in view.sents:
        a, b = clause_subject(view, s, e, lex)
        if b > a and view.lower[a] not in lex.sourcing and any(
                view.is_word(k) for k in range(a, b)):
            found.append(describe(view, a, b, lex, labels))
    return found


def quotes(
    doc: Doc,
    ctx: ArticleContext,
    *,
    article_via: tuple[str, ...] = (),
    times: Sequence[TimeExpression] | None = None,
    attitudes: Iterable[str] = ATTITUDES,
    lex: QuoteLexicon | None = None,
) -> Iterator[Quote]:
    """Quotes in the article, in document order of their content.

    ``article_via`` names the outlets the whole article was relayed through (the
    Article's ``via``); ``times`` are the article's time expressions when the caller
    has them already (otherwise they are tagged here) for the date of each cue.
    ``attitudes`` are the kinds the parse adds when the Doc has one (all of them by
    default: ``speech``, ``document``, ``belief``, ``intention``, ``stance``,
    ``topic``; pass fewer to narrow it down); speech and documents found by the word
    rules never need the parse.  ``lex`` replaces the packaged word lists (to measure
    other cue lists, as ``benchmarks.quote_cues_learn`` does).

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> doc = nlp('"We are close," a senior US official told Axios.')
    >>> q = next(quotes(doc, ArticleContext("a", "2024-05-25")))
    >>> (q.content, q.speaker.text, q.speaker.anonymous, q.speaker.affiliation, q.channel)
    ('We are close', 'a senior US official', True, 'US', 'Axios')
    """
    lex = lex or lexicon()
    view = TokenView.of(doc)
    if not view.sents:
        return
    labels = [t.ent_type_ for t in doc]
    if times is None:
        times = list(tag_times(doc, ctx))
    colon = colon_frames(view, lex)
    used = {k for f in colon for a, b in f.parts for k in range(a, b)}
    direct = direct_frames(view, lex, used)
    used |= {f.cue[0] for f in direct}
    frames = colon + direct + indirect_frames(view, lex, used)
    for f in frames:
        _parse_check(doc, view, f, lex)
    # a frame whose speaker was not found is dropped below: it must not hide the parse's
    frames += parse_frames(doc, view, lex, [f for f in frames if f.relay or (
        f.speaker and _trim_speaker(view, f.speaker))], kinds=frozenset(attitudes))
    relays = list(article_via)
    for f in frames:
        if f.relay and f.channel and f.channel[1] > f.channel[0]:
            name = view.span_text(*f.channel)
            if name not in relays:
                relays.append(name)
    for f in frames:
        if f.speaker:
            f.speaker = _trim_speaker(view, f.speaker)
    frames = sorted((f for f in frames if not f.relay and f.speaker and any(
        e > s for s, e in f.parts)), key=lambda f: f.parts[0][0])
    infos = [describe(view, *f.speaker, lex, labels) for f in frames if f.speaker]
    earlier = sorted([*infos, *_mentions(view, labels, lex)], key=lambda i: i.start)
    for f, info in zip(frames, infos, strict=True):
        yield _record(f, info, resolve(info, earlier, lex), view, ctx, times, relays)


def _parse_check(doc: Doc, view: TokenView, f: Frame, lex: QuoteLexicon) -> None:
    """Where the parse gives the cue a subject the word rules missed, it is the speaker.

    "At the port, Ruiz rejected the offer, arguing that ...": walking back from a
    continuing cue finds the opening adverbial; the parse finds whose verb it continues.
    "BOSTON - Ruiz met the families and said ...": walking back from a second verb finds
    the dateline and the first verb's clause; the parse finds the subject they share.
    """
    if f.relay or f.cue[1] - f.cue[0] != 1:
        return
    joined = view.lower[f.cue[0]] not in lex.continuations
    if joined and not _joined_cue(view, f.cue[0], lex):
        return
    found = parse_speaker(doc, f.cue[0])
    if found is None:
        return
    if f.speaker is None or not (f.speaker[0] < found[1] and found[0] < f.speaker[1]):
        if not joined or f.speaker is None or not any(
                doc[k].dep_.startswith("nsubj") for k in range(*f.speaker)):
            f.speaker = found
    elif joined and f.speaker[0] <= found[0] and found[1] <= f.speaker[1] and (
            found != f.speaker and any(doc[k].pos_ in {"VERB", "AUX"}
                                       for k in range(*f.speaker))):
        f.speaker = found  # the word rules ran over the first verb's clause


def _joined_cue(view: TokenView, cue: int, lex: QuoteLexicon) -> bool:
    """``Ruiz met the families and later said ...``: the cue is the second of two verbs."""
    k = cue - 1
    while k >= 0 and (view.is_space(k) or view.lower[k] in lex.adverbs):
        k -= 1
    return k >= 0 and view.lower[k] in lex.coordinators | {"but"}


def _trim_speaker(view: TokenView, r: tuple[int, int]) -> tuple[int, int] | None:
    """The speaker range without edge whitespace, quotation marks and commas."""
    s, e = r
    while s < e and (view.is_space(s) or (view.is_punct(s) and view.words[s] not in NP_PUNCT)):
        s += 1
    while e > s and (view.is_space(e - 1) or (
            view.is_punct(e - 1) and view.words[e - 1] not in _SPEAKER_END_PUNCT)):
        e -= 1
    return (s, e) if any(view.is_word(k) for k in range(s, e)) else None


def _record(f: Frame, info: SpeakerInfo, antecedent: SpeakerInfo | None, view: TokenView,
            ctx: ArticleContext, times: Sequence[TimeExpression], relays: list[str]) -> Quote:
    parts = tuple((view.starts[s], view.ends[e - 1]) for s, e in f.parts if e > s)
    start, end = parts[0][0], parts[-1][1]
    speaker = _speaker(info, antecedent, view)
    channel = view.span_text(*f.channel) if f.channel else None
    sent = view.sents[view.sent_of[f.cue[0]]]
    cue_s, cue_e = view.starts[f.cue[0]], view.ends[f.cue[1] - 1]
    # the frame: from the speaker or cue to the content after it, or to the sentence end
    lo = min(cue_s, speaker.start)
    hi = start if start >= cue_e else view.ends[sent[1] - 1]
    date, date_source = _date(times, (lo, max(hi, cue_e, speaker.end)), parts, cue_s, ctx)
    via = tuple(r for k, r in enumerate(relays) if not (k == 0 and r == channel))
    chain = [ChainLink("source", view.span_text(*r), _anonymous_words(view, r), view.starts[r[0]],
                       view.ends[r[1] - 1]) for r in f.sources if r[1] > r[0]]
    chain.append(ChainLink("speaker", speaker.text, speaker.anonymous, speaker.start, speaker.end))
    if channel and f.channel:
        chain.append(ChainLink("channel", channel, False, view.starts[f.channel[0]],
                               view.ends[f.channel[1] - 1]))
    chain.extend(ChainLink("relay", r) for r in via)
    if ctx.outlet:
        chain.append(ChainLink("outlet", ctx.outlet))
    mixed = not f.direct and any(view.quote_of[k] >= 0 for s, e in f.parts for k in range(s, e))
    return Quote(
        ctx.id, start, end, view.text[start:end], f.direct, view.text[cue_s:cue_e], cue_s, cue_e,
        speaker, channel, via, date, date_source, mixed, f.kind, parts, tuple(chain),
        view.starts[sent[0]], view.ends[sent[1] - 1],
    )


def _anonymous_words(view: TokenView, r: tuple[int, int]) -> bool:
    lex = lexicon()
    return any(view.lower[k] in lex.anonymous for k in range(*r)) and not any(
        view.is_capital(k) and view.lower[k] not in lex.determiners and k == r[1] - 1
        for k in range(*r))
