"""Extractors: pure functions from a Doc and its article context to frozen records."""

from storyline.extract.basics import entity_mentions, sentences

__all__ = ["entity_mentions", "sentences"]
