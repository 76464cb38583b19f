"""TokenManager.usable_access_token: the transport's no-await path agrees with
get_access_token, and steps aside whenever get_access_token would have to do anything."""

from __future__ import annotations

from datetime import timedelta

import pytest

from astravue_async import AuthenticationError, OAuth2Token
from astravue_async.auth import TokenManager, utcnow


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def manager(token: OAuth2Token, clock: Clock, refreshed: list[str]) -> TokenManager:
    async def refresher(refresh_token: str) -> OAuth2Token:
        refreshed.append(refresh_token)
        return OAuth2Token(
            access_token=f"fresh-{len(refreshed)}",
            refresh_token="rotated",
            expires_at=utcnow() + timedelta(minutes=30),
        )

    return TokenManager(token, refresher=refresher, clock=clock, skew=60)


async def test_a_valid_token_is_handed_out_without_waiting() -> None:
    refreshed: list[str] = []
    token = OAuth2Token("access", refresh_token="r", expires_at=utcnow() + timedelta(hours=1))
    tokens = manager(token, Clock(), refreshed)
    assert tokens.usable_access_token() == "access"
    assert await tokens.get_access_token() == "access"
    assert refreshed == []


async def test_a_static_token_is_handed_out_even_when_expired() -> None:
    expired = OAuth2Token("static", expires_at=utcnow() - timedelta(hours=1))
    tokens = TokenManager(expired, refresher=None)
    assert tokens.usable_access_token() == "static"
    assert await tokens.get_access_token() == "static"


async def test_a_token_due_for_refresh_is_left_to_get_access_token() -> None:
    refreshed: list[str] = []
    clock = Clock()
    token = OAuth2Token("old", refresh_token="r", expires_at=utcnow() + timedelta(minutes=30))
    tokens = manager(token, clock, refreshed)
    assert tokens.usable_access_token() == "old"
    clock.now += 30 * 60 - 59  # within the 60 s skew of expiry
    assert tokens.usable_access_token() is None
    assert await tokens.get_access_token() == "fresh-1"
    assert tokens.usable_access_token() == "fresh-1"
    assert refreshed == ["r"]


async def test_a_failed_manager_is_left_to_get_access_token() -> None:
    token = OAuth2Token("old", refresh_token="r", expires_at=utcnow() - timedelta(minutes=1))

    async def refused(refresh_token: str) -> OAuth2Token:
        raise AuthenticationError("invalid_grant", status=400)

    tokens = TokenManager(token, refresher=refused)
    with pytest.raises(AuthenticationError):
        await tokens.get_access_token()
    assert tokens.usable_access_token() is None
    with pytest.raises(AuthenticationError):
        await tokens.get_access_token()
