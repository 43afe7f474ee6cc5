"""Who did it, to whom, and where: the participants and place of an event mention.

The actor is the subject of the event's verb (the agent of a passive, the controller of
an infinitive: "sending Burns to negotiate" -> Burns; the noun a participle modifies:
"officials ... working towards a ceasefire"), or for an event noun its possessor, an
actor-like modifier ("Israeli strikes"), its "by" phrase or the participants of
"talks between Israel and Hamas".  Meetings list every participant as an actor, and
the visitor, not the host, leads a visit (PLOVER manual 2.4.2, 3.2.2).  Pronouns and
"the group" are replaced by the nearest fitting name earlier in the sentence.  Codes
join a country (ISO 3166 alpha-3, from the gazetteer or ``[actors]`` in
``events.toml``) and a PLOVER sector: "Israeli officials" -> ISRGOV, "the CIA" ->
USASPY.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

from spacy.tokens import Token

from storyline.extract.event_phrases import Participant, code_of, np_span, participant
from storyline.extract.event_view import Candidate, SentenceView

__all__ = ["arguments"]

_NOUN_TAGS: Final = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD"})
_MUTUAL_TYPES: Final = frozenset({"CONSULT", "COOPERATE"})
_TARGET_CASES: Final = {
    "ASSAULT": frozenset({"on", "against", "at", "upon", "into"}),
    "COERCE": frozenset({"on", "against"}),
    "SANCTION": frozenset({"on", "against", "with"}),
    "REQUEST": frozenset({"on", "upon", "to"}),
    "ACCUSE": frozenset({"against", "on"}),
    "THREATEN": frozenset({"against"}),
    "PROTEST": frozenset({"against"}),
    "AID": frozenset({"to", "for"}),
    "MOBILIZE": frozenset({"against"}),
    "CONSULT": frozenset(),
}
_PERSONAL: Final = {"he": ("PERSON",), "she": ("PERSON",), "him": ("PERSON",),
                    "her": ("PERSON",), "his": ("PERSON",),
                    "it": ("ORG", "GPE", "NORP"), "its": ("ORG", "GPE", "NORP"),
                    "they": ("ORG", "GPE", "NORP", "PERSON"),
                    "their": ("ORG", "GPE", "NORP", "PERSON"),
                    "them": ("ORG", "GPE", "NORP", "PERSON")}


def _antecedent(view: SentenceView, token: Token) -> Token | None:
    """The name a pronoun or "the group" stands for, earlier in the same sentence."""
    lower = token.lower_
    lex = view.lex
    if lower in lex.words("relative_pronouns"):
        return None
    labels = _PERSONAL.get(lower)
    if labels is None:
        if not (view.words(token) & lex.words("anaphors") and any(
                c.lower_ in ("the", "this", "that") for c in view.children(token))):
            return None
        labels = ("ORG", "GPE", "NORP") if lower not in ("country", "nation", "state") \
            else ("GPE",)
    for i in range(token.i - 1, view.start - 1, -1):
        t = view.doc[i]
        if t.ent_type_ in labels or (view.name_at(i) is not None and "PERSON" not in labels[:1]):
            if t.ent_iob_ == "I":
                continue
            # the head of a multi-word name is its last word
            j = i
            while j + 1 < token.i and view.doc[j + 1].ent_iob_ == "I":
                j += 1
            return view.doc[j]
    if lower in _PERSONAL and "ORG" in labels:
        # "The junta announced it would ...": the subject before the pronoun
        for i in range(token.i - 1, view.start - 1, -1):
            t = view.doc[i]
            if t.dep_ in ("nsubj", "nsubj:pass") and t.tag_ in ("NN", "NNS") \
                    and view.words(t) & lex.sectors.keys():
                return t
    return None


def _expand(view: SentenceView, head: Token) -> list[Token]:
    """A participant and its conjuncts ("France and India" -> France, India)."""
    found = [head]
    for child in view.children(head):
        if child.dep_ != "conj" or child.tag_ not in _NOUN_TAGS:
            continue
        if any(c.dep_ == "case" for c in view.children(child)):
            # "X as well as Y were in Paris" parsed as X conj Paris, Y its subject
            found.extend(c for c in view.children(child) if c.dep_ == "nsubj")
            continue
        found.extend(_expand(view, child))
    return found


def _demonym_split(view: SentenceView, head: Token, lo: int, hi: int) -> list[Participant] | None:
    """ "top Egyptian, Qatari and Israeli officials" -> Egyptian, Qatari, Israeli officials."""
    names = view.lex.names
    mods = [c for c in view.children(head) if c.dep_ in ("amod", "compound") and c.i < head.i]
    found: list[Token] = []
    while mods:
        m = mods.pop()
        mods.extend(c for c in view.children(m) if c.dep_ == "conj")
        if any(len(code) == 3 for _, code in names.get(m.text, ())):
            found.append(m)
    if len(found) < 2:
        return None
    found.sort(key=lambda t: t.i)
    result = [participant(view, t.i, t.i + 1, head) for t in found[:-1]]
    last = found[-1]
    result = [Participant(p.text, p.start, p.end, _demonym_code(view, t, head))
              for p, t in zip(result, found[:-1], strict=True)]
    result.append(participant(view, last.i, hi, head))
    return result


def _demonym_code(view: SentenceView, token: Token, head: Token) -> str | None:
    return code_of(view, [token, head], head)


def _participants(view: SentenceView, heads: Iterable[Token]) -> list[Participant]:
    result: list[Participant] = []
    seen: set[int] = set()
    for first in heads:
        for head in _expand(view, first):
            if head.i in seen:
                continue
            seen.add(head.i)
            resolved = _antecedent(view, head) or head
            lo, hi = np_span(view, resolved)
            split = _demonym_split(view, resolved, lo, hi)
            if split:
                result.extend(split)
                continue
            result.append(participant(view, lo, hi, resolved))
    return _join_adjacent(view, result)


def _join_adjacent(view: SentenceView, found: list[Participant]) -> list[Participant]:
    """Join participants the parser split with nothing between them ("Qatari" +
    "Prime Minister Mohammed ...")."""
    found = sorted(found, key=lambda p: p.start)
    result: list[Participant] = []
    for p in found:
        if result and 0 <= p.start - result[-1].end <= 1 and view.touching(result[-1].end, p.start):
            prev = result.pop()
            span = view.doc.char_span(prev.start, p.end, alignment_mode="expand")
            head = view.doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and head is not None:
                p = Participant(view.chars(prev.start, p.end), prev.start, p.end,
                                code_of(view, list(span), head.root))
        if not any(r.start == p.start and r.end == p.end for r in result):
            result.append(p)
    return result


# -- actors and targets -------------------------------------------------------------------

def _nonfinite(view: SentenceView, verb: Token) -> bool:
    return verb.tag_ in ("VB", "VBG", "VBN") and not any(
        c.dep_.startswith("aux") and c.tag_ in ("MD", "VBZ", "VBD", "VBP")
        for c in view.children(verb))


def _controller(view: SentenceView, verb: Token, depth: int = 0) -> Token | None:
    """Who does what a subjectless verb says: the object of "send X to", the subject of
    "agreed to", the noun a participle modifies."""
    head = view.head(verb)
    if head is None or depth > 3:
        return None
    dep = verb.dep_
    lex = view.lex
    unmarked = not any(c.dep_ == "mark" for c in view.children(verb))
    if dep == "xcomp" or (dep.startswith("advcl") and (_nonfinite(view, verb) or unmarked)) \
            or dep == "conj":
        if dep != "conj" and view.words(head) & lex.words("object_control"):
            obj = next((c for c in view.children(head) if c.dep_ in ("obj", "dobj", "iobj")), None)
            if obj is not None:
                return obj
        subject = view.agent(head) if view.passive(head) else view.subject(head)
        if subject is not None:
            return subject
        return _controller(view, head, depth + 1)
    if dep in ("acl", "amod") and head.tag_.startswith(("NN", "PRP")):
        if view.words(head) & lex.words("aims") or not view.animate(head):
            # "a policy of turning away boats": the policy's holder acts
            verb_head = view.head(head)
            return _controller(view, head, depth + 1) if verb_head is None else (
                view.subject(verb_head) or _controller(view, verb_head, depth + 1))
        return head
    return None


def _relative(view: SentenceView, token: Token) -> Token:
    if token.lower_ in view.lex.words("relative_pronouns"):
        clause = view.head(token)
        if clause is not None and clause.dep_ in ("acl:relcl", "relcl", "acl"):
            head = view.head(clause)
            if head is not None:
                return head
    return token


def _with_phrases(view: SentenceView, token: Token, depth: int = 2) -> Iterator[Token]:
    for child in view.children(token):
        cases = {c.lower_ for c in view.children(child) if c.dep_ == "case"}
        if child.dep_ in ("obl", "nmod", "obl:arg") and "with" in cases:
            yield child
        elif depth and child.dep_ in ("ccomp", "xcomp", "obj", "advcl") \
                and child.tag_.startswith("VB"):
            yield from _with_phrases(view, child, depth - 1)


def _between(view: SentenceView, token: Token) -> list[tuple[int, int]] | None:
    """Token spans of "between X, Y and Z" after an event word, read off the words
    (the parser often attaches such lists wrongly)."""
    doc = view.doc
    for i in range(token.i + 1, min(view.end, token.i + 12)):
        t = doc[i]
        if t.lower_ in ("between", "among", "amongst"):
            break
        if t.tag_.startswith("VB") or t.text in (";", ":", "."):
            return None
    else:
        return None
    spans: list[tuple[int, int]] = []
    lo = i + 1
    j = lo
    while j < view.end:
        t = doc[j]
        stop = (t.tag_.startswith(("VB", "MD", "WDT", "WP"))
                and t.dep_ not in ("amod", "compound")) \
            or t.text in (";", ":", ".", "(", ")") or t.lower_ in (
                "over", "on", "about", "that", "which", "who", "to", "for", "after", "before",
                "since", "during", "amid", "in")
        if stop or t.lower_ in (",", "and", "&"):
            if j > lo:
                spans.append((lo, j))
            lo = j + 1
            if stop:
                break
        j += 1
    else:
        if j > lo:
            spans.append((lo, j))
    return [s for s in spans if any(doc[k].tag_ in _NOUN_TAGS for k in range(*s))] or None


def _clause_verb(view: SentenceView, c: Candidate) -> Token | None:
    if c.kind in ("verb", "adjective"):
        return c.token
    if c.light is not None:
        return c.light
    if c.sense is not None and c.sense.anchored:
        return c.token
    return None


def _targets(view: SentenceView, c: Candidate, verb: Token | None) -> list[Token]:
    cases = _TARGET_CASES.get(c.type, frozenset({"against"}))
    found: list[Token] = []
    if verb is not None and c.type not in _MUTUAL_TYPES:
        for child in view.children(verb):
            if child.dep_ in ("obj", "dobj", "iobj") and (
                    c.type == "ASSAULT" or view.animate(child)) and not (
                    c.content is not None and child.i == c.content.token.i):
                if c.kind == "noun" and child.i == c.token.i:
                    continue
                found.append(child)
            elif child.dep_ in ("nsubj:pass", "nsubjpass", "nsubj") and view.passive(verb):
                found.append(child)
    for source in (c.token,) if verb is None or verb.i == c.token.i else (c.token, verb):
        if source is verb and c.kind == "noun":
            # the light verb's object is the event itself ("carried out a series of strikes")
            found = [f for f in found if not view.is_ancestor(f, c.token) and f.i != c.token.i]
        for child in view.children(source):
            marks = {m.lower_ for m in view.children(child) if m.dep_ == "case"}
            if child.dep_ in ("obl", "nmod") and marks & cases and view.animate(child):
                found.append(child)
    return found


def arguments(view: SentenceView, c: Candidate) -> tuple[list[Participant], list[Participant]]:
    """The event's actors and targets."""
    verb = _clause_verb(view, c)
    actor_heads: list[Token] = []
    patient: Token | None = None
    if verb is not None:
        head = view.head(verb)
        # a bare past participle is passive unless it takes an object or a "with" phrase
        # ("hostages taken by Hamas" vs "security forces clashed with fighters")
        participle = verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl", "conj") \
            and head is not None and not view.main_acl(verb) \
            and not any(c.dep_.startswith("aux") or c.dep_ in ("obj", "dobj")
                        for c in view.children(verb)) \
            and not any(True for _ in _with_phrases(view, verb, 0))
        broken = verb.dep_ == "amod" and verb.i > view.start and \
            view.doc[verb.i - 1].tag_ in _NOUN_TAGS
        if broken and head is not None:
            # "Seoul accused Pyongyang": the parser made the verb an adjective
            subject = view.subject(verb)
            patient = head
        elif participle and head is not None:
            # "hostages taken by Hamas", "... is dead, killed in an airstrike"
            subject = view.agent(verb)
            patient = head if verb.dep_ in ("acl", "amod") else view.subject(head)
        elif view.passive(verb):
            subject = view.agent(verb)
        else:
            subject = view.subject(verb) or _controller(view, verb)
        if subject is not None and c.light is not None and view.words(c.light) & view.lex.words(
                "undergoing"):
            # "their forces came under a calculated attack from Assad loyalists"
            patient, subject = subject, next(
                (ch for ch in view.children(c.token) if ch.dep_ in ("nmod", "obl") and any(
                    m.lower_ in ("from", "by") for m in view.children(ch) if m.dep_ == "case")),
                None)
        if subject is not None:
            actor_heads.append(_relative(view, subject))
        for child in view.children(verb):
            if child.dep_.startswith(("acl", "advcl")) and child.tag_ == "VBN":
                agent = view.agent(child)
                if agent is not None:
                    actor_heads.append(agent)
    if c.kind == "noun":
        for child in view.children(c.token):
            marks = {m.lower_ for m in view.children(child) if m.dep_ == "case"}
            if child.dep_ in ("nmod:poss", "poss"):
                if view.words(c.token) & view.lex.words("patient_nouns"):
                    patient = child
                else:
                    actor_heads.append(child)
            elif (child.dep_ in ("compound", "amod") and child.i < c.token.i \
                    and view.actorish(child)) or (child.dep_ in ("nmod", "obl") and "by" in marks):
                actor_heads.append(child)
            elif child.dep_.startswith("acl") and child.tag_ == "VBN":
                agent = view.agent(child)
                if agent is not None:
                    actor_heads.append(agent)
    sense = c.sense
    mutual = bool(sense and sense.mutual) or c.type in _MUTUAL_TYPES
    target_heads: list[Token] = []
    if mutual and verb is not None and sense is not None and sense.host:
        guests = [ch for ch in view.children(verb) if ch.dep_ in ("obj", "dobj")]
        target_heads, actor_heads = actor_heads, guests
    elif mutual:
        sources = [c.token] + ([verb] if verb is not None and verb.i != c.token.i else [])
        for source in sources:
            actor_heads.extend(_with_phrases(view, source))
            if source.tag_.startswith("VB") and not (sense and sense.mode == "visit"):
                actor_heads.extend(ch for ch in view.children(source) if ch.dep_ in ("obj", "dobj")
                                   or (ch.dep_ == "obl" and not any(
                                       m.dep_ == "case" for m in view.children(ch))
                                       and ch.tag_ in _NOUN_TAGS and ch.ent_type_ != "DATE"))
            elif sense and sense.mode == "visit" and source.tag_.startswith("VB"):
                target_heads.extend(ch for ch in view.children(source)
                                    if ch.dep_ in ("obj", "dobj"))
    else:
        target_heads = _targets(view, c, verb)
    if patient is not None and not mutual:
        target_heads.append(patient)
    actors = _participants(view, [h for h in actor_heads if _fits(view, h)])
    if c.kind == "noun" or mutual:
        spans = _between(view, c.token)
        if spans:
            doc = view.doc
            for lo, hi in spans:
                head = max((doc[k] for k in range(lo, hi) if doc[k].tag_ in _NOUN_TAGS),
                           key=lambda t: (t.ent_type_ == "PERSON", t.i))
                actors.append(participant(view, lo, hi, head))
    targets = [t for t in _participants(view, target_heads)
               if not any(a.start <= t.start < a.end for a in actors)]
    return _dedupe(actors), _dedupe(targets)


def _fits(view: SentenceView, token: Token) -> bool:
    """Whether a token can head an actor: not a date, a relative pronoun or a thing."""
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
        return False
    if token.lower_ in view.lex.words("relative_pronouns") and token.dep_ != "nsubj":
        return False
    return view.animate(token) or token.dep_ in ("nsubj", "nsubj:pass", "obl:agent") \
        or token.tag_ == "PRP" or any(c.lower_ == "by" for c in view.children(token))


def _dedupe(found: list[Participant]) -> list[Participant]:
    result: list[Participant] = []
    for p in sorted(found, key=lambda x: (x.start, -x.end)):
        if any(r.start <= p.start and p.end <= r.end for r in result):
            continue
        result = [r for r in result if not (p.start <= r.start and r.end <= p.end)]
        result.append(p)
    return result
