"""Token storms: many concurrent calls meeting one expired token.

However many calls need a new token at once, the token endpoint sees one refresh (the refresh
token rotates, so a second concurrent refresh would log the user out). A token endpoint that
fails transiently is retried with backoff; one that keeps failing, or a revoked refresh token,
gives every waiting call one clear error instead of a hang.

FakeAstravue never injects faults into its token endpoint, so the flaky endpoint here is a
small aiohttp proxy of our own (``TokenProxy``): it answers 503 as scripted, then forwards
to the fake's, which still validates and rotates the refresh token.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import attrs
import pytest
from yarl import URL

from astravue_async import AstravueClient, AuthenticationError, InternalServerError
from astravue_async.auth import utcnow
from astravue_async.testing import FakeAstravue

from ._support import SCALE, SUMMARY, FakeSleep, TokenProxy

STORM = 1000 * SCALE
TOKEN_LIFETIME = 1800
NO_HANG = 60.0  # seconds; far beyond any backoff, only there to turn a hang into a failure


async def storm(client: AstravueClient, task_id: int, calls: int) -> list[Any]:
    """``calls`` concurrent gets; results or exceptions, in order. Fails instead of hanging."""
    gets = (client.tasks.get(task_id) for _ in range(calls))
    return await asyncio.wait_for(asyncio.gather(*gets, return_exceptions=True), NO_HANG)


def unauthorized(fake: FakeAstravue) -> int:
    return sum(1 for entry in fake.request_log if entry.status == 401)


def assert_all_tasks(results: list[Any], task_id: int) -> None:
    failures = [r for r in results if isinstance(r, BaseException)]
    assert not failures, f"{len(failures)} of {len(results)} calls failed, e.g. {failures[0]!r}"
    assert {r.task_id for r in results} == {task_id}


async def test_storm_across_server_side_expiry_refreshes_once(
    fake: FakeAstravue, fake_sleep: FakeSleep
) -> None:
    client = fake_sleep.install(fake.client())
    task = await client.tasks.create(task_title="storm")
    fake.advance(TOKEN_LIFETIME + 1)  # the API now answers 401 to the token the client holds
    SUMMARY.faults += 1

    results = await storm(client, task.task_id, STORM)

    assert_all_tasks(results, task.task_id)
    assert fake.token_grants == {"refresh_token": 1}
    # Requests already sent with the old token got a 401 and were replayed once, after the
    # one shared refresh; that replay is not a retry (no backoff).
    assert 1 <= unauthorized(fake) <= STORM
    assert fake.requests["get_task"] == STORM + unauthorized(fake)
    assert fake_sleep.delays == []


async def test_storm_across_client_side_expiry_refreshes_once_before_sending(
    fake: FakeAstravue, fake_sleep: FakeSleep
) -> None:
    expired = attrs.evolve(fake.issue_token(), expires_at=utcnow() - timedelta(seconds=1))
    client = fake_sleep.install(fake.client(token=expired))
    async with fake.client() as seeder:
        task_id = (await seeder.tasks.create(task_title="storm")).task_id

    results = await storm(client, task_id, STORM)

    assert_all_tasks(results, task_id)
    assert fake.token_grants == {"refresh_token": 1}
    # The refresh happened before any request: none went out with the expiring token.
    assert unauthorized(fake) == 0
    assert client.token.access_token != expired.access_token


async def test_transiently_failing_token_endpoint_is_retried_with_backoff(
    fake: FakeAstravue, fake_sleep: FakeSleep
) -> None:
    async with TokenProxy(fake, failures=2).running() as endpoint:
        client = fake_sleep.install(fake.client(token_url=endpoint.url))
        task = await client.tasks.create(task_title="storm")
        fake.advance(TOKEN_LIFETIME + 1)

        results = await storm(client, task.task_id, STORM // 10)

    assert_all_tasks(results, task.task_id)
    # Two 503s and one success, shared by every waiting call: not one refresh per call.
    assert len(endpoint.arrivals) == 3
    assert fake.token_grants == {"refresh_token": 1}
    # Backoff between the attempts (0.5 s, then 1 s). Lower bounds only: never flaky.
    first_gap = endpoint.arrivals[1] - endpoint.arrivals[0]
    second_gap = endpoint.arrivals[2] - endpoint.arrivals[1]
    assert first_gap >= 0.45 and second_gap >= 0.9, (first_gap, second_gap)
    # The refresh absorbed the outage: no API call had to be repeated.
    assert fake_sleep.delays == []


async def test_token_endpoint_down_gives_every_waiter_one_clear_error(
    fake: FakeAstravue, fake_sleep: FakeSleep
) -> None:
    async with TokenProxy(fake, failures=None).running() as endpoint:
        client = fake_sleep.install(fake.client(token_url=endpoint.url))
        task = await client.tasks.create(task_title="storm")
        fake.advance(TOKEN_LIFETIME + 1)
        waiters = STORM // 10

        results = await storm(client, task.task_id, waiters)

        for result in results:
            assert isinstance(result, InternalServerError), repr(result)
            message = str(result)
            assert "token endpoint failed" in message and len(message) < 1000, message
            assert result.path == URL(endpoint.url).path
        # Refreshes are shared: each of the SDK's attempts (1 + max_retries) joins one refresh
        # of 3 tries, however many calls are waiting.
        assert len(endpoint.arrivals) <= 3 * (1 + 3) < waiters
        assert fake.token_grants == {}

        # Not a final failure: once the endpoint is back, the next call refreshes and works.
        endpoint.failures = len(endpoint.arrivals)
        assert (await client.tasks.get(task.task_id)).task_id == task.task_id
        assert fake.token_grants == {"refresh_token": 1}


async def test_revoked_refresh_token_fails_every_waiter_after_one_attempt(
    fake: FakeAstravue, fake_sleep: FakeSleep
) -> None:
    client = fake_sleep.install(fake.client())
    task = await client.tasks.create(task_title="storm")
    fake.revoke_refresh_tokens()
    fake.advance(TOKEN_LIFETIME + 1)
    SUMMARY.faults += 2

    results = await storm(client, task.task_id, STORM)

    for result in results:
        assert isinstance(result, AuthenticationError), repr(result)
        assert "refresh token was rejected" in str(result) and len(str(result)) < 1000
    assert fake.token_grants == {"refresh_token": 1}
    assert fake_sleep.delays == []  # a rejected grant is not retried

    # Final: later calls fail at once, without another request to the API or the endpoint.
    logged = len(fake.request_log)
    with pytest.raises(AuthenticationError, match="refresh token was rejected"):
        await asyncio.wait_for(client.tasks.get(task.task_id), NO_HANG)
    assert len(fake.request_log) == logged
    assert fake.token_grants == {"refresh_token": 1}
