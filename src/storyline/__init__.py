"""storyline: follow developing news stories offline, with provenance."""

__version__ = "0.1.0"

