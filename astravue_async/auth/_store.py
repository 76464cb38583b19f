"""The :class:`TokenStore` protocol: where a :class:`TokenManager` keeps the latest token.

With rotating refresh tokens the newest refresh token may be the only valid one, so the
manager saves every new token to its store; the implementations live in
:mod:`astravue_async.stores`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from astravue_async.auth._token import OAuth2Token


@runtime_checkable
class TokenStore(Protocol):
    """Where a :class:`TokenManager` keeps the latest token, e.g. across processes."""

    async def load(self) -> OAuth2Token | None:
        """The stored token, or None if there is none."""
        ...

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token``, replacing any previous one."""
        ...

    async def clear(self) -> None:
        """Forget the stored token (a no-op if there is none)."""
        ...
