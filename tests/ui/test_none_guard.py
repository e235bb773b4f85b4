"""PySide6 builds that drop references to None must not abort the app after many Qt calls."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

# 200,000 void Qt calls: far more than the ~10,000 references None has at start-up.
SCRIPT = textwrap.dedent("""
    import sys
    import vernetool.ui  # installs the guard
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainterPath
    path = QPainterPath()
    rect = QRectF(0, 0, 1, 1)
    for _ in range(200_000):
        path.addRect(rect)
        rect.setWidth(1.0)
    print("survived", sys.getrefcount(None) > 0)
""")


def test_many_void_qt_calls_do_not_abort_the_interpreter() -> None:
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(root / "src"), str(root)]))
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived True" in done.stdout


def test_guard_reports_what_it_did() -> None:
    from vernetool.ui import none_guard

    installed = none_guard.install()  # idempotent
    if sys.version_info >= (3, 12):
        assert installed is False
    if installed:
        assert sys.getrefcount(None) > none_guard.BOOST
