"""Client-side request budgets: the :class:`RateLimiter` protocol and the in-process limiter.

The API answers 429 above about 100 requests per user per minute. A limiter makes each
request start wait until the budget allows it, so that a bulk job (or a fleet of workers,
with :class:`astravue_async.redis.RedisRateLimiter`) stays under the API's limit instead of
collecting 429s. The API's own 429 and ``Retry-After`` are still honoured on top of it.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
import threading
import time
import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Final, Protocol, runtime_checkable

__all__ = ["LocalRateLimiter", "RateLimiter", "parse_limit"]


@runtime_checkable
class RateLimiter(Protocol):
    """What ``AstravueClient(rate_limit=...)`` accepts: anything with this one method.

    The client awaits :meth:`acquire` once before every HTTP attempt it sends (retries and
    the replay after a 401 included), inside the call's ``timeout``: a limiter that makes a
    call wait past its deadline ends that call with :class:`~astravue_async.APITimeoutError`
    (nothing sent). Implement it to plug in any shared budget of your own.
    """

    async def acquire(self) -> None:
        """Return when one more request may start; wait (never fail) while over budget.

        It may be cancelled at any moment (the call's deadline, the caller): it must then
        leave the budget as if it had not been called, or err on the side of having taken
        a slot.
        """
        ...


_UNIT_SECONDS: Final = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
# "100/minute", "100 per minute", "20/2 seconds", "20 per 2 seconds": the subset of the
# `limits` library's notation that makes sense for an API budget.
_LIMIT_RE: Final = re.compile(
    r"\s*(?P<amount>\d+)\s*(?:/|\s+per\s+)\s*(?:(?P<multiple>\d+)\s*)?"
    r"(?P<unit>second|minute|hour|day)s?\s*",
    re.IGNORECASE,
)


def parse_limit(limit: str) -> tuple[int, int]:
    """Parse ``"N/unit"`` or ``"N per M units"`` into (requests, period in seconds).

    Units: ``second``, ``minute``, ``hour``, ``day`` (plural allowed, case ignored). ``N``
    and ``M`` are whole numbers >= 1, e.g. ``"100/minute"``, ``"20 per 2 seconds"``.

    One grammar of our own rather than ``limits.parse``, so that a limit means the same
    with or without the optional ``limits`` package (``limits.parse`` accepts ``0/minute``,
    which would never admit a request, and reads ``10/0 seconds`` as 10 per second).

    Args:
        limit: The limit, e.g. ``"100/minute"``.

    Returns:
        ``(requests, period)``: how many request starts, in how many seconds.

    Raises:
        TypeError: ``limit`` is not a str.
        ValueError: It does not follow this grammar, or a number is 0.
    """
    if not isinstance(limit, str):
        raise TypeError(f"a rate limit must be a str like '100/minute', not {type(limit).__name__}")
    match = _LIMIT_RE.fullmatch(limit)
    if match is None:
        raise ValueError(
            f"cannot parse rate limit {limit!r}: expected 'N/unit' or 'N per M units' with "
            "unit one of second, minute, hour, day (e.g. '100/minute', '20 per 2 seconds')"
        )
    amount = int(match["amount"])
    multiple = int(match["multiple"] or 1)
    if amount < 1 or multiple < 1:
        raise ValueError(f"rate limit {limit!r}: the request count and period must be >= 1")
    return amount, multiple * _UNIT_SECONDS[match["unit"].lower()]


def _budget(limit: object) -> tuple[int, float]:
    """(requests, window seconds) for a ``"N/unit"`` string or a requests-per-second number."""
    if isinstance(limit, str):
        return parse_limit(limit)
    if isinstance(limit, bool) or not isinstance(limit, int | float):
        raise TypeError(
            "rate limit must be a str like '100/minute' or a number of requests per second, "
            f"not {type(limit).__name__}"
        )
    if not (math.isfinite(limit) and limit > 0):
        raise ValueError(f"requests per second must be a finite number > 0, got {limit!r}")
    return 1, 1.0 / limit


# Limiters whose thread lock a forked child must replace: a fork while another thread held
# it would leave the child's copy locked for good.
_LIMITERS: weakref.WeakSet[LocalRateLimiter] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for limiter in list(_LIMITERS):
        limiter._mutex = threading.Lock()
        limiter._waiters = weakref.WeakKeyDictionary()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_after_fork_in_child)


class LocalRateLimiter:
    """An in-process request budget: at most ``N`` request starts in any ``W``-second span.

    It holds only this process's budget: give every client of the process the same
    instance to share it among them (it works across event loops and threads, so several
    :class:`~astravue_async.sync.AstravueSyncClient` may share one too), and use
    :class:`~astravue_async.redis.RedisRateLimiter` to share a budget between processes
    or hosts. A forked child starts with a copy of the parent's recent starts.

    Waiting callers are served first come, first served within an event loop. A caller
    cancelled while waiting (its deadline passed) takes nothing from the budget.

    Args:
        limit: ``"N/unit"`` or ``"N per M units"`` (unit: second, minute, hour, day), e.g.
            ``"100/minute"``: up to 100 requests start at once, then each further one
            waits until fewer than 100 started in the last 60 s (a moving window, so no
            burst at a window boundary can double the rate). Or a number ``r`` of requests
            per second: one start every ``1/r`` s, no bursts (what
            ``requests_per_second=r`` does).
        clock: Monotonic seconds (for tests).
        sleep: The coroutine waited on (for tests).

    Raises:
        TypeError: ``limit`` is neither a str nor a number.
        ValueError: An unparsable string, a count or period of 0, or a rate <= 0.
    """

    def __init__(
        self,
        limit: str | float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._amount, self._window = _budget(limit)
        self._limit = limit
        self._clock = clock
        self._sleep = sleep
        # The start times of the last `amount` requests; a thread lock, never held across
        # an await, so the limiter belongs to no event loop.
        self._starts: deque[float] = deque()
        self._mutex = threading.Lock()
        # One FIFO queue per event loop (an asyncio.Lock is bound to the loop it waits in).
        self._waiters: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        _LIMITERS.add(self)

    def __repr__(self) -> str:
        return f"LocalRateLimiter({self._limit!r})"

    @property
    def amount(self) -> int:
        """Requests allowed per window."""
        return self._amount

    @property
    def window(self) -> float:
        """The window, in seconds."""
        return self._window

    def _queue(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._mutex:
            lock = self._waiters.get(loop)
            if lock is None:
                lock = self._waiters[loop] = asyncio.Lock()
            return lock

    def _take(self) -> float:
        """Take a slot now and return 0, or return the seconds until one frees up."""
        with self._mutex:
            now = self._clock()
            starts = self._starts
            # A nanosecond's tolerance: a sleep of exactly the returned delay must free the
            # slot, whatever the float rounding of `now` after it.
            while starts and starts[0] <= now - self._window + 1e-9:
                starts.popleft()
            if len(starts) < self._amount:
                starts.append(now)
                return 0.0
            return starts[0] + self._window - now

    async def acquire(self) -> None:
        """Return when one more request may start (see the class docstring)."""
        # Only the head of the queue looks at the budget, and it takes nothing before it
        # starts: a waiter cancelled by its deadline leaves no reservation behind that
        # would push every later caller back.
        async with self._queue():
            while (delay := self._take()) > 0:
                await self._sleep(delay)
