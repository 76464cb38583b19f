"""The I/O core: one aiohttp session, the attempt loop, auth, retries and concurrency limits.

Everything protocol-shaped (URLs, headers, envelope, error mapping) lives in ``_request`` as
pure functions; this module only moves bytes and applies policy.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import inspect
import itertools
import logging
import math
import os
import select
import ssl
import threading
import time
import urllib.request
import warnings
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from datetime import timedelta
from typing import Any, Final, TypeVar

import aiohttp
import attrs
from multidict import CIMultiDict
from yarl import URL

from astravue_async import _log
from astravue_async._concurrency import ConcurrencyLimit
from astravue_async._convert import wire_name
from astravue_async._deadline import Deadline, DeadlineQueue
from astravue_async._descriptors import Operation
from astravue_async._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    NotFoundError,
    TLSError,
)
from astravue_async._fast_bytes import DeferredItems, deferred_decoder
from astravue_async._observability import CallObservation, Observer
from astravue_async._ratelimit import LocalRateLimiter, RateLimiter
from astravue_async._redact import redact_text
from astravue_async._request import (
    ORG_HEADER,
    USER_AGENT,
    PreparedRequest,
    check_org_id,
    decode_response,
    prepare,
)
from astravue_async._response import APIResponse, request_id_from, scrubbed_headers
from astravue_async._response_head import parser_complaint, raise_limits, session_limits
from astravue_async._retry import RetryPolicy, may_have_been_processed
from astravue_async.auth import TokenManager

__all__ = ["DEFAULT_BASE_URL", "RequestOptions", "Transport"]

logger = logging.getLogger("astravue_async")

DEFAULT_BASE_URL: Final = "https://api.astravue.com/v1"
DEFAULT_TIMEOUT: Final = 60.0
DEFAULT_CONNECT_TIMEOUT: Final = 10.0
LOCAL_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

Sleep = Callable[[float], Awaitable[None]]
_NO_ARGUMENTS: Final[Mapping[str, Any]] = {}
# Sent per request rather than as session defaults, so a caller-supplied session gets them too.
_BASE_HEADERS: Final = {"User-Agent": USER_AGENT, "Accept": "application/json"}


def _positive_or_none(name: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number or None, not {type(value).__name__}")
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value}")


def _choose_rate_limiter(
    requests_per_second: float | None,
    rate_limit: RateLimiter | None,
    clock: Callable[[], float],
    sleep: Sleep,
) -> RateLimiter | None:
    if rate_limit is None:
        if requests_per_second is None:
            return None
        # The transport's own clock and sleep, so tests that virtualise time see it.
        return LocalRateLimiter(requests_per_second, clock=clock, sleep=sleep)
    if requests_per_second is not None:
        raise TypeError(
            "pass either requests_per_second= or rate_limit=, not both "
            "(requests_per_second=r is rate_limit=LocalRateLimiter(r))"
        )
    if not callable(getattr(rate_limit, "acquire", None)):
        raise TypeError(
            "rate_limit must be a RateLimiter (an object with an async acquire() method, e.g. "
            f"LocalRateLimiter or RedisRateLimiter), not {type(rate_limit).__name__}"
        )
    return rate_limit


@attrs.frozen
class RequestOptions:
    """Per-client defaults that ``with_options`` (and the transport, per call) can override.

    ``timeout`` bounds the whole call in seconds: every attempt, the waits between them and
    any wait for a token refresh. ``attempt_timeout`` (default: none but ``timeout``) bounds
    one attempt, so that a single hung response is abandoned and retried while the call's
    deadline still allows. ``connect_timeout`` bounds opening one connection.
    """

    org_id: int
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    max_retries: int = 3
    attempt_timeout: float | None = None
    # Built once per options object rather than per request, and never kept in a cache of
    # its own: with_options(timeout=<any float>) would otherwise grow one without bound.
    aiohttp_timeout: aiohttp.ClientTimeout = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        check_org_id(self.org_id)
        _positive_or_none("timeout", self.timeout)
        _positive_or_none("connect_timeout", self.connect_timeout)
        _positive_or_none("attempt_timeout", self.attempt_timeout)
        RetryPolicy(max_retries=self.max_retries)  # validates
        # The whole call's deadline is enforced around all attempts; aiohttp's total, if
        # any, is the one attempt's.
        object.__setattr__(
            self,
            "aiohttp_timeout",
            aiohttp.ClientTimeout(total=self.attempt_timeout, connect=self.connect_timeout),
        )

    def replace(self, **changes: Any) -> RequestOptions:
        return attrs.evolve(self, **{k: v for k, v in changes.items() if v is not None})


def check_base_url(
    base_url: str, *, allow_insecure_http: bool = False, name: str = "base_url"
) -> str:
    """Refuse URLs that would send tokens in clear text to anything but this machine.

    ``name`` is the argument the URL came from (``base_url``, ``token_url``), for the errors.
    """
    if not isinstance(base_url, str):
        raise TypeError(f"{name} must be a str, not {type(base_url).__name__}")
    url = URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"{name} must be an http(s) URL with a host, got {base_url!r}")
    if url.scheme == "http" and url.host not in LOCAL_HOSTS and not allow_insecure_http:
        raise ValueError(
            f"refusing plain-http {name} {base_url!r}: tokens would travel unencrypted. "
            "Use https, or pass allow_insecure_http=True if you really mean it"
        )
    if url.query_string or url.fragment or url.user is not None or "?" in base_url:
        # Paths are appended to the base URL as text; a query, fragment or credentials in it
        # would end up in the middle of every request URL.
        # Named by its scheme and host only: the URL may hold a password.
        raise ValueError(
            f"{name} must not contain a query, fragment or credentials "
            f"(got {url.scheme}://{url.host}...)"
        )
    return base_url.rstrip("/")


class _Secrets(tuple[str | None, ...]):
    """Credentials to scrub from answers; their repr hides them, since transports and calls
    end up in reprs and tracebacks."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<secrets: redacted>"


class _HeaderCache:
    """Request headers per (token, org, has body), built once rather than per request.

    aiohttp copies request headers, so one instance serves every request. Kept small: a
    multi-tenant bot alternates a few orgs, and tokens change every half hour. The repr hides
    the tokens: transports end up in reprs and tracebacks.

    ``base``: the headers every request carries that its session does not already send
    (the SDK's own session sends them as its defaults: aiohttp merges a request's headers
    into the session's one by one, so each header left to the session is work saved).
    """

    __slots__ = ("_base", "_built")
    _LIMIT: Final = 16

    def __init__(self, base: Mapping[str, str]) -> None:
        self._base = base
        self._built: dict[tuple[str, int, bool], CIMultiDict[str]] = {}

    def __repr__(self) -> str:
        return "<request headers: redacted>"

    def get(self, access_token: str, org_id: int, has_body: bool) -> CIMultiDict[str]:
        key = (access_token, org_id, has_body)
        headers = self._built.get(key)
        if headers is None:
            if len(self._built) >= self._LIMIT:
                self._built.clear()  # mostly superseded tokens
            headers = CIMultiDict(self._base)
            headers["Authorization"] = f"Bearer {access_token}"
            headers[ORG_HEADER] = str(org_id)
            if has_body:
                headers["Content-Type"] = "application/json"
            self._built[key] = headers
        return headers


# --------------------------------------------------------------------------- fork

# Bumped in a child process after os.fork(); a transport that sees a generation other than
# its own knows its session, loop and locks belong to the parent (Celery, gunicorn prefork).
_fork_generation = 0


def _after_fork_in_child() -> None:
    global _fork_generation
    _fork_generation += 1
    # Eagerly, not on first use: a child that drops an unused client would otherwise let the
    # parent's session be finalized, and its connector would unregister the parent's sockets
    # from the epoll instance both processes share.
    for transport in list(_TRANSPORTS):
        transport._let_go_after_fork()


if hasattr(os, "register_at_fork"):  # not on Windows, where there is no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)

_T = TypeVar("_T")

_TRANSPORTS: weakref.WeakSet[Transport] = weakref.WeakSet()
_NO_SECRETS: Final = _Secrets()

# Sessions a forked child inherited. Closing one there would send TLS close_notify records
# and FINs on connections the parent is still using, and letting it be collected would warn
# about a session that is not the child's to close, so the child keeps them, untouched.
_INHERITED_SESSIONS: list[aiohttp.ClientSession] = []


# --------------------------------------------------------------------------- connections


def _peer_has_closed(transport: asyncio.BaseTransport | None) -> bool:
    """Whether an idle pooled connection is unusable (closed by the peer, or not idle)."""
    if transport is None or transport.is_closing():
        return True
    sock = transport.get_extra_info("socket")
    if sock is None:
        return False
    try:
        fd = sock.fileno()
    except (OSError, ValueError):
        return True
    if fd < 0:
        return True
    # Between responses an HTTP/1.1 connection has nothing to read: if it is readable, the
    # server sent a FIN or a reset, or an unsolicited answer (some send a 408 as they give
    # up on an idle client). Any of those makes it unusable, and nothing was written yet.
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLPRI)  # HUP and ERR always count
        return bool(poller.poll(0))
    readable, _, _ = select.select([fd], [], [], 0)  # pragma: no cover - Windows
    return bool(readable)


class _Reuse:
    """What the pool knows of a connection it has handed out before.

    Its socket's poll object is made once, when the connection is first handed out, so the
    check before each reuse is one ``poll(0)`` system call. The descriptor it polls cannot
    belong to another socket by then: a closed transport is refused before it is polled.
    """

    __slots__ = ("_poller", "retire_at")

    def __init__(self, transport: asyncio.BaseTransport | None) -> None:
        self.retire_at = math.inf  # when to stop reusing it (a server's Keep-Alive timeout)
        self._poller: Any = None
        sock = transport.get_extra_info("socket") if transport is not None else None
        if sock is not None and hasattr(select, "poll"):
            with contextlib.suppress(OSError, ValueError):
                fd = sock.fileno()
                if fd >= 0:
                    poller = select.poll()
                    poller.register(fd, select.POLLIN | select.POLLPRI)  # HUP, ERR always count
                    self._poller = poller

    def still_usable(self, protocol: Any) -> bool:
        """Not retired, nothing received since its last answer, not closing, and nothing
        waiting to be read (see :func:`_peer_has_closed`).

        ``protocol``: aiohttp's protocol of the connection.
        """
        retire_at = self.retire_at
        if retire_at != math.inf and time.monotonic() >= retire_at:
            return False
        # Bytes the event loop already read from an idle connection (an unsolicited "408
        # Request Timeout" as a server gives up on it) sit in aiohttp's parser, which would
        # hand them to the next request as its answer. aiohttp's own release check says so.
        if protocol.should_close:
            return False
        transport = protocol.transport
        poller = self._poller
        if poller is None:
            return not _peer_has_closed(transport)
        if transport is None or transport.is_closing():
            return False
        return not poller.poll(0)


# The attempt being connected, so the pool can record the moment a request may start going
# out: before it, a failure or the call's deadline provably sent nothing.
_ATTEMPT: contextvars.ContextVar[_Call | None] = contextvars.ContextVar(
    "astravue_attempt", default=None
)
_WAITING_FOR_A_SLOT: Final = (
    "waiting for a free connection slot (max_concurrency, by default connection_limit)"
)
# A server's "Keep-Alive: timeout=N" is trusted minus this margin, so that a connection is
# retired before the server's idle timer closes it under a request.
_KEEP_ALIVE_MARGIN: Final = 1.0


class _Pool:
    """The connections a pool has handed out, and the check before it hands one out again.

    A pool never writes a request onto a connection the server has already closed. Load
    balancers and servers close idle keep-alive connections (idle timeouts, rolling
    restarts), and the FIN often arrives while the connection sits in the pool, before the
    event loop has noticed it. A request written onto such a connection fails in a way that
    looks exactly like a server that received it and died, so a non-idempotent call would
    have to fail although it never reached anybody. So a reused connection is checked just
    before it is handed out (as urllib3 does), and one the server announced it would close
    by now (``Keep-Alive: timeout=N``) is not reused. Nor is one on which anything arrived
    while it was idle: aiohttp would take those bytes (a stray "408", even a stray "200")
    for the next request's answer. Only a close racing the write itself stays ambiguous,
    and is reported as such (``request_sent=True``).

    The SDK's own pool is a :class:`_CheckedConnector`; a caller's session gets the same
    check installed on its connector (:func:`_check_callers_pool`).
    """

    __slots__ = ("_handed_out",)

    def __init__(self) -> None:
        # Fresh connections are not checked: a TLS server may still be sending session
        # tickets, which would read as "not idle".
        self._handed_out: weakref.WeakKeyDictionary[object, _Reuse] = weakref.WeakKeyDictionary()

    def retire_at(self, protocol: object, when: float) -> None:
        """Do not reuse ``protocol``'s connection after ``when`` (``time.monotonic()``)."""
        reuse = self._handed_out.get(protocol)
        if reuse is not None:
            reuse.retire_at = when

    def usable(self, connection: Any) -> bool:
        """Whether ``connection``, just taken from the pool, may carry a request."""
        protocol = connection.protocol
        if protocol is None:  # pragma: no cover - aiohttp always sets it
            return True
        reuse = self._handed_out.get(protocol)
        if reuse is None:
            self._handed_out[protocol] = _Reuse(protocol.transport)
            return True
        if reuse.still_usable(protocol):
            return True
        logger.debug("discarding a pooled connection the server has closed or will close")
        return False


def _handed_out(connection: Any) -> None:
    """From here on the attempt's request may be going out (its failures count as maybe
    sent); before, nothing was written."""
    attempt = _ATTEMPT.get()
    if attempt is not None:
        attempt.connected = True
        attempt.sent = True
        attempt.protocol = connection.protocol
        attempt.phase = "waiting for the API to answer"


class _CheckedConnector(aiohttp.TCPConnector):
    """The SDK's own pool: aiohttp's, with the check of :class:`_Pool`."""

    def __init__(self, *, limit: int, limit_per_host: int, ssl: bool | ssl.SSLContext) -> None:
        super().__init__(limit=limit, limit_per_host=limit_per_host, ssl=ssl)
        self.pool = _Pool()

    async def connect(self, req: Any, traces: Any, timeout: aiohttp.ClientTimeout) -> Any:  # noqa: ASYNC109
        usable = self.pool.usable
        while True:
            connection = await super().connect(req, traces, timeout)
            if usable(connection):
                break
            connection.close()
        _handed_out(connection)
        return connection


def _pass_slot_on(session: aiohttp.ClientSession) -> None:
    """After a request waiting in aiohttp's pool was cancelled: wake the next waiter if a
    connection is free.

    aiohttp hands a freed slot to one waiter by completing its future; if that waiter's task
    is cancelled before it runs, the slot is not passed on, and the requests queued behind it
    wait although a connection is free (until their connect timeout). Closing the client
    cancels its queued requests, so it would strand the other requests on a caller's
    session. ``_release_waiter`` wakes a waiter only where a connection is available.
    """
    connector = session.connector
    release = getattr(connector, "_release_waiter", None)
    if connector is not None and not connector.closed and callable(release):
        release()


def _check_callers_pool(session: aiohttp.ClientSession) -> _Pool | None:
    """Install :class:`_Pool`'s check on a caller's session's connector (once per connector).

    Without it a caller's pool would hand the SDK a connection the server has closed, or
    one holding a stray answer, which aiohttp would return as the next request's (a create
    reported done with another request's data, never sent). And the SDK could not tell when
    a request starts going out. The check only ever discards a connection that cannot carry
    a request; the caller's own requests on the session get it too.
    """
    connector = session.connector
    if not isinstance(connector, aiohttp.BaseConnector):  # pragma: no cover - closed
        return None
    if isinstance(connector, _CheckedConnector):  # another client's session, passed on
        return connector.pool
    pool = connector.__dict__.get("_astravue_pool")
    if isinstance(pool, _Pool):  # another client on the same connector installed it
        return pool
    pool = _Pool()
    connect = connector.connect
    usable = pool.usable

    async def checked_connect(req: Any, traces: Any, timeout: aiohttp.ClientTimeout) -> Any:  # noqa: ASYNC109
        while True:
            connection = await connect(req, traces=traces, timeout=timeout)
            if usable(connection):
                break
            connection.close()
        _handed_out(connection)
        return connection

    connector.connect = checked_connect  # type: ignore[method-assign]
    connector.__dict__["_astravue_pool"] = pool
    return pool


# --------------------------------------------------------------------------- deferred pages

_NOT_DEFERRED: Any = object()
_DEFERRED_KEYS: dict[Operation, DeferredItems] = {}
"""Operation → its deferred response key; one per list operation of the spec."""


def _deferred_key(operation: Operation) -> DeferredItems:
    key = _DEFERRED_KEYS.get(operation)
    if key is None:
        paging, response = operation.pagination, operation.response
        items_attr: str | None = None
        if paging is not None and attrs.has(response):
            items_attr = next(
                (f.name for f in attrs.fields(response) if wire_name(f) == paging.items_field),
                None,
            )
        key = _DEFERRED_KEYS[operation] = DeferredItems(response, items_attr)
    return key


def _decode_deferred(key: DeferredItems, raw: bytes) -> Any:
    """A 2xx body as a ``DeferredPage`` (``_fast_bytes``), or ``_NOT_DEFERRED``: then the
    detailed path decides, exactly as for :meth:`Transport.call` (the same value, or the
    precise error)."""
    decode = deferred_decoder(key)
    if decode is None:
        return _NOT_DEFERRED
    try:
        return decode(raw)
    except Exception:  # not swallowed: decode_response re-decides the body
        return _NOT_DEFERRED


# --------------------------------------------------------------------------- proxies

_PROXY_SCHEMES: Final = ("http", "https")


def check_proxy(proxy: object) -> str | None:
    """Validate an explicit ``proxy=`` URL (credentials in it are used for proxy auth)."""
    if proxy is None:
        return None
    if not isinstance(proxy, str):
        raise TypeError(f"proxy must be a str URL or None, not {type(proxy).__name__}")
    url = URL(proxy)
    if url.scheme not in _PROXY_SCHEMES or not url.host:
        # Only the scheme and host: the URL may carry the proxy's password.
        raise ValueError(
            "proxy must be an http:// or https:// URL with a host "
            f"(got scheme {url.scheme or 'none'!r}); SOCKS proxies are not supported"
        )
    return proxy


def environment_proxy(url: str) -> str | None:
    """The proxy ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` name for ``url``, unless
    ``NO_PROXY`` exempts its host (curl's and requests' rules, via :mod:`urllib.request`).

    :raises ValueError: the environment names a proxy of a scheme aiohttp cannot use (SOCKS).

    Resolved once per client, not per request: aiohttp's own ``trust_env`` looks the
    environment (and ``~/.netrc``) up in a worker thread on every request.
    """
    proxies = urllib.request.getproxies_environment()
    parsed = URL(url)
    proxy = proxies.get(parsed.scheme) or proxies.get("all")
    if not proxy or not parsed.host:
        return None
    # public, though typeshed does not list it
    # host:port, so that NO_PROXY entries with a port match too, as urllib's own callers do.
    authority = f"{parsed.host}:{parsed.explicit_port}" if parsed.explicit_port else parsed.host
    if urllib.request.proxy_bypass_environment(authority, proxies):  # type: ignore[attr-defined]
        return None
    if URL(proxy).scheme not in _PROXY_SCHEMES:
        # Connecting directly instead would quietly bypass a proxy the user set up, which
        # may be there for policy or privacy.
        raise ValueError(
            f"the environment names a {URL(proxy).scheme or 'scheme-less'} proxy for "
            f"{parsed.scheme} URLs, and only http:// and https:// proxies are supported. "
            "Pass proxy='http://...', exempt the host with NO_PROXY, or pass trust_env=False "
            "(--no-env-proxy on the command line)"
        )
    return proxy


def _http_version(response: aiohttp.ClientResponse) -> str | None:
    version = response.version
    return f"{version.major}.{version.minor}" if version is not None else None


def _call_fields(call: _Call) -> tuple[str, str, str | None, int]:
    """Operation id, method, path template and org id: what hooks, spans and logs name a
    call by (``client.request()`` calls are ``"request"``, without a template)."""
    operation = call.operation
    return (
        operation.operation_id if operation is not None else "request",
        call.request.method,
        operation.path if operation is not None else None,
        call.options.org_id,
    )


@contextlib.contextmanager
def _log_scope(call: _Call) -> Iterator[None]:
    """Records logged inside carry the call's fields (``_log.bind_call``)."""
    token = _log.bind_call(*_call_fields(call))
    try:
        yield
    finally:
        _log.unbind_call(token)


class _Call(Deadline):
    """One call across its attempts: what it sends, and what has happened so far.

    The pool marks when a request may have left (``connected``, ``sent``); the timeout's
    message says what the call was doing (``phase``) and how many requests it had begun;
    ``status`` and ``response`` keep the last answer (``content``: its body, set with it)
    and ``will_retry`` the decision taken on the last failure, for whatever reports on attempts
    and for ``with_raw_response``. ``attempts`` counts physical sends, the replay after a
    401 included. ``secrets`` are the credentials the last attempt could see echoed back (the
    access token it sent, the refresh token, the client secret), scrubbed from everything
    built from its answer. ``obs`` is the call's observation when the client observes calls (hooks,
    tracing), else None; ``log_token`` (set only with ``obs``) undoes the binding of its
    log fields.
    """

    log_token: contextvars.Token[Mapping[str, object] | None]
    content: bytes

    __slots__ = (
        "attempts",
        "connected",
        "content",
        "final",
        "log_token",
        "obs",
        "operation",
        "options",
        "phase",
        "processed",
        "protocol",
        "request",
        "response",
        "response_type",
        "secrets",
        "sent",
        "status",
        "timed_out",
        "will_retry",
        "woken",
    )

    def __init__(
        self,
        request: PreparedRequest,
        response_type: Any,
        options: RequestOptions,
        operation: Operation | None = None,
    ):
        self.request = request
        self.operation = operation
        self.response_type = response_type
        self.options = options
        self.phase = "starting"
        self.sent = False  # some attempt had a connection: its request may have gone out
        self.connected = False  # the current attempt has one
        self.processed = False  # some attempt may have been acted on (the DELETE-404 rule)
        self.final: BaseException | None = None  # a failure never to retry (token refresh)
        self.protocol: object | None = None  # the connection the current attempt uses
        self.attempts = 0
        self.status: int | None = None
        self.will_retry: bool | None = None
        self.obs: CallObservation | None = None
        self.response: aiohttp.ClientResponse | None = None
        self.secrets = _NO_SECRETS
        self.timed_out: APITimeoutError | None = None  # what the call raises at its deadline
        self.woken = False  # its task was cancelled to end a wait because the client closed

    def new_attempt(self) -> None:
        # The pool sets both again once it hands this attempt a connection.
        self.connected = False
        self.protocol = None
        self.will_retry = None
        self.attempts += 1

    def where(self) -> str:
        """``METHOD /path``, for error messages."""
        return f"{self.request.method} {self.request.path}"

    def request_state(self) -> str:
        """What the current attempt's request was doing, for error messages."""
        return "in progress" if self.connected else "waiting for a connection"

    def timeout_error(self) -> APITimeoutError:
        """The error the call ends with when its deadline passes (built once, when it does)."""
        if self.timed_out is None:
            request = self.request
            self.timed_out = APITimeoutError(
                f"the call did not finish within its timeout of {self.options.timeout:g} s "
                f"({self.where()}) while {self.phase}"
                + (f" (attempt {self.attempts})" if self.attempts > 1 else ""),
                method=request.method,
                path=request.path,
                request_sent=self.sent,
            )
        return self.timed_out


class Transport:
    """Owns the session and runs every request through auth, retries and limits."""

    def __init__(
        self,
        *,
        base_url: str,
        options: RequestOptions,
        tokens: TokenManager,
        session: aiohttp.ClientSession | None = None,
        max_concurrency: int | None = None,
        requests_per_second: float | None = None,
        rate_limit: RateLimiter | None = None,
        connection_limit: int = 100,
        connection_limit_per_host: int = 100,
        verify_ssl: bool | ssl.SSLContext = True,
        proxy: str | None = None,
        trust_env: bool = True,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        retry_policy: RetryPolicy | None = None,
        observer: Observer | None = None,
        client_secret: str | None = None,
    ) -> None:
        if max_concurrency is not None and (
            isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int)
        ):
            raise TypeError("max_concurrency must be an int or None")
        if max_concurrency is not None and max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        _positive_or_none("requests_per_second", requests_per_second)
        self._rate_limiter = _choose_rate_limiter(requests_per_second, rate_limit, clock, sleep)
        for name, limit in (
            ("connection_limit", connection_limit),
            ("connection_limit_per_host", connection_limit_per_host),
        ):
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise ValueError(f"{name} must be a non-negative int (0 = unlimited)")
        if not isinstance(trust_env, bool):
            raise TypeError(f"trust_env must be a bool, not {type(trust_env).__name__}")
        self.base_url = base_url
        # Parsed once: request URLs are this URL with a longer, already-encoded path, which
        # is several times cheaper than aiohttp parsing and re-quoting a full URL string.
        self._base = URL(base_url)
        self._base_path = self._base.raw_path.rstrip("/")
        # What spans and hooks say about the server; never the credentials a URL may hold.
        self._server_address = self._base.host or ""
        self._server_port = self._base.port or 443
        self._url_prefix = str(self._base.origin()) + self._base_path
        self.observer = observer
        self.tokens = tokens
        # Scrubbed from answers as the tokens are: a misconfigured server or proxy may echo it.
        self._client_secret = _Secrets((client_secret,))
        self._session = session
        self._owns_session = session is None
        if session is not None and hasattr(session, "_retry_connection"):
            # As on the client's own session (see session()): aiohttp would otherwise send a
            # GET, PUT or DELETE again by itself after a reused connection failed, and a
            # "stop timer" PUT twice. The `session` argument's documentation says so.
            session._retry_connection = False
        if session is not None:
            raise_limits(session)  # ours is made with them: see _response_head
        # A caller's session made with auto_decompress=False still asks for gzip (aiohttp
        # sends Accept-Encoding itself): the client's requests on it decompress, which only
        # a keyword of each request can say. None: the session's own request method.
        self._callers_request: Callable[..., Any] | None = (
            functools.partial(session.request, auto_decompress=True)
            if session is not None and not session.auto_decompress
            else None
        )
        # The pool's check before reusing a connection, which also tells when a request
        # may start going out. None only for a caller's session whose connector it could
        # not be installed on: then every failure after the start counts as maybe sent.
        self._pool = _check_callers_pool(session) if session is not None else None
        self._max_concurrency = max_concurrency
        self._connection_limit = connection_limit
        self._connection_limit_per_host = connection_limit_per_host
        if not isinstance(verify_ssl, bool | ssl.SSLContext):
            raise TypeError("verify_ssl must be a bool or an ssl.SSLContext")
        self._verify_ssl = verify_ssl
        self._proxy = check_proxy(proxy)
        # A caller-supplied session keeps its own proxy settings unless proxy= is explicit.
        self._trust_env = trust_env and session is None
        self._proxies: dict[str, str | None] = {}
        self._api_proxy = self.proxy_for(base_url)
        self._sleep = sleep
        self._clock = clock
        self._retry_policy = retry_policy or RetryPolicy(max_retries=options.max_retries)
        self._loop: asyncio.AbstractEventLoop | None = None
        # The thread the loop was last seen running in: with it, a call can prove it runs in
        # the bound loop without asyncio.get_running_loop(), which on Python 3.11 makes a
        # getpid() system call every time (see _current_task).
        self._loop_thread: int | None = None
        self._fork_generation = _fork_generation
        self._semaphore: ConcurrencyLimit | None = None
        self._deadlines: DeadlineQueue | None = None
        self._closed = False
        self._refusing = False
        self._closing_task: asyncio.Task[None] | None = None
        # The calls in a wait (backoff, token refresh, rate limit, connection slot) that
        # closing must end at once, not when the wait is over.
        self._waiting: dict[_Call, None] = {}
        # The calls with a request in progress (connecting, sending or reading), which
        # closing ends too: a caller's session is not closed with the client, and a call
        # queued in aiohttp's pool would otherwise be sent after aclose() returned.
        self._attempting: dict[_Call, None] = {}
        self._headers = _HeaderCache({} if session is None else _BASE_HEADERS)
        self.default_options = options
        _TRANSPORTS.add(self)

    def proxy_for(self, url: str) -> str | None:
        """The proxy requests to ``url`` go through: ``proxy=`` if given, else the
        environment's (``HTTPS_PROXY``, ``NO_PROXY`` ...) unless ``trust_env=False``."""
        if self._proxy is not None:
            return self._proxy
        if not self._trust_env:
            return None
        host = URL(url).origin()
        key = str(host)
        if key not in self._proxies:
            if len(self._proxies) >= 8:  # the API and the token endpoint, in practice
                self._proxies.clear()
            self._proxies[key] = environment_proxy(url)
        return self._proxies[key]

    # ------------------------------------------------------------------ lifecycle

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def closing(self) -> bool:
        """Closing has begun (:meth:`begin_close` or :meth:`aclose`): nothing new starts."""
        return self._closed or self._refusing

    def _let_go_after_fork(self) -> None:
        """In a forked child: park the parent's pool and loop state, never touching them."""
        if self._session is not None and self._owns_session:
            _INHERITED_SESSIONS.append(self._session)
            self._session = None
        if self._owns_session or self._session is None:
            self._loop = None
            self._semaphore = None
            self._deadlines = None
            # The parent's calls: their tasks belong to the parent's loop, which closing
            # must not touch from here.
            self._waiting = {}
            self._attempting = {}
            self._fork_generation = _fork_generation

    def _forget_parent_state(self) -> None:
        """After os.fork(): start afresh in the child, leaving the parent's pool alone."""
        self._let_go_after_fork()
        if self._fork_generation != _fork_generation:
            raise RuntimeError(
                "this Astravue client was created with a caller-supplied aiohttp session "
                "before os.fork(); a session cannot be shared across processes. Create the "
                "session and the client in the child process"
            )

    def begin_close(self) -> None:
        """Start no new request from now on; those already sent may still finish.

        Calls that have not sent their request yet (waiting for a connection slot, a
        retry, or the rate limit) fail with :class:`APIConnectionError`
        (``request_sent=False`` unless an earlier attempt was sent). :meth:`aclose` then
        closes the pool.
        """
        self._refusing = True
        self._wake_waiters(in_flight=False)

    def _wake_waiters(self, *, in_flight: bool) -> None:
        """End every wait in progress and every request not yet handed a connection (with
        ``in_flight``, every request in progress): each raises "the client was closed"."""
        waiting, self._waiting = self._waiting, {}
        # begin_close(): a request that has a connection may be going out; let it finish.
        attempting = [call for call in self._attempting if in_flight or not call.connected]
        for call in itertools.chain(waiting, attempting):
            task = call._task
            if task is not None and not task.done() and not call.woken:
                call.woken = True
                task.cancel()

    def _current_task(self) -> tuple[asyncio.AbstractEventLoop, asyncio.Task[Any] | None]:
        """The bound loop and the task running in it, checking that it is this thread's.

        A task of the bound loop running in this thread proves the loop is the running one
        (a thread runs one loop at a time), so the common case needs no
        ``get_running_loop()``; anything else takes :meth:`_bind_loop`'s full check.
        """
        loop = self._loop
        if (
            loop is not None
            and self._loop_thread == threading.get_ident()
            and self._fork_generation == _fork_generation
        ):
            task = asyncio.current_task(loop)
            if task is not None:
                return loop, task
        loop = self._bind_loop()
        return loop, asyncio.current_task(loop)

    def _bind_loop(self) -> asyncio.AbstractEventLoop:
        loop = asyncio.get_running_loop()
        if self._fork_generation != _fork_generation:
            self._forget_parent_state()
        self._loop_thread = threading.get_ident()
        if self._loop is None:
            session_loop = None if self._owns_session else getattr(self._session, "_loop", None)
            if session_loop is not None and session_loop is not loop:
                # aiohttp would fail at once, or later, with "attached to a different loop".
                raise RuntimeError(
                    "the aiohttp session passed as session= was created in another event loop "
                    "than the one this Astravue client is used in; create the session inside "
                    "the loop (e.g. in the same asyncio.run()) that uses the client"
                )
            self._loop = loop
            if self._max_concurrency is not None:
                self._semaphore = ConcurrencyLimit(self._max_concurrency)
        elif self._loop is not loop:
            if self._closed:
                # Closed (by `async with` in an earlier asyncio.run()): that is what matters.
                raise RuntimeError("this Astravue client has been closed")
            raise RuntimeError(
                "this Astravue client is bound to the event loop it was first used in and "
                "cannot be used from another one (e.g. a second asyncio.run()). Create one "
                "client per event loop, or use astravue_async.sync.AstravueSyncClient from "
                "threads."
            )
        return loop

    def session(self) -> aiohttp.ClientSession:
        """The session, created on first use inside the running loop."""
        if self._closed:
            raise RuntimeError("this Astravue client has been closed")
        self._bind_loop()
        if self._session is None:
            connector = _CheckedConnector(
                limit=self._connection_limit,
                limit_per_host=self._connection_limit_per_host,
                ssl=self._verify_ssl,
            )
            self._pool = connector.pool
            session = aiohttp.ClientSession(
                connector=connector,
                # Per-request timeouts are always passed; this is only the fallback.
                timeout=aiohttp.ClientTimeout(total=DEFAULT_TIMEOUT),
                headers=_BASE_HEADERS,  # sent with every request, the token endpoint's too
                raise_for_status=False,
                **session_limits(),  # real heads outgrow aiohttp's 8 KiB lines
            )
            # aiohttp quietly sends a GET/PUT/DELETE a second time when a reused connection
            # fails. Whether to send again is the retry policy's decision alone: with
            # max_retries=0 a request goes out at most once, and "stop timer" (a PUT) is
            # never replayed after it may have been received. (aiohttp >= 3.11 has the
            # switch; it has no public setter.)
            if hasattr(session, "_retry_connection"):
                session._retry_connection = False
            self._session = session
        return self._session

    async def aclose(self) -> None:
        """Close the session if we created it (a caller-supplied one is left open).

        Calls still in flight fail promptly with :class:`APIConnectionError` saying the
        client was closed; none of them is retried.

        :raises RuntimeError: awaited on another event loop than the one the client ran on
            (its connections can only be closed there); the client is left open.
        """
        closing = self._closing_task
        if closing is not None and not closing.done():
            # Another aclose() is at work (a shutdown task and an `async with` exit): this
            # one returns when it is done, not before the refresh it waits for.
            await asyncio.shield(closing)
            return
        if self._closed:
            return
        if self._fork_generation != _fork_generation:
            self._forget_parent_state()
        loop = asyncio.get_running_loop()
        if self._loop is not None and self._loop is not loop and self._session is not None:
            state = "closed" if self._loop.is_closed() else "still open"
            raise RuntimeError(
                "aclose() was awaited on another event loop than the one this Astravue "
                f"client ran on (that loop is {state}); its connections can only be closed "
                "there. Close the client on its own loop, e.g. in the same asyncio.run()"
            )
        self._closed = True
        self._wake_waiters(in_flight=True)
        # A task of its own, shielded: a caller that stops waiting (a timeout around
        # aclose(), Ctrl-C in the sync client) must not cut off the refresh it waits for.
        closing = self._closing_task = loop.create_task(self._finish_closing())
        # Retrieved even when no caller is left to await it (a failure to close the pool).
        closing.add_done_callback(lambda task: task.cancelled() or task.exception())
        await asyncio.shield(closing)

    async def _finish_closing(self) -> None:
        try:
            # A refresh whose request may have rotated the refresh token finishes first.
            await self.tokens.finish_refresh()
        finally:
            session, self._session = self._session, None
            if session is not None and self._owns_session and not session.closed:
                await session.close()

    def __del__(self, _warn: Any = warnings.warn) -> None:
        session = getattr(self, "_session", None)
        if getattr(self, "_owns_session", False) and session is not None and not session.closed:
            _warn(
                "an AstravueClient's connection pool was garbage collected while still open; "
                "use `async with AstravueClient(...)` or `await client.aclose()`",
                ResourceWarning,
                stacklevel=2,
            )

    # ------------------------------------------------------------------ requests
    #
    # The success path is two coroutines: send() (deadline, token, first attempt) and
    # _attempt() (one HTTP request). What only failures need (the 401 replay, retries under
    # tenacity, the DELETE-404 rule) branches off in _recover() and never costs a call that
    # succeeds. Every physical request, whichever path sends it, goes through _attempt().

    def call(
        self,
        operation: Operation,
        arguments: Mapping[str, Any] | None = None,
        body: Any = None,
        *,
        options: RequestOptions | None = None,
    ) -> Coroutine[Any, Any, Any]:
        """Check and encode one API operation's arguments; returns the coroutine sending it.

        Args:
            operation: The operation's descriptor.
            arguments: Its parameters by Python name (``None`` values count as not given).
            body: Its request model instance, if it takes one.
            options: Per-call options (default: the client's).

        Returns:
            A coroutine that sends the request (see :meth:`send`) and returns the decoded
            ``data``.

        Raises:
            TypeError, ValueError: A bad argument, at once, before any coroutine exists.
        """
        prepared = prepare(operation, arguments or _NO_ARGUMENTS, body)
        return self.send(prepared, operation.response, options=options, operation=operation)

    def call_items(
        self,
        operation: Operation,
        arguments: Mapping[str, Any] | None = None,
        *,
        options: RequestOptions | None = None,
    ) -> Coroutine[Any, Any, Any]:
        """:meth:`call` for a paginator's ``async for``: a list operation's page, decoded and
        checked, may come back as a ``DeferredPage`` (``_fast_bytes``) whose items are built
        as they are read (else the decoded data, as :meth:`call` returns it).

        Raises:
            TypeError, ValueError: A bad argument, at once, before any coroutine exists.
        """
        prepared = prepare(operation, arguments or _NO_ARGUMENTS)
        return self.send(prepared, _deferred_key(operation), options=options, operation=operation)

    def call_raw(
        self,
        operation: Operation,
        arguments: Mapping[str, Any] | None = None,
        body: Any = None,
        *,
        options: RequestOptions | None = None,
    ) -> Coroutine[Any, Any, APIResponse[Any]]:
        """:meth:`call`, returning the :class:`APIResponse` instead of the decoded data.

        Raises:
            TypeError, ValueError: A bad argument, at once, before any coroutine exists.
        """
        prepared = prepare(operation, arguments or _NO_ARGUMENTS, body)
        return self.send_raw(prepared, operation.response, options=options, operation=operation)

    async def send_raw(
        self,
        request: PreparedRequest,
        response_type: Any,
        *,
        options: RequestOptions | None = None,
        operation: Operation | None = None,
    ) -> APIResponse[Any]:
        """:meth:`send`, returning the final response with its decoded data.

        The data is decoded as :meth:`send` decodes it, before this returns, so errors,
        retries and the token refresh behave exactly as for :meth:`send`.
        """
        started = time.perf_counter()
        calls: list[_Call] = []
        data = await self.send(
            request, response_type, options=options, operation=operation, _record=calls
        )
        call = calls[0]
        response = call.response
        if response is None:  # pragma: no cover - a call that returns was answered
            raise AssertionError("a call that returned has a response")
        # The credentials of the attempt that answered, not the current ones: a refresh may
        # have replaced the token since.
        secrets = call.secrets
        headers = response.headers
        return APIResponse(
            status=response.status,
            headers=scrubbed_headers(headers, secrets),
            content=call.content,
            parse=lambda: data,
            elapsed=timedelta(seconds=time.perf_counter() - started),
            attempts=call.attempts,
            operation_id=operation.operation_id if operation is not None else "request",
            method=request.method,
            url_template=operation.path if operation is not None else None,
            path=request.path,
            request_id=request_id_from(headers, secrets),
            http_version=_http_version(response),
        )

    async def send(
        self,
        request: PreparedRequest,
        response_type: Any,
        *,
        options: RequestOptions | None = None,
        operation: Operation | None = None,
        _record: list[_Call] | None = None,
    ) -> Any:
        """Send a prepared request with retries; returns the decoded envelope ``data``.

        The whole call, retries and token refresh included, ends within ``timeout``
        seconds of its start, with :class:`APITimeoutError` if it has not finished.
        ``operation`` names the call for hooks, spans and logs (None: ``client.request()``).
        An :class:`APIStatusError` leaving the call carries the number of requests sent
        (``attempts``).
        """
        opts = options or self.default_options
        loop, task = self._current_task()
        call = _Call(request, response_type, opts, operation)
        if _record is not None:
            _record.append(call)
        deadlines = self._deadlines
        if deadlines is None:
            deadlines = self._deadlines = DeadlineQueue(loop)
        deadlines.add(call, loop.time() + opts.timeout, task)
        if self.observer is not None:
            # A hook's failure is logged as it happens: the call's fields are bound from the
            # start. Unobserved calls bind them only on the paths that log (_log_scope).
            call.log_token = _log.bind_call(*_call_fields(call))
            call.obs = self._observe(self.observer, call)
        try:
            access = self.tokens.usable_access_token()
            if access is None:
                access = await self._access_token(call)
            try:
                return await self._attempt(call, access)
            except Exception as exc:
                failure = exc
            # Outside the except block: whatever happens next is not chained to this
            # failure (a rejected 401's body may echo the token).
            return await self._recover(call, access, failure)
        except BaseException as exc:
            if not call.settle(exc):
                self._failed(call, exc)
                raise
            # Not chained: the context is only the CancelledError that ended the wait.
            timeout = call.timeout_error()
            self._failed(call, timeout)
            raise timeout from None
        finally:
            deadlines.discard(call)
            if call.obs is not None:
                call.obs.end(status=call.status)  # a no-op after _failed()
                _log.unbind_call(call.log_token)

    def _observe(self, observer: Observer, call: _Call) -> CallObservation:
        operation_id, method, url_template, org_id = _call_fields(call)
        return observer.start_call(
            operation_id,
            method,
            url_template,
            server_address=self._server_address,
            server_port=self._server_port,
            org_id=org_id,
            url_full=self._url_prefix + call.request.path,
        )

    @staticmethod
    def _failed(call: _Call, exc: BaseException) -> None:
        """The call ends raising ``exc``: say how many requests it sent, and tell observers."""
        if (
            isinstance(exc, APIStatusError | APIConnectionError)
            and exc.attempts is None
            # A status error was answered; a connection error may have sent nothing.
            and (call.attempts or isinstance(exc, APIConnectionError))
        ):
            exc.attempts = call.attempts
        if call.obs is not None:
            call.obs.end(error=exc)

    def _policy(self, options: RequestOptions) -> RetryPolicy:
        policy = self._retry_policy
        if policy.max_retries != options.max_retries:
            policy = policy.with_max_retries(options.max_retries)
        return policy

    def _gives_up(self, call: _Call, exc: BaseException) -> bool:
        # A token refresh has its own retry budget, and a closed client stays closed.
        return exc is call.final or self._closed or self._refusing

    async def _recover(self, call: _Call, access: str, failure: Exception) -> Any:
        """After the first attempt failed: one refresh and replay after a 401, then retries."""
        with _log_scope(call):  # the retry, refresh and DELETE-404 records name the call
            return await self._recover_in_scope(call, access, failure)

    async def _recover_in_scope(self, call: _Call, access: str, failure: Exception) -> Any:
        if may_have_been_processed(failure):
            call.processed = True
        if isinstance(failure, AuthenticationError):
            try:
                return await self._replay_after_401(call, access)
            except Exception as exc:
                failure = exc
        policy = self._policy(call.options)
        if self._gives_up(call, failure) or not policy.should_retry(
            failure, idempotent=call.request.idempotent
        ):
            call.will_retry = False
            raise failure
        call.will_retry = True
        return await self._retry(call, policy, failure)

    async def _replay_after_401(self, call: _Call, rejected: str) -> Any:
        # One refresh and one replay per attempt; a second 401 is final, so a revoked grant
        # can never loop.
        fresh = await self._access_token(call, rejected=rejected)
        return await self._exchange(call, fresh)

    async def _retry(self, call: _Call, policy: RetryPolicy, first_failure: Exception) -> Any:
        """Attempts after the first, paced and bounded by ``policy`` (tenacity)."""

        async def backoff(seconds: float) -> None:
            call.will_retry = True
            call.phase = "waiting to retry"
            if call.obs is not None:
                call.obs.retrying(seconds)  # hooks hear of the failed attempt before the wait
            await self._wait(call, self._sleep(seconds))

        pending: Exception | None = first_failure
        del first_failure  # once replayed, the failure is not kept alive by this frame
        retrying = policy.retrying(
            method=call.request.method,
            idempotent=call.request.idempotent,
            sleep=backoff,
            deadline=call.deadline,
            final=lambda exc: self._gives_up(call, exc),
            attempts=lambda: call.attempts,
        )
        async for attempt in retrying:
            with attempt:
                if pending is not None:
                    # Replayed as tenacity's attempt 1, so waits, limits and retry logging
                    # stay in the policy alone.
                    failure, pending = pending, None
                    raise failure
                return await self._authorized_attempt(call)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    async def _access_token(self, call: _Call, rejected: str | None = None) -> str:
        call.phase = "waiting for the access token to be refreshed"
        try:
            # The refresh task copies this context: its records name the call too.
            with _log_scope(call):
                if rejected is None:
                    return await self._wait(call, self.tokens.get_access_token())
                return await self._wait(call, self.tokens.refresh_after_unauthorized(rejected))
        except Exception as exc:
            call.final = exc
            raise

    async def _authorized_attempt(self, call: _Call) -> Any:
        """A retry: a current token, the request, and one refresh and replay after a 401."""
        access = await self._access_token(call)
        try:
            return await self._exchange(call, access)
        except AuthenticationError:
            pass
        # Outside the except block, so the rejected 401 (whose body may echo the token) is
        # not chained to whatever happens next.
        return await self._replay_after_401(call, access)

    async def _exchange(self, call: _Call, access_token: str) -> Any:
        """One request after the first, with the rules that need the call's history."""
        try:
            return await self._attempt(call, access_token)
        except NotFoundError:
            request = call.request
            if call.processed and request.method == "DELETE" and call.response_type is None:
                # An earlier attempt may have deleted it before its answer was lost: "gone"
                # is what the call asked for, so the repeated DELETE's 404 is its success.
                logger.info(
                    "DELETE %s answered 404 on attempt %d after an earlier attempt may have "
                    "succeeded; reporting success",
                    request.path,
                    call.attempts,
                    extra=_log.attempt_fields(call.attempts, status=404),
                )
                return None
            raise
        except Exception as exc:
            if may_have_been_processed(exc):
                call.processed = True
            raise

    async def _wait(self, call: _Call, waiting: Awaitable[_T]) -> _T:
        """Await ``waiting``, which sends nothing; closing the client ends it at once.

        Raises:
            APIConnectionError: The client is closed, or was closed during the wait.
        """
        if self._closed or self._refusing:
            if inspect.iscoroutine(waiting):
                waiting.close()  # never started: close it so Python does not warn
            if self._closed and call.attempts == 0:
                self.session()  # a call begun after aclose(): refused as all such calls are
            raise self._closed_while_waiting(call)
        waiters = self._waiting
        waiters[call] = None
        try:
            result = await waiting
        except asyncio.CancelledError:
            if not self._take_back_wake_up(call):
                unasked = self._unasked_cancellation(call, call.phase)
                if unasked is None:
                    raise
                raise unasked from None
            raise self._closed_while_waiting(call) from None
        finally:
            waiters.pop(call, None)
        if call.woken:  # the wait swallowed the cancellation; the next check refuses the call
            self._take_back_wake_up(call)
        return result

    @staticmethod
    def _take_back_wake_up(call: _Call) -> bool:
        """Withdraw the cancellation closing asked for; whether nobody else asked for one."""
        if not call.woken:
            return False
        call.woken = False
        task = call._task
        remaining = task.uncancel() if task is not None else 0
        return remaining <= call._cancelling

    def _cancelled_attempt(
        self, call: _Call, session: aiohttp.ClientSession
    ) -> APIConnectionError | None:
        """What a request cancelled in progress raises, if not the cancellation itself.

        Closing the client cancels it (see :meth:`_wake_waiters`): "the client was closed".
        aiohttp's pool cancels the wait of a request queued in it when it closes, although
        nobody cancelled the task: raised as is, that would read as the caller's own
        cancellation (a create in a TaskGroup would silently count as cancelled, not failed).
        None: the task itself was cancelled (its deadline, its caller), which stands.
        """
        if not call.connected:
            _pass_slot_on(session)
        if self._take_back_wake_up(call):
            request = call.request
            return APIConnectionError(
                f"the client was closed while this call was {call.request_state()} "
                f"({call.where()})",
                method=request.method,
                path=request.path,
                request_sent=call.sent,
            )
        return self._unasked_cancellation(call)

    def _unasked_cancellation(
        self, call: _Call, where: str | None = None
    ) -> APIConnectionError | None:
        """The error for a cancellation that reached ``call`` though nobody cancelled its
        task: aiohttp's pool cancels the waits queued in it as it closes (a request's, a token
        refresh's). None: the task was cancelled (its deadline, its caller), which stands.
        ``where``: what the call was doing (default: its request, in progress or queued).
        """
        task = call._task
        if task is None or task.cancelling() > call._cancelling:
            return None
        session = self._session
        if not self._owns_session and session is not None and session.closed:
            return self._callers_session_closed(call, where)
        if where is None:  # a request: aiohttp's pool is what cancels it
            where = call.request_state()
            cause = "the connection pool was closed"
        else:  # a wait (a refresh's request in a pool, a rate limiter's store ...)
            cause = "what this call awaited was cancelled, though the call was not,"
        request = call.request
        return APIConnectionError(
            f"{cause} while this call was {where} ({call.where()})",
            method=request.method,
            path=request.path,
            request_sent=call.sent,
        )

    @staticmethod
    def _callers_session_closed(call: _Call, where: str | None = None) -> APIConnectionError:
        """A caller's session closed under a request in progress, or a wait (``where``: what
        the call was doing, e.g. its ``phase``): final, never retried."""
        request = call.request
        if where is None:
            where = call.request_state()
        call.final = error = APIConnectionError(
            f"the aiohttp session passed as session= was closed while this call was {where} "
            f"({call.where()}); close the Astravue client before its session",
            method=request.method,
            path=request.path,
            request_sent=call.sent,
        )
        return error

    @staticmethod
    def _closed_while_waiting(call: _Call) -> APIConnectionError:
        request = call.request
        phase = call.phase if call.phase.startswith("waiting") else "waiting"
        return APIConnectionError(
            f"the client was closed while this call was {phase} ({call.where()})",
            method=request.method,
            path=request.path,
            # An earlier attempt of the call may have reached the server.
            request_sent=call.sent,
        )

    async def _wait_for_rate_limit(self, limiter: RateLimiter, call: _Call) -> None:
        call.phase = "waiting for the client-side rate limit"
        with _log_scope(call):  # a limiter's warnings (its store is down ...) name the call
            waiting = limiter.acquire()
            if not inspect.isawaitable(waiting):
                raise TypeError(
                    f"rate_limit.acquire() of {type(limiter).__name__} must be a "
                    f"coroutine (async def), but returned {type(waiting).__name__}"
                )
            await self._wait(call, waiting)

    def _note_keep_alive(self, protocol: object, value: str) -> None:
        """Retire the connection before the idle timeout the server announced runs out."""
        pool = self._pool
        if pool is None:
            return
        for part in value.split(","):
            name, _, number = part.strip().partition("=")
            if name.strip().lower() == "timeout":
                try:
                    seconds = float(number.strip())
                except ValueError:
                    return
                if math.isfinite(seconds) and seconds >= 0:
                    pool.retire_at(
                        protocol,
                        time.monotonic() + max(0.0, seconds - _KEEP_ALIVE_MARGIN),
                    )
                return

    async def _attempt(self, call: _Call, access_token: str) -> Any:
        """One physical HTTP request of ``call``: the only place any request is sent.

        Every request passes here once, retries and the replay after a 401 included, so what
        is recorded or reported per request belongs here: ``call`` holds its number, and its
        status and headers once it is answered.
        """
        request = call.request
        opts = call.options
        session = self._session
        if session is None or self._closed:
            session = self.session()  # the first request, or the refusal of a closed client
        headers: Mapping[str, str] = self._headers.get(
            access_token, opts.org_id, request.body is not None
        )
        semaphore = self._semaphore
        if semaphore is not None and not semaphore.try_acquire():
            call.phase = _WAITING_FOR_A_SLOT
            await self._wait(call, semaphore.acquire())
        limiter = self._rate_limiter
        if limiter is not None:
            # After the connection slot, right before sending: a budget taken earlier could
            # be spent while queued for a slot, and queued requests then leave together, as
            # a burst the API would count against one window.
            try:
                await self._wait_for_rate_limit(limiter, call)
            except BaseException:
                if semaphore is not None:
                    semaphore.release()
                raise
        unchained: APIConnectionError | None = None
        http_version: str | None = None  # once this attempt is answered, error status or not
        # After the waits for a slot and the rate limit, as hooks and metrics time attempts.
        started = time.perf_counter()
        call.new_attempt()
        secrets = call.secrets = _Secrets(
            (access_token, self.tokens.token.refresh_token, *self._client_secret)
        )
        observed = call.obs.start_attempt() if call.obs is not None else None
        if observed is not None:
            headers = observed.inject(headers)  # a copy with the trace context, if asked
        attempt_token = _ATTEMPT.set(call)
        attempting = self._attempting
        attempting[call] = None
        try:
            try:
                if self._closed or self._refusing:
                    raise self._closed_while_waiting(call)
                sent_before = call.sent
                tracked = self._pool is not None
                if tracked:
                    # Until the pool hands it a connection (it may queue there, or connect).
                    call.phase = "waiting for a pooled connection or connecting to the API"
                else:
                    # A pool without the check cannot say when this request starts going
                    # out: from here on it may have, so a failure is never taken for proof
                    # that nothing was sent (and a create is never sent again on it).
                    # Refused connections and connect timeouts are still recognised.
                    call.connected = call.sent = True
                    call.phase = "waiting for a pooled connection, connecting, or the answer"
                async with (self._callers_request or session.request)(
                    request.method,
                    self._base.with_path(self._base_path + request.path, encoded=True),
                    params=request.query,
                    data=request.body,
                    headers=headers,
                    timeout=opts.aiohttp_timeout,
                    proxy=self._api_proxy,
                    allow_redirects=False,  # never forward the bearer token to another host
                    raise_for_status=False,  # statuses are ours, whatever a session says
                ) as response:
                    call.phase = "reading the API's answer"
                    keep_alive = response.headers.get("Keep-Alive")
                    if keep_alive is not None and call.protocol is not None:
                        self._note_keep_alive(call.protocol, keep_alive)
                    raw = await response.read()
                    if observed is not None:  # only hooks and spans report it
                        http_version = _http_version(response)
                    status = response.status
                    response_headers: Mapping[str, str] = response.headers
            except aiohttp.ConnectionTimeoutError as exc:
                if not tracked:
                    call.connected, call.sent = False, sent_before  # this attempt sent nothing
                raise APITimeoutError(
                    f"timed out connecting to the API ({call.where()})",
                    method=request.method,
                    path=request.path,
                    request_sent=False,
                ) from exc
            except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
                raise APITimeoutError(
                    f"timed out {'waiting for' if call.connected else 'connecting to'} the API "
                    f"({call.where()})",
                    method=request.method,
                    path=request.path,
                    request_sent=call.connected,
                ) from exc
            except (aiohttp.ClientSSLError, aiohttp.ServerFingerprintMismatch) as exc:
                raise TLSError(
                    f"TLS handshake with the API failed ({call.where()}): {type(exc).__name__}; "
                    "check the certificate and the host name; for a private or TLS-inspecting "
                    "certificate authority pass verify_ssl=<an ssl.SSLContext that trusts it>",
                    method=request.method,
                    path=request.path,
                    request_sent=False,
                ) from exc
            except aiohttp.ClientConnectorError as exc:
                # Refused / DNS / proxy unreachable: the request never left this machine.
                if not tracked:
                    call.connected, call.sent = False, sent_before
                peer = "proxy" if isinstance(exc, aiohttp.ClientProxyConnectionError) else "API"
                raise APIConnectionError(
                    f"could not connect to the {peer} ({call.where()}): "
                    f"{type(exc.os_error).__name__}",
                    method=request.method,
                    path=request.path,
                    request_sent=False,
                ) from exc
            except aiohttp.ClientHttpProxyError as exc:
                # The proxy answered the CONNECT for an https API itself: the API was never
                # reached. (Also a ClientResponseError, so before the branch below.)
                unchained = APIConnectionError(
                    f"the proxy refused to connect to the API ({call.where()}): "
                    f"{exc.status} {parser_complaint(exc)}"
                    + (
                        "; give its credentials as proxy='http://user:password@host:port'"
                        if exc.status == 407
                        else ""
                    ),
                    method=request.method,
                    path=request.path,
                    request_sent=False,
                )
            except aiohttp.ClientResponseError as exc:
                # (e.g. an invalid HTTP response) Its request_info repeats our request headers,
                # bearer token included, so it must not be chained: raised outside this block,
                # the SDK error gets neither a __cause__ nor a __context__.
                unchained = APIConnectionError(
                    f"the API's answer could not be read ({call.where()}): "
                    f"{redact_text(parser_complaint(exc), secrets)}",
                    method=request.method,
                    path=request.path,
                    request_sent=call.connected,
                )
            except (aiohttp.ClientError, RuntimeError) as exc:
                # A reset or an EOF before the answer proves nothing about whether the server
                # read the request: load balancers reset after forwarding, servers close with
                # linger 0 after acting. Only a connection never obtained proves it unsent.
                if not self._owns_session and session.closed:
                    if not call.connected:  # closed before this call could start
                        raise RuntimeError(
                            "the aiohttp session passed as session= was closed while this "
                            "Astravue client still used it; close the client first (it never "
                            "closes a caller's session)"
                        ) from exc
                    unchained = self._callers_session_closed(call)  # under this request
                elif not self._closed and not isinstance(exc, aiohttp.ClientError):
                    raise
                else:
                    if self._closed:
                        reason = "the client was closed while this call was in progress"
                    elif isinstance(exc, aiohttp.ClientPayloadError):
                        # A body cut short, or one its Content-Encoding does not decode.
                        reason = f"the API's answer could not be read: {type(exc).__name__}"
                    else:
                        reason = f"connection to the API failed: {type(exc).__name__}"
                    if call.connected:
                        reason += "; the request may have reached the API"
                    raise APIConnectionError(
                        f"{reason} ({call.where()})",
                        method=request.method,
                        path=request.path,
                        request_sent=call.connected,
                    ) from exc
            except asyncio.CancelledError:
                unchained = self._cancelled_attempt(call, session)
                if unchained is None:
                    raise  # the task was cancelled: by its deadline, or by its caller
            except ValueError as exc:
                # aiohttp refuses a request with two Authorization sources: ours and one the
                # caller's session adds (credentials from ~/.netrc under trust_env=True).
                if self._owns_session or "AUTHORIZATION" not in str(exc):
                    raise
                raise ValueError(
                    "the aiohttp session passed as session= adds its own Authorization header "
                    f"to requests to {self._server_address} (with trust_env=True, from a "
                    "~/.netrc entry for that host or a default one); the client authenticates "
                    "with its bearer token. Pass a session with trust_env=False, or remove the "
                    "entry"
                ) from None
            finally:
                del attempting[call]
                _ATTEMPT.reset(attempt_token)
                if semaphore is not None:
                    semaphore.release()
            if unchained is not None:
                raise unchained
            if call.woken:  # answered although closing cancelled it: the answer stands
                self._take_back_wake_up(call)
            call.status = status
            call.response = response
            call.content = raw
            if logger.isEnabledFor(logging.DEBUG):
                elapsed_ms = (time.perf_counter() - started) * 1000
                logger.debug(
                    "%s %s -> %d in %.1f ms (attempt %d)",
                    request.method,
                    request.path,
                    status,
                    elapsed_ms,
                    call.attempts,
                    extra={
                        **_log.call_fields(*_call_fields(call)),
                        **_log.attempt_fields(
                            call.attempts,
                            status=status,
                            elapsed_ms=elapsed_ms,
                            request_id=request_id_from(response_headers, secrets),
                        ),
                    },
                )
            response_type = call.response_type
            data = _NOT_DEFERRED
            if type(response_type) is DeferredItems:
                if 200 <= status < 300 and raw:
                    data = _decode_deferred(response_type, raw)
                response_type = response_type.response_type
            if data is _NOT_DEFERRED:
                data = decode_response(
                    response_type,
                    status=status,
                    headers=response_headers,
                    raw=raw,
                    method=request.method,
                    path=request.path,
                    # Scrubbed from any error built from the response: servers and proxies
                    # echo.
                    secrets=secrets,
                )
        except BaseException as exc:
            if observed is not None:
                # The call's deadline cancels the attempt: it ends as the call does, timed out.
                timed_out = isinstance(exc, asyncio.CancelledError) and call.expired
                observed.end(
                    error=call.timeout_error() if timed_out else exc, http_version=http_version
                )
            raise
        if observed is not None:
            observed.end(
                status=status,
                request_id=request_id_from(response_headers, secrets),
                http_version=http_version,
            )
        return data
