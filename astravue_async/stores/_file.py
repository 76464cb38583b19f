"""Tokens on disk: :class:`JSONFileTokenStore` and :func:`write_private_file`.

With rotating refresh tokens the file may hold the only valid refresh token, so it is never
left truncated (written to a temporary file, fsynced, renamed over the target), never
readable by others (mode 0600, directory 0700), and never refused over an unreadable old
file when saving (that file is set aside for manual recovery). Error messages name the file
but never quote it: it holds credentials.

Several processes may share one file: every read-modify-write of it holds an OS file lock
(``filelock``) on a sibling ``<name>.lock``, and every refresh a per-profile
``<name>.refresh-<profile>.lock`` (see :class:`JSONFileTokenStore`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import math
import os
import re
import secrets
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, Final

import filelock

from astravue_async._errors import DecodeError, TokenStoreError
from astravue_async.auth._token import OAuth2Token, _require_text
from astravue_async.stores._lease import StoreLease

_log = logging.getLogger("astravue_async")

DEFAULT_LOCK_TIMEOUT: Final = 60.0
"""Seconds :class:`JSONFileTokenStore` waits for one of its file locks by default."""

# Polling the refresh lock: quick at first (the holder usually finishes within
# milliseconds), then backing off so that waiting processes cost next to nothing.
_POLL_FIRST: Final = 0.002
_POLL_MAX: Final = 0.05
# Blocking waits for the read-modify-write lock happen in a worker thread.
_THREAD_POLL: Final = 0.005


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable only by the owner (mode 0600).

    A temporary file in the same directory is fsynced and renamed over the target, so a
    crash never leaves a truncated file (and never loses the only copy of a rotated refresh
    token). A missing parent directory is created with mode 0700.
    """
    directory = path.parent
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = directory / f".{path.name}.{secrets.token_hex(8)}.tmp"
    # O_EXCL: never follow a planted symlink or reuse someone else's file.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)  # in case of an unusual umask
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    # Make the rename itself durable; not possible (nor needed) everywhere.
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# One lock per file: stores for different profiles of the same file do read-modify-write
# in worker threads and would otherwise drop each other's updates.
_FILE_LOCKS: dict[str, threading.Lock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: Path) -> threading.Lock:
    key = os.path.normcase(os.path.abspath(path))
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, threading.Lock())


def _reset_file_locks_in_child() -> None:
    # A forked child inherits these locks in whatever state the parent's threads had them,
    # and those threads do not exist in the child: a lock held at fork time would stay held
    # forever and the child's first load/save would hang. Stores look their lock up per
    # operation (see JSONFileTokenStore._lock), so fresh locks here reach existing stores.
    global _FILE_LOCKS_GUARD
    _FILE_LOCKS_GUARD = threading.Lock()
    _FILE_LOCKS.clear()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_reset_file_locks_in_child)


class JSONFileTokenStore:
    """Tokens in one JSON file, ``{profile: token_dict}``, readable only by the owner.

    Writes go to a temporary file in the same directory which is fsynced and then renamed
    over the target, so a crash never leaves a truncated file behind (and never loses the
    only copy of a rotated refresh token), and readers never see half a file. The file is
    created with mode 0600 and a missing parent directory with mode 0700.

    **Several processes, one file.** ``save`` and ``clear`` read the file, change one
    profile and write it back while holding an OS file lock on ``<name>.lock`` beside it,
    so processes saving different profiles never lose each other's updates. :meth:`lock`
    (the refresh lease a :class:`~astravue_async.auth.TokenManager` takes before it
    refreshes) is a separate OS file lock per profile, ``<name>.refresh-<profile>.lock``
    (the profile name reduced to letters, digits, ``-`` and ``_``, plus a hash when that
    changed it): a slow refresh of one profile never holds up saves or refreshes of
    another. Lock files are created with mode 0600, hold nothing, and are left in place
    (removing them while another process waits would split the waiters across two locks).
    The locks work between processes on one machine (and on network file systems only as
    far as their ``flock`` does); across machines use a Redis store.

    ``load`` raises :class:`DecodeError` for a file that is not a JSON object (naming the
    file, never quoting it). ``save`` does not: the token being saved may be the only
    valid one left, so an unreadable file is renamed to ``<name>.unreadable-<hex>`` (kept
    for manual recovery, with a warning in the ``astravue_async`` log) and a new file is
    started. Unknown members are ignored on load (see :meth:`OAuth2Token.from_dict`).

    Every method raises :class:`~astravue_async.TokenStoreError` (naming the file, never
    quoting it) when the file system refuses to read or write the file, or a lock is not
    obtained within ``lock_timeout``.

    Args:
        path: The JSON file (``~`` is expanded).
        profile: Which entry of the file this store reads and writes.
        lock_timeout: Seconds to wait for a file lock (default 60) before raising
            :class:`~astravue_async.TokenStoreError`.

    Raises:
        TypeError, ValueError: An argument is invalid.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        profile: str = "default",
        *,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        # Resolved once: a symlinked config directory, or another spelling of the same file,
        # must be the same store (same lock files), and saving replaces the real file
        # rather than the link.
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self.profile = _require_text("profile", profile)
        if isinstance(lock_timeout, bool) or not isinstance(lock_timeout, int | float):
            raise TypeError("lock_timeout must be a number of seconds")
        if not (math.isfinite(lock_timeout) and lock_timeout > 0):
            raise ValueError("lock_timeout must be a positive finite number of seconds")
        self.lock_timeout = float(lock_timeout)

    @property
    def _lock(self) -> threading.Lock:
        # Looked up per operation rather than kept: after a fork the child gets fresh locks
        # (see _reset_file_locks_in_child), which a lock kept here would never see.
        return _file_lock(self.path)

    @property
    def write_lock_path(self) -> Path:
        """The lock file held while the token file is read, changed and written back."""
        return self.path.with_name(f"{self.path.name}.lock")

    @property
    def refresh_lock_path(self) -> Path:
        """The lock file held by :meth:`lock`, one per profile."""
        return self.path.with_name(f"{self.path.name}.refresh-{_safe_name(self.profile)}.lock")

    def __repr__(self) -> str:
        return f"JSONFileTokenStore(path={str(self.path)!r}, profile={self.profile!r})"

    async def load(self) -> OAuth2Token | None:
        """This profile's token, or None if the file or the profile does not exist.

        Raises:
            DecodeError: The file (or the profile's entry) is not a stored token.
            TokenStoreError: The file cannot be read.
        """
        return await asyncio.to_thread(self._load_sync)

    async def save(self, token: OAuth2Token) -> None:
        """Replace this profile's token (other profiles are kept), atomically, mode 0600.

        Raises:
            TypeError: ``token`` is not an :class:`OAuth2Token`.
            TokenStoreError: The file cannot be written, or its lock not obtained.
        """
        if not isinstance(token, OAuth2Token):
            raise TypeError("token must be an OAuth2Token")
        await asyncio.to_thread(self._update_sync, token)

    async def clear(self) -> None:
        """Forget this profile's token (other profiles are kept); deletes an empty file.

        Raises:
            TokenStoreError: The file cannot be written, or its lock not obtained.
        """
        await asyncio.to_thread(self._update_sync, None)

    def lock(self) -> AbstractAsyncContextManager[StoreLease]:
        """Wait (up to ``lock_timeout`` seconds) for this profile's refresh lock and hold it.

        The wait polls without blocking the event loop. The lease reads and writes the file
        like :meth:`load` and :meth:`save`.

        Raises:
            TokenStoreError: The lock was not obtained within ``lock_timeout`` seconds, or the lock
                file cannot be created (a read-only directory): refreshing without the lock could
                present a refresh token another process has rotated away, which a server with reuse
                detection answers by revoking the session.
        """
        return self._locked()

    @asynccontextmanager
    async def _locked(self) -> AsyncIterator[StoreLease]:
        held = await _acquire_polling(self.refresh_lock_path, self.lock_timeout)
        try:
            # The lease saves through save(), which takes the file's write lock: a different
            # lock file from the refresh lock held here, so the two cannot deadlock.
            yield StoreLease(self)
        finally:
            if held is not None:
                # Releasing is one non-blocking unlock and close: done right here, so that
                # a cancellation arriving now cannot leave the lock held.
                _release_quietly(held)

    def _read_profiles(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise _store_error("read", self.path, exc) from exc
        data: Any = None
        readable = True
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # also UnicodeDecodeError
            readable = False
        # Raised out here: the decode error (its .doc/.object is the file's content, i.e.
        # credentials) must not ride along as __context__. Name the file, never quote it.
        if not readable:
            raise DecodeError(f"token file {str(self.path)!r} is not valid JSON")
        if not isinstance(data, dict):
            raise DecodeError(f"token file {str(self.path)!r} does not hold a JSON object")
        return data

    def _load_sync(self) -> OAuth2Token | None:
        # No file lock: the file is only ever replaced whole (rename), so a reader sees the
        # old or the new version, never a mix.
        with _thread_locked(self._lock, self.lock_timeout, self.path):
            entry = self._read_profiles().get(self.profile)
        if entry is None:
            return None
        return OAuth2Token.from_dict(entry)

    def _update_sync(self, token: OAuth2Token | None) -> None:
        deadline = time.monotonic() + self.lock_timeout
        # The thread lock first: threads of this process queue on it instead of polling
        # the file lock, which only other processes then contend for.
        with (
            _thread_locked(self._lock, self.lock_timeout, self.path),
            _file_locked(self.write_lock_path, max(deadline - time.monotonic(), 0.0)),
        ):
            try:
                profiles = self._read_profiles()
            except DecodeError:
                if token is None:
                    raise
                # With rotation the token being saved may be the only valid one left:
                # refusing to write it because of an unreadable file would lose the session.
                # The unreadable file is kept beside it for manual recovery.
                self._set_aside()
                profiles = {}
            if token is None:
                if self.profile not in profiles:
                    return
                del profiles[self.profile]
            else:
                profiles[self.profile] = token.to_dict()
            try:
                if profiles:
                    self._write_atomic(json.dumps(profiles, indent=2, sort_keys=True) + "\n")
                else:
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
            except OSError as exc:
                raise _store_error("write", self.path, exc) from exc

    def _write_atomic(self, text: str) -> None:
        write_private_file(self.path, text)

    def _set_aside(self) -> None:
        aside = self.path.with_name(f"{self.path.name}.unreadable-{secrets.token_hex(4)}")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            raise _store_error("set aside the unreadable", self.path, exc) from exc
        _log.warning(
            "token file %r was unreadable; moved it to %r and started a new one",
            str(self.path),
            str(aside),
        )


def _store_error(action: str, path: Path, exc: OSError) -> TokenStoreError:
    # strerror, not str(exc): the latter may name a temporary file; neither holds content.
    reason = exc.strerror or type(exc).__name__
    return TokenStoreError(f"could not {action} token file {str(path)!r}: {reason}")


_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _safe_name(profile: str) -> str:
    if _SAFE_NAME.fullmatch(profile):
        return profile
    # Anything else could escape the directory or clash with reserved names; the hash keeps
    # different profiles that reduce to the same text apart.
    reduced = re.sub(r"[^A-Za-z0-9_-]", "_", profile)[:40]
    digest = hashlib.sha256(profile.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{reduced}-{digest}"


@contextlib.contextmanager
def _thread_locked(lock: threading.Lock, timeout: float, path: Path) -> Iterator[None]:
    if not lock.acquire(timeout=timeout):
        raise TokenStoreError(
            f"timed out after {timeout:g} s waiting for another thread using token file "
            f"{str(path)!r}"
        )
    try:
        yield
    finally:
        lock.release()


def _new_file_lock(lock_path: Path) -> filelock.BaseFileLock:
    # Creates the directory (0700) and the lock file (0600) ourselves: filelock's mode is
    # subject to the umask, and a missing directory would make every attempt fail.
    lock_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(lock_path, flags, 0o600)
    try:
        if hasattr(os, "fchmod"):
            with contextlib.suppress(OSError):  # someone else's lock file: leave its mode
                os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    # A new lock object per acquisition: nothing is shared between threads, event loops or
    # (after a fork) processes. thread_local=False: attempts and release may run on
    # different threads.
    return filelock.FileLock(str(lock_path), mode=0o600, thread_local=False)


@contextlib.contextmanager
def _file_locked(lock_path: Path, timeout: float) -> Iterator[None]:
    """Hold the OS lock on ``lock_path`` (blocking, in a worker thread) for the block."""
    try:
        lock = _new_file_lock(lock_path)
        lock.acquire(timeout=timeout, poll_interval=_THREAD_POLL)
    except filelock.Timeout:
        raise TokenStoreError(
            f"timed out after {timeout:g} s waiting for the lock file {str(lock_path)!r}; "
            "another process holds it"
        ) from None
    except OSError as exc:
        raise TokenStoreError(
            f"could not lock {str(lock_path)!r}: {exc.strerror or type(exc).__name__}"
        ) from exc
    try:
        yield
    finally:
        _release_quietly(lock)


def _try_acquire(lock_path: Path, lock: filelock.BaseFileLock | None) -> filelock.BaseFileLock:
    """One non-blocking attempt (in a worker thread); the lock object, acquired or not."""
    if lock is None:
        lock = _new_file_lock(lock_path)
    with contextlib.suppress(filelock.Timeout):
        lock.acquire(timeout=0)
    return lock


async def _acquire_polling(lock_path: Path, wait_seconds: float) -> filelock.BaseFileLock | None:
    """Poll for the OS lock on ``lock_path`` without blocking the event loop.

    Returns the held lock, or None when the lock file cannot be created at all (logged).
    Each attempt runs in a worker thread; a caller cancelled while an attempt is running
    has the lock released as soon as that attempt ends, so it is never left held.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_seconds
    delay = _POLL_FIRST
    lock: filelock.BaseFileLock | None = None
    while True:
        attempt = loop.run_in_executor(None, _try_acquire, lock_path, lock)
        try:
            lock = await asyncio.shield(attempt)
        except asyncio.CancelledError:
            attempt.add_done_callback(_release_if_acquired)
            raise
        except OSError as exc:
            raise TokenStoreError(
                f"could not create the refresh lock file {str(lock_path)!r} "
                f"({exc.strerror or type(exc).__name__}); the token is not refreshed without "
                "it. Make the directory writable, or keep the token file somewhere writable"
            ) from None
        if lock.is_locked:
            return lock
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise TokenStoreError(
                f"timed out after {wait_seconds:g} s waiting for the refresh lock "
                f"{str(lock_path)!r}; another process holds it"
            )
        await asyncio.sleep(min(delay, remaining))
        delay = min(delay * 2, _POLL_MAX)


def _release_if_acquired(attempt: asyncio.Future[filelock.BaseFileLock]) -> None:
    if attempt.cancelled() or attempt.exception() is not None:
        return
    lock = attempt.result()
    if lock.is_locked:
        _release_quietly(lock)


def _release_quietly(lock: filelock.BaseFileLock) -> None:
    try:
        lock.release()
    except Exception as exc:
        # The process-wide OS lock goes with the descriptor anyway; nothing to recover.
        _log.warning("could not release a token file lock (%s)", type(exc).__name__)
