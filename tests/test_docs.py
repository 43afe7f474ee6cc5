"""The README documents every CLI command, so docs cannot drift from the CLI."""

from __future__ import annotations

import click
import pytest

from storyline.cli import main

from .conftest import ROOT


def _commands(group: click.Group, prefix: str = "storyline") -> list[str]:
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found.extend(_commands(command, full))
        else:
            found.append(full)
    return found


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{command}" in readme, f"README does not document `{command}`"


def test_readme_gives_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
