"""The token stores' refresh locks and their file-system errors (issue #13).

The multi-process behaviour (one refresh across processes, no lost profile updates) is in
tests/reliability/test_many_workers.py; these are the single-process properties.
"""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import pytest

from astravue_async import TokenStoreError
from astravue_async.auth import OAuth2Token, TokenLease, TokenStore
from astravue_async.stores import JSONFileTokenStore, MemoryTokenStore

TOKEN = OAuth2Token(access_token="AT-SECRET-1", refresh_token="RT-SECRET-1")


def test_stores_satisfy_the_protocol(tmp_path: Path) -> None:
    assert isinstance(MemoryTokenStore(), TokenStore)
    assert isinstance(JSONFileTokenStore(tmp_path / "t.json"), TokenStore)


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf")])
def test_lock_timeout_must_be_positive_and_finite(tmp_path: Path, value: float) -> None:
    with pytest.raises(ValueError, match="lock_timeout"):
        JSONFileTokenStore(tmp_path / "t.json", lock_timeout=value)
    with pytest.raises(TypeError, match="lock_timeout"):
        JSONFileTokenStore(tmp_path / "t.json", lock_timeout="5")  # type: ignore[arg-type]


async def test_file_lease_reads_and_writes_the_profile(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    store = JSONFileTokenStore(path)
    async with store.lock() as lease:
        assert isinstance(lease, TokenLease)
        assert await lease.load() is None
        await lease.save(TOKEN)  # the write lock is another file: no deadlock
        assert await lease.load() == TOKEN
    assert await store.load() == TOKEN
    lock_file = tmp_path / "t.json.refresh-default.lock"
    assert stat.S_IMODE(lock_file.stat().st_mode) == 0o600
    assert lock_file.read_bytes() == b""  # holds nothing, least of all a token


async def test_refresh_lock_times_out_with_a_token_store_error(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    waiter = JSONFileTokenStore(path, lock_timeout=0.5)
    loop = asyncio.get_running_loop()
    async with JSONFileTokenStore(path).lock():
        started = loop.time()
        with pytest.raises(TokenStoreError) as caught:
            async with waiter.lock():
                pytest.fail("got a lock that another store object holds")
        assert 0.4 < loop.time() - started < 5.0
    assert "t.json.refresh-default.lock" in str(caught.value)
    async with waiter.lock():  # free again once released
        pass


async def test_refresh_locks_are_per_profile(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    other = JSONFileTokenStore(path, profile="other", lock_timeout=0.5)
    async with JSONFileTokenStore(path, profile="work").lock():
        # Neither a refresh nor a save of another profile waits for this one.
        async with other.lock() as lease:
            await lease.save(TOKEN)
        await other.save(TOKEN)
        await JSONFileTokenStore(path, profile="work", lock_timeout=0.5).save(TOKEN)


async def test_a_cancelled_waiter_leaves_the_lock_free(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    holder = JSONFileTokenStore(path)
    entered = asyncio.Event()

    async def wait_for_it() -> None:
        async with JSONFileTokenStore(path).lock():
            entered.set()

    async with holder.lock():
        waiters = [asyncio.create_task(wait_for_it()) for _ in range(5)]
        await asyncio.sleep(0.1)  # polling by now, some attempt likely mid-flight
        for waiter in waiters:
            waiter.cancel()
        await asyncio.gather(*waiters, return_exceptions=True)
    assert not entered.is_set()
    await asyncio.sleep(0.05)  # let any attempt that was in a worker thread finish
    async with JSONFileTokenStore(path, lock_timeout=1.0).lock():
        pass


@pytest.mark.parametrize("profile", ["../../etc/passwd", "a/b", "x" * 300, "é spaces\n"])
async def test_profile_names_cannot_escape_the_directory(tmp_path: Path, profile: str) -> None:
    store = JSONFileTokenStore(tmp_path / "t.json", profile=profile)
    async with store.lock():
        pass
    assert store.refresh_lock_path.parent == tmp_path
    assert len(store.refresh_lock_path.name) < 100
    # Different profiles that reduce to the same text still get their own lock.
    twin = JSONFileTokenStore(tmp_path / "t.json", profile=profile + "/")
    assert twin.refresh_lock_path != store.refresh_lock_path


async def test_file_system_errors_are_token_store_errors_naming_the_file(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "t.json"
    directory.mkdir()  # the token "file" is a directory: unreadable, unwritable
    store = JSONFileTokenStore(directory)
    with pytest.raises(TokenStoreError) as caught:
        await store.load()
    assert str(directory) in str(caught.value)
    with pytest.raises(TokenStoreError) as caught:
        await store.save(TOKEN)
    assert str(directory) in str(caught.value)
    assert "SECRET" not in str(caught.value)


async def test_a_lock_file_that_cannot_be_created_is_a_token_store_error(
    tmp_path: Path,
) -> None:
    # Never a lease without the lock: that would let two processes refresh at once.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    store = JSONFileTokenStore(blocker / "t.json")
    with pytest.raises(TokenStoreError, match="refresh lock file"):
        async with store.lock():
            pass


async def test_a_symlinked_path_and_the_real_path_are_one_store(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "conf").symlink_to(real)
    via_link = JSONFileTokenStore(tmp_path / "conf" / "tokens.json")
    direct = JSONFileTokenStore(real / "tokens.json", lock_timeout=0.2)
    await via_link.save(TOKEN)
    assert (tmp_path / "conf").is_symlink()  # the link is left as it was
    assert await direct.load() == TOKEN
    assert via_link.refresh_lock_path == direct.refresh_lock_path
    async with via_link.lock():
        with pytest.raises(TokenStoreError):
            async with direct.lock():  # the same lock, whichever path was given
                pass


async def test_memory_store_lock_is_per_store_object() -> None:
    a, b = MemoryTokenStore(), MemoryTokenStore()
    async with a.lock():
        async with asyncio.timeout(1.0), b.lock():
            pass
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.1), a.lock():
                pass


def test_memory_store_lock_works_across_event_loops() -> None:
    store = MemoryTokenStore()

    async def use() -> None:
        async with store.lock() as lease:
            await lease.save(TOKEN)

    asyncio.run(use())
    asyncio.run(use())  # a lock bound to the first, closed loop would fail here
