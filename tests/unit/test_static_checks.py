"""Lint and types are part of the suite: ruff over everything, mypy --strict over all of
src/vernetool, the Qt user interface included (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    done = _run(str(BIN / "ruff"), "check", "src", "tests", "scripts", "benchmarks")
    assert done.returncode == 0, done.stdout[-4000:]


def test_mypy_strict_on_everything() -> None:
    done = _run(str(BIN / "mypy"))
    assert done.returncode == 0, done.stdout[-4000:]
