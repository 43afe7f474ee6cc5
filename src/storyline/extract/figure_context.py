"""What a figure counts and what happens to it: the words around a number.

Word-level rules over the tokens of :mod:`storyline.extract.figure_numbers`, so
they hold when the parse is weak or absent.  The counted thing is the noun phrase
after the number up to its first plural head ("at least 28 dead captives"), or the
noun phrase of an "of" phrase ("dozens of homes", "a third of voters"); "of them"
points back to the last thing counted.  Claimants are in
:mod:`storyline.extract.figure_claims`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from spacy.tokens import Doc

from storyline.extract.figure_lexicon import NumberMatch, Tok, lexicon, looks_plural

__all__ = [
    "Counted",
    "Words",
    "antecedent",
    "counted",
    "figure_key",
    "lemma",
    "predicate",
    "predicate_from_parse",
    "words",
]

_MAX_NP: Final = 4
_UNIT_WHAT_KINDS: Final = frozenset({"percent", "fraction"})
_NOUN_TAGS: Final = frozenset({"NN", "NNS", "NNP", "NNPS"})
_NUMMOD_DEPS: Final = frozenset({"nummod"})
_HYPHENS: Final = frozenset({"-", "‐"})
#: dependencies by which a counted noun is an argument of its verb (UD and Clear labels)
_ARGUMENT_DEPS: Final = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj", "obl",
                                   "iobj", "pobj"})
_DEMONSTRATIVES: Final = frozenset({"those", "these"})
#: words after "those" that restrict it to people instead of pointing back
_RESTRICTORS: Final = frozenset({"who", "whom", "whose", "with", "without", "in", "at", "on",
                                 "from", "under", "over", "aged", "living", "still"})


@dataclass(frozen=True, slots=True)
class Words:
    stop: frozenset[str]
    skip: frozenset[str]
    plural: frozenset[str]
    not_plural: frozenset[str]
    participles: frozenset[str]
    anaphors: frozenset[str]
    determiners: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    report_verbs: frozenset[str]
    subject_words: frozenset[str]
    documents: frozenset[str]
    pronouns: frozenset[str]
    lemmas: dict[str, str]
    light: frozenset[str]
    nominalizations: dict[str, str]
    pred_skip: frozenset[str]
    verbs: frozenset[str]


@cache
def words() -> Words:
    raw = lexicon().raw
    np, cl, pr = raw["np"], raw["claims"], raw["predicate"]
    forms: set[str] = set()
    for verb in pr["verbs"]:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb, verb + "s", verb + "es", stem + "ed", stem + "ing", verb + "d"}
    forms |= set(pr["lemmas"])
    return Words(
        stop=frozenset(np["stop"]),
        skip=frozenset(np["skip"]),
        plural=frozenset(np["plural"]),
        not_plural=frozenset(np["not_plural"]),
        participles=frozenset(np["participle_heads"]),
        anaphors=frozenset(np["anaphors"]),
        determiners=frozenset(np["determiners"]),
        according=tuple(tuple(a.split()) for a in cl["according"]),
        report_verbs=frozenset(cl["report_verbs"]),
        subject_words=frozenset(cl["subject_words"]),
        documents=frozenset(cl["documents"]),
        pronouns=frozenset(cl["pronouns"]),
        lemmas=dict(pr["lemmas"]),
        light=frozenset(pr["light"]),
        nominalizations=dict(pr["nominalizations"]),
        pred_skip=frozenset(pr["skip"]),
        verbs=frozenset(forms),
    )


# -- what is counted -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Counted:
    """The counted words (character span) and the last token of the noun phrase."""

    start: int
    end: int
    last: int
    anaphor: bool = False


def _plural(tok: Tok, w: Words) -> bool:
    return looks_plural(tok.lower, lexicon())


def _np_word(tok: Tok, w: Words) -> bool:
    return (tok.text[0].isalpha() and tok.lower not in w.stop
            and tok.lower not in w.report_verbs) or (tok.text == "-" and tok.glued)


def _groups(toks: list[Tok], i: int, w: Words) -> list[tuple[int, int]]:
    """Up to four words from ``i`` (hyphenated words count once), until a stop word."""
    groups: list[tuple[int, int]] = []
    j = i
    while j < len(toks) and len(groups) < _MAX_NP and _np_word(toks[j], w) \
            and toks[j].text != "-":
        end = j
        while end + 2 < len(toks) and toks[end + 1].text == "-" and toks[end + 1].glued \
                and toks[end + 2].glued and toks[end + 2].text[0].isalpha():
            end += 2
        if end + 1 < len(toks) and toks[end + 1].text.isdigit() and not toks[end].text.islower():
            end += 1  # a model name: "iPhone 4 customers", "iPhone 3GS"
            while end + 1 < len(toks) and toks[end + 1].glued and toks[end + 1].text.isalnum():
                end += 1
        groups.append((j, end))
        j = end + 1
    return groups


def _noun_phrase(toks: list[Tok], i: int, w: Words, single: bool) -> Counted | None:
    """The words from ``i`` up to the first plural head (or a participle head)."""
    groups = _groups(toks, i, w)
    if not groups:
        return None
    first = toks[groups[0][0]]
    for pos, (a, b) in enumerate(groups):
        if _plural(toks[b], w):
            later = [m for _, m in groups[pos + 1 :] if _plural(toks[m], w)]
            if later and not toks[b].text.islower() and toks[later[0]].text.islower():
                b = later[0]  # "12 Hamas tunnels", "three Democrats votes"
            return _coordinated(toks, first, b, w)
        if pos == 0 and a == b and toks[a].lower in w.participles and not any(
            _plural(toks[m], w) for _, m in groups[1:]
        ):
            return Counted(first.start, toks[b].end, b)
        if pos > 0 and a == b and toks[a].lower.endswith(("ed", "ing")):
            groups = groups[:pos]
            break  # a verb after the noun phrase: "one poster admitted"
    if single:
        return Counted(first.start, toks[groups[-1][1]].end, groups[-1][1])
    return None


def _coordinated(toks: list[Tok], first: Tok, head: int, w: Words) -> Counted:
    """Extend "dedicated men" to "dedicated men and women"."""
    if head + 2 < len(toks) and toks[head + 1].lower in ("and", "or") and \
            _plural(toks[head + 2], w) and _np_word(toks[head + 2], w):
        head += 2
    return Counted(first.start, toks[head].end, head)


def _from_parse(doc: Doc, toks: list[Tok], match: NumberMatch) -> Counted | None:
    """The noun the number modifies, when the parse has one right after it."""
    span = doc.char_span(toks[match.num_first].start, toks[match.num_last].end,
                         alignment_mode="expand")
    if span is None:
        return None
    num = span[-1]
    head = num.head
    if num.dep_ not in _NUMMOD_DEPS or head.tag_ not in _NOUN_TAGS or not (
        0 < head.i - num.i <= _MAX_NP
    ):
        return None
    last = next((k for k, t in enumerate(toks) if t.start <= head.idx < t.end), None)
    if last is None or last <= match.last:
        return None
    return Counted(toks[match.last + 1].start, toks[last].end, last)


def counted(toks: list[Tok], match: NumberMatch, doc: Doc | None) -> Counted | None:
    """What the figure counts, or ``None`` (durations, money, bare numbers)."""
    w = words()
    j = match.last + 1
    if match.unit_kind is not None and match.unit_kind not in _UNIT_WHAT_KINDS:
        return None
    while j < len(toks) and toks[j].lower in w.skip:
        j += 1
    if j < len(toks) and toks[j].lower == "of":
        j += 1
        if j < len(toks) and toks[j].lower in w.anaphors:
            nxt = toks[j + 1].lower if j + 1 < len(toks) else ""
            if toks[j].lower in _DEMONSTRATIVES and (
                nxt in _RESTRICTORS or nxt.endswith(("ing", "ed"))
            ):
                return None  # "half of those surfing the web": not a pronoun for a noun
            return Counted(toks[j].start, toks[j].end, j, anaphor=True)
        while j < len(toks) and toks[j].lower in w.determiners:
            j += 1
        return _noun_phrase(toks, j, w, single=True)
    if j < len(toks) and toks[j].text in _HYPHENS and j + 1 < len(toks) and \
            toks[j + 1].text[0].isalpha() and match.unit is None:
        return Counted(toks[j + 1].start, toks[j + 1].end, j + 1)  # "six-member team"
    if match.unit_kind == "percent":
        return None
    if match.unit_kind == "fraction":
        while j < len(toks) and toks[j].lower in w.determiners:
            j += 1  # "half the price"
        direct = toks[match.num_last].lower not in lexicon().fractions  # "one in three visits"
        return _noun_phrase(toks, j, w, single=True) if j > match.last + 1 or direct else None
    found = _noun_phrase(toks, j, w, single=match.value == 1)
    if found is None and doc is not None:
        found = _from_parse(doc, toks, match)
    return found


def antecedent(toks: list[Tok], before: int, text: str) -> tuple[str, int, int] | None:
    """The nearest plural noun before token ``before`` in the sentence."""
    w = words()
    for k in range(before - 1, -1, -1):
        tok = toks[k]
        if tok.text[0].isalpha() and tok.lower not in w.stop and _plural(tok, w) \
                and tok.text.islower():
            return text[tok.start : tok.end], tok.start, tok.end
    return None


# -- predicate and key -----------------------------------------------------------------

def lemma(word: str) -> str:
    """A verb's lemma from a small table, else by suffix rules."""
    w = words()
    word = word.lower()
    if word in w.lemmas:
        return w.lemmas[word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)] + repl
            for cand in (stem, stem + "e"):
                if cand in w.verbs:
                    return cand
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                return stem[:-1]
            return stem
    return word


def _verb_like(tok: Tok, w: Words) -> bool:
    word = tok.lower
    return tok.text.islower() and (word in w.verbs or (
        len(word) > 4 and word.endswith("ed") and word not in w.stop
    ))


def predicate(toks: list[Tok], match: NumberMatch, np_last: int) -> tuple[str, str] | None:
    """(text, lemma) of what is said of the counted thing ("remain in Gaza", "seized")."""
    w = words()
    k = np_last + 1
    if k + 1 < len(toks) and toks[k].lower == "of" and toks[k + 1].lower in w.anaphors:
        k += 2
    while k < len(toks) and toks[k].lower in w.pred_skip:
        k += 1
    if k < len(toks) and _verb_like(toks[k], w):
        end = k
        if k + 2 < len(toks) and toks[k + 1].lower in ("in", "at") and \
                toks[k + 2].text[0].isupper():
            end = k + 2
        return " ".join(t.text for t in toks[k : end + 1]), lemma(toks[k].text)
    b = match.first - 1
    if b >= 1 and toks[b].lower == "of" and toks[b - 1].lower in w.nominalizations:
        return toks[b - 1].text, w.nominalizations[toks[b - 1].lower]
    if b >= 1 and toks[b].lower in ("in", "to", "at", "by") and _verb_like(toks[b - 1], w):
        return f"{toks[b - 1].text} {toks[b].text}", lemma(toks[b - 1].text)
    while b >= 0 and toks[b].lower in w.pred_skip:
        b -= 1
    if b >= 0 and _verb_like(toks[b], w):
        return toks[b].text, lemma(toks[b].text)
    return None


def predicate_from_parse(doc: Doc, start: int, end: int) -> tuple[str, str] | None:
    """(text, lemma) of the verb whose argument the counted words are, from the parse.

    Used only when the words name no predicate; a verb that the tagger does not call
    a verb is not trusted.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    verb = root.head
    if root.dep_ not in _ARGUMENT_DEPS or verb is root or not verb.tag_.startswith("VB"):
        return None
    if verb.lower_ in words().report_verbs:
        return None  # "Israel says 132": the claim, not the state of the counted thing
    return verb.text, lemma(verb.text)


def _plural_form(word: str) -> str:
    irregular = {"person": "people", "man": "men", "woman": "women", "child": "children"}
    if word in irregular:
        return irregular[word]
    if word.endswith("s"):
        return word
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def figure_key(what: str | None, pred_lemma: str | None, value: float | None) -> str | None:
    """A name for the quantity that stays the same across reports.

    The counted words in lower case with the head in the plural ("one hostage" and
    "132 hostages" agree), then ``|`` and the predicate's lemma unless it is a light
    verb that says nothing about the state ("hostages|remain", "hostages|seize",
    "deaths").  ``None`` when nothing is counted.

    >>> figure_key("Hostages", "remain", 132)
    'hostages|remain'
    """
    if not what:
        return None
    parts = what.lower().replace("-", " ").split()
    if not parts:
        return None
    parts[-1] = _plural_form(parts[-1])
    key = " ".join(parts)
    if pred_lemma and pred_lemma not in words().light:
        key += "|" + pred_lemma
    return key
