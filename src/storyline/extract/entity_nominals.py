"""Nominal entities of one article: things it refers to by common nouns only.

"Developers can sell applications ... the applications ... sell them", "the two
companies ... the two companies", "the device's antenna ... the phone's antenna": no
name, but one thing referred to again and again.  After the names and the references
to them (:mod:`storyline.extract.entity_coref`), the noun phrases no entity covers are
chained:

* a later noun phrase joins an earlier one's chain by *strict head match* (Lee et al.
  2013, *Deterministic coreference resolution based on entity-centric,
  precision-ranked rules*, sieves 5-7): the same head lemma and number, a definite,
  demonstrative or possessive determiner ("the", "these", "its"; an indefinite
  one starts a chain but never joins one, a bare one only repeating a bare one
  word for word: "applications ... applications"), no word the chain has not used
  ("the 32GB version" is not "the 16GB version"; possessors and names aside), no
  other possessor, and no "of" phrase of a different thing ("the side of the case");
* a "they"/"them"/"their" that no entity took goes to the most salient plural noun
  phrase of its sentence or the one before that is a subject or an object (one in
  the pronoun's own role first, a possessive counting as a subject; then a subject;
  then the nearest), never a co-argument of its own verb;
* a relative pronoun that opens a clause on a chained noun phrase ("a metal strip
  that wraps around ...", "the new MacBook line, which includes ...") joins it
  (``nominal-relative``), as "which" joins a name in ``entity_coref``; so a phrase
  that is mentioned once, but with a relative clause, is a nominal entity too.

Heads too general to be one thing (``[coref.nominals] generic`` of ``names.toml``:
"time", "year", "way", "people") never chain.  A chain of two mentions or more is a
*nominal entity*: no name, type ``NOMINAL``, mentions of kind ``description`` (and
``pronoun``), evidence ``nominal-head-match`` / ``nominal-pronoun``.  It never
merges across articles (:func:`storyline.link.resolve` joins named things and
offices only).
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from storyline.extract.entity_coref_words import coref_words
from storyline.extract.entity_lexicon import fold
from storyline.extract.entity_records import Evidence, LocalEntity, Mention

__all__ = ["NOMINAL", "NominalWords", "nominal_words", "nominals", "with_nominals"]

#: the type of a nominal entity
NOMINAL = "NOMINAL"
_SUBJECT = frozenset({"nsubj", "nsubj:pass"})
_CORE = frozenset({"nsubj", "nsubj:pass", "obj", "iobj"})
_POSS = frozenset({"nmod:poss", "poss"})
#: dependents before the head that belong to its phrase
_PREMODIFIERS = frozenset({"det", "amod", "compound", "nummod", "nmod:poss", "poss",
                           "advmod", "nmod:unmarked", "det:poss", "flat"})
#: a noun in one of these relations is part of another phrase ("trademark dispute")
_NOT_A_PHRASE = frozenset({"compound", "amod", "nmod:unmarked", "flat", "fixed",
                           "nmod:poss", "poss", "det", "goeswith"})
#: how many sentences back a pronoun looks for a plural noun phrase
_PRONOUN_BACK = 1


@dataclass(frozen=True, slots=True)
class NominalWords:
    """The ``[coref.nominals]`` table of ``names.toml``, folded."""

    #: determiners that refer back ("the", "this", "these")
    definite: frozenset[str]
    #: possessive determiners ("its", "their")
    possessive: frozenset[str]
    #: determiners of another or no particular one ("another", "every", "no")
    never: frozenset[str]
    #: heads too general to be one thing ("time", "year", "people")
    generic: frozenset[str]
    #: words that say nothing of which one ("new", "same")
    neutral: frozenset[str]
    #: pronouns that may stand for a plural noun phrase
    plural_pronouns: frozenset[str]


@cache
def nominal_words() -> NominalWords:
    """The packaged table (cached).

    >>> w = nominal_words()
    >>> "the" in w.definite, "year" in w.generic
    (True, True)
    """
    raw = resources.files("storyline").joinpath("data", "names.toml").read_text("utf-8")
    table = tomllib.loads(raw)["coref"]["nominals"]

    def words(key: str) -> frozenset[str]:
        values = table.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"names.toml [coref.nominals]: {key} must be a list of strings")
        return frozenset(fold(v) for v in values)

    return NominalWords(words("definite"), words("possessive"), words("never"),
                        words("generic"), words("neutral"), words("plural_pronouns"))


@dataclass(slots=True)
class _Phrase:
    start: int
    end: int
    head: int
    lemma: str
    plural: bool
    #: "definite" | "possessive" | "indefinite"
    det: str
    possessor: str | None
    words: frozenset[str]
    of: str | None
    sent: int
    subject: bool
    #: no determiner at all ("applications", "music")
    bare: bool = False


@dataclass(slots=True)
class _Chain:
    phrases: list[_Phrase]
    words: set[str] = field(default_factory=set)
    #: (start, end, text, kind, rule, antecedent span, detail)
    refs: list[tuple[int, int, str, str, str, tuple[int, int], str]] = field(
        default_factory=list)


def _role(dep: str) -> str:
    if dep in _SUBJECT or dep in _POSS:
        return "subject"
    return "object" if dep in _CORE else "other"


class _Nominals:
    def __init__(self, doc: Doc, found: Sequence[LocalEntity], text: str) -> None:
        self.doc, self.text, self.w = doc, text, nominal_words()
        #: tokens inside a mention of an entity
        starts = doc.to_array(["IDX"]).tolist()
        self.owned: set[int] = set()
        for e in found:
            for m in e.mentions:
                self.owned.update(range(max(0, bisect_right(starts, m.start) - 1),
                                        bisect_left(starts, m.end)))
        self.sent_of: dict[int, int] = {}
        self.phrases: list[_Phrase] = []
        self.chains: list[_Chain] = []
        self.chain_of: dict[int, _Chain] = {}  # phrase start -> its chain

    def phrase(self, token: Token, sent: int) -> _Phrase | None:
        """The noun phrase ``token`` heads, from its determiner to it."""
        w = self.w
        lemma = (token.lemma_ or token.text).lower()
        if (lemma in w.generic or len(lemma) < 3 or not lemma.isalpha()
                or token.dep_ in _NOT_A_PHRASE or not (token.is_lower or token.is_sent_start)):
            return None  # "No. 1", "Mac OS": a name the tagger took for a noun
        det, possessor, first, bare = "indefinite", None, token.i, True
        words: set[str] = set()
        for child in token.lefts:
            if child.dep_ not in _PREMODIFIERS:
                continue
            first = min(first, child.left_edge.i)
            lower = child.lower_
            if child.dep_ in ("det", "nummod") or child.dep_ in _POSS:
                bare = False
            if child.dep_ == "det":
                if lower in w.never:
                    return None
                if lower in w.definite:
                    det = "definite"
            elif child.dep_ in _POSS:
                det = "possessive"
                possessor = (child.lemma_ if child.pos_ != "PRON" else child.text).lower()
            elif child.pos_ in ("NOUN", "ADJ", "NUM") and lower not in w.neutral:
                words.add((child.lemma_ or lower).lower())
        if any(self.doc[i].is_space or self.doc[i].text in (",", ";", ":")
               for i in range(first, token.i)):
            return None
        if token.i in self.owned:
            return None  # "the iTunes store": a mention of an entity already
        # after a name or an entity's phrase inside ("the iPhone 4 antenna", "the
        # device's antenna"): that is its own entity's mention, and may be another's
        inside = [i for i in range(first, token.i) if i in self.owned]
        if inside:
            first = inside[-1] + 1
            while first < token.i and self.doc[first].dep_ == "case":
                first += 1
        start, end = self.doc[first].idx, token.idx + len(token)
        of = next(((c.lemma_ or c.text).lower() for c in token.rights if c.dep_ == "nmod"
                   and any(g.dep_ == "case" and g.lower_ == "of" for g in c.children)), None)
        return _Phrase(start, end, token.i, lemma, token.tag_ in ("NNS", "NNPS"), det,
                       possessor, frozenset(words), of, sent, token.dep_ in _SUBJECT, bare)

    def joins(self, p: _Phrase, chain: _Chain) -> bool:
        last = chain.phrases[-1]
        if p.lemma != last.lemma or p.plural != last.plural:
            return False
        if p.det == "indefinite":  # "applications ... applications": the same bare words
            text = self.text[p.start:p.end].lower()
            return p.bare and any(q.bare and self.text[q.start:q.end].lower() == text
                                  for q in chain.phrases)
        if not p.words <= chain.words:
            return False
        if p.possessor and any(q.possessor and q.possessor != p.possessor
                               for q in chain.phrases):
            return False
        return not (p.of and any(q.of and q.of != p.of for q in chain.phrases))

    def run(self) -> None:
        doc = self.doc
        # token attributes as columns: only nouns and plural pronouns become Tokens
        noun, pron = get_string_id("NOUN"), get_string_id("PRON")
        pronouns = {get_string_id(w) for w in self.w.plural_pronouns}
        relative = {get_string_id(w) for w, c in coref_words().pronouns.items()
                    if c == "relative" and w not in ("who", "whom", "whose")}
        sent = -1
        for i, (pos, lower, start) in enumerate(
                doc.to_array(["POS", "LOWER", "SENT_START"]).tolist()):
            sent += start == 1 or i == 0
            if pos == noun:
                found = self.phrase(doc[i], sent)
                if found is not None:
                    self.phrases.append(found)
                    self.add(found)
            elif pos == pron and lower in pronouns:
                self.pronoun(doc[i], sent)
            elif lower in relative and i not in self.owned:
                self.relative(doc[i])

    def add(self, p: _Phrase) -> None:
        by_lemma = [c for c in self.chains if c.phrases[0].lemma == p.lemma]
        chain = next((c for c in reversed(by_lemma) if self.joins(p, c)), None)
        if chain is None:
            chain = _Chain([p])
            self.chains.append(chain)
        else:
            last = chain.phrases[-1]
            chain.phrases.append(p)
            text = self.text[p.start:p.end]
            chain.refs.append((p.start, p.end, text, "description", "nominal-head-match",
                               (last.start, last.end),
                               f"{text!r} → {self.text[last.start:last.end]!r}: "
                               f"the same head, {p.lemma!r}"))
        chain.words |= p.words
        self.chain_of[p.start] = chain

    def pronoun(self, token: Token, sent: int) -> None:
        if token.i in self.owned:
            return
        verb = token.head.i if token.dep_ in _CORE else -1
        role = _role(token.dep_)
        best: tuple[int, int, int, _Phrase] | None = None
        for p in reversed(self.phrases):
            if p.sent < sent - _PRONOUN_BACK:
                break
            if not p.plural or p.end > token.idx:
                continue
            head = self.doc[p.head]
            if head.dep_ == "conj":
                head = head.head
            if head.dep_ not in _CORE:
                continue  # "at odds", "in the fall": no antecedent of a pronoun
            if verb >= 0 and head.head.i == verb:
                continue  # a co-argument: "developers sell them"
            # the same role as the pronoun's first (Lappin & Leass's parallelism; a
            # possessive goes with a subject), then a subject, then the nearest
            score = (_role(head.dep_) == role, p.subject, p.start)
            if best is None or score > best[:3]:
                best = (*score, p)
        if best is None:
            return
        p = best[3]
        chain = self.chain_of[p.start]
        text = token.text
        chain.refs.append((token.idx, token.idx + len(token), text, "pronoun",
                           "nominal-pronoun", (p.start, p.end),
                           f"{text!r} → {self.text[p.start:p.end]!r}: the nearest plural "
                           f"noun phrase{' subject' if p.subject else ''}"))

    def relative(self, token: Token) -> None:
        """ "that"/"which" opening a relative clause on a noun phrase of a chain."""
        verb = token.head
        if verb.dep_ != "acl:relcl" or token.i > verb.i or token.dep_ not in _CORE:
            return
        noun = verb.head.i
        p = next((q for q in reversed(self.phrases) if q.head == noun), None)
        if p is None or any(self.doc[k].pos_ in ("NOUN", "PROPN", "PRON")
                            for k in range(noun + 1, token.i)):
            return  # "the side of the device, which": the clause is on another noun
        chain = self.chain_of[p.start]
        chain.refs.append((token.idx, token.idx + len(token), token.text, "pronoun",
                           "nominal-relative", (p.start, p.end),
                           f"{token.text!r} → {self.text[p.start:p.end]!r}: opens a "
                           "clause on it"))

    def entities(self, article: str, first_local: int) -> list[LocalEntity]:
        out: list[LocalEntity] = []
        for chain in self.chains:
            if not chain.refs:
                continue
            first = chain.phrases[0]
            spans = {(first.start, first.end): (self.text[first.start:first.end],
                                                 "description")}
            for start, end, text, kind, *_ in chain.refs:
                spans.setdefault((start, end), (text, kind))
            order = sorted(spans)
            index = {s: k for k, s in enumerate(order)}
            mentions = tuple(Mention(s, e, *spans[(s, e)]) for s, e in order)
            evidence = tuple(Evidence(rule, (index[(s, e)], index[ante]), detail)
                             for s, e, _, _, rule, ante, detail in chain.refs
                             if ante in index)
            out.append(LocalEntity(article, first_local + len(out), None, NOMINAL, None, None,
                                   mentions, (), evidence))
        return out


def nominals(doc: Doc, found: Sequence[LocalEntity], *, article: str = "",
             text: str | None = None) -> list[LocalEntity]:
    """The nominal entities of ``doc`` besides the entities ``found`` in it, numbered
    after them, in order of first mention.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["Firms", "sell", "apps", ".", "The", "apps", "sell", "."]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 1, 1, 5, 6, 6, 6],
    ...           deps=["nsubj", "ROOT", "obj", "punct", "det", "nsubj", "ROOT", "punct"],
    ...           pos=["NOUN", "VERB", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
    ...           tags=["NNS", "VBP", "NNS", ".", "DT", "NNS", "VBP", "."],
    ...           lemmas=["firm", "sell", "app", ".", "the", "app", "sell", "."],
    ...           sent_starts=[1, 0, 0, 0, 1, 0, 0, 0])
    >>> [(m.text, m.kind) for e in nominals(doc, []) for m in e.mentions]
    [('apps', 'description'), ('The apps', 'description')]
    """
    if not len(doc) or not doc.has_annotation("DEP") or not doc.has_annotation("POS"):
        return []
    work = _Nominals(doc, found, doc.text if text is None else text)
    work.run()
    return work.entities(article, max((e.local for e in found), default=-1) + 1)


def with_nominals(doc: Doc, found: Sequence[LocalEntity], *, article: str = "",
                  text: str | None = None) -> list[LocalEntity]:
    """``found`` followed by the nominal entities of :func:`nominals`."""
    return [*found, *nominals(doc, found, article=article, text=text)]
