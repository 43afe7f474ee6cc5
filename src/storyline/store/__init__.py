"""Storage: SQLite by default. Nothing outside this package writes SQL."""

from storyline.store.sqlite import SearchHit, Store, StoredBatch

__all__ = ["SearchHit", "Store", "StoredBatch"]
