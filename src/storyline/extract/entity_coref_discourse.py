"""The discourse of one article for :mod:`storyline.extract.entity_coref`: its
sentences and paragraphs, the entities it names (:class:`Referent`: type, gender,
offices, name words) and their mentions as antecedent candidates (:class:`Mark`), with
the grammatical role of each.

Token attributes are read as columns of string-store ids (``Doc.to_array``) so that
only the few tokens that may refer, or stand in a reference's way, become ``Token``
objects: making those is most of the cost of a pass over a ``Doc``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, NamedTuple

from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from storyline.extract.entity_coref_words import CorefWords
from storyline.extract.entity_lexicon import fold, lexicon
from storyline.extract.entity_records import LocalEntity

Span = tuple[int, int]

SUBJECT = frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"})
#: the agent of a passive ("taken by Hamas") is as salient as a subject
AGENT = frozenset({"obl:agent"})
OBJECT = frozenset({"obj", "iobj"})
POSS = frozenset({"nmod:poss", "poss"})
MODIFIER = frozenset({"compound", "amod", "nmod:unmarked", "nmod:desc", "flat"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_QUOTES_OPEN = "“«"
_QUOTE_MARKS = re.compile('["“”«»]')
#: how many sentences a pronoun looks at: its own and the three before
PRONOUN_WINDOW = 4
#: how salient a mention makes its entity by its grammatical role (Lappin & Leass's
#: subject, object and head-noun emphasis, rescaled)
ROLE_SALIENCE = {"subject": 35, "object": 20, "poss": 15, "other": 10, "modifier": 3}
#: the entity of a mark that is a plural noun phrase, not an entity
PLURAL_PHRASE = -1
#: the entity of a mark that is a proper noun subject NER did not recognise
UNKNOWN_NAME = -2
#: the entity of a mark that is a singular noun phrase, not an entity ("the robot")
THING_PHRASE = -3


@dataclass(frozen=True, slots=True)
class Reference:
    """A pronoun or description of the article attached to one of its entities."""

    start: int
    end: int
    text: str
    #: "pronoun" or "description"
    kind: str
    #: ``local`` index of the entity
    entity: int
    rule: str
    #: the span of the mention it was attached through (a name or an earlier reference)
    antecedent: Span
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "entity": self.entity, "rule": self.rule,
                "antecedent": list(self.antecedent), "detail": self.detail}


@dataclass(slots=True)
class Referent:
    """What agreement and descriptions need to know of one entity of the article."""

    local: int
    type: str
    #: a country (an entity with a gazetteer code)
    country: bool
    #: "m", "f" or None (unknown); set by the first "he"/"she" where unknown
    gender: str | None
    #: the offices it holds ("chief executive")
    titles: frozenset[str]
    #: last words of its names ("store" of "iTunes Store")
    heads: frozenset[str]
    #: mentions so far
    count: int = 0
    #: heads of the descriptions attached to it so far ("a research firm" → "firm")
    described: set[str] = field(default_factory=set)
    #: folded names it goes by, their words, and the organisations its offices are of
    names: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    #: a news outlet: "the newspaper", never "the group"
    outlet: bool = False
    orgs: frozenset[str] = frozenset()


class Mark(NamedTuple):
    """A mention of an entity in the discourse, as an antecedent candidate (a tuple:
    there are many, and a tuple is made fast)."""

    start: int
    end: int
    entity: int
    sent: int
    para: int
    role: str
    #: the mention's head token
    head: int
    text: str


@cache
def string_ids(strings: Iterable[str]) -> frozenset[int]:
    """The string-store ids of ``strings`` (as token attribute columns hold them); for
    the fixed word sets only (the cache keeps every set it is given)."""
    return frozenset(get_string_id(x) for x in strings)


@cache
def role_of(dep: int) -> str:
    """The role a dependency label (by id) gives a mention: subject, object, poss
    (possessor), modifier (inside a longer name: "Apple CEO") or other."""
    for role, labels in (("subject", SUBJECT | AGENT), ("object", OBJECT), ("poss", POSS),
                         ("modifier", MODIFIER)):
        if dep in string_ids(labels):
            return role
    return "other"


#: names recur from article to article ("Apple"): fold each once
_fold = lru_cache(maxsize=1 << 14)(fold)


def gender_of(entity: LocalEntity, words: CorefWords) -> str | None:
    """"m" or "f" where a person's honorific, title or given name says so
    ("Mrs", "chairwoman", "Angela"), else None."""
    if entity.type != "PERSON":
        return None
    said = {w.strip(".") for text in {m.text.lower() for m in entity.mentions}
            for w in text.split()}
    said |= {(r.written or r.title).lower() for r in entity.roles}
    first = _fold(entity.name.split()[0]) if entity.name else ""
    male = bool(said & words.masculine) or first in words.masculine_given
    female = bool(said & words.feminine) or first in words.feminine_given
    return "m" if male and not female else "f" if female and not male else None


def compound_kinds(entity: LocalEntity) -> set[str]:
    """The kind nouns of an entity's compound mentions (``description-compound``):
    "store" of "iTunes store", "blog" of "the technology blog Gizmodo"."""
    names = [m.text for m in entity.mentions if m.kind in ("name", "alias")]
    kinds: set[str] = set()
    for ev in entity.evidence:
        if ev.rule != "description-compound" or not ev.mentions:
            continue
        text = entity.mentions[ev.mentions[0]].text
        before = next((text[:-len(n)].split() for n in names if text.endswith(n)), None)
        word = before[-1] if before else None if before is not None else text.split()[-1]
        if word:
            kinds.add(head_word(word))
    return kinds


def referent(entity: LocalEntity, words: CorefWords) -> Referent:
    """What agreement and descriptions need to know of an entity."""
    named = {_fold(t) for t in {m.text for m in entity.mentions if m.kind in ("name", "alias")}}
    institutions = lexicon().institutions
    return Referent(
        entity.local, entity.type, entity.code is not None, gender_of(entity, words),
        frozenset(r.title for r in entity.roles if not r.former),
        frozenset(head_word(n.split()[-1]) for n in named if " " in n),
        described=compound_kinds(entity),
        names=frozenset(named),
        words=frozenset(w for n in named for w in n.split()),
        orgs=frozenset(_fold(r.of) for r in entity.roles if r.of) | frozenset(
            [_fold(entity.affiliation)] if entity.affiliation else []),
        outlet=any(known.outlet for n in named if (known := institutions.get(n))))


def head_word(word: str) -> str:
    """A name's last word as a description's head would be: "Stores" → "store"."""
    word = fold(word).strip(".,'\"")
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


class Discourse:
    """The discourse of one article: its sentences, paragraphs and entity mentions."""

    def __init__(self, doc: Doc, found: Sequence[LocalEntity], words: CorefWords,
                 text: str | None = None) -> None:
        # ``doc.text`` joins every token anew: the caller that has it passes it
        self.doc, self.words, self.text = doc, words, doc.text if text is None else text
        self.parsed = doc.has_annotation("DEP")
        # token attributes as columns of ids, so that only the few tokens that may refer
        # or block a reference become Token objects (the cost is in making those)
        table = doc.to_array(["IDX", "LENGTH", "LOWER", "POS", "TAG", "DEP", "LEMMA",
                              "IS_SPACE"])
        (self.starts, self.lengths, self.lower, self.pos, self.tag, self.dep, self.lemma,
         self.space) = (table.T.tolist() if len(doc) else ([] for _ in range(8)))
        #: offset of each token's head (stored unsigned: -1 reads 2**64 - 1)
        self.heads: list[int] = doc.to_array(["HEAD"]).astype("int64").tolist()
        self.bounds, self.sent_of, self.para_of = self._sentences()
        self._embedded: dict[int, bool] = {}
        self.entities = {e.local: referent(e, words) for e in found}
        #: token index -> local index of the entity whose mention covers it, and the
        #: mention that covers it
        self.owner: dict[int, int] = {}
        self.mark_of: dict[int, Mark] = {}
        marks = self._mentions(found)
        #: the tokens that may refer, in order (:meth:`candidates`)
        #: heads of an "as" phrase and their conjuncts ("described him as X and Y")
        self.as_heads: frozenset[int] = self._as_heads() if self.parsed else frozenset()
        self.candidates = self._candidates()
        if self.parsed:
            marks += self.others(words)
        self.marks = sorted(marks, key=lambda k: (k.start, k.end))

    def _sentences(self) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """The token range of each sentence, the sentence of each token and the
        paragraph of each sentence (a paragraph ends at a line break)."""
        size = len(self.doc)
        firsts = [0]
        if size and (self.parsed or self.doc.has_annotation("SENT_START")):
            marked = self.doc.to_array(["SENT_START"]).tolist()
            firsts = [i for i, v in enumerate(marked) if v == 1 or i == 0]
        bounds = list(zip(firsts, [*firsts[1:], size], strict=True))
        sent_of = [n for n, (a, b) in enumerate(bounds) for _ in range(b - a)]
        breaks = [m.start() for m in re.finditer("\n", self.text)]
        para_of = []
        for a, b in bounds:  # the line breaks before the sentence's first word
            word = next((i for i in range(a, b) if not self.space[i]), a)
            para_of.append(bisect_left(breaks, self.starts[word]) if size else 0)
        return bounds, sent_of, para_of

    def _mentions(self, found: Sequence[LocalEntity]) -> list[Mark]:
        marks: list[Mark] = []
        nouns = string_ids(_NOUNS)
        # the longest mention over a token owns it: "iPod Software 1.1.1", not the
        # "iPod" nested in it (:func:`~storyline.extract.entity_compounds.nested_names`)
        for e, m in sorted(((owner, m) for owner in found for m in owner.mentions),
                           key=lambda em: em[1].start - em[1].end):
            first, last = self.tokens(m.start, m.end)
            if first >= last:
                continue
            mark = self.mark(m.start, m.end, e.local, self.root(first, last))
            marks.append(mark)
            for i in range(first, last):
                self.owner.setdefault(i, e.local)
                self.mark_of.setdefault(i, mark)
            if (self.parsed and last < len(self.starts) and self.pos[last] in nouns
                    and self.governor(mark.head) == last
                    and self.text[self.starts[last]].isupper()):  # "[iTunes Music] Store"
                after = self.text[self.starts[last]:self.starts[last] + self.lengths[last]]
                referent_ = self.entities[e.local]
                referent_.heads = referent_.heads | {head_word(after)}
        return marks

    def others(self, words: CorefWords) -> Iterator[Mark]:
        """Noun phrases that are no entity, as antecedents that keep a pronoun from one
        (Mitkov's candidates): plural ones ("users", "some") for "they", singular
        subjects and objects ("the robot") for "it", and proper nouns that NER missed,
        as subjects ("The New York Times said ... it said"), for any."""
        plural_tags = string_ids(("NNS", "NNPS"))
        plural_heads = string_ids(words.plural_heads)
        pronoun_pos, det = string_ids(("PRON", "DET")), string_ids(("det",))
        propn, subject = string_ids(("PROPN",)), string_ids(SUBJECT)
        modifier = string_ids(MODIFIER)
        singular, thing_deps = string_ids(("NN",)), string_ids(SUBJECT | OBJECT)
        versions = string_ids(words.version_heads)
        # only where a third-person pronoun may look for an antecedent
        third = string_ids(words.third_person)
        wanted = {n - back for i in self.candidates if self.lower[i] in third
                  for n in [self.sent_of[i]] for back in range(PRONOUN_WINDOW)}
        for i, dep in enumerate(self.dep):
            if dep in modifier or i in self.owner or self.sent_of[i] not in wanted:
                continue
            plural = self.tag[i] in plural_tags or (
                self.lower[i] in plural_heads and self.pos[i] in pronoun_pos
                and dep not in det)
            if plural or (self.pos[i] in propn and dep in subject):
                yield self.mark(self.starts[i], self.starts[i] + self.lengths[i],
                                PLURAL_PHRASE if plural else UNKNOWN_NAME, i)
            elif self.tag[i] in singular and dep in thing_deps:
                thing = self.version_of(i, words) if self.lemma[i] in versions else None
                yield self.mark(self.starts[i], self.starts[i] + self.lengths[i],
                                THING_PHRASE if thing is None else thing, i)

    def version_of(self, i: int, words: CorefWords) -> int | None:
        """The entity a phrase like "a new version of iTunes" (head ``i``) stands for:
        the one its "of" phrase names; None if it names none."""
        for child in self.doc[i].children:
            if child.dep_ == "nmod" and child.i in self.owner and any(
                    c.dep_ == "case" and c.lower_ == "of" for c in child.children):
                return self.owner[child.i]
        return None

    def _as_heads(self) -> frozenset[int]:
        """Nouns (and "one") that an "as" opens, as an oblique or adverbial phrase, the
        nouns complementing a verb ("making it the thinnest smartphone"), and the nouns
        coordinated with them."""
        case, conj = string_ids(("case",)), string_ids(("conj",))
        obliques, as_ = string_ids(("obl", "advcl", "xcomp", "obl:arg")), string_ids(("as",))
        xcomp = string_ids(("xcomp",))
        heads = {j + self.heads[j] for j, dep in enumerate(self.dep)
                 if dep in case and self.lower[j] in as_}
        heads = {h for h in heads if self.dep[h] in obliques}
        heads |= {k for k, dep in enumerate(self.dep) if dep in xcomp}  # "making it X"
        heads |= {k for k, dep in enumerate(self.dep) if dep in conj and k + self.heads[k] in heads}
        # a common noun the tagger took for a proper one ("a true visionary"): by its tag
        nominal, common = string_ids(("NOUN", "NUM")), string_ids(("NN", "NNS"))
        return frozenset(h for h in heads if self.pos[h] in nominal or self.tag[h] in common)

    def _candidates(self) -> list[int]:
        """Tokens that may refer: pronouns, and nouns with a determiner, in apposition or
        modifying a title ("company CEO")."""
        w = self.words
        det, dets = string_ids(("det",)), string_ids(w.determiners)
        described = {i + self.heads[i] for i, dep in enumerate(self.dep)
                     if dep in det and self.lower[i] in dets}
        appos, compound = string_ids(("appos",)), string_ids(("compound",))
        noun = string_ids(("NOUN",))
        # a description's head is a kind, an office, the last word of a name, or the
        # head of an apposition (which a later description may repeat)
        known = string_ids(w.description_heads) | {  # not cached: this article's own
            get_string_id(h) for e in self.entities.values() for h in e.heads | e.described} | {
            self.lower[i] for i, dep in enumerate(self.dep) if dep in appos}
        org, pronouns = string_ids(w.org_heads), string_ids(w.pronoun_words)
        # a predicate noun ("Apple is the producer of ...") and a noun with a name in
        # apposition after it ("its latest model, iPhone 4") are said of an entity
        cop = string_ids(("cop",))
        said = {i + self.heads[i] for i, dep in enumerate(self.dep)
                if dep in cop or (dep in appos and i in self.owner)}
        # the headline (the first line) drops articles: "Apple executive leaves company"
        headline = self.text.find("\n")
        return [i for i, lower in enumerate(self.lower) if lower in pronouns
                or i in self.as_heads or (
            self.pos[i] in noun and (
                ((i in described or self.starts[i] < headline)
                 and (lower in known or self.lemma[i] in known))
                or i in said or i in self.as_heads
                or self.dep[i] in appos or (self.dep[i] in compound and lower in org)))]

    def sentence(self, n: int) -> TokenSpan:
        return self.doc[self.bounds[n][0]:self.bounds[n][1]]

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """Token range [first, last) of a character span."""
        return max(0, bisect_right(self.starts, start) - 1), bisect_left(self.starts, end)

    def root(self, first: int, last: int) -> int:
        """The head token of ``first:last`` (the last one without a parse)."""
        if self.parsed:
            for i in range(first, last):
                head = i + self.heads[i]
                if not first <= head < last or head == i:
                    return i
        return last - 1

    def mark(self, start: int, end: int, entity: int, head: int) -> Mark:
        sent = self.sent_of[head]
        return Mark(start, end, entity, sent, self.para_of[sent], self.role(head), head,
                     self.text[start:end])

    def governor(self, i: int) -> int:
        """The index of token ``i``'s head."""
        return i + self.heads[i]

    def embedded(self, i: int) -> bool:
        """Whether token ``i`` is inside a relative clause ("an agreement under which
        Israel would ...") rather than a main clause: less salient."""
        if i not in self._embedded:
            self._embedded[i] = self._in_relative_clause(i)
        return self._embedded[i]

    def _in_relative_clause(self, i: int) -> bool:
        relcl = get_string_id("acl:relcl")
        while self.parsed and self.heads[i] != 0:
            head = self.governor(i)
            if self.space[head]:  # a sentence hung on the line break before it
                return False
            if self.dep[i] == relcl:
                return True
            i = head
        return False

    def role(self, i: int) -> str:
        """The role of token ``i`` (:func:`role_of`; a conjunct has its head's)."""
        if not self.parsed:
            return "other"
        dep = self.dep[i]
        if dep in string_ids(("conj",)):  # "Apple and Google said"
            dep = self.dep[i + self.heads[i]]
        return role_of(dep)


def quote_regions(text: str) -> list[Span]:
    """Character ranges inside quotation marks (straight quotes pair in order)."""
    regions: list[Span] = []
    open_at: int | None = None
    for match in _QUOTE_MARKS.finditer(text):
        c, i = match.group(), match.start()
        if c in _QUOTES_OPEN or (c == '"' and open_at is None):
            open_at = i + 1
        elif open_at is not None:
            regions.append((open_at, i))
            open_at = None
    return regions


def block_quotes(text: str, verbs: frozenset[str]) -> dict[Span, int]:
    """Quotations set off by a colon instead of quotation marks ("Jobs's email, which
    reads: Team, At my request ..."): from the colon after a verb of saying or writing
    to the end of its paragraph; each region → the character offset of the verb.

    >>> block_quotes("The note reads: I quit.\\n\\nHe left.", frozenset({"reads"}))
    {(16, 23): 9}
    """
    if not verbs:
        return {}
    pattern = _block_pattern(tuple(sorted(verbs)))
    regions: dict[Span, int] = {}
    for match in pattern.finditer(text):
        start = match.end()
        if start >= len(text) or text[start] in '"“«':
            continue  # a quoted text is a quotation already
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if end - start > 1:
            regions[(start, end)] = match.start()
    return regions


@cache
def _block_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\s?:\s*", re.IGNORECASE)

