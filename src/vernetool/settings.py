"""User settings: typed keys with defaults in one table, stored as JSON in the config dir.

Plain JSON rather than QSettings so the command line and the services can read the same
settings without Qt; written atomically so a crash never leaves a broken file.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vernetool import paths

log = logging.getLogger(__name__)

LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    description: str


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): fall back to a neutral name
        return "user"


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("language", str, "nb", "User interface language (nb or en)"),
        SettingSpec("data_dir", str, "", "Folder for the database and attachments ('' = default)"),
        SettingSpec("user_name", str, "", "Name recorded in the audit trail ('' = login name)"),
        SettingSpec("name_asked", bool, False, "The first start asked for the name already"),
        SettingSpec("window_geometry", str, "", "Main window geometry (base64)"),
        SettingSpec("last_area", str, "rooms", "The area shown when the window last closed"),
        SettingSpec("annual_unit", str, "", "The unit last shown in Annual reporting (its code)"),
    )
}


class Settings:
    """Reads and writes ``settings.json``; unknown or mistyped values fall back to defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / "settings.json"
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings file %s: %s", self.path, exc)
            return
        if not isinstance(raw, dict):
            return
        for key, value in raw.items():
            spec = SPECS.get(key)
            if spec is not None and isinstance(value, spec.type):
                self._values[key] = value

    def get(self, key: str) -> Any:
        value = self._values.get(key, SPECS[key].default)
        if key == "language" and value not in LANGUAGES:
            return SPECS[key].default
        return value

    def set(self, key: str, value: Any) -> None:
        spec = SPECS[key]
        if not isinstance(value, spec.type):
            raise TypeError(f"setting {key!r} must be {spec.type.__name__}")
        self._values[key] = value
        self._save()

    @property
    def language(self) -> str:
        return str(self.get("language"))

    @property
    def user_name(self) -> str:
        return str(self.get("user_name")) or _default_user()

    def database_path(self) -> Path:
        folder = str(self.get("data_dir"))
        return paths.default_database_path(Path(folder) if folder else None)

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._values, fh, ensure_ascii=False, indent=2, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
