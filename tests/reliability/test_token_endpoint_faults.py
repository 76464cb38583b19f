"""The token side of issue #12: bounded token requests, and no grant ever thrown away.

Everything runs against real servers on 127.0.0.1: a Keycloak-like token endpoint that
rotates refresh tokens *strictly* (presenting a rotated-away refresh token revokes the whole
session, so every later refresh fails with ``invalid_grant``) and raw asyncio servers that
misbehave at the socket level (never answer, drop the connection mid-answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from astravue_async._errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    InternalServerError,
    RateLimitError,
    ResponseDecodeError,
    TokenStoreError,
)
from astravue_async.auth import (
    DEFAULT_TOKEN_TIMEOUT,
    MAX_REFRESH_SECONDS,
    OAuth2Token,
    TokenManager,
    exchange_code,
    max_refresh_seconds,
    refresh,
    utcnow,
)
from astravue_async.stores import JSONFileTokenStore, MemoryTokenStore

from ._support import eventually

CLIENT_ID = "astravue-cli"
CLIENT_SECRET = "CLIENT-SECRET-9f8e7d"
TOKEN_PATH = "/realms/astravue/protocol/openid-connect/token"
SECRETS = ("AT-SECRET", "RT-SECRET", CLIENT_SECRET, "CODE-SECRET")

Body = dict[str, Any]
Mangle = Callable[[Body], Body]


def assert_no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into {text!r}"


def assert_error_is_clean(exc: BaseException) -> None:
    # aiohttp's exception and its frames hold the request, form and secrets included;
    # `from None` would only hide it, so there must be no chain at all.
    assert exc.__cause__ is None
    assert exc.__context__ is None
    seen: BaseException | None = exc
    while seen is not None:
        assert_no_secrets(str(seen))
        assert_no_secrets(repr(seen))
        assert_no_secrets(repr(vars(seen)))
        seen = seen.__cause__ or seen.__context__


def assert_clean_logs(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        assert_no_secrets(record.getMessage())
        assert_no_secrets(repr(record.args))


class Sleeps:
    """An injected sleep that records delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


# --------------------------------------------------------------------------- strict Keycloak


@dataclass
class StrictKeycloak:
    """A token endpoint with Keycloak's rotation and strict reuse detection.

    ``plan`` holds per-request behaviours consumed in order: ``("status", n, headers)``
    answers ``n`` without rotating, ``("mangle", fn)`` rotates and then answers ``fn(body)``,
    ``("raw", text)`` rotates and answers ``text`` verbatim, ``("hang_before", None)``
    never answers and never processes, ``("hang_after", None)`` rotates (the grant is made)
    but never answers. After the plan, requests are processed normally.
    """

    url: str = ""
    presented: list[str] = field(default_factory=list)
    valid: set[str] = field(default_factory=set)
    spent: set[str] = field(default_factory=set)
    issued_refresh: list[str] = field(default_factory=list)
    revoked: bool = False
    plan: list[tuple[Any, ...]] = field(default_factory=list)
    delay: float = 0.0
    gated: bool = False
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    counter: int = 0
    forever: asyncio.Event = field(default_factory=asyncio.Event)

    def login(self) -> OAuth2Token:
        """A token as after sign-in, already expired so the first use refreshes."""
        return OAuth2Token(
            access_token="AT-SECRET-initial",
            refresh_token=self._new_refresh(),
            expires_at=utcnow() - timedelta(seconds=5),
        )

    @property
    def newest_refresh(self) -> str:
        return self.issued_refresh[-1]

    def _new_refresh(self) -> str:
        self.counter += 1
        token = f"RT-SECRET-{self.counter}"
        self.valid.add(token)
        self.issued_refresh.append(token)
        return token

    def _rotate(self, presented: str) -> Body | None:
        if self.revoked or presented not in self.valid:
            if presented in self.spent:
                # Reuse detection: a rotated-away token means theft; end the session.
                self.revoked = True
                self.valid.clear()
            return None
        self.valid.discard(presented)
        self.spent.add(presented)
        self.counter += 1
        return {
            "access_token": f"AT-SECRET-{self.counter}",
            "refresh_token": self._new_refresh(),
            "token_type": "Bearer",
            "expires_in": 1800,
            "refresh_expires_in": 0,
            "scope": "openid profile",
        }

    async def handle(self, request: web.Request) -> web.StreamResponse:
        form = {k: str(v) for k, v in (await request.post()).items()}
        presented = form.get("refresh_token", "")
        self.presented.append(presented)
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.gated:
            await self.gate.wait()
        step = self.plan.pop(0) if self.plan else ("normal",)
        kind = step[0]
        if kind == "status":
            return web.json_response(
                {"error": "temporarily_unavailable"}, status=step[1], headers=step[2]
            )
        if kind == "hang_before":
            await self.forever.wait()
        body = self._rotate(presented)
        if body is None:
            return web.json_response(
                {"error": "invalid_grant", "error_description": "Token is not active"},
                status=400,
            )
        if kind == "hang_after":
            await self.forever.wait()
        if kind == "mangle":
            return web.json_response(step[1](body))
        if kind == "raw":
            return web.Response(text=step[1], content_type="application/json")
        return web.json_response(body)


@pytest.fixture
async def kc() -> AsyncIterator[StrictKeycloak]:
    keycloak = StrictKeycloak()
    app = web.Application()
    app.router.add_post(TOKEN_PATH, keycloak.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        keycloak.url = str(server.make_url(TOKEN_PATH))
        yield keycloak
    finally:
        keycloak.forever.set()
        keycloak.gate.set()
        await server.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


def refresher_for(
    session: aiohttp.ClientSession, url: str, **kwargs: Any
) -> Callable[[str], Awaitable[OAuth2Token]]:
    kwargs.setdefault("sleep", Sleeps())

    async def refresher(refresh_token: str) -> OAuth2Token:
        return await refresh(
            session,
            refresh_token=refresh_token,
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            token_url=url,
            **kwargs,
        )

    return refresher


async def assert_session_survives(kc: StrictKeycloak, manager: TokenManager) -> None:
    """The NEXT refresh presents the newest refresh token and succeeds."""
    newest = kc.newest_refresh
    assert manager.token.refresh_token == newest
    before = manager.token.access_token
    fresh = await manager.refresh_after_unauthorized(before)
    assert fresh != before
    assert kc.presented[-1] == newest
    assert not kc.revoked
    assert manager.token.refresh_token == kc.newest_refresh != newest


# --------------------------------------------------------------------------- raw servers


@dataclass
class RawServer:
    """An HTTP-ish server on 127.0.0.1 that misbehaves at the socket level."""

    url: str = ""
    requests: int = 0
    connections: int = 0


@contextlib.asynccontextmanager
async def raw_server(behaviour: str) -> AsyncIterator[RawServer]:
    """``silent``: read the request, never answer; ``truncate``: start a 200 answer and
    close mid-body; ``close``: read the request and close without a word."""
    state = RawServer()
    release = asyncio.Event()
    handlers: set[asyncio.Task[Any]] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        state.connections += 1
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            state.requests += 1
            if behaviour == "silent":
                await release.wait()
            elif behaviour == "truncate":
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b'Content-Length: 400\r\n\r\n{"access_token": "AT-SECRET-cut'
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
            handlers.discard(task)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    state.url = f"http://127.0.0.1:{port}{TOKEN_PATH}"
    try:
        yield state
    finally:
        release.set()
        server.close()
        await eventually(lambda: not handlers)
        await server.wait_closed()


# --------------------------------------------------------------------------- item 3: timeouts


async def test_silent_token_endpoint_times_out_and_refresh_is_not_replayed(
    session: aiohttp.ClientSession,
) -> None:
    sleeps = Sleeps()
    async with raw_server("silent") as server:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as excinfo:
            await refresh(
                session,
                refresh_token="RT-SECRET-1",
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                token_url=server.url,
                timeout=0.5,
                max_retries=3,
                sleep=sleeps,
            )
        elapsed = time.monotonic() - started
        assert server.requests == 1  # sent once, never replayed
    assert elapsed < 5.0  # about 0.5 s: the token request's own timeout
    assert sleeps.delays == []
    error = excinfo.value
    assert error.request_sent is True
    message = str(error)
    assert "0.5 s" in message
    assert "not repeated" in message
    assert "astravue login" in message
    assert_error_is_clean(error)


async def test_silent_token_endpoint_times_out_code_exchange(
    session: aiohttp.ClientSession,
) -> None:
    async with raw_server("silent") as server:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as excinfo:
            await exchange_code(
                session,
                code="CODE-SECRET-1",
                redirect_uri="http://127.0.0.1:8765/callback",
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                token_url=server.url,
                timeout=0.5,
            )
        assert server.requests == 1
    assert time.monotonic() - started < 5.0
    assert excinfo.value.request_sent is True
    assert_error_is_clean(excinfo.value)


async def test_default_token_timeout_applies_even_to_a_session_without_one() -> None:
    # A caller's session with no timeout at all must not make refreshes unbounded: the
    # token request brings its own (checked by the error's wording, not by waiting 10 s).
    assert DEFAULT_TOKEN_TIMEOUT == 10.0
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as unbounded,
        raw_server("silent") as server,
    ):
        with pytest.raises(APITimeoutError, match=r"after 0\.3 s"):
            await refresh(
                unbounded,
                refresh_token="RT-SECRET-1",
                client_id=CLIENT_ID,
                token_url=server.url,
                timeout=0.3,
                sleep=Sleeps(),
            )


@pytest.mark.parametrize("behaviour", ["truncate", "close"])
async def test_connection_lost_after_sending_is_not_replayed(
    session: aiohttp.ClientSession, behaviour: str
) -> None:
    sleeps = Sleeps()
    async with raw_server(behaviour) as server:
        with pytest.raises(APIConnectionError) as excinfo:
            await refresh(
                session,
                refresh_token="RT-SECRET-1",
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                token_url=server.url,
                timeout=5,
                sleep=sleeps,
            )
        assert server.requests == 1
    assert sleeps.delays == []
    assert excinfo.value.request_sent is True
    assert "not repeated" in str(excinfo.value)
    assert_error_is_clean(excinfo.value)


async def test_connect_timeout_before_sending_is_retried(kc: StrictKeycloak) -> None:
    # A pool of one connection, held by a request that never ends: acquiring a connection
    # for the refresh times out, and that request provably never left this machine.
    connector = aiohttp.TCPConnector(limit=1)
    sleeps = Sleeps()
    async with (
        aiohttp.ClientSession(connector=connector) as session,
        raw_server("silent") as blocker,
    ):
        hog = asyncio.create_task(session.post(blocker.url, data=b"x"))
        assert await eventually(lambda: blocker.requests == 1)
        try:
            with pytest.raises(APITimeoutError) as excinfo:
                await refresh(
                    session,
                    refresh_token=kc.login().refresh_token or "",
                    client_id=CLIENT_ID,
                    token_url=kc.url,
                    timeout=5,
                    connect_timeout=0.2,
                    max_retries=2,
                    sleep=sleeps,
                )
        finally:
            hog.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await hog
    assert excinfo.value.request_sent is False
    assert "connecting" in str(excinfo.value)
    assert sleeps.delays == [0.5, 1.0]
    assert kc.presented == []
    assert_error_is_clean(excinfo.value)


async def test_connection_refused_is_retried(session: aiohttp.ClientSession) -> None:
    async with raw_server("close") as server:
        url = server.url
    sleeps = Sleeps()
    with pytest.raises(APIConnectionError) as excinfo:
        await refresh(
            session,
            refresh_token="RT-SECRET-1",
            client_id=CLIENT_ID,
            token_url=url,
            max_retries=1,
            sleep=sleeps,
        )
    assert excinfo.value.request_sent is False
    assert sleeps.delays == [0.5]
    assert_error_is_clean(excinfo.value)


async def test_refusals_are_retried_without_tripping_reuse_detection(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    token = kc.login()
    kc.plan = [("status", 503, {"Retry-After": "0"}), ("status", 429, {"Retry-After": "2"})]
    sleeps = Sleeps()
    new = await refresher_for(session, kc.url, sleep=sleeps)(token.refresh_token or "")
    assert sleeps.delays == [0.5, 2.0]
    assert kc.presented == [token.refresh_token] * 3
    assert new.refresh_token == kc.newest_refresh
    assert not kc.revoked


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_an_answer_that_may_follow_a_rotation_is_not_retried(
    kc: StrictKeycloak, session: aiohttp.ClientSession, status: int
) -> None:
    # Keycloak behind a gateway: it rotated the refresh token, then the gateway answered
    # 5xx. Presenting the spent token again would be refused as reuse and could revoke the
    # session, so a 500, 502, 504 or a 503 without Retry-After is not repeated.
    token = kc.login()
    kc.plan = [("status", status, {})]
    sleeps = Sleeps()
    with pytest.raises(InternalServerError):
        await refresher_for(session, kc.url, sleep=sleeps)(token.refresh_token or "")
    assert sleeps.delays == []
    assert kc.presented == [token.refresh_token]
    assert not kc.revoked


@pytest.mark.parametrize(
    "retry_after", ["30", "10.5", "Wed, 21 Oct 2099 07:28:00 GMT"], ids=["30s", "10.5s", "date"]
)
async def test_429_beyond_the_cap_fails_at_once(
    kc: StrictKeycloak, session: aiohttp.ClientSession, retry_after: str
) -> None:
    token = kc.login()
    kc.plan = [("status", 429, {"Retry-After": retry_after})]
    sleeps = Sleeps()
    refresher = refresher_for(session, kc.url, sleep=sleeps)
    with pytest.raises(RateLimitError) as excinfo:
        await refresher(token.refresh_token or "")
    assert sleeps.delays == []
    assert len(kc.presented) == 1
    assert excinfo.value.retry_after is not None and excinfo.value.retry_after > 10
    # A 429 spends nothing: the same refresh token still works afterwards.
    assert (await refresher(token.refresh_token or "")).refresh_token == kc.newest_refresh
    assert not kc.revoked


async def test_429_at_the_cap_is_waited_for(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    token = kc.login()
    kc.plan = [("status", 429, {"Retry-After": "10"})]
    sleeps = Sleeps()
    await refresher_for(session, kc.url, sleep=sleeps)(token.refresh_token or "")
    assert sleeps.delays == [10.0]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"timeout": 0}, ValueError),
        ({"timeout": -1}, ValueError),
        ({"timeout": float("nan")}, ValueError),
        ({"timeout": float("inf")}, ValueError),
        ({"timeout": True}, TypeError),
        ({"timeout": "10"}, TypeError),
        ({"timeout": None}, TypeError),
        ({"connect_timeout": 0}, ValueError),
        ({"connect_timeout": "5"}, TypeError),
        ({"max_retries": -1}, ValueError),
        ({"max_retries": True}, TypeError),
        ({"max_retries": 1.5}, TypeError),
    ],
)
async def test_bad_budgets_fail_before_anything_is_sent(
    kc: StrictKeycloak,
    session: aiohttp.ClientSession,
    kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    token = kc.login()
    with pytest.raises(error):
        await refresher_for(session, kc.url, **kwargs)(token.refresh_token or "")
    if "max_retries" not in kwargs:
        with pytest.raises(error):
            await exchange_code(
                session,
                code="CODE-SECRET-1",
                redirect_uri="http://127.0.0.1:8765/callback",
                client_id=CLIENT_ID,
                token_url=kc.url,
                **kwargs,
            )
    assert kc.presented == []


def test_worst_case_refresh_duration_is_documented_and_computable() -> None:
    assert MAX_REFRESH_SECONDS == max_refresh_seconds() == 3 * 10.0 + 2 * 10.0
    assert max_refresh_seconds(timeout=2, max_retries=0) == 2.0
    assert max_refresh_seconds(timeout=0.5, max_retries=3) == 4 * 0.5 + 3 * 10.0
    with pytest.raises(ValueError):
        max_refresh_seconds(timeout=0)
    with pytest.raises(ValueError):
        max_refresh_seconds(max_retries=-1)


async def test_worst_case_retries_stay_within_the_bound(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    # Every wait as long as the cap allows, every attempt failing: the sum of the waits
    # plus one timeout per attempt is what max_refresh_seconds promises.
    token = kc.login()
    kc.plan = [("status", 429, {"Retry-After": "10"})] * 3
    sleeps = Sleeps()
    with pytest.raises(RateLimitError):
        await refresher_for(session, kc.url, sleep=sleeps, max_retries=2, timeout=1)(
            token.refresh_token or ""
        )
    assert len(kc.presented) == 3
    assert sum(sleeps.delays) + 3 * 1 == max_refresh_seconds(timeout=1, max_retries=2)


# --------------------------------------------------------------------------- TokenManager


async def test_refresh_outlives_callers_who_gave_up_and_its_result_is_kept(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    kc.gated = True  # the token endpoint answers only when the test says so
    initial = kc.login()
    manager = TokenManager(initial, refresher=refresher_for(session, kc.url))
    for _ in range(3):  # several callers, each with a short deadline, all give up
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.05):
                await manager.get_access_token()
    assert await eventually(lambda: len(kc.presented) == 1)
    kc.gate.set()
    assert await eventually(lambda: manager.token.access_token != initial.access_token)
    token = await manager.get_access_token()
    assert token == manager.token.access_token
    assert len(kc.presented) == 1  # the next call used the kept result: no second grant
    assert manager.token.refresh_token == kc.newest_refresh
    assert not kc.revoked


async def test_caller_arriving_during_an_abandoned_refresh_joins_it(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    kc.gated = True
    manager = TokenManager(kc.login(), refresher=refresher_for(session, kc.url))
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await manager.get_access_token()
    late = asyncio.create_task(manager.get_access_token())
    assert await eventually(lambda: len(kc.presented) == 1)
    kc.gate.set()
    token = await late
    assert token == manager.token.access_token != "AT-SECRET-initial"
    assert len(kc.presented) == 1


async def test_unknown_outcome_then_server_had_processed_it_asks_to_sign_in_again(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    # The grant was made but its answer never arrived: the refresh token is spent. The
    # refresh is not replayed by refresh(); the next call tries once, is refused, and the
    # manager then stops contacting the server.
    kc.plan = [("hang_after", None)]
    manager = TokenManager(kc.login(), refresher=refresher_for(session, kc.url, timeout=0.3))
    with pytest.raises(APITimeoutError) as first:
        await manager.get_access_token()
    assert "not repeated" in str(first.value)
    assert len(kc.presented) == 1
    with pytest.raises(AuthenticationError, match="astravue login"):
        await manager.get_access_token()
    with pytest.raises(AuthenticationError):
        await manager.get_access_token()
    assert len(kc.presented) == 2


async def test_unknown_outcome_then_server_had_not_processed_it_recovers(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    kc.plan = [("hang_before", None)]
    manager = TokenManager(kc.login(), refresher=refresher_for(session, kc.url, timeout=0.3))
    with pytest.raises(APITimeoutError):
        await manager.get_access_token()
    token = await manager.get_access_token()
    assert token == manager.token.access_token != "AT-SECRET-initial"
    assert manager.token.refresh_token == kc.newest_refresh
    assert not kc.revoked


def test_manager_validates_persist_timeout() -> None:
    token = OAuth2Token(access_token="a")
    for bad in (0, -1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="persist_timeout"):
            TokenManager(token, refresher=None, persist_timeout=bad)
    for wrong in ("5", True, None):
        with pytest.raises(TypeError, match="persist_timeout"):
            TokenManager(token, refresher=None, persist_timeout=wrong)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- item 4: answers


def with_members(**members: Any) -> Mangle:
    return lambda body: {**body, **members}


def without(*names: str) -> Mangle:
    return lambda body: {k: v for k, v in body.items() if k not in names}


ODD_BUT_READABLE: dict[str, Mangle] = {
    "expires_in-string": with_members(expires_in="1800"),
    "expires_in-float": with_members(expires_in=1799.5),
    "refresh_expires_in-string": with_members(refresh_expires_in="86400"),
    "token_type-lowercase": with_members(token_type="bearer"),
    "scope-list": with_members(scope=["openid", "profile"]),
    "unknown-members": with_members(session_state="abc", extra={"nested": [1, None]}),
    "no-optional-members": without("expires_in", "refresh_expires_in", "token_type", "scope"),
}

UNREADABLE_OPTIONAL: dict[str, Mangle] = {
    "expires_in-word": with_members(expires_in="half an hour"),
    "expires_in-negative": with_members(expires_in=-1),
    "expires_in-huge": with_members(expires_in=10**30),
    "refresh_expires_in-object": with_members(refresh_expires_in={"seconds": 5}),
    "token_type-number": with_members(token_type=1),
    "scope-mixed-list": with_members(scope=["openid", 3]),
}


@pytest.mark.parametrize("mangle", ODD_BUT_READABLE.values(), ids=ODD_BUT_READABLE.keys())
async def test_odd_but_readable_answer_keeps_the_session(
    kc: StrictKeycloak,
    session: aiohttp.ClientSession,
    mangle: Mangle,
    caplog: pytest.LogCaptureFixture,
) -> None:
    kc.plan = [("mangle", mangle)]
    store = MemoryTokenStore()
    manager = TokenManager(kc.login(), refresher=refresher_for(session, kc.url), store=store)
    token = await manager.get_access_token()
    assert token == manager.token.access_token != "AT-SECRET-initial"
    assert await store.load() == manager.token
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    await assert_session_survives(kc, manager)


@pytest.mark.parametrize("mangle", UNREADABLE_OPTIONAL.values(), ids=UNREADABLE_OPTIONAL.keys())
async def test_unreadable_optional_member_is_ignored_with_a_warning(
    kc: StrictKeycloak,
    session: aiohttp.ClientSession,
    mangle: Mangle,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="astravue_async")
    kc.plan = [("mangle", mangle)]
    manager = TokenManager(kc.login(), refresher=refresher_for(session, kc.url))
    await manager.get_access_token()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "unreadable" in warnings[0] and "ignored" in warnings[0]
    assert_clean_logs(caplog)
    await assert_session_survives(kc, manager)


UNUSABLE_ACCESS: dict[str, Mangle] = {
    "missing": without("access_token"),
    "number": with_members(access_token=12345),
    "empty": with_members(access_token=""),
    "null": with_members(access_token=None),
    "header-injection": with_members(access_token="AT-SECRET-x\r\nX-Evil: 1"),
}


@pytest.mark.parametrize("mangle", UNUSABLE_ACCESS.values(), ids=UNUSABLE_ACCESS.keys())
async def test_unusable_access_token_still_keeps_the_new_refresh_token(
    kc: StrictKeycloak,
    session: aiohttp.ClientSession,
    tmp_path: Path,
    mangle: Mangle,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    kc.plan = [("mangle", mangle)]
    store = JSONFileTokenStore(tmp_path / "tokens.json")
    announced: list[OAuth2Token] = []
    manager = TokenManager(
        kc.login(),
        refresher=refresher_for(session, kc.url),
        store=store,
        on_token_refresh=announced.append,
    )
    with pytest.raises(ResponseDecodeError) as excinfo:
        await manager.get_access_token()
    assert len(kc.presented) == 1  # a 200 is never repeated: the old token is spent
    newest = kc.newest_refresh
    assert manager.token.refresh_token == newest
    stored = await store.load()
    assert stored is not None and stored.refresh_token == newest
    assert [t.refresh_token for t in announced] == [newest]
    assert "new refresh token" in str(excinfo.value)
    assert_error_is_clean(excinfo.value)
    # The next call refreshes first, with the kept refresh token, and succeeds.
    token = await manager.get_access_token()
    assert kc.presented[-1] == newest
    assert token == manager.token.access_token
    assert not kc.revoked
    stored = await store.load()
    assert stored == manager.token
    assert_clean_logs(caplog)


async def test_non_json_200_is_not_repeated(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    kc.plan = [("raw", '<html>{"access_token": "AT-SECRET-x", "refresh_token": "RT-SECRET-x')]
    manager = TokenManager(kc.login(), refresher=refresher_for(session, kc.url))
    with pytest.raises(ResponseDecodeError) as excinfo:
        await manager.get_access_token()
    assert len(kc.presented) == 1
    assert_error_is_clean(excinfo.value)


# --------------------------------------------------------------------------- item 4: hooks


class Boom(Exception):
    pass


def failing_hooks() -> dict[str, Callable[[OAuth2Token], Any]]:
    def sync_raise(token: OAuth2Token) -> None:
        raise Boom(f"could not persist {token.refresh_token}")

    async def async_raise(token: OAuth2Token) -> None:
        await asyncio.sleep(0)
        raise OSError(f"disk full while writing {token.refresh_token}")

    def returns_failing_awaitable(token: OAuth2Token) -> Any:
        return async_raise(token)

    return {
        "sync-raise": sync_raise,
        "async-raise": async_raise,
        "awaitable-raise": returns_failing_awaitable,
    }


@pytest.mark.parametrize("name", list(failing_hooks()))
async def test_failing_on_token_refresh_does_not_lose_the_token(
    kc: StrictKeycloak,
    session: aiohttp.ClientSession,
    name: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="astravue_async")
    manager = TokenManager(
        kc.login(),
        refresher=refresher_for(session, kc.url),
        on_token_refresh=failing_hooks()[name],
    )
    token = await manager.get_access_token()
    assert token == manager.token.access_token != "AT-SECRET-initial"
    assert any("on_token_refresh" in r.getMessage() for r in caplog.records)
    assert_clean_logs(caplog)
    await assert_session_survives(kc, manager)


class FailingStore(MemoryTokenStore):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    async def save(self, token: OAuth2Token) -> None:
        raise self.error


@pytest.mark.parametrize(
    "error",
    [OSError("read-only file system"), PermissionError(13, "denied"), ValueError("RT-SECRET")],
)
async def test_failing_store_does_not_lose_the_token(
    kc: StrictKeycloak,
    session: aiohttp.ClientSession,
    error: Exception,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="astravue_async")
    manager = TokenManager(
        kc.login(), refresher=refresher_for(session, kc.url), store=FailingStore(error)
    )
    await manager.get_access_token()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and type(error).__name__ in warnings[0]
    assert_clean_logs(caplog)
    await assert_session_survives(kc, manager)


async def test_unusable_token_directory_refuses_to_refresh_and_keeps_the_session(
    kc: StrictKeycloak, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    # No lock file can be created where the token file lives (a read-only mount, a path
    # whose parent is a file): other processes could not be excluded, so refreshing could
    # present a rotated-away refresh token. The refresh is refused, clearly; nothing is spent.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    store = JSONFileTokenStore(blocker / "tokens.json")  # its parent is a file
    token = kc.login()
    manager = TokenManager(token, refresher=refresher_for(session, kc.url), store=store)
    with pytest.raises(TokenStoreError, match="refresh lock file"):
        await manager.refresh_after_unauthorized(token.access_token)
    assert kc.presented == [] and not kc.revoked
    assert manager.token.refresh_token == kc.newest_refresh


class HangingStore(MemoryTokenStore):
    """``save`` never finishes; ``stubborn`` also ignores cancellation until released."""

    def __init__(self, *, stubborn: bool = False) -> None:
        super().__init__()
        self.stubborn = stubborn
        self.release = asyncio.Event()
        self.calls = 0
        self.finished = 0

    async def save(self, token: OAuth2Token) -> None:
        self.calls += 1
        while True:
            try:
                await self.release.wait()
                break
            except asyncio.CancelledError:
                if not self.stubborn:
                    raise
        self.finished += 1


@pytest.mark.parametrize("stubborn", [False, True], ids=["cancellable", "ignores-cancel"])
async def test_hanging_store_is_bounded_and_does_not_lose_the_token(
    kc: StrictKeycloak,
    session: aiohttp.ClientSession,
    stubborn: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="astravue_async")
    store = HangingStore(stubborn=stubborn)
    manager = TokenManager(
        kc.login(), refresher=refresher_for(session, kc.url), store=store, persist_timeout=0.2
    )
    started = time.monotonic()
    token = await manager.get_access_token()
    assert time.monotonic() - started < 3.0  # about persist_timeout, not forever
    assert token == manager.token.access_token != "AT-SECRET-initial"
    assert any("did not finish within 0.2 s" in r.getMessage() for r in caplog.records)
    await assert_session_survives(kc, manager)
    assert store.calls == 2
    store.release.set()
    # The abandoned saves end (cancelled, or released) and leave nothing behind.
    assert await eventually(lambda: not manager._abandoned)
    assert store.finished == (2 if stubborn else 0)


async def test_hanging_async_callback_is_bounded(
    kc: StrictKeycloak, session: aiohttp.ClientSession
) -> None:
    never = asyncio.Event()

    async def hang(token: OAuth2Token) -> None:
        await never.wait()

    manager = TokenManager(
        kc.login(),
        refresher=refresher_for(session, kc.url),
        on_token_refresh=hang,
        persist_timeout=0.2,
    )
    started = time.monotonic()
    await manager.get_access_token()
    assert time.monotonic() - started < 3.0
    await assert_session_survives(kc, manager)
    assert await eventually(lambda: not manager._abandoned)
