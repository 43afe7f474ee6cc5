"""One settings object: packaged, commented defaults plus a partial user file.

Values are validated when loaded; a bad value raises :class:`ConfigError` naming
the key and what it accepts.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError

USER_FILE = "storyline.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "storyline.db"
    model: str = "bundled"
    batch_size: int = 64
    max_file_mb: float = 50
    near_duplicate_threshold: float = 0.8
    minhash_permutations: int = 128
    shingle_size: int = 5

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (``None`` values are ignored) and validated."""
        kept = {k: v for k, v in changes.items() if v is not None}
        return _validated(replace(self, **kept))


_CHECKS: dict[str, tuple[type, str]] = {
    "db": (str, "a file path"),
    "model": (str, '"bundled", "blank", an installed spaCy package name, or a path'),
    "batch_size": (int, "a whole number from 1 to 10000"),
    "max_file_mb": (float, "a number of megabytes above 0"),
    "near_duplicate_threshold": (float, "a number between 0.5 and 1.0"),
    "minhash_permutations": (int, "a whole number from 16 to 1024"),
    "shingle_size": (int, "a whole number from 1 to 20"),
}

_RANGES: dict[str, tuple[float, float]] = {
    "batch_size": (1, 10000),
    "max_file_mb": (1e-6, 1e9),
    "near_duplicate_threshold": (0.5, 1.0),
    "minhash_permutations": (16, 1024),
    "shingle_size": (1, 20),
}


def _validated(settings: Settings) -> Settings:
    for key, (kind, accepts) in _CHECKS.items():
        value = getattr(settings, key)
        ok = isinstance(value, kind) or (kind is float and isinstance(value, int))
        if isinstance(value, bool) or not ok:
            raise ConfigError(f"setting {key!r} is {value!r}; it takes {accepts}")
        low, high = _RANGES.get(key, (float("-inf"), float("inf")))
        if kind is not str and not low <= value <= high:
            raise ConfigError(f"setting {key!r} is {value!r}; it takes {accepts}")
        if kind is str and not value:
            raise ConfigError(f"setting {key!r} is empty; it takes {accepts}")
    return settings


def _read_toml(path: Path, what: str) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{what} {path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{what} {path}: not valid TOML ({exc})") from None


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Packaged defaults, then the user file, then ``$STORYLINE_DB``.

    The user file is ``path`` if given, else ``$STORYLINE_CONFIG``, else
    ``./storyline.toml`` when it exists.

    >>> load_settings().model
    'bundled'
    """
    defaults_file = resources.files("storyline") / "data" / "defaults.toml"
    values = tomllib.loads(defaults_file.read_text(encoding="utf-8"))
    user: Path | None = None
    if path is not None:
        user = Path(path)
    elif os.environ.get("STORYLINE_CONFIG"):
        user = Path(os.environ["STORYLINE_CONFIG"])
    elif Path(USER_FILE).is_file():
        user = Path(USER_FILE)
    if user is not None:
        overrides = _read_toml(user, "config file")
        known = {f.name for f in fields(Settings)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ConfigError(
                f"config file {user}: unknown setting {unknown[0]!r}; "
                f"valid settings are {', '.join(sorted(known))}"
            )
        values.update(overrides)
    if os.environ.get("STORYLINE_DB"):
        values["db"] = os.environ["STORYLINE_DB"]
    return _validated(Settings(**values))
