"""Ingest: readers per format, the metadata cascade, and duplicate detection."""

from storyline.ingest.metadata import resolve_article
from storyline.ingest.readers import read_bytes, read_inputs

__all__ = ["read_bytes", "read_inputs", "resolve_article"]
