"""Sentences and named-entity mentions: the records every later extractor points into."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from storyline.records import ArticleContext, EntityMention, Sentence


def sentences(doc: Doc, ctx: ArticleContext) -> Iterator[Sentence]:
    """Sentence spans in document order; whitespace-only sentences are skipped.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
    >>> [s.start for s in sentences(nlp("One. Two."), ArticleContext("a"))]
    [0, 5]
    """
    if not doc.has_annotation("SENT_START"):
        if len(doc) and not doc.text.isspace():
            yield Sentence(ctx.id, 0, 0, len(doc.text))
        return
    index = 0
    for sent in doc.sents:
        text = sent.text
        if not text.strip():
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        yield Sentence(ctx.id, index, start, end)
        index += 1


def entity_mentions(doc: Doc, ctx: ArticleContext) -> Iterator[EntityMention]:
    """Named-entity mentions as the pipeline's NER found them, in document order."""
    for ent in doc.ents:
        yield EntityMention(ctx.id, ent.start_char, ent.end_char, ent.text, ent.label_)
