"""Noun phrases that name an entity together with the kind of thing it is.

A name and a noun for its kind, side by side, are one mention of the named entity:

* the name before the noun: "the iTunes store", "its iPod portable music players",
  "Apple Computer's iTunes downloadable music service", "the iPhone device";
* the noun phrase before the name: "the technology blog Gizmodo", "U.S. electronics
  retailer Best Buy", "the militant group Hamas", "web browser Safari".

The noun must be a word for a kind of thing (the ``[coref.descriptions]`` kinds of
``data/names.toml`` and its ``compound`` words: "store", "service", "browser"...)
that fits the entity's type; a noun for a part or a property ("iPhone 4 antenna",
"Apple logo", "Apple engineers") is none.  An organisation's name before a product
word is its maker's ("Apple mobile devices"), not the product: only a product-like
name (written in brand case, "iPod", or with a digit) goes with a product word when
the tagger calls it an organisation.

Each phrase becomes a ``description`` mention of the entity, with an evidence record
``description-compound`` (its head noun also tells later descriptions what the entity
is: "the store" after "the iTunes store").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache, partial

from spacy.tokens import Doc, Token

from storyline.extract.entity_coref_words import CorefWords, coref_words
from storyline.extract.entity_lexicon import lexicon
from storyline.extract.entity_names import org_words
from storyline.extract.entity_records import (
    Evidence,
    LocalEntity,
    Mention,
    MentionIndex,
    add_mentions,
)

__all__ = ["NESTED_RULE", "RULE", "compounds", "nested_names", "with_compounds",
           "with_nested_names"]

RULE = "description-compound"
NESTED_RULE = "nested-name"
#: how many words a kind noun may be from the name ("iPod portable music player")
_REACH = 3
#: words that may stand between a kind noun and the name after it, or the name and
#: the kind noun after it
_PREMODIFIER_POS = frozenset({"NOUN", "ADJ", "PROPN", "NUM"})
_BETWEEN_POS = frozenset({"NOUN", "ADJ"})
_STOP_DEPS = frozenset({"det", "nmod:poss", "poss"})

#: entity types a compound of each kind may name; None: any but these
_KIND_TYPES: dict[str, frozenset[str]] = {
    "org": frozenset({"ORG", "MISC"}), "media": frozenset({"ORG", "MISC"}),
    "group": frozenset({"ORG", "NORP"}),
    "product": frozenset({"MISC", "PRODUCT", "WORK_OF_ART", "ORG"}),
    "compound": frozenset({"MISC", "PRODUCT", "WORK_OF_ART", "ORG"})}
#: a product name the tagger may call an organisation: brand case or a digit
_PRODUCT_LIKE = re.compile(r"^[a-z]{1,2}[A-Z]|\d")


@cache
def _kinds() -> dict[str, tuple[str, ...]]:
    """Kind noun → kinds: the description kinds (but places and countries: "the Paris
    city" is no English) and the compound-only words."""
    words: CorefWords = coref_words()
    kinds = {w: tuple(k for k in ks if k in _KIND_TYPES) for w, ks in words.heads.items()}
    for word in words.compound_heads:
        kinds[word] = (*kinds.get(word, ()), "compound")
    return {w: ks for w, ks in kinds.items() if ks}


def _fits(entity: LocalEntity, name: str, kinds: Sequence[str], *, after: bool) -> bool:
    for kind in kinds:
        if entity.type not in _KIND_TYPES[kind] or (after and kind == "media"):
            continue  # "the Apple website" is Apple's website, "the website Axios" Axios
        if kind in ("product", "compound") and entity.type == "ORG" and not _PRODUCT_LIKE.search(
                name):
            continue  # "Apple mobile devices": the maker's products
        return True
    return False


def _kind_of(token: Token) -> tuple[str, ...]:
    kinds = _kinds()
    return kinds.get(token.lower_) or kinds.get(token.lemma_.lower(), ())


def _after(doc: Doc, last: int) -> int:
    """The kind noun after a name that ends before token ``last`` (its index), or -1."""
    for j in range(last, min(last + _REACH, len(doc))):
        token = doc[j]
        if not token.text.islower() or token.pos_ not in _BETWEEN_POS:
            return -1
        if token.pos_ == "NOUN" and _kind_of(token):
            after = doc[j + 1] if j + 1 < len(doc) else None
            if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
                return -1  # "Internet security firm Secunia": the kind of the next name
            return j
    return -1


def _before(doc: Doc, first: int, owned: set[int]) -> int:
    """The first token of a noun phrase headed by a kind noun just before token
    ``first`` ("the technology blog [Gizmodo]"), or -1."""
    if first == 0:
        return -1
    head = doc[first - 1]
    if head.pos_ != "NOUN" or not head.text.islower() or head.tag_ in ("NNS", "NNPS") \
            or not _kind_of(head):
        return -1  # "told many people [Wikinews]": no apposition
    start = first - 1
    while start > 0 and first - start <= _REACH + 1:
        token = doc[start - 1]
        if start - 1 in owned:
            return -1  # another name inside: "the Beatles' label Apple Corps"
        if token.is_space:
            break
        if token.dep_ in _STOP_DEPS and token.pos_ in ("DET", "PRON"):
            return start - 1
        if token.pos_ not in _PREMODIFIER_POS and not (token.text == "-" or token.lower_ == "and"):
            break
        start -= 1
    while start < first - 1 and (doc[start].lower_ == "and" or doc[start].text == "-"):
        start += 1
    return start


def compounds(doc: Doc, found: Sequence[LocalEntity]) -> dict[int, list[tuple[Mention, str]]]:
    """Entity ``local`` → the compound mentions of it, each with its evidence detail."""
    if not found or not len(doc) or not doc.has_annotation("POS"):
        return {}
    # token offsets as columns: making every Token is most of the cost of a pass
    table = doc.to_array(["IDX", "LENGTH"]).tolist()
    starts = {idx: i for i, (idx, _) in enumerate(table)}
    ends = {idx + length: i for i, (idx, length) in enumerate(table)}
    owned = {i for e in found for m in e.mentions if m.kind in ("name", "alias")
             and m.start in starts and m.end in ends
             for i in range(starts[m.start], ends[m.end] + 1)}
    taken = {(m.start, m.end) for e in found for m in e.mentions}
    out: dict[int, list[tuple[Mention, str]]] = {}
    for entity in found:
        if entity.type not in _TYPES:
            continue
        for m in entity.mentions:
            if m.kind not in ("name", "alias") or m.start not in starts or m.end not in ends:
                continue
            first, last = starts[m.start], ends[m.end] + 1
            j = _after(doc, last)
            if j >= 0 and _fits(entity, m.text, _kind_of(doc[j]), after=True):
                span = (m.start, doc[j].idx + len(doc[j]))
                detail = f"{m.text!r} and the kind of thing it is: {doc[j].text!r}"
            elif (k := _before(doc, first, owned)) >= 0 and _fits(
                    entity, m.text, _kind_of(doc[first - 1]), after=False):
                span = (doc[k].idx, m.end)
                detail = f"{doc[first - 1].text!r} says what {m.text!r} is"
            else:
                continue
            if span in taken:
                continue
            taken.add(span)
            text = doc.text[span[0]:span[1]]
            out.setdefault(entity.local, []).append(
                (Mention(span[0], span[1], text, "description"), f"{text!r}: {detail}"))
    return out


_TYPES = frozenset(t for types in _KIND_TYPES.values() for t in types)


def with_compounds(doc: Doc, found: Sequence[LocalEntity]) -> list[LocalEntity]:
    """``found`` with the compound mentions of :func:`compounds` added, each with a
    ``description-compound`` evidence record pointing at it and the name inside it.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["the", "iTunes", "store", "grew"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, pos=["DET", "PROPN", "NOUN", "VERB"],
    ...           tags=["DT", "NNP", "NN", "VBD"])
    >>> itunes = LocalEntity("a", 0, "iTunes", "MISC", None, None,
    ...                      (Mention(4, 10, "iTunes", "name"),))
    >>> [(m.text, m.kind) for m in with_compounds(doc, [itunes])[0].mentions]
    [('iTunes', 'name'), ('iTunes store', 'description')]
    """
    return _with_added(found, compounds(doc, found), _compound_evidence)


Added = Sequence[tuple[Mention, str]]


def _with_added(found: Sequence[LocalEntity], added: Mapping[int, Added],
                evidence: Callable[[Added, MentionIndex, Sequence[Mention]], list[Evidence]]
                ) -> list[LocalEntity]:
    """``found`` with the (mention, detail) pairs ``added`` to each entity (by local index)."""
    return [add_mentions(e, [m for m, _ in added[e.local]], partial(evidence, added[e.local]))
            if added.get(e.local) else e for e in found]


def _compound_evidence(new: Sequence[tuple[Mention, str]], index: MentionIndex,
                       old: Sequence[Mention]) -> list[Evidence]:
    """Each compound points at itself and the name inside it."""
    names = [m for m in old if m.kind in ("name", "alias")]
    return [Evidence(RULE, (index[(m.start, m.end)],
                            *[index[(n.start, n.end)] for n in names
                              if m.start <= n.start and n.end <= m.end][:1]), detail)
            for m, detail in new]


#: types whose names do not open another entity's name, nor have names inside theirs
_NOT_NESTING = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC"})


def nested_names(found: Sequence[LocalEntity]) -> dict[int, list[tuple[Mention, str]]]:
    """Entity ``local`` → the names of it that open a longer name of another entity:
    "Apple" in "Apple TV" or "Apple Worldwide Developers Conference", "iPod" in "iPod
    Software", where the article names it alone too, one entity only by that name,
    and that name is the entity's own (not "iPhone" of "iPhone 4" in "iPhone 3GS").

    A longer name that is the shorter with a corporate suffix is the same entity
    ("Apple Inc."); two organisations' names nest only where the longer is an event,
    place or programme named after the shorter ("Apple Worldwide Developers
    Conference", not "Apple Corps"); people's and places' names do not nest.
    """
    lex = lexicon()
    alone: dict[str, set[int]] = {}
    first: dict[int, int] = {}
    for entity in found:
        for m in entity.mentions:
            if m.kind in ("name", "alias"):
                alone.setdefault(m.text, set()).add(entity.local)
                first[entity.local] = min(first.get(entity.local, m.start), m.start)
    by_local = {e.local: e for e in found}
    taken = {(m.start, m.end) for e in found for m in e.mentions}
    out: dict[int, list[tuple[Mention, str]]] = {}
    for entity in found:
        if entity.type in _NOT_NESTING:
            continue  # "Tim" of "Tim Cook", "New York" of "New York City"
        for m in entity.mentions:
            words = m.text.split()
            if m.kind not in ("name", "alias") or len(words) < 2:
                continue
            for k in range(len(words) - 1, 0, -1):
                prefix = " ".join(words[:k])
                owners = alone.get(prefix, set()) - {entity.local}
                if len(owners) != 1:
                    continue
                owner = by_local[next(iter(owners))]
                if (owner.type in _NOT_NESTING or owner.name is None
                        or org_words(owner.name, lex) != org_words(prefix, lex)):
                    break  # "iPhone" of "iPhone 4" in "iPhone 3GS": a short form
                if org_words(m.text, lex) == org_words(prefix, lex):
                    break  # "Apple Inc.": the same name
                if entity.type == owner.type == "ORG" and not _nests(words, prefix):
                    break  # "Apple Corps" and "Apple": two companies
                span = (m.start, m.start + len(prefix))
                if span not in taken:
                    taken.add(span)
                    out.setdefault(owner.local, []).append(
                        (Mention(span[0], span[1], prefix, "name"),
                         f"{prefix!r} opens the name {m.text!r} of another entity"))
                break
    return out


def fold_last(words: Sequence[str]) -> str:
    return words[-1].lower().strip(".,")


def _nests(words: Sequence[str], prefix: str) -> bool:
    """Whether an organisation's name ``words`` (so tagged) that ``prefix`` opens is a
    thing of the organisation or product ``prefix`` names, not a second organisation
    of that name: an event, place or programme named after it ("Apple Worldwide
    Developers Conference"), a product or line ("Apple TV", "iPod family", "iTunes
    Store"), or anything named after a product-like name ("iPod Software 1.1.1").

    >>> _nests(["Apple", "TV"], "Apple"), _nests(["iPod", "Software", "1.1.1"], "iPod")
    (True, True)
    >>> _nests(["Apple", "Corps"], "Apple"), _nests(["Apple", "Records"], "Apple")
    (False, False)
    """
    last = fold_last(words)
    return (last in lexicon().named_after or last in coref_words().nesting_words
            or (bool(_PRODUCT_LIKE.search(prefix)) and last not in lexicon().org_suffixes))


def line_names(found: Sequence[LocalEntity]) -> dict[str, list[Mention]]:
    """Product names that open the name of a line of them ("iPod" of "the iPod
    family", "the new iPod range") where no entity of the article is named by them:
    name → its mentions, for a new entity each.  The name must be product-like (brand
    case or a digit): "Apple" of "the Apple range" is a maker, not a product.

    >>> family = LocalEntity("a", 0, "iPod family", "ORG", None, None,
    ...                      (Mention(4, 15, "iPod family", "name"),))
    >>> {k: [(m.start, m.text) for m in v] for k, v in line_names([family]).items()}
    {'iPod': [(4, 'iPod')]}
    """
    words_of = coref_words().line_words
    named = {m.text for e in found for m in e.mentions if m.kind in ("name", "alias")}
    out: dict[str, list[Mention]] = {}
    for entity in found:
        if entity.type in _NOT_NESTING:
            continue
        for m in entity.mentions:
            words = m.text.split()
            if m.kind != "name" or len(words) != 2 or fold_last(words) not in words_of:
                continue
            prefix = words[0]
            if prefix not in named and _PRODUCT_LIKE.search(prefix):
                out.setdefault(prefix, []).append(
                    Mention(m.start, m.start + len(prefix), prefix, "name"))
    return out


def with_nested_names(found: Sequence[LocalEntity]) -> list[LocalEntity]:
    """``found`` with the names of :func:`nested_names` added, each with a
    ``nested-name`` evidence record pointing at it and the entity's first name.

    >>> apple = LocalEntity("a", 0, "Apple", "ORG", None, None, (Mention(0, 5, "Apple", "name"),))
    >>> tv = LocalEntity("a", 1, "Apple TV", "MISC", None, None,
    ...                  (Mention(10, 18, "Apple TV", "name"),))
    >>> [(m.text, m.start) for m in with_nested_names([apple, tv])[0].mentions]
    [('Apple', 0), ('Apple', 10)]
    """
    out = _with_added(found, nested_names(found), _nested_evidence)
    article = found[0].article if found else ""
    for name, mentions in line_names(found).items():
        detail = f"{name!r} opens the name of a line of it"
        out.append(LocalEntity(article, len(out), name, "MISC", None, None, tuple(mentions),
                               (), (Evidence(NESTED_RULE, (0,), detail),)))
    return out


def _nested_evidence(new: Sequence[tuple[Mention, str]], index: MentionIndex,
                     old: Sequence[Mention]) -> list[Evidence]:
    """Each nested name points at itself and the entity's first mention."""
    first = index[(old[0].start, old[0].end)]
    return [Evidence(NESTED_RULE, (index[(m.start, m.end)], first), detail)
            for m, detail in new]
