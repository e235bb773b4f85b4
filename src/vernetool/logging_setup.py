"""Logging: a size-rotated log file in the data dir, for the window (``configure``) and for
a command while it runs (``command_log``).

The handler is a small FileHandler subclass rather than ``logging.handlers``, which imports
socket and pickle (~9 ms) on the way to the first painted window.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def command_log(log_dir: Path, *, verbose: bool = False) -> Iterator[Path | None]:
    """Send the log to ``log_dir/vernetool.log`` while a command runs, then detach again (so
    a command run in-process, as tests do, leaves logging as it found it).

    Yields the log file, or None when the folder cannot be written (the command still runs).
    """
    log_file = log_dir / "vernetool.log"
    root = logging.getLogger()
    level = root.level
    present = any(isinstance(h, RotatingLogFile) and Path(h.baseFilename) == log_file.absolute()
                  for h in root.handlers)
    handler: RotatingLogFile | None = None
    if not present:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            with log_file.open("a", encoding="utf-8"):
                pass
        except OSError:
            yield None
            return
        handler = RotatingLogFile(log_file)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else min(level or logging.INFO, logging.INFO))
    try:
        yield log_file
    finally:
        root.setLevel(level)
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
