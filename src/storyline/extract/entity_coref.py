"""Pronouns and definite descriptions of one article, attached to its entities.

:func:`storyline.extract.entities.entities` groups the *names* of an article; this
module adds what refers to them without naming them, in the order of the text, each
attachment with the rule that made it (the evidence record's ``rule``) and the
mention it goes back to:

* ``relative-pronoun``: "Apple, which ..." to the noun phrase the clause modifies;
* ``description-apposition``: "NPD Group, a market research firm", "Tiger, the newest
  version of Apple's Mac OS X", "the Beatles' record company, Apple Corps" (another
  entity's name inside the phrase is its possessor or modifier, not its head);
* definite descriptions (:mod:`storyline.extract.entity_coref_nouns`), to the most
  salient earlier entity they fit: ``description-role`` ("the chief executive" → the
  person the article gives that office), ``description-name-head`` ("the store" after
  "the iTunes Store"), ``description-repeat`` ("the firm" after "a research firm"),
  ``description-name-word`` ("the computer company": Apple Computer), and by kind:
  ``description-org`` ("the company", "the company website"), ``-media`` ("the
  newspaper"), ``-country``, ``-place`` ("the city"), ``-product`` ("the device"),
  ``-group`` (a NORP);
* third-person pronouns by agreement and salience (the understood subject of an
  infinitive counting as its clause's subject: "the Commission forced Apple to lower
  its prices"; "a new version of iTunes" standing for iTunes): ``pronoun-person``
  (he/she → a person of that gender or of none known), ``pronoun-thing`` (it → an organisation,
  place or thing), ``pronoun-group`` (they → an organisation or a group),
  ``pronoun-cataphora`` ("Since its launch, the store ..."); salience is recency in
  sentences, grammatical role (subject or passive agent first), parallel role,
  embedding and how often the entity was just mentioned, within three sentences,
  less across a paragraph break.  Noun phrases that are no entity compete too
  ("users ... their", "the robot ... it") and keep the pronoun where they win; a
  pronoun never takes a co-argument of its own verb (nor the subject a conjoined
  verb shares: "Ballmer praised Jobs and described him") nor, inside a quotation,
  its speaker; an empty "it" ("it is expected that", "it seems", "it was Jobs who")
  is skipped;
* ``pronoun-speaker``: "I" in a quotation to its speaker, "we" to the speaker if an
  organisation or to the organisation the speaking person holds an office of.

Notes:
    A knowledge-poor salience ranking in the tradition of Lappin & Leass (1994,
    *An algorithm for pronominal anaphora resolution*) and Mitkov (1998, *Robust
    pronoun resolution with limited knowledge*), with the precise constructions
    (apposition, relative pronoun) first as in the Stanford
    sieve (Lee et al. 2013, *Deterministic coreference resolution based on
    entity-centric, precision-ranked rules*).  Word lists are the ``[coref]`` tables
    of ``data/names.toml``.  Nothing here needs the parse to be right: without a
    parse the grammatical roles are unknown and recency decides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from storyline.extract.entity_coref_discourse import (
    OBJECT,
    PLURAL_PHRASE,
    POSS,
    PRONOUN_WINDOW,
    ROLE_SALIENCE,
    SUBJECT,
    THING_PHRASE,
    UNKNOWN_NAME,
    Discourse,
    Mark,
    Reference,
    Referent,
    Span,
    block_quotes,
    quote_regions,
)
from storyline.extract.entity_coref_nouns import NounRules
from storyline.extract.entity_coref_words import CorefWords, coref_words
from storyline.extract.entity_lexicon import fold
from storyline.extract.entity_records import (
    Evidence,
    LocalEntity,
    Mention,
    MentionIndex,
    add_mentions,
)
from storyline.extract.quote_lexicon import lexicon as quote_lexicon

__all__ = ["CorefWords", "Reference", "coref_words", "references", "with_references"]

_CORE = SUBJECT | OBJECT
_CLAUSE = frozenset({"ccomp", "csubj", "csubj:pass", "xcomp", "advcl"})
#: salience (Lappin & Leass's factors, rescaled; the role of the antecedent's mention
#: is :data:`ROLE_SALIENCE`): its distance in sentences, the number of mentions of its
#: entity within that distance, the same role as the pronoun's, a paragraph between
_DISTANCE = (50, 30, 15, 5)  # one per sentence of PRONOUN_WINDOW
_MENTIONS, _MENTIONS_CAP = 5, 6
_PARALLEL, _PARAGRAPH = 10, 15
#: the subject of the pronoun's own clause ("others tweeted about their experience")
_CLAUSE_SUBJECT = 20
#: a mention inside a relative clause is less salient (Lappin & Leass's head noun
#: emphasis)
_EMBEDDED = 15
#: an organisation is "they" less often than a plural noun phrase is
_PLURAL_ORG = 20
#: the gender a pronoun class may not stand for, and the noun phrases (no entity) that
#: compete with entities for it
_EXCLUDED_GENDER = {"masculine": "f", "feminine": "m"}
_BLOCKERS = {"plural": PLURAL_PHRASE, "neuter": THING_PHRASE}
_PRONOUN_RULES = {"masculine": "pronoun-person", "feminine": "pronoun-person",
                  "neuter": "pronoun-thing", "plural": "pronoun-group"}


def _main_verb(sent: TokenSpan) -> Token:
    """The root of a sentence; a parse that hangs a sentence on the line break before
    it is read as if the sentence had its own root."""
    root = sent.root
    if root.is_space:
        return next((c for c in root.children if not (c.is_space or c.is_punct)), root)
    return root


def _controller(verb: Token, object_control: frozenset[str]) -> int:
    """The index of the understood subject of an infinitive clause without one: the
    object of an object-control verb ("forced Apple to lower its prices"), else the
    subject of the verb it depends on ("Apple sued Cisco to protect its name"); -1
    where the clause has its own subject or is no infinitive."""
    if any(c.dep_ in SUBJECT for c in verb.children) or verb.head.i == verb.i:
        return -1
    if verb.dep_ != "xcomp" and not (verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "to" for c in verb.children)):
        return -1
    governor = verb.head
    if governor.lemma_.lower() in object_control:
        found = next((c for c in governor.children if c.dep_ in OBJECT), None)
    else:
        found = next((c for c in governor.children if c.dep_ in SUBJECT), None)
    return -1 if found is None else found.i


def _clause(token: Token) -> int:
    """The verb (or the root) whose clause the token is in."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.i


class _Resolver(NounRules):
    """Walks the article once, attaching each reference as it comes (a reference made
    is an antecedent for the next)."""

    def __init__(self, article: Discourse) -> None:
        self.a = article
        self.words = article.words
        self.history: list[Mark] = []
        self.by_span: dict[Span, Mark] = {}
        #: quotations set off by a colon → the offset of their verb ("which reads:")
        self.blocks = block_quotes(article.text, article.words.block_verbs)
        # marked quotations first: one inside a block quotation is its own
        self.quotes = quote_regions(article.text) + list(self.blocks)
        self.first_person = frozenset(w for w, c in self.words.pronouns.items()
                                      if c.startswith("first"))
        #: quotation -> its speaker, once asked
        self.speakers: dict[Span, Mark | None] = {}

    def run(self) -> Iterator[Reference]:
        a, doc = self.a, self.a.doc
        pending, j = a.marks, 0
        for i in a.candidates:
            token = doc[i]
            while j < len(pending) and pending[j].start <= token.idx:
                self.push(pending[j])
                j += 1
            found = self.token(token)
            if found is None:
                continue
            ref, head = found
            if (ref.start, ref.end) in self.by_span:
                continue
            yield ref
            mark = a.mark(ref.start, ref.end, ref.entity, head)
            self.push(mark)
            if ref.kind == "description":
                a.entities[ref.entity].described.add(fold(doc[head].lemma_ or doc[head].text))
            if ref.kind == "pronoun":
                entity = a.entities[ref.entity]
                cls = self.words.pronouns.get(token.lower_)
                if entity.gender is None and cls in ("masculine", "feminine"):
                    entity.gender = "m" if cls == "masculine" else "f"

    def push(self, mark: Mark) -> None:
        if (mark.start, mark.end) in self.by_span:
            return
        self.history.append(mark)
        if mark.entity < 0:
            return
        self.by_span[(mark.start, mark.end)] = mark
        self.a.entities[mark.entity].count += 1

    # -- one token ----------------------------------------------------------------------

    def token(self, token: Token) -> tuple[Reference, int] | None:
        cls = self.words.pronouns.get(token.lower_)
        if cls in ("masculine", "feminine", "neuter", "plural"):
            if token.tag_ in ("WDT", "DT") or (cls == "neuter" and self.pleonastic(token)):
                return None
            return self.pronoun(token, cls)
        if cls in ("first_singular", "first_plural"):
            return self.speaker(token, cls)
        if cls == "relative" and self.a.parsed:
            found = self.relative(token)
            if found is not None:
                return found
        if token.i in self.a.as_heads and token.i not in self.a.owner:
            found = self.as_predicate(token)
            if found is not None or token.pos_ != "NOUN":
                return found
        if token.pos_ == "NOUN" and self.a.parsed and token.i not in self.a.owner:
            return self.described(token)
        return None

    def reference(self, first: int, last: int, kind: str, mark: Mark, rule: str,
                  why: str) -> tuple[Reference, int]:
        doc = self.a.doc
        start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        text = self.a.text[start:end]
        detail = f"{text!r} → {mark.text!r}: {why}"
        head = self.a.root(first, last)
        return Reference(start, end, text, kind, mark.entity, rule, (mark.start, mark.end),
                         detail), head

    # -- pronouns -----------------------------------------------------------------------

    def pleonastic(self, token: Token) -> bool:
        """An empty "it": "it is likely that", "it was announced that", "it seems",
        "it feels great to ...", "it was Jobs who ...", or the action of "do it"."""
        if not self.a.parsed:
            return False
        verb, w = token.head, self.words
        if token.dep_ == "expl":
            return True
        if token.dep_ in OBJECT:
            return verb.lemma_.lower() in w.light_verbs
        if token.dep_ not in SUBJECT:
            return False
        lemma = verb.lemma_.lower()
        clause = any(c.dep_ in _CLAUSE for c in verb.children)
        if lemma in w.pleonastic_verbs:
            return True
        if token.dep_ == "nsubj:pass":  # "it was announced that": not "it is expected to"
            return any(c.dep_ in ("ccomp", "csubj:pass") for c in verb.children) or (
                lemma in w.pleonastic_passives and any(
                    c.left_edge.lower_ in ("that", "whether") for c in verb.rights))
        if any(c.dep_ == "cop" for c in verb.children):
            if verb.pos_ == "PROPN" or verb.i in self.a.owner:  # a cleft
                return any(c.dep_ == "acl:relcl" for c in verb.children)
            return clause and (lemma in w.pleonastic_predicates or verb.pos_ == "ADJ")
        # "it feels great to ...", "it looks likely that ..."
        return any(c.dep_ == "xcomp" and c.pos_ == "ADJ" and any(
            g.dep_ in _CLAUSE for g in c.children) for c in verb.children)

    def compatible(self, entity: Referent, cls: str) -> bool:
        if entity.type not in self.words.types.get(cls, frozenset()):
            return False
        if cls == "masculine":
            return entity.gender != "f"
        if cls == "feminine":
            return entity.gender != "m"
        return True

    def pronoun(self, token: Token, cls: str) -> tuple[Reference, int] | None:
        a = self.a
        sent = a.sent_of[token.i]
        role = a.role(token.i)
        bound = a.parsed and token.lower_ not in self.words.reflexive and token.dep_ in _CORE
        clause = _clause(token) if a.parsed else -1
        controller = (_controller(a.doc[clause], self.words.object_control)
                      if clause >= 0 else -1)
        # in a quotation, the speaker is "I", not "he": "X said, 'I think his ...'"
        region = next((r for r in self.quotes if r[0] <= token.idx < r[1]), None)
        speaker = self.quote_speaker(region) if region and a.parsed else None
        types, gender = self.words.types.get(cls, frozenset()), _EXCLUDED_GENDER.get(cls)
        blocker = _BLOCKERS.get(cls)
        verb = token.head.i
        verb_lemma = a.lemma[verb] if a.parsed else 0
        # a verb conjoined to another shares its subject: "Ballmer expressed condolences
        # and described him as ..." (him is not Ballmer)
        shared = (token.head.head.i if bound and token.head.dep_ == "conj" and not any(
            c.dep_ in SUBJECT for c in token.head.children) else -1)
        here = a.para_of[sent]
        scored: dict[int, tuple[int, int, Mark]] = {}
        recent: dict[int, int] = {}
        for mark in reversed(self.history):
            if mark.sent <= sent - PRONOUN_WINDOW:
                break
            if mark.end > token.idx:
                continue  # it contains the pronoun ("the heads of its agency")
            if mark.entity < 0:
                if mark.entity != blocker and mark.entity != UNKNOWN_NAME:
                    continue
                key, organisation = -1 - mark.start, False  # each stands alone
            else:
                entity = a.entities[mark.entity]
                if entity.type not in types or (gender is not None and entity.gender == gender) \
                        or (speaker is not None and mark.entity == speaker.entity):
                    continue
                key, organisation = mark.entity, entity.type == "ORG"
            if mark.text.lower() in self.first_person and self.quoted(mark.start, token.idx):
                continue  # "we ... them" in one quotation are two parties
            governor = a.governor(mark.head)
            if bound and ((governor == verb and mark.role in ("subject", "object"))
                          or (governor == shared and mark.role == "subject")):
                continue  # a co-argument: "IBM sued him" is not IBM
            recent[key] = recent.get(key, 0) + 1
            score = _DISTANCE[sent - mark.sent] + ROLE_SALIENCE[mark.role]
            if role == mark.role == "subject":
                score += _PARALLEL
                if a.parsed and a.lemma[governor] == verb_lemma:
                    score += _PARALLEL  # "The Times said ... it said"
            if (mark.role == "subject" and governor == clause) or mark.head == controller:
                score += _CLAUSE_SUBJECT
            elif a.embedded(mark.head):
                score -= _EMBEDDED
            if here != mark.para:
                score -= _PARAGRAPH
            if cls == "plural" and organisation:
                score -= _PLURAL_ORG
            if key not in scored or (score, mark.start) > scored[key][:2]:
                scored[key] = (score, mark.start, mark)
        best: tuple[int, int, Mark] | None = None
        for key, (score, start, mark) in scored.items():
            if cls != "plural":  # a plural noun phrase is as salient as a frequent name
                score += _MENTIONS * min(recent[key], _MENTIONS_CAP)
            if best is None or (score, start) > best[:2]:
                best = (score, start, mark)
        if best is None or best[2].sent < sent:
            found = self.cataphor(token, cls)
            if found is not None:
                return found
        if best is None or best[2].entity < 0:
            return None
        mark = best[2]
        where = "same sentence" if mark.sent == sent else f"{sent - mark.sent} sentence(s) back"
        return self.reference(token.i, token.i + 1, "pronoun", mark, _PRONOUN_RULES[cls],
                              f"agrees; {mark.role} {where}, salience {best[0]}")

    def quoted(self, start: int, end: int) -> bool:
        """Whether both offsets are inside one quotation."""
        return any(r[0] <= start and end < r[1] for r in self.quotes)

    def cataphor(self, token: Token, cls: str) -> tuple[Reference, int] | None:
        """A possessive before the subject it belongs to: "Since its launch, the store
        has sold ..." (the subject, if an entity; else nothing)."""
        if not self.a.parsed or token.dep_ not in POSS:
            return None
        root = _main_verb(self.a.sentence(self.a.sent_of[token.i]))
        subject = next((c for c in root.children if c.dep_ in SUBJECT), None)
        if subject is None or subject.left_edge.i <= token.i:
            return None
        owner = self.a.owner.get(subject.i)
        if owner is None:
            owner = next((self.a.owner[c.i] for c in subject.children
                          if c.dep_ == "compound" and c.i in self.a.owner), None)
        if owner is None or not self.compatible(self.a.entities[owner], cls):
            return None
        mark = next(m for m in self.a.marks if m.entity == owner and m.start >= token.idx)
        return self.reference(token.i, token.i + 1, "pronoun", mark, "pronoun-cataphora",
                              "a possessive before the subject it belongs to")

    def relative(self, token: Token) -> tuple[Reference, int] | None:
        """ "which"/"who"/"that" opening a clause on a noun of an entity."""
        verb = token.head
        if not verb.dep_.endswith(":relcl") or token.i > verb.i:
            return None
        mark = self.mark_at(verb.head.i) if verb.dep_ == "acl:relcl" else None
        if mark is None and token.i > 0:  # "Zelensky, who ..." parsed off its noun
            before = token.i - (2 if token.nbor(-1).text == "," and token.i > 1 else 1)
            mark = self.mark_at(before)
        if mark is None:
            return None
        noun = self.a.doc[mark.head]
        entity = self.a.entities[mark.entity]
        kind = {"who": "who", "whom": "who", "which": "which"}.get(token.lower_)
        if kind is not None and entity.type not in self.words.types[kind]:
            return None
        return self.reference(token.i, token.i + 1, "pronoun", mark, "relative-pronoun",
                              f"opens a clause on {noun.text!r}")

    def mark_at(self, i: int) -> Mark | None:
        """The latest mention covering token ``i``."""
        idx = self.a.doc[i].idx
        for mark in reversed(self.history[-40:]):
            if mark.start <= idx < mark.end and mark.entity >= 0:
                return mark
        return None

    # -- first person in quotations -------------------------------------------------------

    def speaker(self, token: Token, cls: str) -> tuple[Reference, int] | None:
        if token.tag_ not in ("PRP", "PRP$") or (token.is_upper and len(token) > 1):
            return None  # "US" is no "us"
        region = next((r for r in self.quotes if r[0] <= token.idx < r[1]), None)
        if region is None or not self.a.parsed:
            return None
        mark = self.quote_speaker(region)
        if mark is None:
            return None
        entity = self.a.entities[mark.entity]
        if cls == "first_singular" and entity.type == "PERSON":
            return self.reference(token.i, token.i + 1, "pronoun", mark, "pronoun-speaker",
                                  "first person in a quotation of this speaker")
        if cls == "first_plural" and entity.type == "ORG":
            return self.reference(token.i, token.i + 1, "pronoun", mark, "pronoun-speaker",
                                  "first person plural in a quotation of this organisation")
        if cls == "first_plural" and entity.type == "PERSON":
            org = self.employer(mark)
            if org is not None:
                return self.reference(token.i, token.i + 1, "pronoun", org, "pronoun-speaker",
                                      f"first person plural in a quotation of {mark.text!r}")
        return None

    def quote_speaker(self, region: Span) -> Mark | None:
        """The entity that says a quotation: the subject of a verb of saying outside it
        in its sentence(s) ("..., said Neil Aspinall"; "he said, ..."), else the last
        subject before it in its sentence ("Jobs left this farewell, ..."), else the
        speaker of a quotation that ended in the sentence before."""
        if region in self.speakers:
            return self.speakers[region]
        if region in self.blocks:
            self.speakers[region] = self.writer(self.blocks[region])
            return self.speakers[region]
        a, speech = self.a, quote_lexicon().speech
        first, last = a.tokens(region[0], region[1])
        end = len(a.doc) - 1
        sents = sorted({a.sent_of[min(first, end)], a.sent_of[min(last, end)]})
        found: Mark | None = None
        for token in (t for n in sents for t in a.sentence(n)):
            if first <= token.i < last or token.lower_ not in speech:
                continue
            verb = token
            if not any(c.dep_ in SUBJECT for c in verb.children) and verb.dep_ in (
                    "advcl", "xcomp", "acl", "conj"):
                verb = verb.head  # "Jobs resigned in a letter stating ..."
            found = self.subject_mark(verb)
            if found is not None:
                break
        if found is None:
            before = a.doc[a.bounds[sents[0]][0]:first]
            found = next((m for t in reversed(before) if t.dep_ in SUBJECT
                          for m in [self.subject_of(t)] if m is not None), None)
        if found is None:
            previous = [r for r in self.speakers if r[1] <= region[0]]
            if previous and a.sent_of[min(a.tokens(*previous[-1])[1], end)] >= sents[0] - 1:
                found = self.speakers[previous[-1]]
        self.speakers[region] = found
        return found

    def writer(self, offset: int) -> Mark | None:
        """Who says a block quotation: the subject of the verb at ``offset``, or the
        owner of the text that is its subject ("Jobs's email, which reads: ...")."""
        verb = self.a.doc[self.a.tokens(offset, offset + 1)[0]]
        subject = next((c for c in verb.children if c.dep_ in SUBJECT), None)
        if subject is None:
            return None
        found = self.subject_of(subject)
        if found is None:
            relative = subject.tag_ == "WDT" and verb.dep_.endswith("relcl")
            noun = verb.head if relative else subject
            found = self.subject_of(noun) or next(
                (m for c in noun.children if c.dep_ in POSS
                 for m in [self.subject_of(c)] if m is not None), None)
        return found

    def subject_mark(self, verb: Token) -> Mark | None:
        for child in verb.children:
            if child.dep_ in SUBJECT:
                return self.subject_of(child)
        return None

    def subject_of(self, token: Token) -> Mark | None:
        """The mention (a name, or a reference made so far) whose head is ``token``."""
        return self.a.mark_of.get(token.i) or self.by_span.get(
            (token.idx, token.idx + len(token)))

    def employer(self, mark: Mark) -> Mark | None:
        """The organisation a speaking person stands for: an office of it ("Apple's
        CEO"), or one named in an apposition to the speaker ("X, manager of Apple Corps")."""
        a = self.a
        orgs = [e for e in a.entities.values() if e.type == "ORG"]
        held = a.entities[mark.entity].orgs
        chosen = [e for e in orgs if e.names & held]
        if not chosen:
            head = a.doc[mark.head]
            inside = {a.owner[t.i] for c in head.children if c.dep_ == "appos"
                      for t in c.subtree if t.i in a.owner}
            chosen = [e for e in orgs if e.local in inside]
        if len(chosen) != 1:
            return None
        named = [m for m in a.marks if m.entity == chosen[0].local]
        before = [m for m in named if m.start < mark.start]
        return before[-1] if before else named[0] if named else None



def references(doc: Doc, found: Sequence[LocalEntity], *, text: str | None = None
               ) -> Iterator[Reference]:
    """The pronouns and descriptions of ``doc`` attached to the entities ``found`` in
    it, in document order.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["Apple", "said", "it", "would", "grow", "."]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 4, 4, 1, 1],
    ...           deps=["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"],
    ...           ents=["B-ORG", "O", "O", "O", "O", "O"])
    >>> apple = LocalEntity("a", 0, "Apple", "ORG", None, None, (Mention(0, 5, "Apple", "name"),))
    >>> [(r.text, r.entity, r.rule) for r in references(doc, [apple])]
    [('it', 0, 'pronoun-thing')]
    """
    if not found or not len(doc):
        return iter(())
    return _Resolver(Discourse(doc, found, coref_words(), text)).run()


def with_references(doc: Doc, found: Sequence[LocalEntity], *, text: str | None = None
                    ) -> list[LocalEntity]:
    """``found`` with the references of :func:`references` added to their entities'
    mentions (kind ``pronoun`` or ``description``), each with an :class:`Evidence`
    record naming its rule and pointing at the reference and its antecedent."""
    added: dict[int, list[Reference]] = {}
    for ref in references(doc, found, text=text):
        added.setdefault(ref.entity, []).append(ref)
    out: list[LocalEntity] = []
    for entity in found:
        refs = added.get(entity.local)
        if not refs:
            out.append(entity)
            continue
        new = [Mention(r.start, r.end, r.text, r.kind) for r in refs]
        out.append(add_mentions(entity, new, partial(_reference_evidence, refs)))
    return out


def _reference_evidence(refs: Sequence[Reference], index: MentionIndex,
                        old: Sequence[Mention]) -> list[Evidence]:
    """Each reference points at itself and its antecedent: the mention it went back
    to, or where that was a phrase standing for the entity ("a new version of iTunes
    ... it"), the entity's last mention before the reference."""
    out: list[Evidence] = []
    for r in refs:
        ante = index.get(r.antecedent)
        if ante is None:
            ante = max((index[(m.start, m.end)] for m in old if m.start < r.start),
                       default=None)
        if ante is not None:
            out.append(Evidence(r.rule, (index[(r.start, r.end)], ante), r.detail))
    return out
