"""RedisTokenStore and RedisRateLimiter across os.fork() and event loops, against a real Redis.

A redis.asyncio client belongs to the process and the loop that opened its connections. A
store or limiter made from a URL must keep working in a forked child (Celery, gunicorn
prefork), under a second ``asyncio.run()`` and on another thread's loop, without touching
the parent's connections; one given a client must fail fast and clearly instead.
Every child is bounded: it is killed if it does not report in time, so a hang fails the
test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import gc
import os
import secrets
import signal
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import redis.asyncio
from _redis_server import RedisServer, running_redis

from astravue_async import TokenStoreError
from astravue_async.auth import OAuth2Token
from astravue_async.redis import RedisRateLimiter, RedisTokenStore

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

CHILD_BOUND = 30.0  # seconds; only there to turn a hang into a failure


def make_token(label: str = "") -> OAuth2Token:
    return OAuth2Token(
        access_token=f"at-{label}-{secrets.token_urlsafe(16)}",
        refresh_token=f"rt-{label}-{secrets.token_urlsafe(16)}",
        expires_at=datetime(2030, 1, 1, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with running_redis() as server:
        yield server


@pytest.fixture
def key() -> str:
    return f"astravue:test:{secrets.token_hex(6)}"


def in_child(work: Callable[[], Coroutine[Any, Any, str]]) -> str:
    """Fork; run ``work`` under a new loop in the child; return what it reported.

    The child reports through a pipe and always ends with os._exit (never pytest's own
    teardown); one that does not finish within CHILD_BOUND is killed.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.close(reader)
            try:
                report = asyncio.run(asyncio.wait_for(work(), CHILD_BOUND / 2))
                code = 0
            except BaseException as exc:
                report = f"{type(exc).__name__}: {exc}"
            os.write(writer, report.encode()[:60000])
        finally:
            os._exit(code)
    os.close(writer)
    deadline = time.monotonic() + CHILD_BOUND
    status = None
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.02)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(reader)
        pytest.fail(f"the forked child did not finish within {CHILD_BOUND} s")
    with os.fdopen(reader, "rb") as pipe:
        report = pipe.read().decode()
    assert status is not None
    assert os.waitstatus_to_exitcode(status) == 0, f"the child failed: {report}"
    return report


async def connected_clients(server: RedisServer) -> int:
    async with redis.asyncio.Redis.from_url(server.url) as probe:
        info = await probe.info("clients")
        return int(info["connected_clients"]) - 1  # not the probe itself


async def use_store(store: RedisTokenStore, token: OAuth2Token) -> OAuth2Token | None:
    """Read, then lock, re-read and save under the lease: every kind of call."""
    async with store.lock() as lease:
        seen = await lease.load()
        await lease.save(token)
    assert await store.load() == token
    return seen


# --------------------------------------------------------------------------- os.fork()


def test_a_store_used_in_the_parent_works_in_a_forked_child(
    redis_server: RedisServer, key: str
) -> None:
    store = RedisTokenStore(redis_server.url, key=key, timeout=2, lock_timeout=5)
    first, from_child, later = make_token("parent"), make_token("child"), make_token("later")
    asyncio.run(use_store(store, first))  # the parent's client now holds a connection

    async def child() -> str:
        seen = await use_store(store, from_child)
        assert seen == first
        await store.aclose()
        return "ok"

    assert in_child(child) == "ok"
    # The child changed nothing of the parent's: a new run works, and sees its token.

    async def parent_again() -> None:
        assert await use_store(store, later) == from_child
        await store.aclose()

    asyncio.run(parent_again())


async def test_a_fork_while_the_parents_loop_runs_leaves_its_connection_alone(
    redis_server: RedisServer, key: str
) -> None:
    # gunicorn and Celery fork from a parent that may keep running; the child must not use,
    # close or unregister the pooled connection the parent goes on using afterwards.
    async with RedisTokenStore(redis_server.url, key=key, timeout=2, lock_timeout=5) as store:
        first, from_child = make_token("parent"), make_token("child")
        await use_store(store, first)
        clients_before = await connected_clients(redis_server)

        async def child() -> str:
            for _ in range(3):  # later calls must not wait either
                await use_store(store, from_child)
            return "ok"

        assert await asyncio.to_thread(in_child, child) == "ok"
        assert await asyncio.wait_for(use_store(store, make_token("after")), 10) == from_child
        # Still on the connection it had: the child neither closed nor took it.
        assert await connected_clients(redis_server) == clients_before


def test_a_client_passed_in_and_used_in_the_parent_fails_fast_in_the_child(
    redis_server: RedisServer, key: str
) -> None:
    loop = asyncio.new_event_loop()
    client = redis.asyncio.Redis.from_url(redis_server.url)
    try:
        store = RedisTokenStore(client, key=key, timeout=5, lock_timeout=5)
        loop.run_until_complete(use_store(store, make_token("parent")))

        async def child() -> str:
            outcomes = []
            for attempt in (store.load, store.lock().__aenter__):
                started = time.monotonic()
                try:
                    await attempt()
                except TokenStoreError as exc:
                    outcomes.append(str(exc))
                assert time.monotonic() - started < 2.0, "the error was not fast"
            assert len(outcomes) == 2, outcomes
            return outcomes[0]

        message = in_child(child)
        assert "os.fork()" in message
        assert "in the child process" in message
        # The parent's client was not disturbed, and no lock was left behind.
        assert loop.run_until_complete(client.exists(f"{key}:lock")) == 0
        loop.run_until_complete(use_store(store, make_token("after")))
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()


def test_a_rate_limiter_used_in_the_parent_works_in_a_forked_child(
    redis_server: RedisServer, key: str
) -> None:
    limiter = RedisRateLimiter(redis_server.url, key=key, limit="50/hour")

    async def acquire(times: int) -> str:
        for _ in range(times):
            await asyncio.wait_for(limiter.acquire(), 10)
        assert not limiter.using_fallback
        return "ok"

    asyncio.run(acquire(2))

    async def child() -> str:
        result = await acquire(3)
        await limiter.aclose()
        return result

    assert in_child(child) == "ok"

    async def parent_again() -> None:
        await acquire(1)
        await limiter.aclose()

    asyncio.run(parent_again())

    async def used() -> int:
        async with redis.asyncio.Redis.from_url(redis_server.url) as raw:
            return len(await raw.keys(f"{key}*"))

    assert asyncio.run(used()) >= 1  # one shared budget, in Redis


# --------------------------------------------------------------------------- event loops


def test_a_store_used_under_one_asyncio_run_works_under_a_second(
    redis_server: RedisServer, key: str
) -> None:
    baseline = asyncio.run(connected_clients(redis_server))
    store = RedisTokenStore(redis_server.url, key=key, timeout=2, lock_timeout=5)
    tokens = [make_token(str(n)) for n in range(3)]
    asyncio.run(use_store(store, tokens[0]))
    assert asyncio.run(use_store(store, tokens[1])) == tokens[0]

    async def last() -> None:
        assert await use_store(store, tokens[2]) == tokens[1]
        await store.aclose()

    asyncio.run(last())
    gc.collect()  # a connection left to a finalizer would warn (an error here)
    # Every connection was closed, those of the ended loops too.
    assert asyncio.run(connected_clients(redis_server)) == baseline


async def test_a_store_serves_another_threads_loop_at_the_same_time(
    redis_server: RedisServer, key: str
) -> None:
    # Like an AstravueSyncClient's loop thread sharing the store with async code.
    baseline = await connected_clients(redis_server)
    async with RedisTokenStore(redis_server.url, key=key, timeout=2, lock_timeout=10) as store:
        await use_store(store, make_token("main"))
        thread_loop = asyncio.new_event_loop()
        thread = threading.Thread(target=thread_loop.run_forever, daemon=True)
        thread.start()
        try:

            async def both() -> None:
                here = [use_store(store, make_token("here")) for _ in range(5)]
                there = [
                    asyncio.wrap_future(
                        asyncio.run_coroutine_threadsafe(
                            use_store(store, make_token("there")), thread_loop
                        )
                    )
                    for _ in range(5)
                ]
                await asyncio.gather(*here, *there)

            await asyncio.wait_for(both(), 30)
        finally:
            await store.aclose()  # closes the thread loop's client on that loop
            thread_loop.call_soon_threadsafe(thread_loop.stop)
            await asyncio.to_thread(thread.join, 10)
            thread_loop.close()
    assert await connected_clients(redis_server) == baseline


def test_a_client_passed_in_fails_fast_on_another_loop(redis_server: RedisServer, key: str) -> None:
    loop = asyncio.new_event_loop()
    client = redis.asyncio.Redis.from_url(redis_server.url)
    other_client = redis.asyncio.Redis.from_url(redis_server.url)
    try:
        used_by_store = RedisTokenStore(client, key=key, timeout=5, lock_timeout=5)
        loop.run_until_complete(use_store(used_by_store, make_token("a")))
        # Used by its owner only, never by the store, before the store sees it elsewhere.
        loop.run_until_complete(other_client.ping())
        used_by_owner = RedisTokenStore(other_client, key=key, timeout=5, lock_timeout=5)

        async def elsewhere() -> list[str]:
            messages = []
            for store in (used_by_store, used_by_owner):
                for attempt in (store.load, store.lock().__aenter__):
                    started = time.monotonic()
                    with pytest.raises(TokenStoreError) as caught:
                        await attempt()
                    assert time.monotonic() - started < 2.0
                    messages.append(str(caught.value))
            return messages

        for message in asyncio.run(elsewhere()):
            assert "another event loop" in message
            assert "Create the client and the RedisTokenStore on the loop" in message
        # Back on its own loop it works, and no lock was left behind.
        assert loop.run_until_complete(client.exists(f"{key}:lock")) == 0
        loop.run_until_complete(use_store(used_by_store, make_token("b")))
    finally:
        loop.run_until_complete(client.aclose())
        loop.run_until_complete(other_client.aclose())
        loop.close()


def test_a_rate_limiter_works_under_a_second_asyncio_run(
    redis_server: RedisServer, key: str
) -> None:
    baseline = asyncio.run(connected_clients(redis_server))
    limiter = RedisRateLimiter(redis_server.url, key=key, limit="3/hour")

    async def take() -> None:
        await asyncio.wait_for(limiter.acquire(), 10)
        assert not limiter.using_fallback

    asyncio.run(take())
    asyncio.run(take())

    async def last() -> None:
        await take()
        # One budget across the runs: the fourth start is over it and waits.
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(limiter.acquire(), 0.3)
        await limiter.aclose()

    asyncio.run(last())
    gc.collect()
    assert asyncio.run(connected_clients(redis_server)) == baseline


def test_a_rate_limiter_with_a_client_passed_in_fails_fast_on_another_loop(
    redis_server: RedisServer, key: str
) -> None:
    loop = asyncio.new_event_loop()
    client = redis.asyncio.Redis.from_url(redis_server.url)
    try:
        limiter = RedisRateLimiter(client, key=key, limit="9/hour")
        loop.run_until_complete(limiter.acquire())

        async def elsewhere() -> None:
            await asyncio.wait_for(limiter.acquire(), 2)

        with pytest.raises(RuntimeError, match="Create the client and the RedisRateLimiter"):
            asyncio.run(elsewhere())
        loop.run_until_complete(limiter.acquire())  # still fine on its own loop
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()


# --------------------------------------------------------------------------- lost replies


async def test_a_lock_whose_reply_was_lost_is_given_back(
    redis_server: RedisServer, key: str
) -> None:
    # The take-the-lock script runs in Redis but its reply never arrives (the call times
    # out): the lock is ours without our knowing. Left there, it would make every worker,
    # this one included, wait a whole lease for a lock nobody uses.
    drop_next_reply = asyncio.Event()
    tasks: set[asyncio.Task[None]] = set()

    async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter, replies: bool) -> None:
        try:
            while data := await source.read(65536):
                if replies and drop_next_reply.is_set():
                    drop_next_reply.clear()
                    continue
                sink.write(data)
                await sink.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            sink.close()

    async def relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", redis_server.port)
        for task in (
            asyncio.create_task(pipe(reader, up_writer, replies=False)),
            asyncio.create_task(pipe(up_reader, writer, replies=True)),
        ):
            tasks.add(task)

    proxy = await asyncio.start_server(relay, "127.0.0.1", 0)
    port = proxy.sockets[0].getsockname()[1]
    try:
        async with (
            RedisTokenStore(f"redis://127.0.0.1:{port}/0", key=key, lease=30, timeout=0.5) as store,
            RedisTokenStore(redis_server.url, key=key, lock_timeout=2) as other,
            redis.asyncio.Redis.from_url(redis_server.url) as raw,
        ):
            async with store.lock():  # loads the scripts, so the next call is one command
                pass
            drop_next_reply.set()
            with pytest.raises(TokenStoreError, match="did not answer"):
                async with store.lock():
                    pytest.fail("got a lock whose reply was lost")
            assert await raw.exists(f"{key}:lock") == 0
            async with other.lock():  # at once, not after the 30 s lease
                pass
    finally:
        proxy.close()
        await proxy.wait_closed()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
