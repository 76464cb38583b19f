"""Tokens on disk: :class:`JSONFileTokenStore` and :func:`write_private_file`.

With rotating refresh tokens the file may hold the only valid refresh token, so it is never
left truncated (written to a temporary file, fsynced, renamed over the target), never
readable by others (mode 0600, directory 0700), and never refused over an unreadable old
file when saving (that file is set aside for manual recovery). Error messages name the file
but never quote it: it holds credentials.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import threading
from pathlib import Path
from typing import Any

from astravue_async._errors import DecodeError
from astravue_async.auth._token import OAuth2Token, _require_text

_log = logging.getLogger("astravue_async")


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
    only copy of a rotated refresh token). The file is created with mode 0600 and a
    missing parent directory with mode 0700.

    ``load`` raises :class:`DecodeError` for a file that is not a JSON object (naming the
    file, never quoting it). ``save`` does not: the token being saved may be the only
    valid one left, so an unreadable file is renamed to ``<name>.unreadable-<hex>`` (kept
    for manual recovery, with a warning in the ``astravue_async`` log) and a new file is
    started. Unknown members are ignored on load (see :meth:`OAuth2Token.from_dict`).
    """

    def __init__(self, path: str | os.PathLike[str], profile: str = "default") -> None:
        self.path = Path(path).expanduser()
        self.profile = _require_text("profile", profile)

    @property
    def _lock(self) -> threading.Lock:
        # Looked up per operation rather than kept: after a fork the child gets fresh locks
        # (see _reset_file_locks_in_child), which a lock kept here would never see.
        return _file_lock(self.path)

    def __repr__(self) -> str:
        return f"JSONFileTokenStore(path={str(self.path)!r}, profile={self.profile!r})"

    async def load(self) -> OAuth2Token | None:
        return await asyncio.to_thread(self._load_sync)

    async def save(self, token: OAuth2Token) -> None:
        if not isinstance(token, OAuth2Token):
            raise TypeError("token must be an OAuth2Token")
        await asyncio.to_thread(self._update_sync, token)

    async def clear(self) -> None:
        await asyncio.to_thread(self._update_sync, None)

    def _read_profiles(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
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
        with self._lock:
            entry = self._read_profiles().get(self.profile)
        if entry is None:
            return None
        return OAuth2Token.from_dict(entry)

    def _update_sync(self, token: OAuth2Token | None) -> None:
        with self._lock:
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
            if profiles:
                self._write_atomic(json.dumps(profiles, indent=2, sort_keys=True) + "\n")
            else:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()

    def _write_atomic(self, text: str) -> None:
        write_private_file(self.path, text)

    def _set_aside(self) -> None:
        aside = self.path.with_name(f"{self.path.name}.unreadable-{secrets.token_hex(4)}")
        os.replace(self.path, aside)
        _log.warning(
            "token file %r was unreadable; moved it to %r and started a new one",
            str(self.path),
            str(aside),
        )
