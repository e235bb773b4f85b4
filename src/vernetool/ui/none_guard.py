"""Keep CPython 3.11 alive under PySide6 builds that return ``None`` without a reference.

PySide6 6.12 (built for CPython ≥ 3.12, where ``None`` is immortal) drops one reference to
``None`` on every call of a C++ method that returns ``void``. On CPython 3.11 the count of
``None`` reaches zero after a few thousand such calls and the interpreter aborts with "Fatal
Python error: none_dealloc" — about 900 answers into a walk. Where the leak is measured, the
count is raised far out of reach (what 3.12 does by making ``None`` immortal). Nothing happens
on CPython ≥ 3.12, on other interpreters, or with a PySide6 that does not leak.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

BOOST = 1 << 40   # leaking 10,000 references a second, this lasts three years
_PROBES = 32


def leaks_none() -> bool:
    """Whether calling a void Qt method loses a reference to ``None``."""
    from PySide6.QtCore import QRectF

    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        rect.setWidth(1.0)
    return sys.getrefcount(None) <= before - _PROBES // 2


def install() -> bool:
    """Raise the reference count of ``None`` when this PySide6 leaks it; True when raised."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if hasattr(sys, "getobjects"):  # a Py_TRACE_REFS build lays objects out differently
        return False
    if not leaks_none():
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < BOOST:
        count.value += BOOST
        log.warning("PySide6 leaks references to None on this Python; raised its count")
    return True
