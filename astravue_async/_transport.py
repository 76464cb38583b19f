"""The I/O core: one aiohttp session, the attempt loop, auth, retries and concurrency limits.

Everything protocol-shaped (URLs, headers, envelope, error mapping) lives in ``_request`` as
pure functions; this module only moves bytes and applies policy.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final

import aiohttp
import attrs
from multidict import CIMultiDict
from yarl import URL

from astravue_async._auth import TokenManager
from astravue_async._descriptors import Operation
from astravue_async._errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
)
from astravue_async._request import (
    ORG_HEADER,
    USER_AGENT,
    PreparedRequest,
    check_org_id,
    decode_response,
    prepare,
)
from astravue_async._retry import RetryPolicy

__all__ = ["DEFAULT_BASE_URL", "RequestOptions", "Transport"]

logger = logging.getLogger("astravue_async")

DEFAULT_BASE_URL: Final = "https://api.astravue.com/v1"
DEFAULT_TIMEOUT: Final = 60.0
DEFAULT_CONNECT_TIMEOUT: Final = 10.0
LOCAL_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

Sleep = Callable[[float], Awaitable[None]]
# Sent per request rather than as session defaults, so a caller-supplied session gets them too.
_BASE_HEADERS: Final = {"User-Agent": USER_AGENT, "Accept": "application/json"}


def _positive_or_none(name: str, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number or None, not {type(value).__name__}")
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value}")


@attrs.frozen
class RequestOptions:
    """Per-client defaults that ``with_options`` (and the transport, per call) can override."""

    org_id: int
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    max_retries: int = 3

    def __attrs_post_init__(self) -> None:
        check_org_id(self.org_id)
        _positive_or_none("timeout", self.timeout)
        _positive_or_none("connect_timeout", self.connect_timeout)
        RetryPolicy(max_retries=self.max_retries)  # validates

    def replace(self, **changes: Any) -> RequestOptions:
        return attrs.evolve(self, **{k: v for k, v in changes.items() if v is not None})


class _RateLimiter:
    """Spaces request starts at least ``1 / rate`` seconds apart (for bulk jobs)."""

    def __init__(self, per_second: float, clock: Callable[[], float], sleep: Sleep) -> None:
        self._interval = 1.0 / per_second
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = self._clock()
            delay = self._next - now
            self._next = max(now, self._next) + self._interval
        if delay > 0:
            await self._sleep(delay)


def check_base_url(base_url: str, *, allow_insecure_http: bool = False) -> str:
    """Refuse URLs that would send tokens in clear text to anything but this machine."""
    if not isinstance(base_url, str):
        raise TypeError(f"base_url must be a str, not {type(base_url).__name__}")
    url = URL(base_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL with a host, got {base_url!r}")
    if url.scheme == "http" and url.host not in LOCAL_HOSTS and not allow_insecure_http:
        raise ValueError(
            f"refusing plain-http base_url {base_url!r}: tokens would travel unencrypted. "
            "Use https, or pass allow_insecure_http=True if you really mean it"
        )
    if url.query_string or url.fragment or url.user is not None or "?" in base_url:
        # Paths are appended to the base URL as text; a query, fragment or credentials in it
        # would end up in the middle of every request URL.
        raise ValueError(
            f"base_url must not contain a query, fragment or credentials: {base_url!r}"
        )
    return base_url.rstrip("/")


class _HeaderCache:
    """Request headers per (token, org, has body), built once rather than per request.

    aiohttp copies request headers, so one instance serves every request. Kept small: a
    multi-tenant bot alternates a few orgs, and tokens change every half hour. The repr hides
    the tokens: transports end up in reprs and tracebacks.
    """

    __slots__ = ("_built",)
    _LIMIT: Final = 16

    def __init__(self) -> None:
        self._built: dict[tuple[str, int, bool], CIMultiDict[str]] = {}

    def __repr__(self) -> str:
        return "<request headers: redacted>"

    def get(self, access_token: str, org_id: int, has_body: bool) -> CIMultiDict[str]:
        key = (access_token, org_id, has_body)
        headers = self._built.get(key)
        if headers is None:
            if len(self._built) >= self._LIMIT:
                self._built.clear()  # mostly superseded tokens
            headers = CIMultiDict(_BASE_HEADERS)
            headers["Authorization"] = f"Bearer {access_token}"
            headers[ORG_HEADER] = str(org_id)
            if has_body:
                headers["Content-Type"] = "application/json"
            self._built[key] = headers
        return headers


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
        connection_limit: int = 100,
        connection_limit_per_host: int = 100,
        verify_ssl: bool = True,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        if max_concurrency is not None and (
            isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int)
        ):
            raise TypeError("max_concurrency must be an int or None")
        if max_concurrency is not None and max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        _positive_or_none("requests_per_second", requests_per_second)
        for name, limit in (
            ("connection_limit", connection_limit),
            ("connection_limit_per_host", connection_limit_per_host),
        ):
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise ValueError(f"{name} must be a non-negative int (0 = unlimited)")
        self.base_url = base_url
        # Parsed once: request URLs are this URL with a longer, already-encoded path, which
        # is several times cheaper than aiohttp parsing and re-quoting a full URL string.
        self._base = URL(base_url)
        self._base_path = self._base.raw_path.rstrip("/")
        self.tokens = tokens
        self._session = session
        self._owns_session = session is None
        self._max_concurrency = max_concurrency
        self._requests_per_second = requests_per_second
        self._connection_limit = connection_limit
        self._connection_limit_per_host = connection_limit_per_host
        self._verify_ssl = verify_ssl
        self._sleep = sleep
        self._clock = clock
        self._retry_policy = retry_policy or RetryPolicy(max_retries=options.max_retries)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._semaphore: asyncio.Semaphore | None = None
        self._rate_limiter: _RateLimiter | None = None
        self._closed = False
        self._timeouts: dict[tuple[float, float], aiohttp.ClientTimeout] = {}
        self._headers = _HeaderCache()
        self.default_options = options

    # ------------------------------------------------------------------ lifecycle

    @property
    def closed(self) -> bool:
        return self._closed

    def _bind_loop(self) -> asyncio.AbstractEventLoop:
        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
            if self._max_concurrency is not None:
                self._semaphore = asyncio.Semaphore(self._max_concurrency)
            if self._requests_per_second is not None:
                self._rate_limiter = _RateLimiter(
                    self._requests_per_second, self._clock, self._sleep
                )
        elif self._loop is not loop:
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
            connector = aiohttp.TCPConnector(
                limit=self._connection_limit,
                limit_per_host=self._connection_limit_per_host,
                ssl=self._verify_ssl,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                # Per-request timeouts are always passed; this is only the fallback.
                timeout=aiohttp.ClientTimeout(total=DEFAULT_TIMEOUT),
                raise_for_status=False,
            )
        return self._session

    async def aclose(self) -> None:
        """Close the session if we created it (a caller-supplied one is left open)."""
        if self._closed:
            return
        self._closed = True
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

    async def call(
        self,
        operation: Operation,
        arguments: Mapping[str, Any] | None = None,
        body: Any = None,
        *,
        options: RequestOptions | None = None,
    ) -> Any:
        """Run one API operation and return its decoded ``data``."""
        prepared = prepare(operation, arguments or {}, body)
        return await self.send(prepared, operation.response, options=options)

    async def send(
        self,
        request: PreparedRequest,
        response_type: Any,
        *,
        options: RequestOptions | None = None,
    ) -> Any:
        """Send a prepared request with retries; returns the decoded envelope ``data``."""
        opts = options or self.default_options
        policy = self._retry_policy
        if policy.max_retries != opts.max_retries:
            policy = policy.with_max_retries(opts.max_retries)
        # The first attempt runs without a retry controller: most calls succeed, and building
        # one per call costs more than decoding a task (and leaves reference cycles behind).
        try:
            return await self._authorized_attempt(request, response_type, opts, 1)
        except Exception as exc:
            if not policy.should_retry(exc, method=request.method):
                raise
            first_failure: Exception | None = exc
        attempt_number = 0
        async for attempt in policy.retrying(method=request.method, sleep=self._sleep):
            with attempt:
                attempt_number += 1
                if first_failure is not None:
                    # Replayed as tenacity's attempt 1, so waits, limits and retry logging
                    # stay in the policy alone.
                    failure, first_failure = first_failure, None
                    raise failure
                return await self._authorized_attempt(request, response_type, opts, attempt_number)
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    async def _authorized_attempt(
        self,
        request: PreparedRequest,
        response_type: Any,
        opts: RequestOptions,
        attempt: int,
    ) -> Any:
        access = await self.tokens.get_access_token()
        try:
            return await self._attempt(request, response_type, opts, access, attempt)
        except AuthenticationError:
            # One refresh and one replay per attempt for the token we just used; a second 401
            # is final, so a revoked grant can never loop.
            fresh = await self.tokens.refresh_after_unauthorized(access)
            return await self._attempt(request, response_type, opts, fresh, attempt)

    async def _attempt(
        self,
        request: PreparedRequest,
        response_type: Any,
        opts: RequestOptions,
        access_token: str,
        attempt: int,
    ) -> Any:
        session = self.session()
        headers = self._headers.get(access_token, opts.org_id, request.body is not None)
        timeout = self._timeouts.get((opts.timeout, opts.connect_timeout))
        if timeout is None:
            timeout = aiohttp.ClientTimeout(total=opts.timeout, connect=opts.connect_timeout)
            self._timeouts[(opts.timeout, opts.connect_timeout)] = timeout
        if self._rate_limiter is not None:
            await self._rate_limiter.wait()
        started = time.perf_counter()
        semaphore = self._semaphore
        if semaphore is not None:
            await semaphore.acquire()
        unchained: APIConnectionError | None = None
        try:
            async with session.request(
                request.method,
                self._base.with_path(self._base_path + request.path, encoded=True),
                params=request.query,
                data=request.body,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,  # never forward the bearer token to another host
            ) as response:
                raw = await response.read()
                status = response.status
                response_headers: Mapping[str, str] = response.headers
        except aiohttp.ConnectionTimeoutError as exc:
            raise APITimeoutError(
                f"timed out connecting to the API ({request.method} {request.path})",
                method=request.method,
                path=request.path,
                request_sent=False,
            ) from exc
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise APITimeoutError(
                f"timed out waiting for the API ({request.method} {request.path})",
                method=request.method,
                path=request.path,
            ) from exc
        except aiohttp.ClientConnectorError as exc:
            # Refused / DNS / TLS handshake: the request never left this machine.
            raise APIConnectionError(
                f"could not connect to the API ({request.method} {request.path}): "
                f"{type(exc.os_error).__name__}",
                method=request.method,
                path=request.path,
                request_sent=False,
            ) from exc
        except aiohttp.ClientResponseError as exc:
            # (e.g. an invalid HTTP response) Its request_info repeats our request headers,
            # bearer token included, so it must not be chained: raised outside this block,
            # the SDK error gets neither a __cause__ nor a __context__.
            unchained = APIConnectionError(
                f"connection to the API failed ({request.method} {request.path}): "
                f"{type(exc).__name__}",
                method=request.method,
                path=request.path,
            )
        except aiohttp.ClientError as exc:
            raise APIConnectionError(
                f"connection to the API failed ({request.method} {request.path}): "
                f"{type(exc).__name__}",
                method=request.method,
                path=request.path,
            ) from exc
        finally:
            if semaphore is not None:
                semaphore.release()
        if unchained is not None:
            raise unchained
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d in %.1f ms (attempt %d)",
                request.method,
                request.path,
                status,
                (time.perf_counter() - started) * 1000,
                attempt,
            )
        return decode_response(
            response_type,
            status=status,
            headers=response_headers,
            raw=raw,
            method=request.method,
            path=request.path,
        )
