"""A request budget shared by every worker through Redis (the optional ``redis`` extra).

The algorithm is the `limits` library's moving window (a Lua script run atomically in
Redis), not ours: at most ``N`` requests are admitted in any ``W``-second span, whichever
worker sends them.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Self

from yarl import URL

from astravue_async._ratelimit import LocalRateLimiter, parse_limit
from astravue_async._redis_clients import PerLoopRedis, Refusal, check_redis_url, refusal_text

if TYPE_CHECKING:
    import redis.asyncio

__all__ = ["RedisRateLimiter"]

logger = logging.getLogger("astravue_async")

_EXTRA_HINT: Final = (
    "RedisRateLimiter needs the optional 'redis' extra (redis-py and limits): "
    "pip install 'astravue-async[redis]'"
)
# Bounds on one Redis round trip for a client built from a URL: a Redis that hangs must not
# hold every request of the process for redis-py's default of 5 s per try.
_REDIS_TIMEOUT: Final = 2.0
# After Redis failed, how long this process limits itself locally before trying it again.
_RETRY_REDIS_AFTER: Final = 5.0


class _Backend:
    """redis-py and limits, imported on first use (they are the optional extra)."""

    def __init__(self) -> None:
        try:
            import redis.asyncio as redis_asyncio
            from limits import RateLimitItemPerSecond
            from limits.aio import storage, strategies
            from redis.asyncio.retry import Retry
            from redis.backoff import NoBackoff
        except ImportError as exc:
            raise ImportError(_EXTRA_HINT) from exc
        self.redis: Any = redis_asyncio
        self.item_per_second: Any = RateLimitItemPerSecond
        self.storage: Any = storage
        self.strategies: Any = strategies
        # One immediate retry, on a fresh connection: after a Redis restart the first
        # command on a pooled connection always fails.
        self.retry: Any = Retry(NoBackoff(), 1)


def _new_client(backend: _Backend, url: str) -> Any:
    try:
        return backend.redis.Redis.from_url(
            url,
            socket_timeout=_REDIS_TIMEOUT,
            socket_connect_timeout=_REDIS_TIMEOUT,
            retry=backend.retry,
        )
    except ValueError:
        # redis-py's message may quote parts of the URL.
        raise ValueError("url_or_client is not a valid Redis URL") from None


class _Bound:
    """The client, the limits strategy on it and the queue of callers, for one event loop."""

    __slots__ = ("client", "queue", "strategy")

    def __init__(self, client: Any, backend: _Backend, key: str) -> None:
        self.client = client
        # The limiter's Lua scripts run on this client's connection pool, under our key.
        storage = backend.storage.RedisStorage(
            "async+redis://",
            implementation="redispy",
            key_prefix=key,
            connection_pool=client.connection_pool,
        )
        self.strategy: Any = backend.strategies.MovingWindowRateLimiter(storage)
        self.queue = asyncio.Lock()


def _describe(client: redis.asyncio.Redis) -> str:
    """Where the client connects, without its password (for reprs and log records)."""
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix://{kwargs['path']}?db={kwargs.get('db', 0)}"
    return f"redis://{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"


class RedisRateLimiter:
    """A request budget shared by every process and host that uses the same Redis ``key``.

    Pass it as ``AstravueClient(rate_limit=RedisRateLimiter(...))`` in every worker: each
    request start (retries included) then takes one slot of one budget, kept in Redis.
    Over budget, :meth:`acquire` waits (it never fails for that) until the moving window
    frees a slot, plus a little random jitter so that waiting workers do not all ask Redis
    at the same instant; the call's ``timeout`` bounds the wait.

    Redis unavailable (down, restarting, unreachable, refusing our credentials): the
    request is not failed. A shared budget exists to stay under the API's limit, which the
    API enforces itself (429 with ``Retry-After``, honoured by the client's retries), so
    failing every call while Redis is away would turn a Redis outage into an API outage.
    The process limits itself to ``fallback_limit`` instead, logs one warning on the
    ``astravue_async`` logger (where, never a password), tries Redis again every 5 seconds
    and logs when the shared budget is back. A Redis restart empties the window: up to
    ``N`` more requests may start in the window it happened in.

    Redis connections belong to the process and the event loop that opened them. A limiter
    made from a URL therefore makes one client per event loop it is used on (a second
    ``asyncio.run()``, a sync client's loop thread), and new ones in a process forked after
    it was used (Celery, gunicorn prefork), never touching the parent's connections. A client
    of yours cannot be replaced: :meth:`acquire` on another loop than the one it was used
    on, or in a forked child after it was used in the parent, raises :class:`RuntimeError`
    saying to create the client and the limiter there (or to pass a URL).

    Args:
        url_or_client: A ``redis://``, ``rediss://`` or ``unix://`` URL (a client is then made with
            2-second socket timeouts and closed by :meth:`aclose`), or a ``redis.asyncio.Redis`` of
            yours (used as it is and never closed by this limiter).
        key: The Redis key prefix of the budget. Workers share a budget exactly when they use the
            same key and the same ``limit``.
        limit: ``"N/unit"`` or ``"N per M units"`` (unit: second, minute, hour, day): at most ``N``
            request starts in any ``M``-unit span, across all workers. The API allows about 100
            requests per user per minute; leave some room (e.g. ``"90/minute"``): a request is
            counted here when admitted and by the API when it arrives, other programs may use the
            same account, and the window is measured on the clock of the worker asking, so hosts'
            clocks must agree.
        fallback_limit: The budget this process keeps to, on its own, while Redis cannot be reached
            (default: ``limit``). With ``W`` workers, ``limit`` divided by ``W`` keeps the fleet
            under the API's limit during an outage too.
        clock: Monotonic seconds, for the retry-Redis-every-5-s timer (for tests).
        sleep: The coroutine waited on while over budget (for tests).

    Raises:
        ImportError: The ``redis`` extra is not installed.
        TypeError: ``url_or_client`` is neither a str nor a ``redis.asyncio.Redis``, or ``key`` is
            not a non-empty str.
        ValueError: A malformed URL or limit.
    """

    def __init__(
        self,
        url_or_client: str | redis.asyncio.Redis,
        *,
        key: str = "astravue:ratelimit:default",
        limit: str = "100/minute",
        fallback_limit: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if not isinstance(key, str) or not key:
            raise TypeError("key must be a non-empty str")
        amount, window = parse_limit(limit)
        self._fallback = LocalRateLimiter(
            limit if fallback_limit is None else fallback_limit, clock=clock, sleep=sleep
        )
        backend = _Backend()
        self._backend = backend
        self._password: str | None = None
        self._clients: PerLoopRedis[_Bound]
        # Module-level callables, not methods: the clients must not refer to the limiter.
        bind = functools.partial(_Bound, backend=backend, key=key)
        if isinstance(url_or_client, str):
            # Neither the URL's user, password nor query goes into the message.
            check_redis_url(url_or_client)
            self._password = URL(url_or_client).password
            new_client = functools.partial(_new_client, backend, url_or_client)
            first = new_client()
            where = _describe(first)
            self._clients = PerLoopRedis(
                first, bind, new_client=new_client, close_timeout=_REDIS_TIMEOUT
            )
        elif isinstance(url_or_client, backend.redis.Redis):
            where = _describe(url_or_client)
            self._clients = PerLoopRedis(
                url_or_client, bind, new_client=None, close_timeout=_REDIS_TIMEOUT
            )
        else:
            raise TypeError(
                "url_or_client must be a Redis URL or a redis.asyncio.Redis, not "
                f"{type(url_or_client).__name__}"
            )
        self._key = key
        self._limit = limit
        self._window = float(window)
        self._item = backend.item_per_second(amount, window)
        self._redis_errors: tuple[type[BaseException], ...] = (
            backend.redis.RedisError,
            OSError,
        )
        self._where = where
        self._clock = clock
        self._sleep = sleep
        self._jitter = min(0.1, self._window * 0.05)
        self._down_until: float | None = None  # set while Redis is unavailable

    def __repr__(self) -> str:
        return f"RedisRateLimiter({self._where!r}, key={self._key!r}, limit={self._limit!r})"

    @property
    def using_fallback(self) -> bool:
        """Whether Redis was unavailable at the last try (the local budget is in use)."""
        return self._down_until is not None

    def _bind(self) -> _Bound:
        """The client, strategy and queue for the running loop, made on first use there."""
        return self._clients.here(self._refuse_given)

    def _refuse_given(self, reason: Refusal) -> RuntimeError:
        return RuntimeError(
            refusal_text(
                reason,
                self,
                noun="limiter",
                class_name="RedisRateLimiter",
                tail="; limiters with the same key share one budget",
            )
        )

    async def acquire(self) -> None:
        """Return when the shared budget admits one more request start (see the class).

        Raises:
            RuntimeError: The limiter was given a Redis client that belongs to another event loop or
                to the parent process (see the class).
        """
        bound = self._bind()
        # One caller per process asks Redis at a time (first come, first served); the
        # others queue here rather than each polling Redis.
        async with bound.queue:
            while True:
                delay = await self._try_shared(bound.strategy)
                if delay is None:
                    await self._fallback.acquire()
                    return
                if delay <= 0:
                    return
                await self._sleep(delay)

    async def _try_shared(self, strategy: Any) -> float | None:
        """0 if a slot was taken, else seconds to wait; None while Redis is unavailable."""
        if self._down_until is not None and self._clock() < self._down_until:
            return None
        try:
            if await strategy.hit(self._item):
                self._back()
                return 0.0
            stats = await strategy.get_window_stats(self._item)
        except self._redis_errors as exc:
            self._unavailable(exc)
            return None
        self._back()
        # The window is measured on the wall clock (the Lua script stores time.time()).
        wait = float(stats.reset_time) - time.time()
        return min(max(wait, 0.0), self._window) + random.uniform(0.001, self._jitter)  # noqa: S311

    def _unavailable(self, exc: BaseException) -> None:
        first = self._down_until is None
        self._down_until = self._clock() + _RETRY_REDIS_AFTER
        if isinstance(exc, self._backend.redis.AuthenticationError):
            # Not the bare class name, which reads like the SDK's own AuthenticationError.
            reason = "Redis refused the credentials: wrong or missing user or password"
        else:
            reason = f"{type(exc).__name__}: {exc}"
        if self._password:
            reason = reason.replace(self._password, "<redacted>")
        logger.log(
            logging.WARNING if first else logging.DEBUG,
            "the rate limiter's Redis (%s, key %r) is unavailable (%s); limiting this "
            "process on its own to %r until it is back (next try in %g s)",
            self._where,
            self._key,
            reason,
            self._fallback,
            _RETRY_REDIS_AFTER,
        )

    def _back(self) -> None:
        if self._down_until is not None:
            self._down_until = None
            logger.info(
                "the rate limiter's Redis (%s, key %r) is reachable again; the shared budget "
                "applies",
                self._where,
                self._key,
            )

    async def aclose(self) -> None:
        """Close the Redis connections if this limiter made the clients (from a URL).

        Clients of other event loops are closed on their loop when it still runs, and
        directly when it has ended; a forked child never closes its parent's.
        """
        await self._clients.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
