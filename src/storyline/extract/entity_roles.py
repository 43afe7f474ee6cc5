"""Office titles in an article and whom they describe.

Finds the titles of ``names.toml`` ([[role]]) in the token stream and reads around
each one:

* modifiers before it: the organisation or country it is an office of ("CIA
  director", "Qatar's prime minister", "Israeli Prime Minister", "White House
  national security adviser"), "former", a determiner;
* an "of" phrase after it ("the director of Israel's Mossad", "the heads of its
  Mossad intelligence agency and Shin Bet security agency": one office per
  conjunct of a plural title);
* the person it describes: a name right after it ("CIA director Bill Burns"), a
  name it is in apposition with ("Tim Cook, the former COO"; "Steve Jobs, founder
  of Apple"), or the person of the title it is coordinated with ("The co-founder and
  former chief executive officer of Apple Inc. Steve Jobs").

A hyphenated title the tokenizer split ("co", "-", "founder") is read as one word.

A title with no person is a *description* ("Qatar's prime minister"); the caller
decides whether it names an entity (a unique office, definite, with its "of").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from storyline.extract.entity_lexicon import EntityLexicon, Office, fold
from storyline.extract.entity_ner import NameMention

_OF_WORDS: frozenset[str] = frozenset({"of", "at", "for"})
_POSSESSIVE: frozenset[str] = frozenset({"'s", "’s", "'", "’"})
_POSSESSIVE_PRONOUNS: frozenset[str] = frozenset({"its", "their", "his", "her", "our"})
_DEFINITE: frozenset[str] = frozenset({"the"}) | _POSSESSIVE_PRONOUNS
_INDEFINITE: frozenset[str] = frozenset({
    "a", "an", "another", "one", "some", "any", "every", "each", "no", "several", "two",
    "three", "many", "other", "these", "those"})
_NP_POS: frozenset[str] = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
_TITLE_POS: frozenset[str] = frozenset({"NOUN", "PROPN", "ADJ", "X"})
_COORDINATORS: frozenset[str] = frozenset({"and", "&"})
_APPOSITION_DEPS: frozenset[str] = frozenset({"appos"})
#: labels that can be what an office is "of"
OF_LABELS: frozenset[str] = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "MISC"})


@dataclass(slots=True)
class RoleHit:
    office: Office
    #: the title as written, folded ("chief")
    written: str
    #: character span of the role text ("CIA director", "director of Israel's Mossad")
    start: int
    end: int
    #: character span of the whole description, with its determiner ("the CIA chief")
    desc_start: int
    #: mentions (indices) the office is of; several for "the heads of A and B"
    of: list[int] = field(default_factory=list)
    #: further organisation/country mentions in the description ("Israel's Mossad")
    hints: list[int] = field(default_factory=list)
    person: int | None = None
    #: how the person was found: "title-before-name" or "apposition"
    link: str = ""
    former: bool = False
    #: a capitalised name follows the title: the holder is named, not described
    named: bool = False
    definite: bool = False
    plural: bool = False
    #: end of each conjunct's description (for "the heads of A and B")
    ends: list[int] = field(default_factory=list)


def _glued(doc: Doc, words: list[str], i: int, n: int) -> str | None:
    """The word tokens ``i:i+n`` spell where the tokenizer split a hyphenated word
    ("co-founder" → "co", "-", "founder"), else None."""
    if n < 3 or "-" not in words[i + 1:i + n - 1]:
        return None
    if any(doc[j].whitespace_ for j in range(i, i + n - 1)):
        return None
    return "".join(words[i:i + n])


def _match(doc: Doc, words: list[str], i: int, covered: dict[int, int], lex: EntityLexicon
           ) -> tuple[Office, int, str, bool] | None:
    """The office whose title starts at token ``i``: (office, length, written, plural)."""
    for n in range(min(lex.office_words + 2, len(doc) - i), 0, -1):
        if any(j in covered for j in range(i, i + n)):
            continue
        glued = _glued(doc, words, i, n)
        key = (glued,) if glued else tuple(words[i:i + n])
        if len(key) > lex.office_words:
            continue
        plural = False
        office = lex.offices.get(key)
        if office is None and len(key[-1]) > 3 and key[-1].endswith("s"):
            office = lex.offices.get((*key[:-1], key[-1][:-1]))
            plural = office is not None
        if office is None:
            continue
        last = doc[i + n - 1]
        if last.pos_ and last.pos_ not in _TITLE_POS:
            continue
        if n == 1 and len(key[0]) <= 3 and not doc[i].text.isupper():
            continue  # "pm" in "5 pm" is no prime minister; "PM" is
        return office, n, " ".join(key), plural
    return None


def _left(doc: Doc, first: int, sent_start: int, covered: dict[int, int],
          mentions: list[NameMention], lex: EntityLexicon, hit: RoleHit) -> int:
    """Reads the modifiers before a title; returns the first token of the description."""
    i = first - 1
    start = first
    while i >= sent_start:
        token = doc[i]
        low = fold(token.text)
        index = covered.get(i)
        if index is not None:
            m = mentions[index]
            if m.label not in OF_LABELS:
                break
            (hit.hints if hit.of else hit.of).append(index)
            i = m.first - 1
            start = m.first
            continue
        if low in _POSSESSIVE:
            hit.definite = True
        elif low in lex.former:
            hit.former = True
        elif low in lex.distinct:
            hit.office = Office(f"{low} {hit.office.title}", unique=False)
        elif low in lex.modifiers or low == "-":
            pass
        elif low in _DEFINITE:
            hit.definite = True
            return i
        elif low in _INDEFINITE:
            hit.definite = False
            return i
        else:
            break
        start = i
        i -= 1
    if hit.of:
        hit.definite = True  # "CIA chief William Burns", "Qatar's prime minister"
    return start


def _of_phrase(doc: Doc, after: int, covered: dict[int, int], mentions: list[NameMention],
               hit: RoleHit) -> int:
    """Reads "of the US Central Intelligence Agency"; returns the token after the phrase."""
    k, end = after + 1, after
    limit = min(len(doc), after + 14)
    segment: list[int] = []
    while k < limit:
        token = doc[k]
        index = covered.get(k)
        if index is not None:
            if mentions[index].label not in OF_LABELS:
                break
            segment.append(index)
            k = mentions[index].last
            end = k
            continue
        low = token.lower_
        if low in _POSSESSIVE and segment and covered.get(k - 1) is None:
            segment = []  # "the head of the U.N. children's program": not of the U.N.
        if low in _POSSESSIVE or low in _DEFINITE or (token.pos_ in _NP_POS
                                                       and not token.is_punct):
            k += 1
            if segment or low not in _DEFINITE:
                end = k
            continue
        if low in _COORDINATORS and hit.plural and segment:
            _close(doc, segment, end, hit)
            segment = []
            k += 1
            continue
        break
    if segment:
        _close(doc, segment, end, hit)
    return max(end, after + 1) if hit.ends else after


def _close(doc: Doc, segment: list[int], end: int, hit: RoleHit) -> None:
    hit.of.append(segment[-1])
    hit.hints.extend(segment[:-1])
    hit.ends.append(doc[end - 1].idx + len(doc[end - 1].text))


def find_roles(doc: Doc, mentions: list[NameMention], lex: EntityLexicon) -> list[RoleHit]:
    """Office titles in document order, with what each is of and whom it describes."""
    covered = {t: k for k, m in enumerate(mentions) for t in range(m.first, m.last)}
    starts = {m.first: k for k, m in enumerate(mentions)}
    hits: list[RoleHit] = []
    #: the last token of each hit's title
    heads: list[int] = []
    words = [t.lower_.replace("’", "'").rstrip(".") for t in doc]
    i = 0
    while i < len(doc):
        found = (_match(doc, words, i, covered, lex) if words[i] in lex.office_first
                 or words[i + 1:i + 2] == ["-"] else None)
        if found is None:
            i += 1
            continue
        office, n, written, plural = found
        last = i + n  # the token after the title
        title_end = doc[last - 1].idx + len(doc[last - 1].text)
        hit = RoleHit(office, written, doc[i].idx, title_end, doc[i].idx, plural=plural)
        sent_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
        first = _left(doc, i, sent_start, covered, mentions, lex, hit)
        hit.desc_start = doc[first].idx
        if hit.of:
            hit.start = mentions[hit.of[-1]].start if not hit.hints else min(
                mentions[k].start for k in (*hit.of, *hit.hints))
        left_of = list(hit.of)
        if last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].text[:1].isupper():
            hit.named = True  # a name follows, even where the NER missed it
        if last < len(doc) and last in starts and mentions[starts[last]].label == "PERSON":
            hit.person, hit.link = starts[last], "title-before-name"
        elif last < len(doc) and doc[last].lower_ in _OF_WORDS:
            hit.of, hit.hints = [], hit.hints + left_of
            after = _of_phrase(doc, last, covered, mentions, hit)
            if not hit.of:
                hit.of = left_of
            else:
                hit.end = hit.ends[0]
                last = after
        if not hit.ends:
            hit.ends.append(hit.end)
        if hit.person is None:
            hit.person = _apposition(doc, first, i + n - 1, last, covered, mentions)
            if hit.person is not None:
                hit.link = "apposition"
        hits.append(hit)
        heads.append(i + n - 1)
        i = max(last, i + n)
    _coordinated(doc, hits, heads)
    return hits


def _coordinated(doc: Doc, hits: list[RoleHit], heads: list[int]) -> None:
    """A title coordinated with a later one that describes a person, with no
    determiner of its own, describes that person too: "The co-founder and former
    chief executive officer of Apple Inc. Steve Jobs" ("the CEO and the chairman"
    may be two people)."""
    at = {head: k for k, head in enumerate(heads)}
    for k, head in enumerate(heads):
        other = at.get(doc[head].head.i)
        if other is None or doc[head].dep_ != "conj" or any(
                c.dep_ == "det" for c in doc[head].children):
            continue
        first, second = hits[other], hits[k]
        if first.person is None and second.person is not None and not first.named:
            first.person, first.link = second.person, "coordinated-title"


def _apposition(doc: Doc, first: int, title: int, after: int, covered: dict[int, int],
                mentions: list[NameMention]) -> int | None:
    """The person a title is in apposition with: "Tim Cook, the former COO" or
    "the former COO, Tim Cook"; a list ("Burns, Qatar's prime minister and ...") is not."""
    if after < len(doc) and doc[after].lower_ in _COORDINATORS:
        return None
    head = doc[title]
    linked = [head.head] if head.dep_ in _APPOSITION_DEPS else []
    linked += [c for c in head.children if c.dep_ in _APPOSITION_DEPS]
    if first >= 2 and doc[first - 1].text == ",":
        linked.append(doc[first - 2])
    for token in linked:
        index = covered.get(token.i)
        if index is not None and mentions[index].label == "PERSON":
            return index
    return None
