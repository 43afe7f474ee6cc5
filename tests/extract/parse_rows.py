"""Hand-built parses for rule tests: one row per token, so that a test checks the rules,
not the model.

>>> doc = parsed_doc([("Ruiz", 1, "nsubj", "NNP", "Ruiz"), ("won", 1, "ROOT", "VBD", "win")])
>>> [(t.text, t.dep_, t.pos_) for t in doc]
[('Ruiz', 'nsubj', 'PROPN'), ('won', 'ROOT', 'VERB')]
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

#: (word, head, dep, tag, lemma) per token; the heads are token indices
Row = tuple[str, int, str, str, str]
_POS = {"VB": "VERB", "NN": "NOUN", "JJ": "ADJ", "PR": "PRON", "IN": "ADP", "DT": "DET",
        "TO": "PART", "RB": "ADV", ".": "PUNCT", ",": "PUNCT", "CC": "CCONJ", "_S": "SPACE"}


def parsed_doc(rows: list[Row], starts: set[int] | None = None) -> Doc:
    """A Doc with the rows' parse; sentences start at ``starts`` (default: the first token)."""
    words, heads, deps, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    n = len(words)
    starts = starts or {0}
    sent_starts: list[bool | int | None] = [i in starts for i in range(n)]
    spaces = [not (words[i + 1] in {".", ","} or words[i].isspace() or words[i + 1].isspace())
              for i in range(n - 1)] + [False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps,
               tags=tags, lemmas=lemmas, sent_starts=sent_starts,
               pos=["PROPN" if t == "NNP" else _POS.get(t[:2], "X") for t in tags])
