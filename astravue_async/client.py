"""``AstravueClient``: owns the transport and exposes the resource namespaces."""

from __future__ import annotations

import asyncio
import os
import ssl
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypedDict, TypeVar, Unpack
from urllib.parse import unquote, urlsplit

import aiohttp
from yarl import URL

from astravue_async import _log
from astravue_async._bulk import gather_bounded
from astravue_async._errors import APIConnectionError
from astravue_async._observability import EventHooks, Observer
from astravue_async._ratelimit import RateLimiter
from astravue_async._request import PreparedRequest, encode_body, encode_query_value
from astravue_async._retry import IDEMPOTENT_METHODS
from astravue_async._transport import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    RequestOptions,
    Transport,
    check_base_url,
)
from astravue_async.auth import (
    DEFAULT_TOKEN_URL,
    OAuth2Token,
    TokenManager,
    TokenStore,
    refresh,
)
from astravue_async.auth._manager import TokenCallback
from astravue_async.resources import (
    Checklists,
    Comments,
    Notifications,
    Projects,
    ProjectTasks,
    Spaces,
    Subtasks,
    Tasks,
    Timers,
)

if TYPE_CHECKING:
    from opentelemetry.metrics import MeterProvider
    from opentelemetry.trace import TracerProvider

    from astravue_async.resources._raw import WithRawResponse
else:
    # OpenTelemetry is optional and imported only when a client is built with it; these
    # names only need to resolve for typing.get_type_hints() on the options below.
    MeterProvider = TracerProvider = Any

__all__ = ["AstravueClient", "ClientOptions", "SyncClientOptions"]

T = TypeVar("T")

_ENV_PREFIX = "ASTRAVUE_"
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class SyncClientOptions(TypedDict, total=False):
    """:class:`~astravue_async.sync.AstravueSyncClient`'s keyword arguments other than
    ``org_id``: :class:`ClientOptions` without ``session`` (an aiohttp session belongs to the
    event loop it was made in, and the sync client's loop is private), for
    :meth:`AstravueSyncClient.from_env <astravue_async.sync.AstravueSyncClient.from_env>`, so
    ``session=`` there fails type checking instead of only at run time."""

    token: OAuth2Token | None
    access_token: str | None
    client_id: str | None
    client_secret: str | None
    on_token_refresh: TokenCallback | None
    token_store: TokenStore | None
    base_url: str
    token_url: str
    max_retries: int
    timeout: float
    attempt_timeout: float | None
    max_concurrency: int | None
    requests_per_second: float | None
    rate_limit: RateLimiter | None
    connection_limit: int
    allow_insecure_http: bool
    verify_ssl: bool | ssl.SSLContext
    proxy: str | None
    trust_env: bool
    event_hooks: EventHooks | None
    tracer_provider: TracerProvider | None
    meter_provider: MeterProvider | None
    propagate_trace_context: bool


class ClientOptions(SyncClientOptions, total=False):
    """:class:`AstravueClient`'s keyword arguments other than ``org_id``, for the helpers that
    build a client for you (:meth:`AstravueClient.from_env`, ``FakeAstravue.client``), so a
    typo'd or mistyped option fails type checking. Each means what it means there."""

    # The one option the sync client cannot take; every other one is declared once, above.
    session: aiohttp.ClientSession | None


def _make_tokens(
    *,
    token: OAuth2Token | None,
    access_token: str | None,
    client_id: str | None,
    client_secret: str | None,
    token_url: str,
    on_token_refresh: TokenCallback | None,
    token_store: TokenStore | None,
    transport_session: Callable[[], aiohttp.ClientSession],
    transport_proxy: Callable[[str], str | None],
    transport_closing: Callable[[], bool],
    observer: Observer | None,
) -> TokenManager:
    if token is not None and access_token is not None:
        raise TypeError("pass either token= or access_token=, not both")
    if token is None and access_token is None:
        raise TypeError("pass token=OAuth2Token(...) or access_token='...'")
    if access_token is not None:
        if not isinstance(access_token, str) or not access_token:
            raise TypeError("access_token must be a non-empty str")
        token = OAuth2Token(access_token=access_token)
    if not isinstance(token, OAuth2Token):
        raise TypeError(f"token must be an OAuth2Token, not {type(token).__name__}")
    if client_id is not None and (not isinstance(client_id, str) or not client_id):
        raise TypeError("client_id must be a non-empty str")
    if token.refresh_token is not None and client_id is None:
        raise ValueError(
            "the token has a refresh token but no client_id was given; pass client_id "
            "(and client_secret for confidential clients) so it can be refreshed"
        )
    refresher = None
    if client_id is not None:
        bound_client_id: str = client_id  # narrowed for the closure

        async def backoff(seconds: float) -> None:
            # Closing waits for a refresh in flight (its answer may rotate the refresh
            # token), but no new token request starts once the client is closing, and the
            # wait for one (a 429's Retry-After) ends when closing begins: checked every
            # tenth of a second, as closing has no event to wait on.
            loop = asyncio.get_running_loop()
            until = loop.time() + seconds
            while not transport_closing() and (left := until - loop.time()) > 0:  # noqa: ASYNC110
                await asyncio.sleep(min(left, 0.1))
            if transport_closing():
                raise APIConnectionError(
                    "the client was closed before the token refresh could be retried",
                    method="POST",
                    path=urlsplit(token_url).path or "/",
                    request_sent=False,
                )

        async def refresher(refresh_token: str) -> OAuth2Token:
            return await refresh(
                transport_session(),
                refresh_token=refresh_token,
                client_id=bound_client_id,
                client_secret=client_secret,
                token_url=token_url,
                proxy=transport_proxy(token_url),
                sleep=backoff,
            )

    return TokenManager(
        token,
        refresher=refresher,
        on_token_refresh=on_token_refresh,
        store=token_store,
        observer=observer,
    )


def _prepare_request(
    method: str,
    path: str,
    *,
    params: Mapping[str, Any] | None,
    json: Any,
    idempotent: bool | None,
) -> PreparedRequest:
    """Check and encode :meth:`AstravueClient.request`'s arguments (raises before sending)."""
    if not isinstance(method, str) or method.upper() not in _METHODS:
        raise ValueError(f"method must be one of {sorted(_METHODS)}, got {method!r}")
    if idempotent is not None and not isinstance(idempotent, bool):
        raise TypeError(f"idempotent must be a bool or None, not {type(idempotent).__name__}")
    if not isinstance(path, str) or not path.startswith("/") or "//" in path:
        raise ValueError(f"path must be relative to the base URL and start with '/': {path!r}")
    # yarl silently drops tabs, newlines and unpaired surrogates: "/tasks/\n" would be
    # sent as "/tasks/", another endpoint.
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF for ch in path):
        raise ValueError(f"path must not contain control characters or surrogates: {path!r}")
    # Unquoted first: yarl decodes %2E and would resolve "%2e%2e" out of the base path.
    # Split after unquoting, on backslashes too, so "..%2f" and "..%5c" count as well: a
    # server or proxy that decodes before routing would otherwise climb out of /v1.
    decoded = unquote(path.split("?")[0])
    if any(seg in (".", "..") for seg in decoded.replace("\\", "/").split("/")):
        raise ValueError(f"path must not contain '.' or '..' segments: {path!r}")
    if "?" in path or "#" in path:
        raise ValueError("pass query parameters as params=, not in the path")
    if params is not None and not isinstance(params, Mapping):
        raise TypeError(f"params must be a mapping or None, not {type(params).__name__}")
    query = tuple(
        (str(key), encode_query_value(value))
        for key, value in (params or {}).items()
        if value is not None
    )
    body = None
    if json is not None:
        body = encode_body(json)  # as a model's body: NaN and lone surrogates refused
    # Percent-encoded here, as prepare() does for the facade: the transport sends paths
    # as they are (spaces and non-ASCII quoted, valid %XX escapes kept).
    verb = method.upper()
    if idempotent is None:
        idempotent = verb in IDEMPOTENT_METHODS
    return PreparedRequest(verb, URL(path).raw_path, query, body, idempotent)


class AstravueClient:
    """Async client for the Astravue API, bound to one organisation (``X-Org-Id``).

    Use it as ``async with AstravueClient(...) as client:`` (or call :meth:`aclose`). One
    client holds one connection pool; share it across tasks, do not create one per call.

    Resources (``help(client.<name>)`` documents each method's arguments):

    - ``spaces``: spaces of the organisation: list, get, create, update, delete.
    - ``projects``: projects of a space: list, get, create, update, delete.
    - ``tasks``: the caller's personal tasks: list, get, create, update, delete.
    - ``project_tasks``: tasks of a project: list, get, create, update, delete.
    - ``timers``: time tracking: start, stop, add_range, add_manual, update, delete, active,
      list_for_task.
    - ``notifications``: the caller's notifications and @mentions: list, mark_read, delete.
    - ``comments``: comments on a task: list.
    - ``subtasks``: subtasks of a personal or project task: list.
    - ``checklists``: checklist items of a task or subtask: list.

    Args:
        org_id: the organisation (tenant) every call acts in.
        token: an :class:`OAuth2Token`; with ``client_id`` (and ``client_secret``) its
            refresh token is used to renew the access token before it expires.
        access_token: a static access token, for short scripts (no refresh).
        client_id: the OAuth client (the app registered in Astravue's settings); needed to
            refresh ``token``'s refresh token.
        client_secret: the client's secret, for confidential clients (None for public
            clients using PKCE).
        base_url: the API's root URL (default ``https://api.astravue.com/v1``); http is
            refused except on this machine, unless ``allow_insecure_http``.
        token_url: Keycloak's token endpoint, for refreshes.
        connection_limit: most connections open at once (0: no limit); callers beyond it
            wait in order.
        allow_insecure_http: allow plain-http ``base_url``/``token_url`` on other hosts
            (tokens then travel unencrypted: test servers only).
        on_token_refresh: called (sync or async) with every new token, to persist it.
        token_store: a :class:`TokenStore` that every new token is saved to.
        max_retries: how many times a failed call may be repeated (0: never). Which
            failures are repeated depends on the operation: see the README's "Reliability".
        timeout: seconds the whole call may take: every attempt, the waits between
            them, and waiting for a token refresh. At the deadline the call raises
            :class:`APITimeoutError`.
        attempt_timeout: seconds one attempt may take (default: no limit of its own).
            A response slower than this is abandoned and, if the operation may be repeated,
            retried while ``timeout`` allows.
        max_concurrency: cap on requests in flight at once (None: the pool's limit).
        requests_per_second: space request starts at least ``1/requests_per_second``
            seconds apart, in this client only (the same as
            ``rate_limit=LocalRateLimiter(requests_per_second)``).
        rate_limit: a request budget every HTTP attempt (retries and the replay after a
            401 included) waits for before it is sent:
            :class:`~astravue_async.LocalRateLimiter` (``"100/minute"``; share one instance
            between the clients of a process), :class:`astravue_async.redis.RedisRateLimiter`
            (one budget for every worker on every host) or any object with an
            ``async def acquire(self) -> None`` (:class:`~astravue_async.RateLimiter`). The wait
            counts toward ``timeout``; a 429 from the API is still retried after its
            ``Retry-After``. The client never closes it. Not together with
            ``requests_per_second`` (:class:`TypeError`).
        session: an ``aiohttp.ClientSession`` to use (never closed by the client). The
            client installs on its connector the check its own pool makes before reusing a
            connection (not one the server closed, announced to close, or sent a stray answer
            on), which is also how it tells when a request starts going out; it switches off
            aiohttp's own re-sending on the session (aiohttp sends a GET, PUT or DELETE again
            by itself when a reused connection fails, which would stop a timer twice); and it
            raises the session's limits on an answer's head to 64 KiB a line and 256 headers
            where lower. All three apply to your own requests on it too. Its
            ``raise_for_status`` is ignored for the client's requests. Client middlewares of
            the session run on them: one that sends requests again undoes
            ``max_retries=0``. Made with ``auto_decompress=False``, the client's own requests
            still decompress (aiohttp asks for gzip either way). It must be open and have no
            ``auth=`` (:class:`ValueError`), and belong to the event loop the client is used
            in (:class:`RuntimeError` at the first call); with ``trust_env=True``, a
            ``~/.netrc`` entry for the API's host makes each call fail with
            :class:`ValueError` (aiohttp would add a second Authorization header). Closing it
            under calls in progress fails them with :class:`APIConnectionError`, never
            retried; :meth:`aclose` ends the client's calls on it at once, as on its own.
            Close the client before the session: closing the session first can cut off a
            token refresh, whose rotated refresh token is then lost. Its cookie jar is
            shared by every client on it.
        verify_ssl: verify TLS certificates (leave on outside tests), or an
            :class:`ssl.SSLContext` that trusts your own certificate authority (a corporate or
            TLS-inspecting proxy); used for the API and the token endpoint.
        proxy: an ``http://`` or ``https://`` proxy URL for the API and the token
            endpoint; ``http://user:password@host:port`` authenticates to the proxy.
        trust_env: take the proxy from ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY``
            (``NO_PROXY`` exempts hosts) when ``proxy`` is not given. Read once, when the
            client is created. Ignored with a caller-supplied ``session``.
        event_hooks: plain functions called after every HTTP request of a call (with an
            :class:`~astravue_async.AttemptEvent`: operation, path template, status or error,
            duration, attempt number, whether it will be retried) and every token refresh
            (:class:`~astravue_async.TokenRefreshEvent`); never given secrets; a hook that
            raises is logged and ignored. See the "Observability" guide.
        tracer_provider: an OpenTelemetry ``TracerProvider`` for one span per call with
            a child span per HTTP request and per token refresh (needs
            ``pip install "astravue-async[otel]"``). None: OpenTelemetry's global provider, if
            one was set before the client was created; no tracing otherwise.
        meter_provider: an OpenTelemetry ``MeterProvider`` for the
            ``http.client.request.duration`` histogram and the retry, token refresh and 429
            counters. None: the global provider, if set.
        propagate_trace_context: send each request's trace context (``traceparent``
            ...) to the API, so its spans join your trace. Off by default: the headers go to a
            third party.
    """

    def __init__(
        self,
        *,
        org_id: int,
        token: OAuth2Token | None = None,
        access_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        on_token_refresh: TokenCallback | None = None,
        token_store: TokenStore | None = None,
        base_url: str = DEFAULT_BASE_URL,
        token_url: str = DEFAULT_TOKEN_URL,
        max_retries: int = 3,
        timeout: float = DEFAULT_TIMEOUT,
        attempt_timeout: float | None = None,
        max_concurrency: int | None = None,
        requests_per_second: float | None = None,
        rate_limit: RateLimiter | None = None,
        session: aiohttp.ClientSession | None = None,
        connection_limit: int = 100,
        allow_insecure_http: bool = False,
        verify_ssl: bool | ssl.SSLContext = True,
        proxy: str | None = None,
        trust_env: bool = True,
        event_hooks: EventHooks | None = None,
        tracer_provider: TracerProvider | None = None,
        meter_provider: MeterProvider | None = None,
        propagate_trace_context: bool = False,
    ) -> None:
        _log.configure_from_env()
        options = RequestOptions(
            org_id=org_id,
            timeout=timeout,
            max_retries=max_retries,
            attempt_timeout=attempt_timeout,
        )
        base_url = check_base_url(base_url, allow_insecure_http=allow_insecure_http)
        token_url = check_base_url(
            token_url, allow_insecure_http=allow_insecure_http, name="token_url"
        )
        if session is not None:
            if not isinstance(session, aiohttp.ClientSession):
                raise TypeError("session must be an aiohttp.ClientSession or None")
            if session.closed:
                raise ValueError("session is closed: pass an open aiohttp.ClientSession")
            if session.auth is not None:
                # aiohttp refuses a request with both, at the first call; say so now.
                raise ValueError(
                    "session was created with auth=, which would add its own Authorization "
                    "header: the client authenticates every request with its bearer token. "
                    "Pass a session without auth="
                )
        # Built once: None when nothing listens, which is all an unobserved call checks.
        observer = Observer.build(
            event_hooks=event_hooks,
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
            propagate_trace_context=propagate_trace_context,
        )
        # The token manager refreshes through the transport's session, which exists only
        # once the transport does: the lambda looks it up when a refresh actually runs.
        holder: list[Transport] = []
        tokens = _make_tokens(
            token=token,
            access_token=access_token,
            client_id=client_id,
            client_secret=client_secret,
            token_url=token_url,
            on_token_refresh=on_token_refresh,
            token_store=token_store,
            transport_session=lambda: holder[0].session(),
            transport_proxy=lambda url: holder[0].proxy_for(url),
            transport_closing=lambda: holder[0].closing,
            observer=observer,
        )
        if (
            max_concurrency is None
            and session is None
            and isinstance(connection_limit, int)
            and not isinstance(connection_limit, bool)
            and connection_limit > 0
        ):
            # Callers beyond the pool wait in a fair (FIFO) semaphore, not in aiohttp's pool:
            # there a caller whose request just finished takes the freed connection ahead of
            # those queued, so under sustained load some calls wait until the 10 s connect
            # timeout and fail with APITimeoutError although the server answers in 1 ms.
            max_concurrency = connection_limit
        transport = Transport(
            base_url=base_url,
            options=options,
            tokens=tokens,
            session=session,
            max_concurrency=max_concurrency,
            requests_per_second=requests_per_second,
            rate_limit=rate_limit,
            connection_limit=connection_limit,
            connection_limit_per_host=connection_limit,
            verify_ssl=verify_ssl,
            proxy=proxy,
            trust_env=trust_env,
            observer=observer,
            client_secret=client_secret,
        )
        holder.append(transport)
        # Now, not at the first refresh: an unusable proxy in the environment is a setup
        # error to report before anything is sent.
        transport.proxy_for(token_url)
        self._setup(transport, options)

    def _setup(
        self, transport: Transport, options: RequestOptions, *, owns_transport: bool = True
    ) -> None:
        self._transport = transport
        self._owns_transport = owns_transport
        self._options = options
        self._raw: WithRawResponse | None = None
        self.spaces = Spaces(transport, options)
        self.projects = Projects(transport, options)
        self.tasks = Tasks(transport, options)
        self.project_tasks = ProjectTasks(transport, options)
        self.timers = Timers(transport, options)
        self.notifications = Notifications(transport, options)
        self.comments = Comments(transport, options)
        self.subtasks = Subtasks(transport, options)
        self.checklists = Checklists(transport, options)

    def __repr__(self) -> str:
        return (
            f"AstravueClient(org_id={self._options.org_id}, base_url={self._transport.base_url!r})"
        )

    @property
    def org_id(self) -> int:
        """The organisation every call of this client acts in."""
        return self._options.org_id

    @property
    def token(self) -> OAuth2Token:
        """The current token (tokens are never shown by its repr)."""
        return self._transport.tokens.token

    @property
    def with_raw_response(self) -> WithRawResponse:
        """The same resources and verbs, returning the response instead of the model.

        ``await client.with_raw_response.tasks.get(7)`` returns an
        :class:`~astravue_async.APIResponse` (``status``, ``headers``, ``elapsed``,
        ``attempts``, ``request_id``, ``operation_id``; ``.parse()`` gives the
        :class:`~astravue_async.models.TaskDto` that ``await client.tasks.get(7)`` returns).
        Errors, retries and token refreshes are exactly those of the normal call. A list
        verb returns the response of its first page, whose ``.parse()`` is that
        :class:`~astravue_async.Page` (what awaiting the paginator gives); to walk every
        page, use the normal list method. ``client.with_raw_response.request(...)`` is the
        raw twin of :meth:`request`.
        """
        raw = self._raw
        if raw is None:
            from astravue_async.resources._raw import WithRawResponse

            raw = self._raw = WithRawResponse(self)
        return raw

    # ------------------------------------------------------------------ lifecycle

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (a session passed in by the caller stays open).

        Calls in progress fail at once with :class:`APIConnectionError` ("the client was
        closed"; ``request_sent`` says whether the server may have seen the request). A
        token refresh whose token request has gone out is waited for first: the token endpoint
        may already have rotated the refresh token, and the new one is kept (bounded by the
        token request's timeout, 10 s, and the time to save and announce the new token). A
        refresh that has sent nothing yet (waiting for a store's lock, or to retry) is
        cancelled. A second call waits for the first; cancelling the caller of
        ``aclose()`` does not stop the closing.

        Copies made by :meth:`with_options` share the pool: closing the original closes
        them too, while closing a copy leaves the shared pool to its owner.
        """
        if self._owns_transport:
            await self._transport.aclose()

    # ------------------------------------------------------------------ variants

    def with_options(
        self,
        *,
        org_id: int | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        attempt_timeout: float | None = None,
    ) -> AstravueClient:
        """A copy with other defaults that shares this client's session and token manager.

        For multi-tenant bots: ``client.with_options(org_id=7).tasks.list()``. Arguments left
        as None keep this client's value; each means what it means for :class:`AstravueClient`.

        Args:
            org_id: the organisation the copy's calls act in.
            timeout: seconds each whole call may take.
            max_retries: how many times a failed call may be repeated.
            attempt_timeout: seconds one attempt may take.

        Returns:
            the copy; closing it leaves the shared pool to this client.

        Raises:
            TypeError, ValueError: an argument is invalid.
        """
        options = self._options.replace(
            org_id=org_id,
            timeout=timeout,
            max_retries=max_retries,
            attempt_timeout=attempt_timeout,
        )
        clone = object.__new__(AstravueClient)
        clone._setup(self._transport, options, owns_transport=False)
        return clone

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        org_id: int | None = None,
        **overrides: Unpack[ClientOptions],
    ) -> AstravueClient:
        """A client configured from ``ASTRAVUE_*`` environment variables.

        Variables: ``ASTRAVUE_ORG_ID``; ``ASTRAVUE_ACCESS_TOKEN``, or
        ``ASTRAVUE_REFRESH_TOKEN`` with ``ASTRAVUE_CLIENT_ID`` (and ``ASTRAVUE_CLIENT_SECRET``
        for confidential clients); optionally ``ASTRAVUE_BASE_URL`` and
        ``ASTRAVUE_TOKEN_URL``. A keyword argument wins over its variable, and a variable
        that a keyword makes unnecessary is not required (``org_id=7`` needs no
        ``ASTRAVUE_ORG_ID``; ``token=`` or ``access_token=`` needs no token variables).

        Args:
            environ: where to read the variables (default: ``os.environ``).
            org_id: the organisation, instead of ``ASTRAVUE_ORG_ID``.
            overrides: any other :class:`AstravueClient` keyword (see
                :class:`ClientOptions`).

        Raises:
            ValueError: naming the missing or malformed variable, or the bad argument.
        """
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(_ENV_PREFIX + name)
            return value if value else None

        def require(name: str, instead: str) -> str:
            value = get(name)
            if value is None:
                raise ValueError(
                    f"environment variable {_ENV_PREFIX}{name} is not set (or pass {instead}=)"
                )
            return value

        if org_id is None:
            org = require("ORG_ID", "org_id")
            try:
                org_id = int(org)
            except ValueError:
                raise ValueError(f"{_ENV_PREFIX}ORG_ID must be an integer, got {org!r}") from None
        options: dict[str, Any] = {}
        if "token" not in overrides and "access_token" not in overrides:
            access, refresh_token = get("ACCESS_TOKEN"), get("REFRESH_TOKEN")
            if refresh_token is not None:
                options["token"] = OAuth2Token(
                    # No usable access token yet: an expired placeholder forces a refresh.
                    access_token=access or "-",
                    refresh_token=refresh_token,
                    expires_at=None if access else _EPOCH,
                )
                if "client_id" not in overrides:
                    options["client_id"] = require("CLIENT_ID", "client_id")
                options["client_secret"] = get("CLIENT_SECRET")
            elif access is not None:
                options["access_token"] = access
            else:
                raise ValueError(
                    f"environment variable {_ENV_PREFIX}ACCESS_TOKEN (or "
                    f"{_ENV_PREFIX}REFRESH_TOKEN with {_ENV_PREFIX}CLIENT_ID) is not set "
                    "(or pass access_token= or token=)"
                )
        for name, key in (("BASE_URL", "base_url"), ("TOKEN_URL", "token_url")):
            value = get(name)
            if value is not None:
                options[key] = value
        options.update(overrides)
        return cls(org_id=org_id, **options)

    # ------------------------------------------------------------------ escape hatches

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """Call an endpoint the spec does not describe, with auth, retries and errors.

        Args:
            method: ``GET``, ``POST``, ``PUT``, ``PATCH`` or ``DELETE``.
            path: relative to the base URL, starting with ``/`` (``/tasks/1/comments``);
                no query string, no ``.``/``..`` segments.
            params: query parameters (None values are left out; datetimes and enums are
                sent in the API's wire form).
            json: the request body: a model or JSON-shaped data.
            idempotent: whether sending the request again after it may have reached the
                server is safe (it is then retried after timeouts and 5xx). Default: by the
                method, as RFC 9110 defines it (GET, PUT, DELETE yes; POST, PATCH no). Say
                ``False`` for a PUT that acts like "stop timer".

        Returns:
            the envelope's ``data`` as plain JSON (None for an empty success).

        Raises:
            APIStatusError: the API answered with an error (its subclass by status).
            APIConnectionError: the request could not be delivered or answered in time.
            TypeError, ValueError: an argument is invalid (nothing is sent).
        """
        prepared = _prepare_request(method, path, params=params, json=json, idempotent=idempotent)
        return await self._transport.send(prepared, Any, options=self._options)

    async def gather(
        self, calls: Iterable[Awaitable[T]], *, concurrency: int = 20
    ) -> list[T | BaseException]:
        """Run many calls with at most ``concurrency`` in flight; results keep input order.

        Each item is the call's result or the exception it raised, so one failure does not
        hide the others. Cancelling ``gather`` cancels the calls in flight.
        """
        return await gather_bounded(calls, concurrency=concurrency)
