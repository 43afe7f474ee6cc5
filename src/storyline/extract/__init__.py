"""Extractors: pure functions from a Doc and its article context to frozen records."""

from storyline.extract.basics import entity_mentions, sentences
from storyline.extract.figures import figures
from storyline.extract.quotes import quotes
from storyline.extract.times import infer_publication, sentence_dates, time_expressions, times

__all__ = [
    "entity_mentions",
    "figures",
    "infer_publication",
    "quotes",
    "sentence_dates",
    "sentences",
    "time_expressions",
    "times",
]
