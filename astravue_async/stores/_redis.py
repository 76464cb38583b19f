"""A :class:`~astravue_async.auth.TokenStore` in Redis, shared by every worker on every host.

Public as :class:`astravue_async.redis.RedisTokenStore` (the ``redis`` extra). Three keys,
all derived from ``key``:

* ``<key>``: the token, JSON ``{"version": N, "token": OAuth2Token.to_dict()}``;
* ``<key>:version``: a counter, incremented by every save (kept by ``clear``);
* ``<key>:lock``: the refresh lock, holding the random id of the worker that owns it, with
  a Redis expiry of ``lease`` seconds so a worker that dies holding it blocks nobody for long.

Every write that matters is one Lua script, so it is atomic on the server: taking the lock,
giving it back only if it is still ours, and the fenced save, which refuses to write when
another worker has taken the lock over (our lease ran out during a slow refresh) or has
stored a token since we read it. Token values travel only inside Redis commands: never in a
key name, a log record, an exception or a ``repr``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import random
import re
import secrets
import weakref
from collections.abc import Awaitable, Callable
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Final, Self, TypeVar
from urllib.parse import urlsplit

from astravue_async._errors import DecodeError, LeaseLostError, TokenStoreError
from astravue_async._redact import redact_text
from astravue_async.auth._token import OAuth2Token

if TYPE_CHECKING:
    import redis.asyncio

__all__ = ["RedisTokenStore"]

_log = logging.getLogger("astravue_async")

T = TypeVar("T")

_INSTALL_HINT: Final = "pip install 'astravue-async[redis]'"
_SCHEMES: Final = frozenset({"redis", "rediss", "unix"})
_CONTROL_CHARS: Final = re.compile(r"[\x00-\x1f\x7f]")
# Redis error replies start with an upper-case code (WRONGTYPE, OOM, NOPERM, READONLY...):
# enough to say what went wrong without quoting the rest of a reply we do not control.
_ERROR_CODE: Final = re.compile(r"[A-Z][A-Z_]{1,30}")

DEFAULT_TIMEOUT: Final = 5.0
_MIN_LEASE: Final = 1.0
# How long giving back a lock after a failed take may add to that failure.
_GIVE_BACK_BOUND: Final = 1.0
_BACKOFF_FIRST: Final = 0.01
# A short cap: the lock changes hands within a refresh round, and every worker that polls
# late stays behind (holding a spent refresh token) that much longer.
_BACKOFF_CAP: Final = 0.1
_RECONNECT_FIRST: Final = 0.02
_RECONNECT_CAP: Final = 0.5

# KEYS[1] lock; ARGV[1] owner, ARGV[2] lease in ms. Taking a lock we already own succeeds:
# if the reply to a successful SET was lost and the call is repeated (redis-py retries on
# connection errors), the worker must not then wait a whole lease for its own lock.
_ACQUIRE: Final = """
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('get', KEYS[1]) == ARGV[1] then
  redis.call('pexpire', KEYS[1], ARGV[2])
  return 1
end
return 0
"""

# KEYS[1] lock; ARGV[1] owner. Never deletes a lock another worker took after ours expired.
_RELEASE: Final = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""

# KEYS[1] token, KEYS[2] lock, KEYS[3] version counter; ARGV[1] token JSON, ARGV[2] 'fenced'
# or 'plain', ARGV[3] owner, ARGV[4] the value the lease read ('' for none). Returns the new
# version, or 0 when a fenced write is refused. A fenced write goes ahead while the lock is
# ours, and also when nobody holds it and the token is still what the lease read (or there
# is none, as after a Redis restart): then no newer token can exist, and refusing would leave
# the store without the only token the server still accepts.
_SAVE: Final = """
if ARGV[2] == 'fenced' then
  local holder = redis.call('get', KEYS[2])
  if holder ~= ARGV[3] then
    if holder then return 0 end
    local current = redis.call('get', KEYS[1])
    if current and current ~= ARGV[4] then return 0 end
  end
end
local version = redis.call('incr', KEYS[3])
redis.call('set', KEYS[1], '{"version":' .. version .. ',"token":' .. ARGV[1] .. '}')
return version
"""


def _import_redis() -> ModuleType:
    try:
        import redis.asyncio as redis_asyncio
    except ImportError as exc:
        raise ImportError(
            f"RedisTokenStore needs the redis package (redis-py): {_INSTALL_HINT}"
        ) from exc
    return redis_asyncio


def _stored_value(version: int, body: str) -> str:
    # Byte for byte what _SAVE writes, so a lease knows the value it stored without reading.
    return '{"version":' + str(version) + ',"token":' + body + "}"


def _positive_seconds(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive, finite number of seconds")
    return float(value)


def _check_key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError("key must be a string")
    if not key.strip():
        raise ValueError("key must not be empty")
    if _CONTROL_CHARS.search(key):
        raise ValueError("key must not contain control characters")
    return key


def _safe_url(url: str) -> str:
    """``url`` without its user, password and query (which may hold ``password=``).

    The host and port are kept as written, even when invalid, so that an error about them
    shows what is wrong.
    """
    parts = urlsplit(url)
    host_and_port = parts.netloc.rpartition("@")[2]
    if not parts.scheme:
        return host_and_port + parts.path
    return f"{parts.scheme}://{host_and_port}{parts.path}"


def check_redis_url(url: str) -> str:
    """Refuse a Redis URL redis-py would misread; return it without credentials or query.

    redis-py quietly connects to localhost when the host is missing, to port 6379 when the
    port is 0, and to database 0 when the path is not a number: each would be a wrong Redis
    found at run time (or another application's data), so each is a ValueError here.

    :raises ValueError: the URL is empty, has another scheme, no host, an invalid port or
        database; the message shows the URL without its user, password and query.
    """
    if not url.strip():
        raise ValueError("the Redis URL must not be empty")
    safe = _safe_url(url)
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES:
        raise ValueError(f"the Redis URL {safe!r} must start with redis://, rediss:// or unix://")
    if parts.scheme == "unix":
        if not parts.path.strip("/"):
            raise ValueError(
                f"the Redis URL {safe!r} has no socket path (unix:///path/to/redis.sock)"
            )
        return safe
    if not parts.hostname:
        raise ValueError(
            f"the Redis URL {safe!r} has no host (redis://host:port/db; for a socket, "
            "unix:///path/to/redis.sock)"
        )
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise ValueError(f"the Redis URL {safe!r} has an invalid port: it must be 1 to 65535")
    db = parts.path.strip("/")
    if db and not (db.isascii() and db.isdigit()):
        raise ValueError(
            f"the Redis URL {safe!r} has an invalid database: the path must be a number "
            "(redis://host:port/0)"
        )
    return safe


def _describe_client(client: Any) -> str:
    # A client passed in: describe where it points from its pool, never its password.
    try:
        kwargs = client.connection_pool.connection_kwargs
    except AttributeError:
        return f"<{type(client).__name__}>"
    if kwargs.get("path"):
        return f"unix://{kwargs['path']}"
    host = kwargs.get("host", "localhost")
    if ":" in str(host):
        host = f"[{host}]"
    return f"redis://{host}:{kwargs.get('port', 6379)}/{kwargs.get('db', 0)}"


def _url_password(url: str) -> str | None:
    parts = urlsplit(url)
    try:
        return parts.password
    except ValueError:
        return None


# --------------------------------------------------------------------------- processes, loops
# A redis.asyncio client belongs to the process and the event loop that opened its
# connections: its sockets, its pool's asyncio.Lock and every future on them are bound to
# that loop. A store that made its client from a URL therefore keeps one client per loop,
# made on first use there, and starts afresh in a forked child.

# Clients a forked child inherited from its parent, kept for the child's lifetime and never
# touched. Their sockets are the parent's: closing one here would send a FIN, or unregister
# the descriptor from the epoll instance both processes share, and collecting one would
# close it from a finalizer.
_INHERITED: list[object] = []

# Clients whose loop ended without closing them, when their sockets could not be closed
# without that loop (see _close_without_loop): kept rather than left to finalizers that warn.
_STRANDED: list[object] = []

_STORES: weakref.WeakSet[RedisTokenStore] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # Eagerly, before the child runs anything: a child that drops a store would otherwise
    # let the parent's client be finalized here.
    for store in list(_STORES):
        store._let_go_after_fork()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _loop_of(connection: object) -> object:
    writer = getattr(connection, "_writer", None)
    return getattr(writer, "_loop", None) if writer is not None else None


def _pool_connections(client: Any) -> list[Any] | None:
    pool = getattr(client, "connection_pool", None)
    try:
        return [*pool._get_free_connections(), *pool._get_in_use_connections()]  # type: ignore[union-attr]
    except (AttributeError, TypeError):
        return None


def _foreign_connections(client: Any, loop: asyncio.AbstractEventLoop | None) -> bool:
    """Whether the client holds connections opened on another loop (or in the parent)."""
    connections = _pool_connections(client) or []
    return any(_loop_of(c) not in (None, loop) for c in connections)


def _close_without_loop(client: Any) -> bool:
    """Close the sockets of a client whose event loop is closed; False if that cannot be done.

    Closing a transport needs its loop, which is gone: the socket is closed directly and the
    transport marked closing, so that no finalizer warns about it later. Only ever called in
    the process that opened the sockets.
    """
    connections = _pool_connections(client)
    if connections is None:
        return False
    for connection in connections:
        writer = getattr(connection, "_writer", None)
        if writer is None:
            continue
        transport: Any = getattr(writer, "transport", None)
        raw: Any = getattr(getattr(transport, "_ssl_protocol", None), "_transport", transport)
        sock = getattr(raw, "_sock", None)
        if transport is None or sock is None:
            return False
        for closing in (transport, raw):
            # Marks it closing; scheduling the rest on the closed loop then fails.
            with contextlib.suppress(RuntimeError, AttributeError):
                closing.close()
        sock.close()
        raw._sock = None
        connection._writer = connection._reader = None
    return True


class _Bound:
    """The client and its scripts for one event loop."""

    __slots__ = ("acquire", "client", "release", "save")

    def __init__(self, client: Any) -> None:
        self.client = client
        self.acquire = client.register_script(_ACQUIRE)
        self.release = client.register_script(_RELEASE)
        self.save = client.register_script(_SAVE)


class RedisTokenStore:
    """A :class:`~astravue_async.auth.TokenStore` in Redis, for many workers on many hosts.

    Every worker (process, container, host) that uses one login creates its own store with
    the same Redis and ``key``. When a token is due, :class:`~astravue_async.auth.TokenManager`
    takes :meth:`lock` (a Redis lock with an expiry of ``lease`` seconds), re-reads the
    stored token and adopts it if another worker has already refreshed; only otherwise does it
    refresh and save under the lock. So one refresh happens per expiry across every worker,
    and nobody presents a rotated-away refresh token (which Keycloak may answer by revoking
    the whole session). Saves under the lock are *fenced*: if the lease ran out during a slow
    refresh and another worker took the lock over or stored a token since, the save raises
    :class:`~astravue_async.LeaseLostError` and writes nothing, so an older token never
    replaces a newer one.

    Redis is the shared memory of the newest refresh token, so run it with persistence
    (``appendonly yes``). A Redis that restarts without it comes back empty, which
    TokenManager reads as "nothing newer than the token I hold": each worker carries on
    with its in-memory token, and the first to refresh (with its own refresh token, the
    newest once every worker has adopted the last refresh) stores the new one; the others
    adopt it. A restart *during* a refresh round, after one worker refreshed and before
    the others adopted its token, loses that token for them: the next of them to refresh
    presents a rotated-away refresh token, which Keycloak answers with ``invalid_grant``
    or, with reuse detection, by revoking the session. A refresh that is in flight while
    Redis restarts still stores its token once Redis is back (calls reconnect for up to
    ``timeout`` seconds, and the fenced save accepts a lock that vanished with the data).
    Redis being down only fails calls: lock, load and save raise
    :class:`~astravue_async.TokenStoreError`, and TokenManager keeps using its access token
    while it is valid and never refreshes without the lock.

    :param url_or_client: a Redis URL (``redis://[[user]:password@]host:port/db``,
        ``rediss://`` for TLS, ``unix:///path/to/socket?db=0``) or a
        ``redis.asyncio.Redis`` client. From a URL, the store makes its own clients: one
        per event loop it is used on (a second ``asyncio.run()``, a sync client's loop
        thread), and new ones in a process forked after it was used (Celery, gunicorn
        prefork), which never touch the parent's connections; :meth:`aclose` closes them,
        and their socket and connect timeouts are ``timeout``. A client passed in stays the
        caller's: the store never closes it and does not change its settings (its own
        timeouts and retries apply; ``decode_responses`` is fine). It cannot be replaced,
        so using the store on another loop than the client's, or in a forked child after
        the client was used in the parent, raises :class:`~astravue_async.TokenStoreError`
        saying to create the client and the store there (or to pass a URL).
        Either way each of the store's calls is bounded by ``timeout``, within which a
        connection error is retried with backoff (a Redis restart kills pooled
        connections), so a Redis that is down fails each call after ``timeout`` seconds.
    :param key: the Redis key of the token; ``<key>:lock`` and ``<key>:version`` are used
        too. One key per login (user and OAuth client), e.g. ``"astravue:token:alice"``. Never
        put a token in it. On Redis Cluster, put a hash tag in it (``"astravue:{alice}"``)
        so the three keys live on one shard.
    :param lease: seconds a worker may hold the refresh lock (default 60; at least 1).
        Longer than any refresh takes (TokenManager bounds one refresh at about 30 s plus its
        ``persist_timeout`` twice); a worker that dies holding the lock blocks the others
        for at most this long.
    :param lock_timeout: seconds :meth:`lock` waits for the lock (default 60; plus at most
        ``timeout`` for a Redis call in flight at the deadline). Keep it at least ``lease``,
        or workers may give up on a lock that its dead holder would have lost in time (a
        shorter one is logged as a warning).
    :param timeout: seconds one Redis call may take, reconnects included (default 5).
    :raises ImportError: the ``redis`` package is not installed
        (``pip install 'astravue-async[redis]'``).
    :raises TypeError, ValueError: an argument is invalid: a URL without a host (or
        socket path), with a port outside 1-65535 or a database that is not a number, a
        lease under 1 s (the message never quotes the URL's user, password or query).

    Redis refusing the credentials (a wrong password or user) fails each call at once
    with a :class:`~astravue_async.TokenStoreError` saying so; it is not retried.
    """

    def __init__(
        self,
        url_or_client: str | redis.asyncio.Redis,
        *,
        key: str = "astravue:token:default",
        lease: float = 60.0,
        lock_timeout: float = 60.0,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        redis_asyncio = _import_redis()
        self.key: Final = _check_key(key)
        self.lease: Final = _positive_seconds("lease", lease)
        if self.lease < _MIN_LEASE:
            # A refresh is an HTTP round trip plus Redis calls: a lease shorter than that
            # runs out mid-refresh every time, and every fenced save is then refused.
            raise ValueError(
                f"lease must be at least {_MIN_LEASE:g} s: a shorter one runs out before "
                "a refresh can end"
            )
        self.lock_timeout: Final = _positive_seconds("lock_timeout", lock_timeout)
        self.timeout: Final = _positive_seconds("timeout", timeout)
        self._lock_key: Final = f"{key}:lock"
        self._version_key: Final = f"{key}:version"
        self._password: str | None = None
        self._url: str | None = None
        # A client made from the URL but not used on any loop yet.
        self._spare: Any = None
        # The caller's client; None when the store makes its own from the URL.
        self._given: Any = None
        # Where the caller's client was used, and whether by the parent of this process.
        self._given_loop: asyncio.AbstractEventLoop | None = None
        self._given_in_parent = False
        if isinstance(url_or_client, str):
            self._where = check_redis_url(url_or_client)
            self._password = _url_password(url_or_client)
            self._url = url_or_client
            self._spare = self._new_client()
        elif isinstance(url_or_client, redis_asyncio.Redis):
            self._given = url_or_client
            self._where = _describe_client(url_or_client)
        else:
            raise TypeError(
                "url_or_client must be a Redis URL string or a redis.asyncio.Redis client, "
                f"not {type(url_or_client).__name__}"
            )
        self._owns_client: Final = self._given is None
        if self.lock_timeout < self.lease:
            _log.warning(
                "%r: lock_timeout (%g s) is shorter than lease (%g s): when a worker dies "
                "holding the refresh lock, the others give up before it expires",
                self,
                self.lock_timeout,
                self.lease,
            )
        self._closed = False
        self._pid = os.getpid()
        self._bound: dict[asyncio.AbstractEventLoop, _Bound] = {}
        _STORES.add(self)

    def _new_client(self) -> Any:
        assert self._url is not None
        try:
            return _import_redis().Redis.from_url(
                self._url,
                socket_timeout=self.timeout,
                socket_connect_timeout=self.timeout,
            )
        except ValueError as exc:
            # redis-py's own reasons name an option ("Invalid value for 'db' in connection
            # URL."), never its value; anything else is said in our own words.
            text = str(exc)
            reason = text if text.startswith("Invalid value for '") else "redis-py refused it"
            raise ValueError(f"invalid Redis URL {self._where!r}: {reason}") from None

    def __repr__(self) -> str:
        return (
            f"RedisTokenStore(url={self._where!r}, key={self.key!r}, lease={self.lease:g}, "
            f"lock_timeout={self.lock_timeout:g})"
        )

    # ------------------------------------------------------------------ lifecycle

    async def aclose(self) -> None:
        """Close the Redis client if this store created it (from a URL). Idempotent.

        A client passed in is left open: it is the caller's.
        """
        if self._closed:
            return
        self._closed = True
        if os.getpid() != self._pid:
            self._let_go_after_fork()
        bound, self._bound = self._bound, {}
        spare, self._spare = self._spare, None
        if not self._owns_client:
            return
        if spare is not None:
            await spare.aclose()  # never connected: nothing is bound to a loop yet
        loop = asyncio.get_running_loop()
        for owner, each in bound.items():
            if owner is loop:
                await each.client.aclose()
            elif owner.is_closed():
                if not _close_without_loop(each.client):
                    _STRANDED.append(each.client)
            elif owner.is_running():
                # Another thread's loop (e.g. a sync client's): its connections close there.
                done = asyncio.run_coroutine_threadsafe(each.client.aclose(), owner)
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(asyncio.wrap_future(done), self.timeout)
            else:
                _STRANDED.append(each.client)  # a loop that may run again; closed with it

    def _let_go_after_fork(self) -> None:
        """In a forked child: leave the parent's connections alone and start afresh."""
        if self._pid == os.getpid():
            return
        self._pid = os.getpid()
        if self._owns_client:
            _INHERITED.extend(each.client for each in self._bound.values())
            if self._spare is not None:
                # Never connected, but made in the parent: replaced all the same, so that
                # nothing of the parent's is ever used here.
                _INHERITED.append(self._spare)
                self._spare = self._new_client() if not self._closed else None
        elif self._bound or _foreign_connections(self._given, None):
            self._given_in_parent = True
        self._bound = {}
        self._given_loop = None

    def _client_here(self) -> _Bound:
        """The client (and scripts) for the running loop, made on first use there.

        :raises TokenStoreError: the store is closed, or the caller's client belongs to
            another loop or to the parent process (it cannot be replaced by the store).
        """
        if self._closed:
            raise TokenStoreError(f"{self!r} is closed; create a new store")
        if os.getpid() != self._pid:  # os.fork() without the at-fork hooks (os.fork is fine)
            self._let_go_after_fork()
        loop = asyncio.get_running_loop()
        bound = self._bound.get(loop)
        if bound is not None:
            return bound
        if self._given is not None:
            return self._bind_given(loop)
        # Loops that have ended take their connections with them.
        for owner in [owner for owner in self._bound if owner.is_closed()]:
            ended = self._bound.pop(owner)
            if not _close_without_loop(ended.client):
                _STRANDED.append(ended.client)
        client, self._spare = self._spare, None
        bound = _Bound(client if client is not None else self._new_client())
        self._bound[loop] = bound
        return bound

    def _bind_given(self, loop: asyncio.AbstractEventLoop) -> _Bound:
        advice = (
            "a redis.asyncio client's connections belong to the process and event loop "
            "that opened them, and a client passed in cannot be replaced by the store. "
            "Create the client and the RedisTokenStore"
        )
        if self._given_in_parent:
            raise TokenStoreError(
                f"{self!r} was given a Redis client that was used before os.fork(), in the "
                f"parent process: {advice} in the child process (e.g. in Celery's "
                "worker_process_init or gunicorn's post_fork), or pass a Redis URL instead "
                "of a client"
            )
        if self._given_loop is not None or _foreign_connections(self._given, loop):
            raise TokenStoreError(
                f"{self!r} was given a Redis client that is used on another event loop "
                f"(e.g. an earlier asyncio.run() or another thread's loop): {advice} on the "
                "loop that uses them, or pass a Redis URL instead of a client (the store "
                "then makes one client per loop)"
            )
        self._given_loop = loop
        bound = _Bound(self._given)
        self._bound[loop] = bound
        return bound

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    # ------------------------------------------------------------------ TokenStore

    async def load(self) -> OAuth2Token | None:
        """The stored token, or None if there is none.

        :raises TokenStoreError: Redis could not be reached or did not answer within
            ``timeout``, or the key holds something that is not a token saved by this class.
        """
        return self._parse(await self._get())

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token``, replacing any previous one (unfenced; see :meth:`lock`).

        :raises TypeError: ``token`` is not an :class:`OAuth2Token` (nothing is sent).
        :raises TokenStoreError: Redis could not be reached or did not answer in time.
        """
        body = _token_json(token)
        await self._call(
            "saving the token",
            lambda bound: bound.save(
                keys=[self.key, self._lock_key, self._version_key], args=[body, "plain", "", ""]
            ),
        )

    async def clear(self) -> None:
        """Delete the stored token (a no-op if there is none); the lock is left alone.

        :raises TokenStoreError: Redis could not be reached or did not answer in time.
        """
        await self._call("deleting the token", lambda bound: bound.client.delete(self.key))

    def lock(self) -> _RedisLock:
        """Wait for the refresh lock; the lease is held until the ``async with`` block ends.

        The lock is a Redis key that expires after ``lease`` seconds, so a worker that dies
        holding it delays the others by at most that. Waiting polls with a growing delay
        (up to 0.1 s). The lock is not re-entrant: taking it again inside the block waits
        for ``lock_timeout`` and fails. Leaving the block gives the lock back only if it
        is still ours; if Redis cannot be reached then, the lock simply expires (logged as
        a warning, not raised).

        :raises TokenStoreError: the lock was not obtained within ``lock_timeout`` seconds,
            or Redis could not be reached or did not answer within ``timeout``.
        """
        return _RedisLock(self)

    # ------------------------------------------------------------------ internals

    async def _get(self) -> bytes | str | None:
        raw: bytes | str | None = await self._call(
            "reading the token", lambda bound: bound.client.get(self.key)
        )
        return raw

    def _parse(self, raw: bytes | str | None) -> OAuth2Token | None:
        if raw is None:
            return None
        reason = ""
        token_data: object = None
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            data = json.loads(text)
        except (ValueError, RecursionError):  # also UnicodeDecodeError
            reason = "not valid JSON"
        else:
            token_data = data.get("token") if isinstance(data, dict) else None
            if not isinstance(token_data, dict):
                reason = 'not a JSON object with a "token" object'
        if not reason:
            try:
                return OAuth2Token.from_dict(token_data)  # type: ignore[arg-type]
            except DecodeError as exc:
                reason = str(exc)  # names the field, never quotes its value
        # Raised out here: the decode error's context holds the value, i.e. credentials.
        raise TokenStoreError(
            f"the Redis key {self.key!r} at {self._where} does not hold a token saved by "
            f"RedisTokenStore ({reason}); save a token or clear the key"
        )

    async def _call(
        self,
        what: str,
        operation: Callable[[_Bound], Awaitable[T]],
        within: float | None = None,
    ) -> T:
        """Run one Redis call bounded by ``within`` (default ``timeout``); failures become
        TokenStoreError.

        A connection error is retried with backoff until ``timeout`` runs out: a Redis
        restart kills every pooled connection and refuses new ones for a moment, and a
        refreshed token must still reach the store once Redis is back. Every call made here
        may be repeated safely (taking a lock we own succeeds, a save writes the same token
        again). Refused credentials are not retried: waiting does not make them right.
        """
        bound = self._client_here()
        redis_errors = _import_redis()
        limit = self.timeout if within is None else within
        failure = ""
        last: Exception | None = None
        pause = _RECONNECT_FIRST
        try:
            async with asyncio.timeout(limit):
                while True:
                    try:
                        return await operation(bound)
                    except redis_errors.AuthenticationError:
                        raise
                    except redis_errors.ConnectionError as exc:
                        last = exc
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, _RECONNECT_CAP)
        except TimeoutError:
            if last is None:
                failure = f"did not answer within {limit:g} s"
            else:
                failure = f"{self._failure(last)}, retried for {limit:g} s,"
        except (
            redis_errors.AuthenticationError,
            redis_errors.AuthenticationWrongNumberOfArgsError,
        ):
            failure = (
                "refused the credentials (wrong or missing user or password in the URL or "
                "client; not retried)"
            )
        except redis_errors.RedisError as exc:
            failure = self._failure(exc)
        except OSError as exc:
            failure = f"could not be reached ({type(exc).__name__})"
        except RuntimeError as exc:
            if "loop" not in str(exc):
                raise
            # Only a client that was in use elsewhere before the store first saw it gets
            # here (see _client_here): its futures belong to another loop.
            failure = (
                "cannot be used through a Redis client bound to another event loop (create "
                "the client on the loop that uses it, or pass a Redis URL)"
            )
        # Raised without its cause: a redis-py error may carry the command's arguments
        # (a token) and its reply; the message says what the caller needs.
        raise TokenStoreError(f"Redis at {self._where} {failure} while {what}")

    def _failure(self, exc: Exception) -> str:
        redis_errors = _import_redis()
        name = type(exc).__name__
        if isinstance(exc, redis_errors.ConnectionError | redis_errors.TimeoutError):
            # About the network only (e.g. "Error 111 connecting to host:port. Connection
            # refused."); scrubbed all the same in case a URL with its password slipped in.
            detail = redact_text(str(exc), [self._password]).strip()
            return f"could not be reached ({name}: {detail})" if detail else f"failed ({name})"
        code = _ERROR_CODE.match(str(exc))
        return f"failed ({name} {code.group()})" if code else f"failed ({name})"

    async def _acquire(self, owner: str) -> None:
        self._client_here()  # a client that cannot be used here fails before anything is sent
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.lock_timeout
        lease_ms = max(1, round(self.lease * 1000))
        delay = _BACKOFF_FIRST
        while True:
            try:
                acquired = await self._call(
                    "taking the refresh lock",
                    lambda bound: bound.acquire(keys=[self._lock_key], args=[owner, lease_ms]),
                )
            except BaseException:
                # Redis may have set the lock before the reply was lost (a timeout, a
                # dropped connection, a cancellation): give it back rather than make every
                # worker, this one included, wait out a whole lease for a lock nobody uses.
                await self._release_quietly(owner)
                raise
            if acquired == 1:
                return
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TokenStoreError(
                    f"could not obtain the refresh lock {self._lock_key!r} at {self._where} "
                    f"within {self.lock_timeout:g} s: another worker held it all along (a "
                    f"refresh that hangs, or a worker that died holding it and a lock_timeout "
                    f"shorter than its lease of {self.lease:g} s)"
                )
            # Full jitter: workers that found the lock taken at the same moment spread out.
            await asyncio.sleep(min(remaining, random.uniform(delay / 2, delay)))  # noqa: S311
            delay = min(delay * 2, _BACKOFF_CAP)

    async def _release(self, owner: str) -> None:
        try:
            released = await self._call(
                "giving back the refresh lock",
                lambda bound: bound.release(keys=[self._lock_key], args=[owner]),
            )
        except TokenStoreError as exc:
            # The lock expires by itself within the lease; failing the refresh that has
            # already succeeded would not bring Redis back.
            _log.warning("%s; it expires by itself within %g s", exc, self.lease)
            return
        if released != 1:
            _log.warning(
                "the refresh lock %r at %s had expired before it was given back: the "
                "refresh took longer than its lease of %g s",
                self._lock_key,
                self._where,
                self.lease,
            )

    async def _release_quietly(self, owner: str) -> None:
        # Bounded short: it only adds to a failure being reported, and the lock expires
        # by itself anyway.
        with contextlib.suppress(TokenStoreError, asyncio.CancelledError):
            await self._call(
                "giving back the refresh lock",
                lambda bound: bound.release(keys=[self._lock_key], args=[owner]),
                within=min(self.timeout, _GIVE_BACK_BOUND),
            )

    async def _fenced_save(self, token: OAuth2Token, owner: str, seen: bytes | str) -> str:
        body = _token_json(token)
        version = await self._call(
            "saving the refreshed token",
            lambda bound: bound.save(
                keys=[self.key, self._lock_key, self._version_key],
                args=[body, "fenced", owner, seen],
            ),
        )
        if not isinstance(version, int) or version < 1:
            raise LeaseLostError(
                f"the refresh lease on {self._lock_key!r} at {self._where} ran out (after "
                f"{self.lease:g} s) and another worker has taken the lock or stored a newer "
                "token since; nothing was written"
            )
        return _stored_value(version, body)


def _token_json(token: object) -> str:
    if not isinstance(token, OAuth2Token):
        raise TypeError(f"token must be an OAuth2Token, not {type(token).__name__}")
    return json.dumps(token.to_dict(), separators=(",", ":"), sort_keys=True)


class _RedisLease:
    """The right to refresh, held while the ``async with store.lock()`` block runs."""

    def __init__(self, store: RedisTokenStore, owner: str) -> None:
        self._store = store
        self._owner = owner
        # The value as this lease last read or wrote it: a fenced save may go ahead without
        # the lock only while the stored value is still this (see _SAVE).
        self._seen: bytes | str = ""
        self._held = True

    def __repr__(self) -> str:
        state = "held" if self._held else "released"
        return f"<RedisTokenStore lease on {self._store.key!r} ({state})>"

    async def load(self) -> OAuth2Token | None:
        """The stored token as it is now, or None if there is none.

        :raises TokenStoreError: as :meth:`RedisTokenStore.load`.
        """
        raw = await self._store._get()
        self._seen = "" if raw is None else raw
        return self._store._parse(raw)

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token`` unless another worker has taken over (the fencing check).

        The write goes ahead while the lock is still ours, or when nobody holds it and the
        stored token is still the one this lease read (or there is none, e.g. after a Redis
        restart): in both cases no newer token can exist.

        :raises TypeError: ``token`` is not an :class:`OAuth2Token` (nothing is sent).
        :raises LeaseLostError: the lease ran out and another worker holds the lock or has
            stored a token since; nothing was written.
        :raises TokenStoreError: Redis could not be reached or did not answer in time.
        """
        if not self._held:
            _token_json(token)  # a wrong type is still a TypeError
            raise LeaseLostError(
                f"the refresh lease on {self._store._lock_key!r} was already given back "
                "(save through the lease inside its `async with` block); nothing was written"
            )
        self._seen = await self._store._fenced_save(token, self._owner, self._seen)


class _RedisLock:
    """``async with store.lock() as lease:`` (see :meth:`RedisTokenStore.lock`)."""

    def __init__(self, store: RedisTokenStore) -> None:
        self._store = store
        self._lease: _RedisLease | None = None

    async def __aenter__(self) -> _RedisLease:
        if self._lease is not None:
            raise RuntimeError("this lock() context is already in use; call store.lock() again")
        owner = secrets.token_hex(16)
        await self._store._acquire(owner)
        self._lease = _RedisLease(self._store, owner)
        return self._lease

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        lease = self._lease
        if lease is None or not lease._held:
            return
        lease._held = False
        await self._store._release(lease._owner)
