"""A sentence's tokens with the lookups the event rules keep asking for.

spaCy creates a new Python object, and looks strings up, on every token attribute
access; the rules ask for heads, children and word forms many times per sentence, so
:class:`SentenceView` caches them.  It also holds the repairs for parses the bundled
model often gets wrong on news: a verb read as an adjective ("Seoul [accused]
Pyongyang"), a subject hung on the verb as a compound, a passive label without a
passive auxiliary ("Militants seized ...").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final

from spacy.tokens import Span, Token

from storyline.extract.event_lexicon import EventLexicon, Sense

__all__ = ["Candidate", "SentenceView", "singular", "words_of"]

#: dependents that hold a verb's object, complement or oblique argument
OBJECT_DEPS: Final = frozenset({
    "obj", "dobj", "iobj", "obl", "nmod", "nsubj:pass", "nsubjpass", "xcomp", "attr",
    "oprd", "ccomp", "obl:npmod", "obl:tmod", "dative", "pobj", "prep", "acomp",
    "obl:unmarked", "nmod:unmarked",
})
SUBJECT_DEPS: Final = frozenset({"nsubj", "nsubj:outer", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS: Final = frozenset({"nsubj:pass", "nsubjpass"})
AGENT_DEPS: Final = frozenset({"obl:agent", "agent"})
#: modifiers of a noun that belong to the noun's own words
_NOUN_MODS: Final = frozenset({"compound", "amod", "flat", "flat:name", "nmod:desc", "fixed"})
_WINDOW: Final = 6
_PRONOUNS_ANIMATE: Final = frozenset({"he", "she", "they", "we", "i", "it", "who", "you"})
_ANIMATE_LABELS: Final = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: relations of a direct object (or the patient of a passive)
DIRECT_DEPS: Final = frozenset({"obj", "dobj", "nsubj:pass", "nsubjpass", "attr", "oprd", "iobj"})
#: relations a noun just before a verb has when it is not that verb's subject
_NOT_SUBJECTS: Final = frozenset({
    "obj", "dobj", "obl", "nmod", "iobj", "pobj", "compound", "nmod:poss", "poss", "amod",
    "obl:unmarked", "nmod:unmarked", "flat", "case", "nmod:desc", "obl:agent",
})


def singular(word: str) -> str:
    """A crude singular, enough to match a lexicon word: "ties" -> "tie", "talks" -> "talk"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(token: Token) -> set[str]:
    """The strings a lexicon word may match for this token: lower form, lemma, singular."""
    lower = token.lower_
    found = {lower, token.lemma_.lower(), singular(lower)}
    found.discard("")
    return found


@dataclass
class Candidate:
    """A trigger in a sentence: its words (token indices, end exclusive) and senses."""

    token: Token
    start: int
    end: int
    kind: str
    senses: list[Sense]
    #: senses whose object condition held (for "content-or-object" frames)
    with_object: set[int] = field(default_factory=set)
    sense: Sense | None = None
    content: Candidate | None = None
    absorbed_by: Candidate | None = None
    merged: list[Candidate] = field(default_factory=list)
    #: verb that gives a noun trigger its subject, tense and place ("held talks")
    light: Token | None = None
    status_hint: str | None = None
    type: str = ""
    mode: str | None = None
    cameo: str | None = None


class SentenceView:
    """A sentence's tokens with the cheap lookups the event rules keep asking for."""

    def __init__(self, sent: Span, lex: EventLexicon) -> None:
        self.sent = sent
        self.lex = lex
        self.start = sent.start
        self.end = sent.end
        self.doc = sent.doc
        self.tokens = [t for t in sent if not t.is_space]
        self._words: dict[int, set[str]] = {}
        self._context: set[str] | None = None
        self._by_start: dict[int, int] | None = None
        self._by_end: dict[int, int] | None = None
        self._children: dict[int, list[Token]] = {}
        self._heads: dict[int, Token | None] = {}
        self._lower: dict[int, str] = {}

    def context(self) -> set[str]:
        """Words and short phrases of the whole sentence (computed once)."""
        if self._context is None:
            self._context = self.phrase_words(self.tokens)
        return self._context

    def chars(self, start: int, end: int) -> str:
        """The text between two token boundaries of the sentence (``Doc.text`` is
        rebuilt on every access, so slices are read off the tokens)."""
        if self._by_start is None or self._by_end is None:
            self._by_start = {t.idx: t.i for t in self.tokens}
            self._by_end = {t.idx + len(t.text): t.i for t in self.tokens}
        lo, hi = self._by_start.get(start), self._by_end.get(end)
        if lo is None or hi is None:
            return self.sent.text[start - self.sent.start_char:end - self.sent.start_char]
        return self.doc[lo:hi + 1].text

    def touching(self, end: int, start: int) -> bool:
        """Whether nothing but spaces lies between two character offsets."""
        if start < end:
            return False
        if self._by_start is None:
            self.chars(end, end)
        assert self._by_start is not None
        return not any(i in self._by_start for i in range(end, start))

    def inside(self, token: Token) -> bool:
        return self.start <= token.i < self.end and not token.is_space

    def head(self, token: Token) -> Token | None:
        """The syntactic head inside the sentence; ``None`` for a root (a head that is
        whitespace counts as no head: the parser hangs sentences from newlines)."""
        i = token.i
        if i in self._heads:
            return self._heads[i]
        found: Token | None = token.head
        assert found is not None
        if found.i == i or found.is_space or not self.inside(found):
            found = None
        self._heads[i] = found
        return found

    def children(self, token: Token) -> list[Token]:
        found = self._children.get(token.i)
        if found is None:
            found = [c for c in token.children if not c.is_space and self.inside(c)]
            self._children[token.i] = found
        return found

    def lower(self, token: Token) -> str:
        found = self._lower.get(token.i)
        if found is None:
            found = self._lower[token.i] = token.lower_
        return found

    def words(self, token: Token) -> set[str]:
        found = self._words.get(token.i)
        if found is None:
            found = words_of(token)
            self._words[token.i] = found
        return found

    def ancestors(self, token: Token, limit: int = 10) -> Iterator[tuple[Token, Token]]:
        """(ancestor, the child of it on the way up) pairs, nearest first."""
        child = token
        for _ in range(limit):
            head = self.head(child)
            if head is None:
                return
            yield head, child
            child = head

    def depth(self, token: Token) -> int:
        return sum(1 for _ in self.ancestors(token, 20))

    def is_ancestor(self, upper: Token, lower: Token) -> bool:
        return any(a.i == upper.i for a, _ in self.ancestors(lower, 20))

    def window(self, token: Token, before: int, after: int) -> Iterator[Token]:
        lo = max(self.start, token.i - before)
        hi = min(self.end, token.i + after + 1)
        return (self.doc[i] for i in range(lo, hi) if i != token.i and not self.doc[i].is_space)

    def phrase_words(self, tokens: Iterable[Token]) -> set[str]:
        """Words and two- and three-word phrases (hyphens dropped) of a token run."""
        found: set[str] = set()
        run = [t for t in tokens if t.text != "-"]
        lows = [self.lower(t) for t in run]
        n = len(run)
        for i, t in enumerate(run):
            found |= self.words(t)
            if i + 1 < n:
                pair = f"{lows[i]} {lows[i + 1]}"
                found.add(pair)
                found.add(f"{lows[i]} {singular(lows[i + 1])}")
                if i + 2 < n:
                    found.add(f"{pair} {lows[i + 2]}")
        return found

    def noun_words(self, token: Token) -> list[Token]:
        """A noun with its compound and adjective modifiers (and conjuncts' heads)."""
        found = [token]
        for child in self.children(token):
            if child.dep_ in _NOUN_MODS or child.dep_ == "conj" or child.dep_ == "nummod":
                found.append(child)
                found.extend(c for c in self.children(child) if c.dep_ in _NOUN_MODS)
        return sorted(found, key=lambda t: t.i)

    def subject(self, verb: Token) -> Token | None:
        """The verb's subject: the parse's, else the noun just before its auxiliaries
        (the parser sometimes attaches "negotiators were getting closer" elsewhere)."""
        passive = self.passive(verb)
        if self.main_acl(verb):
            return self.head(verb)
        for child in self.children(verb):
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
                return child
            if not passive and child.dep_ in PASSIVE_SUBJECT_DEPS:
                # a passive subject without a passive auxiliary: "Militants seized ..."
                return child
        head = self.head(verb)
        bare_participle = verb.tag_ == "VBN" and not any(
            c.dep_.startswith("aux") for c in self.children(verb))
        if verb.dep_ == "conj" and head is not None and head.tag_.startswith(("VB", "JJ")) \
                and not passive and not bare_participle:
            # "The attack cut power and threatened ...": conjuncts share the subject
            return self.subject(head)
        broken = verb.dep_ in ("amod", "compound", "nmod")
        if not broken and not verb.tag_.startswith(("VBD", "VBZ", "VBP", "MD")) and not any(
                c.dep_.startswith("aux") for c in self.children(verb)):
            return None
        i = verb.i - 1
        while i >= self.start and (self.doc[i].dep_.startswith("aux")
                                   or self.doc[i].lower_ in ("not", "n't", "also", "still",
                                                             "reportedly", "then", "now")
                                   or self.doc[i].tag_ in ("RB", "MD")):
            i -= 1
        if i >= self.start and self.doc[i].tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP") \
                and (self.doc[i].dep_ not in _NOT_SUBJECTS
                     or ((broken or verb.dep_ in ("ROOT", "root"))
                         and self.doc[i].dep_ in ("compound", "amod", "nmod", "flat"))):
            return self.doc[i]
        return None

    def main_acl(self, verb: Token) -> bool:
        """Whether a verb the parser hung on the noun before it is the sentence's main verb
        ("Troops [clashed] with militants", parsed as a noun phrase with no verb)."""
        if not verb.dep_.startswith("acl") or verb.tag_ not in ("VBD", "VBN", "VBZ"):
            return False
        head = self.head(verb)
        if head is None or self.head(head) is not None or not head.tag_.startswith("NN"):
            return False
        return head.i == verb.i - 1 and not self.passive(verb)

    def agent(self, verb: Token) -> Token | None:
        for child in self.children(verb):
            if child.dep_ in AGENT_DEPS:
                return child
            if child.dep_ in ("obl", "nmod") and any(
                    c.dep_ == "case" and c.lower_ == "by" for c in self.children(child)):
                return child
        return None

    def passive(self, verb: Token) -> bool:
        """A passive clause has a passive auxiliary ("was arrested", "were turned down");
        the parser's passive-subject label alone is not enough ("Militants seized ...")."""
        return any(c.dep_ in ("aux:pass", "auxpass") or (
            c.dep_.startswith("aux") and c.lemma_.lower() in ("be", "get")
            and verb.tag_ == "VBN") for c in self.children(verb))

    def name_at(self, i: int) -> tuple[int, str] | None:
        """(end, code) of the longest actor name that starts at token ``i``."""
        doc = self.doc
        for words, code in self.lex.names.get(doc[i].text, ()):
            n = len(words)
            if i + n <= self.end and all(doc[i + k].text == words[k] for k in range(1, n)):
                return i + n, code
        return None

    def actorish(self, token: Token) -> bool:
        """Whether a modifier names an actor ("Hamas attack", "Israeli strikes") rather
        than a place ("the Paris meeting") or a topic ("a Ukraine ceasefire deal")."""
        if token.ent_type_ in ("ORG", "NORP", "PERSON"):
            return True
        found = self.name_at(token.i)
        if found is None:
            return False
        if len(found[1]) > 3:
            return True  # an organisation's code ("CIA", "Hamas")
        # a demonym ("Israeli"), not a country or capital name
        return token.lower_ in self.lex.countries and token.lower_ not in self.lex.places

    def animate(self, token: Token) -> bool:
        """Whether a subject can act politically: a person, group, place or organisation."""
        lower = token.lower_
        if lower in _PRONOUNS_ANIMATE or token.ent_type_ in _ANIMATE_LABELS:
            return True
        if token.tag_ in ("NNP", "NNPS"):
            return True
        lex = self.lex
        words = self.words(token)
        if words & lex.sectors.keys() or words & lex.words("agents") \
                or self.name_at(token.i) is not None:
            return True
        return bool(words & lex.words("anaphors")) or any(
            c.ent_type_ in _ANIMATE_LABELS or self.name_at(c.i) is not None
            for c in self.children(token) if c.dep_ in ("compound", "amod", "nmod:poss"))
