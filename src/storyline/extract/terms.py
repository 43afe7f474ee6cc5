"""Per-article features for story clustering: content lemmas, entity names, stated numbers.

A story is recognised by what an article is about (its content words) and by who,
where and which occurrence it is about (its names and its numbers).
:func:`article_terms` reduces a parsed article to three bags of counts that
:mod:`storyline.stories.cluster` weighs with an IDF it learns online, in the spirit
of single-pass topic detection and tracking (Allan, Papka & Lavrenko, 1998, *On-line
new event detection and tracking*, SIGIR): a vector of content words plus, as
Kumaran & Allan (2004, *Text classification and named entities for new event
detection*, SIGIR) found worthwhile, a separate vector of names.  Numbers ("23
pirates", "a 5.6 magnitude quake", "in 2011") tell two occurrences of one kind of
event apart; on ECB+ they raised held-out story B³ F1 by about a point
(``python -m benchmarks.cluster_eval``).

The names are only keys: an NER type error ("Doha" tagged PERSON) changes nothing,
because the same string gets the same key in every article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Final

from spacy.tokens import Doc

__all__ = ["ArticleTerms", "article_terms", "normalize_name"]

#: Parts of speech that carry what an article is about.
CONTENT_POS: Final = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
#: Entity labels whose names identify a story's participants, places and occasions.
NAME_LABELS: Final = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART",
    "LAW", "MISC",
})
#: Calendar words say when, not what: every story has a Friday.
CALENDAR_WORDS: Final = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow",
    "week", "month", "year", "day", "time",
})
#: Articles and possessives that vary between mentions of one name.
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
#: A number as written: digits with separators and decimals ("1,099", "5.6", "2011").
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]")

#: How many lemmas, names and numbers an article keeps (its most frequent ones).
MAX_TERMS: Final = 100
MAX_NAMES: Final = 50
MAX_NUMBERS: Final = 30
#: A title word counts this many times as a body word.
TITLE_WEIGHT: Final = 3


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """An article's content lemmas, entity names and numbers, with their counts.

    Each is a tuple of ``(key, count)`` sorted by count (highest first), then key,
    so equal inputs give byte-equal JSON.
    """

    terms: tuple[tuple[str, float], ...]
    names: tuple[tuple[str, float], ...]
    numbers: tuple[tuple[str, float], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """``{"terms": {lemma: n}, "names": {name: n}, "numbers": {number: n}}``."""
        return {"terms": dict(self.terms), "names": dict(self.names),
                "numbers": dict(self.numbers)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleTerms:
        """The inverse of :meth:`as_dict` (for features read back from a store)."""
        return cls(*(_ranked(Counter(data.get(field, {})), None)
                     for field in ("terms", "names", "numbers")))


def normalize_name(text: str) -> str:
    """The key a name is counted under: casefolded, no leading article or possessive.

    >>> normalize_name("The  White House's")
    'white house'
    >>> normalize_name("Hamas’")
    'hamas'
    """
    name = _SPACES.sub(" ", text).strip()
    name = _LEADING_ARTICLE.sub("", name)
    name = _POSSESSIVE.sub("", name)
    return name.casefold().strip(" .,;:-")


def article_terms(
    doc: Doc,
    *,
    title: str | None = None,
    max_terms: int = MAX_TERMS,
    max_names: int = MAX_NAMES,
    max_numbers: int = MAX_NUMBERS,
    title_weight: int = TITLE_WEIGHT,
) -> ArticleTerms:
    """Content lemmas (nouns, proper nouns, verbs, adjectives; no stop words), names, numbers.

    Names are the texts of the Doc's named entities (people, organisations, places,
    groups, events, works; not dates or quantities), normalised by
    :func:`normalize_name`.  Numbers are tokens written in digits, commas dropped.
    ``title``, when given, is not part of the Doc (the article's text is): its words
    are matched to the lemmas and names the Doc found for them and count
    ``title_weight`` times, since a headline states what the article is about.

    >>> import spacy
    >>> from spacy.tokens import Doc, Span
    >>> nlp = spacy.blank("en")
    >>> doc = Doc(nlp.vocab, words=["Burns", "met", "23", "envoys", "in", "Paris", "."],
    ...           pos=["PROPN", "VERB", "NUM", "NOUN", "ADP", "PROPN", "PUNCT"],
    ...           lemmas=["Burns", "meet", "23", "envoy", "in", "Paris", "."])
    >>> doc.ents = [Span(doc, 0, 1, "ORG"), Span(doc, 5, 6, "GPE")]
    >>> found = article_terms(doc, title="Paris talks").as_dict()
    >>> found["terms"]
    {'paris': 4, 'talks': 3, 'burns': 1, 'envoy': 1, 'meet': 1}
    >>> found["names"], found["numbers"]
    ({'paris': 4, 'burns': 1}, {'23': 1})
    """
    terms: Counter[str] = Counter()
    numbers: Counter[str] = Counter()
    forms: dict[str, str] = {}  # lower-cased surface form -> lemma, first seen wins
    for token in doc:
        if _NUMBER.match(token.text):
            numbers[token.text.replace(",", "")] += 1
            continue
        lemma = _content_lemma(token.pos_, token.lemma_ or token.text, token.is_stop)
        if lemma is None:
            continue
        terms[lemma] += 1
        forms.setdefault(token.lower_, lemma)
    names: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            name = normalize_name(ent.text)
            if name and any(ch.isalpha() for ch in name):
                names[name] += 1
    if title:
        _add_title(title, terms, names, forms, doc, title_weight)
    return ArticleTerms(_ranked(terms, max_terms), _ranked(names, max_names),
                        _ranked(numbers, max_numbers))


def _content_lemma(pos: str, lemma: str, is_stop: bool) -> str | None:
    if pos not in CONTENT_POS:
        return None
    # "US" is a stop word only as the pronoun; a proper noun is never one
    if is_stop and pos != "PROPN":
        return None
    key = lemma.casefold()
    if len(key) < 2 or not any(ch.isalpha() for ch in key) or key in CALENDAR_WORDS:
        return None
    return key


def _add_title(
    title: str, terms: Counter[str], names: Counter[str], forms: dict[str, str], doc: Doc,
    weight: int,
) -> None:
    """Count the title's words (as the Doc lemmatised them) and names ``weight`` times."""
    folded = f" {normalize_name(title)} "
    for name in list(names):
        if f" {name} " in folded or f" {name}'" in folded or f" {name}’" in folded:
            names[name] += weight
    for word in _WORD.findall(title):
        lower = _POSSESSIVE.sub("", word.casefold())
        # the body's lemma for this form, or for its singular or plural
        lemma = forms.get(lower) or forms.get(lower.removesuffix("s")) or forms.get(lower + "s")
        if lemma is None:
            # a title word the body never uses: its form, unless it is a stop word
            if doc.vocab[lower].is_stop or lower in CALENDAR_WORDS or len(lower) < 2 \
                    or not any(ch.isalpha() for ch in lower):
                continue
            lemma = lower
        terms[lemma] += weight


def _ranked(counts: Counter[str], limit: int | None) -> tuple[tuple[str, float], ...]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(ranked if limit is None else ranked[:limit])
