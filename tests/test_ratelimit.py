"""Client-side request budgets: LocalRateLimiter, RedisRateLimiter and how the transport
uses them (once per HTTP attempt, inside the call's deadline, after the connection slot)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import pytest
from _redis_server import RedisServer, running_redis
from _server import Reply, ScriptedServer, running_server

from astravue_async import APITimeoutError, AstravueClient, OAuth2Token
from astravue_async._ratelimit import LocalRateLimiter, RateLimiter, parse_limit
from astravue_async.auth import utcnow
from astravue_async.redis import RedisRateLimiter
from astravue_async.sync import AstravueSyncClient

# --------------------------------------------------------------------------- helpers


class VirtualTime:
    """A clock and a sleep that only moves when slept on; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.delays: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, delay: float) -> None:
        self.delays.append(delay)
        self.now += delay
        await asyncio.sleep(0)


class CountingLimiter:
    """A RateLimiter of the caller's own: counts acquires, admits everything."""

    def __init__(self, server: ScriptedServer | None = None) -> None:
        self.acquired = 0
        self.in_flight_at_acquire: list[int] = []
        self._server = server

    async def acquire(self) -> None:
        self.acquired += 1
        if self._server is not None:
            self.in_flight_at_acquire.append(self._server.in_flight)


class FakeSleep:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


@pytest.fixture
async def server() -> AsyncIterator[ScriptedServer]:
    async with running_server() as srv:
        yield srv


def make_client(server: ScriptedServer, **kwargs: Any) -> AstravueClient:
    if "token" not in kwargs:
        kwargs.setdefault("access_token", "static-access-token")
    client = AstravueClient(org_id=7, base_url=server.url, token_url=server.token_url, **kwargs)
    client._transport._sleep = FakeSleep()
    return client


def most_in_any_window(starts: list[float], window: float) -> int:
    ordered = sorted(starts)
    best = 0
    for i, first in enumerate(ordered):
        best = max(best, sum(1 for t in ordered[i:] if t < first + window - 1e-9))
    return best


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100/minute", (100, 60)),
        ("100 per minute", (100, 60)),
        ("20/2 seconds", (20, 2)),
        ("20 per 2 seconds", (20, 2)),
        (" 5 / 3 Hours ", (5, 3 * 3600)),
        ("1/day", (1, 86400)),
        ("7/second", (7, 1)),
    ],
)
def test_parse_limit_reads_counts_and_periods(text: str, expected: tuple[int, int]) -> None:
    assert parse_limit(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "minute",
        "100",
        "0/minute",  # would never admit a request
        "10/0 seconds",  # `limits.parse` reads it as 10 per second
        "1.5/second",
        "-1/second",
        "5/fortnight",
        "5/month",
        "100/minute;10/second",
        "100/minute junk",
    ],
)
def test_unparsable_limits_are_value_errors_naming_the_grammar(text: str) -> None:
    with pytest.raises(ValueError, match="rate limit"):
        parse_limit(text)
    with pytest.raises(ValueError, match="rate limit"):
        LocalRateLimiter(text)


@pytest.mark.parametrize("rate", [0, -1, 0.0, float("nan"), float("inf"), -float("inf")])
def test_bad_rates_per_second_are_value_errors(rate: float) -> None:
    with pytest.raises(ValueError, match="requests per second"):
        LocalRateLimiter(rate)


@pytest.mark.parametrize("value", [True, None, b"100/minute", [100, 60], object()])
def test_non_limits_are_type_errors(value: Any) -> None:
    with pytest.raises(TypeError, match="rate limit"):
        LocalRateLimiter(value)


async def test_bad_limits_fail_before_any_request(server: ScriptedServer) -> None:
    server.default("GET", "/ping", Reply.ok({}))
    with pytest.raises(ValueError, match="rate limit"):
        make_client(server, rate_limit=LocalRateLimiter("many/minute"))
    with pytest.raises(TypeError, match="rate_limit must be a RateLimiter"):
        make_client(server, rate_limit="100/minute")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="either requests_per_second= or rate_limit="):
        make_client(server, requests_per_second=5, rate_limit=LocalRateLimiter("5/second"))
    with pytest.raises(TypeError, match="either requests_per_second= or rate_limit="):
        AstravueSyncClient(
            org_id=7,
            access_token="t",
            base_url=server.url,
            requests_per_second=5,
            rate_limit=LocalRateLimiter("5/second"),
        )
    assert server.requests == []


# --------------------------------------------------------------------------- LocalRateLimiter


async def test_local_limiter_admits_n_per_moving_window() -> None:
    time_ = VirtualTime()
    limiter = LocalRateLimiter("3 per 10 seconds", clock=time_.clock, sleep=time_.sleep)
    starts: list[float] = []

    async def one() -> None:
        await limiter.acquire()
        starts.append(time_.now)

    await asyncio.gather(*(one() for _ in range(10)))
    assert len(starts) == 10
    # A burst of 3, then each further start as soon as the oldest of the last 3 is 10 s old.
    assert starts == [1000.0] * 3 + [1010.0] * 3 + [1020.0] * 3 + [1030.0]
    assert most_in_any_window(starts, 10.0) == 3


async def test_local_limiter_per_second_number_spaces_starts_evenly() -> None:
    time_ = VirtualTime()
    limiter = LocalRateLimiter(4.0, clock=time_.clock, sleep=time_.sleep)
    starts: list[float] = []
    for _ in range(5):
        await limiter.acquire()
        starts.append(time_.now)
    assert [b - a for a, b in itertools.pairwise(starts)] == pytest.approx([0.25] * 4)


async def test_local_limiter_serves_waiters_in_arrival_order() -> None:
    time_ = VirtualTime()
    limiter = LocalRateLimiter("1/second", clock=time_.clock, sleep=time_.sleep)
    order: list[int] = []

    async def one(i: int) -> None:
        await limiter.acquire()
        order.append(i)

    tasks = []
    for i in range(8):
        tasks.append(asyncio.create_task(one(i)))
        await asyncio.sleep(0)  # each queued before the next is created
    await asyncio.gather(*tasks)
    assert order == list(range(8))


async def test_a_cancelled_waiter_takes_nothing_from_the_budget() -> None:
    now = [0.0]
    release = asyncio.Event()

    async def blocking_sleep(delay: float) -> None:
        await release.wait()

    limiter = LocalRateLimiter("1/second", clock=lambda: now[0], sleep=blocking_sleep)
    await limiter.acquire()  # the one slot of this second
    waiting = [asyncio.create_task(limiter.acquire()) for _ in range(5)]
    await asyncio.sleep(0.01)
    for task in waiting:
        task.cancel()
    await asyncio.gather(*waiting, return_exceptions=True)
    now[0] = 1.0
    # Had the cancelled waiters reserved slots 1..5 s ahead, this would have to wait.
    await asyncio.wait_for(limiter.acquire(), 1.0)


def test_one_local_limiter_is_shared_by_several_event_loops() -> None:
    limiter = LocalRateLimiter("6/hour")
    admitted: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        async def run() -> None:
            for _ in range(3):
                await limiter.acquire()
                admitted.append(1)

        try:
            asyncio.run(asyncio.wait_for(run(), 10))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert len(admitted) == 6

    async def seventh() -> None:
        await asyncio.wait_for(limiter.acquire(), 0.3)

    with pytest.raises(TimeoutError):  # the hour's budget is spent, whichever loop spent it
        asyncio.run(seventh())


def test_local_limiter_satisfies_the_protocol() -> None:
    assert isinstance(LocalRateLimiter(1), RateLimiter)
    assert isinstance(CountingLimiter(), RateLimiter)
    assert repr(LocalRateLimiter("100/minute")) == "LocalRateLimiter('100/minute')"


# --------------------------------------------------------------------------- the transport


async def test_every_attempt_acquires_once_retries_included(server: ScriptedServer) -> None:
    server.script("GET", "/ping", Reply.error(503), Reply.error(502))
    server.default("GET", "/ping", Reply.ok({"ok": True}))
    limiter = CountingLimiter()
    async with make_client(server, rate_limit=limiter) as client:
        assert await client.request("GET", "/ping") == {"ok": True}
    assert len(server.requests) == 3
    assert limiter.acquired == 3


async def test_the_replay_after_a_401_acquires_too() -> None:
    async with running_server(enforce_auth=True) as server:
        server.default("GET", "/ping", Reply.ok({}))
        token = OAuth2Token(
            access_token="revoked-access-token",
            refresh_token=server.issue_refresh_token(),
            expires_at=utcnow() + timedelta(hours=1),
        )
        limiter = CountingLimiter()
        async with make_client(server, token=token, client_id="cid", rate_limit=limiter) as c:
            await c.request("GET", "/ping")
        assert len(server.requests) == 2  # the 401, then the replay
        assert limiter.acquired == 2


async def test_a_429_retry_after_is_still_honoured_with_a_limiter(server: ScriptedServer) -> None:
    server.script("GET", "/ping", Reply.error(429, headers={"Retry-After": "2"}))
    server.default("GET", "/ping", Reply.ok({}))
    time_ = VirtualTime()
    limiter = LocalRateLimiter("100/minute", clock=time_.clock, sleep=time_.sleep)
    client = make_client(server, rate_limit=limiter)
    async with client:
        await client.request("GET", "/ping")
    backoff = client._transport._sleep
    assert isinstance(backoff, FakeSleep)
    assert backoff.delays and backoff.delays[0] >= 2.0
    assert len(server.requests) == 2
    assert time_.delays == []  # the budget itself had room


async def test_the_limiter_wait_counts_toward_the_call_timeout(server: ScriptedServer) -> None:
    server.default("GET", "/ping", Reply.ok({}))
    limiter = LocalRateLimiter("1/hour")
    async with make_client(server, rate_limit=limiter, timeout=0.5) as client:
        await client.request("GET", "/ping")
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="rate limit") as caught:
            await client.request("GET", "/ping")
        assert time.monotonic() - started < 5.0
    assert caught.value.request_sent is False
    assert len(server.requests) == 1


async def test_the_budget_is_taken_after_the_connection_slot(server: ScriptedServer) -> None:
    # Taken before it, a budget spent while queued for a slot would let the queue leave in
    # one burst as slots free up.
    server.default("GET", "/ping", Reply.ok({}, delay=0.02))
    limiter = CountingLimiter(server)
    async with make_client(server, rate_limit=limiter, max_concurrency=1) as client:
        await asyncio.gather(*(client.request("GET", "/ping") for _ in range(5)))
    assert limiter.in_flight_at_acquire == [0] * 5


class FailingLimiter:
    def __init__(self, result: str) -> None:
        self.result = result
        self.calls = 0

    def acquire(self) -> Any:
        self.calls += 1
        if self.result == "raise" and self.calls == 1:
            raise RuntimeError("limiter broke")
        if self.result == "sync":
            return None

        async def ok() -> None:
            return None

        return ok()


@pytest.mark.parametrize("result", ["raise", "sync"])
async def test_a_broken_limiter_fails_the_call_and_frees_its_slot(
    server: ScriptedServer, result: str
) -> None:
    server.default("GET", "/ping", Reply.ok({}))
    limiter = FailingLimiter(result)
    async with make_client(server, rate_limit=limiter, max_concurrency=1) as client:
        expected = (RuntimeError, "limiter broke") if result == "raise" else (TypeError, "async")
        with pytest.raises(expected[0], match=expected[1]):
            await client.request("GET", "/ping")
        if result == "raise":
            # The connection slot was given back: the next call does not hang.
            await asyncio.wait_for(client.request("GET", "/ping"), 5)
    assert len(server.requests) == (1 if result == "raise" else 0)


def test_the_sync_client_takes_a_rate_limit() -> None:
    async def serve_and_call() -> None:
        async with running_server() as srv:
            srv.default("GET", "/ping", Reply.ok({}))
            limiter = CountingLimiter()

            def blocking() -> None:
                with AstravueSyncClient(
                    org_id=7,
                    access_token="t",
                    base_url=srv.url,
                    rate_limit=limiter,
                ) as client:
                    client.request("GET", "/ping")
                    client.request("GET", "/ping")

            await asyncio.to_thread(blocking)
            assert limiter.acquired == 2
            assert len(srv.requests) == 2

    asyncio.run(serve_and_call())


# --------------------------------------------------------------------------- RedisRateLimiter


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with running_redis() as redis:
        yield redis


def test_redis_limiter_arguments_are_checked_before_use() -> None:
    with pytest.raises(ValueError, match="rate limit"):
        RedisRateLimiter("redis://127.0.0.1:1/0", limit="100/fortnight")
    with pytest.raises(ValueError, match="rate limit"):
        RedisRateLimiter("redis://127.0.0.1:1/0", fallback_limit="0/minute")
    with pytest.raises(ValueError, match="redis://") as caught:
        RedisRateLimiter("http://user:hunter2-secret@example/0")
    assert "hunter2" not in str(caught.value)
    with pytest.raises(TypeError, match="url_or_client"):
        RedisRateLimiter(6379)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="key"):
        RedisRateLimiter("redis://127.0.0.1:1/0", key="")
    limiter = RedisRateLimiter("redis://:hunter2-secret@127.0.0.1:1/0", key="k", limit="5/second")
    assert "hunter2" not in repr(limiter)
    assert repr(limiter) == "RedisRateLimiter('redis://127.0.0.1:1/0', key='k', limit='5/second')"


def test_a_missing_extra_is_an_import_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "limits", None)
    with pytest.raises(ImportError, match=r"astravue-async\[redis\]"):
        RedisRateLimiter("redis://127.0.0.1:1/0")


async def test_redis_limiters_on_one_key_share_one_budget(redis_server: RedisServer) -> None:
    async with (
        RedisRateLimiter(redis_server.url, key="t:share", limit="4/hour") as first,
        RedisRateLimiter(redis_server.url, key="t:share", limit="4/hour") as second,
        RedisRateLimiter(redis_server.url, key="t:other", limit="4/hour") as other,
    ):
        for limiter in (first, second, first, second):
            await asyncio.wait_for(limiter.acquire(), 5)
        for limiter in (first, second):
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(limiter.acquire(), 0.3)
        await asyncio.wait_for(other.acquire(), 5)  # another key, another budget
        assert not first.using_fallback


async def test_redis_limiter_waits_until_the_window_frees_a_slot(
    redis_server: RedisServer,
) -> None:
    delays: list[float] = []

    async def recording_sleep(delay: float) -> None:
        delays.append(delay)
        await asyncio.sleep(delay)

    async with RedisRateLimiter(
        redis_server.url, key="t:wait", limit="2/second", sleep=recording_sleep
    ) as limiter:
        await limiter.acquire()
        await limiter.acquire()
        await asyncio.wait_for(limiter.acquire(), 10)
    assert delays
    # Until the oldest start is a second old, plus at most 0.05 s of jitter.
    assert all(0 < delay <= 1.06 for delay in delays), delays


async def test_redis_limiter_uses_a_client_of_yours_and_leaves_it_open(
    redis_server: RedisServer,
) -> None:
    import redis.asyncio

    client = redis.asyncio.Redis.from_url(redis_server.url)
    try:
        async with RedisRateLimiter(client, key="t:yours", limit="3/hour") as limiter:
            await limiter.acquire()
        assert await client.ping()
        keys = await client.keys("t:yours*")
        assert keys  # the budget lives under the key prefix given
    finally:
        await client.aclose()


async def test_redis_unavailable_falls_back_to_a_local_budget_and_recovers(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("astravue_async._ratelimit_redis._RETRY_REDIS_AFTER", 0.2)
    caplog.set_level(logging.DEBUG, logger="astravue_async")
    redis = RedisServer()
    try:
        url = f"redis://:hunter2-secret@127.0.0.1:{redis.port}/0"
        async with RedisRateLimiter(
            url, key="t:down", limit="100/minute", fallback_limit="2/hour"
        ) as limiter:
            # Not started: the call is not failed, the local budget applies.
            await asyncio.wait_for(limiter.acquire(), 10)
            await asyncio.wait_for(limiter.acquire(), 10)
            assert limiter.using_fallback
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(limiter.acquire(), 0.3)
            warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
            assert len(warnings) == 1
            assert "unavailable" in warnings[0].getMessage()
            assert "hunter2" not in caplog.text
    finally:
        redis.close()


async def test_redis_limiter_comes_back_after_a_restart(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("astravue_async._ratelimit_redis._RETRY_REDIS_AFTER", 0.2)
    caplog.set_level(logging.INFO, logger="astravue_async")
    with running_redis() as redis:
        async with RedisRateLimiter(redis.url, key="t:restart", limit="50/minute") as limiter:
            await limiter.acquire()
            redis.stop()
            await asyncio.wait_for(limiter.acquire(), 10)
            assert limiter.using_fallback
            redis.start()
            await asyncio.sleep(0.3)
            await asyncio.wait_for(limiter.acquire(), 10)
            assert not limiter.using_fallback
        assert "reachable again" in caplog.text


async def test_a_redis_limiter_made_from_a_url_works_on_a_second_event_loop(
    redis_server: RedisServer,
) -> None:
    # Each loop gets its own Redis client (the sync client's loop thread, a second
    # asyncio.run()); the budget is the same key.
    async with RedisRateLimiter(redis_server.url, key="t:loop", limit="9/hour") as limiter:
        await limiter.acquire()

        def elsewhere() -> None:
            asyncio.run(limiter.acquire())

        await asyncio.to_thread(elsewhere)
