"""Test helpers: :class:`FakeAstravue`, an in-process stateful fake of the Astravue API.

```python
from astravue_async.testing import FakeAstravue

async with FakeAstravue() as fake:
    async with fake.client() as client:
        task = await client.tasks.create(task_title="Write tests")
        assert fake.requests["create_task"] == 1
```

The fake serves every operation of the spec plus the Keycloak authorization and token
endpoints on ``127.0.0.1`` (random port), keeps its data in memory and answers in the
documented shapes (success envelope, ``ApiError``, page objects). Its conventions:

* **Users.** Users 1 (Ava Chen), 2 (Ben Okafor) and 3 (Chloe Martin) exist and belong to
  every organisation; :meth:`FakeAstravue.add_user` adds more. Every access token belongs to
  one user, the caller (:meth:`FakeAstravue.client` takes ``user_id``; the authorization
  endpoint takes ``login_hint=<userId>``; the default is :attr:`FakeAstravue.default_user_id`).
* **Organisations** are created on first use of an ``X-Org-Id``, each with the statuses
  "To Do" (default), "In Progress", "In Review", "Done" and the priorities "Low",
  "Medium" (default), "High", "Urgent". Task ``status``/``priority`` must name one of them
  (case-insensitively), or the request is a 400 naming the field. Data never crosses
  organisations: another organisation's id is a 404. Ids are unique across organisations.
* **Visibility.** Personal tasks are visible to their creator and owners; project tasks to
  everyone in the organisation. Time entries and notifications are the caller's own.
* **Notifications.** Adding a user to a task's ``owners`` sends them a ``NOTIFICATION``;
  writing ``@<userId>`` (e.g. ``"@2 please review"``) in a task description or a comment sends
  them a ``MENTION``. Nobody is notified about their own action.
* **Time.** All timestamps, timer durations and token expiries use the fake's clock
  (``clock=`` plus :meth:`FakeAstravue.advance`); durations are milliseconds.
* **Seeding.** Comments, subtasks and checklist items have no create operation in the API;
  add them with :meth:`~FakeAstravue.add_comment`, :meth:`~FakeAstravue.add_subtask` and
  :meth:`~FakeAstravue.add_checklist_item`.
* **Faults** (:meth:`~FakeAstravue.fail_next`, :meth:`~FakeAstravue.delay`, ...) apply to API
  requests only, never to the token endpoint.
* **Refresh tokens rotate**: every refresh invalidates the refresh token presented, which is
  then answered ``invalid_grant``. ``FakeAstravue(detect_refresh_token_reuse=True)`` (or the
  attribute of that name) goes further, like Keycloak's "Revoke Refresh Token" with a maximum
  reuse of 0: a rotated-away refresh token presented again also revokes its whole session,
  every access and refresh token of that sign-in, so every worker sharing it is logged out.
  :attr:`~FakeAstravue.refresh_token_reuses` counts such presentations (detection on or off),
  e.g. ``assert fake.refresh_token_reuses == 0`` after many workers shared one login.

Plain (non-async) code uses :class:`SyncFakeAstravue` (``with FakeAstravue.running() as
fake:``), which serves from its own thread and hands out sync clients; other
processes and languages use the standalone server, ``python -m astravue_async.testing``
(:func:`serve`), which prints the ``ASTRAVUE_*`` variables that point at it.

**pytest fixtures.** Installing the package registers two fixtures (its ``pytest11``
entry point); each gives a test a fresh fake and closes it, with every client it handed
out, after the test:

* ``astravue_fake``: a started :class:`FakeAstravue`. It needs pytest-asyncio (or another
  async plugin such as anyio); under pytest-asyncio's default strict mode, mark the tests
  that use it with ``@pytest.mark.asyncio``.
* ``astravue_fake_sync``: a started :class:`SyncFakeAstravue`, for plain ``def`` tests; no
  async plugin needed.

Do not also list this module in ``pytest_plugins`` (pytest refuses a plugin registered
under two names). Where the entry point is not installed,
``pytest_plugins = ["astravue_async.testing"]`` in a conftest.py or test module registers
the fixtures.

PYTEST_DONT_REWRITE: this module has no assertions for pytest to rewrite; the marker lets
test modules import it before pytest loads it as a plugin, without a warning.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib.util
import sys
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar, Unpack

from aiohttp import web

from astravue_async._fake.api import API_PREFIX, Api
from astravue_async._fake.clock import FakeClock
from astravue_async._fake.dto import user_dto
from astravue_async._fake.faults import Faults
from astravue_async._fake.journal import Journal, LoggedRequest, RecordedResponse
from astravue_async._fake.keycloak import OIDC_PATH, Keycloak
from astravue_async._fake.seed import seed_checklist_item, seed_comment, seed_subtask
from astravue_async._fake.state import Store
from astravue_async._fake.tokens import TokenRegistry
from astravue_async.auth import OAuth2Token, utcnow
from astravue_async.client import AstravueClient, ClientOptions

if TYPE_CHECKING:
    from astravue_async.sync import AstravueSyncClient

__all__ = [
    "DEFAULT_CLIENT_ID",
    "DEFAULT_CLIENT_SECRET",
    "DEFAULT_REDIRECT_URI",
    "FakeAstravue",
    "LoggedRequest",
    "RecordedResponse",
    "SyncFakeAstravue",
    "serve",
]

DEFAULT_CLIENT_ID = "astravue-fake-client"
DEFAULT_CLIENT_SECRET = "fake-client-secret"  # noqa: S105 - a fixture value, not a credential
DEFAULT_REDIRECT_URI = "http://127.0.0.1:8765/callback"


class FakeAstravue:
    """An in-process, stateful fake of the Astravue API and its Keycloak token endpoint.

    Use ``async with FakeAstravue() as fake:`` (or :meth:`start` / :meth:`close`) inside the
    event loop of the test. See the module docstring for the fake's conventions.

    Args:
        access_token_lifetime: Seconds an access token is valid (the real 30 minutes).
        clock: Seconds since the epoch (default :func:`time.time`); :meth:`advance` adds to it. Pass
            a constant (``lambda: 1_700_000_000.0``) for fully deterministic times.
        detect_refresh_token_reuse: Revoke a whole session when one of its rotated-away refresh
            tokens is presented again (default False: only that request is refused).
    """

    def __init__(
        self,
        *,
        access_token_lifetime: int = 1800,
        clock: Callable[[], float] | None = None,
        detect_refresh_token_reuse: bool = False,
    ) -> None:
        self._clock = FakeClock(clock)
        self._journal = Journal()
        self._faults = Faults()
        self._store = Store()
        self._tokens = TokenRegistry(self._clock, access_token_lifetime)
        self.detect_refresh_token_reuse = detect_refresh_token_reuse
        self._keycloak = Keycloak(self._tokens, self._journal, self._store.users.__contains__)
        self._api = Api(self._store, self._tokens, self._faults, self._journal, self._clock)
        self._runner: web.AppRunner | None = None
        self._origin: str | None = None
        self._clients: list[AstravueClient] = []
        self.client_id = DEFAULT_CLIENT_ID
        """The OAuth client registered by default (confidential)."""
        self.client_secret = DEFAULT_CLIENT_SECRET
        """Its secret."""
        self.redirect_uri = DEFAULT_REDIRECT_URI
        """Its registered redirect URI."""
        self.register_client(self.client_id, self.client_secret, [self.redirect_uri])

    def __repr__(self) -> str:
        where = self._origin or "not started"
        return f"<FakeAstravue {where}>"

    # ------------------------------------------------------------------ lifecycle

    async def start(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        """Start serving.

        Args:
            host: The IP address to listen on. Anything but a loopback address exposes the fake, and
                the tokens it hands out, to the network.
            port: The TCP port; 0 (the default) picks a free one (see :attr:`base_url`).

        Raises:
            OSError: The address cannot be listened on (e.g. the port is taken).
            RuntimeError: Already running.
        """
        if self._runner is not None:
            raise RuntimeError("this FakeAstravue is already running")
        app = web.Application()
        self._keycloak.add_routes(app)
        self._api.add_routes(app)
        # handler_cancellation: a client that gives up (timeout) must not leave a delayed
        # handler sleeping until shutdown; a short shutdown_timeout keeps teardown fast.
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        bound_host, bound_port = runner.addresses[0][:2]
        # Listening on every interface: this machine reaches it over loopback, and a client
        # refuses plain http to any other address.
        bound_host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(bound_host, bound_host)  # noqa: S104
        # An IPv6 literal needs brackets in a URL.
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self._origin = f"http://{shown}:{bound_port}"
        self._runner = runner

    async def close(self) -> None:
        """Close the clients made by :meth:`client`, then stop serving. Idempotent."""
        clients, self._clients = self._clients, []
        for client in clients:
            await client.aclose()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @classmethod
    def running(
        cls,
        *,
        access_token_lifetime: int = 1800,
        clock: Callable[[], float] | None = None,
        detect_refresh_token_reuse: bool = False,
    ) -> SyncFakeAstravue:
        """A fake for plain (non-async) code: ``with FakeAstravue.running() as fake:``.

        Returns a :class:`SyncFakeAstravue` (same arguments as this class), which serves on
        its own event-loop thread from entering the ``with`` block until leaving it.
        """
        return SyncFakeAstravue(
            access_token_lifetime=access_token_lifetime,
            clock=clock,
            detect_refresh_token_reuse=detect_refresh_token_reuse,
        )

    def _require_origin(self) -> str:
        if self._origin is None:
            raise RuntimeError("start the fake first: `async with FakeAstravue() as fake:`")
        return self._origin

    @property
    def base_url(self) -> str:
        """The API base URL, ``http://127.0.0.1:PORT/v1``."""
        return self._require_origin() + API_PREFIX

    @property
    def token_url(self) -> str:
        """The Keycloak token endpoint."""
        return f"{self._require_origin()}{OIDC_PATH}/token"

    @property
    def authorize_url(self) -> str:
        """The Keycloak authorization endpoint (for ``build_authorization_url``)."""
        return f"{self._require_origin()}{OIDC_PATH}/auth"

    # ------------------------------------------------------------------ auth

    @property
    def default_user_id(self) -> int:
        """The user who "logs in" at the authorization endpoint without ``login_hint``."""
        return self._keycloak.default_user_id

    @default_user_id.setter
    def default_user_id(self, user_id: int) -> None:
        self._check_user(user_id)
        self._keycloak.default_user_id = user_id

    def register_client(
        self,
        client_id: str,
        client_secret: str | None = None,
        redirect_uris: Iterable[str] = (DEFAULT_REDIRECT_URI,),
    ) -> None:
        """Register an OAuth client (``client_secret`` None: a public client, PKCE only)."""
        self._tokens.register_client(client_id, client_secret, redirect_uris)

    def issue_token(
        self, *, user_id: int | None = None, client_id: str | None = None, scope: str = "openid"
    ) -> OAuth2Token:
        """A fresh access + refresh token for ``user_id``, as if they had just signed in.

        Not counted in :attr:`token_grants` (no request reached the token endpoint).
        """
        user = self.default_user_id if user_id is None else self._check_user(user_id)
        client_id = self.client_id if client_id is None else client_id
        if client_id not in self._tokens.clients:
            raise LookupError(f"no client {client_id!r} is registered; call register_client()")
        body = self._tokens.issue(user, client_id, scope)
        # Expiry on the wall clock, which is what the SDK's TokenManager compares against;
        # the fake itself judges expiry on its own clock.
        return OAuth2Token.from_token_response(body, now=utcnow())

    def client(
        self, org_id: int = 1, *, user_id: int | None = None, **kwargs: Unpack[ClientOptions]
    ) -> AstravueClient:
        """An :class:`AstravueClient` pointed at the fake, signed in as ``user_id``.

        Its token refreshes through the fake's token endpoint. ``kwargs`` are any other
        :class:`AstravueClient` keyword (see :class:`~astravue_async.client.ClientOptions`;
        e.g. ``max_retries=0``) and override the defaults. Close it yourself, or leave it to
        the fake, which closes the clients it made on exit.
        """
        client = AstravueClient(**self._client_options(org_id, user_id, kwargs))
        self._clients.append(client)
        return client

    def _client_options(
        self, org_id: int, user_id: int | None, kwargs: ClientOptions
    ) -> dict[str, Any]:
        """Keywords for a client (async or sync) of this fake; ``kwargs`` win."""
        client_id = kwargs.get("client_id") or self.client_id
        registered = self._tokens.clients.get(client_id)
        options: dict[str, Any] = {
            "org_id": org_id,
            "client_id": client_id,
            "client_secret": None if registered is None else registered.client_secret,
            "base_url": self.base_url,
            "token_url": self.token_url,
        }
        options.update(kwargs)
        if "token" not in options and "access_token" not in options:
            options["token"] = self.issue_token(user_id=user_id, client_id=client_id)
        return options

    def expire_tokens(self) -> None:
        """Make every access token issued so far invalid (the API answers 401)."""
        self._tokens.expire_access_tokens()

    def revoke_refresh_tokens(self) -> None:
        """Make every refresh token issued so far invalid (refresh answers invalid_grant)."""
        self._tokens.revoke_refresh_tokens()

    @property
    def detect_refresh_token_reuse(self) -> bool:
        """Whether presenting a rotated-away refresh token revokes its whole session.

        Off (the default): that refresh is answered ``invalid_grant`` and nothing else
        happens. On: like Keycloak's "Revoke Refresh Token" with a maximum reuse of 0, every
        access and refresh token of that sign-in stops working too (API calls answer 401,
        refreshes ``invalid_grant``). May be switched at any time.
        """
        return self._tokens.detect_reuse

    @detect_refresh_token_reuse.setter
    def detect_refresh_token_reuse(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError("detect_refresh_token_reuse must be a bool")
        self._tokens.detect_reuse = value

    @property
    def refresh_token_reuses(self) -> int:
        """How many refresh grants presented an already rotated-away refresh token.

        Counted whether or not :attr:`detect_refresh_token_reuse` is on; cleared by
        :meth:`reset_counters`.
        """
        return self._tokens.reuse_events

    # ------------------------------------------------------------------ time

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward: tokens expire, running timers accumulate time."""
        self._clock.advance(seconds)

    def now(self) -> datetime:
        """The fake's current time (aware, UTC)."""
        return self._clock.now()

    # ------------------------------------------------------------------ faults

    def fail_next(
        self,
        n: int = 1,
        status: int = 503,
        retry_after: float | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Answer the next ``n`` matching API requests with ``status`` and an ``ApiError``.

        ``method`` (e.g. ``"POST"``) and ``path`` narrow the match; ``path`` is relative to
        the base URL, either concrete (``/tasks/7``) or the spec's template
        (``/tasks/{taskId}``). ``retry_after`` adds a ``Retry-After`` header (seconds).
        """
        self._faults.fail_next(n, status, retry_after, method, path)

    def delay(self, seconds: float) -> None:
        """Sleep ``seconds`` (real time) before answering every later API request; 0 resets."""
        self._faults.set_delay(seconds)

    def fail_randomly(self, rate: float, status: int = 503, *, seed: int | None = None) -> None:
        """Answer a random share of later API requests with ``status`` and an ``ApiError``.

        Requests matched by :meth:`fail_next` are answered by that rule instead.

        Args:
            rate: The share, 0 to 1 (0 turns it off; 0.2 fails about one in five).
            status: The HTTP error status (400-599) of the failures.
            seed: Seeds the random choice, for a repeatable sequence of failures.

        Raises:
            ValueError: ``rate`` outside 0..1 or ``status`` not an error status.
        """
        self._faults.set_fail_rate(rate, status, seed)

    def drop_connections(self, n: int = 1) -> None:
        """Close the connection of the next ``n`` API requests without answering them."""
        self._faults.add_drops(n)

    def html_error(self, status: int = 502) -> None:
        """Answer the next API request with an HTML error page, as a proxy in front would."""
        self._faults.add_html(status)

    def reset_faults(self) -> None:
        """Cancel every pending fault, the delay and :meth:`fail_randomly`."""
        self._faults.reset()

    # ------------------------------------------------------------------ observation

    @property
    def requests(self) -> Counter[str]:
        """API requests received per operation id (every attempt, failed ones included)."""
        return self._journal.requests

    @property
    def token_grants(self) -> Counter[str]:
        """Token-endpoint requests per ``grant_type`` (refused ones included)."""
        return self._journal.token_grants

    @property
    def request_log(self) -> list[LoggedRequest]:
        """Every API request: ``(method, path, org_id, operation_id, status)``.

        ``status`` is None for a dropped connection; ``operation_id`` for an unknown path.
        """
        return self._journal.log

    @property
    def record_responses(self) -> bool:
        """Set to True to keep every JSON body in :attr:`responses`/:attr:`token_responses`."""
        return self._journal.record_responses

    @record_responses.setter
    def record_responses(self, value: bool) -> None:
        self._journal.record_responses = bool(value)

    @property
    def responses(self) -> list[RecordedResponse]:
        """Recorded API responses ``(operation_id, status, body)`` (HTML pages excluded)."""
        return self._journal.responses

    @property
    def token_responses(self) -> list[RecordedResponse]:
        """Recorded token-endpoint responses, under the spec's x-auth operation ids
        (``get_access_token``, ``refresh_access_token``)."""
        return self._journal.token_responses

    def reset_counters(self) -> None:
        """Clear the counters (:attr:`refresh_token_reuses` too), the request log and the
        recorded responses."""
        self._journal.reset()
        self._tokens.reuse_events = 0

    # ------------------------------------------------------------------ data

    def _check_user(self, user_id: int) -> int:
        if user_id not in self._store.users:
            raise LookupError(f"no user {user_id}; known: {sorted(self._store.users)}")
        return user_id

    def users(self) -> list[dict[str, Any]]:
        """Every user as a ``UserDto`` JSON object."""
        return [user_dto(user) for user in self._store.users.values()]

    def add_user(self, first_name: str, last_name: str, *, email: str | None = None) -> int:
        """Create a user (a member of every organisation) and return their id."""
        return self._store.add_user(first_name, last_name, email=email).user_id

    def add_subtask(
        self,
        task_id: int,
        task_title: str,
        *,
        org_id: int = 1,
        user_id: int | None = None,
        owners: Iterable[int] = (),
    ) -> int:
        """Create a subtask of ``task_id`` (as ``user_id``) and return its id."""
        org = self._store.org(org_id)
        subtask = seed_subtask(
            self._store,
            org,
            task_id,
            task_title,
            user_id=self._actor(user_id),
            owners=list(owners),
            now=self.now(),
        )
        return subtask.task_id

    def add_comment(
        self, task_id: int, comment: str, *, org_id: int = 1, user_id: int | None = None
    ) -> int:
        """Comment on ``task_id`` (``@<userId>`` mentions notify) and return the comment id."""
        org = self._store.org(org_id)
        made = seed_comment(
            self._store, org, task_id, comment, user_id=self._actor(user_id), now=self.now()
        )
        return made.comment_id

    def add_checklist_item(
        self,
        task_id: int,
        title: str,
        *,
        org_id: int = 1,
        completed: bool = False,
        user_id: int | None = None,
    ) -> int:
        """Append a checklist item to ``task_id`` (a task or subtask) and return its id."""
        org = self._store.org(org_id)
        item = seed_checklist_item(
            self._store,
            org,
            task_id,
            title,
            completed=completed,
            user_id=self._actor(user_id),
            now=self.now(),
        )
        return item.item_id

    def _actor(self, user_id: int | None) -> int:
        return self.default_user_id if user_id is None else self._check_user(user_id)


_T = TypeVar("_T")
# Generous: a call on the fake's thread is a dictionary update; only a wedged thread is slower.
_CALL_TIMEOUT = 30.0


async def _run_sync(fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> _T:
    return fn(*args, **kwargs)


class SyncFakeAstravue:
    """:class:`FakeAstravue` for plain (non-async) tests and scripts, on its own thread.

    ```python
    from astravue_async.testing import FakeAstravue

    with FakeAstravue.running() as fake, fake.sync_client() as client:
        client.tasks.create(task_title="Write tests")
        assert fake.requests["create_task"] == 1
    ```

    ``with`` (or :meth:`start` / :meth:`close`) runs the fake on a private event-loop
    thread. The methods and properties are :class:`FakeAstravue`'s and do the same; each
    runs on the fake's thread, so calling them from any thread is safe. The counters and
    lists (:attr:`requests`, :attr:`request_log`, ...) are snapshots taken at the call.

    Args:
        access_token_lifetime: Seconds an access token is valid (the real 30 minutes).
        clock: Seconds since the epoch (default :func:`time.time`); see :class:`FakeAstravue`.
        detect_refresh_token_reuse: See :attr:`FakeAstravue.detect_refresh_token_reuse`.
    """

    def __init__(
        self,
        *,
        access_token_lifetime: int = 1800,
        clock: Callable[[], float] | None = None,
        detect_refresh_token_reuse: bool = False,
    ) -> None:
        # Built here, not on the thread, so setup calls (add_user, register_client) work
        # before start(); nothing in it is bound to an event loop until it serves.
        self._fake = FakeAstravue(
            access_token_lifetime=access_token_lifetime,
            clock=clock,
            detect_refresh_token_reuse=detect_refresh_token_reuse,
        )
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._clients: list[AstravueSyncClient] = []

    def __repr__(self) -> str:
        return f"<SyncFakeAstravue {self._fake._origin or 'not started'}>"

    # ------------------------------------------------------------------ lifecycle

    def start(self, *, timeout: float = _CALL_TIMEOUT) -> None:
        """Start serving on 127.0.0.1 (a free port) on a new thread; returns once it listens.

        Args:
            timeout: Seconds to wait for the server to listen.

        Raises:
            RuntimeError: Already started (or closed: a fake is started once).
            OSError: It could not listen.
            TimeoutError: It did not listen within ``timeout``.
        """
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("this SyncFakeAstravue was already started")
            ready: concurrent.futures.Future[None] = concurrent.futures.Future()
            thread = threading.Thread(
                target=self._thread_main, args=(ready,), name="SyncFakeAstravue", daemon=True
            )
            self._thread = thread
            thread.start()
        try:
            ready.result(timeout)
        except BaseException:
            self.close()
            raise

    def _thread_main(self, ready: concurrent.futures.Future[None]) -> None:
        try:
            asyncio.run(self._serve(ready))
        except BaseException as exc:
            # A failure to start is start()'s to raise; a later one (while closing) goes to
            # threading.excepthook rather than vanishing.
            if ready.done():
                raise
            ready.set_exception(exc)

    async def _serve(self, ready: concurrent.futures.Future[None]) -> None:
        stop = asyncio.Event()
        await self._fake.start()
        try:
            with self._lock:
                self._loop = asyncio.get_running_loop()
                self._stop = stop
            ready.set_result(None)
            await stop.wait()
        finally:
            with self._lock:
                self._loop = None
            await self._fake.close()

    def close(self, *, timeout: float = _CALL_TIMEOUT) -> None:
        """Close the clients made by :meth:`sync_client`, then stop serving. Idempotent.

        Args:
            timeout: Seconds to wait for the fake's thread to finish.

        Raises:
            TimeoutError: The thread did not finish within ``timeout``.
        """
        clients, self._clients = self._clients, []
        for client in clients:
            client.close()
        with self._lock:
            loop, stop, thread = self._loop, self._stop, self._thread
            self._loop = self._stop = None
        if loop is not None and stop is not None:
            # The loop may finish on its own meanwhile (it failed); nothing left to stop then.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop.set)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                raise TimeoutError(f"the fake's thread did not stop within {timeout} s")

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _call(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> _T:
        """``fn(*args, **kwargs)`` on the fake's thread while it serves (else right here)."""
        future: concurrent.futures.Future[_T] | None = None
        with self._lock:
            loop = self._loop
            if loop is not None and self._thread is not threading.current_thread():
                # Submitted under the lock, so close() cannot stop the loop in between.
                future = asyncio.run_coroutine_threadsafe(_run_sync(fn, *args, **kwargs), loop)
        if future is None:
            return fn(*args, **kwargs)
        return future.result(_CALL_TIMEOUT)

    # ------------------------------------------------------------------ addresses, auth

    @property
    def base_url(self) -> str:
        """The API base URL, ``http://127.0.0.1:PORT/v1``."""
        return self._fake.base_url

    @property
    def token_url(self) -> str:
        """The Keycloak token endpoint."""
        return self._fake.token_url

    @property
    def authorize_url(self) -> str:
        """The Keycloak authorization endpoint."""
        return self._fake.authorize_url

    @property
    def client_id(self) -> str:
        """The OAuth client registered by default (confidential)."""
        return self._fake.client_id

    @property
    def client_secret(self) -> str:
        """Its secret."""
        return self._fake.client_secret

    @property
    def redirect_uri(self) -> str:
        """Its registered redirect URI."""
        return self._fake.redirect_uri

    @property
    def default_user_id(self) -> int:
        """See :attr:`FakeAstravue.default_user_id`."""
        return self._call(lambda: self._fake.default_user_id)

    @default_user_id.setter
    def default_user_id(self, user_id: int) -> None:
        self._call(setattr, self._fake, "default_user_id", user_id)

    def register_client(
        self,
        client_id: str,
        client_secret: str | None = None,
        redirect_uris: Iterable[str] = (DEFAULT_REDIRECT_URI,),
    ) -> None:
        """See :meth:`FakeAstravue.register_client`."""
        self._call(self._fake.register_client, client_id, client_secret, list(redirect_uris))

    def issue_token(
        self, *, user_id: int | None = None, client_id: str | None = None, scope: str = "openid"
    ) -> OAuth2Token:
        """See :meth:`FakeAstravue.issue_token`."""
        return self._call(self._fake.issue_token, user_id=user_id, client_id=client_id, scope=scope)

    def sync_client(
        self, org_id: int = 1, *, user_id: int | None = None, **kwargs: Unpack[ClientOptions]
    ) -> AstravueSyncClient:
        """An :class:`~astravue_async.sync.AstravueSyncClient` pointed at the fake.

        Signed in as ``user_id`` (default :attr:`default_user_id`); its token refreshes
        through the fake. ``kwargs`` are any other client keyword (e.g. ``max_retries=0``)
        except ``session``. Close it yourself, or leave it to :meth:`close`.

        Raises:
            TypeError: ``session=`` was given (a sync client's loop is private).
        """
        if "session" in kwargs:
            raise TypeError("AstravueSyncClient does not accept session= (its loop is private)")
        # Imported here: async-only users (and the pytest plugin) need not load the sync layer.
        from astravue_async.sync import AstravueSyncClient

        options = self._call(self._fake._client_options, org_id, user_id, kwargs)
        client = AstravueSyncClient(**options)
        self._clients.append(client)
        return client

    def expire_tokens(self) -> None:
        """See :meth:`FakeAstravue.expire_tokens`."""
        self._call(self._fake.expire_tokens)

    def revoke_refresh_tokens(self) -> None:
        """See :meth:`FakeAstravue.revoke_refresh_tokens`."""
        self._call(self._fake.revoke_refresh_tokens)

    @property
    def detect_refresh_token_reuse(self) -> bool:
        """See :attr:`FakeAstravue.detect_refresh_token_reuse`."""
        return self._call(lambda: self._fake.detect_refresh_token_reuse)

    @detect_refresh_token_reuse.setter
    def detect_refresh_token_reuse(self, value: bool) -> None:
        self._call(setattr, self._fake, "detect_refresh_token_reuse", value)

    @property
    def refresh_token_reuses(self) -> int:
        """See :attr:`FakeAstravue.refresh_token_reuses`."""
        return self._call(lambda: self._fake.refresh_token_reuses)

    # ------------------------------------------------------------------ time, faults

    def advance(self, seconds: float) -> None:
        """See :meth:`FakeAstravue.advance`."""
        self._call(self._fake.advance, seconds)

    def now(self) -> datetime:
        """See :meth:`FakeAstravue.now`."""
        return self._call(self._fake.now)

    def fail_next(
        self,
        n: int = 1,
        status: int = 503,
        retry_after: float | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """See :meth:`FakeAstravue.fail_next`."""
        self._call(self._fake.fail_next, n, status, retry_after, method, path)

    def fail_randomly(self, rate: float, status: int = 503, *, seed: int | None = None) -> None:
        """See :meth:`FakeAstravue.fail_randomly`."""
        self._call(self._fake.fail_randomly, rate, status, seed=seed)

    def delay(self, seconds: float) -> None:
        """See :meth:`FakeAstravue.delay`."""
        self._call(self._fake.delay, seconds)

    def drop_connections(self, n: int = 1) -> None:
        """See :meth:`FakeAstravue.drop_connections`."""
        self._call(self._fake.drop_connections, n)

    def html_error(self, status: int = 502) -> None:
        """See :meth:`FakeAstravue.html_error`."""
        self._call(self._fake.html_error, status)

    def reset_faults(self) -> None:
        """See :meth:`FakeAstravue.reset_faults`."""
        self._call(self._fake.reset_faults)

    # ------------------------------------------------------------------ observation

    @property
    def requests(self) -> Counter[str]:
        """A snapshot of :attr:`FakeAstravue.requests`."""
        return self._call(lambda: Counter(self._fake.requests))

    @property
    def token_grants(self) -> Counter[str]:
        """A snapshot of :attr:`FakeAstravue.token_grants`."""
        return self._call(lambda: Counter(self._fake.token_grants))

    @property
    def request_log(self) -> list[LoggedRequest]:
        """A snapshot of :attr:`FakeAstravue.request_log`."""
        return self._call(lambda: list(self._fake.request_log))

    @property
    def record_responses(self) -> bool:
        """See :attr:`FakeAstravue.record_responses`."""
        return self._call(lambda: self._fake.record_responses)

    @record_responses.setter
    def record_responses(self, value: bool) -> None:
        self._call(setattr, self._fake, "record_responses", value)

    @property
    def responses(self) -> list[RecordedResponse]:
        """A snapshot of :attr:`FakeAstravue.responses`."""
        return self._call(lambda: list(self._fake.responses))

    @property
    def token_responses(self) -> list[RecordedResponse]:
        """A snapshot of :attr:`FakeAstravue.token_responses`."""
        return self._call(lambda: list(self._fake.token_responses))

    def reset_counters(self) -> None:
        """See :meth:`FakeAstravue.reset_counters`."""
        self._call(self._fake.reset_counters)

    # ------------------------------------------------------------------ data

    def users(self) -> list[dict[str, Any]]:
        """See :meth:`FakeAstravue.users`."""
        return self._call(self._fake.users)

    def add_user(self, first_name: str, last_name: str, *, email: str | None = None) -> int:
        """See :meth:`FakeAstravue.add_user`."""
        return self._call(self._fake.add_user, first_name, last_name, email=email)

    def add_subtask(
        self,
        task_id: int,
        task_title: str,
        *,
        org_id: int = 1,
        user_id: int | None = None,
        owners: Iterable[int] = (),
    ) -> int:
        """See :meth:`FakeAstravue.add_subtask`."""
        return self._call(
            self._fake.add_subtask,
            task_id,
            task_title,
            org_id=org_id,
            user_id=user_id,
            owners=list(owners),
        )

    def add_comment(
        self, task_id: int, comment: str, *, org_id: int = 1, user_id: int | None = None
    ) -> int:
        """See :meth:`FakeAstravue.add_comment`."""
        return self._call(self._fake.add_comment, task_id, comment, org_id=org_id, user_id=user_id)

    def add_checklist_item(
        self,
        task_id: int,
        title: str,
        *,
        org_id: int = 1,
        completed: bool = False,
        user_id: int | None = None,
    ) -> int:
        """See :meth:`FakeAstravue.add_checklist_item`."""
        return self._call(
            self._fake.add_checklist_item,
            task_id,
            title,
            org_id=org_id,
            completed=completed,
            user_id=user_id,
        )


def serve(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Run :class:`FakeAstravue` as a standalone server until SIGINT or SIGTERM.

    What ``python -m astravue_async.testing`` and ``astravue fake`` run. Once it listens it
    prints ``export ASTRAVUE_...=...`` lines (base URL, token URL, organisation, access and
    refresh token, client id and secret) on stdout, then a line starting
    ``# FakeAstravue ready``; ``--help`` lists the options (port, seed data, faults).

    Args:
        argv: The options (default ``sys.argv[1:]``).
        prog: The command name shown in usage and errors (e.g. ``"astravue fake"``).

    Returns:
        The exit status: 0 after SIGINT/SIGTERM, 1 if it cannot listen.

    Raises:
        SystemExit: Status 2 for a usage error (as argparse does).
    """
    from astravue_async._fake.serve import main

    return main(argv, prog=prog)


# pytest is imported only when it is already running (i.e. this module is being loaded as a
# plugin), so scripts and demos can use the fake without pytest installed or imported.
if sys.modules.get("pytest") is not None:
    import pytest

    _async_fixture: Any = pytest.fixture
    if importlib.util.find_spec("pytest_asyncio") is not None:
        import pytest_asyncio

        # Works in pytest-asyncio's strict mode too; other async plugins (anyio) run a
        # plain pytest.fixture coroutine themselves.
        _async_fixture = pytest_asyncio.fixture

    async def _astravue_fake() -> AsyncIterator[FakeAstravue]:
        """A started :class:`FakeAstravue`, closed (with its clients) after the test."""
        async with FakeAstravue() as fake:
            yield fake

    astravue_fake = _async_fixture(name="astravue_fake")(_astravue_fake)

    @pytest.fixture(name="astravue_fake_sync")
    def _astravue_fake_sync() -> Iterator[SyncFakeAstravue]:
        """A started :class:`SyncFakeAstravue` for plain tests, closed after the test."""
        with SyncFakeAstravue() as fake:
            yield fake


if __name__ == "__main__":
    raise SystemExit(serve())
