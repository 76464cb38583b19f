"""RedisTokenStore against a real redis-server: the TokenStore protocol, the lock and fencing.

Every test talks to a real ``redis-server`` (tests/_redis_server.py) on 127.0.0.1; nothing is
mocked. Faults are real too: a port nobody listens on, a server that accepts connections and
never answers, a restart that loses every key.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import socket
import sys
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import attrs
import pytest
import redis.asyncio
from _redis_server import RedisServer, running_redis

from astravue_async import LeaseLostError, TokenStoreError
from astravue_async.auth import OAuth2Token
from astravue_async.auth._store import TokenLease, TokenStore
from astravue_async.redis import RedisRateLimiter, RedisTokenStore

NO_HANG = 30.0  # seconds; only there to turn a hang into a failure


def make_token(label: str = "") -> OAuth2Token:
    return OAuth2Token(
        access_token=f"at-{label}-{secrets.token_urlsafe(16)}",
        refresh_token=f"rt-{label}-{secrets.token_urlsafe(16)}",
        expires_at=datetime(2030, 1, 1, tzinfo=UTC),
        scope="openid",
    )


def secrets_of(*tokens: OAuth2Token) -> list[str]:
    found: list[str] = []
    for token in tokens:
        found.append(token.access_token)
        if token.refresh_token is not None:
            found.append(token.refresh_token)
    return found


def assert_clean(exc: BaseException, forbidden: list[str]) -> None:
    """No forbidden string in the message, repr or anywhere along the exception chain."""
    seen: BaseException | None = exc
    while seen is not None:
        for text in (str(seen), repr(seen)):
            for secret in forbidden:
                assert secret not in text, f"a secret leaked into {type(seen).__name__}"
        seen = seen.__cause__ or seen.__context__


def assert_logs_clean(caplog: pytest.LogCaptureFixture, forbidden: list[str]) -> None:
    for record in caplog.records:
        text = record.getMessage()
        for secret in forbidden:
            assert secret not in text, f"a secret leaked into the log: {record.msg!r}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with running_redis() as server:
        yield server


@pytest.fixture
def key() -> str:
    # One key per test: tests share the module's server.
    return f"astravue:test:{secrets.token_hex(6)}"


@pytest.fixture
async def store(redis_server: RedisServer, key: str) -> AsyncIterator[RedisTokenStore]:
    async with RedisTokenStore(redis_server.url, key=key) as opened:
        yield opened


@pytest.fixture
async def raw(redis_server: RedisServer) -> AsyncIterator[redis.asyncio.Redis]:
    client = redis.asyncio.Redis.from_url(redis_server.url)
    try:
        yield client
    finally:
        await client.aclose()


# --------------------------------------------------------------------------- protocol


async def test_load_save_clear_round_trip(
    store: RedisTokenStore, raw: redis.asyncio.Redis, key: str
) -> None:
    assert await store.load() is None
    first, second = make_token("1"), make_token("2")

    await store.save(first)
    assert await store.load() == first
    await store.save(second)
    assert await store.load() == second

    stored = json.loads(await raw.get(key) or "")
    assert stored["version"] == 2  # every save counts up
    assert OAuth2Token.from_dict(stored["token"]) == second

    await store.clear()
    assert await store.load() is None
    await store.clear()  # nothing there: a no-op
    await store.save(first)
    # clear keeps the counter, so a version is never handed out twice.
    assert json.loads(await raw.get(key) or "")["version"] == 3


async def test_store_and_lease_satisfy_the_protocol(store: RedisTokenStore) -> None:
    assert isinstance(store, TokenStore)
    async with store.lock() as lease:
        assert isinstance(lease, TokenLease)


async def test_tokens_without_optional_fields_round_trip(store: RedisTokenStore) -> None:
    bare = OAuth2Token(access_token="at-" + secrets.token_urlsafe(16))
    await store.save(bare)
    assert await store.load() == bare


async def test_a_client_passed_in_is_used_as_it_is_and_left_open(
    redis_server: RedisServer, key: str
) -> None:
    # decode_responses=True makes GET return str instead of bytes: both must work.
    client = redis.asyncio.Redis.from_url(redis_server.url, decode_responses=True)
    try:
        store = RedisTokenStore(client, key=key)
        assert "127.0.0.1" in repr(store)
        token = make_token()
        await store.save(token)
        assert await store.load() == token
        async with store.lock() as lease:
            assert await lease.load() == token
            newer = make_token("newer")
            await lease.save(newer)
        assert await store.load() == newer
        await store.aclose()
        assert await client.ping()  # still the caller's, still open
    finally:
        await client.aclose()


async def test_aclose_closes_the_client_it_created_and_the_store_refuses_further_use(
    redis_server: RedisServer, key: str
) -> None:
    store = RedisTokenStore(redis_server.url, key=key)
    await store.save(make_token())
    await store.aclose()
    await store.aclose()  # idempotent
    with pytest.raises(TokenStoreError, match="closed"):
        await store.load()
    with pytest.raises(TokenStoreError, match="closed"):
        async with store.lock():
            pass


# --------------------------------------------------------------------------- the lock


async def test_lock_excludes_other_workers_with_their_own_clients(
    redis_server: RedisServer, key: str
) -> None:
    stores = [RedisTokenStore(redis_server.url, key=key) for _ in range(6)]
    inside = 0
    most = 0
    entered = 0

    async def worker(store: RedisTokenStore) -> None:
        nonlocal inside, most, entered
        for _ in range(3):
            async with store.lock():
                inside += 1
                entered += 1
                most = max(most, inside)
                await asyncio.sleep(0.01)  # hold it across a suspension point
                inside -= 1

    try:
        await asyncio.wait_for(asyncio.gather(*(worker(s) for s in stores)), NO_HANG)
    finally:
        for store in stores:
            await store.aclose()
    assert entered == 18
    assert most == 1


async def test_a_second_worker_waits_until_the_first_gives_the_lock_back(
    redis_server: RedisServer, key: str
) -> None:
    async with (
        RedisTokenStore(redis_server.url, key=key) as first,
        RedisTokenStore(redis_server.url, key=key) as second,
    ):
        holding = first.lock()
        await holding.__aenter__()
        waiter = asyncio.create_task(second.lock().__aenter__())
        await asyncio.sleep(0.3)
        assert not waiter.done(), "the second worker got a lock the first still holds"
        await holding.__aexit__(None, None, None)
        lease = await asyncio.wait_for(waiter, NO_HANG)
        assert await lease.load() is None


async def test_lock_timeout_raises_a_clear_token_store_error_within_the_bound(
    redis_server: RedisServer, key: str
) -> None:
    async with (
        RedisTokenStore(redis_server.url, key=key, lease=30) as holder,
        RedisTokenStore(redis_server.url, key=key, lock_timeout=0.5) as waiter,
        holder.lock(),
    ):
        started = time.monotonic()
        with pytest.raises(TokenStoreError) as caught:
            async with waiter.lock():
                pytest.fail("got a lock another worker holds")
        elapsed = time.monotonic() - started
    assert 0.5 <= elapsed < 5.0
    message = str(caught.value)
    assert "could not obtain the refresh lock" in message
    assert "within 0.5 s" in message
    assert not isinstance(caught.value, LeaseLostError)


async def test_a_worker_that_died_holding_the_lock_blocks_others_for_one_lease_only(
    redis_server: RedisServer, key: str
) -> None:
    async with (
        RedisTokenStore(redis_server.url, key=key, lease=1) as dead,
        RedisTokenStore(redis_server.url, key=key, lock_timeout=10) as alive,
    ):
        await dead.lock().__aenter__()  # never released, like a killed process
        started = time.monotonic()
        async with alive.lock():
            pass
        assert time.monotonic() - started < 5.0


async def test_a_cancelled_wait_leaves_no_lock_behind(
    store: RedisTokenStore, redis_server: RedisServer, key: str, raw: redis.asyncio.Redis
) -> None:
    async with RedisTokenStore(redis_server.url, key=key) as other:
        async with store.lock():
            waiter = asyncio.create_task(other.lock().__aenter__())
            await asyncio.sleep(0.1)
            waiter.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiter
        assert await raw.exists(f"{key}:lock") == 0
        async with other.lock():  # nobody holds it now: taken at once
            pass


async def test_the_lock_is_given_back_when_the_block_raises(
    store: RedisTokenStore, raw: redis.asyncio.Redis, key: str
) -> None:
    with pytest.raises(ZeroDivisionError):
        async with store.lock():
            1 / 0  # noqa: B018
    assert await raw.exists(f"{key}:lock") == 0


async def test_lease_save_writes_while_the_lock_is_held(
    store: RedisTokenStore, raw: redis.asyncio.Redis, key: str
) -> None:
    old, new = make_token("old"), make_token("new")
    await store.save(old)
    async with store.lock() as lease:
        assert await lease.load() == old
        await lease.save(new)
        assert await lease.load() == new
        newest = make_token("newest")
        await lease.save(newest)  # a second save in the same lease
    assert await store.load() == newest
    assert await raw.exists(f"{key}:lock") == 0


# --------------------------------------------------------------------------- fencing


@pytest.mark.parametrize("second_still_holds_the_lock", [True, False])
async def test_an_expired_lease_cannot_overwrite_the_newer_token(
    redis_server: RedisServer,
    key: str,
    caplog: pytest.LogCaptureFixture,
    second_still_holds_the_lock: bool,
) -> None:
    original, slow, fast = make_token("original"), make_token("slow"), make_token("fast")
    async with (
        RedisTokenStore(redis_server.url, key=key, lease=1) as first,
        RedisTokenStore(redis_server.url, key=key, lock_timeout=10) as second,
    ):
        await first.save(original)
        with caplog.at_level(logging.DEBUG, logger="astravue_async"):
            async with first.lock() as slow_lease:
                assert await slow_lease.load() == original
                # The first worker's refresh outlives its lease; the second takes over.
                async with second.lock() as fast_lease:
                    assert await fast_lease.load() == original
                    await fast_lease.save(fast)
                    if second_still_holds_the_lock:
                        with pytest.raises(LeaseLostError) as caught:
                            await slow_lease.save(slow)
                if not second_still_holds_the_lock:
                    with pytest.raises(LeaseLostError) as caught:
                        await slow_lease.save(slow)
            assert await second.load() == fast
    assert "nothing was written" in str(caught.value)
    assert isinstance(caught.value, TokenStoreError)
    assert_clean(caught.value, secrets_of(original, slow, fast))
    assert_logs_clean(caplog, secrets_of(original, slow, fast))
    # The first worker's late exit said why, and did not delete anyone's lock.
    assert any("expired before it was given back" in r.getMessage() for r in caplog.records)


async def test_a_late_exit_never_deletes_the_lock_another_worker_took(
    redis_server: RedisServer, key: str, raw: redis.asyncio.Redis
) -> None:
    async with (
        RedisTokenStore(redis_server.url, key=key, lease=1) as first,
        RedisTokenStore(redis_server.url, key=key, lock_timeout=10) as second,
    ):
        late = first.lock()
        await late.__aenter__()
        async with second.lock():
            owner = await raw.get(f"{key}:lock")
            await late.__aexit__(None, None, None)
            assert await raw.get(f"{key}:lock") == owner
            # ... so a third worker still cannot get in.
            async with RedisTokenStore(redis_server.url, key=key, lock_timeout=0.3) as third:
                with pytest.raises(TokenStoreError, match="could not obtain"):
                    async with third.lock():
                        pass


async def test_an_expired_lease_nobody_took_over_still_saves(
    redis_server: RedisServer, key: str
) -> None:
    # Nobody holds the lock and the token is the one the lease read: no newer token can
    # exist, and refusing would leave the store without the only refresh token that works.
    old, new = make_token("old"), make_token("new")
    async with RedisTokenStore(redis_server.url, key=key, lease=1) as store:
        await store.save(old)
        async with store.lock() as lease:
            assert await lease.load() == old
            await asyncio.sleep(1.2)
            await lease.save(new)
        assert await store.load() == new


async def test_an_expired_lease_cannot_overwrite_a_token_saved_without_the_lock(
    redis_server: RedisServer, key: str
) -> None:
    old, slow, other = make_token("old"), make_token("slow"), make_token("other")
    async with RedisTokenStore(redis_server.url, key=key, lease=1) as store:
        await store.save(old)
        async with store.lock() as lease:
            assert await lease.load() == old
            await asyncio.sleep(1.2)
            await store.save(other)  # e.g. a worker whose store has no lock() support
            with pytest.raises(LeaseLostError):
                await lease.save(slow)
        assert await store.load() == other


async def test_a_lease_used_after_its_block_refuses_to_save(store: RedisTokenStore) -> None:
    first = make_token("first")
    await store.save(first)
    async with store.lock() as lease:
        pass
    with pytest.raises(LeaseLostError, match="already given back"):
        await lease.save(make_token("late"))
    with pytest.raises(TypeError):
        await lease.save("not a token")  # type: ignore[arg-type]
    assert await store.load() == first


# --------------------------------------------------------------------------- failures


@pytest.fixture
def dead_url() -> str:
    # A password in the URL and in its query: neither may show up anywhere.
    return f"redis://worker:pw-{'s' * 12}@127.0.0.1:{free_port()}/0?password=qpw-{'q' * 12}"


async def test_a_redis_that_is_down_gives_clear_token_store_errors_without_secrets(
    dead_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    token = make_token("down")
    forbidden = [*secrets_of(token), "s" * 12, "q" * 12]
    store = RedisTokenStore(dead_url, key="astravue:token:down", lock_timeout=1, timeout=2)
    failures: list[TokenStoreError] = []
    started = time.monotonic()
    with caplog.at_level(logging.DEBUG):
        for operation in (store.load(), store.save(token), store.clear()):
            with pytest.raises(TokenStoreError) as caught:
                await operation
            failures.append(caught.value)
        with pytest.raises(TokenStoreError) as caught:
            async with store.lock():
                pytest.fail("locked a Redis that is down")
        failures.append(caught.value)
    await store.aclose()
    assert time.monotonic() - started < 20.0
    for failure in failures:
        message = str(failure)
        assert "redis://127.0.0.1:" in message
        assert "could not be reached" in message
        assert failure.__cause__ is None
        assert failure.__context__ is None or isinstance(failure.__context__, TokenStoreError)
        assert_clean(failure, forbidden)
    assert_logs_clean(caplog, forbidden)
    for text in (repr(store), str(store)):
        for secret in forbidden:
            assert secret not in text


async def test_a_redis_that_never_answers_times_out(key: str) -> None:
    held: list[asyncio.StreamWriter] = []

    async def accept_and_ignore(
        _reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        held.append(writer)

    server = await asyncio.start_server(accept_and_ignore, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    url = f"redis://127.0.0.1:{port}/0"
    # Both a client the store makes and one passed in without any socket timeout of its own.
    mute = redis.asyncio.Redis.from_url(url, socket_timeout=None)
    try:
        for target in (url, mute):
            store = RedisTokenStore(target, key=key, timeout=0.5, lock_timeout=0.5)
            started = time.monotonic()
            with pytest.raises(TokenStoreError, match=r"did not answer within 0\.5 s"):
                await store.load()
            with pytest.raises(TokenStoreError, match=r"did not answer within 0\.5 s"):
                async with store.lock():
                    pass
            assert time.monotonic() - started < 5.0
            await store.aclose()
    finally:
        await mute.aclose()
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize("passed_in", [False, True])
async def test_a_restart_between_calls_loses_the_data_but_not_the_store(passed_in: bool) -> None:
    # redis-server without persistence (as tests/_redis_server.py runs it) forgets every key
    # on restart; the pooled connection is dead too. The store reconnects, reads "no token"
    # (which TokenManager takes as "nothing newer than mine") and the next save puts it back.
    token, newer = make_token("before"), make_token("after")
    with running_redis() as server:
        client = redis.asyncio.Redis.from_url(server.url) if passed_in else None
        try:
            async with RedisTokenStore(client or server.url, key="astravue:token:r") as store:
                await store.save(token)
                assert await store.load() == token
                await asyncio.to_thread(server.restart)
                assert await store.load() is None
                async with store.lock() as lease:
                    assert await lease.load() is None
                    await lease.save(newer)
                assert await store.load() == newer
        finally:
            if client is not None:
                await client.aclose()


async def test_a_restart_while_the_lease_is_held_still_stores_the_new_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The refresh has already spent the old refresh token at the server: the new one must
    # reach the store although the restart took the lock (and the old token) away.
    old, new = make_token("old"), make_token("new")
    with running_redis() as server:
        async with RedisTokenStore(server.url, key="astravue:token:r") as store:
            await store.save(old)
            async with store.lock() as lease:
                assert await lease.load() == old
                await asyncio.to_thread(server.restart)
                await lease.save(new)
            assert await store.load() == new


async def test_a_redis_down_mid_lease_fails_the_save_clearly_and_the_exit_quietly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    new = make_token("new")
    with running_redis() as server:
        async with RedisTokenStore(server.url, key="astravue:token:r", timeout=1) as store:
            with caplog.at_level(logging.WARNING, logger="astravue_async"):
                async with store.lock() as lease:
                    await asyncio.to_thread(server.stop)
                    with pytest.raises(TokenStoreError, match="could not be reached") as caught:
                        await lease.save(new)
                    assert not isinstance(caught.value, LeaseLostError)
            # Giving the lock back failed: logged, not raised (it expires by itself).
            assert any("expires by itself" in r.getMessage() for r in caplog.records)
            assert_clean(caught.value, secrets_of(new))
            assert_logs_clean(caplog, secrets_of(new))


@pytest.mark.parametrize(
    "value",
    [
        b"not json at all",
        b"\xff\xfe binary",
        b'["a", "list"]',
        b'{"version": 1}',
        b'{"version": 1, "token": "at-SECRETVALUE-1234567890"}',
        b'{"version": 1, "token": {"access_token": "", "refresh_token": "rt-SECRETVALUE-0987"}}',
        b'{"version": 1, "token": {"access_token": "at-SECRETVALUE-12345678", "refresh_token": 5}}',
        b"[" * 100_000,
    ],
)
async def test_a_value_that_is_not_a_stored_token_is_a_clear_error(
    store: RedisTokenStore, raw: redis.asyncio.Redis, key: str, value: bytes
) -> None:
    await raw.set(key, value)
    with pytest.raises(TokenStoreError) as caught:
        await store.load()
    assert f"{key!r}" in str(caught.value)
    assert_clean(caught.value, ["SECRETVALUE"])
    async with store.lock() as lease:
        with pytest.raises(TokenStoreError):
            await lease.load()
        # Saving replaces it: the refreshed token must never be refused over old garbage.
        token = make_token()
        await lease.save(token)
    assert await store.load() == token


async def test_a_key_of_another_type_is_a_clear_error_and_is_replaced_by_save(
    store: RedisTokenStore, raw: redis.asyncio.Redis, key: str
) -> None:
    await raw.hset(key, "field", "value")
    with pytest.raises(TokenStoreError, match="WRONGTYPE"):
        await store.load()
    token = make_token()
    await store.save(token)
    assert await store.load() == token


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"key": ""}, ValueError),
        ({"key": "   "}, ValueError),
        ({"key": "a\nb"}, ValueError),
        ({"key": 5}, TypeError),
        ({"lease": 0}, ValueError),
        ({"lease": -1}, ValueError),
        ({"lease": float("nan")}, ValueError),
        ({"lease": float("inf")}, ValueError),
        ({"lease": 0.0001}, ValueError),
        ({"lease": 0.999}, ValueError),
        ({"lease": True}, TypeError),
        ({"lease": "60"}, TypeError),
        ({"lock_timeout": 0}, ValueError),
        ({"lock_timeout": float("inf")}, ValueError),
        ({"lock_timeout": None}, TypeError),
        ({"timeout": -0.5}, ValueError),
        ({"timeout": False}, TypeError),
    ],
)
def test_bad_arguments_are_refused_before_any_request(
    kwargs: dict[str, object], error: type[Exception]
) -> None:
    # Port 1: nothing listens there, and nothing is ever sent.
    with pytest.raises(error):
        RedisTokenStore("redis://127.0.0.1:1/0", **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "target",
    [
        "",
        "   ",
        "http://127.0.0.1:6379/0",
        "127.0.0.1:6379",
        "redis://:pw-ssssssssssss@127.0.0.1:notaport/0",
        "rediss://user:pw-ssssssssssss@host/0?db=notanumber",
    ],
)
def test_bad_urls_are_refused_without_quoting_a_password(target: str) -> None:
    with pytest.raises(ValueError) as caught:
        RedisTokenStore(target)
    assert_clean(caught.value, ["pw-ssssssssssss"])


@pytest.mark.parametrize("target", [None, 6379, b"redis://127.0.0.1", object()])
def test_other_targets_are_a_type_error(target: object) -> None:
    with pytest.raises(TypeError, match=r"redis\.asyncio\.Redis"):
        RedisTokenStore(target)  # type: ignore[arg-type]


async def test_saving_something_else_than_a_token_is_a_type_error(
    store: RedisTokenStore,
) -> None:
    for wrong in ("at-123", {"access_token": "x"}, None):
        with pytest.raises(TypeError, match="OAuth2Token"):
            await store.save(wrong)  # type: ignore[arg-type]
        async with store.lock() as lease:
            with pytest.raises(TypeError, match="OAuth2Token"):
                await lease.save(wrong)  # type: ignore[arg-type]
    assert await store.load() is None


def test_repr_shows_where_and_which_key_but_no_password() -> None:
    store = RedisTokenStore(
        "rediss://admin:pw-ssssssssssss@cache.internal:6380/2?password=qpw-qqqqqqqqqqq",
        key="astravue:token:alice",
    )
    text = repr(store)
    assert "rediss://cache.internal:6380/2" in text
    assert "astravue:token:alice" in text
    assert "ssssssss" not in text and "qqqqqqqq" not in text and "admin" not in text
    # Never connected, but the client exists: close it so no ResourceWarning follows.
    asyncio.run(store.aclose())


def test_without_redis_installed_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [name for name in sys.modules if name == "redis" or name.startswith("redis.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "redis", None)
    monkeypatch.setitem(sys.modules, "redis.asyncio", None)
    with pytest.raises(ImportError, match=r"pip install 'astravue-async\[redis\]'"):
        RedisTokenStore("redis://127.0.0.1:1/0")


async def test_nothing_secret_reaches_the_log_in_normal_use(
    redis_server: RedisServer, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    tokens = [make_token(str(n)) for n in range(3)]
    with caplog.at_level(logging.DEBUG):
        async with RedisTokenStore(redis_server.url, key=key, lease=1) as store:
            await store.save(tokens[0])
            async with store.lock() as lease:
                await lease.load()
                await lease.save(tokens[1])
                await asyncio.sleep(1.2)  # a late exit logs a warning
            await store.save(tokens[2])
            await store.load()
            await store.clear()
    assert caplog.records, "the late exit should have been logged"
    assert_logs_clean(caplog, secrets_of(*tokens))


async def test_a_stale_expiry_does_not_matter_to_the_store(store: RedisTokenStore) -> None:
    # The store keeps what it is given; judging expiry is TokenManager's job.
    expired = attrs.evolve(make_token("expired"), expires_at=datetime.now(UTC) - timedelta(hours=1))
    await store.save(expired)
    assert await store.load() == expired


@pytest.mark.parametrize(
    ("target", "shown", "reason"),
    [
        ("redis://:pw-ssssssssssss@127.0.0.1:99999/0", "redis://127.0.0.1:99999/0", "port"),
        ("redis://:pw-ssssssssssss@127.0.0.1:0/0", "redis://127.0.0.1:0/0", "port"),
        ("redis://user:pw-ssssssssssss@127.0.0.1:63x9/0", "redis://127.0.0.1:63x9/0", "port"),
        ("redis:///nohost", "redis:///nohost", "no host"),
        ("redis://:pw-ssssssssssss@/0", "redis:///0", "no host"),
        ("rediss://:pw-ssssssssssss@:6379/0", "rediss://:6379/0", "no host"),
        ("redis://127.0.0.1:6379/cache", "redis://127.0.0.1:6379/cache", "database"),
        ("unix://", "unix://", "socket path"),
        ("redis://h/0?db=x&password=pw-ssssssssssss", "redis://h/0", "'db'"),
    ],
)
def test_a_url_redis_py_would_misread_is_refused_with_the_reason(
    target: str, shown: str, reason: str
) -> None:
    # redis-py would connect to localhost, to port 6379 or to database 0 instead.
    with pytest.raises(ValueError) as caught:
        RedisTokenStore(target)
    message = str(caught.value)
    assert shown in message
    assert reason in message
    assert_clean(caught.value, ["pw-ssssssssssss", "user"])
    # The rate limiter refuses the same URLs.
    with pytest.raises(ValueError) as caught:
        RedisRateLimiter(target)
    assert_clean(caught.value, ["pw-ssssssssssss"])


def test_a_unix_socket_url_needs_no_host() -> None:
    store = RedisTokenStore("unix:///run/redis/redis.sock?db=2&password=pw-ssssssssssss")
    assert "unix:///run/redis/redis.sock" in repr(store)
    assert "ssss" not in repr(store)
    asyncio.run(store.aclose())


@pytest.fixture(scope="module")
def redis_with_password() -> Iterator[tuple[RedisServer, str]]:
    password = "pw-" + secrets.token_hex(8)
    with running_redis() as server:

        async def require() -> None:
            async with redis.asyncio.Redis.from_url(server.url) as admin:
                await admin.config_set("requirepass", password)

        asyncio.run(require())
        yield server, password


@pytest.mark.parametrize("given", ["wrong", "missing", "wrong user"])
@pytest.mark.parametrize("passed_in", [False, True])
async def test_refused_credentials_are_a_clear_error_at_once(
    redis_with_password: tuple[RedisServer, str], key: str, given: str, passed_in: bool
) -> None:
    server, _ = redis_with_password
    wrong = "pw-wrongwrongwrong"
    credentials = {"wrong": f":{wrong}@", "missing": "", "wrong user": f"nobody:{wrong}@"}
    url = f"redis://{credentials[given]}127.0.0.1:{server.port}/0"
    client = redis.asyncio.Redis.from_url(url) if passed_in else None
    store = RedisTokenStore(client or url, key=key, timeout=5, lock_timeout=5)
    try:
        for attempt in (store.load, store.clear, store.lock().__aenter__):
            started = time.monotonic()
            with pytest.raises(TokenStoreError) as caught:
                await attempt()
            # Not retried for the 5 s timeout: waiting does not make a password right.
            assert time.monotonic() - started < 2.5
            message = str(caught.value)
            assert "refused the credentials" in message
            assert "AuthenticationError" not in message  # reads like the SDK's own error
            assert "could not be reached" not in message
            assert_clean(caught.value, [wrong])
    finally:
        await store.aclose()
        if client is not None:
            await client.aclose()


async def test_a_rate_limiter_says_redis_refused_the_credentials(
    redis_with_password: tuple[RedisServer, str], key: str, caplog: pytest.LogCaptureFixture
) -> None:
    server, _ = redis_with_password
    url = f"redis://:pw-wrongwrongwrong@127.0.0.1:{server.port}/0"
    with caplog.at_level(logging.WARNING, logger="astravue_async"):
        async with RedisRateLimiter(url, key=key, limit="9/hour") as limiter:
            await asyncio.wait_for(limiter.acquire(), 10)  # falls back, does not fail
            assert limiter.using_fallback
    text = caplog.text
    assert "refused the credentials" in text
    assert "AuthenticationError" not in text
    assert "wrongwrong" not in text


def test_a_lock_timeout_shorter_than_the_lease_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="astravue_async"):
        store = RedisTokenStore("redis://127.0.0.1:1/0", lease=30, lock_timeout=10)
    assert "lock_timeout (10 s) is shorter than lease (30 s)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="astravue_async"):
        fine = RedisTokenStore("redis://127.0.0.1:1/0", lease=30, lock_timeout=30)
    assert not caplog.records

    async def close() -> None:
        await store.aclose()
        await fine.aclose()

    asyncio.run(close())


def test_a_lease_under_a_second_is_refused() -> None:
    with pytest.raises(ValueError, match=r"lease must be at least 1 s"):
        RedisTokenStore("redis://127.0.0.1:1/0", lease=0.5)
