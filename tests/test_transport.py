"""Tests for the transport core, through AstravueClient, against a real local aiohttp server.

Every test talks HTTP to :class:`_server.ScriptedServer` on 127.0.0.1. Waits between
retries go through an injected fake sleep (``client._transport._sleep``), so nothing here
waits for a backoff; the only real waits are a few sub-second timeouts.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import logging
import platform
import re
import socket
import threading
import traceback
import warnings
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from _server import Reply, ScriptedServer, envelope, running_server
from aiohttp import web

from astravue_async import (
    APIConnectionError,
    APITimeoutError,
    AstravueClient,
    AstravueError,
    AuthenticationError,
    BadRequestError,
    FieldError,
    InternalServerError,
    NotFoundError,
    OAuth2Token,
    RateLimitError,
    ResponseDecodeError,
    __version__,
    exchange_code,
)
from astravue_async._descriptors import Operation, Parameter
from astravue_async._generated import operations as ops
from astravue_async._ratelimit import LocalRateLimiter
from astravue_async._transport import DEFAULT_TIMEOUT, check_base_url
from astravue_async.auth import utcnow

ORG_ID = 42
CLIENT_ID = "astravue-cli"
TASK = {"taskId": 1, "taskTitle": "Write tests"}
CEST = timezone(timedelta(hours=2))

# The API's ids are ints; this descriptor has a str path parameter to show that path values
# reach the server percent-encoded, exactly once.
THING = Operation(
    operation_id="get_thing",
    method="GET",
    path="/things/{thingId}/parts/{partId}",
    tag="Test",
    summary="",
    doc_url="",
    seed=False,
    idempotent=True,
    parameters=(
        Parameter("thingId", "thing_id", "path", str, required=True),
        Parameter("partId", "part_id", "path", int, required=True),
    ),
    response=Any,
)


class FakeSleep:
    """Records requested delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


@pytest.fixture
async def server() -> AsyncIterator[ScriptedServer]:
    async with running_server() as srv:
        yield srv


@pytest.fixture
def sleeps() -> FakeSleep:
    return FakeSleep()


def make_client(server: ScriptedServer, sleep: FakeSleep | None = None, **kwargs: Any) -> Any:
    if "token" not in kwargs:
        kwargs.setdefault("access_token", "static-access-token")
    kwargs.setdefault("base_url", server.url)
    kwargs.setdefault("token_url", server.token_url)
    client = AstravueClient(org_id=kwargs.pop("org_id", ORG_ID), **kwargs)
    client._transport._sleep = sleep or FakeSleep()
    return client


def expired_token(server: ScriptedServer) -> Any:
    return OAuth2Token(
        access_token="expired-access-token",
        refresh_token=server.issue_refresh_token(),
        expires_at=utcnow() - timedelta(minutes=5),
    )


def fresh_token(server: ScriptedServer, access_token: str) -> Any:
    return OAuth2Token(
        access_token=access_token,
        refresh_token=server.issue_refresh_token(),
        expires_at=utcnow() + timedelta(minutes=30),
    )


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A port on 127.0.0.1 that is bound but not listening: connecting is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]
    finally:
        sock.close()


def request_counter() -> tuple[aiohttp.TraceConfig, list[str]]:
    """A trace config that records every request attempt the session starts."""
    started: list[str] = []

    async def on_request_start(
        _session: aiohttp.ClientSession, _ctx: SimpleNamespace, params: Any
    ) -> None:
        started.append(params.method)

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_request_start)
    return trace, started


# --------------------------------------------------------------------------- auth


async def test_200_concurrent_requests_with_expired_token_share_one_refresh(
    server: ScriptedServer,
) -> None:
    server.enforce_auth = True  # any request with the old token would get a 401 (and show up)
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    token = expired_token(server)
    async with make_client(server, token=token, client_id=CLIENT_ID) as client:
        results = await asyncio.gather(*(client.tasks.get(1) for _ in range(200)))
        new_access = client.token.access_token
    assert len(results) == 200
    assert all(task.task_id == 1 for task in results)
    assert server.grants == 1
    assert server.token_requests[0]["grant_type"] == "refresh_token"
    assert server.token_requests[0]["refresh_token"] == token.refresh_token
    assert server.token_requests[0]["client_id"] == CLIENT_ID
    assert new_access != token.access_token
    assert new_access in server.valid_access
    assert len(server.requests) == 200
    assert {r.bearer for r in server.requests} == {new_access}


async def test_401_on_revoked_token_refreshes_once_and_replays(server: ScriptedServer) -> None:
    server.enforce_auth = True
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    old = server.issue_access_token()
    token = fresh_token(server, old)
    server.revoke_access_tokens()
    async with make_client(server, token=token, client_id=CLIENT_ID) as client:
        task = await client.tasks.get(1)
        new = client.token.access_token
    assert task.task_id == 1
    assert server.grants == 1
    assert [r.bearer for r in server.requests] == [old, new]
    assert new != old


async def test_second_401_after_refresh_is_final(server: ScriptedServer, sleeps: FakeSleep) -> None:
    server.script("GET", "/tasks/1", Reply.error(401, "revoked"), Reply.error(401, "revoked"))
    server.default("GET", "/tasks/1", Reply.ok(TASK))  # a loop would eventually succeed here
    token = fresh_token(server, "first-access")
    async with make_client(
        server, sleeps, token=token, client_id=CLIENT_ID, max_retries=3
    ) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.tasks.get(1)
        second = client.token.access_token
    assert info.value.status == 401
    assert len(server.requests) == 2
    assert [r.bearer for r in server.requests] == ["first-access", second]
    assert server.grants == 1
    assert sleeps.delays == []


async def test_concurrent_401s_share_one_refresh(server: ScriptedServer) -> None:
    server.enforce_auth = True
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    old = server.issue_access_token()
    token = fresh_token(server, old)
    server.revoke_access_tokens()
    async with make_client(server, token=token, client_id=CLIENT_ID) as client:
        await asyncio.gather(*(client.tasks.get(1) for _ in range(50)))
        new = client.token.access_token
    assert server.grants == 1
    assert Counter(r.bearer for r in server.requests) == {old: 50, new: 50}


async def test_401_without_refresh_possibility_is_final(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/1", Reply.error(401, "expired"))
    async with make_client(server) as client:
        with pytest.raises(AuthenticationError, match="cannot be refreshed"):
            await client.tasks.get(1)
    assert len(server.requests) == 1
    assert server.grants == 0


# --------------------------------------------------------------------------- retries


async def test_429_with_short_retry_after_waits_exactly_that_long(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    server.script("GET", "/tasks/1", Reply.error(429, "slow down", headers={"Retry-After": "2"}))
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with make_client(server, sleeps) as client:
        task = await client.tasks.get(1)
    assert task.task_id == 1
    assert sleeps.delays == [2.0]
    assert len(server.requests) == 2


async def test_429_with_long_retry_after_raises_at_once(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    server.default("GET", "/tasks/1", Reply.error(429, "later", headers={"Retry-After": "3600"}))
    async with make_client(server, sleeps) as client:
        with pytest.raises(RateLimitError) as info:
            await client.tasks.get(1)
    assert info.value.retry_after == 3600
    assert info.value.status == 429
    assert sleeps.delays == []
    assert len(server.requests) == 1


async def test_post_answered_503_is_not_retried(server: ScriptedServer, sleeps: FakeSleep) -> None:
    server.script("POST", "/spaces", Reply.error(503, "unavailable"))
    server.default("POST", "/spaces", Reply.ok({"spaceId": 9}))
    async with make_client(server, sleeps) as client:
        with pytest.raises(InternalServerError) as info:
            await client.spaces.create(space_name="Ops")
    assert info.value.status == 503
    assert len(server.seen("POST", "/spaces")) == 1
    assert sleeps.delays == []


async def test_get_answered_503_twice_succeeds_on_third_attempt(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    server.script("GET", "/tasks/1", Reply.error(503), Reply.error(503), Reply.ok(TASK))
    async with make_client(server, sleeps) as client:
        task = await client.tasks.get(1)
    assert task.task_id == 1
    assert len(server.seen("GET", "/tasks/1")) == 3
    assert len(sleeps.delays) == 2
    assert all(0 < d <= 8.0 for d in sleeps.delays)


async def test_get_keeps_failing_503_gives_up_after_max_retries(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    server.default("GET", "/tasks/1", Reply.error(503))
    async with make_client(server, sleeps, max_retries=2) as client:
        with pytest.raises(InternalServerError):
            await client.tasks.get(1)
    assert len(server.requests) == 3
    assert len(sleeps.delays) == 2


async def _partial_then_close(request: web.Request) -> web.StreamResponse:
    """Start a 1000-byte JSON response, send 14 bytes, then drop the connection."""
    response = web.StreamResponse(headers={"Content-Type": "application/json"})
    response.content_length = 1000
    await response.prepare(request)
    await response.write(b'{"success": tr')
    assert request.transport is not None
    request.transport.close()
    return response


async def _close_without_response(request: web.Request) -> web.StreamResponse:
    assert request.transport is not None
    request.transport.close()
    return web.Response(status=200)


async def _malformed_response(request: web.Request) -> web.StreamResponse:
    """Answer with bytes that are not valid HTTP (what a broken proxy might send)."""
    assert request.transport is not None
    request.transport.write(b"HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\n")
    request.transport.close()
    return web.Response(status=200)


async def test_get_with_connection_dropped_mid_response_is_retried(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    server.script("GET", "/tasks/1", _partial_then_close)
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with make_client(server, sleeps) as client:
        task = await client.tasks.get(1)
    assert task.task_id == 1
    assert len(server.requests) == 2
    assert len(sleeps.delays) == 1


async def test_get_with_connection_closed_before_response_is_retried(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    # aiohttp itself repeats an idempotent request once after a disconnect; two in a row
    # reach the SDK's retry loop.
    server.script("GET", "/tasks/1", _close_without_response, _close_without_response)
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with make_client(server, sleeps) as client:
        task = await client.tasks.get(1)
    assert task.task_id == 1
    assert len(server.requests) == 3
    assert 1 <= len(sleeps.delays) <= 2


async def test_post_with_connection_dropped_is_not_retried(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    server.script("POST", "/spaces", _close_without_response)
    server.default("POST", "/spaces", Reply.ok({"spaceId": 9}))
    async with make_client(server, sleeps) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.spaces.create(space_name="Ops")
    assert info.value.request_sent is True
    assert len(server.seen("POST", "/spaces")) == 1
    assert sleeps.delays == []


async def test_invalid_http_response_is_retried_and_not_chained(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    server.script("GET", "/tasks/1", _malformed_response)
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    server.default("GET", "/tasks/2", _malformed_response)
    async with make_client(server, sleeps) as client:
        assert (await client.tasks.get(1)).task_id == 1
        assert len(sleeps.delays) == 1
        with pytest.raises(APIConnectionError) as info:
            await client.with_options(max_retries=0).tasks.get(2)
    # aiohttp's ClientResponseError carries the request headers (the bearer token): the SDK
    # error must not keep it as __cause__ or __context__.
    assert info.value.__cause__ is None
    assert info.value.__context__ is None
    # What was wrong, in aiohttp's words, not only its exception's name.
    assert "could not be read" in str(info.value)
    assert "Invalid character in Content-Length" in str(info.value)
    assert not str(info.value).endswith("^")  # aiohttp's caret line means nothing on one line
    assert len(server.requests) == 3


async def test_post_to_refused_port_is_retried_then_connection_error(sleeps: FakeSleep) -> None:
    trace, started = request_counter()
    with refused_port() as port:
        async with aiohttp.ClientSession(trace_configs=[trace]) as session:
            client = AstravueClient(
                org_id=ORG_ID,
                access_token="static",
                base_url=f"http://127.0.0.1:{port}/v1",
                session=session,
                max_retries=2,
            )
            client._transport._sleep = sleeps
            async with client:
                with pytest.raises(APIConnectionError) as info:
                    await client.spaces.create(space_name="Ops")
    assert not isinstance(info.value, APITimeoutError)
    assert info.value.request_sent is False
    assert (info.value.method, info.value.path) == ("POST", "/spaces")
    assert "could not connect" in str(info.value)
    assert started == ["POST"] * 3  # max_retries + 1 attempts
    assert len(sleeps.delays) == 2


# --------------------------------------------------------------------------- decoding


async def test_html_502_is_decode_and_server_error(server: ScriptedServer) -> None:
    page = "<html><body><h1>502 Bad Gateway</h1>" + "p" * 164 + "Q" * 500 + "</body></html>"
    server.default("GET", "/tasks/1", Reply(status=502, text=page, content_type="text/html"))
    async with make_client(server, max_retries=0) as client:
        with pytest.raises(ResponseDecodeError) as info:
            await client.tasks.get(1)
    exc = info.value
    assert isinstance(exc, InternalServerError)
    assert exc.status == 502
    text = str(exc)
    assert "502" in text
    assert page[:200] in text
    assert "Q" not in text  # nothing past the first 200 characters of the body
    assert len(server.requests) == 1


async def test_success_false_in_200_is_not_found(server: ScriptedServer) -> None:
    server.default(
        "GET", "/tasks/1", Reply(json={"success": False, "code": 404, "message": "nope"})
    )
    async with make_client(server) as client:
        with pytest.raises(NotFoundError, match="nope") as info:
            await client.tasks.get(1)
    assert info.value.status == 404
    assert len(server.requests) == 1


async def test_200_that_is_not_the_envelope_is_a_decode_error(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/1", Reply(json=TASK))
    async with make_client(server) as client:
        with pytest.raises(ResponseDecodeError, match="envelope"):
            await client.tasks.get(1)


async def test_400_field_errors_are_exposed(server: ScriptedServer) -> None:
    errors = [{"field": "taskTitle", "message": "must not be blank", "rejectedValue": " "}]
    server.default("POST", "/tasks", Reply.error(400, "Validation failed", errors))
    async with make_client(server) as client:
        with pytest.raises(BadRequestError) as info:
            await client.tasks.create(task_title=" ")
    assert info.value.field_errors == (
        FieldError(field="taskTitle", message="must not be blank", rejected_value=" "),
    )
    assert "taskTitle: must not be blank" in str(info.value)


# --------------------------------------------------------------------------- request shape


@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_request_headers(server: ScriptedServer, callers_session: bool) -> None:
    # The SDK's own session sends User-Agent and Accept as its defaults; a caller's session,
    # whose defaults are the caller's, gets them with each request.
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with (
        aiohttp.ClientSession(headers={"Accept": "text/html"})
        if callers_session
        else contextlib.nullcontext() as session,
        make_client(server, session=session) as client,
    ):
        await client.tasks.get(1)
        await client.with_options(org_id=7).tasks.get(1)
    first, second = server.requests
    assert first.headers["Authorization"] == "Bearer static-access-token"
    assert first.headers["X-Org-Id"] == str(ORG_ID)
    assert second.headers["X-Org-Id"] == "7"
    assert first.headers["Accept"] == "application/json"
    user_agent = first.headers["User-Agent"]
    assert re.fullmatch(r"astravue-async/\S+ python/\S+ aiohttp/\S+", user_agent)
    assert user_agent == (
        f"astravue-async/{__version__} python/{platform.python_version()} "
        f"aiohttp/{aiohttp.__version__}"
    )
    assert "Content-Type" not in first.headers
    assert first.body == b""


async def test_query_booleans_datetimes_and_none(server: ScriptedServer) -> None:
    page = {"content": [], "last": True}
    server.default("GET", "/notifications", Reply.ok(page))
    server.default("GET", "/tasks", Reply.ok(page))
    async with make_client(server) as client:
        await client.notifications.list(unread_only=True)
        await client.notifications.list(unread_only=False)
        await client.tasks.list(
            due_date_from=datetime(2024, 5, 1, 14, 30, tzinfo=CEST),
            due_date_to=None,
            status=None,
            search="a&b=c d",
            owner_id=7,
        )
    yes, no, tasks = server.requests
    assert dict(yes.query)["unreadOnly"] == "true"
    assert dict(no.query)["unreadOnly"] == "false"
    query = dict(tasks.query)
    assert query["dueDateFrom"] == "2024-05-01T12:30:00Z"
    assert query["search"] == "a&b=c d"  # encoded on the wire, decoded intact by the server
    assert query["ownerId"] == "7"
    assert query["page"] == "0"
    assert "dueDateTo" not in query
    assert "status" not in query
    assert len(tasks.query) == len(query)  # no repeated parameters


async def test_path_parameters_reach_the_server_percent_encoded(server: ScriptedServer) -> None:
    async with make_client(server) as client:
        with pytest.raises(NotFoundError):  # nothing scripted; only the path matters
            await client._transport.call(THING, {"thing_id": "a/b c?#%", "part_id": 2})
    (seen,) = server.requests
    assert seen.raw_path == "/things/a%2Fb%20c%3F%23%25/parts/2"
    assert seen.query == []


async def test_json_body_uses_wire_names_without_nulls(server: ScriptedServer) -> None:
    server.default("POST", "/tasks", Reply.ok(TASK))
    server.default("PUT", "/spaces/3", Reply.ok({"spaceId": 3, "spaceName": "s"}))
    async with make_client(server) as client:
        await client.tasks.create(
            task_title="Write tests",
            owners=[1, 2],
            due_date=datetime(2024, 5, 1, 14, 30, tzinfo=CEST),
        )
        await client.spaces.update(3, is_private=False)
    create, update = server.requests
    assert create.headers["Content-Type"] == "application/json"
    assert create.json == {
        "taskTitle": "Write tests",
        "owners": [1, 2],
        "dueDate": "2024-05-01T12:30:00Z",
    }
    assert b"null" not in create.body
    assert update.json == {"isPrivate": False}


# --------------------------------------------------------------------------- timeouts


async def test_per_call_timeout_bounds_the_whole_call(
    server: ScriptedServer, sleeps: FakeSleep
) -> None:
    # The timeout is the call's deadline, not each attempt's: a retry that could not finish
    # before it is not started, so the caller waits about `timeout`, not (retries+1) times it.
    server.default("GET", "/tasks/1", Reply.ok(TASK, delay=2.0))
    async with make_client(server, sleeps) as client:
        quick = client.with_options(timeout=0.2, max_retries=1)
        with pytest.raises(APITimeoutError) as info:
            await quick.tasks.get(1)
        assert client._options.timeout == DEFAULT_TIMEOUT  # the parent is unchanged
    assert info.value.request_sent is True
    assert "within its timeout of 0.2 s" in str(info.value)
    assert "waiting for the API to answer" in str(info.value)
    assert info.value.__context__ is None or info.value.__suppress_context__
    assert len(server.requests) == 1


async def test_a_timed_out_call_leaves_its_task_free_to_go_on(server: ScriptedServer) -> None:
    # The deadline cancels the call's task; that cancellation must be withdrawn once it has
    # become the APITimeoutError, or the caller's next await would be cancelled too.
    server.script("GET", "/tasks/1", Reply.ok(TASK, delay=2.0))
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with make_client(server, max_retries=0) as client:
        with pytest.raises(APITimeoutError):
            await client.with_options(timeout=0.1).tasks.get(1)
        current = asyncio.current_task()
        assert current is not None and current.cancelling() == 0
        assert (await client.tasks.get(1)).task_id == 1


async def test_cancelling_a_call_is_not_reported_as_its_timeout(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK, delay=2.0))
    async with make_client(server) as client:
        call = asyncio.create_task(client.with_options(timeout=30).tasks.get(1))
        for _ in range(5):
            await asyncio.sleep(0)  # under way: its deadline is armed, its request started
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call


# --------------------------------------------------------------------------- per-call path


async def test_every_request_sent_is_one_attempt_401_replays_and_retries_included(
    server: ScriptedServer, sleeps: FakeSleep, caplog: pytest.LogCaptureFixture
) -> None:
    # _attempt() is the one place each physical request goes through (what #18's per-request
    # records and hooks rely on), and a replay after a 401 counts as a request of its own.
    server.script("GET", "/tasks/1", Reply.error(401, "revoked"), Reply.error(503, "busy"))
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    token = fresh_token(server, "first-access")
    numbers: list[tuple[int, int | None]] = []
    async with make_client(server, sleeps, token=token, client_id=CLIENT_ID) as client:
        transport = client._transport
        original = transport._attempt

        async def recording(call: Any, access_token: str) -> Any:
            try:
                return await original(call, access_token)
            finally:
                numbers.append((call.attempts, call.status))

        transport._attempt = recording  # type: ignore[method-assign]
        with caplog.at_level(logging.DEBUG, logger="astravue_async"):
            task = await client.tasks.get(1)
    assert task.task_id == 1
    assert len(server.requests) == 3
    assert numbers == [(1, 401), (2, 503), (3, 200)]
    logged = [r.getMessage() for r in caplog.records if "-> " in r.getMessage()]
    assert [line.rsplit("(", 1)[1] for line in logged] == [
        "attempt 1)",
        "attempt 2)",
        "attempt 3)",
    ]
    assert sleeps.delays and len(sleeps.delays) == 1  # one backoff: before the third request


async def test_bad_arguments_fail_when_the_call_is_made_before_any_coroutine(
    server: ScriptedServer,
) -> None:
    async with make_client(server) as client:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no "coroutine was never awaited" either
            with pytest.raises(TypeError, match="task_id must be an int"):
                client._transport.call(ops.GET_TASK, {"task_id": "1"})
            with pytest.raises(ValueError, match="outside the 64-bit integer range"):
                client._transport.call(ops.GET_TASK, {"task_id": 2**63})
    assert server.requests == []


async def test_without_max_concurrency_or_rate_limit_nothing_is_waited_for(
    server: ScriptedServer,
) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    session = aiohttp.ClientSession()
    try:
        # A caller-supplied session brings no connection slots of the client's own.
        async with make_client(server, session=session) as client:
            assert (await client.tasks.get(1)).task_id == 1
            assert client._transport._semaphore is None
            assert client._transport._rate_limiter is None
    finally:
        await session.close()


# --------------------------------------------------------------------------- lifecycle


async def test_async_with_closes_the_session(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with make_client(server) as client:
        await client.tasks.get(1)
        session = client._transport._session
        assert session is not None and not session.closed
    assert session.closed
    assert client._transport.closed
    with pytest.raises(RuntimeError, match="closed"):
        await client.tasks.get(1)
    await client.aclose()  # idempotent
    assert len(server.requests) == 1


async def test_caller_session_is_used_and_left_open(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with aiohttp.ClientSession(headers={"X-Probe": "caller-session"}) as session:
        client = make_client(server, session=session)
        await client.tasks.get(1)
        await client.aclose()
        assert not session.closed
        assert client._transport.closed
        async with session.get(server.url + "/tasks/1") as response:  # still usable
            assert response.status == 200
    (seen, _) = server.requests
    assert seen.headers["X-Probe"] == "caller-session"
    assert seen.headers["Authorization"] == "Bearer static-access-token"


async def test_unclosed_client_warns_when_garbage_collected(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    client = make_client(server)
    await client.tasks.get(1)
    session = client._transport._session
    assert session is not None
    try:
        with pytest.warns(ResourceWarning, match="garbage collected"):
            del client
            gc.collect()
    finally:
        await session.close()


async def test_closed_or_unused_clients_do_not_warn(server: ScriptedServer) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    closed = make_client(server)
    await closed.tasks.get(1)
    await closed.aclose()
    unused = make_client(server)
    gc.collect()  # unrelated garbage first
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del closed, unused
        gc.collect()
    ours = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert [str(w.message) for w in ours] == []


async def test_using_a_client_from_a_second_event_loop_is_refused(
    server: ScriptedServer,
) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with make_client(server) as client:
        await client.tasks.get(1)

        def in_other_loop() -> Any:
            return asyncio.run(client.tasks.get(1))

        with pytest.raises(RuntimeError, match="bound to the event loop"):
            await asyncio.to_thread(in_other_loop)
        await client.tasks.get(1)  # still fine in its own loop
    assert len(server.requests) == 2


async def test_a_second_loop_is_refused_while_the_bound_one_is_mid_step(
    server: ScriptedServer,
) -> None:
    # The bound loop has a task running (blocked inside one step) when another thread's
    # loop uses the client: asyncio.current_task(bound loop) is that task, seen from the
    # other thread too, so proving "we run in the bound loop" must also check the thread.
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    async with make_client(server) as client:
        await client.tasks.get(1)
        outcome: list[BaseException | None] = []

        def in_other_loop() -> None:
            try:
                asyncio.run(client.tasks.get(1))
                outcome.append(None)
            except BaseException as exc:  # reported to the test below
                outcome.append(exc)

        other = threading.Thread(target=in_other_loop)
        other.start()
        other.join(timeout=10)  # blocks this loop's current step on purpose
        assert len(outcome) == 1
        assert isinstance(outcome[0], RuntimeError)
        assert "bound to the event loop" in str(outcome[0])
        await client.tasks.get(1)
    assert len(server.requests) == 2


class _Blocked:
    """An awaitable wait that never ends by itself; ``reached`` is set once it is awaited."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()

    async def wait(self, *_args: Any) -> None:
        self.reached.set()
        await asyncio.Event().wait()


class _BlockedLimiter:
    def __init__(self, blocked: _Blocked) -> None:
        self._blocked = blocked

    async def acquire(self) -> None:
        await self._blocked.wait()


@pytest.mark.parametrize("closer", ["aclose", "begin_close"])
@pytest.mark.parametrize("wait", ["backoff", "token refresh", "rate limit", "connection slot"])
async def test_closing_ends_a_call_waiting_at_once_with_api_connection_error(
    server: ScriptedServer, wait: str, closer: str
) -> None:
    blocked = _Blocked()
    release = asyncio.Event()
    arrived = asyncio.Event()

    async def held(_request: web.Request) -> web.StreamResponse:
        arrived.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(release.wait(), 30)
        return web.json_response(envelope(TASK))

    kwargs: dict[str, Any] = {"timeout": 3600, "max_retries": 3}
    if wait == "backoff":
        server.default("GET", "/tasks/1", Reply.error(503, "busy", headers={"Retry-After": "5"}))
    else:
        server.default("GET", "/tasks/1", held if wait == "connection slot" else Reply.ok(TASK))
    if wait == "token refresh":
        kwargs.update(token=expired_token(server), client_id=CLIENT_ID)
    elif wait == "rate limit":
        kwargs["rate_limit"] = _BlockedLimiter(blocked)
    elif wait == "connection slot":
        kwargs["max_concurrency"] = 1
    client = make_client(server, **kwargs)
    if wait == "backoff":
        client._transport._sleep = blocked.wait
    elif wait == "token refresh":
        client._transport.tokens.get_access_token = blocked.wait
    try:
        if wait == "connection slot":
            first = asyncio.create_task(client.tasks.get(1))
            await asyncio.wait_for(arrived.wait(), 10)
            call = asyncio.create_task(client.tasks.get(1))
            await asyncio.sleep(0)  # its first step ends queued for the slot
            assert client._transport._waiting
        else:
            call = asyncio.create_task(client.tasks.get(1))
            await asyncio.wait_for(blocked.reached.wait(), 10)
        if closer == "aclose":
            await client.aclose()
        else:
            client._transport.begin_close()
        # A guard against a hang, not a timing assertion: the wait itself would never end.
        with pytest.raises(APIConnectionError, match="closed while this call was waiting") as err:
            await asyncio.wait_for(call, 10)
        assert err.value.request_sent is (wait == "backoff")  # the 503 attempt was sent
        assert not client._transport._waiting
        if wait == "connection slot":
            release.set()
            with contextlib.suppress(APIConnectionError):
                await asyncio.wait_for(first, 10)
    finally:
        release.set()
        await client.aclose()
    assert len(server.requests) == (1 if wait in ("backoff", "connection slot") else 0)


async def test_a_call_cancelled_from_outside_while_waiting_is_still_cancelled(
    server: ScriptedServer,
) -> None:
    blocked = _Blocked()
    server.default("GET", "/tasks/1", Reply.error(503, "busy"))
    async with make_client(server, max_retries=3) as client:
        client._transport._sleep = blocked.wait
        call = asyncio.create_task(client.tasks.get(1))
        await asyncio.wait_for(blocked.reached.wait(), 10)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        assert not client._transport._waiting
        server.default("GET", "/tasks/1", Reply.ok(TASK))
        assert (await client.tasks.get(1)).task_id == 1  # the client is not closed by it


async def test_a_call_begun_after_aclose_is_refused_as_closed_even_without_a_token(
    server: ScriptedServer,
) -> None:
    client = make_client(server, token=expired_token(server), client_id=CLIENT_ID)
    await client.aclose()
    with pytest.raises(RuntimeError, match="has been closed"):
        await client.tasks.get(1)
    assert server.token_requests == [] and server.requests == []


def test_a_client_closed_in_one_asyncio_run_says_closed_in_the_next() -> None:
    client = AstravueClient(org_id=ORG_ID, access_token="t", base_url="http://127.0.0.1:9")

    async def first() -> None:
        async with client:
            client._transport._bind_loop()  # used in this loop, as a first call would

    asyncio.run(first())
    with pytest.raises(RuntimeError, match="has been closed"):
        asyncio.run(client.tasks.get(1))


# --------------------------------------------------------------------------- limits


async def test_max_concurrency_caps_requests_in_flight(server: ScriptedServer) -> None:
    enough = asyncio.Event()

    async def slow(_request: web.Request) -> web.StreamResponse:
        # Hold each request until three overlap (or a generous timeout), so an unlimited
        # client would pile up all 20 here and a limit of 3 is reached deterministically.
        if server.in_flight >= 3:
            enough.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(enough.wait(), 2.0)
        await asyncio.sleep(0.005)
        return web.json_response(envelope(TASK))

    server.default("GET", "/tasks/1", slow)
    async with make_client(server, max_concurrency=3) as client:
        results = await asyncio.gather(*(client.tasks.get(1) for _ in range(20)))
    assert len(results) == 20
    assert len(server.requests) == 20
    assert server.max_in_flight == 3


@pytest.mark.parametrize("how", ["requests_per_second", "rate_limit"])
async def test_requests_per_second_spaces_request_starts(server: ScriptedServer, how: str) -> None:
    server.default("GET", "/tasks/1", Reply.ok(TASK))
    now = [1000.0]
    delays: list[float] = []

    async def virtual_sleep(delay: float) -> None:
        delays.append(delay)
        now[0] += delay

    starts: list[float] = []

    async def on_request_start(*_args: Any) -> None:
        starts.append(now[0])

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_request_start)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        if how == "rate_limit":
            limiter = LocalRateLimiter(2, clock=lambda: now[0], sleep=virtual_sleep)
            client = make_client(server, session=session, rate_limit=limiter)
        else:
            client = make_client(server, session=session, requests_per_second=2)
            limiter = client._transport._rate_limiter
            assert isinstance(limiter, LocalRateLimiter)
            assert (limiter.amount, limiter.window) == (1, 0.5)
            limiter._clock = lambda: now[0]
            limiter._sleep = virtual_sleep
        async with client:
            await asyncio.gather(*(client.tasks.get(1) for _ in range(5)))
    assert len(server.requests) == 5
    assert len(delays) == 4
    assert sorted(starts) == starts
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert all(gap >= 0.5 - 1e-9 for gap in gaps), gaps
    assert starts[-1] - starts[0] == pytest.approx(2.0)


# --------------------------------------------------------------------------- redaction

SECRET_ACCESS = "SECRET-ACCESS-7f3a9c41"
SECRET_REFRESH = "SECRET-REFRESH-51d2e8b0"
SECRET_CLIENT = "SECRET-CLIENT-b4c6a0f2"
SECRET_CODE = "SECRET-CODE-e9f1d7c3"


def _exception_texts(exc: BaseException) -> Iterator[str]:
    yield "".join(traceback.format_exception(exc))
    pending: list[BaseException | None] = [exc]
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield str(current)
        yield repr(current)
        yield repr(current.args)
        if isinstance(current, AstravueError):
            yield repr(vars(current))  # body, headers, message, field errors ...
        pending += [current.__cause__, current.__context__]


async def test_secrets_never_reach_logs_exceptions_or_reprs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="astravue_async")
    raised: list[BaseException] = []
    reprs: list[str] = []

    async def expect_failure(call: Callable[[], Awaitable[Any]]) -> BaseException:
        with pytest.raises(AstravueError) as info:
            await call()
        raised.append(info.value)
        return info.value

    async with running_server(token_prefix="SECRET-ISSUED", echo_rejected_refresh=True) as server:
        # Authorization-code exchange, then a replay of the spent code (the server's error
        # description quotes the code back; the SDK must scrub it).
        server.valid_codes.add(SECRET_CODE)
        async with aiohttp.ClientSession() as session:

            def exchange() -> Awaitable[OAuth2Token]:
                return exchange_code(
                    session,
                    code=SECRET_CODE,
                    redirect_uri="http://127.0.0.1:8765/callback",
                    client_id=CLIENT_ID,
                    client_secret=SECRET_CLIENT,
                    token_url=server.token_url,
                )

            exchanged = await exchange()
            reprs += [repr(exchanged), str(exchanged)]
            replay = await expect_failure(exchange)
            assert "<redacted>" in str(replay)

        server.enforce_auth = True
        server.valid_refresh.add(SECRET_REFRESH)
        server.script("GET", "/tasks/1", Reply.error(503), Reply.error(503))
        server.default("GET", "/tasks/1", Reply.ok(TASK))
        server.default("GET", "/tasks/2", Reply(text="<html>down</html>", content_type="text/html"))
        server.default("POST", "/spaces", Reply.error(503))
        token = OAuth2Token(
            access_token=SECRET_ACCESS,
            refresh_token=SECRET_REFRESH,
            expires_at=utcnow() - timedelta(minutes=1),
        )
        client = make_client(server, token=token, client_id=CLIENT_ID, client_secret=SECRET_CLIENT)
        async with client:
            await client.tasks.get(1)  # proactive refresh, then 503, 503, 200
            server.revoke_access_tokens()
            await client.tasks.get(1)  # 401 -> refresh -> replay
            await expect_failure(lambda: client.tasks.get(2))  # decode error
            await expect_failure(lambda: client.spaces.create(space_name="x"))  # 503 POST
            once = client.with_options(max_retries=0)
            await expect_failure(lambda: once.tasks.get(3))  # 404: nothing scripted
            server.default("GET", "/tasks/4", _malformed_response)
            broken = await expect_failure(lambda: once.tasks.get(4))  # invalid HTTP response
            assert isinstance(broken, APIConnectionError)
            server.default("GET", "/tasks/5", _partial_then_close)
            await expect_failure(lambda: once.tasks.get(5))  # connection dropped mid-body
            server.default("GET", "/tasks/6", Reply.ok(TASK, delay=2.0))
            slow = client.with_options(timeout=0.1, max_retries=0)
            await expect_failure(lambda: slow.tasks.get(6))  # timeout
            server.valid_refresh.clear()
            server.revoke_access_tokens()
            rejected = await expect_failure(lambda: client.tasks.get(1))  # failed refresh
            assert isinstance(rejected, AuthenticationError)
            assert "<redacted>" in str(rejected)  # the echoed refresh token was scrubbed
            grants = server.grants
            await expect_failure(lambda: client.tasks.get(1))  # stored failure, re-raised
            assert server.grants == grants
            reprs += [
                repr(client),
                str(client),
                repr(client.token),
                str(client.token),
                repr(client._transport.tokens),
                repr(vars(client._transport.tokens)),
                repr(vars(client._transport)),
                repr(vars(client)),
            ]

        with refused_port() as port:
            offline = AstravueClient(
                org_id=ORG_ID,
                access_token=SECRET_ACCESS,
                base_url=f"http://127.0.0.1:{port}/v1",
                max_retries=1,
            )
            offline._transport._sleep = FakeSleep()
            async with offline:
                await expect_failure(lambda: offline.tasks.get(1))
            reprs += [repr(offline), repr(vars(offline._transport))]
        secrets = [SECRET_ACCESS, SECRET_REFRESH, SECRET_CLIENT, SECRET_CODE, *server.issued]
        # code, replayed code, proactive refresh, refresh after 401, rejected refresh
        assert server.grants == 5

    # The flows really ran at DEBUG and produced the records we are checking.
    messages = [r.getMessage() for r in caplog.records]
    assert any("-> 503" in m for m in messages)
    assert any(m.startswith("Retrying GET") for m in messages)
    assert any("refreshed access token" in m for m in messages)
    assert any("token refresh was rejected" in m for m in messages)
    assert len(raised) == 10

    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    texts = [formatter.format(r) + repr(r.args) for r in caplog.records]
    texts += [text for exc in raised for text in _exception_texts(exc)]
    texts += reprs
    for secret in secrets:
        leaks = [text for text in texts if secret in text]
        assert not leaks, f"{secret!r} leaked into {leaks[0]!r}"


# --------------------------------------------------------------------------- base URL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.astravue.com/v1", "https://api.astravue.com/v1"),
        ("https://api.astravue.com/v1/", "https://api.astravue.com/v1"),
        ("http://localhost:8080/v1", "http://localhost:8080/v1"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
        ("http://[::1]:9000/v1", "http://[::1]:9000/v1"),
    ],
)
def test_check_base_url_accepts_https_and_local_http(url: str, expected: str) -> None:
    assert check_base_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://api.astravue.com/v1",
        "http://localhost.evil.example/v1",
        "http://127.0.0.1.nip.io/v1",
        "http://localhost@evil.example/v1",
        "http://10.0.0.5/v1",
    ],
)
def test_check_base_url_refuses_remote_plain_http(url: str) -> None:
    with pytest.raises(ValueError, match="plain-http"):
        check_base_url(url)
    if "@" not in url:  # credentials in a base URL are refused whatever the scheme
        assert check_base_url(url, allow_insecure_http=True) == url


@pytest.mark.parametrize("url", ["ftp://api.astravue.com", "api.astravue.com/v1", "https://"])
def test_check_base_url_refuses_non_http_urls(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        check_base_url(url)


def test_check_base_url_refuses_non_strings() -> None:
    with pytest.raises(TypeError, match="base_url"):
        check_base_url(b"https://api.astravue.com")  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["base_url", "token_url"])
def test_client_refuses_remote_plain_http_urls(field: str) -> None:
    url: dict[str, Any] = {field: "http://api.example.com/x"}
    with pytest.raises(ValueError, match="plain-http"):
        AstravueClient(org_id=1, access_token="t", **url)
    # Explicitly allowed: constructed (never used, so there is nothing to close).
    AstravueClient(org_id=1, access_token="t", allow_insecure_http=True, **url)


# --------------------------------------------------------------------------- bad input

NAIVE = datetime(2024, 5, 1, 12, 0)


async def test_bad_input_fails_before_any_request(server: ScriptedServer) -> None:
    # An expired token: validation must come before the refresh, too.
    client = make_client(server, token=expired_token(server), client_id=CLIENT_ID)
    cases: list[tuple[Callable[[], Any], type[Exception], str]] = [
        (lambda: client.tasks.get("1"), TypeError, "task_id"),
        (lambda: client.tasks.get(True), TypeError, "task_id"),
        (lambda: client.tasks.get(2**63), ValueError, "task_id"),
        (lambda: client.tasks.get(1, bogus=2), TypeError, "bogus"),
        (lambda: client.tasks.list(page_size=0), ValueError, "page_size"),
        (lambda: client.tasks.list(page_size=101), ValueError, "page_size"),
        (lambda: client.tasks.list(page_size=-5), ValueError, "page_size"),
        (lambda: client.tasks.list(page_size="10"), TypeError, "page_size"),
        (lambda: client.tasks.list(limit=-1), ValueError, "limit"),
        (lambda: client.tasks.list(due_date_from=NAIVE), ValueError, "due_date_from"),
        (lambda: client.tasks.list(owner_id="7"), TypeError, "owner_id"),
        (lambda: client.tasks.list(colour="red"), TypeError, "colour"),
        (lambda: client.notifications.list(unread_only="yes"), TypeError, "unread_only"),
        (lambda: client.tasks.create(), TypeError, "task_title"),
        (lambda: client.tasks.create(task_title=""), ValueError, "task_title"),
        (lambda: client.tasks.create(task_title=3), TypeError, "task_title"),
        (lambda: client.tasks.create(task_title="x", completion=101), ValueError, "completion"),
        (lambda: client.tasks.create(task_title="x", due_date=NAIVE), ValueError, "due_date"),
        (lambda: client.tasks.create(task_title="x", owners=["1"]), TypeError, "owners"),
        (lambda: client._transport.call(ops.GET_TASK, {"taskid": 1}), TypeError, "taskid"),
        (lambda: client.request("GET", "/tasks/../admin"), ValueError, r"'\.\.'"),
        (lambda: client.request("TRACE", "/tasks"), ValueError, "method"),
        (lambda: client.with_options(timeout=-1), ValueError, "timeout"),
        (lambda: client.with_options(org_id=0), ValueError, "org_id"),
        (lambda: client.with_options(max_retries=-1), ValueError, "max_retries"),
    ]
    async with client:
        for call, error, match in cases:
            with pytest.raises(error, match=match):
                result = call()
                if asyncio.iscoroutine(result):
                    await result
    assert server.requests == []
    assert server.grants == 0


def test_bad_constructor_arguments_name_the_argument() -> None:
    with pytest.raises(TypeError, match="org_id"):
        AstravueClient(org_id="42", access_token="t")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="org_id"):
        AstravueClient(org_id=-1, access_token="t")
    with pytest.raises(ValueError, match="timeout"):
        AstravueClient(org_id=1, access_token="t", timeout=0)
    with pytest.raises(ValueError, match="max_concurrency"):
        AstravueClient(org_id=1, access_token="t", max_concurrency=0)
    with pytest.raises(ValueError, match="requests_per_second"):
        AstravueClient(org_id=1, access_token="t", requests_per_second=-2)
    with pytest.raises(TypeError, match="rate_limit"):
        AstravueClient(org_id=1, access_token="t", rate_limit="100/minute")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="either requests_per_second= or rate_limit="):
        AstravueClient(
            org_id=1, access_token="t", requests_per_second=1, rate_limit=LocalRateLimiter(1)
        )
    with pytest.raises(ValueError, match="client_id"):
        AstravueClient(
            org_id=1,
            token=OAuth2Token(access_token="a", refresh_token="r", expires_at=datetime.now(UTC)),
        )


@pytest.mark.parametrize(
    "url",
    [
        "https://api.astravue.com/v1?debug=1",
        "https://api.astravue.com/v1#frag",
        "https://user:secret@api.astravue.com/v1",
        "https://api.astravue.com/v1?",
    ],
)
def test_check_base_url_refuses_queries_fragments_and_credentials(url: str) -> None:
    with pytest.raises(ValueError, match="query, fragment or credentials"):
        check_base_url(url)
