"""An in-memory :class:`~astravue_async.auth.TokenStore` for tests and short scripts."""

from __future__ import annotations

from astravue_async.auth._token import OAuth2Token


class MemoryTokenStore:
    """A :class:`TokenStore` that lives as long as the object (tests, short scripts)."""

    def __init__(self, token: OAuth2Token | None = None) -> None:
        self._token = token

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
