"""The log file: written, rotated by size, never more than the configured backups."""

from __future__ import annotations

import logging
from pathlib import Path

from vernetool.logging_setup import RotatingLogFile, configure


def test_log_file_rotates_and_keeps_a_bounded_number_of_backups(tmp_path: Path) -> None:
    handler = RotatingLogFile(tmp_path / "v.log", max_bytes=200, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("test.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for n in range(30):
            logger.warning("line %02d %s", n, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["v.log", "v.log.1", "v.log.2"]
    assert all(p.stat().st_size <= 200 for p in tmp_path.iterdir())
    assert "line 29" in (tmp_path / "v.log").read_text()


def test_configure_writes_to_the_log_folder_once(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        configure(tmp_path)
        path = configure(tmp_path)  # again: still one handler of ours
        ours = [h for h in root.handlers if isinstance(h, RotatingLogFile)]
        assert len(ours) == 1
        logging.getLogger("vernetool.test").error("something to remember: æøå")
        ours[0].flush()
        assert "something to remember: æøå" in path.read_text(encoding="utf-8")
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
