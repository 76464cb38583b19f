"""Many workers, one login: refreshes coordinated through a shared JSON token file.

Issue #13. With rotating refresh tokens and a server that revokes a whole session when a
rotated-away refresh token is presented again (Keycloak's "Revoke Refresh Token", here
``FakeAstravue(detect_refresh_token_reuse=True)``), workers that each refresh on their own
log everybody out. Through a store with ``lock()`` they refresh once between them.

The multi-process tests use real processes ("spawn") against the fake running in this
process on 127.0.0.1; every wait is bounded and a child still alive at the end is killed.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import stat
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from astravue_async import (
    AstravueClient,
    AuthenticationError,
    JSONFileTokenStore,
    MemoryTokenStore,
    OAuth2Token,
)
from astravue_async.auth import utcnow
from astravue_async.testing import FakeAstravue

from . import _workers
from ._support import SUMMARY

DEADLINE = 30.0  # seconds for a whole multi-process run; far beyond what it needs


def expired_copy(token: OAuth2Token) -> OAuth2Token:
    """The token as a worker sees it at expiry (the server still accepts it)."""
    return attrs.evolve(token, expires_at=utcnow() - timedelta(seconds=5))


async def make_task(fake: FakeAstravue) -> int:
    async with fake.client() as client:
        return (await client.tasks.create(task_title="shared")).task_id


# --------------------------------------------------------------------------- one process


@pytest.mark.parametrize("order", ["concurrent", "sequential"])
async def test_two_clients_on_one_token_file_refresh_once(tmp_path: Path, order: str) -> None:
    async with FakeAstravue(detect_refresh_token_reuse=True) as fake:
        task_id = await make_task(fake)
        fake.reset_counters()
        path = tmp_path / "tokens.json"
        start = expired_copy(fake.issue_token())
        await JSONFileTokenStore(path).save(start)
        loaded = await JSONFileTokenStore(path).load()
        assert loaded is not None
        a = fake.client(token=loaded, token_store=JSONFileTokenStore(path), max_retries=0)
        b = fake.client(token=loaded, token_store=JSONFileTokenStore(path), max_retries=0)
        if order == "concurrent":
            await asyncio.gather(*(c.tasks.get(task_id) for c in (a, b) for _ in range(10)))
        else:
            await a.tasks.get(task_id)
            await b.tasks.get(task_id)  # presented the old refresh token before the fix
        assert fake.token_grants["refresh_token"] == 1
        assert fake.refresh_token_reuses == 0
        # Both keep working, also across the next rotation (whoever goes first).
        stored = await JSONFileTokenStore(path).load()
        assert stored is not None and stored.access_token != start.access_token
        fake.expire_tokens()
        await b.tasks.get(task_id)
        await a.tasks.get(task_id)
        assert fake.token_grants["refresh_token"] == 2
        assert fake.refresh_token_reuses == 0
        SUMMARY.refreshes += 2


# --------------------------------------------------------------------------- processes


@asynccontextmanager
async def children(
    target: Callable[..., None], argument_lists: list[tuple[Any, ...]]
) -> AsyncIterator[tuple[Any, Any]]:
    """Start one spawned process per argument list; yields (start barrier, results queue).

    Each process gets ``(*arguments, start, results)`` and waits at ``start`` until all are
    ready, so they really act at once. On exit every child is joined within the deadline
    and killed if it is still alive.
    """
    ctx = multiprocessing.get_context("spawn")
    go = ctx.Barrier(len(argument_lists))
    results = ctx.Queue()
    processes = [
        ctx.Process(target=target, args=(*arguments, go, results), daemon=True)
        for arguments in argument_lists
    ]
    try:
        for process in processes:
            process.start()
        yield go, results
    finally:
        go.abort()  # a child still waiting (another crashed) must not wait for nothing
        loop = asyncio.get_running_loop()
        stop_at = loop.time() + 10.0
        hung = []
        for process in processes:
            await asyncio.to_thread(process.join, max(stop_at - loop.time(), 0.1))
            if process.is_alive():
                hung.append(process.pid)
                process.kill()
                await asyncio.to_thread(process.join, 5.0)
        results.close()
        results.join_thread()
        assert not hung, f"children {hung} hung and were killed"


async def collect(results: Any, count: int) -> list[dict[str, Any]]:
    loop = asyncio.get_running_loop()
    stop_at = loop.time() + DEADLINE
    reports = []
    for _ in range(count):
        remaining = stop_at - loop.time()
        assert remaining > 0, f"only {len(reports)} of {count} children reported in time"
        reports.append(await asyncio.to_thread(results.get, True, remaining))
    crashes = [r["crash"] for r in reports if "crash" in r]
    assert not crashes, crashes[0]
    return reports


async def test_many_processes_sharing_a_token_file_refresh_once(tmp_path: Path) -> None:
    processes, calls = 8, 50
    async with FakeAstravue(detect_refresh_token_reuse=True) as fake:
        task_id = await make_task(fake)
        fake.reset_counters()
        path = tmp_path / "tokens.json"
        start = expired_copy(fake.issue_token())
        await JSONFileTokenStore(path).save(start)
        options = {
            "path": str(path),
            "token": start.to_dict(),
            "client_id": fake.client_id,
            "client_secret": fake.client_secret,
            "base_url": fake.base_url,
            "token_url": fake.token_url,
            "task_id": task_id,
            "calls": calls,
        }
        async with children(_workers.refresh_at_expiry, [(options,)] * processes) as (_, results):
            reports = await collect(results, processes)
        outcomes: Counter[str] = Counter()
        for report in reports:
            outcomes.update(report["outcomes"])
        assert outcomes == {"ok": processes * calls}
        assert fake.token_grants["refresh_token"] == 1
        assert fake.refresh_token_reuses == 0
        stored = await JSONFileTokenStore(path).load()
        assert stored is not None and stored.access_token != start.access_token
        SUMMARY.requests += processes * calls
        SUMMARY.refreshes += 1


async def test_processes_saving_different_profiles_lose_nothing(tmp_path: Path) -> None:
    saves = 200
    path = tmp_path / "tokens.json"
    profiles = ["alpha", "beta"]
    seen: list[set[str]] = []
    async with children(
        _workers.save_profiles, [(str(path), profile, saves) for profile in profiles]
    ) as (_, results):
        collecting = asyncio.ensure_future(collect(results, len(profiles)))
        # Watch the file throughout: always whole JSON, always owner-only.
        while not collecting.done():
            if path.exists():
                try:
                    data = json.loads(path.read_text())
                    mode = stat.S_IMODE(path.stat().st_mode)
                except FileNotFoundError:
                    pass  # unreachable in practice: the file is only ever replaced
                else:
                    assert mode == 0o600
                    assert isinstance(data, dict)
                    seen.append(set(data))
            await asyncio.sleep(0.002)
        await collecting
    data = json.loads(path.read_text())
    assert {p: data[p]["access_token"] for p in profiles} == {
        p: f"{p}-{saves - 1}" for p in profiles
    }
    assert seen, "the file was never observed during the run"
    for name in ("tokens.json.lock",):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokens.json", "tokens.json.lock"]


async def test_a_client_without_the_shared_store_is_not_affected(tmp_path: Path) -> None:
    # Sanity check of the fake's reuse detection in this setting: two clients that do not
    # share a store, started from one token, revoke each other (what issue #13 is about).
    async with FakeAstravue(detect_refresh_token_reuse=True) as fake:
        task_id = await make_task(fake)
        fake.reset_counters()
        start = expired_copy(fake.issue_token())
        a: AstravueClient = fake.client(token=start, max_retries=0)
        b: AstravueClient = fake.client(token=start, max_retries=0)
        await a.tasks.get(task_id)
        with pytest.raises(Exception) as caught:
            await b.tasks.get(task_id)
        assert type(caught.value).__name__ == "AuthenticationError"
        assert fake.refresh_token_reuses == 1


async def test_a_worker_refused_once_picks_up_a_new_sign_in_from_the_store() -> None:
    # The session was revoked; an operator signs in again and the fresh token lands in the
    # shared store. Running workers must pick it up, not fail until restarted.
    async with FakeAstravue() as fake:
        store = MemoryTokenStore()
        client = fake.client(token=expired_copy(fake.issue_token()), token_store=store)
        fake.revoke_refresh_tokens()
        with pytest.raises(AuthenticationError):
            await client.tasks.list()
        with pytest.raises(AuthenticationError):  # nothing new stored: still refused
            await client.tasks.list()
        await store.save(fake.issue_token())  # the new sign-in
        client._transport.tokens._next_recovery = 0.0  # as if the 5 s pause had passed
        assert (await client.tasks.list()).items == []


async def test_short_lived_tokens_are_adopted_not_refreshed_again() -> None:
    # A realm with one-minute (here ten-second) tokens: a token another worker has just
    # stored has less than the 60 s skew left, yet it is fresh; every worker adopts it.
    async with FakeAstravue(access_token_lifetime=10, detect_refresh_token_reuse=True) as fake:
        store = MemoryTokenStore()
        start = fake.issue_token()  # 10 s of life: the workers learn how long tokens live
        await store.save(start)
        workers = [fake.client(token=start, token_store=store) for _ in range(3)]
        await asyncio.gather(*(w.tasks.list() for w in workers))
        fake.advance(6)  # past half-life on the fake's clock...
        for worker in workers:  # ...and on the managers': every one is due
            worker._transport.tokens._refresh_at = 0.0
        fake.reset_counters()
        await asyncio.gather(*(w.tasks.list() for w in workers))
        assert fake.token_grants["refresh_token"] == 1
        assert fake.refresh_token_reuses == 0
