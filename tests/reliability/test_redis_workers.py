"""Many workers, one login, one RedisTokenStore: one refresh between them, never a logout.

Each worker is a real process (multiprocessing "spawn") with its own AstravueClient and its
own RedisTokenStore on the same key of a real redis-server; the FakeAstravue they call runs
in the test process, with refresh-token reuse detection on: presenting a rotated-away refresh
token would revoke the whole session, logging every worker out. So "exactly one grant, no
reuse" is checked by the server, not inferred from the clients.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import queue
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from multiprocessing.context import SpawnProcess
from typing import Any

import attrs
import pytest
from _redis_server import RedisServer, running_redis

from astravue_async import AstravueClient, AuthenticationError, TokenStoreError
from astravue_async.auth import OAuth2Token, utcnow
from astravue_async.redis import RedisTokenStore
from astravue_async.testing import FakeAstravue

from ._support import SUMMARY

WORKERS = 6
CALLS = 30
NO_HANG = 120.0  # seconds; spawning imports everything anew on shared CPUs: be generous
KEY = "astravue:token:workers"


# --------------------------------------------------------------------------- the workers
# Module-level functions: "spawn" children import this module to find them.


async def _storm(config: dict[str, Any], ready: Any, go: Any) -> dict[str, Any]:
    token = OAuth2Token.from_dict(config["token"])
    async with (
        RedisTokenStore(config["redis_url"], key=KEY) as store,
        AstravueClient(
            org_id=1,
            token=token,
            client_id=config["client_id"],
            client_secret=config["client_secret"],
            base_url=config["base_url"],
            token_url=config["token_url"],
            token_store=store,
        ) as client,
    ):
        ready.put("ready")
        if not await asyncio.to_thread(go.wait, NO_HANG):
            return {"ok": 0, "errors": ["never told to start"]}
        calls = (client.tasks.get(config["task_id"]) for _ in range(config["calls"]))
        results = await asyncio.wait_for(
            asyncio.gather(*calls, return_exceptions=True), NO_HANG / 2
        )
    errors = [f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    return {"ok": len(results) - len(errors), "errors": errors}


async def _steady(config: dict[str, Any], ready: Any, go: Any) -> dict[str, Any]:
    """Calls without pause for ``seconds``; every outcome with the time it ended."""
    token = OAuth2Token.from_dict(config["token"])
    outcomes: list[tuple[float, str]] = []
    async with (
        RedisTokenStore(config["redis_url"], key=KEY, timeout=1.0) as store,
        AstravueClient(
            org_id=1,
            token=token,
            client_id=config["client_id"],
            client_secret=config["client_secret"],
            base_url=config["base_url"],
            token_url=config["token_url"],
            token_store=store,
            timeout=10.0,
        ) as client,
    ):
        ready.put("ready")
        if not await asyncio.to_thread(go.wait, NO_HANG):
            return {"outcomes": [(0.0, "never told to start")]}
        deadline = time.time() + config["seconds"]

        async def loop() -> None:
            while time.time() < deadline:
                try:
                    await client.tasks.get(config["task_id"])
                    outcomes.append((time.time(), "ok"))
                except Exception as exc:
                    outcomes.append((time.time(), f"{type(exc).__name__}: {exc}"))
                    await asyncio.sleep(0.05)
                await asyncio.sleep(0.02)

        await asyncio.gather(*(loop() for _ in range(config["loops"])))
    return {"outcomes": outcomes}


def _worker(kind: str, config: dict[str, Any], ready: Any, go: Any, results: Any) -> None:
    work = _storm if kind == "storm" else _steady
    try:
        outcome = asyncio.run(work(config, ready, go))
    except BaseException as exc:  # reported, not lost in a child's stderr
        outcome = {"crashed": f"{type(exc).__name__}: {exc}"}
    results.put(outcome)


# --------------------------------------------------------------------------- the parent


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    with running_redis() as server:
        yield server


@pytest.fixture
async def guarded_fake() -> AsyncIterator[FakeAstravue]:
    async with FakeAstravue(detect_refresh_token_reuse=True) as fake:
        yield fake


async def _run_workers(
    kind: str, count: int, config: dict[str, Any], during: Any = None
) -> list[dict[str, Any]]:
    """Start ``count`` spawned workers, release them together, collect their outcomes.

    ``during`` (an async callable) runs in the parent while they work. Every wait is
    bounded; children still alive at the end are killed.
    """
    ctx = multiprocessing.get_context("spawn")
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    processes: list[SpawnProcess] = [
        ctx.Process(target=_worker, args=(kind, config, ready, go, results), daemon=True)
        for _ in range(count)
    ]
    outcomes: list[dict[str, Any]] = []
    try:
        for process in processes:
            process.start()
        for _ in processes:
            await asyncio.to_thread(ready.get, True, NO_HANG)
        go.set()
        if during is not None:
            await during()
        for _ in processes:
            try:
                outcomes.append(await asyncio.to_thread(results.get, True, NO_HANG))
            except queue.Empty:
                pytest.fail("a worker neither finished nor reported within the bound")
        for process in processes:
            await asyncio.to_thread(process.join, NO_HANG)
    finally:
        for process in processes:
            if process.is_alive():
                process.kill()
                await asyncio.to_thread(process.join, 10)
        for channel in (ready, results):
            channel.close()
            channel.join_thread()
    crashed = [o["crashed"] for o in outcomes if "crashed" in o]
    assert not crashed, f"workers crashed: {crashed}"
    return outcomes


def _config(
    fake: FakeAstravue, server: RedisServer, token: OAuth2Token, **extra: Any
) -> dict[str, Any]:
    return {
        "redis_url": server.url,
        "client_id": fake.client_id,
        "client_secret": fake.client_secret,
        "base_url": fake.base_url,
        "token_url": fake.token_url,
        "token": token.to_dict(),
        **extra,
    }


async def _shared_task(fake: FakeAstravue) -> int:
    async with fake.client() as setup:
        task = await setup.tasks.create(task_title="shared by every worker")
    return task.task_id


async def test_six_processes_at_expiry_make_exactly_one_refresh(
    guarded_fake: FakeAstravue, redis_server: RedisServer
) -> None:
    fake = guarded_fake
    task_id = await _shared_task(fake)
    # Every worker starts from the same sign-in, at its (client-side) expiry.
    token = attrs.evolve(fake.issue_token(), expires_at=utcnow())
    config = _config(fake, redis_server, token, task_id=task_id, calls=CALLS)

    outcomes = await _run_workers("storm", WORKERS, config)

    errors = [error for outcome in outcomes for error in outcome["errors"]]
    assert not errors, f"{len(errors)} calls failed, e.g. {errors[0]}"
    assert sum(outcome["ok"] for outcome in outcomes) == WORKERS * CALLS
    assert fake.token_grants["refresh_token"] == 1
    assert fake.refresh_token_reuses == 0
    # The store holds the one refreshed token, and it works.
    async with RedisTokenStore(redis_server.url, key=KEY) as store:
        stored = await store.load()
    assert stored is not None and stored.access_token != token.access_token
    async with fake.client(token=stored) as check:
        assert (await check.tasks.get(task_id)).task_id == task_id
    SUMMARY.requests += WORKERS * CALLS
    SUMMARY.refreshes += 1


async def test_a_redis_restart_mid_run_never_logs_anyone_out(
    guarded_fake: FakeAstravue, redis_server: RedisServer
) -> None:
    # Rounds of "every access token rejected at once" (each worker gets a 401, takes the
    # lock; the first refreshes, the others adopt), with Redis restarted between two rounds:
    # it comes back empty, and the next round must neither reuse a refresh token nor log
    # anyone out. (A restart *during* a round can lose the token a worker was about to
    # adopt; see RedisTokenStore's docstring: run Redis with persistence.)
    fake = guarded_fake
    rounds = 6
    task_id = await _shared_task(fake)
    token = fake.issue_token()
    config = _config(
        fake, redis_server, token, task_id=task_id, seconds=rounds * 0.8 + 1.5, loops=3
    )
    restarted_at: list[float] = []

    async def rounds_and_a_restart() -> None:
        for number in range(rounds):
            await asyncio.sleep(0.8)
            fake.expire_tokens()
            if number == rounds // 2:
                await asyncio.sleep(0.4)  # the round is over
                await asyncio.to_thread(redis_server.restart)
                restarted_at.append(time.time())

    outcomes = await _run_workers("steady", 4, config, during=rounds_and_a_restart)

    assert restarted_at
    assert fake.refresh_token_reuses == 0, "a rotated-away refresh token was presented"
    everything = [entry for outcome in outcomes for entry in outcome["outcomes"]]
    failures = [message for _, message in everything if message != "ok"]
    # Failing is allowed while Redis is away, but only clearly, and never as a logout.
    assert not [m for m in failures if AuthenticationError.__name__ in m], failures[:3]
    assert all(TokenStoreError.__name__ in m for m in failures), failures[:3]
    # Every worker recovered: its calls a second after the restart succeeded.
    for outcome in outcomes:
        late = [m for at, m in outcome["outcomes"] if at > restarted_at[0] + 1.0]
        assert late and all(m == "ok" for m in late), late[:3]
    assert 1 <= fake.token_grants["refresh_token"] <= rounds  # at most one per round
    # The restart emptied Redis; the first refresh after it stored the token again.
    async with RedisTokenStore(redis_server.url, key=KEY) as store:
        stored = await store.load()
    assert stored is not None
    async with fake.client(token=stored, max_retries=0) as check:
        assert (await check.tasks.get(task_id)).task_id == task_id
    SUMMARY.requests += len(everything)
    SUMMARY.faults += rounds + 1


# --------------------------------------------------------------------------- in one process


async def test_workers_synced_before_a_restart_refresh_once_after_it(
    guarded_fake: FakeAstravue, redis_server: RedisServer
) -> None:
    # Two clients (as two workers) both hold the stored token. Redis restarts and forgets it:
    # the empty store means "nothing newer than mine", so the first worker to refresh uses
    # its own refresh token (the newest), stores the result, and the other adopts it.
    fake = guarded_fake
    task_id = await _shared_task(fake)
    token = attrs.evolve(fake.issue_token(), expires_at=utcnow())
    stores = [RedisTokenStore(redis_server.url, key=KEY) for _ in range(2)]
    try:
        await stores[0].save(token)
        clients = [fake.client(token=token, token_store=store) for store in stores]
        await asyncio.to_thread(redis_server.restart)
        results = await asyncio.wait_for(
            asyncio.gather(*(c.tasks.get(task_id) for c in clients for _ in range(10))),
            NO_HANG,
        )
        assert {r.task_id for r in results} == {task_id}
        assert fake.token_grants["refresh_token"] == 1
        assert fake.refresh_token_reuses == 0
        assert clients[0].token.access_token == clients[1].token.access_token
        stored = await stores[0].load()
        assert stored is not None and stored.access_token == clients[0].token.access_token
    finally:
        for store in stores:
            await store.aclose()


async def test_redis_down_at_expiry_keeps_the_valid_token_and_fails_clearly_after(
    guarded_fake: FakeAstravue, redis_server: RedisServer
) -> None:
    fake = guarded_fake
    task_id = await _shared_task(fake)
    # Valid for 6 s more; TokenManager refreshes such a short-lived token at half-life.
    token = attrs.evolve(fake.issue_token(), expires_at=utcnow() + timedelta(seconds=6))
    async with RedisTokenStore(redis_server.url, key=KEY, timeout=0.5) as store:
        client = fake.client(token=token, token_store=store, max_retries=0)
        await asyncio.to_thread(redis_server.stop)
        await asyncio.sleep(3.2)
        # Due for refresh but still valid: the call goes on with it, no refresh attempted.
        assert (await client.tasks.get(task_id)).task_id == task_id
        assert fake.token_grants["refresh_token"] == 0
        # Once the API rejects it, the call fails with the store's clear error, not a logout.
        fake.expire_tokens()
        with pytest.raises(TokenStoreError, match=r"Redis at redis://127\.0\.0\.1"):
            await client.tasks.get(task_id)
        assert fake.token_grants["refresh_token"] == 0
        # Redis back (empty): the next call refreshes once and stores the new token.
        await asyncio.to_thread(redis_server.start)
        assert (await client.tasks.get(task_id)).task_id == task_id
        assert fake.token_grants["refresh_token"] == 1
        assert fake.refresh_token_reuses == 0
        assert await store.load() is not None
