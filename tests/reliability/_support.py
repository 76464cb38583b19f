"""Shared machinery of the reliability suite.

* :data:`SCALE` is 10 under ``make soak`` (``ASTRAVUE_SOAK=1`` or ``HYPOTHESIS_PROFILE=soak``).
* :data:`SUMMARY` collects what every test did; ``conftest.py`` prints it at the end.
* :class:`FakeSleep` replaces the transport's backoff sleep, so retries wait for nothing.
* Leak probes look at what the process really holds: sockets (``/proc/net/tcp`` joined with
  ``/proc/self/fd``), file descriptors, asyncio tasks and the client's connection pool.
* :func:`serve` runs a small aiohttp app on 127.0.0.1 for tests that need their own server.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from yarl import URL

from astravue_async import AstravueClient
from astravue_async.testing import FakeAstravue

__all__ = [
    "SCALE",
    "SOAK",
    "SUMMARY",
    "FakeSleep",
    "LocalServer",
    "Summary",
    "TokenProxy",
    "established_connections",
    "eventually",
    "leak_report",
    "open_fds",
    "pending_tasks",
    "pool_state",
    "port_of",
    "running_fake",
    "serve",
]

SOAK = os.environ.get("ASTRAVUE_SOAK") == "1" or os.environ.get("HYPOTHESIS_PROFILE") == "soak"
SCALE = 10 if SOAK else 1


# --------------------------------------------------------------------------- summary


@dataclass
class Summary:
    """Totals over the session's reliability tests (printed by ``conftest.py``)."""

    tests: int = 0
    requests: int = 0
    """HTTP requests that reached a server (the fake's log or our own servers)."""
    faults: int = 0
    """Faults injected: error statuses, drops, HTML pages, delays, failing token endpoints."""
    retries: int = 0
    """Backoff waits of the SDK's retry loop (one per repeated request)."""
    app_retries: int = 0
    """POSTs re-sent by the application after the SDK (rightly) refused to repeat them."""
    refreshes: int = 0
    """Refresh grants that reached a token endpoint."""
    created: int = 0
    """Objects found on the server that a create call made."""
    duplicates: int = 0
    leaks: int = 0
    """Connections, tasks or descriptors left behind (each probe's excess)."""

    def lines(self) -> list[str]:
        return [
            f"tests run:        {self.tests}",
            f"requests made:    {self.requests}",
            f"faults injected:  {self.faults}",
            f"retries:          {self.retries} by the SDK, {self.app_retries} by the application",
            f"refreshes:        {self.refreshes}",
            f"objects created:  {self.created}",
            f"duplicates:       {self.duplicates} (must be 0)",
            f"leaks:            {self.leaks} (must be 0)",
        ]


SUMMARY = Summary()


# --------------------------------------------------------------------------- fake sleep


class FakeSleep:
    """Records the transport's backoff delays instead of waiting them out.

    ``on_sleep`` callbacks run at every wait, e.g. to clear a fault before the retry.
    """

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.on_sleep: list[Callable[[float], None]] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        for callback in self.on_sleep:
            callback(delay)
        await asyncio.sleep(0)  # still a suspension point, like the real thing

    def install(self, client: AstravueClient) -> AstravueClient:
        client._transport._sleep = self
        return client


# --------------------------------------------------------------------------- probes


def port_of(url: str) -> int:
    port = URL(url).port
    assert port is not None, url
    return port


def open_fds() -> int:
    """File descriptors this process has open."""
    return len(os.listdir("/proc/self/fd"))


def _socket_inodes() -> set[str]:
    inodes = set()
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # closed between listdir and readlink
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    return inodes


def established_connections(port: int) -> int:
    """Client-side TCP connections of *this process* to ``port`` in state ESTABLISHED.

    The servers run in this process too; their accepted sockets have ``port`` as the local
    port, so looking at the remote port counts the client side only.
    """
    ours = _socket_inodes()
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError), open(table) as lines:
            next(lines)
            for line in lines:
                fields = line.split()
                remote_port = int(fields[2].rsplit(":", 1)[1], 16)
                if remote_port == port and fields[3] == "01" and fields[9] in ours:
                    count += 1
    return count


def _serves_idle_connection(task: asyncio.Task[Any]) -> bool:
    # The in-process servers run one RequestHandler.start() task per open keep-alive
    # connection; those connections are accounted for by the socket probe. A request
    # handler still running (RequestHandler._handle_request) is not excluded.
    return getattr(task.get_coro(), "__qualname__", "") == "RequestHandler.start"


def pending_tasks(baseline: set[asyncio.Task[Any]]) -> list[asyncio.Task[Any]]:
    """Unfinished tasks that were not there at ``baseline`` (the caller excluded, and the
    servers' tasks that only keep an idle connection open)."""
    current = asyncio.current_task()
    return [
        task
        for task in asyncio.all_tasks()
        if task is not current
        and task not in baseline
        and not task.done()
        and not _serves_idle_connection(task)
    ]


def pool_state(client: AstravueClient) -> tuple[int, int]:
    """(connections handed out, idle keep-alive connections) of the client's pool."""
    session = client._transport._session
    if session is None:
        return 0, 0
    connector: Any = session.connector
    acquired = len(connector._acquired)
    idle = sum(len(conns) for conns in connector._conns.values())
    return acquired, idle


async def eventually(check: Callable[[], bool], within: float = 5.0) -> bool:
    """Poll ``check`` until it holds or ``within`` seconds pass; its final verdict.

    Closing a socket or finishing a cancelled task takes a few loop iterations; this waits
    for a *state*, never asserts a duration.
    """
    deadline = time.monotonic() + within
    while True:
        if check():
            return True
        if time.monotonic() >= deadline:
            return check()
        await asyncio.sleep(0.01)


async def leak_report(
    client: AstravueClient, port: int, baseline: set[asyncio.Task[Any]]
) -> list[str]:
    """What the client left behind after a settle: empty when nothing leaked.

    * a connection still handed out by the pool (nobody will ever release it);
    * an ESTABLISHED socket to the server that is not an idle pooled connection;
    * a task that was not there before and has not finished.

    Every item found is added to ``SUMMARY.leaks``.
    """

    def sockets_excess() -> int:
        _, idle = pool_state(client)
        return max(0, established_connections(port) - idle)

    def clean() -> bool:
        return pool_state(client)[0] == 0 and sockets_excess() == 0 and not pending_tasks(baseline)

    await eventually(clean)
    problems = []
    acquired, idle = pool_state(client)
    if acquired:
        problems.append(f"{acquired} connection(s) still acquired from the pool")
    excess = sockets_excess()
    if excess:
        problems.append(f"{excess} established socket(s) beyond the {idle} idle pooled")
    tasks = pending_tasks(baseline)
    if tasks:
        problems.append(f"{len(tasks)} pending task(s): {tasks!r}")
    SUMMARY.leaks += acquired + excess + len(tasks)
    return problems


# --------------------------------------------------------------------------- servers


@contextlib.asynccontextmanager
async def running_fake(**kwargs: Any) -> AsyncIterator[FakeAstravue]:
    """A started :class:`FakeAstravue` whose traffic is added to :data:`SUMMARY` on exit."""
    async with FakeAstravue(**kwargs) as fake:
        try:
            yield fake
        finally:
            SUMMARY.requests += len(fake.request_log)
            SUMMARY.refreshes += fake.token_grants["refresh_token"]


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class LocalServer:
    """A running :func:`serve` app: ``origin`` is ``http(s)://127.0.0.1:PORT``."""

    origin: str
    port: int
    requests: int = 0
    hits: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    """(method, path, headers) of every request, in arrival order (when recording)."""


@contextlib.asynccontextmanager
async def serve(
    handler: Handler, *, ssl_context: ssl.SSLContext | None = None, record: bool = True
) -> AsyncIterator[LocalServer]:
    """Serve ``handler`` for every method and path on 127.0.0.1 (random port).

    ``record=False`` only counts requests (for runs whose memory is being measured).
    """
    server = LocalServer(origin="", port=0)

    async def recording(request: web.Request) -> web.StreamResponse:
        server.requests += 1
        if record:
            server.hits.append((request.method, request.path, dict(request.headers)))
        return await handler(request)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recording)
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ssl_context)
        await site.start()
        server.port = runner.addresses[0][1]
        scheme = "https" if ssl_context is not None else "http"
        server.origin = f"{scheme}://127.0.0.1:{server.port}"
        yield server
    finally:
        SUMMARY.requests += server.requests
        await runner.cleanup()


class TokenProxy:
    """A token endpoint of our own in front of the fake's (whose faults never touch it).

    The first ``failures`` requests (None: every request) get a 503 with ``Retry-After: 0``
    (Keycloak overloaded: a refusal, safe to repeat with a rotating refresh token; a 503
    without it may come from a gateway after a rotation, and is not); while ``gate`` is set
    to an unset event, requests wait for it. Everything else is forwarded to the fake, which
    validates and rotates the refresh token as usual. ``arrivals`` holds the monotonic time
    of every request. Forwarding uses a fresh connection each time, so no socket of ours to
    the fake outlives a request (the leak probes count those).
    """

    def __init__(self, fake: FakeAstravue, *, failures: int | None = 0) -> None:
        self.fake = fake
        self.failures = failures
        self.gate: asyncio.Event | None = None
        self.arrivals: list[float] = []
        self.url = ""
        self._session: aiohttp.ClientSession | None = None

    @property
    def served_503(self) -> int:
        if self.failures is None:
            return len(self.arrivals)
        return min(self.failures, len(self.arrivals))

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.arrivals.append(time.monotonic())
        form = dict(await request.post())
        if self.failures is None or len(self.arrivals) <= self.failures:
            return web.json_response(
                {"error": "temporarily_unavailable", "error_description": "try again later"},
                status=503,
                headers={"Retry-After": "0"},
            )
        if self.gate is not None:
            await self.gate.wait()
        assert self._session is not None
        async with self._session.post(self.fake.token_url, data=form) as upstream:
            body = await upstream.read()
            return web.Response(status=upstream.status, body=body, content_type="application/json")

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[TokenProxy]:
        connector = aiohttp.TCPConnector(force_close=True)
        async with aiohttp.ClientSession(connector=connector) as session, serve(self.handle) as srv:
            self._session = session
            self.url = srv.origin + URL(self.fake.token_url).path
            try:
                yield self
            finally:
                SUMMARY.faults += self.served_503
