"""When to try a bundle again: exponential back-off with jitter, honouring ``Retry-After``.

Pure: the random source is a parameter (``rand() -> [0, 1)``), so a test can fix it. Full
jitter (AWS Architecture Blog, "Exponential Backoff And Jitter") spreads many laptops that
lost the same server over the whole window instead of letting them return together;
decorrelated jitter grows from the previous delay instead of the attempt number.
"""

from __future__ import annotations

import random
from collections.abc import Callable

BASE = 30.0  # seconds before the first background re-try (at most)
CAP = 3600.0  # a background re-try at least once an hour, however long the target was away
FLOOR = 1.0  # never a tight loop
# A Retry-After is honoured up to a day: a server that asks for a week is wrong about itself.
RETRY_AFTER_CEILING = 86400.0

Random = Callable[[], float]


def exponential(attempts: int, *, base: float = BASE, cap: float = CAP) -> float:
    """The window for attempt ``attempts`` (1 = the first re-try): base·2^(n-1), capped."""
    n = max(1, attempts)
    if n > 64:  # 2**64 · base is past any cap; keep the float finite
        return cap
    return float(min(cap, base * 2 ** (n - 1)))


def full_jitter(attempts: int, *, base: float = BASE, cap: float = CAP,
                rand: Random = random.random, floor: float = FLOOR) -> float:
    """A delay drawn evenly from [floor, window], the window growing with ``attempts``."""
    window = exponential(attempts, base=base, cap=cap)
    return max(min(floor, window), rand() * window)


def decorrelated_jitter(previous: float | None, *, base: float = BASE, cap: float = CAP,
                        rand: Random = random.random) -> float:
    """A delay drawn from [base, 3·previous], capped (``previous`` None: the first re-try)."""
    last = base if previous is None else max(base, previous)
    return min(cap, base + rand() * (3 * last - base))


def next_delay(attempts: int, *, retry_after: float | None = None, base: float = BASE,
               cap: float = CAP, previous: float | None = None, decorrelated: bool = False,
               rand: Random = random.random) -> float:
    """Seconds until the next try after ``attempts`` failed tries.

    Full jitter unless ``decorrelated`` (then ``previous`` is the last delay). A
    ``retry_after`` the target sent (seconds; the transport parses an HTTP date) is a
    minimum: never sooner than the server asked, though up to a day at most.
    """
    if decorrelated:
        delay = decorrelated_jitter(previous, base=base, cap=cap, rand=rand)
    else:
        delay = full_jitter(attempts, base=base, cap=cap, rand=rand)
    if retry_after is not None and retry_after > 0:
        delay = max(delay, min(retry_after, RETRY_AFTER_CEILING))
    return delay
