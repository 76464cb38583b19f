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
import functools
import json
import logging
import math
import random
import re
import secrets
from collections.abc import Awaitable, Callable
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Final, Self, TypeVar
from urllib.parse import urlsplit

from astravue_async._errors import DecodeError, LeaseLostError, TokenStoreError
from astravue_async._redact import redact_text
from astravue_async._redis_clients import PerLoopRedis, Refusal, check_redis_url, refusal_text
from astravue_async.auth._token import OAuth2Token

if TYPE_CHECKING:
    import redis.asyncio

__all__ = ["RedisTokenStore"]

_log = logging.getLogger("astravue_async")

T = TypeVar("T")

_INSTALL_HINT: Final = "pip install 'astravue-async[redis]'"
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


def _new_client(url: str, where: str, timeout: float) -> Any:
    try:
        return _import_redis().Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout
        )
    except ValueError as exc:
        # redis-py's own reasons name an option ("Invalid value for 'db' in connection
        # URL."), never its value; anything else is said in our own words.
        text = str(exc)
        reason = text if text.startswith("Invalid value for '") else "redis-py refused it"
        raise ValueError(f"invalid Redis URL {where!r}: {reason}") from None


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

    Redis refusing the credentials (a wrong password or user) fails each call at once
    with a :class:`~astravue_async.TokenStoreError` saying so; it is not retried.

    Args:
        url_or_client: A Redis URL (``redis://[[user]:password@]host:port/db``, ``rediss://`` for
            TLS, ``unix:///path/to/socket?db=0``) or a ``redis.asyncio.Redis`` client. From a URL,
            the store makes its own clients: one per event loop it is used on (a second
            ``asyncio.run()``, a sync client's loop thread), and new ones in a process forked after
            it was used (Celery, gunicorn prefork), which never touch the parent's connections;
            :meth:`aclose` closes them, and their socket and connect timeouts are ``timeout``. A
            client passed in stays the caller's: the store never closes it and does not change its
            settings (its own timeouts and retries apply; ``decode_responses`` is fine). It cannot
            be replaced, so using the store on another loop than the client's, or in a forked child
            after the client was used in the parent, raises :class:`~astravue_async.TokenStoreError`
            saying to create the client and the store there (or to pass a URL). Either way each of
            the store's calls is bounded by ``timeout``, within which a connection error is retried
            with backoff (a Redis restart kills pooled connections), so a Redis that is down fails
            each call after ``timeout`` seconds.
        key: The Redis key of the token; ``<key>:lock`` and ``<key>:version`` are used too. One key
            per login (user and OAuth client), e.g. ``"astravue:token:alice"``. Never put a token in
            it. On Redis Cluster, put a hash tag in it (``"astravue:{alice}"``) so the three keys
            live on one shard.
        lease: Seconds a worker may hold the refresh lock (default 60; at least 1). Longer than any
            refresh takes (TokenManager bounds one refresh at about 30 s plus its
            ``persist_timeout`` twice); a worker that dies holding the lock blocks the others for at
            most this long.
        lock_timeout: Seconds :meth:`lock` waits for the lock (default 60; plus at most ``timeout``
            for a Redis call in flight at the deadline). Keep it at least ``lease``, or workers may
            give up on a lock that its dead holder would have lost in time (a shorter one is logged
            as a warning).
        timeout: Seconds one Redis call may take, reconnects included (default 5).

    Raises:
        ImportError: The ``redis`` package is not installed (``pip install
            'astravue-async[redis]'``).
        TypeError, ValueError: An argument is invalid: a URL without a host (or socket path), with a
            port outside 1-65535 or a database that is not a number, a lease under 1 s (the message
            never quotes the URL's user, password or query).
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
        self._clients: PerLoopRedis[_Bound]
        if isinstance(url_or_client, str):
            self._where = check_redis_url(url_or_client)
            self._password = _url_password(url_or_client)
            # A module-level factory, not a method: the clients must not refer to the store.
            new_client = functools.partial(_new_client, url_or_client, self._where, self.timeout)
            self._clients = PerLoopRedis(
                new_client(), _Bound, new_client=new_client, close_timeout=self.timeout
            )
        elif isinstance(url_or_client, redis_asyncio.Redis):
            self._where = _describe_client(url_or_client)
            self._clients = PerLoopRedis(
                url_or_client, _Bound, new_client=None, close_timeout=self.timeout
            )
        else:
            raise TypeError(
                "url_or_client must be a Redis URL string or a redis.asyncio.Redis client, "
                f"not {type(url_or_client).__name__}"
            )
        if self.lock_timeout < self.lease:
            _log.warning(
                "%r: lock_timeout (%g s) is shorter than lease (%g s): when a worker dies "
                "holding the refresh lock, the others give up before it expires",
                self,
                self.lock_timeout,
                self.lease,
            )
        self._closed = False

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
        await self._clients.aclose()

    def _client_here(self) -> _Bound:
        """The client (and scripts) for the running loop, made on first use there.

        Raises:
            TokenStoreError: The store is closed, or the caller's client belongs to another loop or
                to the parent process (it cannot be replaced by the store).
        """
        if self._closed:
            raise TokenStoreError(f"{self!r} is closed; create a new store")
        return self._clients.here(self._refuse_given)

    def _refuse_given(self, reason: Refusal) -> TokenStoreError:
        return TokenStoreError(
            refusal_text(
                reason,
                self,
                noun="store",
                class_name="RedisTokenStore",
                fork_example=" (e.g. in Celery's worker_process_init or gunicorn's post_fork)",
                loop_example=" (e.g. an earlier asyncio.run() or another thread's loop)",
            )
        )

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

        Raises:
            TokenStoreError: Redis could not be reached or did not answer within ``timeout``, or the
                key holds something that is not a token saved by this class.
        """
        return self._parse(await self._get())

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token``, replacing any previous one (unfenced; see :meth:`lock`).

        Raises:
            TypeError: ``token`` is not an :class:`OAuth2Token` (nothing is sent).
            TokenStoreError: Redis could not be reached or did not answer in time.
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

        Raises:
            TokenStoreError: Redis could not be reached or did not answer in time.
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

        Raises:
            TokenStoreError: The lock was not obtained within ``lock_timeout`` seconds, or Redis
                could not be reached or did not answer within ``timeout``.
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

        Raises:
            TokenStoreError: As :meth:`RedisTokenStore.load`.
        """
        raw = await self._store._get()
        self._seen = "" if raw is None else raw
        return self._store._parse(raw)

    async def save(self, token: OAuth2Token) -> None:
        """Store ``token`` unless another worker has taken over (the fencing check).

        The write goes ahead while the lock is still ours, or when nobody holds it and the
        stored token is still the one this lease read (or there is none, e.g. after a Redis
        restart): in both cases no newer token can exist.

        Raises:
            TypeError: ``token`` is not an :class:`OAuth2Token` (nothing is sent).
            LeaseLostError: The lease ran out and another worker holds the lock or has stored a
                token since; nothing was written.
            TokenStoreError: Redis could not be reached or did not answer in time.
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
