"""Loading the configured spaCy pipeline and running it over articles.

spaCy types do not leave ``nlp/`` and ``extract/``: callers get records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import ModelError
from storyline.records import Article

#: Articles longer than this many characters are refused by the NLP pass (spaCy's
#: memory grows with document length; split such inputs into articles).
MAX_ARTICLE_CHARS = 1_000_000

_VALID = (
    '"bundled" (the offline model shipped with storyline), "blank" (tokens and '
    "rule-based sentences only), an installed spaCy package name, or a pipeline directory"
)


def bundled_model_path() -> Path:
    """Directory of the pipeline shipped inside the storyline package."""
    return Path(str(resources.files("storyline") / "data" / "model"))


def model_path(name: str) -> Path | None:
    """Directory the setting ``model = name`` loads from, if it is a directory."""
    if name == "bundled":
        return bundled_model_path()
    if name == "blank":
        return None
    path = Path(name)
    if path.is_dir():
        return path
    try:
        module = __import__(name)
    except ImportError:
        return None
    return Path(str(resources.files(module)))


def model_meta(name: str) -> dict[str, Any]:
    """The pipeline's ``meta.json`` (name, version, labels, performance)."""
    if name == "blank":
        return dict(load_pipeline("blank").meta)
    path = model_path(name)
    if path is None:
        raise ModelError(f"model {name!r} cannot be found; valid choices: {_VALID}")
    for meta_file in (path / "meta.json", *sorted(path.glob("*/meta.json"))):
        if meta_file.is_file():
            data: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
            return data
    raise ModelError(f"model {name!r}: no meta.json under {path}")


#: a sentence may end after these tokens (or a line break); nowhere else
_SENTENCE_FINAL = frozenset({".", "!", "?", "…", '"', "”", "’", "'", ")", "]"})


@Language.component("storyline_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """Forbid sentence breaks that follow no final punctuation and no line break.

    A statistical parser sometimes splits a sentence in mid-phrase ("... between CIA
    director | Bill Burns, ..."); news sentences end in punctuation or at a line end
    (headlines), so the parser that runs next is told where it may not break.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if (prev.text not in _SENTENCE_FINAL and "\n" not in prev.whitespace_
                and not prev.is_space and not token.is_space):
            token.is_sent_start = False
    return doc


@cache
def load_pipeline(name: str) -> Language:
    """The spaCy pipeline for the ``model`` setting, loaded once per process.

    >>> load_pipeline("blank").pipe_names
    ['sentencizer']
    """
    if name == "blank":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        target: str | Path = name
        if name == "bundled":
            target = bundled_model_path()
            if not (target / "meta.json").is_file():
                raise ModelError(
                    "the bundled model is not in this install (run `make model`), "
                    f"or choose another model: {_VALID}"
                )
        try:
            nlp = spacy.load(target)
        except (OSError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ModelError(
                f"model {name!r} cannot be loaded ({first[:200]}); valid choices: {_VALID}"
            ) from None
    if "parser" in nlp.pipe_names and "storyline_sentence_guard" not in nlp.pipe_names:
        nlp.add_pipe("storyline_sentence_guard", before="parser")
    nlp.max_length = MAX_ARTICLE_CHARS + 1
    return nlp


def annotate(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = 64
) -> Iterator[tuple[Doc, Article]]:
    """Run the pipeline over articles, each Doc travelling with its article.

    Articles must be at most :data:`MAX_ARTICLE_CHARS` long (the caller checks).
    """
    yield from nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
