"""Name mentions of one article: the NER spans, trimmed and with their types corrected.

The statistical NER makes errors a table can fix: a capital tagged PERSON ("Doha"), an
outlet tagged PERSON ("Axios"), a country tagged ORG ("Qatar"), a demonym tagged ORG
("Qatari"), a building standing for an institution ("White House" as GPE), a surname
tagged ORG after the full name ("Burns" after "William Burns"), a sentence-initial verb
tagged ORG ("Quoting ...").  Each correction is kept with the mention as evidence.
Product names in brand case that the NER missed ("iPhone 4") are added.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from storyline.extract.entity_lexicon import EntityLexicon, fold
from storyline.extract.entity_names import name_words
from storyline.extract.ner_repairs import repaired_spans

#: NER labels that name an entity (OntoNotes and CoNLL-style label sets)
NAME_LABELS: frozenset[str] = frozenset({
    "PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "MISC", "FAC", "PRODUCT", "EVENT",
    "WORK_OF_ART", "LAW"})
_LABEL_ALIASES = {"PER": "PERSON"}
#: parts of speech and fine tags of one-word "names" that are words of the sentence
_NOT_NAME_POS: frozenset[str] = frozenset({
    "VERB", "AUX", "ADP", "SCONJ", "CCONJ", "DET", "PRON", "PART", "INTJ", "ADV", "NUM"})
_NOT_NAME_TAGS: frozenset[str] = frozenset({"VBG", "VBN", "VBD", "IN", "RB", "DT", "PRP", "CC"})
_POSSESSIVE: frozenset[str] = frozenset({"'s", "’s", "'", "’"})
_LEADING: frozenset[str] = frozenset({"the"})
#: parts of speech a name does not end with ("MacBook Pro - a")
_TRAILING_POS: frozenset[str] = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT"})
#: dependency labels under which a capital acts as its government ("Washington said")
_ACTOR_DEPS: frozenset[str] = frozenset({
    "nsubj", "nsubj:pass", "nsubjpass", "obl:agent", "agent", "nmod:poss", "poss"})
_PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})
_VERBS: frozenset[str] = frozenset({"VERB", "AUX"})
#: labels whose names are capitalised throughout (unlike products: "iPod nano")
_CAPITALISED: frozenset[str] = frozenset({"PERSON", "PER", "ORG", "GPE", "NORP"})
#: "iPhone", "iPod", "eBay", "iOS": a lower-case letter, then a capital
_BRAND_CASE = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z]*$")
_BRAND_WORD = re.compile(r"(?<![\w'’-])[a-z]{1,2}[A-Z][A-Za-z]*")
#: model numbers after a product name: "4", "3GS", "X", "II"
_MODEL = re.compile(r"^(?:\d[\w.]*|[A-Z]{1,3}\d*|[IVX]+)$")
#: capitalised words that continue a brand-case name ("iTunes Music Store": the tagger
#: reads "Store" as a noun), and the parts of speech of a lower-case model name
_NAME_POS: frozenset[str] = frozenset({"PROPN", "NOUN"})
_MODEL_POS: frozenset[str] = frozenset({"NOUN", "PROPN", "ADJ"})


@dataclass(slots=True)
class NameMention:
    """A name span with what the tables say about it (mutable while the article is read)."""

    start: int
    end: int
    first: int
    last: int
    text: str
    label: str
    ner_label: str
    root_dep: str
    kind: str = "name"
    #: ISO3 of the country the mention names (or whose demonym it is)
    code: str | None = None
    #: the name the tables give the entity (country, institution or outlet name)
    canonical: str | None = None
    #: ISO3 of the country the named place or institution belongs to
    country: str | None = None
    #: short form for role records ("CIA")
    short: str | None = None
    #: set from a table: the type vote leaves it alone
    locked: bool = False
    fixes: list[str] = field(default_factory=list)

    def relabel(self, label: str, rule: str) -> None:
        if label != self.label:
            self.fixes.append(f"{rule}: {self.label} -> {label}")
            self.label = label


def _given_before(doc: Doc, i: int, lex: EntityLexicon) -> bool:
    """Whether token ``i``, just before a PERSON span, is a given name the NER left out
    (not a title's last word: "Secretary of State [Marco Rubio]")."""
    token = doc[i]
    low = token.lower_.rstrip(".")
    if not (token.pos_ == "PROPN" and token.text[:1].isupper() and bool(token.whitespace_)
            and not token.is_sent_start and low not in lex.honorifics
            and low not in lex.not_names):
        return False
    return not any(
        tuple(fold(t.text).rstrip(".") for t in doc[i - n + 1:i + 1]) in lex.offices
        for n in range(1, min(lex.office_words, i + 1) + 1))


def _office_at(doc: Doc, first: int, limit: int, lex: EntityLexicon) -> int:
    """Number of tokens of an office title starting at ``first`` (0: none)."""
    for n in range(min(lex.office_words, limit - first), 0, -1):
        words = tuple(fold(t.text).rstrip(".") for t in doc[first:first + n])
        if words in lex.offices:
            return n
    return 0


def _office_into(doc: Doc, first: int, limit: int, lex: EntityLexicon) -> int:
    """Tokens at ``first`` that end an office title begun before it: "[Secretary of]
    [State Marco Rubio]" (0: none)."""
    for inside in range(1, min(limit - first, lex.office_words - 1) + 1):
        for before in range(1, lex.office_words - inside + 1):
            if first - before < 0:
                break
            words = tuple(fold(t.text).rstrip(".")
                          for t in doc[first - before:first + inside])
            if words in lex.offices:
                return inside
    return 0


def _trimmed(doc: Doc, ent: Span, lex: EntityLexicon,
             models: frozenset[tuple[str, str]] = frozenset()) -> tuple[int, int] | None:
    """The token range of the name in an NER span, or None when it is no name
    (``models``: the article's brand-case names with a lower-case model name, which
    stays: "iPod nano")."""
    first, last = ent.start, ent.end
    while first < last and doc[first].lower_ in _LEADING:
        first += 1
    while last > first and (doc[last - 1].lower_ in _POSSESSIVE
                            or doc[last - 1].pos_ in _TRAILING_POS
                            or (doc[last - 1].is_punct and doc[last - 1].text not in (".", ")"))):
        last -= 1
    if last - first >= 2 and doc[last - 1].lower_ == "s" and doc[last - 2].text in _POSSESSIVE:
        last -= 2
    if ent.label_ in _CAPITALISED:  # "Apple Chief", "Apple mobile": words after the name
        for k in range(first + 1, last):  # "Apple unveiled Lion": the name ends at a verb
            if doc[k].pos_ in _VERBS and doc[k].text.islower():
                last = k
                break
        while last - first > 1 and doc[last - 2].whitespace_ and (
                doc[last - 1].text.islower() or _office_at(doc, last - 1, last, lex)) \
                and (doc[last - 2].lower_, doc[last - 1].lower_) not in models:
            last -= 1
    if ent.label_ in ("PERSON", "PER"):  # "President Biden": the title is a role, not a name
        while last - first > 1:
            n = _office_at(doc, first, last - 1, lex) or _office_into(doc, first, last - 1, lex)
            if n == 0:
                break
            first += n
    if first >= last or not any(c.isalnum() for t in doc[first:last] for c in t.text):
        return None
    if ent.label_ in ("PERSON", "PER"):  # "President Barack [Obama]": a given name left out
        while first > 0 and doc[first - 1].ent_iob_ == "O" and _given_before(doc, first - 1, lex):
            first -= 1
    if last - first == 1:
        token = doc[first]
        # "Quoting unidentified officials": a capitalised participle, not a name
        if token.lower_ in lex.not_names or (
                token.pos_ in _NOT_NAME_POS and token.tag_ in _NOT_NAME_TAGS):
            return None
    return first, last


def _from_tables(m: NameMention, lex: EntityLexicon) -> None:
    key = fold(m.text)
    if key in lex.metonyms and m.root_dep in _ACTOR_DEPS:
        inst = lex.metonyms[key]
        m.relabel("ORG", "metonym")
        m.canonical, m.short, m.country, m.kind = inst.name, inst.short, inst.country, "alias"
    elif key in lex.institutions:
        inst = lex.institutions[key]
        m.relabel("ORG", "outlet-table" if inst.outlet else "institution-table")
        m.canonical, m.short, m.country = inst.name, inst.short, inst.country
        m.kind = "name" if key == fold(inst.name) else "alias"
    elif key in lex.countries:
        m.relabel("GPE", "gazetteer-country")
        m.code = lex.countries[key]
        m.canonical = lex.country_names.get(m.code, m.text)
    elif key in lex.demonyms:
        m.relabel("NORP", "gazetteer-demonym")
        m.code, m.kind = lex.demonyms[key], "demonym"
        m.canonical = lex.country_names.get(m.code, m.text)
    elif key in lex.regions:
        m.relabel("LOC", "gazetteer-region")
    elif key in lex.capitals and m.label != "PERSON":
        m.relabel("GPE", "gazetteer-capital")
        m.country = lex.capitals[key]
    elif key in lex.norp_groups:
        m.relabel("NORP", "gazetteer-group")
    elif key in lex.cities and m.label in _PLACE_LABELS:
        m.country = lex.cities[key]
    else:
        return
    m.locked = True


def _place_before(text: str, lex: EntityLexicon) -> str | None:
    """The country (ISO3) that the words before a name's last word name or describe:
    "U.S." of "U.S. Jobs", an NER span that ran a country into a surname.

    >>> from storyline.extract.entity_lexicon import lexicon
    >>> _place_before("U.S. Jobs", lexicon()), _place_before("Kabiru Adamu", lexicon())
    ('USA', None)
    """
    words = text.split()
    return lex.place_code(" ".join(words[:-1])) if len(words) > 1 else None


def _fix_from_article(mentions: list[NameMention], lex: EntityLexicon) -> None:
    """Corrections that need the rest of the article: surnames tagged as organisations,
    capitals tagged as people, and one type for one name."""
    words_of = [name_words(m.text, lex) for m in mentions]
    person_words: set[str] = set()
    surnames: set[str] = set()  # names the NER tagged PERSON on their own ("Adamu")
    for m, words in zip(mentions, words_of, strict=True):
        if m.label == "PERSON" and len(words) > 1:
            person_words.update(words)
        elif m.label == "PERSON" and len(words) == 1:
            surnames.add(words[0])
    for m, words in zip(mentions, words_of, strict=True):
        if m.locked:
            continue
        key = fold(m.text)
        if len(words) == 1 and words[0] in person_words and m.label != "PERSON":
            m.relabel("PERSON", "surname-of-person-in-article")
            m.locked = True
        elif m.label == "ORG" and 1 < len(words) <= 3 and words[-1] in surnames \
                and not set(words) & (lex.org_suffixes | lex.named_after) \
                and all(w[:1].isupper() for w in m.text.split()) \
                and _place_before(m.text, lex) is None:  # "U.S. Jobs": a country first
            # "Security analyst Kabiru Adamu" tagged ORG, then "Adamu said" as a person
            m.relabel("PERSON", "full-name-of-surname-in-article")
            m.locked = True
        elif m.label == "PERSON" and key in lex.capitals and key not in person_words:
            m.relabel("GPE", "gazetteer-capital")
            m.country, m.locked = lex.capitals[key], True
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if not m.locked:
            votes[fold(m.text)][m.label] += 1
    for m in mentions:
        if not m.locked and len(votes[fold(m.text)]) > 1:
            m.relabel(votes[fold(m.text)].most_common(1)[0][0], "type-vote")


def _brand_tokens(doc: Doc, text: str) -> list[int]:
    """Indices of the tokens written in brand case, found in the text (making every
    Token to read its text is most of the cost of a pass over a Doc)."""
    starts = {x: i for i, x in enumerate(doc.to_array(["IDX"]).tolist())}
    return [starts[m.start()] for m in _BRAND_WORD.finditer(text) if m.start() in starts
            and _BRAND_CASE.match(doc[starts[m.start()]].text)]


def _model_words(doc: Doc, text: str, brands: list[int]) -> frozenset[tuple[str, str]]:
    """(brand, word) pairs where a lower-case word after a brand-case name is a model
    name ("iPod nano"), not a noun it modifies ("iPod owners"): the pair recurs in the
    article, or the word is also written capitalised inside a sentence there ("iPod
    Classic, Nano and Shuffle")."""
    pairs: Counter[tuple[str, str]] = Counter()
    for i in brands:
        if i + 1 < len(doc):
            after = doc[i + 1]
            if after.is_alpha and after.text.islower() and after.tag_ not in ("NNS", "NNPS") \
                    and after.pos_ in _MODEL_POS:
                pairs[(doc[i].lower_, after.lower_)] += 1
    return frozenset(pair for pair, n in pairs.items() if n > 1 or re.search(
        r"(?<=[\w,;] )" + pair[1].capitalize() + r"\b", text))


def _brand_names(doc: Doc, brands: list[int], covered: set[int],
                 models: frozenset[tuple[str, str]], text: str) -> list[NameMention]:
    """Product names the NER missed, written in brand case ("iPhone 4", "iPod Touch",
    "eBay", "iTunes Music Store"), with a model number or capitalised words after
    them, or a lower-case model name the article repeats ("iPod nano")."""
    found: list[NameMention] = []
    done = 0
    for i in brands:
        if i < done:
            continue
        last = i + 1
        while last < len(doc) and last not in covered and (
                _MODEL.match(doc[last].text) or (doc[last].pos_ in _NAME_POS
                and doc[last].text[:1].isupper())):
            last += 1
        if last == i + 1 and last < len(doc) and last not in covered \
                and (doc[i].lower_, doc[last].lower_) in models:
            last += 1
        start, end = doc[i].idx, doc[last - 1].idx + len(doc[last - 1].text)
        found.append(NameMention(start, end, i, last, text[start:end], "MISC", "MISC",
                                 doc[i:last].root.dep_, fixes=["brand-case: not tagged"]))
        done = last
    return found


def name_mentions(doc: Doc, lex: EntityLexicon, text: str | None = None
                  ) -> Iterator[NameMention]:
    """Trimmed, type-corrected NER mentions in document order (``text``: ``doc.text``,
    which spaCy rebuilds on every access)."""
    found: list[NameMention] = []
    text = doc.text if text is None else text
    brands = _brand_tokens(doc, text)
    models = _model_words(doc, text, brands) if brands else frozenset()
    for repaired in repaired_spans(doc, lex, NAME_LABELS):
        ent = repaired.span
        span = _trimmed(doc, ent, lex, models)
        if span is None:
            continue
        first, last = span
        if last < len(doc) and (doc[last - 1].lower_, doc[last].lower_) in models \
                and doc[last].ent_iob_ == "O":
            last += 1  # "[iPod] nano": the model name the tagger left out
        label = _LABEL_ALIASES.get(ent.label_, ent.label_)
        start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
        m = NameMention(start, end, first, last, text[start:end], label, label,
                        doc[first:last].root.dep_)
        if repaired.rule:
            m.fixes.append(f"{repaired.rule}: {ent.text}")
        _from_tables(m, lex)
        if repaired.canonical and m.canonical is None:
            m.canonical = repaired.canonical
        found.append(m)
    covered = {t for m in found for t in range(m.first, m.last)}
    found += _brand_names(doc, [i for i in brands if i not in covered], covered, models, text)
    found.sort(key=lambda m: m.start)
    _fix_from_article(found, lex)
    yield from found
