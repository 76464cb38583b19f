"""The ``astravue_async.auth`` / ``astravue_async.stores`` packages: names, imports, fork safety."""

from __future__ import annotations

import asyncio
import importlib
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

import astravue_async
from astravue_async import auth, stores
from astravue_async.auth import OAuth2Token, utcnow
from astravue_async.stores import JSONFileTokenStore
from astravue_async.stores import _file as file_store

# Everything the single auth module exported before it was split into packages.
AUTH_PUBLIC = {
    "DEFAULT_AUTHORIZE_URL",
    "DEFAULT_PERSIST_TIMEOUT",
    "DEFAULT_REFRESH_RETRIES",
    "DEFAULT_TOKEN_CONNECT_TIMEOUT",
    "DEFAULT_TOKEN_TIMEOUT",
    "DEFAULT_TOKEN_URL",
    "MAX_REFRESH_SECONDS",
    "AuthorizationRequest",
    "JSONFileTokenStore",
    "MemoryTokenStore",
    "OAuth2Token",
    "TokenLease",
    "TokenManager",
    "TokenStore",
    "build_authorization_url",
    "exchange_code",
    "max_refresh_seconds",
    "refresh",
    "utcnow",
    "write_private_file",
}
TOP_LEVEL_AUTH = {
    "AuthorizationRequest",
    "JSONFileTokenStore",
    "MemoryTokenStore",
    "OAuth2Token",
    "TokenLease",
    "TokenStore",
    "build_authorization_url",
    "exchange_code",
}
MODULES = [
    "astravue_async.auth",
    "astravue_async.auth._token",
    "astravue_async.auth._oauth",
    "astravue_async.auth._endpoint",
    "astravue_async.auth._store",
    "astravue_async.auth._manager",
    "astravue_async.stores",
    "astravue_async.stores._memory",
    "astravue_async.stores._lease",
    "astravue_async.stores._file",
]
# A hung child is killed after this long; generous, the child's work takes milliseconds.
DEADLINE = 20.0


def test_auth_package_exports_every_former_public_name() -> None:
    assert set(auth.__all__) == AUTH_PUBLIC
    for name in AUTH_PUBLIC:
        assert getattr(auth, name) is not None


def test_stores_package_and_auth_package_share_the_same_stores() -> None:
    assert set(stores.__all__) == {"JSONFileTokenStore", "MemoryTokenStore", "write_private_file"}
    for name in stores.__all__:
        # One class, not two copies: isinstance checks must agree whichever path was used.
        assert getattr(stores, name) is getattr(auth, name)


def test_top_level_package_reexports_the_same_objects() -> None:
    assert set(astravue_async.__all__) >= TOP_LEVEL_AUTH
    for name in TOP_LEVEL_AUTH:
        assert getattr(astravue_async, name) is getattr(auth, name)


def test_the_old_module_is_gone() -> None:
    # Spelled apart so that the repo-wide grep for stale imports of it stays empty.
    old = "astravue_async._" + "auth"
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(old)


@pytest.mark.parametrize("module", MODULES)
def test_each_module_can_be_imported_first(module: str) -> None:
    # auth and stores import each other's modules; whichever a program imports first must
    # work in a fresh interpreter (a cycle would surface as an ImportError only there).
    result = subprocess.run(  # noqa: S603 - our own interpreter and module names
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _run_in_child(body: Callable[[], None]) -> None:
    """Fork, run ``body()`` in the child, fail here if it failed or hung."""
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: forking with threads
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never reports coverage
        os.close(read_fd)
        code, report = 1, b""
        try:
            body()
            code, report = 0, b"ok"
        except BaseException:
            report = traceback.format_exc().encode()
        finally:
            try:
                os.write(write_fd, report[-16_000:])
            finally:
                os._exit(code)
    os.close(write_fd)
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail(f"the forked child did not finish within {DEADLINE} s (hung)")
            time.sleep(0.01)
        child_report = os.read(read_fd, 16_001).decode(errors="replace")
    finally:
        os.close(read_fd)
    assert os.waitstatus_to_exitcode(status) == 0, f"the child failed:\n{child_report}"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("held", ["file lock", "lock table guard"])
def test_file_store_works_in_a_child_forked_while_a_thread_holds_its_lock(
    tmp_path: Path, held: str
) -> None:
    path = tmp_path / "tokens.json"
    store = JSONFileTokenStore(path)  # created before the fork: the child must not hang on it
    token = OAuth2Token(
        access_token="child-access",
        refresh_token="child-refresh",
        expires_at=utcnow() + timedelta(minutes=30),
    )
    lock = file_store._file_lock(path) if held == "file lock" else file_store._FILE_LOCKS_GUARD
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lock:
            taken.set()
            release.wait(DEADLINE)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(DEADLINE)

        def child() -> None:
            asyncio.run(store.save(token))
            loaded = asyncio.run(store.load())
            assert loaded is not None and loaded.refresh_token == "child-refresh"
            # Another store for the same file (a second profile) shares the child's lock.
            other = JSONFileTokenStore(path, profile="other")
            asyncio.run(other.save(token))
            assert set(asyncio.run(asyncio.to_thread(other._read_profiles))) == {
                "default",
                "other",
            }

        _run_in_child(child)
    finally:
        release.set()
        holder.join(DEADLINE)
    assert not holder.is_alive()
    # The reset happened only in the child: the parent keeps one lock per file, and its
    # store still works (reading what the child wrote).
    assert file_store._file_lock(path) is file_store._file_lock(Path(str(path)))
    loaded = asyncio.run(store.load())
    assert loaded is not None and loaded.access_token == "child-access"
