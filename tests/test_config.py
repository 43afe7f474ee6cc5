from __future__ import annotations

from pathlib import Path

import pytest

from storyline.config import Settings, load_settings
from storyline.errors import ConfigError


def test_packaged_defaults_match_the_dataclass(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    monkeypatch.delenv("STORYLINE_CONFIG", raising=False)
    assert load_settings() == Settings()


def test_user_file_overrides_a_subset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_DB", raising=False)
    cfg = tmp_path / "s.toml"
    cfg.write_text('model = "blank"\nbatch_size = 8\n')
    settings = load_settings(cfg)
    assert (settings.model, settings.batch_size, settings.db) == ("blank", 8, "storyline.db")


def test_env_db_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "x.db"))
    assert load_settings().db == str(tmp_path / "x.db")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("modle = 'blank'", "unknown setting 'modle'; valid settings are batch_size"),
        ("batch_size = 0", "setting 'batch_size' is 0; it takes a whole number"),
        ("batch_size = 'big'", "setting 'batch_size' is 'big'"),
        ("near_duplicate_threshold = 2", "a number between 0.5 and 1.0"),
        ("model = ''", "setting 'model' is empty"),
        ("model = [", "not valid TOML"),
    ],
)
def test_bad_settings_name_key_and_valid_values(tmp_path: Path, body: str, message: str) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text(body)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_settings(cfg)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.toml")
