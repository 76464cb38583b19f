"""Cancellation: calls abandoned mid-flight leave nothing behind.

Every scenario cancels calls while the fake is holding their responses (``fake.delay``), at
a moment chosen by state, not by a timer: once the fake has *received* the requests. Then,
after a settle, it checks that

* no connection is still acquired from the client's pool,
* no ESTABLISHED socket to the fake exists beyond the idle keep-alive ones in the pool
  (``/proc/net/tcp`` joined with this process's descriptors),
* no task that the scenario started is still pending (``asyncio.all_tasks()``), and
* the same client still works.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import aiohttp
import pytest

from astravue_async import AstravueClient
from astravue_async.testing import FakeAstravue

from ._support import SUMMARY, FakeSleep, TokenProxy, eventually, leak_report, port_of

HOLD = 30.0  # the fake holds responses "forever"; cancelled handlers never wait this out
TOKEN_LIFETIME = 1800


class Boom(Exception):
    """A sibling task failing inside a TaskGroup."""


async def received(fake: FakeAstravue, operation_id: str, count: int) -> None:
    """Wait until the fake has received ``count`` requests for ``operation_id``."""
    assert await eventually(lambda: fake.requests[operation_id] >= count), (
        f"the fake saw {fake.requests[operation_id]} of {count} {operation_id} requests"
    )


async def setup(fake: FakeAstravue, **options: Any) -> tuple[AstravueClient, int]:
    client = fake.client(**options)
    task = await client.tasks.create(task_title="cancel me")
    return client, task.task_id


async def check_clean(
    fake: FakeAstravue, client: AstravueClient, task_id: int, baseline: set[asyncio.Task[Any]]
) -> None:
    fake.delay(0)
    assert await leak_report(client, port_of(fake.base_url), baseline) == []
    # Still usable, several calls at once.
    results = await asyncio.gather(*(client.tasks.get(task_id) for _ in range(4)))
    assert {task.task_id for task in results} == {task_id}


def hold(fake: FakeAstravue) -> int:
    """Hold every later response; the number of get_task requests seen so far."""
    fake.delay(HOLD)
    SUMMARY.faults += 1
    return fake.requests["get_task"]


async def test_asyncio_timeout_mid_request(fake: FakeAstravue) -> None:
    client, task_id = await setup(fake)
    baseline = set(asyncio.all_tasks())
    seen = hold(fake)

    async def expire(scope: asyncio.Timeout) -> None:
        await received(fake, "get_task", seen + 1)
        scope.reschedule(asyncio.get_running_loop().time())

    with pytest.raises(TimeoutError):
        async with asyncio.timeout(None) as scope:
            expirer = asyncio.create_task(expire(scope))
            await client.tasks.get(task_id)
    await expirer

    await check_clean(fake, client, task_id, baseline)


async def test_task_group_cancels_siblings_mid_request(fake: FakeAstravue) -> None:
    client, task_id = await setup(fake)
    baseline = set(asyncio.all_tasks())
    seen = hold(fake)
    calls = 5

    async def fail_once_all_sent() -> None:
        await received(fake, "get_task", seen + calls)
        raise Boom

    with pytest.raises(ExceptionGroup) as caught:
        async with asyncio.TaskGroup() as group:
            for _ in range(calls):
                group.create_task(client.tasks.get(task_id))
            group.create_task(fail_once_all_sent())
    # Only the sibling's failure: the cancelled calls add nothing to the group.
    assert [type(exc) for exc in caught.value.exceptions] == [Boom]

    await check_clean(fake, client, task_id, baseline)


async def test_task_cancel_mid_request(fake: FakeAstravue) -> None:
    client, task_id = await setup(fake)
    baseline = set(asyncio.all_tasks())
    seen = hold(fake)
    calls = [asyncio.create_task(client.tasks.get(task_id)) for _ in range(5)]
    await received(fake, "get_task", seen + len(calls))

    for call in calls:
        call.cancel()
    results = await asyncio.gather(*calls, return_exceptions=True)

    assert all(isinstance(result, asyncio.CancelledError) for result in results), results
    await check_clean(fake, client, task_id, baseline)


@pytest.mark.parametrize(
    "limit",
    ["connection_limit", "max_concurrency", "own_session_pool"],
    ids=["queued-for-the-pool", "queued-for-max-concurrency", "queued-in-aiohttp-pool"],
)
async def test_cancel_calls_queued_behind_a_limit(fake: FakeAstravue, limit: str) -> None:
    async with contextlib.AsyncExitStack() as stack:
        if limit == "own_session_pool":
            # A caller's session: the SDK adds no queue of its own, aiohttp's pool queues.
            connector = aiohttp.TCPConnector(limit=2)
            session = await stack.enter_async_context(aiohttp.ClientSession(connector=connector))
            options: dict[str, Any] = {"session": session}
        else:
            options = {limit: 2}
        client, task_id = await setup(fake, **options)
        baseline = set(asyncio.all_tasks())
        seen = hold(fake)
        calls = [asyncio.create_task(client.tasks.get(task_id)) for _ in range(6)]
        await received(fake, "get_task", seen + 2)  # two in flight, four queued
        await asyncio.sleep(0.05)
        assert fake.requests["get_task"] == seen + 2, "the limit let more than 2 through"

        for call in calls:
            call.cancel()
        await asyncio.gather(*calls, return_exceptions=True)

        semaphore: Any = client._transport._semaphore
        if limit == "own_session_pool":
            assert semaphore is None
            pool: Any = client._transport.session().connector
            assert not any(pool._waiters.values()), "cancelled waiters left in the pool queue"
        else:
            assert semaphore._value == 2, f"{2 - semaphore._value} permit(s) leaked"
        await check_clean(fake, client, task_id, baseline)


async def test_cancel_during_retry_backoff(fake: FakeAstravue) -> None:
    client, task_id = await setup(fake)
    baseline = set(asyncio.all_tasks())
    backing_off = asyncio.Event()

    async def endless_backoff(_delay: float) -> None:
        backing_off.set()
        await asyncio.Event().wait()

    client._transport._sleep = endless_backoff
    fake.fail_next(1, 503)
    SUMMARY.faults += 1

    call = asyncio.create_task(client.tasks.get(task_id))
    await asyncio.wait_for(backing_off.wait(), 10)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call

    FakeSleep().install(client)
    await check_clean(fake, client, task_id, baseline)


async def test_cancelled_waiters_do_not_cancel_the_shared_refresh(fake: FakeAstravue) -> None:
    async with TokenProxy(fake).running() as endpoint:
        client, task_id = await setup(fake, token_url=endpoint.url)
        baseline = set(asyncio.all_tasks())
        endpoint.gate = asyncio.Event()  # the refresh hangs until released
        fake.advance(TOKEN_LIFETIME + 1)
        SUMMARY.faults += 1

        calls = [asyncio.create_task(client.tasks.get(task_id)) for _ in range(6)]
        await eventually(lambda: len(endpoint.arrivals) == 1)
        for call in calls[:3]:
            call.cancel()
        await asyncio.sleep(0.05)  # give a wrongly propagated cancel the chance to land
        endpoint.gate.set()
        results = await asyncio.gather(*calls, return_exceptions=True)

        assert all(isinstance(r, asyncio.CancelledError) for r in results[:3]), results
        assert {getattr(r, "task_id", r) for r in results[3:]} == {task_id}, results
        assert fake.token_grants == {"refresh_token": 1}
        await check_clean(fake, client, task_id, baseline)


async def test_refresh_completes_after_every_waiter_was_cancelled(fake: FakeAstravue) -> None:
    async with TokenProxy(fake).running() as endpoint:
        client, task_id = await setup(fake, token_url=endpoint.url)
        baseline = set(asyncio.all_tasks())
        endpoint.gate = asyncio.Event()
        old_token = client.token.access_token
        fake.advance(TOKEN_LIFETIME + 1)
        SUMMARY.faults += 1

        calls = [asyncio.create_task(client.tasks.get(task_id)) for _ in range(6)]
        await eventually(lambda: len(endpoint.arrivals) == 1)
        for call in calls:
            call.cancel()
        await asyncio.gather(*calls, return_exceptions=True)
        endpoint.gate.set()

        # The shielded refresh finishes on its own and its (rotated) token is kept: the next
        # call needs no second refresh, which would fail with the rotated-away token.
        assert await eventually(lambda: client.token.access_token != old_token)
        await check_clean(fake, client, task_id, baseline)
        assert fake.token_grants == {"refresh_token": 1}
        assert len(endpoint.arrivals) == 1
