"""The installed PySide6 keeps Python's reference counts right.

PySide6 6.12.0 dropped a reference to ``None`` on every void Qt call under CPython 3.11
(where ``None`` is not immortal): the interpreter aborted after a few thousand calls, less than
one HSE round of answers. pyproject.toml excludes that release; this test keeps it out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label, rect = QLabel(), QRectF()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
        label.setEnabled(True)
        rect.setWidth(1.0)
    print(before - sys.getrefcount(None))
""")


def test_void_qt_calls_do_not_lose_references_to_none() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lost = int(done.stdout.strip().splitlines()[-1])
    assert lost < 100, f"{lost} references to None lost in 3,000 Qt calls"
