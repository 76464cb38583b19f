"""The :class:`TokenStore` protocol: where the latest token lives, shared by every worker.

With rotating refresh tokens the newest refresh token may be the only valid one. When several
workers (threads, processes, hosts) use one login, the store is the source of truth: a worker
about to refresh takes the store's lock, re-reads the stored token, and adopts it if another
worker has already rotated it; only otherwise does it refresh, save, and release. So one
refresh happens per expiry across all workers, and nobody presents a rotated-away refresh
token (which Keycloak may answer by revoking the whole session). The implementations live in
:mod:`astravue_async.stores` (memory, JSON file) and :mod:`astravue_async.redis`.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Protocol, runtime_checkable

from astravue_async.auth._token import OAuth2Token

__all__ = ["TokenLease", "TokenStore"]


@runtime_checkable
class TokenLease(Protocol):
    """The right to refresh, held by one worker at a time (see :meth:`TokenStore.lock`).

    Reads and writes made through the lease see and replace the token under the lock.
    """

    async def load(self) -> OAuth2Token | None:
        """The stored token as it is now, or None if there is none."""
        ...

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token`` while the lease is still ours.

        Raises:
            LeaseLostError: The lease expired (e.g. a Redis lease ran out during a slow refresh) and
                another worker may have stored a newer token; nothing was written.
            TokenStoreError: The store could not be written.
        """
        ...


@runtime_checkable
class TokenStore(Protocol):
    """Where a :class:`TokenManager` keeps the latest token, shared across workers.

    ``load``/``save``/``clear`` read and replace the token. ``lock()`` makes refreshes
    single-flight across every worker sharing the store: an async context manager that waits
    for the store's lock and yields a :class:`TokenLease`. A store written before ``lock()``
    existed (only the three methods) still works, without that cross-worker exclusion: each
    process then refreshes on its own, which rotating refresh tokens do not survive.

    Every method raises :class:`~astravue_async.TokenStoreError` (never with a token in its
    message) when the store cannot be used, e.g. Redis is down or the lock was not obtained
    in time.
    """

    async def load(self) -> OAuth2Token | None:
        """The stored token, or None if there is none."""
        ...

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token``, replacing any previous one."""
        ...

    async def clear(self) -> None:
        """Forget the stored token (a no-op if there is none)."""
        ...

    def lock(self) -> AbstractAsyncContextManager[TokenLease]:
        """Wait for the store's refresh lock; the lease is held until the block ends.

        Raises:
            TokenStoreError: The lock was not obtained in time, or the store is down.
        """
        ...
