"""Attributions read from the dependency parse, when the pipeline has one.

The word rules (:mod:`storyline.extract.quote_frames`) cover speech around its cue;
the parse adds what they cannot see without syntax: speech whose speaker is too long
for the word rules, beliefs, findings and intentions stated in a complement ("the
minister believes the polls are wrong", "Hamas refused to resume the talks") and
stances taken on something ("X endorsed Y", "X called for Y", "X accused Y of Z").
Like the triples of textacy's ``direct_quotations`` and the PARC cue lexicon
(Pareti, 2016), the verb must be in a lexicon (``[parse]`` in ``quotes.toml``, chosen
by their precision on the PolNeAR training split, Newell et al., 2018): the subject
is the speaker and the complements the lexicon names for the verb are the content.
A verb without a subject takes the speaker of the verb it is joined to ("announced X
and said Y", the passive subject in "was asked about X and said Y"), or the phrase
its participle describes ("Ruiz, calling for a vote").  Two errors of the parser are
repaired: a paragraph break taken for the subject beside the real one, and a subject
hung as an apposition from the phrase before its verb ("In a letter, the senator
criticized ...").
A clause set in someone's view ("in his view, the plan is dead") is a ``document``
attribution to the possessor.

Only the outermost attribution is kept, as PolNeAR annotates it: candidates are
taken from the root of the parse down, and one whose content or cue overlaps a frame
already found (by the word rules or a higher verb) is dropped, so every token belongs
to at most one attribution.  (PolNeAR train has no nested attributions: measured,
keeping an inner one, or cutting the outer content where an inner cue starts, adds
more false attributions than true ones.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

from storyline.extract.quote_frames import Frame, Range
from storyline.extract.quote_lexicon import QuoteLexicon
from storyline.extract.quote_tokens import TokenView

SUBJECT_DEPS: Final = frozenset({"nsubj"})
CLAUSE_DEPS: Final = frozenset({"ccomp"})
#: 'told the crowd, "we are not done yet"': a clause after a verb of saying
SPEECH_DEPS: Final = frozenset({"ccomp", "parataxis"})
#: what does not continue a small clause ("polls show [the mayor well ahead]")
SMALL_CLAUSE_STOP_DEPS: Final = frozenset({"punct", "cc", "conj", "parataxis", "dep"})
INTENT_DEPS: Final = frozenset({"xcomp"})
OBJECT_DEPS: Final = frozenset({"obj"})
#: what follows an object and belongs to the stance: "called him a liar", "accused X of Y"
OBJECT_TAIL_DEPS: Final = frozenset({"xcomp", "advcl", "obl"})
OBLIQUE_DEPS: Final = frozenset({"obl", "advcl"})
MARKER_DEPS: Final = frozenset({"case", "mark"})
#: a clause with its own cue inside the sentence: "X is wrong, officials said"
INVERTED_DEPS: Final = frozenset({"parataxis"})
#: a verb without a subject borrows one through these links
SHARED_SUBJECT_DEPS: Final = frozenset({"conj", "xcomp"})
PARTICIPLE_DEPS: Final = frozenset({"acl", "advcl", "ccomp"})
#: a passive cue: its subject is the content, its agent ("by X") the speaker
PASSIVE_SUBJECT_DEPS: Final = frozenset({"nsubj:pass"})
AGENT_DEPS: Final = frozenset({"obl:agent"})
#: a finite verb, whose subject may have been parsed as an apposition before it
FINITE_TAGS: Final = frozenset({"VBD", "VBZ", "VBP"})
AUX_DEPS: Final = frozenset({"aux", "aux:pass"})
APPOS_DEPS: Final = frozenset({"appos"})
#: what may stand between such a subject and its verb: "the senator[,] [also] said"
VERB_MODIFIER_DEPS: Final = frozenset({"advmod", "aux", "aux:pass", "punct"})
#: a participle before the verb whose subject it shares: "In describing X, Ruiz said"
FRONTED_PARTICIPLE_DEPS: Final = frozenset({"advcl"})
#: the noun a participle describes, the object of the verb whose subject is the speaker:
#: "X took the step of criticizing Y", "X spent the day attacking Y"
STEP_DEPS: Final = frozenset({"obj", "obl"})
#: left modifiers kept when a long speaker is cut to its core
CORE_LEFT_DEPS: Final = frozenset({"compound", "flat", "amod", "det", "nmod:poss", "nummod",
                                   "case"})
CORE_RIGHT_DEPS: Final = frozenset({"flat", "compound"})
#: what the parse adds by default
ATTITUDES: Final = frozenset({"speech", "document", "belief", "intention", "stance", "topic"})
#: "in the polls", "in his view": a source noun in an oblique
OBLIQUE_SOURCE_DEPS: Final = frozenset({"obl", "nmod"})
NAME_POS: Final = frozenset({"PROPN", "PRON"})
VERB_POS: Final = frozenset({"VERB"})
SOURCE_POS: Final = frozenset({"NOUN", "PROPN"})
#: where the clause a source is set in stops
CLAUSE_HEAD_DEPS: Final = frozenset({"ROOT", "ccomp", "conj", "parataxis", "advcl"})
#: what may be a cue: verbs, and adjectives ("X is eager to ...", "critical of Y")
PREDICATE_POS: Final = frozenset({"VERB", "AUX", "ADJ"})
PREDICATE_TAGS: Final = frozenset({"VB", "JJ"})
MIN_CONTENT_TOKENS = 2
#: kinds whose content may be a single word
NOUN_KINDS: Final = frozenset({"stance", "topic"})
MAX_SPEAKER_TOKENS = 14


@dataclass(frozen=True, slots=True)
class _Candidate:
    depth: int
    frame: Frame


def _subtree(token: Token) -> Range:
    return token.left_edge.i, token.right_edge.i + 1


def _trimmed(view: TokenView, r: Range) -> Range:
    s, e = view.trim(*r)
    while e > s and view.is_punct(e - 1) and view.words[e - 1] not in {'"', "”", ")"}:
        e -= 1
    return s, e


def _marker(token: Token) -> str:
    """The preposition or subordinator opening a complement ("for" in "called for X")."""
    return next((c.lower_ for c in token.children if c.dep_ in MARKER_DEPS), "")


def _lemma(token: Token, lex: QuoteLexicon) -> str:
    """The lemma, repaired where the lemmatizer cut or kept a letter too many.

    A statistical lemmatizer gives "denounc", "toute", "slamme" for "denounced",
    "touted", "slammed"; the nearest form the lexicon names is taken instead (for
    verbs only: "likely" is not "like").
    """
    lemma = token.lemma_.lower() or token.lower_
    if lemma in lex.parse_lemmas or len(lemma) < 4 or token.pos_ not in VERB_POS:
        return lemma
    for form in (lemma + "e", lemma[:-1], lemma[:-2], token.lower_[:-2], token.lower_[:-3]):
        if form in lex.parse_lemmas:
            return form
    return lemma


def _arguments(token: Token, lemma: str, lex: QuoteLexicon) -> tuple[list[Token], str] | None:
    """The complements that hold the content, and the kind of attribution they make."""
    later = [c for c in token.children if c.i > token.i]
    if lemma in lex.parse_clause:
        deps = SPEECH_DEPS if lemma in lex.parse_speech else CLAUSE_DEPS
        clause = [c for c in later if c.dep_ in deps]
        if clause:
            return clause, "speech" if lemma in lex.parse_speech else "belief"
    if lemma in lex.parse_intent:
        intent = [c for c in later if c.dep_ in INTENT_DEPS or (
            c.dep_ in OBLIQUE_DEPS and _marker(c) == "to" and c.pos_ in {"VERB", "AUX"})]
        if intent and not (lemma in lex.parse_small_clause and any(
                c.dep_ in OBJECT_DEPS and c.i < intent[0].i for c in later)):
            return intent[:1], "intention"  # not "called [it a disgrace]": a small clause
    oblique = [c for c in later if c.dep_ in OBLIQUE_DEPS and
               f"{lemma} {_marker(c)}" in lex.parse_oblique]
    if oblique:
        kind = "topic" if f"{lemma} {_marker(oblique[0])}" in lex.parse_topic else "stance"
        head = [c for c in later if c.dep_ in OBJECT_DEPS and c.i < oblique[0].i]
        tail = [c for c in later if c.dep_ in INTENT_DEPS and c.i > oblique[0].i]
        return head + oblique + tail, kind  # "accused [Ruiz of lying]"
    if lemma in lex.parse_stance:
        objects = [c for c in later if c.dep_ in OBJECT_DEPS]
        if objects:
            if lemma in lex.parse_small_clause:
                tail = []
                for c in later:
                    if c.i > objects[0].i and c.dep_ in SMALL_CLAUSE_STOP_DEPS:
                        break
                    if c.i > objects[0].i:
                        tail.append(c)
            else:
                tail = [c for c in later if c.dep_ in OBJECT_TAIL_DEPS and c.i > objects[0].i
                        and (c.dep_ == "xcomp" or f"{lemma} {_marker(c)}" in
                             lex.parse_object_tail)]
            return objects + tail, "stance"
    return None


def cue_frame(token: Token, lex: QuoteLexicon) -> tuple[str, str] | None:
    """Which list of ``[parse]`` makes ``token`` a cue, and the entry: ``("oblique", "see as")``.

    The frames are ``clause`` (a clausal complement), ``intent`` (a ``to`` complement),
    ``stance`` (an object) and ``oblique`` (a prepositional complement); ``None``
    where the token is no cue for ``lex``.
    """
    lemma = _lemma(token, lex)
    found = _arguments(token, lemma, lex)
    if found is None:
        return None
    args, kind = found
    if kind in {"speech", "belief"}:
        return "clause", lemma
    if kind == "intention":
        return "intent", lemma
    pair = next((p for a in args if a.dep_ in OBLIQUE_DEPS
                 and (p := f"{lemma} {_marker(a)}") in lex.parse_oblique), None)
    return ("oblique", pair) if pair is not None else ("stance", lemma)


def _subject(token: Token, deps: frozenset[str] = SUBJECT_DEPS) -> Token | None:
    """The subject child of ``token``, past a paragraph break parsed as one.

    A break before the sentence is often taken for a first subject, the real one
    beside it ("[break] Ruiz also said ...") or hanging from it.
    """
    subjects = [c for c in token.children if c.dep_ in deps]
    for c in subjects:
        if not c.is_space:
            return c
    if subjects:
        return next((k for k in subjects[0].children if not (k.is_space or k.is_punct)),
                    None)
    return _appos_subject(token) if deps == SUBJECT_DEPS else None


def _appos_subject(token: Token) -> Token | None:
    """``In a statement, the senator dismissed ...``: a finite verb without a subject
    whose subject was parsed as an apposition to the phrase just before it."""
    if not (token.tag_ in FINITE_TAGS or any(c.dep_ in AUX_DEPS for c in token.children)):
        return None
    doc, k = token.doc, token.i - 1
    while k >= token.sent.start and doc[k].head.i == token.i and (
            doc[k].dep_ in VERB_MODIFIER_DEPS):
        k -= 1  # "the senator on Tuesday [also] dismissed", "Ruiz, the mayor[,] said"
    if k < token.sent.start:
        return None
    t = doc[k]
    for _ in range(6):
        if t.dep_ in APPOS_DEPS and t.head.i < t.i and t.pos_ in SOURCE_POS | NAME_POS:
            while t.head.dep_ in APPOS_DEPS and t.head.pos_ in SOURCE_POS | NAME_POS:
                t = t.head  # "the mayor, a Democrat, praised": the first of the two
            return t
        if t.head.i in (t.i, token.i) or t.head.i > token.i:
            return None
        t = t.head
    return None


def _speaker_token(token: Token) -> Token | None:
    """The subject of the cue, or of the verb it shares one with."""
    t = token
    for _ in range(4):
        subject = _subject(t)
        if subject is None and t is not token:
            # "Ruiz was asked about it and said ...": the passive subject speaks
            subject = _subject(t, PASSIVE_SUBJECT_DEPS)
        if subject is not None:
            return subject
        if t.dep_ in SHARED_SUBJECT_DEPS and t.head.i != t.i:
            t = t.head  # "announced X and said Y", "refused to ..."
        elif t.dep_ in PARTICIPLE_DEPS and t.tag_ == "VBG" and (
                t.head.i < t.i or t.dep_ in FRONTED_PARTICIPLE_DEPS):
            if t.dep_ == "acl":  # "Ruiz, calling for a vote", not "a speech attacking X"
                if t.head.pos_ in NAME_POS:
                    return t.head
                if not (t.head.dep_ in STEP_DEPS and t.head.head.pos_ in VERB_POS):
                    return None
                t = t.head  # "X took the step of criticizing Y": who took it
            t = t.head  # "..., saying the vote was rigged", "In describing X, Ruiz said"
            while t.dep_ in CLAUSE_DEPS and t.head.i < t.i and t.head.pos_ in VERB_POS:
                t = t.head  # "said the bridge was safe, adding ...": who said it
        else:
            return None
    return None


def _speaker_range(subject: Token, *, whole: bool = True) -> Range:
    """The subject's phrase, cut to its head and name when it is too long to be one.

    ``whole=False``: the cue hangs from the phrase ("Ruiz, calling for ..."), so only
    its head and name are the speaker; so too for a subject found as an apposition
    (its phrase runs on to the verb: "the senator on Tuesday").
    """
    s, e = _subtree(subject)
    if whole and e - s <= MAX_SPEAKER_TOKENS and subject.dep_ not in APPOS_DEPS:
        return s, e
    lo = min([subject.i] + [c.left_edge.i for c in subject.lefts if c.dep_ in CORE_LEFT_DEPS])
    hi = max([subject.i] + [c.i for c in subject.rights if c.dep_ in CORE_RIGHT_DEPS])
    return lo, hi + 1


def parse_speaker(doc: Doc, cue: int) -> Range | None:
    """The speaker the parse gives the cue at token ``cue`` (``None`` without a parse)."""
    if not doc.has_annotation("DEP"):
        return None
    token = doc[cue]
    subject = _speaker_token(token)
    if subject is None:
        return None
    r = _speaker_range(subject, whole=token not in subject.subtree)
    return r if r[1] - r[0] <= MAX_SPEAKER_TOKENS and r[0] < cue else None


def _content(view: TokenView, args: list[Token], lex: QuoteLexicon) -> Range:
    s = min(a.left_edge.i for a in args)
    e = max(a.right_edge.i for a in args) + 1
    content = _trimmed(view, (s, e))
    first = args[0]
    if content[1] <= content[0]:
        return content
    if view.lower[content[0]] in lex.complementizers or (
            first.dep_ not in INTENT_DEPS and any(
                c.i == content[0] and c.dep_ in MARKER_DEPS for c in first.children)):
        content = (content[0] + 1, content[1])  # "called for [X]", "said that [X]"
    return content


def _cue(token: Token, args: list[Token]) -> Range:
    """The verb, with the preposition that links it to the content ("called for")."""
    end = token.i + 1
    marker = next((c for c in args[0].children if c.dep_ in MARKER_DEPS), None)
    if args[0].dep_ not in INTENT_DEPS and marker is not None and marker.i == end:
        end += 1
    return token.i, end


def _inverted(token: Token, view: TokenView, lex: QuoteLexicon) -> Frame | None:
    """``The vote was rigged, officials said``: the clause the cue hangs from is the content."""
    if token.dep_ not in INVERTED_DEPS or token.head.i > token.i or (
            _lemma(token, lex) not in lex.parse_speech):
        return None
    subject = _subject(token)
    if subject is None:
        return None
    head = token.head
    start = head.left_edge.i
    own = _subtree(token)
    end = own[0]
    content = _trimmed(view, (start, end))
    return Frame([content], (token.i, token.i + 1), _speaker_range(subject), kind="speech")


def _fronted(token: Token, view: TokenView, lex: QuoteLexicon) -> Frame | None:
    """``In the end, the plan failed, officials said``: the clause before the cue, its head."""
    if _lemma(token, lex) not in lex.parse_speech or any(
            c.dep_ in SPEECH_DEPS for c in token.children if c.i > token.i):
        return None
    subject = _subject(token)
    clause = next((c for c in token.children if c.dep_ in CLAUSE_DEPS and c.i < token.i), None)
    if subject is None or clause is None or not clause.right_edge.i < subject.left_edge.i:
        return None
    if view.words[subject.left_edge.i - 1] not in {",", "”", '"', "''"}:
        return None
    content = _trimmed(view, _subtree(clause))
    return Frame([content], (token.i, token.i + 1), _speaker_range(subject), kind="speech")


def _passive(token: Token, view: TokenView, lex: QuoteLexicon) -> Frame | None:
    """``Ruiz was endorsed by the union``: the agent takes the stance on the subject."""
    if _lemma(token, lex) not in lex.parse_stance:
        return None
    subject = _subject(token, PASSIVE_SUBJECT_DEPS)
    agent = next((c for c in token.children if c.dep_ in AGENT_DEPS and c.i > token.i), None)
    if subject is None or agent is None or agent.left_edge.i <= token.i:
        return None
    speaker = _speaker_range(agent)
    if view.lower[speaker[0]] == "by":
        speaker = (speaker[0] + 1, speaker[1])
    content = _trimmed(view, _subtree(subject))
    if speaker[1] - speaker[0] > MAX_SPEAKER_TOKENS or content[1] <= content[0]:
        return None
    return Frame([content], (token.i, token.i + 1), speaker, kind="stance")


def _in_source(token: Token, view: TokenView, lex: QuoteLexicon) -> Frame | None:
    """``the mayor leads in the polls``, ``in his view, ...``: a source the clause is set in."""
    if token.dep_ not in OBLIQUE_SOURCE_DEPS or _lemma(token, lex) not in lex.parse_in_sources:
        return None
    case = next((c for c in token.children if c.dep_ == "case"), None)
    if case is None or case.lower_ not in lex.parse_in_cases or case.i != token.left_edge.i:
        return None
    clause = token.head
    while clause.dep_ not in CLAUSE_HEAD_DEPS and clause.head.i != clause.i:
        clause = clause.head
    owner = next((c for c in token.children if c.dep_ == "nmod:poss"), None)
    owned = owner is not None and _lemma(token, lex) in lex.parse_owned_sources
    source = _subtree(owner) if owner is not None and owned else (
        case.i + 1, token.right_edge.i + 1)
    lo, hi = _subtree(clause)
    left = _trimmed(view, (lo, case.i))
    right = _trimmed(view, (token.right_edge.i + 1, hi))
    parts = [p for p in (left, right) if any(view.is_word(k) for k in range(*p))]
    if not parts or sum(p[1] - p[0] for p in parts) < MIN_CONTENT_TOKENS:
        return None
    return Frame(parts, (case.i, case.i + 1), source, kind="document")


def _cut(view: TokenView, lex: QuoteLexicon, s: int, at: int) -> Range:
    """The content from ``s`` to just before ``at``, without a joining word or comma."""
    cut = _trimmed(view, (s, at))
    while cut[1] > cut[0] and view.lower[cut[1] - 1] in lex.coordinators | {"but"}:
        cut = _trimmed(view, (cut[0], cut[1] - 1))
    return cut


def _participle(doc: Doc, view: TokenView, lex: QuoteLexicon, f: Frame, s: int, e: int,
                kinds: frozenset[str]) -> Frame | None:
    """``said the plan failed, calling it a disgrace``: a second attribution by the speaker.

    A participle after a comma inside the content, that is a cue with a complement of
    its own, ends the content and starts a frame with the same speaker.
    """
    for k in range(s + MIN_CONTENT_TOKENS, e):
        c = doc[k]
        if c.tag_ != "VBG" or view.words[k - 1] != "," or view.quote_of[k] >= 0 or any(
                ch.dep_ in SUBJECT_DEPS for ch in c.children):
            continue
        found = _arguments(c, _lemma(c, lex), lex)
        if found is None or found[1] not in kinds:
            continue
        args, kind = found
        content = _content(view, args, lex)
        cut = _cut(view, lex, s, k)
        if cut[1] - cut[0] < MIN_CONTENT_TOKENS or content[1] <= content[0] or content[0] < k:
            return None
        f.parts[-1] = cut
        return Frame([content], _cue(c, args), f.speaker, kind=kind)
    return None


def _cut_at_joined_cue(doc: Doc, view: TokenView, lex: QuoteLexicon, f: Frame,
                       kinds: frozenset[str]) -> Frame | None:
    """``said the plan is dead and vowed to fight``: the joined cue starts a frame of its own.

    The word rules run a content to the end of the sentence; a verb joined to their cue
    that is a cue itself ends it, and the parse gives it its own frame.  A participle
    that is a cue ends it too, and its frame, by the same speaker, is returned.
    """
    if f.direct or f.relay or not f.parts or f.cue[1] - f.cue[0] != 1:
        return None
    s, e = f.parts[-1]
    if s <= f.cue[0]:
        return None
    for c in doc[f.cue[0]].children:
        if c.dep_ == "conj" and s < c.i < e and _arguments(c, _lemma(c, lex), lex) is not None:
            cut = _cut(view, lex, s, c.left_edge.i)
            if cut[1] > cut[0]:
                f.parts[-1] = cut
            return None
    return _participle(doc, view, lex, f, s, e, kinds) if f.speaker else None


def _depth(token: Token) -> int:
    d = 0
    while token.head.i != token.i and d < 50:
        token, d = token.head, d + 1
    return d


def _candidate(token: Token, view: TokenView, lex: QuoteLexicon,
               kinds: frozenset[str]) -> Frame | None:
    if view.quote_of[token.i] >= 0:
        return None
    if token.pos_ in SOURCE_POS:
        return _in_source(token, view, lex) if "document" in kinds else None
    if not (token.pos_ in PREDICATE_POS or token.tag_[:2] in PREDICATE_TAGS):
        return None
    inverted = _inverted(token, view, lex) or _fronted(token, view, lex)
    if inverted is not None:
        return inverted if "speech" in kinds else None
    passive = _passive(token, view, lex) if "stance" in kinds else None
    if passive is not None:
        return passive
    found = _arguments(token, _lemma(token, lex), lex)
    if found is None or found[1] not in kinds:
        return None
    args, kind = found
    subject = _speaker_token(token)
    if subject is None or subject.i in range(*_subtree(args[0])):
        return None
    speaker = _speaker_range(subject, whole=subject.i > token.i or token not in subject.subtree)
    if speaker[1] - speaker[0] > MAX_SPEAKER_TOKENS:
        return None
    return Frame([_content(view, args, lex)], _cue(token, args), speaker, kind=kind)


def parse_frames(doc: Doc, view: TokenView, lex: QuoteLexicon, found: list[Frame], *,
                 kinds: frozenset[str]) -> list[Frame]:
    """Frames for cue verbs with a speaker and a complement, of the given kinds."""
    if not doc.has_annotation("DEP") or not kinds:
        return []
    joined = [j for f in found if (j := _cut_at_joined_cue(doc, view, lex, f, kinds))]
    found = found + joined
    taken = [0] * (len(view) + 1)
    for f in found:
        for s, e in f.parts:
            for k in range(s, e):
                taken[k] = 1
        taken[f.cue[0]] = 1
    candidates = []
    for token in doc:
        if taken[token.i]:
            continue
        frame = _candidate(token, view, lex, kinds)
        if frame is not None:
            candidates.append(_Candidate(_depth(token), frame))
    frames: list[Frame] = []
    for cand in sorted(candidates, key=lambda c: (c.depth, c.frame.cue[0])):
        f = cand.frame
        (s, e), (cs, ce) = f.parts[0], f.cue
        least = 1 if f.kind in NOUN_KINDS else MIN_CONTENT_TOKENS  # "X endorsed Ruiz"
        if e - s < least or not any(view.is_word(k) for k in range(s, e)) or any(
                taken[s:e]) or any(taken[cs:ce]):
            continue
        if f.speaker is None or any(taken[f.speaker[0]:f.speaker[1]]):
            continue
        for k in range(s, e):
            taken[k] = 1
        for k in range(cs, ce):
            taken[k] = 1
        frames.append(f)
    return sorted(frames + joined, key=lambda f: f.parts[0][0])
