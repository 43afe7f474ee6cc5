"""Repairs of the NER's spans that the tables and the article itself can make.

The statistical NER of the bundled model misses or mis-cuts names that a table or the
article settles without doubt:

* two places tagged as one name ("Mali and Niger" as one PERSON) are split when every
  part is a country, capital or region of the gazetteer;
* a name cut short ("Burkina" before "Faso", "Islamic" before "State") is completed when
  the longer span is a gazetteer place or a table institution and the words added were
  outside any entity;
* institutions of the tables that the NER left out entirely ("ECOWAS", "Boko Haram") are
  added where the text has them in the table's capitalisation;
* an acronym the article defines ("the Economic Community of West African States, or
  ECOWAS", "... States (ECOWAS)") becomes a name of that organisation wherever it recurs.

Each repaired span carries the rule that made it, which the caller keeps with the mention
as evidence; :mod:`storyline.extract.entity_ner` then corrects types from the tables as
for any NER span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Span

from storyline.extract.entity_lexicon import EntityLexicon, fold
from storyline.extract.entity_names import org_key

__all__ = ["Repaired", "repaired_spans"]

_SEPARATORS: Final = frozenset({"and", ",", "&"})
_LONGEST: Final = 5


@dataclass(frozen=True, slots=True)
class Repaired:
    """A name span to read as an NER entity, the rule that made it (None: the NER's own),
    and the name of the organisation an article-defined acronym stands for."""

    span: Span
    rule: str | None = None
    canonical: str | None = None


def _place_label(key: str, lex: EntityLexicon) -> str | None:
    if key in lex.countries or key in lex.capitals:
        return "GPE"
    if key in lex.regions:
        return "LOC"
    return None


def _split_places(doc: Doc, ent: Span, lex: EntityLexicon) -> list[Span]:
    """The places of a span that lists several ("Mali and Niger"), or [] if it is one name."""
    parts: list[tuple[int, int]] = []
    start = ent.start
    for tok in ent:
        if tok.lower_ in _SEPARATORS:
            parts.append((start, tok.i))
            start = tok.i + 1
    if not parts:
        return []
    parts.append((start, ent.end))
    spans = []
    for lo, hi in parts:
        if lo >= hi:
            return []
        label = _place_label(fold(doc[lo:hi].text), lex)
        if label is None:
            return []
        spans.append(Span(doc, lo, hi, label=label))
    return spans


def _completed(doc: Doc, ent: Span, lex: EntityLexicon) -> Span | None:
    """The gazetteer place or table institution a span is the start of ("Burkina" +
    "Faso", "Islamic" + "State"), if any."""
    for extra in (2, 1):
        end = ent.end + extra
        if end > len(doc):
            continue
        added = doc[ent.end:end]
        if any(t.ent_iob_ != "O" or not t.text[:1].isupper() for t in added):
            continue
        key = fold(doc[ent.start:end].text)
        label = _place_label(key, lex) or ("ORG" if key in lex.institutions else None)
        if label is not None:
            return Span(doc, ent.start, end, label=label)
    return None


#: words that may join two names the NER glued into one ("Cisco sues Apple for iPhone")
_GLUE: Final = frozenset({"for", "against", "to", "with", "at", "on", "from", "over", "by"})
#: a word that may open a name: a capital, or brand case ("iPhone", "eBay")
_NAME_START: Final = re.compile(r"[A-Z]|[a-z]{1,2}[A-Z]")


def _alone(doc: Doc, lex: EntityLexicon) -> dict[str, str]:
    """Key → label of the names the NER tagged: each whole span's organisation key and,
    for a person's multi-word name, its last word (a surname said alone)."""
    out: dict[str, str] = {}
    for ent in doc.ents:
        out.setdefault(org_key(ent.text, lex), ent.label_)
        if ent.label_ == "PERSON" and len(ent) > 1:
            out.setdefault(org_key(ent[-1].text, lex), "PERSON")
    return out


def _split_glued(doc: Doc, ent: Span, alone: dict[str, str], lex: EntityLexicon
                 ) -> list[Span]:
    """The names of a span that glued two ("the U.S. Jobs also noted", "Cisco sues
    Apple for iPhone"), or [] if it is one.  Either an abbreviation's full stop ends
    the first part ("U.S."), and both parts are names the article tags elsewhere in
    other spans, of two types ("U.S." a place, "Jobs" a person); or a preposition
    joins them ("Apple for iPhone"; not "of": "Bank of America"), the first part is
    a name tagged elsewhere and the second starts like a name.  Each part the
    article tags elsewhere gets that type; one it does not is left to the other rules
    (the brand-case names of :mod:`storyline.extract.entity_ner`)."""
    if len(ent) < 2 or len(ent) > _LONGEST:
        return []
    for k in range(ent.start + 1, ent.end):
        glue = doc[k].lower_ in _GLUE
        right = k + 1 if glue else k
        if right >= ent.end or not (glue or doc[k - 1].text.endswith(".")):
            continue
        left_key = org_key(doc[ent.start:k].text, lex)
        a, b = alone.get(left_key), alone.get(org_key(doc[right:ent.end].text, lex))
        if a is None or left_key == org_key(ent.text, lex):
            continue
        if glue and _NAME_START.match(doc[right].text):
            first = Span(doc, ent.start, k, label=a)
            return [first] if b is None else [first, Span(doc, right, ent.end, label=b)]
        if not glue and b is not None and a != b:
            return [Span(doc, ent.start, k, label=a), Span(doc, right, ent.end, label=b)]
    return []


_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words(lex: EntityLexicon) -> frozenset[str]:
    """Lower-case first words of the institutions' names, to skip other words fast."""
    words = _FIRST_WORDS.get(id(lex))
    if words is None:
        words = frozenset(key.split()[0].split("-")[0] for key in lex.institutions if key)
        _FIRST_WORDS[id(lex)] = words
    return words


def _table_names(doc: Doc, lex: EntityLexicon, covered: set[int]) -> list[Repaired]:
    """Institutions of the tables the NER left out, written as the tables write them."""
    found: list[Repaired] = []
    firsts = _first_words(lex)
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in covered or not tok.text[:1].isupper() or (
                tok.lower_.split("-")[0] not in firsts and tok.lower_ != "the"):
            i += 1
            continue
        for n in range(min(_LONGEST, len(doc) - i), 0, -1):
            span = doc[i:i + n]
            if any(k in covered for k in range(i, i + n)) or not span[-1].text[:1].isupper():
                continue
            if fold(span.text) not in lex.institutions:
                continue
            if n == 1 and not (len(tok.text) > 1 and tok.is_upper) and (
                    tok.is_sent_start or tok.pos_ != "PROPN"):
                continue  # "Who", "Fatah" at a sentence start: only acronyms alone
            found.append(Repaired(Span(doc, i, i + n, label="ORG"), "institution-table"))
            i += n - 1
            break
        i += 1
    return found


def _is_acronym_of(acronym: str, name: str) -> bool:
    """Whether the acronym's letters run through the name in order from its first letter.

    >>> _is_acronym_of("ECOWAS", "Economic Community of West African States")
    True
    >>> _is_acronym_of("NBA", "Economic Community")
    False
    """
    name = name.lower()
    letters = acronym.lower()
    if not letters or not name.startswith(letters[0]):
        return False
    at = 0
    for ch in letters:
        at = name.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _defined_acronyms(doc: Doc, named: Iterable[Span], covered: set[int]) -> list[Repaired]:
    """Mentions of acronyms the article defines after an organisation's full name."""
    defined: dict[str, str] = {}
    for span in named:
        if span.label_ != "ORG" or len(span) < 2:
            continue
        e = span.end
        after = [t.text for t in doc[e:e + 3]]
        if len(after) >= 3 and after[0] == "(" and after[2] == ")":
            acronym = after[1]
        elif len(after) >= 3 and after[0] == "," and after[1].lower() == "or":
            acronym = after[2]
        else:
            continue
        if acronym.isupper() and len(acronym) > 1 and _is_acronym_of(acronym, span.text):
            defined.setdefault(acronym, span.text)
    if not defined:
        return []
    return [Repaired(Span(doc, t.i, t.i + 1, label="ORG"), "acronym-defined-in-article",
                     defined[t.text])
            for t in doc if t.i not in covered and t.text in defined]


def repaired_spans(doc: Doc, lex: EntityLexicon, labels: frozenset[str]) -> list[Repaired]:
    """The Doc's entities with ``labels``, repaired, plus the names the NER missed."""
    kept: list[Repaired] = []
    alone: dict[str, str] | None = None  # made for the first span that may be glued
    for ent in doc.ents:
        if ent.label_ not in labels:
            continue
        parts = _split_places(doc, ent, lex)
        if parts:
            kept += [Repaired(p, "split-listed-places") for p in parts]
            continue
        if 1 < len(ent) <= _LONGEST and any(
                t.lower_ in _GLUE or t.text.endswith(".") for t in ent[:-1]):
            alone = _alone(doc, lex) if alone is None else alone
            parts = _split_glued(doc, ent, alone, lex)
        else:
            parts = []
        if parts:
            kept += [Repaired(p, "split-glued-names") for p in parts if p.label_ in labels]
            continue
        whole = _completed(doc, ent, lex)
        kept.append(Repaired(whole, "completed-name") if whole else Repaired(ent))
    if not doc.has_annotation("ENT_IOB"):
        return kept  # no NER ran (the blank pipeline): nothing to repair
    covered = {i for r in kept for i in range(r.span.start, r.span.end)}
    added = _table_names(doc, lex, covered)
    covered |= {i for r in added for i in range(r.span.start, r.span.end)}
    acronyms = _defined_acronyms(doc, [r.span for r in kept + added], covered)
    if acronyms:
        full = {r.canonical for r in acronyms}
        kept = [Repaired(r.span, r.rule, r.span.text) if r.span.text in full else r
                for r in kept]
    found = kept + added + acronyms
    found.sort(key=lambda r: r.span.start)
    return found
