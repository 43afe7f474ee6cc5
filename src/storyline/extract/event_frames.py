"""Which triggers of a sentence are events, and how they combine.

Verbal acts take other events as content: in "Turkey threatened to launch an offensive"
the offensive is what is threatened, so one THREATEN event is reported (mode
"violence"), not an ASSAULT.  Negotiation verbs make their content a proposal
("an agreement under which Israel would suspend its war").  An event noun is an event
only when something anchors it in the sentence: a light verb ("held talks"), a
predicate ("the attack was launched"), an actor ("Hamas's attack"), participants
("talks between Israel and Hamas"), a date or a place; otherwise it is a topic
("a path to a ceasefire").  Two triggers of one type in one clause are one event
("killed 12 villagers in an attack").  This follows the frame-and-content reading of
verbal acts in the PLOVER manual (sections 3.8-3.11) and the category-plus-mode coding
of CAMEO's 3- and 4-digit codes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Final

from spacy.tokens import Token

from storyline.extract.event_lexicon import Sense
from storyline.extract.event_view import Candidate, SentenceView

__all__ = ["events_of"]

#: relations through which a frame reaches its content
_CONTENT_DEPS: Final = frozenset({
    "xcomp", "ccomp", "obj", "dobj", "obl", "nmod", "advcl", "acl", "iobj", "nsubj:pass",
    "nsubjpass", "csubj", "prep", "pobj", "pcomp", "acl:relcl", "relcl", "compound", "amod",
    "conj", "obl:unmarked", "nmod:unmarked", "dep", "parataxis", "appos",
})
#: clause markers that make a clause a circumstance rather than content
_CIRCUMSTANCE_MARKS: Final = frozenset({
    "if", "when", "after", "before", "while", "because", "since", "until", "as", "although",
    "though", "once", "unless", "whereas", "whether", "despite", "amid", "till",
})
#: markers of a clause that is a frame's complement
_COMPLEMENT_MARKS: Final = frozenset({"to", "of", "from", "for", "into", "by", "against"})
_OBJECT_DEPS: Final = frozenset({"obj", "dobj", "obl", "nsubj:pass", "nsubjpass", "nmod",
                                 "xcomp", "compound", "obl:unmarked", "iobj", "attr"})
_SUBJECT_DEPS: Final = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})
_ANCHOR_CASES: Final = frozenset({"by", "between", "among", "amongst", "with", "from", "against",
                                  "on"})
_DEFINITE: Final = frozenset({"the", "this", "that", "these", "those"})
_ACTOR_LABELS: Final = frozenset({"ORG", "GPE", "NORP", "PERSON"})


def _marks(view: SentenceView, token: Token) -> set[str]:
    """Subordinators and prepositions of a clause or phrase ("when" is an adverb)."""
    return {c.lower_ for c in view.children(token) if c.dep_ in ("mark", "case")
            or (c.dep_ == "advmod" and c.tag_ == "WRB")}


def _circumstance(view: SentenceView, token: Token) -> bool:
    """A clause of time, cause or condition ("if it supplied weapons", "when it attacked")."""
    if not (token.dep_.startswith("advcl") or token.tag_.startswith(("VB", "MD"))):
        return False
    return bool(_marks(view, token) & _CIRCUMSTANCE_MARKS)


def _path(view: SentenceView, start: Token, upper: Token, limit: int = 6) -> list[Token] | None:
    """Tokens from ``start`` up to (not including) ``upper``, or ``None`` if ``upper`` is
    not an ancestor within ``limit`` steps."""
    chain = [start]
    for anc, _ in view.ancestors(start, limit):
        if anc.i == upper.i:
            return chain
        chain.append(anc)
    return None


def _first_sense(c: Candidate) -> Sense:
    for sense in c.senses:
        if sense.needs is None or (sense.needs == "content-or-object"
                                   and sense.order in c.with_object):
            return sense
    return c.senses[0]


def _nearest(view: SentenceView, c: Candidate, by_token: dict[int, Candidate]
             ) -> tuple[Candidate, list[Token]] | None:
    """The nearest trigger above ``c`` in the parse, with the path to it.  A verb the
    parser took for an adjective ("Seoul [accused] Pyongyang of firing") governs what
    follows it under the noun it was attached to."""
    chain = [c.token]
    for anc, _ in view.ancestors(c.token, 6):
        other = by_token.get(anc.i)
        if other is not None and other is not c:
            return other, chain
        for sibling in view.children(anc):
            verb = by_token.get(sibling.i)
            if verb is not None and verb is not c and verb.kind == "verb" \
                    and sibling.dep_ == "amod" and sibling.i < chain[-1].i:
                return verb, chain
        chain.append(anc)
    return None


def _content_path(view: SentenceView, chain: list[Token]) -> bool:
    """Whether the path up to a frame is a complement ("agreed to meet", "called for a
    ceasefire", "accused X of attacking"), not a circumstance ("if ...", "after ..."), a
    coordinated clause or a participle of its own ("warned ..., saying ...")."""
    return len(chain) <= 4 and chain[-1].dep_ != "conj" and all(
        t.dep_ in _CONTENT_DEPS and not _circumstance(view, t) and not (
            t.dep_.startswith("advcl") and not _marks(view, t) & _COMPLEMENT_MARKS)
        for t in chain)


def _purpose(view: SentenceView, chain: list[Token]) -> bool:
    top = chain[-1]
    return (top.dep_.startswith("advcl") and "to" in _marks(view, top)) or (
        top.dep_ == "xcomp" and any(c.lower_ == "to" for c in view.children(top)))


def _same_type_above(view: SentenceView, c: Candidate, by_token: dict[int, Candidate],
                     by_light: dict[int, Candidate]) -> Candidate | None:
    """A trigger of the same type above ``c`` in its clause ("killed ... in an attack",
    "carried out airstrikes ..., hitting targets")."""
    chain: list[Token] = [c.token]
    for anc, _ in view.ancestors(c.token, 6):
        other = by_token.get(anc.i) or by_light.get(anc.i)
        if other is not None and other is not c and other.sense is not None \
                and c.sense is not None and other.sense.type == c.sense.type:
            if any(_circumstance(view, t) for t in chain):
                return None
            return other
        chain.append(anc)
    return None


def _assign(view: SentenceView, found: list[Candidate]) -> None:
    """Frames take their content; purpose clauses and object nouns join their verb;
    triggers of one type in one clause merge."""
    by_token = {c.token.i: c for c in found}
    by_light = {c.light.i: c for c in found if c.light is not None}
    for c in sorted(found, key=lambda x: -view.depth(x.token)):
        near = _nearest(view, c, by_token)
        if near is not None:
            upper, chain = near
            frame = upper.sense.frame if upper.sense else None
            if frame and _content_path(view, chain):
                if frame == "absorb":
                    if upper.content is None or view.depth(c.token) < view.depth(
                            upper.content.token):
                        upper.content = c
                    c.absorbed_by = upper
                    continue
                if frame == "status" and c.type != upper.type:
                    if _purpose(view, chain):
                        c.absorbed_by = upper
                    else:
                        c.status_hint = upper.sense.gives if upper.sense else None
                    continue
            if c.type != upper.type:
                if c.kind == "verb" and upper.kind in ("verb", "adjective") \
                        and _purpose(view, chain):
                    c.absorbed_by = upper
                    continue
                if c.kind == "noun" and upper.kind == "verb" and len(chain) <= 2 and all(
                        t.dep_ in _OBJECT_DEPS for t in chain):
                    c.absorbed_by = upper
                    continue
        same = _same_type_above(view, c, by_token, by_light)
        if same is not None:
            same.merged.append(c)
            c.absorbed_by = same


def _aimed(view: SentenceView, c: Candidate) -> bool:
    """Whether the trigger is the aim of an effort ("efforts to free the hostages")."""
    aims = view.lex.words("aims")
    doc = view.doc
    i = c.start
    if i - 2 >= view.start and doc[i - 1].lower_ in ("to", "of", "for") \
            and view.words(doc[i - 2]) & aims:
        return True
    for anc, child in view.ancestors(c.token, 6):
        if (child.dep_ in ("acl", "acl:relcl") and child.tag_ == "VBN") \
                or _circumstance(view, child):
            return False
        if anc.tag_.startswith("NN") and view.words(anc) & aims and child.dep_ in (
                "acl", "nmod", "advcl", "xcomp", "obl"):
            return child.tag_.startswith("VB") or any(
                m.lower_ in ("to", "of", "for") for m in view.children(child)
                if m.dep_ in ("mark", "case"))
        if anc.tag_.startswith("VB") and child.dep_ not in ("xcomp", "advcl", "obj", "obl"):
            return False
    return False


def _light(view: SentenceView, c: Candidate) -> Token | None:
    """The verb that lends a noun trigger its clause ("held talks", "went on strike",
    "played a key role in the talks")."""
    lex = view.lex
    token = c.token
    head = view.head(token)
    if head is None:
        return None
    verbs = lex.words("light")
    if head.tag_.startswith("NN") and view.words(head) & lex.words("light_nouns"):
        token, head = head, view.head(head)
        verbs = verbs | lex.words("light_via_noun")
        if head is None:
            return None
    # "staged a sit-in": the parser may hang the noun on a preposition first
    if head.tag_ in ("IN", "RP") and token.dep_ in ("compound", "obj", "pobj"):
        token, head = head, view.head(head)
        if head is None:
            return None
        if head.tag_.startswith("NN") and token.dep_ == "case":
            token, head = head, view.head(head)
            if head is None:
                return None
    if head.tag_.startswith(("VB", "JJ")) and view.words(head) & verbs \
            and token.dep_ in _OBJECT_DEPS:
        return head
    return None


def _anchored(view: SentenceView, c: Candidate, timex_tokens: Collection[int]) -> bool:
    sense = c.sense
    if sense is not None and sense.anchored:
        return True
    token = c.token
    if c.light is not None:
        return True
    head = view.head(token)
    if token.dep_ in _SUBJECT_DEPS and head is not None and (
            view.words(head) & view.lex.words("predicates")
            or any(view.words(c) & view.lex.words("predicates") for c in view.children(head)
                   if c.dep_ in ("xcomp", "acomp", "attr"))):
        return True
    definite = False
    for child in view.children(token):
        dep = child.dep_
        if dep == "det" and child.lower_ in _DEFINITE:
            definite = True
        if dep in ("nmod:poss", "poss"):
            return True
        if dep in ("compound", "amod") and view.actorish(child):
            return True
        if dep in ("nmod", "obl", "acl") and _marks(view, child) & _ANCHOR_CASES and (
                "on" not in _marks(view, child) or c.type == "ASSAULT"):
            return True
        if dep in ("acl", "acl:relcl") and view.agent(child) is not None:
            return True
    if any(t.i in timex_tokens for t in _subtree(view, token, 3)):
        return True
    if not definite:
        for child in view.children(token):
            if child.dep_ in ("nmod", "obl") and _marks(view, child) & view.lex.words(
                    "location_cases") and (child.ent_type_ in ("GPE", "LOC", "FAC")
                                           or child.lower_ in view.lex.places):
                return True
    return False


def _subtree(view: SentenceView, token: Token, depth: int) -> Iterator[Token]:
    yield token
    if depth:
        for child in view.children(token):
            if child.dep_ not in ("acl:relcl", "relcl", "advcl", "ccomp", "parataxis", "conj"):
                yield from _subtree(view, child, depth - 1)


def _choose(c: Candidate) -> bool:
    """Settle the sense now that content is known; ``False`` when none fits."""
    for sense in c.senses:
        if sense.needs == "content" and c.content is None:
            continue
        if sense.needs == "content-or-object" and c.content is None \
                and sense.order not in c.with_object:
            continue
        c.sense = sense
        return True
    return False


def _cue_tokens(view: SentenceView, c: Candidate) -> list[Token]:
    """The words that can tell an event's mode: its own phrase, its subject's and those
    of the verb that governs it ("Israeli aircraft struck", "fired tear gas")."""
    found = {t.i: t for t in _subtree(view, c.token, 2)}
    for head in (c.token, c.light):
        if head is None:
            continue
        subject = view.subject(head)
        if subject is not None:
            found.update((t.i, t) for t in _subtree(view, subject, 2))
        if head is c.light:
            found.update((t.i, t) for t in _subtree(view, head, 1))
    for i in range(c.start, c.end):
        found[i] = view.doc[i]
    return [found[i] for i in sorted(found)]


def _finish(view: SentenceView, c: Candidate) -> None:
    """Type, mode and CAMEO code from the sense, its content and the words around it."""
    lex = view.lex
    sense = c.sense
    assert sense is not None
    c.type, c.mode, c.cameo = sense.type, sense.mode, sense.cameo
    content = c.content
    if content is not None and content.sense is not None:
        ctype = content.type or content.sense.type
        if content.sense.dominant and sense.type == "AGREE":
            c.type, c.mode, c.cameo = ctype, content.mode, content.cameo
            return
        c.type = sense.retype.get(ctype, sense.type)
        if c.type in ("REQUEST", "REJECT", "THREATEN") and c.mode is None:
            c.mode = lex.content_modes.get(c.type, {}).get(ctype)
        cameo = lex.cameo_by_content.get(c.type, {}).get(ctype)
        if cameo:
            c.cameo = cameo
    if c.mode is None and c.type in lex.modes:
        near = view.phrase_words(_cue_tokens(view, c))
        for mode, cues in lex.modes[c.type]:
            if cues & near:
                c.mode = mode
                break


def _modifier(view: SentenceView, c: Candidate) -> bool:
    """A trigger that only modifies a noun: "hostage deal negotiations", "Hamas-held
    hostages" (states, not events)."""
    head = view.head(c.token)
    if head is None:
        return False
    if c.kind == "noun":
        return c.token.dep_ == "compound" and head.tag_.startswith("NN")
    if c.kind != "verb" or c.token.dep_ != "amod" or c.token.i > head.i:
        return False
    # "Seoul accused Pyongyang ...": a noun just before it makes it the main verb
    before = view.doc[c.start - 1] if c.start > view.start else None
    return before is None or not (before.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP")
                                  and c.token.tag_ in ("VBD", "VBN", "VBZ", "VBP"))


def events_of(view: SentenceView, found: list[Candidate],
              timex_tokens: Collection[int]) -> list[Candidate]:
    """The triggers of a sentence that are events, each with its type, mode and content."""
    found = [c for c in found if not _modifier(view, c)]
    for c in found:
        c.sense = _first_sense(c)
        c.type = c.sense.type
        if c.kind == "noun":
            c.light = _light(view, c)
    _assign(view, found)
    result: list[Candidate] = []
    for c in found:
        if c.absorbed_by is not None:
            continue
        if not _choose(c):
            continue
        if _aimed(view, c):
            continue
        if c.kind == "noun" and not _anchored(view, c, timex_tokens):
            continue
        result.append(c)
    for c in result:
        if c.content is not None and c.content.sense is not None:
            _finish(view, c.content)
        _finish(view, c)
    return _protest_topics(view, result)


def _protest_topics(view: SentenceView, result: list[Candidate]) -> list[Candidate]:
    """The demands of a protest are its topic, not another event (manual 3.12.2):
    "Dock workers went on strike ... demanding higher pay"."""
    protests = [c for c in result if c.type == "PROTEST"]
    if not protests:
        return result
    clauses = {(c.light or c.token).i for c in protests}
    kept: list[Candidate] = []
    for c in result:
        if c.type == "REQUEST" and c.kind == "verb" and any(
                a.i in clauses for a, _ in view.ancestors(c.token, 3)):
            continue
        kept.append(c)
    return kept
