"""Logging: a size-rotated log file in the data dir.

The handler is a small FileHandler subclass rather than ``logging.handlers``, which imports
socket and pickle (~9 ms) on the way to the first painted window.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUPS = 5


class RotatingLogFile(logging.FileHandler):
    """Appends to ``vernetool.log``; past ``max_bytes`` it becomes ``.1`` (… up to ``.N``)."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._too_big(record):
                self._rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _too_big(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, os.SEEK_END)
        return bool(self.stream.tell() + len(self.format(record)) + 1 > self.max_bytes)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        for index in range(self.backups - 1, 0, -1):
            older = f"{base}.{index}"
            if os.path.exists(older):
                os.replace(older, f"{base}.{index + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")


def configure(log_dir: Path, *, verbose: bool = False) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "vernetool.log"
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if isinstance(handler, RotatingLogFile):
            root.removeHandler(handler)
            handler.close()
    file_handler = RotatingLogFile(log_file)
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(file_handler)
    return log_file
