"""Exceptions storyline raises on caller mistakes.

Bad data in the wild is not an exception: readers yield a
:class:`storyline.records.ReadFailure` and the batch goes on.  The CLI turns
any :class:`StorylineError` into one clean line.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class: a user-facing problem with a one-line explanation."""


class ConfigError(StorylineError):
    """A setting has an invalid value; the message lists the valid ones."""


class ModelError(StorylineError):
    """The configured spaCy pipeline cannot be loaded."""


class InputError(StorylineError):
    """An input given on the command line does not exist or cannot be used at all."""


class StoreError(StorylineError):
    """The database cannot be opened or is not a storyline database."""
