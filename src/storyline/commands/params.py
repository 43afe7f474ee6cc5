"""Option parsers and set-up shared by every command."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from storyline.config import Settings, load_settings
from storyline.errors import InputError
from storyline.store import Store


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Click callback: a ``YYYY-MM-DD`` option, normalised, or a clean usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def root_settings(ctx: click.Context, **overrides: Any) -> Settings:
    """The settings the root command loaded (``--config``), with ``overrides`` applied
    (``None`` values are ignored); a command run on its own loads the defaults."""
    settings = getattr(ctx.find_root().obj, "settings", None)
    if not isinstance(settings, Settings):
        settings = load_settings(None)
    return settings.replace(**overrides)


def open_existing(settings: Settings) -> Store:
    """The store of ``settings.db``, which must exist: reading commands never create one."""
    if settings.db != ":memory:" and not Path(settings.db).is_file():
        raise InputError(f"{settings.db}: no such database; run `storyline ingest` first")
    return Store(settings.db)


def print_json(value: Any, out: TextIO | None = None) -> None:
    """``value`` as indented JSON (non-ASCII kept) and a newline, on stdout by default."""
    out = out or sys.stdout
    json.dump(value, out, ensure_ascii=False, indent=2)
    out.write("\n")
