"""The redis.asyncio clients of a RedisTokenStore or RedisRateLimiter: one per event loop.

A redis.asyncio client belongs to the process and the event loop that opened its
connections: its sockets, its pool's asyncio.Lock and every future on them are bound to that
loop. An object that made its client from a URL therefore keeps one client per loop, made
on first use there, and starts afresh in a forked child; a client the caller passed in
cannot be replaced, so using it elsewhere is refused (each owner says so in its own error
type). Both public classes use this one implementation, so a fix to fork or loop handling
reaches both.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import weakref
from collections.abc import Callable
from typing import Any, Final, Generic, Literal, Protocol, TypeAlias, TypeVar
from urllib.parse import urlsplit

__all__ = ["PerLoopRedis", "Refusal", "check_redis_url", "refusal_text"]

_SCHEMES: Final = frozenset({"redis", "rediss", "unix"})


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

    Raises:
        ValueError: The URL is empty, has another scheme, no host, an invalid port or database; the
            message shows the URL without its user, password and query.
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


# --------------------------------------------------------------------------- processes, loops

# Clients a forked child inherited from its parent, kept for the child's lifetime and never
# touched. Their sockets are the parent's: closing one here would send a FIN, or unregister
# the descriptor from the epoll instance both processes share, and collecting one would
# close it from a finalizer.
_INHERITED: list[object] = []

# Clients whose loop ended without closing them, when their sockets could not be closed
# without that loop (see _close_without_loop): kept rather than left to finalizers that warn.
_STRANDED: list[object] = []

_ALL: weakref.WeakSet[PerLoopRedis[Any]] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # Eagerly, before the child runs anything: a child that drops a store or limiter would
    # otherwise let the parent's client be finalized here, closing sockets the parent uses.
    for clients in list(_ALL):
        clients._let_go_after_fork()


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


class _HasClient(Protocol):
    client: Any


B = TypeVar("B", bound=_HasClient)

# Why a caller's client cannot be used here: it was used in the parent before os.fork(), or
# on another event loop. The owner turns it into its own documented error.
Refusal: TypeAlias = Literal["fork", "loop"]


def refusal_text(
    reason: Refusal,
    owner: object,
    *,
    noun: str,
    class_name: str,
    fork_example: str = "",
    loop_example: str = "",
    tail: str = "",
) -> str:
    """Why ``owner`` cannot use the caller's client here, and what to do instead.

    One wording for the store and the limiter (each raises it as its own documented error
    type); the optional parts are inserted as given, e.g. ``" (e.g. ...)"``.
    """
    advice = (
        "a redis.asyncio client's connections belong to the process and event loop "
        f"that opened them, and a client passed in cannot be replaced by the {noun}. "
        f"Create the client and the {class_name}"
    )
    if reason == "fork":
        return (
            f"{owner!r} was given a Redis client that was used before os.fork(), in the "
            f"parent process: {advice} in the child process{fork_example}, or pass a Redis "
            "URL instead of a client"
        )
    return (
        f"{owner!r} was given a Redis client that is used on another event loop"
        f"{loop_example}: {advice} on the loop that uses them, or pass a Redis URL instead "
        f"of a client (the {noun} then makes one client per loop){tail}"
    )


class PerLoopRedis(Generic[B]):
    """One client (wrapped by ``bind`` into a ``B``) per event loop, per process.

    Args:
        client: A client made from a URL by ``new_client`` and not used yet, or, when ``new_client``
            is None, the caller's client, which is never replaced or closed.
        bind: Wraps a client for one loop (scripts, strategies, queues bound to it).
        new_client: Makes another client from the same URL, for each further loop.
        close_timeout: Seconds :meth:`aclose` waits for a client on another running loop.
    """

    def __init__(
        self,
        client: Any,
        bind: Callable[[Any], B],
        *,
        new_client: Callable[[], Any] | None,
        close_timeout: float,
    ) -> None:
        # Neither of the callables may refer to the owner: a cycle would leave the owner,
        # and its clients' finalizers, to the garbage collector's timing.
        self._bind = bind
        self._new_client = new_client
        self._close_timeout = close_timeout
        self._given: Any = client if new_client is None else None
        # A client made from the URL but not used on any loop yet.
        self._spare: Any = None if new_client is None else client
        self._given_in_parent = False
        self._pid = os.getpid()
        self._bound: dict[asyncio.AbstractEventLoop, B] = {}
        _ALL.add(self)

    def here(self, refuse: Callable[[Refusal], Exception]) -> B:
        """The bound client for the running loop, made on first use there.

        Raises:
            Exception: ``refuse(reason)``, when the caller's client cannot be used here.
        """
        if os.getpid() != self._pid:  # os.fork() without the at-fork hooks (os.fork is fine)
            self._let_go_after_fork()
        loop = asyncio.get_running_loop()
        bound = self._bound.get(loop)
        if bound is not None:
            return bound
        if self._given is not None:
            if self._given_in_parent:
                raise refuse("fork")
            # Bound to another loop already, or used there before we first saw it.
            if self._bound or _foreign_connections(self._given, loop):
                raise refuse("loop")
            client = self._given
        else:
            # Loops that have ended take their connections with them.
            for owner in [owner for owner in self._bound if owner.is_closed()]:
                ended = self._bound.pop(owner)
                if not _close_without_loop(ended.client):
                    _STRANDED.append(ended.client)
            client, self._spare = self._spare, None
            if client is None:
                assert self._new_client is not None
                client = self._new_client()
        bound = self._bind(client)
        self._bound[loop] = bound
        return bound

    def _let_go_after_fork(self) -> None:
        """In a forked child: leave the parent's connections alone and start afresh."""
        if self._pid == os.getpid():
            return
        self._pid = os.getpid()
        if self._given is None:
            _INHERITED.extend(each.client for each in self._bound.values())
            if self._spare is not None:
                # Never connected, but made in the parent: replaced (on first use) all the
                # same, so that nothing of the parent's is ever used here.
                _INHERITED.append(self._spare)
                self._spare = None
        elif self._bound or _foreign_connections(self._given, None):
            self._given_in_parent = True
        # Whatever was bound (clients, scripts, queues) is the parent's; a queue held there
        # would never open here.
        self._bound = {}

    async def aclose(self) -> None:
        """Close the clients made from the URL; a caller's client is left open.

        Clients of other event loops are closed on their loop when it still runs, and
        directly when it has ended; a forked child never closes its parent's. After this,
        :meth:`here` makes new clients (owners that must not, refuse before calling it).
        """
        if os.getpid() != self._pid:
            self._let_go_after_fork()
        bound, self._bound = self._bound, {}
        spare, self._spare = self._spare, None
        if self._given is not None:
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
                    await asyncio.wait_for(asyncio.wrap_future(done), self._close_timeout)
            else:
                _STRANDED.append(each.client)  # a loop that may run again; closed with it
