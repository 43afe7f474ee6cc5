"""Convert the shared corpora into spaCy ``DocBin`` files under ``training/corpus/``.

Why a converter of our own: the sources disagree on format and labels (CoNLL-2003 IOB1 with
DOCSTART lines, UNER IOB2 with OTH tags, GUM's bracketed ``Entity=`` mentions that include
common-noun mentions). Everything is mapped onto one label scheme (see ``training/labels.py``)
and grouped into multi-sentence docs so that the parser also learns sentence boundaries.

Outputs: ``syntax-train``/``syntax-dev`` (UD EWT train + GUM non-NC train/dev docs; EWT dev)
and ``ner-train``/``ner-dev`` (CoNLL-2003 train + UNER EWT train + GUM names; CoNLL valid).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.training.converters import conllu_to_docs

from training.labels import country_names, norp_words, refine

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "training" / "corpus"
SENTS_PER_DOC = 10
# GUM genres whose texts are not under a non-commercial licence (see gum/LICENSE.txt).
GUM_GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
GUM_TYPES = {"person": "PER", "place": "LOC", "organization": "ORG"}
GUM_MISC_TYPES = {"event", "object", "abstract", "substance"}
_FUNCTION_POS = {"ADP", "CCONJ", "DET", "PART", "PUNCT", "NUM"}


def data_dir() -> Path:
    """The shared data folder: ``$DATA_DIR`` or ``../shared/data`` beside the repo."""
    return Path(os.environ.get("DATA_DIR", REPO.parent / "shared" / "data"))


@dataclass
class Sent:
    """One tokenized sentence with entity spans as (start, end, label) token offsets."""

    words: list[str]
    spaces: list[bool]
    ents: list[tuple[int, int, str]] = field(default_factory=list)


def _iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans from IOB1 or IOB2 tags (an I- after O or another type starts a span)."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        if prefix == "I" and start >= 0 and lab == label:
            continue
        if start >= 0:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and lab and lab != "O":
            start, label = i, lab
    return spans


def read_conll2003(path: Path) -> Iterator[list[Sent]]:
    """Yield CoNLL-2003 documents (split at DOCSTART) as lists of sentences."""
    doc: list[Sent] = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        cols = line.split()
        if cols and cols[0] == "-DOCSTART-":
            if doc:
                yield doc
            doc = []
            continue
        if cols:
            words.append(cols[0])
            tags.append(cols[-1])
            continue
        if words:
            doc.append(Sent(words, [True] * len(words), _iob_spans(tags)))
            words, tags = [], []
    if doc:
        yield doc


def read_uner(path: Path) -> Iterator[list[Sent]]:
    """Yield UNER EWT documents; OTH becomes MISC, stray ``B-O`` becomes O."""
    doc: list[Sent] = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# newdoc") and doc:
            yield doc
            doc = []
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            tag = cols[2] if cols[2] not in ("B-O", "I-O") else "O"
            words.append(cols[1])
            tags.append(tag)
            continue
        if words:
            doc.append(Sent(words, [True] * len(words), _iob_spans(tags)))
            words, tags = [], []
    if doc:
        yield doc


def gum_files(splits: Iterable[str]) -> list[Path]:
    """GUM documents of the given splits (from splits.md) in non-NC genres."""
    text = (data_dir() / "gum" / "splits.md").read_text(encoding="utf-8")
    wanted: set[str] = set()
    current = ""
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
        elif line.strip().startswith("* ") and current in splits:
            wanted.add(line.strip()[2:].strip())
    names = sorted(n for n in wanted if n.split("_")[1] in GUM_GENRES)
    return [data_dir() / "gum" / "dep" / f"{n}.conllu" for n in names]


def gum_train_files() -> list[Path]:
    """GUM train + dev documents in non-NC genres (GUM test is kept out for later use)."""
    test = {p.stem for p in gum_files(["test", "test2"])}
    out = []
    for path in sorted((data_dir() / "gum" / "dep").glob("GUM_*.conllu")):
        genre = path.stem.split("_")[1]
        if genre in GUM_GENRES and path.stem not in test:
            out.append(path)
    return out


def _parse_entity(value: str) -> tuple[list[tuple[str, str, bool, str]], list[str]]:
    """Parse a GUM ``Entity=`` value into openings and closing ids.

    Openings are (id, type, closes-here, Wikipedia identity or "").
    """
    opens: list[tuple[str, str, bool, str]] = []
    closes: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "(":
            j = i + 1
            while j < len(value) and value[j] not in "()":
                j += 1
            fields = value[i + 1 : j].split("-")
            single = j < len(value) and value[j] == ")"
            etype = fields[1] if len(fields) > 1 else ""
            opens.append((fields[0], etype, single, "-".join(fields[7:])))
            i = j + 1 if single else j
        elif value[i].isdigit():
            j = i
            while j < len(value) and value[j].isdigit():
                j += 1
            closes.append(value[i:j])
            i = j + 1
        else:
            i += 1
    return opens, closes


def read_gum_ner(path: Path) -> list[Sent]:
    """Named mentions from one GUM document, CoNLL-style (no leading "the").

    GUM marks every mention, named or not, so only mentions whose content words are all PROPN
    are kept. A single-word name without a Wikipedia identity ("Court", "Secretary") is too
    often a capitalised title: it is marked missing (label "-"), neither entity nor O.
    Organisations named by a country ("England beat Sweden") follow CoNLL and become places.
    """
    sents: list[Sent] = []
    norp = norp_words()
    countries = country_names()
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        rows = [r.split("\t") for r in block.splitlines() if r and not r.startswith("#")]
        rows = [r for r in rows if len(r) == 10 and r[0].isdigit()]
        words = [r[1] for r in rows]
        pos = [r[3] for r in rows]
        spaces = ["SpaceAfter=No" not in r[9] for r in rows]
        stack: dict[str, tuple[int, str, str]] = {}
        mentions: list[tuple[int, int, str, str]] = []
        for i, r in enumerate(rows):
            misc = dict(kv.split("=", 1) for kv in r[9].split("|") if "=" in kv)
            opens, closes = _parse_entity(misc.get("Entity", ""))
            for ent_id, etype, single, ident in opens:
                if single:
                    mentions.append((i, i + 1, etype, ident))
                else:
                    stack[ent_id] = (i, etype, ident)
            for ent_id in closes:
                if ent_id in stack:
                    start, etype, ident = stack.pop(ent_id)
                    mentions.append((start, i + 1, etype, ident))
        ents: list[tuple[int, int, str]] = []
        taken = [False] * len(rows)
        for start, end, etype, ident in sorted(mentions, key=lambda m: (m[0], -m[1])):
            while start < end and pos[start] in _FUNCTION_POS:
                start += 1
            if start >= end or any(taken[start:end]):
                continue
            if pos[start] != "PROPN" or pos[end - 1] != "PROPN":
                continue
            if any(p not in _FUNCTION_POS and p != "PROPN" for p in pos[start:end]):
                continue
            label = GUM_TYPES.get(etype) or ("MISC" if etype in GUM_MISC_TYPES else "")
            if not label:
                continue
            if label == "ORG" and " ".join(words[start:end]) in countries:
                label = "LOC"
            if end - start == 1 and not ident:
                label = "-"
            ents.append((start, end, label))
            taken[start:end] = [True] * (end - start)
        for i, word in enumerate(words):
            if not taken[i] and word in norp and word[:1].isupper() and pos[i] in ("ADJ", "PROPN"):
                ents.append((i, i + 1, "MISC"))
        if words:
            sents.append(Sent(words, spaces, sorted(ents)))
    return sents


def sents_to_docs(nlp: spacy.Language, sents: list[Sent], n_sents: int) -> Iterator[Doc]:
    """Group sentences into docs with refined entity labels and sentence starts."""
    for k in range(0, len(sents), n_sents):
        group = sents[k : k + n_sents]
        words = [w for s in group for w in s.words]
        spaces = [sp for s in group for sp in s.spaces]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        spans, missing = [], []
        offset = 0
        for s in group:
            for start, end, label in s.ents:
                text = " ".join(s.words[start:end])
                if label == "-":
                    missing.append(Span(doc, offset + start, offset + end))
                else:
                    spans.append(Span(doc, offset + start, offset + end, refine(label, text)))
            offset += len(s.words)
        doc.set_ents(spans, missing=missing, default="outside")
        yield doc


def conllu_docs(nlp: spacy.Language, paths: Iterable[Path]) -> Iterator[Doc]:
    """UD CoNLL-U files as spaCy docs of ``SENTS_PER_DOC`` sentences (syntax only)."""
    for path in paths:
        text = path.read_text(encoding="utf-8")
        yield from conllu_to_docs(text, n_sents=SENTS_PER_DOC, no_print=True)


def _save(docs: Iterable[Doc], name: str) -> int:
    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    CORPUS.mkdir(parents=True, exist_ok=True)
    db.to_disk(CORPUS / f"{name}.spacy")
    print(f"{name}: {n} docs")
    return n


def conll_docs(nlp: spacy.Language, split: str) -> Iterator[Doc]:
    """CoNLL-2003 documents with refined labels, one Doc per source document."""
    for doc in read_conll2003(data_dir() / "conll2003" / f"{split}.txt"):
        yield from sents_to_docs(nlp, doc, n_sents=10_000)


def main() -> None:
    nlp = spacy.blank("en")
    d = data_dir()
    ewt = d / "ud-english-ewt"
    _save(conllu_docs(nlp, [ewt / "en_ewt-ud-train.conllu", *gum_train_files()]), "syntax-train")
    _save(conllu_docs(nlp, [ewt / "en_ewt-ud-dev.conllu"]), "syntax-dev")

    def ner_train() -> Iterator[Doc]:
        for doc in read_conll2003(d / "conll2003" / "train.txt"):
            yield from sents_to_docs(nlp, doc, SENTS_PER_DOC)
        for doc in read_uner(d / "uner-english-ewt" / "en_ewt-ud-train.iob2"):
            yield from sents_to_docs(nlp, doc, SENTS_PER_DOC)
        for path in gum_train_files():
            yield from sents_to_docs(nlp, read_gum_ner(path), SENTS_PER_DOC)

    _save(ner_train(), "ner-train")
    _save(conll_docs(nlp, "valid"), "ner-dev")

    def conll_train() -> Iterator[Doc]:
        for doc in read_conll2003(d / "conll2003" / "train.txt"):
            yield from sents_to_docs(nlp, doc, SENTS_PER_DOC)

    _save(conll_train(), "ner-train-conll")


if __name__ == "__main__":
    main()
