"""Comparing names as strings: person-name parts, hypocorisms, initials, organisation keys.

Pure functions on text, shared by the per-article grouping
(:mod:`storyline.extract.entities`) and the cross-article resolver
(:mod:`storyline.link.resolve`).  Person names are compared on a parsed form:
honorifics and office titles dropped, accents folded, particles joined to the word
after them ("al-Thani" = "Al Thani" = "althani"), spellings mapped to one
transliteration ("Mohamed" = "Mohammed"); given names may differ by a hypocorism
("Bill" = "William") or be an initial ("G. Bush").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.entity_lexicon import EntityLexicon, fold, lexicon

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name in comparable parts; ``given`` is empty for a surname alone."""

    given: str
    middle: tuple[str, ...]
    surname: str
    #: every part run together: equal for spelling variants ("Abdul Rahman", "Abdulrahman")
    compact: str

    @property
    def full(self) -> bool:
        return bool(self.given)


def name_words(text: str, lex: EntityLexicon | None = None) -> list[str]:
    """Folded words of a name without honorifics, titles and generational suffixes.

    >>> name_words("Sheikh Mohammed Bin Abdul Rahman al-Thani")
    ['mohammed', 'bin', 'abdul', 'rahman', 'al', 'thani']
    >>> name_words("Mr. Justice Anthony Mann")
    ['anthony', 'mann']
    """
    lex = lex or lexicon()
    words = _WORD.findall(fold(text).replace("'s ", " ").removesuffix("'s"))
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        if words[0] in lex.honorifics:
            words.pop(0)
            stripped = True
            continue
        for n in range(min(lex.office_words, len(words) - 1), 0, -1):
            if tuple(words[:n]) in lex.offices:
                del words[:n]
                stripped = True
                break
    while len(words) > 1 and words[-1] in lex.honorifics:
        words.pop()
    return words


def person_name(text: str, lex: EntityLexicon | None = None) -> PersonName | None:
    """The comparable parts of a person's name, or None when nothing is left of it.

    >>> a = person_name("Mohammed bin Abdulrahman Al Thani")
    >>> b = person_name("Mohammed Bin Abdul Rahman al-Thani")
    >>> a.compact == b.compact, a.surname, person_name("Burns").full
    (True, 'thani', False)
    """
    lex = lex or lexicon()
    words = [lex.transliterations.get(w, w) for w in name_words(text, lex)]
    while len(words) > 1 and words[-1] in lex.particles:  # a stray "al" at the end
        words.pop()
    if not words:
        return None
    # the surname is the last word; particles before it ("al-", "van der") belong to
    # neither the surname key nor the middle names, so "Assad" is "Bashar al-Assad"'s
    start = len(words) - 1
    while start > 0 and words[start - 1] in lex.particles:
        start -= 1
    rest = words[:start]
    given = rest[0] if rest else ""
    middle = _join_particles(rest[1:], lex)
    return PersonName(given, middle, words[-1], "".join(words))


def _join_particles(words: list[str], lex: EntityLexicon) -> tuple[str, ...]:
    joined: list[str] = []
    carry = ""
    for word in words:
        if word in lex.particles:
            carry += word
            continue
        joined.append(carry + word)
        carry = ""
    if carry:
        joined.append(carry)
    return tuple(joined)


def formal_names(given: str, lex: EntityLexicon | None = None) -> frozenset[str]:
    """The given name and every formal name it may be short for.

    >>> sorted(formal_names("bill"))
    ['bill', 'william']
    """
    lex = lex or lexicon()
    return frozenset((given, *lex.nicknames.get(given, ())))


def is_nickname(given: str, lex: EntityLexicon | None = None) -> bool:
    return given in (lex or lexicon()).nicknames


def _initial_of(a: str, b: str) -> bool:
    return len(a) == 1 and b.startswith(a)


def given_relation(a: str, b: str, lex: EntityLexicon | None = None) -> str | None:
    """How two given names can be one: ``same``, ``hypocorism``, ``initial`` or None.

    >>> given_relation("bill", "william"), given_relation("g", "george")
    ('hypocorism', 'initial')
    >>> given_relation("george", "laura") is None
    True
    """
    if a == b:
        return "same"
    if _initial_of(a, b) or _initial_of(b, a):
        return "initial"
    if formal_names(a, lex) & formal_names(b, lex):
        return "hypocorism"
    return None


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names agree when one lacks them, or they match word for word or by
    initials, or run together they spell the same ("Abdul Rahman" = "Abdulrahman")."""
    if not a or not b or "".join(a) == "".join(b):
        return True
    if len(a) != len(b):
        return False
    return all(x == y or _initial_of(x, y) or _initial_of(y, x) for x, y in zip(a, b, strict=True))


def name_relation(a: PersonName, b: PersonName, lex: EntityLexicon | None = None) -> str | None:
    """Why two full names may be one person (a rule name), or None when they conflict.

    Surnames must agree; given names may differ by hypocorism or initial; middle
    names must not conflict ("Mohammed bin Jassim Al Thani" is another man than
    "Mohammed bin Abdulrahman Al Thani").

    >>> name_relation(person_name("Bill Burns"), person_name("William Burns"))
    'hypocorism'
    >>> name_relation(person_name("George Bush"), person_name("Laura Bush")) is None
    True
    """
    if a.surname != b.surname or not a.full or not b.full:
        return None
    if a.compact == b.compact:
        return "same-name"
    relation = given_relation(a.given, b.given, lex)
    if relation is None or not _middles_agree(a.middle, b.middle):
        return None
    if relation == "same":
        return "middle-name" if a.middle != b.middle else "transliteration"
    return relation


def org_words(text: str, lex: EntityLexicon | None = None) -> list[str]:
    """Folded words of an organisation's name without corporate suffixes.

    >>> org_words("Apple Inc."), org_words("NPD Group")
    (['apple'], ['npd'])
    """
    lex = lex or lexicon()
    words = _WORD.findall(fold(text).removesuffix("'s").replace("&", " and "))
    while len(words) > 1 and (words[-1] in lex.org_suffixes
                              or words[-1] + "." in lex.org_suffixes):
        words.pop()
    return words


def org_key(text: str, lex: EntityLexicon | None = None) -> str:
    """One string for all spellings of an organisation's name ("Wal - Mart" = "Walmart")."""
    return "".join(org_words(text, lex))


def initials(text: str) -> str:
    """The initials of a name's capitalised words: "National Security Agency" → "NSA"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", text) if w[0].isupper())


def acronym_of(short: str, long: str) -> bool:
    """Whether ``short`` is the initials of ``long``'s capitalised words.

    >>> acronym_of("NSA", "National Security Agency"), acronym_of("UN", "United Nations")
    (True, True)
    """
    letters = "".join(c for c in short if c.isalpha())
    if len(letters) < 2 or not letters.isupper():
        return False
    return initials(long) == letters
