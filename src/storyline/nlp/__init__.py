"""The spaCy layer: loading pipelines and running them with article context."""

from storyline.nlp.pipeline import (
    MAX_ARTICLE_CHARS,
    annotate,
    bundled_model_path,
    load_pipeline,
    model_meta,
    model_path,
)

__all__ = [
    "MAX_ARTICLE_CHARS",
    "annotate",
    "bundled_model_path",
    "load_pipeline",
    "model_meta",
    "model_path",
]
