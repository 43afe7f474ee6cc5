"""Entities of one article: mentions grouped, with roles, affiliations and evidence.

The NER mentions (corrected by :mod:`storyline.extract.entity_ner`) are grouped:

* people by name: the same name, a surname or a given name after the full name
  ("Burns" after "William Burns"), hypocorisms and initials ("Bill"/"William",
  "Timothy D. Cook"/"Tim Cook"); a surname two full names share stays apart;
* organisations by their table name ("CIA" = "Central Intelligence Agency", "White
  House" = US presidency), their name without corporate suffix ("Apple Inc." =
  "Apple"), an acronym of a longer name in the article, or a short form of exactly
  one longer name ("Apple" after "Apple Computer");
* countries by gazetteer code, with their demonyms ("Qatari" → Qatar);
* office titles (:mod:`storyline.extract.entity_roles`) become roles of the person
  they describe; a unique office with no holder named beside it ("Qatar's prime
  minister") is the holder the article names elsewhere, if exactly one, or else a
  *description entity* with no name, for :func:`storyline.link.resolve` to resolve.

Every grouping of two different texts carries an :class:`Evidence` record.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from storyline.extract.entity_compounds import with_compounds, with_nested_names
from storyline.extract.entity_coref import with_references
from storyline.extract.entity_lexicon import EntityLexicon, fold, lexicon
from storyline.extract.entity_names import (
    PersonName,
    acronym_of,
    initials,
    is_nickname,
    name_relation,
    org_key,
    org_words,
    person_name,
)
from storyline.extract.entity_ner import NameMention, name_mentions
from storyline.extract.entity_nominals import with_nominals
from storyline.extract.entity_records import Evidence, LocalEntity, Mention, Role, entity_at
from storyline.extract.entity_roles import RoleHit, find_roles
from storyline.records import ArticleContext

__all__ = ["LocalEntity", "entities", "entity_at"]

_PLACE = frozenset({"GPE", "LOC", "FAC"})
Span = tuple[int, int]


@dataclass(slots=True)
class _Group:
    label: str
    key: str
    name: str | None = None
    code: str | None = None
    affiliation: str | None = None
    person: PersonName | None = None
    #: (start, end) -> (text, kind)
    mentions: dict[Span, tuple[str, str]] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    evidence: list[tuple[str, list[Span], str]] = field(default_factory=list)
    sources: list[NameMention] = field(default_factory=list)
    #: folded texts of the name mentions, to tell a new spelling
    folded: set[str] = field(default_factory=set)

    def add(self, m: NameMention, kind: str | None = None) -> None:
        self.mentions.setdefault((m.start, m.end), (m.text, kind or m.kind))
        self.sources.append(m)
        self.folded.add(fold(m.text))
        for fix in m.fixes:
            self.evidence.append(("type-fix", [(m.start, m.end)], fix))

    def absorb(self, other: _Group, rule: str, detail: str) -> None:
        first = next(iter(self.mentions))
        self.evidence.append((rule, [first, next(iter(other.mentions))], detail))
        for span, value in other.mentions.items():
            self.mentions.setdefault(span, value)
        self.sources += other.sources
        self.folded |= other.folded
        self.roles += other.roles
        self.evidence += other.evidence
        self.code = self.code or other.code
        self.affiliation = self.affiliation or other.affiliation

    def record(self, article: str, local: int) -> LocalEntity:
        spans = sorted(self.mentions)
        index = {span: k for k, span in enumerate(spans)}
        mentions = tuple(Mention(s, e, *self.mentions[(s, e)]) for s, e in spans)
        merged: dict[tuple[str, str], set[int]] = {}  # one record per rule and detail
        for rule, used, detail in self.evidence:
            merged.setdefault((rule, detail), set()).update(index[s] for s in used if s in index)
        evidence = tuple(Evidence(rule, tuple(sorted(ks)), detail)
                         for (rule, detail), ks in merged.items())
        return LocalEntity(article, local, self.name, self.label, self.code, self.affiliation,
                           mentions, tuple(sorted(self.roles, key=lambda r: r.start)),
                           evidence)


def _label(group: _Group) -> str:
    """What to call a group in evidence before its name is chosen."""
    if group.name:
        return group.name
    names = [m.text for m in group.sources if m.kind == "name"] or [m.text for m in group.sources]
    return max(names, key=len) if names else group.key.split(":", 1)[-1]


def _display(text: str, lex: EntityLexicon) -> str:
    words = text.split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in lex.honorifics:
        words.pop(0)
    return " ".join(words)


class _Grouper:
    def __init__(self, text: str, mentions: list[NameMention], hits: list[RoleHit],
                 lex: EntityLexicon) -> None:
        self.text, self.mentions, self.hits, self.lex = text, mentions, hits, lex
        #: end of the first sentence (a headline, or the lead)
        self.lead_end = 0
        self.groups: dict[str, _Group] = {}
        self.owner: list[_Group | None] = [None] * len(mentions)

    def _join(self, k: int, key: str, label: str, kind: str | None = None) -> _Group:
        """Adds mention ``k`` to the group of ``key``; a new spelling there is evidence."""
        m = self.mentions[k]
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = _Group(label, key)
        elif kind is None and fold(m.text) not in group.folded:
            first = next(iter(group.mentions))
            group.evidence.append((self._rule(group, m), [first, (m.start, m.end)],
                                   f"{group.mentions[first][0]!r} and {m.text!r}: "
                                   f"{_label(group)}"))
        group.add(m, kind)
        self.owner[k] = group
        return group

    @staticmethod
    def _rule(group: _Group, m: NameMention) -> str:
        kinds = {kind for _, kind in group.mentions.values()} | {m.kind}
        if "demonym" in kinds:
            return "demonym"
        if "alias" in kinds:
            return "alias-table"
        return {"country": "gazetteer-code", "org": "org-name-variant",
                "person": "spelling-variant"}.get(group.key.split(":")[0], "same-name")

    def _merge(self, keep: _Group, gone: _Group, rule: str, detail: str) -> None:
        if keep is gone:
            return
        keep.absorb(gone, rule, detail)
        for k, owner in enumerate(self.owner):
            if owner is gone:
                self.owner[k] = keep
        if self.groups.get(gone.key) is gone:
            del self.groups[gone.key]

    # -- places and organisations ---------------------------------------------------

    def places_and_things(self) -> None:
        for k, m in enumerate(self.mentions):
            if m.label == "PERSON":
                continue
            if m.code is not None:
                g = self._join(k, f"country:{m.code}", "GPE")
                g.code, g.name = m.code, m.canonical
            elif m.label in _PLACE or m.label == "NORP":
                family = "norp" if m.label == "NORP" else "place"
                g = self._join(k, f"{family}:{fold(m.canonical or m.text)}", m.label)
                g.name = g.name or m.canonical
                g.affiliation = g.affiliation or m.country
            else:
                key = fold(m.canonical) if m.canonical else org_key(m.text, self.lex)
                g = self._join(k, f"org:{key}", "ORG" if m.label == "ORG" else m.label)
                if m.canonical:
                    g.name = m.canonical
                g.affiliation = g.affiliation or m.country
        self._acronyms_and_short_forms()

    def _org_groups(self) -> list[_Group]:
        return [g for key, g in self.groups.items() if key.startswith("org:")]

    def _acronyms_and_short_forms(self) -> None:
        # distinct name texts of every organisation group: (text, first span, words),
        # indexed by initials and by first word so that candidates are looked up
        names: dict[str, list[tuple[str, Span, list[str]]]] = {}
        by_initials: dict[str, set[str]] = defaultdict(set)
        by_first: dict[str, set[str]] = defaultdict(set)
        for group in self._org_groups():
            seen: dict[str, Span] = {}
            for span, (text, _) in sorted(group.mentions.items()):
                seen.setdefault(text, span)
            names[group.key] = [(t, span, org_words(t, self.lex)) for t, span in seen.items()]
            for text, _, words in names[group.key]:
                by_initials[initials(text)].add(group.key)
                if len(words) > 1:
                    by_first[words[0]].add(group.key)
        for short in self._org_groups():
            if short.name is not None or short.key not in self.groups:
                continue  # table names are settled
            own = names[short.key]
            acronyms = [t for t, _, _ in own if t.isupper() and 2 <= len(t) <= 6]
            keys = {k for a in acronyms for k in by_initials.get(
                "".join(c for c in a if c.isalpha()), ())}
            longer = [self.groups[k] for k in sorted(keys) if k != short.key and k in self.groups
                      and any(acronym_of(a, t) for a in acronyms for t, _, _ in names[k])]
            if len(longer) == 1:
                self._merge(longer[0], short, "acronym",
                            f"{acronyms[0]!r} is the acronym of {_label(longer[0])!r}")
                continue
            text, _, words = min(own, key=lambda n: len(n[0]))
            if not words or any(len(t.split()) > len(words) for t, _, _ in own):
                continue  # "Apple Inc." is a whole name, not the start of "Apple Corps"
            # the full name comes first ("Apple Computer ... Apple"); a longer name after
            # the short one is another thing named after it ("Apple ... Apple TV"), but
            # a headline may use the short form first ("Apple's iTunes ...")
            begins = min((span for span in short.mentions if span[0] >= self.lead_end),
                         default=min(short.mentions))
            n = len(words)
            longer = [self.groups[k] for k in sorted(by_first.get(words[0], ()))
                      if k != short.key and k in self.groups and any(
                          len(w) > n and w[:n] == words and span < begins
                          and w[-1] not in self.lex.named_after
                          for _, span, w in names[k])]
            if len(longer) == 1:
                self._merge(longer[0], short, "short-form",
                            f"{text!r} is the start of {_label(longer[0])!r}, named before it")
            elif len(longer) > 1:
                short.evidence.append(("not-merged:ambiguous-short-form",
                                       list(short.mentions)[:1],
                                       f"{text!r} starts "
                                       + ", ".join(sorted(_label(g) for g in longer))))

    # -- people -----------------------------------------------------------------------

    def people(self) -> None:
        singles: list[tuple[int, PersonName]] = []
        for k, m in enumerate(self.mentions):
            if m.label != "PERSON":
                continue
            name = person_name(m.text, self.lex)
            if name is None:
                continue
            if not name.full:
                singles.append((k, name))
                continue
            g = self._join(k, f"person:{name.compact}", "PERSON")
            g.person = g.person or name
        fulls = [g for key, g in self.groups.items() if key.startswith("person:")]
        for i, a in enumerate(fulls):
            for b in fulls[i + 1:]:
                if a.person is None or b.person is None:
                    continue
                relation = name_relation(a.person, b.person, self.lex)
                if relation is not None and a.key in self.groups and b.key in self.groups:
                    self._merge(a, b, relation, "two spellings of one name in the article")
        fulls = [g for key, g in self.groups.items() if key.startswith("person:")]
        for k, name in singles:
            self._single(k, name, fulls)

    def _single(self, k: int, name: PersonName, fulls: list[_Group]) -> None:
        m = self.mentions[k]
        word = name.surname
        by_surname = [g for g in fulls if g.person and g.person.surname == word]
        if len(by_surname) == 1:
            g = by_surname[0]
            self._join(k, g.key, "PERSON", "surname")
            g.evidence.append(("surname-of-full-name", [(m.start, m.end)],
                               f"{m.text!r} is the surname of {_label(g)!r}"))
            return
        by_given = [g for g in fulls if g.person and word in (g.person.given, g.person.compact)]
        why = "is the given name of"
        if len(by_given) > 1:
            # "Steve" after "Steve Jobs" and before "Steve Ballmer" is named: a first
            # name alone refers back, to the one person of that name introduced so far
            before = [g for g in by_given if min(s.start for s in g.sources) < m.start]
            if len(before) == 1:
                by_given, why = before, "is the given name of the one person named before it:"
        if not by_surname and len(by_given) == 1:
            g = by_given[0]
            self._join(k, g.key, "PERSON", "given")
            g.evidence.append(("given-name-of-full-name", [(m.start, m.end)],
                               f"{m.text!r} {why} {_label(g)!r}"))
            return
        g = self._join(k, f"person:{name.compact}", "PERSON")
        g.person = g.person or name
        if by_surname:
            g.evidence.append(("not-merged:ambiguous-surname", [(m.start, m.end)],
                               f"{m.text!r} is the surname of "
                               + ", ".join(sorted(_label(x) for x in by_surname))))

    # -- roles ------------------------------------------------------------------------

    def _of(self, index: int) -> tuple[str, str | None]:
        """(value for the role record, country it implies) of an "of" mention."""
        m = self.mentions[index]
        if m.code:
            return m.code, m.code
        group = self.owner[index]
        name = m.short or (group.name if group and group.name else None) or m.text
        return name, m.country or (group.affiliation if group else None)

    def roles(self) -> None:
        held: dict[tuple[str, str], list[_Group]] = {}
        for hit in self.hits:
            if hit.person is None:
                continue
            group = self.owner[hit.person]
            if group is None:
                continue
            of, country = self._of(hit.of[0]) if hit.of else (None, None)
            if hit.hints and country is None:
                country = self._of(hit.hints[0])[1]
            role = Role(hit.office.title, of, self.text[hit.start:hit.end], hit.start, hit.end,
                        hit.written, hit.former, hit.office.unique)
            group.roles.append(role)
            span = (hit.desc_start, max(hit.ends[0], hit.end))
            group.mentions.setdefault(span, (self.text[span[0]:span[1]], "title"))
            group.evidence.append((hit.link, [span, (self.mentions[hit.person].start,
                                                     self.mentions[hit.person].end)],
                                   f"{role.text!r} describes {self.mentions[hit.person].text!r}"))
            group.affiliation = group.affiliation or country or (
                of if of and of != group.name else None)
            if of is not None and not hit.former:
                held.setdefault((role.title, fold(of)), [])
                if group not in held[(role.title, fold(of))]:
                    held[(role.title, fold(of))].append(group)
        for hit in self.hits:
            # a plural title is one office per conjunct ("the heads of A and B"); with
            # one "of" it is a group ("Zimbabwean presidents"), no one person
            if (hit.person is None and hit.office.unique and hit.definite and not hit.former
                    and not hit.named and (not hit.plural or len(hit.of) > 1)):
                for n, index in enumerate(hit.of):
                    self._description(hit, n, index, held)

    def _description(self, hit: RoleHit, n: int, index: int,
                     held: dict[tuple[str, str], list[_Group]]) -> None:
        of, country = self._of(index)
        end = hit.ends[n] if n < len(hit.ends) else hit.end
        span = (hit.desc_start, end)
        text = self.text[span[0]:span[1]]
        role = Role(hit.office.title, of, self.text[hit.start:max(hit.end, end)], hit.start,
                    max(hit.end, end), hit.written, hit.former, hit.office.unique)
        holders = held.get((role.title, fold(of)), [])
        if len(holders) == 1:
            group = holders[0]
            detail = f"{text!r}: the article names one {role.title} of {of}: {_label(group)!r}"
            group.mentions.setdefault(span, (text, "description"))
            group.evidence.append(("role-description", [span, *list(group.mentions)[:1]], detail))
        else:
            key = f"role:{role.title}:{fold(of)}"
            group = self.groups.get(key) or _Group("PERSON", key)
            if key in self.groups:
                group.evidence.append(("same-role-description",
                                       [span, next(iter(group.mentions))], text))
            self.groups[key] = group
            group.mentions.setdefault(span, (text, "description"))
            group.affiliation = group.affiliation or country or of
            if holders:
                group.evidence.append(("not-merged:ambiguous-role", [span],
                                       f"{len(holders)} holders of {role.title} of {of}"))
        group.roles.append(role)

    # -- names ------------------------------------------------------------------------

    def finish(self) -> list[_Group]:
        for group in self.groups.values():
            if group.label == "PERSON" and group.sources:
                texts = [_display(m.text, self.lex) for m in group.sources]
                group.name = max(texts, key=lambda t: (
                    len(t.split()), not is_nickname(fold(t.split()[0]), self.lex), len(t)))
            elif group.name is None and group.sources and group.key.startswith("org:"):
                # the longest name: "Apple Computer" of which "Apple" is the short form
                texts = [m.text for m in group.sources if m.kind == "name"] or [
                    m.text for m in group.sources]
                group.name = max(texts, key=lambda t: (len(t.split()), texts.count(t), len(t)))
            elif group.name is None and group.sources:
                counts = Counter(m.text for m in group.sources if m.kind == "name")
                counts = counts or Counter(m.text for m in group.sources)
                group.name = max(counts, key=lambda t: (counts[t], len(t)))
            if group.code is None and group.label != "PERSON":
                group.affiliation = group.affiliation or next(
                    (m.country for m in group.sources if m.country), None)
        return sorted(self.groups.values(), key=lambda g: min(g.mentions))


#: what ends a sentence of running text, as opposed to a headline or a dateline
_FULL_STOP = frozenset({".", "!", "?", '"', "”", "’", "'", ")"})


def _lead_end(doc: Doc) -> int:
    """The end of the article's first sentence of running text, headline and dateline
    included (they end in no full stop): what may name a thing by a short form before
    its full name ("Apple's iTunes ..." above "Apple Computer's iTunes ...")."""
    end = doc[0].sent.end_char
    for sent in doc.sents:
        end = sent.end_char
        words = [t for t in sent if not t.is_space]
        if words and words[-1].text in _FULL_STOP:
            break
    return end


def entities(doc: Doc, ctx: ArticleContext, *, references: bool = True
             ) -> Iterator[LocalEntity]:
    """The article's entities in order of first mention.

    With ``references`` (the default), the pronouns and descriptions that refer to
    them are among their mentions (:mod:`storyline.extract.entity_coref`), and the
    things the article refers to by common nouns only follow them as nominal
    entities (:mod:`storyline.extract.entity_nominals`).

    >>> import spacy
    >>> from spacy.tokens import Span
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("CIA chief William Burns met Qatar's prime minister. Burns left.")
    >>> doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 2, 4, "PERSON"), Span(doc, 5, 6, "GPE"),
    ...             Span(doc, 10, 11, "ORG")]
    >>> found = list(entities(doc, ArticleContext("a", "2024-01-28")))
    >>> [(e.name, e.type, e.code, len(e.mentions)) for e in found]
    [('Central Intelligence Agency', 'ORG', None, 1), ('William Burns', 'PERSON', None, 3), \
('Qatar', 'GPE', 'QAT', 1), (None, 'PERSON', None, 1)]
    >>> found[1].roles[0].title, found[1].roles[0].of, found[3].roles[0].of
    ('director', 'CIA', 'QAT')
    """
    lex = lexicon()
    text = doc.text
    mentions = list(name_mentions(doc, lex, text))
    grouper = _Grouper(text, mentions, find_roles(doc, mentions, lex), lex)
    if doc.has_annotation("SENT_START") and len(doc):
        grouper.lead_end = _lead_end(doc)
    grouper.places_and_things()
    grouper.people()
    grouper.roles()
    found = [group.record(ctx.id, local) for local, group in enumerate(grouper.finish())]
    found = with_compounds(doc, with_nested_names(found))
    if references:
        found = with_nominals(doc, with_references(doc, found, text=text), article=ctx.id,
                              text=text)
    yield from found
