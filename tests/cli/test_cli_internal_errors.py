"""A bug in a command: one line on stderr naming the log file, the traceback only in the log
(vernetool.logging_setup, data dir ``logs/``), exit code 1 as for any failure."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vernetool.cli import main
from vernetool.db.migrations import open_store
from vernetool.logging_setup import RotatingLogFile
from vernetool.services.statistics.year import StatisticsService


def _broken(*_args: object, **_kwargs: object) -> object:
    raise RuntimeError("a bug the tests planted: 42 is not a year")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("VERNETOOL_DATA_DIR", str(folder))
    return folder


def test_a_bug_prints_one_line_and_logs_the_traceback(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.sqlite"
    open_store(db).close()
    monkeypatch.setattr(StatisticsService, "year", _broken)
    handlers_before = list(logging.getLogger().handlers)
    assert main(["stats", "--db", str(db), "--year", "2024"]) == 1
    out, err = capsys.readouterr()
    log_file = data_dir / "logs" / "vernetool.log"
    assert out == ""
    assert err == f"vernetool: internal error (details in {log_file})\n"
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: a bug the tests planted: 42 is not a year" in logged
    assert "command stats failed" in logged
    # the command detached its log handler again: in-process callers keep their logging
    assert logging.getLogger().handlers == handlers_before
    assert not any(isinstance(h, RotatingLogFile) for h in logging.getLogger().handlers)


def test_the_line_follows_the_language(tmp_path: Path, data_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.sqlite"
    open_store(db).close()
    monkeypatch.setattr(StatisticsService, "year", _broken)
    assert main(["stats", "--db", str(db), "--year", "2024", "--lang", "nb"]) == 1
    log_file = data_dir / "logs" / "vernetool.log"
    assert capsys.readouterr().err == f"vernetool: intern feil (detaljer i {log_file})\n"


def test_a_handled_error_is_logged_without_a_traceback(
        tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(tmp_path / "nope.sqlite"), "--year", "2024"]) == 1
    assert capsys.readouterr().err.startswith("vernetool: no database at")
    logged = (data_dir / "logs" / "vernetool.log").read_text(encoding="utf-8")
    assert "no database at" in logged and "Traceback" not in logged


def test_without_a_writable_log_folder_the_line_still_has_no_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("VERNETOOL_DATA_DIR", str(blocker))
    db = tmp_path / "db.sqlite"
    open_store(db).close()
    monkeypatch.setattr(StatisticsService, "year", _broken)
    assert main(["stats", "--db", str(db), "--year", "2024"]) == 1
    err = capsys.readouterr().err
    assert err == ("vernetool: internal error: RuntimeError: a bug the tests planted: 42 is "
                   "not a year\n")


PLANT_A_BUG = """
import sys
from vernetool.cli import main
from vernetool.services.statistics.year import StatisticsService
def broken(*args, **kwargs):
    raise RuntimeError("planted")
StatisticsService.year = broken
sys.exit(main(sys.argv[1:]))
"""


def test_a_bug_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    """As a user's shell sees it: no logging handler of pytest's in the way."""
    db = tmp_path / "db.sqlite"
    open_store(db).close()
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VERNETOOL_DATA_DIR": str(data)}
    done = subprocess.run([sys.executable, "-c", PLANT_A_BUG, "stats", "--db", str(db),
                           "--year", "2024"], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)
    log_file = data / "logs" / "vernetool.log"
    assert done.returncode == 1
    assert done.stderr == f"vernetool: internal error (details in {log_file})\n"
    assert "Traceback" in log_file.read_text(encoding="utf-8")
