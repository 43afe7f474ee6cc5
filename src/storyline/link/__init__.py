"""Cross-article entity resolution: the contract's ``entities`` from per-article ones."""

from storyline.link.resolve import WINDOW_DAYS, global_ids, resolve

__all__ = ["WINDOW_DAYS", "global_ids", "resolve"]
