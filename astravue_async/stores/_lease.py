"""The lease of a store whose lock cannot expire (memory, file): its own load and save."""

from __future__ import annotations

from typing import Protocol

from astravue_async.auth._token import OAuth2Token

__all__ = ["StoreLease"]


class _LoadsAndSaves(Protocol):
    async def load(self) -> OAuth2Token | None: ...

    async def save(self, token: OAuth2Token) -> None: ...


class StoreLease:
    """Reads and writes through the store itself, so a subclass's load/save apply.

    A lock held in this process, or an OS file lock, cannot expire under its holder, so a
    save is never refused as :class:`~astravue_async.LeaseLostError`.
    """

    def __init__(self, store: _LoadsAndSaves) -> None:
        self._store = store

    def __repr__(self) -> str:
        return f"<lease on {self._store!r}>"

    async def load(self) -> OAuth2Token | None:
        return await self._store.load()

    async def save(self, token: OAuth2Token) -> None:
        await self._store.save(token)
