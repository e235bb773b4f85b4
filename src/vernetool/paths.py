"""Where vernetool keeps its files: the user data dir, the config dir and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from vernetool import APP_NAME


def _home() -> Path:
    return Path.home()


def data_dir() -> Path:
    """The folder holding the database, attachments, backups and logs.

    ``VERNETOOL_DATA_DIR`` overrides it (tests and portable installs use this).
    """
    override = os.environ.get("VERNETOOL_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or _home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = _home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share")
    return base / APP_NAME


def config_dir() -> Path:
    """The folder holding ``settings.json``; ``VERNETOOL_CONFIG_DIR`` overrides it."""
    override = os.environ.get("VERNETOOL_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return data_dir()
    if sys.platform == "darwin":
        return _home() / "Library" / "Preferences" / APP_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / APP_NAME


def default_database_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / "vernetool.sqlite"


def resources_dir() -> Path:
    """Bundled resources, both from a source checkout and inside a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
