"""Records of :mod:`storyline.extract.entities`: one entity of one article, with the
mentions that name or describe it, the roles the article gives it and the evidence
for every grouping.  Plain values and character offsets only, so that a record goes
straight to JSON or SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

#: how a mention refers to its entity
MENTION_KINDS: frozenset[str] = frozenset(
    {"name", "surname", "given", "title", "description", "demonym", "alias", "pronoun"})


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    #: name | surname | given | title | description | demonym | alias
    kind: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Role:
    """An office the article gives a person: ``director`` of ``CIA`` ("CIA director")."""

    title: str
    #: ISO3 of a country, an organisation's short name, or None
    of: str | None
    text: str
    start: int
    end: int
    #: the office title as written ("chief" for the office "director")
    written: str = ""
    #: "former CIA director": held before, not as of the article's date
    former: bool = False
    #: one holder at a time, so the role identifies the person (see ``names.toml``)
    unique: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "of": self.of, "text": self.text, "start": self.start,
                "end": self.end, "written": self.written, "former": self.former,
                "unique": self.unique}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why mentions were grouped (or, for ``not-merged:`` rules, kept apart)."""

    rule: str
    #: indices into the entity's mentions
    mentions: tuple[int, ...]
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "mentions": list(self.mentions), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """One entity as one article refers to it.

    ``name`` is None for a *description entity*: an office named without its holder
    ("Qatar's prime minister"), left for :func:`storyline.link.resolve` to resolve
    across articles.  ``code`` is the ISO3 code of a country; ``affiliation`` the ISO3
    code of the country (or the name of the organisation) the entity belongs to.
    """

    article: str
    local: int
    name: str | None
    type: str
    code: str | None
    affiliation: str | None
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def start(self) -> int:
        return min(m.start for m in self.mentions)

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "local": self.local,
            "name": self.name,
            "type": self.type,
            "code": self.code,
            "affiliation": self.affiliation,
            "mentions": [m.as_dict() for m in self.mentions],
            "roles": [r.as_dict() for r in self.roles],
            "evidence": [e.as_dict() for e in self.evidence],
        }


#: (start, end) of a mention -> its position among the entity's merged mentions
MentionIndex = Mapping[tuple[int, int], int]


def add_mentions(entity: LocalEntity, new: Sequence[Mention],
                 evidence_for: Callable[[MentionIndex, Sequence[Mention]], Iterable[Evidence]]
                 ) -> LocalEntity:
    """``entity`` with ``new`` mentions merged in document order.

    Its evidence is re-pointed at the merged positions, and ``evidence_for(index,
    old_mentions)`` adds the records that justify the new mentions.
    """
    old = list(entity.mentions)
    mentions = sorted(old + list(new), key=lambda m: (m.start, m.end))
    index = {(m.start, m.end): k for k, m in enumerate(mentions)}
    evidence = [replace(e, mentions=tuple(index[(old[k].start, old[k].end)]
                                          for k in e.mentions)) for e in entity.evidence]
    evidence += evidence_for(index, old)
    return replace(entity, mentions=tuple(mentions), evidence=tuple(evidence))


def _mentions(entity: LocalEntity | dict[str, Any]) -> list[tuple[int, int]]:
    if isinstance(entity, LocalEntity):
        return [(m.start, m.end) for m in entity.mentions]
    return [(int(m["start"]), int(m["end"])) for m in entity["mentions"]]


def _local(entity: LocalEntity | dict[str, Any]) -> int:
    return entity.local if isinstance(entity, LocalEntity) else int(entity["local"])


def entity_at(local_entities: Sequence[LocalEntity | dict[str, Any]], start: int,
              end: int, text: str | None = None, *,
              head: tuple[int, int] | None = None) -> int | None:
    """The ``local`` index of the entity a span refers to, or None.

    A mention with exactly the span wins; then the smallest mention that contains
    the span; then the smallest mention that covers the span's head: ``head`` (a
    span inside it) where known, else its last word (the head of an English noun
    phrase without post-modifiers: "CIA director Bill Burns" → Burns), where ``text``
    (the article text) lets a trailing possessive or punctuation be skipped.

    >>> e = LocalEntity("a", 0, "William Burns", "PERSON", None, "USA",
    ...                 (Mention(10, 23, "William Burns", "name"),))
    >>> entity_at([e], 15, 23), entity_at([e], 0, 23), entity_at([e], 0, 5)
    (0, 0, None)
    >>> entity_at([e], 10, 40, head=(18, 23))  # "William Burns, the CIA director"
    0
    """
    first, last = start, end - 1
    if head is not None and start <= head[0] < head[1] <= end:
        first, last = head[0], head[1] - 1
    if text is not None:
        while last > first and not text[last].isalnum():
            last -= 1
        if text[max(first, last - 1):last + 1] in ("'s", "’s"):
            last -= 2
    best: tuple[int, int, int] | None = None  # (rank, length, local)
    for entity in local_entities:
        for m_start, m_end in _mentions(entity):
            if m_start == start and m_end == end:
                rank = 0
            elif m_start <= start and end <= m_end:
                rank = 1
            elif m_start <= last < m_end and m_start >= start:
                rank = 2
            else:
                continue
            candidate = (rank, m_end - m_start, _local(entity))
            if best is None or candidate < best:
                best = candidate
    return None if best is None else best[2]
