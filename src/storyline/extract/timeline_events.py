"""The events one named entity takes part in, each dated: the stuff of its timeline.

After the SemEval-2015 TimeLine task (Minard et al., 2015), whose events are TimeML
events (Pustejovsky et al., 2003) with the target entity as a participant.  From each
mention of the entity (:func:`storyline.extract.timeline_mentions.mention_heads`):

* verbs whose subject, object or ``by``-agent it is, the verbs coordinated with them,
  and the non-finite verbs they hand their subject to ("started by *hinting*", "will
  continue to *steer*", "unveiled ..., *saying*"); a verb that only does the handing
  (aspectual and intention verbs: "start", "continue", "decide") is not an event
  itself, a light verb gives way to its event noun ("made an *appearance*"), and a
  verb whose object it is hands that object its complement ("prompting Apple Corps
  to *file* suit");
* reporting verbs only when the entity is the speaker (TimeML's REPORTING class);
  negated verbs never ("has not yet mentioned");
* event nouns it possesses or modifies ("Jobs' *death*", "iPod *use*", "*sales* of its
  iPods", "its *dispute* with Apple Corps"), the predicate noun of a copula ("was a
  *breach*"), and the event noun object of a support verb ("*filed* a *lawsuit*");
* participles and relative clauses on a mention ("the recently *announced* iPhone 4",
  "the store, which *sells* music").

Parsers stumble on names and new words, so a name attached as an apposition or
fragment that a verb follows ("company CEO Steve Jobs unveiled ...") is taken as that
verb's subject, and so is an unknown past form the tagger called a noun ("Jobs demoed").
Dates come from :mod:`storyline.extract.timeline_dates`; word lists from
``data/timeline_events.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Doc, Token

from storyline.extract.timeline_dates import event_dater
from storyline.extract.timeline_mentions import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    is_event_noun,
    light_object,
    mention_heads,
    name_pattern,
    subject_of,
    words,
)
from storyline.extract.times import sentence_dates as governing_dates
from storyline.extract.times import times as time_expressions
from storyline.records import ArticleContext, SentenceDate, TimeExpression

__all__ = ["EntityEvent", "entity_events"]

_CONTROL: Final = frozenset({"xcomp", "advcl"})
_MODIFIER_CLAUSES: Final = frozenset({"acl", "acl:relcl", "advcl:relcl", "amod"})
_NOUN_LINKS: Final = frozenset({"nmod:poss", "compound", "nummod"})
#: a model number the parser hung on the verb without a preposition ("unveiled iPhone 4")
_BARE_OBLIQUE: Final = frozenset({"obl:unmarked", "obl"})
_PREP_LINKS: Final = frozenset({"of", "by"})
_PARTNER_LINKS: Final = frozenset({"with", "against", "between"})
#: what a mention's head may be attached as when the parse went wrong around it
_STRAY: Final = frozenset({"appos", "dep", "ROOT", "flat", "nmod", "list", "parataxis",
                           "obl:unmarked", "nmod:unmarked", "compound"})
#: words between a subject and its verb: auxiliaries and adverbs
_BETWEEN: Final = frozenset({"has", "have", "had", "was", "were", "is", "are", "been",
                             "also", "then", "first", "later", "now", "just", "briefly",
                             "personally", "currently", "already", "once"})


@dataclass(frozen=True, slots=True)
class EntityEvent:
    """An event the target entity takes part in.

    ``start``/``end`` span the trigger word; ``words`` and ``parts`` are every word of
    the event as the task writes it and their character spans (a phrasal verb's
    particle too: "took six months off" → ``("took", "off")``); ``sentence`` is the
    index of the sentence in the Doc; ``role`` how the entity takes part (subject,
    object, agent, possessor, modifier, partner, predicate); ``date`` an ISO anchor of
    day, month or year precision or ``None``; ``date_source`` where it came from
    (``timex``, ``recent``, ``published``); ``reporting`` whether it is a reporting
    verb (too common a word to tell events apart by).
    """

    article: str
    start: int
    end: int
    text: str
    lemma: str
    words: tuple[str, ...]
    parts: tuple[tuple[int, int], ...]
    sentence: int
    role: str
    date: str | None
    date_source: str | None
    reporting: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article, "start": self.start, "end": self.end,
            "text": self.text, "lemma": self.lemma, "words": list(self.words),
            "parts": [list(p) for p in self.parts], "sentence": self.sentence,
            "role": self.role, "date": self.date, "date_source": self.date_source,
            "reporting": self.reporting,
        }


# -- which words are events --------------------------------------------------------------------

def _is_event_verb(token: Token) -> bool:
    never = words("verbs.never") | words("verbs.copulas")
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in never \
        and token.lower_ not in never \
        and not (token.pos_ == "AUX" and token.dep_ in ("aux", "aux:pass", "cop"))


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in ("not", "n't", "never") for c in verb.children)


def _verbish(token: Token) -> bool:
    """A verb, or an unknown past form the tagger took for a noun ("Jobs demoed")."""
    return token.pos_ in ("VERB", "AUX") or (
        token.pos_ == "NOUN" and token.is_lower and token.lower_.endswith("ed")
        and not any(c.dep_ in ("det", "amod", "nmod:poss") for c in token.children))


def _verb_after(doc: Doc, end: int) -> Token | None:
    """The verb right after a name the parser attached elsewhere."""
    for token in doc[end: min(end + 4, len(doc))]:
        if token.lower_ in _BETWEEN:
            continue
        if token.tag_ in ("VBD", "VBZ", "VBN") or (
                token.pos_ == "NOUN" and token.is_lower and token.lower_.endswith("ed")):
            return token
        return None
    return None


def _particles(token: Token) -> list[Token]:
    """The particle of a phrasal verb, however the parser attached it."""
    found = [c for c in token.children if c.dep_ == "compound:prt"]
    if found or token.pos_ not in ("VERB", "AUX"):
        return found
    phrasal = words("verbs.phrasal")
    lemma = token.lemma_.lower()
    for other in token.doc[token.i + 1: min(token.i + 6, token.sent.end)]:
        if f"{lemma} {other.lower_}" in phrasal and token in (other.head, other.head.head):
            return [other]
    return []


# -- from a verb or a mention to its events ----------------------------------------------------

def _handed_on(verb: Token, *, adverbial: bool) -> list[Token]:
    """Verbs that take ``verb``'s subject: its controlled complements ("continue to
    steer"), with ``adverbial`` its subjectless adverbial clauses ("started by
    hinting", "saying"), and the verbs coordinated with it.  A verb with an object
    hands its complement to the object ("allowing them to listen")."""
    found = []
    has_object = any(c.dep_ in OBJECT_DEPS for c in verb.children)
    for child in verb.children:
        if child.pos_ not in ("VERB", "AUX") or subject_of(child) is not None:
            continue
        controlled = child.dep_ in _CONTROL and child.tag_ in ("VB", "VBG", "VBN") \
            and (adverbial or child.dep_ == "xcomp") \
            and not (child.dep_ == "xcomp" and has_object)
        coordinated = child.dep_ == "conj" and not any(c.dep_ == "aux:pass"
                                                       for c in child.children)
        if controlled or coordinated:
            found.append(child)
    return found


def _verb_events(verb: Token, role: str, depth: int = 0, *,
                 controls: bool = False) -> Iterator[tuple[Token, str]]:
    """The events a verb with the entity as ``role`` stands for, and those of the verbs
    it hands the entity on to (for a subject, or any surface subject with ``controls``)."""
    lemma = verb.lemma_.lower()
    passing = words("verbs.pass_through") | words("verbs.intention")
    noun = light_object(verb) if role == "subject" else None
    handed = _handed_on(verb, adverbial=depth == 0 or lemma in passing) \
        if (role == "subject" or controls) and depth < 4 else []
    if noun is not None:
        yield noun, role
    elif lemma in words("verbs.copulas"):
        yield from ((c, "predicate") for c in verb.children
                    if c.dep_ in ("xcomp", "attr") and is_event_noun(c))
    elif lemma in passing and any(h.dep_ in _CONTROL for h in handed):
        pass
    elif _is_event_verb(verb) and not _negated(verb) and (
            role == "subject" or lemma not in words("verbs.reporting")):
        yield verb, role
        if lemma in words("verbs.support") and role == "subject":
            yield from ((c, role) for c in verb.children
                        if c.dep_ == "obj" and is_event_noun(c))
    for other in handed:
        yield from _verb_events(other, "subject" if other.dep_ != "conj" else role, depth + 1)


def _as_argument(head: Token, dep: str, gov: Token) -> Iterator[tuple[Token, str]]:
    """Events of a mention that is a subject, object or agent of ``gov``."""
    if dep in SUBJECT_DEPS:
        if any(c.dep_ == "cop" for c in gov.children):  # "X was a breach"
            if is_event_noun(gov):
                yield gov, "predicate"
        elif gov.pos_ in ("VERB", "AUX"):
            # a passive subject also controls what follows ("It is slated ..., starting")
            yield from _verb_events(gov, "subject" if dep != "nsubj:pass" else "object",
                                    controls=True)
        elif _verbish(gov):
            yield gov, "subject"
    elif dep == "obl:agent" or any(c.lower_ == "by" for c in head.children):
        yield from _verb_events(gov, "agent")
    else:
        controlled = [c for c in gov.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                      and subject_of(c) is None]
        for verb in controlled:  # "prompting Apple Corps to file suit": the object files
            yield from _verb_events(verb, "subject")
        if not controlled:
            yield from _verb_events(gov, "object")


def _mention_events(head: Token, end: int) -> Iterator[tuple[Token, str]]:
    """Events the mention headed by ``head`` (ending before token ``end``) takes part
    in, with its role."""
    dep, gov = head.dep_, head.head
    cases = {c.lower_ for c in head.children if c.dep_ == "case"}
    stray = _verb_after(head.doc, end) if dep in _STRAY else None
    if stray is not None and stray is not gov:
        if stray.pos_ in ("VERB", "AUX"):
            yield from _verb_events(stray, "subject")
        else:
            yield stray, "subject"
    elif dep in SUBJECT_DEPS or (gov.pos_ in ("VERB", "AUX") and (
            dep in OBJECT_DEPS | {"obl:agent"} or (dep in _BARE_OBLIQUE and not cases)
            or (dep == "obl" and "by" in cases))):
        yield from _as_argument(head, dep, gov)
    elif dep in _NOUN_LINKS and gov.lower_ in words("names.kinds") and head.pos_ != "PRON" \
            and 0 < gov.i - head.i <= 4:
        # "iPod players", "iTunes downloadable music service": the phrase names the entity
        yield from _mention_events(gov, gov.i + 1)
    elif dep == "obl" and gov.pos_ in ("VERB", "AUX") and cases & _PARTNER_LINKS:
        # "settled its dispute with Apple Corps": the partner of a relational event
        yield from ((c, "partner") for c in gov.children
                    if c.dep_ == "obj" and c.lemma_.lower() in words("nouns.relational"))
    elif dep == "appos" and gov is not head and gov.pos_ in ("NOUN", "PROPN"):
        # "the Beatles' record company, Apple Corps": where its description stands
        yield from _mention_events(gov, head.i)
    elif dep in _NOUN_LINKS and is_event_noun(gov):
        yield gov, "possessor" if dep == "nmod:poss" else "modifier"
    elif dep == "nmod" and is_event_noun(gov) and (cases & _PREP_LINKS or (
            cases & _PARTNER_LINKS and gov.lemma_.lower() in words("nouns.relational"))):
        yield gov, "modifier"
    for child in head.children:
        if child.dep_ not in _MODIFIER_CLAUSES or child.pos_ != "VERB":
            continue
        if child.dep_ in ("acl", "amod") and child.tag_ in ("VBN", "VBG"):
            role = "object" if child.tag_ == "VBN" else "subject"
            yield child, role
            yield from ((c, role) for c in child.children
                        if c.dep_ == "conj" and c.tag_ == child.tag_)
            continue
        relative = next((c for c in child.children
                         if c.lower_ in words("names.relative_pronouns")), None)
        if relative is not None and relative.dep_ in SUBJECT_DEPS | OBJECT_DEPS:
            yield from _verb_events(child, "subject" if relative.dep_ == "nsubj" else "object")


# -- the extractor -----------------------------------------------------------------------------

def entity_events(
    doc: Doc, ctx: ArticleContext, *, entity: str, skip_sentences: int = 0,
    times: Sequence[TimeExpression] | None = None,
    sentence_dates: Sequence[SentenceDate] | None = None,
) -> Iterator[EntityEvent]:
    """The events ``entity`` (a name) takes part in, in document order, each once.

    ``skip_sentences`` leaves out the first sentences (a corpus's title and date
    line); ``times`` and ``sentence_dates`` are the article's time tagger output
    (:func:`storyline.extract.times.times`, :func:`~storyline.extract.times.sentence_dates`)
    when the caller has it.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Jobs", "unveiled", "it", "."],
    ...           heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "obj", "punct"],
    ...           pos=["PROPN", "VERB", "PRON", "PUNCT"], tags=["NNP", "VBD", "PRP", "."],
    ...           lemmas=["Jobs", "unveil", "it", "."], sent_starts=[1, 0, 0, 0])
    >>> [(e.text, e.role, e.date) for e in entity_events(
    ...     doc, ArticleContext("a", "2010-06-08"), entity="Steve Jobs")]
    [('unveiled', 'subject', '2010-06-08')]
    """
    if times is None:
        times = list(time_expressions(doc, ctx))
    if sentence_dates is None:
        sentence_dates = list(governing_dates(doc, ctx, tagged=times))
    dater = event_dater(doc, ctx, times, sentence_dates)
    heads = mention_heads(doc, name_pattern(entity))
    by_sentence: dict[int, list[tuple[Token, int]]] = {}
    for head, end in heads:
        by_sentence.setdefault(head.sent.start, []).append((head, end))
    mentioned = {h.i for h, _ in heads}
    seen: set[int] = set()
    reporting = words("verbs.reporting")
    for number, sent in enumerate(doc.sents):
        dater.sentence_seen(sent)
        if number < skip_sentences:
            continue
        found = [f for head, end in by_sentence.get(sent.start, [])
                 for f in _mention_events(head, end)]
        for token, role in sorted(found, key=lambda f: f[0].i):
            if token.i in seen or token.i in mentioned:
                continue
            seen.add(token.i)
            parts = [token, *_particles(token)]
            date, source = dater.date(token)
            lemma = token.lemma_.lower()
            yield EntityEvent(
                ctx.id, token.idx, token.idx + len(token.text), token.text, lemma,
                tuple(w.text for w in parts), tuple((w.idx, w.idx + len(w.text)) for w in parts),
                number, role, date, source, lemma in reporting)
