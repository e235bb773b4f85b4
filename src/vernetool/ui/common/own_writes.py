"""A screen's own writes in flight, so it can ignore the change notices they cause.

A screen that shows its own edit at once (the walk's answer, a saved template) does not
want to reload when the notice of that same edit arrives; notices of anyone else's writes
still refresh it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class OwnWrites:
    def __init__(self) -> None:
        self.count = 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        """Around one of the screen's own writes (nested use counts)."""
        self.count += 1
        try:
            yield
        finally:
            self.count -= 1

    def __bool__(self) -> bool:
        return self.count > 0
