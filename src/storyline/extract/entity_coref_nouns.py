"""Descriptions for :mod:`storyline.extract.entity_coref`: definite noun phrases
("the company", "the device", "the chief executive", "the store") and appositions
("NPD Group, a market research firm") attached to the most salient earlier entity
they fit, by the strongest rule that fits any."""

from __future__ import annotations

from spacy.tokens import Token

from storyline.extract.entity_coref_discourse import (
    POSS,
    ROLE_SALIENCE,
    SUBJECT,
    Discourse,
    Mark,
    Reference,
    Referent,
)
from storyline.extract.entity_coref_words import CorefWords
from storyline.extract.entity_lexicon import lexicon

#: dependents between a determiner and its noun that keep the phrase a description
_PREMODIFIERS = frozenset({"det", "amod", "compound", "nummod", "advmod", "nmod:poss",
                           "poss", "case", "det:poss", "nmod:unmarked", "flat"})
#: determiners of a predicate or apposed description ("a", "the"; not "this", "no")
_ARTICLES = frozenset({"a", "an", "the"})
_NEGATIONS = frozenset({"not", "never", "n't", "no"})
#: dependents before a predicate noun that are no part of its phrase ("still", "on")
_OUTSIDE = frozenset({"advmod", "case"})
#: dependents of an apposed noun that are no part of its phrase
_NOT_IN_PHRASE = frozenset({"nsubj", "nsubj:pass", "cop", "punct", "aux", "aux:pass", "mark",
                            "cc", "conj", "parataxis", "advcl", "advmod", "obl", "discourse"})
#: dependents after a head that restrict a description to another one than the last:
#: "the maker of X", "the company Pixar", "the device that ..." (not ", which ...")
_RESTRICTIVE = frozenset({"acl", "appos", "flat", "compound", "amod", "nummod",
                          "nmod:unmarked"})
#: a description's rules, strongest first: an office the entity holds, the last word
#: of its name, the head of an earlier description of it, the kind of thing it is
_RANK = {"description-role": 3, "description-name-head": 2, "description-repeat": 2,
         "description-name-word": 2}
#: entity types a description of each kind may stand for ("country": one with a code)
_KIND_TYPES = {"org": frozenset({"ORG"}), "media": frozenset({"ORG"}),
               "place": frozenset({"GPE", "LOC", "FAC"}),
               "product": frozenset({"MISC", "PRODUCT", "WORK_OF_ART"}),
               "group": frozenset({"NORP"})}
_KIND_RULES = frozenset(f"description-{kind}" for kind in (*_KIND_TYPES, "country"))
#: how many sentences back a description may look, and its recency step
_DESCRIPTION_BACK, _DESCRIPTION_STEP = 8, 6
_DESCRIPTION_MENTIONS, _DESCRIPTION_CAP = 5, 6


def _restricts(token: Token) -> bool:
    """Whether a dependent after a noun says which one it is."""
    if token.dep_ == "nmod":  # "the maker of X", "the group within Scientology"
        return any(c.dep_ == "case" and c.lower_ in ("of", "within", "inside")
                   for c in token.children)
    if token.dep_ == "acl:relcl":  # ", which ...": the comma may hang on the clause
        edge = token.left_edge.i
        return token.doc[edge].text != "," and (edge == 0 or token.doc[edge - 1].text != ",")
    return token.dep_ in _RESTRICTIVE


class NounRules:
    """The description rules of the resolver (:class:`storyline.extract.entity_coref`
    mixes them in): what they need of it is declared here."""

    a: Discourse
    words: CorefWords
    history: list[Mark]

    def reference(self, first: int, last: int, kind: str, mark: Mark, rule: str,
                  why: str) -> tuple[Reference, int]:
        raise NotImplementedError

    def subject_of(self, token: Token) -> Mark | None:
        raise NotImplementedError

    def described(self, token: Token) -> tuple[Reference, int] | None:
        found = self.predicated(token)
        if found is not None:
            return found
        if token.dep_ == "appos":
            found = self.apposed(token)
            if found is not None:
                return found
        dets = [c for c in token.children if c.dep_ == "det"]
        head = (token.lemma_ or token.text).lower()
        if not dets:  # "company officials", "company CEO Steve Jobs"
            org = token.dep_ == "compound" and "org" in self.words.heads.get(head, ())
            if org and lexicon().office(token.head.lemma_ or token.head.text) is not None:
                return self.antecedent(token, token.i, token.i + 1, head, ("org",), None)
            before = self.a.doc[token.i - 1] if token.i else None
            if org and before is not None and before.dep_ == "det" and before.lower_ == "the" \
                    and before.head.i == token.head.i:  # "the company website"
                return self.antecedent(token, token.i, token.i + 1, head, ("org",), None)
            if self.headline(token):  # "Apple executive leaves company": no articles
                return self.antecedent(token, token.i, token.i + 1, head,
                                       self.words.heads.get(head, ()), None)
            return None
        if dets[0].lower_ not in self.words.determiners:
            return None
        first, last = self.noun_phrase(token, dets[0].i)
        if first < 0:
            return None
        words = [t.lower_ for t in self.a.doc[first + 1:last]]
        if any(w in self.words.distinct for w in words):
            return None
        plural = token.tag_ in ("NNS", "NNPS")
        office = None if plural else lexicon().office(" ".join(
            w for w in words if w not in lexicon().modifiers))
        return self.antecedent(token, first, last, head, self.words.heads.get(head, ()),
                               office.title if office else None, plural=plural,
                               modifiers=frozenset(words[:-1]))

    def headline(self, token: Token) -> bool:
        """Whether ``token`` is a bare singular noun of the article's first line, its
        headline, which drops articles ("Apple executive leaves company"): nothing
        before it in its phrase, a word for a kind of thing, an object or oblique."""
        end = self.a.text.find("\n")
        return (0 <= token.idx < end and token.tag_ == "NN"
                and token.dep_ in ("obj", "obl", "nmod") and not any(token.lefts)
                and bool(self.words.heads.get((token.lemma_ or token.text).lower())))

    def antecedent(self, token: Token, first: int, last: int, head: str,
                   kinds: tuple[str, ...], office: str | None, *, plural: bool = False,
                   modifiers: frozenset[str] = frozenset()) -> tuple[Reference, int] | None:
        """The most salient earlier entity that the description ``first:last`` fits,
        by the strongest rule that fits any (:data:`_RANK`)."""
        best: tuple[int, int, Mark, str] | None = None
        sent = self.a.sent_of[token.i]
        for mark in reversed(self.history):
            if mark.sent < sent - _DESCRIPTION_BACK:
                break
            if mark.end > token.idx or mark.entity < 0:
                continue
            entity = self.a.entities[mark.entity]
            rule = self.fits(entity, head, kinds, office, plural)
            if rule is None:
                continue
            if rule in _KIND_RULES and modifiers & entity.words:
                rule = "description-name-word"  # "the computer company": Apple Computer
            score = (-_DESCRIPTION_STEP * (sent - mark.sent) + ROLE_SALIENCE[mark.role]
                     + _DESCRIPTION_MENTIONS * min(entity.count, _DESCRIPTION_CAP))
            if best is None or (_RANK.get(rule, 1), score) > (best[0], best[1]):
                best = (_RANK.get(rule, 1), score, mark, rule)
        if best is None:
            return None
        _, score, mark, rule = best
        return self.reference(first, last, "description", mark, rule,
                              f"{rule.removeprefix('description-')} fits; salience {score}")

    def fits(self, entity: Referent, head: str, kinds: tuple[str, ...], office: str | None,
             plural: bool) -> str | None:
        if office is not None:
            return "description-role" if office in entity.titles else None
        if head in entity.heads:
            return "description-name-head"
        if plural:  # "the phones": the units of the product named ("iPhone 4"), no group
            kinds = tuple(k for k in kinds if k == "product")
        elif head in entity.described:
            return "description-repeat"
        for kind in kinds:
            if kind == "country":
                fit = entity.country
            elif kind == "product" and (entity.heads | entity.described) & (
                    self.words.compound_heads):
                fit = False  # "the devices" is no store, service or software
                # ("iTunes Music Store", "the iTunes service")
            else:
                fit = (entity.type in _KIND_TYPES[kind] and not entity.country
                       and (kind == "media") == entity.outlet)
            if fit:
                return f"description-{kind}"
        return None

    def noun_phrase(self, token: Token, first: int) -> tuple[int, int]:
        """[first, last) of determiner to head, or (-1, -1) where a name is inside or
        words after the head or a superlative say which one it is ("the maker of the
        iPhone", "the company Pixar", "the biggest company")."""
        for i in range(first, token.i + 1):
            child = self.a.doc[i]
            if i in self.a.owner or child.tag_ in ("JJS", "RBS", "NNP", "NNPS") or (
                    i < token.i and child.head.i != token.i
                    and child.dep_ not in _PREMODIFIERS):
                return -1, -1
        after = token.i + 1
        if any(_restricts(c) for c in token.rights) or (after < len(self.a.doc) and (
                after in self.a.owner or self.a.doc[after].pos_ == "PROPN")):
            return -1, -1
        return first, token.i + 1

    def predicated(self, token: Token) -> tuple[Reference, int] | None:
        """A noun phrase said of an entity: the predicate of a copula with the entity
        as its subject ("Apple is the producer of the iPod"), or a phrase with the
        entity's name in apposition after it ("their most recent iPhone model, iPhone
        4").  An article or a possessive, no number ("it is 9.3 millimetres thick"),
        no negation ("X is not a company")."""
        a = self.a
        if any(c.dep_ in ("nummod", "neg") or c.lower_ in _NEGATIONS
               for c in token.children):
            return None
        dets = [c for c in token.children
                if (c.dep_ == "det" and c.lower_ in _ARTICLES) or c.dep_ in POSS]
        if not dets:
            return None
        first = min(dets[0].i, *(c.left_edge.i for c in token.lefts
                                 if c.dep_ in _PREMODIFIERS and c.dep_ not in _OUTSIDE))
        mark: Mark | None = None
        if any(c.dep_ == "cop" for c in token.children):
            subject = next((c for c in token.children if c.dep_ in SUBJECT), None)
            mark = self.subject_of(subject) if subject is not None else None
            rule, why = "description-predicate", "said of the subject by a copula"
        else:
            name = next((c for c in token.rights if c.dep_ == "appos" and c.i in a.owner), None)
            mark = a.mark_of.get(name.i) if name is not None else None
            rule, why = "description-apposition", "the name in apposition after it"
        if mark is None or mark.entity < 0:
            return None
        # a name inside is a possessor or a modifier, not the head (never a name's, as
        # a candidate): "the Beatles' record company, Apple Corps", "their most recent
        # iPhone model, iPhone 4"
        return self.reference(first, token.i + 1, "description", mark, rule, why)

    def as_predicate(self, token: Token) -> tuple[Reference, int] | None:
        """An "as" phrase said of a verb's object, or of its subject in the passive:
        "described him as one of the founders of our industry and a true visionary"
        (each conjunct, "one" with an "of" phrase or a noun), with a verb of
        :attr:`CorefWords.as_verbs`; or a bare noun complement of a verb of
        :attr:`CorefWords.complement_verbs` ("making it the thinnest smartphone on the
        planet"); no negation."""
        first_conjunct = token
        while first_conjunct.dep_ == "conj" and first_conjunct.head.i != first_conjunct.i:
            first_conjunct = first_conjunct.head
        verb = first_conjunct.head
        bare = not any(c.dep_ == "case" and c.lower_ == "as" for c in first_conjunct.children)
        verbs = self.words.complement_verbs if bare else self.words.as_verbs
        if verb.pos_ not in ("VERB", "AUX") or (verb.lemma_ or verb.text).lower() not in verbs:
            return None
        if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children):
            return None
        if token.pos_ == "NUM" and not (token.lower_ == "one" and any(
                c.dep_ == "nmod" and any(g.lower_ == "of" for g in c.children)
                for c in token.rights)):
            return None
        said = next((c for c in verb.children if c.dep_ in ("obj", "dobj")), None) or next(
            (c for c in verb.children if c.dep_ == "nsubj:pass"), None)
        mark = self.subject_of(said) if said is not None else None
        if mark is None or mark.entity < 0:
            return None
        first = min((c.left_edge.i for c in token.lefts
                     if c.dep_ not in ("case", "punct", "cc", "advmod")), default=token.i)
        last = max((c.right_edge.i for c in token.rights
                    if c.dep_ not in ("conj", "cc", "punct", "acl:relcl", "parataxis")),
                   default=token.i) + 1
        return self.reference(first, last, "description", mark, "description-as",
                              f"said of {mark.text!r} by {verb.lemma_!r} ... as")

    def apposed(self, token: Token) -> tuple[Reference, int] | None:
        """A noun phrase in apposition to an entity: "NPD Group, a market research firm"."""
        doc = self.a.doc
        if not any(c.dep_ == "det" for c in token.children):
            return None
        left = [c for c in token.lefts if c.dep_ not in _NOT_IN_PHRASE]
        first = min((c.left_edge.i for c in left), default=token.i)
        right = [c for c in token.rights if c.dep_ not in _NOT_IN_PHRASE]
        last = max((c.right_edge.i for c in right), default=token.i) + 1
        while last > first + 1 and doc[last - 1].is_punct:
            last -= 1
        if token.dep_ != "appos":
            return None
        mark = self.subject_of(token.head)
        if mark is None and first > 1 and doc[first - 1].text == ",":
            mark = self.subject_of(doc[first - 2])  # "NPD Group, a research firm"
        if mark is None or mark.end > doc[first].idx:
            return None
        if any(i in self.a.owner for i in range(first, last)):
            # a name inside ("Tiger, the newest version of Apple's Mac OS X", "Apple,
            # the iPod maker"): the phrase up to its head, which is no name's
            last = token.i + 1
        return self.reference(first, last, "description", mark, "description-apposition",
                              f"in apposition to {mark.text!r}")
