"""Write the two training configs (syntax and NER) from spaCy's efficiency defaults.

Why generated, not hand-kept: the configs differ from ``spacy init config -o efficiency`` only
in a few measured choices, and keeping those choices in one dict makes them reviewable and
reproducible. Both pipelines use the offline MiniLM-derived static vectors
(``training/vectors.py``) through ``include_static_vectors``; the NER keeps its own tok2vec
(trained on different corpora than the syntax) and runs before the parser in the final pipeline.

Run: ``python -m training.configs`` (writes ``training/configs/{syntax,ner}.cfg``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from thinc.api import Config

REPO = Path(__file__).resolve().parents[1]
CONFIGS = REPO / "training" / "configs"

COMMON: dict[str, Any] = {
    "paths.vectors": "training/corpus/vectors",
    "system.seed": 0,
    "training.seed": 0,
    "training.max_steps": 0,
    "training.max_epochs": 0,
    "training.patience": 3000,
    "training.eval_frequency": 400,
    "components.tok2vec.model.embed.include_static_vectors": True,
    "nlp.batch_size": 256,
}
SYNTAX: dict[str, Any] = {
    "paths.train": "training/corpus/syntax-train.spacy",
    "paths.dev": "training/corpus/syntax-dev.spacy",
    "components.tok2vec.model.encode.width": 96,
    "components.tok2vec.model.embed.rows": [10000, 2500, 5000, 2500],
    "components.parser.model.hidden_width": 96,
    "components.parser.model.maxout_pieces": 2,
    "training.score_weights.dep_uas": 0.3,
    "training.score_weights.dep_las": 0.2,
    "training.score_weights.tag_acc": 0.1,
    "training.score_weights.pos_acc": 0.1,
    "training.score_weights.morph_acc": 0.1,
    "training.score_weights.lemma_acc": 0.2,
}
NER: dict[str, Any] = {
    "paths.train": "training/corpus/ner-train.spacy",
    "paths.dev": "training/corpus/ner-dev.spacy",
    "components.tok2vec.model.encode.width": 96,
    "components.tok2vec.model.embed.rows": [10000, 2500, 5000, 2500],
    "components.ner.model.hidden_width": 64,
    "components.ner.model.maxout_pieces": 2,
}


def _set(cfg: Config, dotted: str, value: Any) -> None:
    *parents, key = dotted.split(".")
    node: Any = cfg
    for part in parents:
        node = node[part]
    node[key] = value


def write(name: str, pipes: str, overrides: dict[str, Any], out_dir: Path = CONFIGS) -> Path:
    """Create ``name.cfg`` from the efficiency defaults plus ``overrides``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.cfg"
    cmd = [sys.executable, "-m", "spacy", "init", "config", str(path), "-l", "en"]
    cmd += ["-p", pipes, "-o", "efficiency", "-F"]
    subprocess.run(cmd, check=True, capture_output=True)
    cfg = Config().from_disk(path, interpolate=False)
    for dotted, value in {**COMMON, **overrides}.items():
        _set(cfg, dotted, value)
    cfg.to_disk(path)
    return path


# Second NER stage: continue from the first stage's best model on CoNLL-2003 alone, with a
# lower learning rate and full-size batches. The mixed web data (UNER, GUM) teaches names in
# other genres; this stage re-fits the newswire conventions that CoNLL-style evaluation uses.
NER_TUNE: dict[str, Any] = {
    **NER,
    "paths.train": "training/corpus/ner-train-conll.spacy",
    "training.optimizer.learn_rate": 0.0005,
    "training.batcher.size.start": 1000,
    "training.batcher.size.stop": 1000,
    "training.patience": 2000,
}


def write_tune(source: str, out_dir: Path = CONFIGS) -> Path:
    """The second-stage NER config, sourcing tok2vec and ner from ``source``."""
    return _write_sourced("ner-tune", "ner", NER_TUNE, ("tok2vec", "ner"), source, out_dir)


def _write_sourced(
    name: str,
    pipes: str,
    overrides: dict[str, Any],
    components: tuple[str, ...],
    source: str,
    out_dir: Path,
) -> Path:
    path = write(name, pipes, overrides, out_dir)
    cfg = Config().from_disk(path, interpolate=False)
    for component in components:
        cfg["components"][component] = {"source": source}
    cfg.to_disk(path)
    return path


def main() -> None:
    write("syntax", "tagger,morphologizer,trainable_lemmatizer,parser", SYNTAX)
    write("ner", "ner", NER)
    write_tune("training/runs/ner/model-best")
    print(f"wrote configs to {CONFIGS}")


if __name__ == "__main__":
    main()
