"""Option parsers shared by every command."""

from __future__ import annotations

import datetime as dt

import click


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Click callback: a ``YYYY-MM-DD`` option, normalised, or a clean usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
