"""The About box's words: what vernetool does today, nothing it does not do yet."""

from __future__ import annotations

from pathlib import Path

from vernetool import __version__
from vernetool.i18n import tr


def about_text(db_path: Path | str) -> str:
    return tr("vernetool {version}\n\nHSE rounds with checklists, the deviation log with "
              "statistics, and the rooms and people they concern, for safety "
              "representatives and room responsibles. Works without a network.\n\n"
              "Database: {path}").format(version=__version__, path=db_path)
