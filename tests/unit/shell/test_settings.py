"""Settings: typed keys with defaults, remembered across restarts, robust to a broken file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vernetool.settings import Settings


def test_defaults_then_remembered(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    first = Settings(path)
    assert first.language == "nb"
    first.set("language", "en")
    first.set("user_name", "Kari Nordmann")
    again = Settings(path)
    assert again.language == "en"
    assert again.user_name == "Kari Nordmann"


def test_wrong_types_and_unknown_values_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "de", "user_name": 42, "surprise": True}))
    settings = Settings(path)
    assert settings.language == "nb"
    assert settings.user_name  # the login name, not 42


def test_a_broken_file_is_ignored_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert Settings(path).language == "nb"


def test_setting_a_wrong_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        Settings(tmp_path / "s.json").set("language", 1)


def test_data_dir_setting_moves_the_database(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.json")
    settings.set("data_dir", str(tmp_path / "elsewhere"))
    assert settings.database_path() == tmp_path / "elsewhere" / "vernetool.sqlite"
