"""Commands that live outside :mod:`storyline.cli`; ``cli.py`` registers them."""

from storyline.commands.times import times_command

__all__ = ["times_command"]
