"""Score the bundled pipeline on the development sets, from raw text.

Why raw text: storyline sees untokenized articles, so gold tokenization would flatter the model.
Each reference document is detokenized, run through the full pipeline, and aligned back to the
gold tokens by spaCy's ``Example`` (tokenization differences count as errors).

- NER on CoNLL-2003 valid (testa), one document per ``-DOCSTART-``: scored with CoNLL's four
  labels (PERSON->PER, GPE->LOC, NORP->MISC on both sides) and with the storyline labels
  against the gazetteer-refined gold (``training/labels.py``).
- UD EWT dev: TAG (XPOS), POS, morph, lemma, UAS/LAS and sentence F.

Run: ``python -m training.evaluate [MODEL_DIR] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import spacy
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

from training.assemble import MODEL_DIR
from training.corpora import conll_docs, conllu_docs, data_dir
from training.labels import coarse


def _coarse_doc(doc: Doc) -> Doc:
    """Copy of ``doc`` (tokens and entities only) with CoNLL's four labels."""
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    out = Doc(doc.vocab, words=words, spaces=spaces)
    out.ents = [Span(out, e.start, e.end, coarse(e.label_)) for e in doc.ents]
    return out


def _prf(scores: dict[str, Any]) -> dict[str, Any]:
    keep = ("ents_p", "ents_r", "ents_f", "ents_per_type")
    return {k: scores[k] for k in keep if k in scores}


def score_ner(nlp: spacy.Language, limit: int = 0) -> dict[str, Any]:
    """NER P/R/F (overall and per label) on CoNLL-2003 valid, coarse and fine."""
    refs = list(conll_docs(nlp, "valid"))
    if limit:
        refs = refs[:limit]
    disabled = [p for p in ("parser", "tagger", "morphologizer", "trainable_lemmatizer")]
    with nlp.select_pipes(disable=[p for p in disabled if p in nlp.pipe_names]):
        preds = list(nlp.pipe((r.text for r in refs), batch_size=64))
    fine = [Example(p, r) for p, r in zip(preds, refs, strict=True)]
    coarse_ex = [Example(_coarse_doc(p), _coarse_doc(r)) for p, r in zip(preds, refs, strict=True)]
    return {"conll4": _prf(get_ner_prf(coarse_ex)), "storyline": _prf(get_ner_prf(fine))}


def score_syntax(nlp: spacy.Language, limit: int = 0) -> dict[str, Any]:
    """Tagging, lemma, dependency and sentence scores on UD EWT dev."""
    refs = list(conllu_docs(nlp, [data_dir() / "ud-english-ewt" / "en_ewt-ud-dev.conllu"]))
    # the converter makes its own Vocab; move the docs into the model's, or the scorer cannot
    # look up morph strings that only the model knows
    refs = list(DocBin(docs=refs).get_docs(nlp.vocab))
    if limit:
        refs = refs[:limit]
    examples = [Example(nlp.make_doc(r.text), r) for r in refs]
    scores = nlp.evaluate(examples, batch_size=64)
    keys = ("tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las")
    keys += ("sents_p", "sents_r", "sents_f")
    return {k: scores[k] for k in keys if k in scores}


def evaluate(model: Path = MODEL_DIR, limit: int = 0) -> dict[str, Any]:
    """All development scores for the pipeline at ``model``."""
    nlp = spacy.load(model)
    return {"ner_conll2003_valid": score_ner(nlp, limit), "ud_ewt_dev": score_syntax(nlp, limit)}


def format_scores(scores: dict[str, Any]) -> str:
    """Human-readable table of the scores."""
    lines = []
    for scheme, ner in scores["ner_conll2003_valid"].items():
        lines.append(
            f"NER CoNLL-2003 valid ({scheme} labels): P {ner['ents_p']:.3f} "
            f"R {ner['ents_r']:.3f} F {ner['ents_f']:.3f}"
        )
        for label, prf in sorted(ner["ents_per_type"].items()):
            lines.append(f"  {label:7s} P {prf['p']:.3f} R {prf['r']:.3f} F {prf['f']:.3f}")
    syn = scores["ud_ewt_dev"]
    lines.append("UD EWT dev: " + "  ".join(f"{k} {v:.3f}" for k, v in syn.items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", nargs="?", type=Path, default=MODEL_DIR)
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N docs")
    args = parser.parse_args()
    scores = evaluate(args.model, args.limit)
    print(format_scores(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
