"""``storyline serve``: the web app over a database, on this machine unless told otherwise."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import click

from storyline.commands.params import root_settings
from storyline.errors import StorylineError

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost).

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    name = host.strip().strip("[]").casefold()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--db", envvar="STORYLINE_DB", default=None, show_envvar=True,
              help="Database file (default: the `db` setting, ./storyline.db).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this machine needs --allow-remote.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--allow-remote", is_flag=True,
              help="Allow a non-loopback --host: anyone who can reach it reads the database.")
@click.option("--warm", type=click.IntRange(min=0), default=10, show_default=True,
              help="Prepare this many most recent stories in the background at start.")
@click.pass_context
def serve_command(ctx: click.Context, db: str | None, host: str, port: int,
                  allow_remote: bool, warm: int) -> None:
    """Browse the stories of a database in a web browser (read-only, works offline)."""
    if not is_loopback(host) and not allow_remote:
        raise click.ClickException(
            f"refusing to listen on {host}: that exposes the database to other machines; "
            "add --allow-remote if you mean it")
    try:
        settings = root_settings(ctx, db=db)
        if not Path(settings.db).is_file():
            raise StorylineError(f"{settings.db}: no such database; run `storyline ingest` first")
        from storyline.web import create_app

        app = create_app(settings.db, warm=warm)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    import uvicorn

    try:
        socket.getaddrinfo(host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"storyline: serving {settings.db} at http://{shown}:{port}/ (Ctrl+C stops)",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
