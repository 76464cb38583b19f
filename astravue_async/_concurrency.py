"""``max_concurrency``: a first-come-first-served cap on requests in flight.

Every client has one (by default as large as its connection pool), so its uncontended path
is on every request: :meth:`ConcurrencyLimit.try_acquire` takes a slot with a plain call,
and only a request that finds none free awaits :meth:`ConcurrencyLimit.acquire`.
``asyncio.Semaphore`` needs a coroutine even when a slot is free.

Waiters are served in arrival order, and a freed slot goes straight to the oldest waiter, so
a request that just finished cannot overtake the ones queued behind it (aiohttp's own pool
does let it, which starves queued requests into their connect timeout under load).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

__all__ = ["ConcurrencyLimit"]


class ConcurrencyLimit:
    """At most ``limit`` holders at once; the others wait in order.

    One instance belongs to one event loop (the transport's).
    """

    __slots__ = ("_value", "_waiters")

    def __init__(self, limit: int) -> None:
        self._value = limit  # free slots
        self._waiters: deque[asyncio.Future[None]] = deque()

    def try_acquire(self) -> bool:
        """Take a free slot now if there is one and nobody is queued for it."""
        if self._value > 0 and not self._waiters:
            self._value -= 1
            return True
        return False

    async def acquire(self) -> None:
        """Take a slot, waiting in line for one if none is free."""
        if self.try_acquire():
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled():
                # Handed a slot by release() but cancelled before it could run: pass it on.
                self.release()
            else:
                with contextlib.suppress(ValueError):
                    self._waiters.remove(waiter)
            raise

    def release(self) -> None:
        """Give a slot back: to the oldest waiter still waiting, else to the free count."""
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._value += 1
