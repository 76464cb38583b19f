"""An in-memory :class:`~astravue_async.auth.TokenStore` for tests and short scripts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from astravue_async.auth._token import OAuth2Token
from astravue_async.stores._lease import StoreLease


class MemoryTokenStore:
    """A :class:`TokenStore` that lives as long as the object (tests, short scripts).

    :meth:`lock` makes refreshes single-flight across every
    :class:`~astravue_async.auth.TokenManager` (every client) sharing this store object in one
    process; it cannot reach other processes.
    """

    def __init__(self, token: OAuth2Token | None = None) -> None:
        self._token = token
        # Created on first use: an asyncio.Lock binds to the loop it is first awaited on,
        # and a store may be made before any loop runs.
        self._refresh_lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None

    def __repr__(self) -> str:
        return f"MemoryTokenStore(token={self._token!r})"

    async def load(self) -> OAuth2Token | None:
        return self._token

    async def save(self, token: OAuth2Token) -> None:
        if not isinstance(token, OAuth2Token):
            raise TypeError("token must be an OAuth2Token")
        self._token = token

    async def clear(self) -> None:
        self._token = None

    def lock(self) -> AbstractAsyncContextManager[StoreLease]:
        """Wait for this store's refresh lock (an :class:`asyncio.Lock`) and hold it.

        Never times out: the holder is a refresh in this same process, itself bounded.
        """
        return self._locked()

    @asynccontextmanager
    async def _locked(self) -> AsyncIterator[StoreLease]:
        loop = asyncio.get_running_loop()
        if self._refresh_lock is None or self._lock_loop is not loop:
            # A lock tied to a loop that has since gone (asyncio.run per call, a test's own
            # loop) could never be acquired on this one; nothing on the old loop holds it.
            self._refresh_lock = asyncio.Lock()
            self._lock_loop = loop
        async with self._refresh_lock:
            yield StoreLease(self)
