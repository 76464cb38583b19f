"""The transport against servers that misbehave the way real infrastructure does.

Each test names the kind of fault. The servers are raw asyncio servers in threads of their
own (_raw_server.py), so nothing here depends on FakeAstravue sharing our assumptions.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import gzip
import itertools
import json
import logging
import os
import signal
import socket
import struct
import threading
import time
import tracemalloc
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from astravue_async import (
    APIConnectionError,
    APITimeoutError,
    AstravueClient,
    NotFoundError,
    OAuth2Token,
    RateLimitError,
)
from astravue_async.auth import utcnow
from astravue_async.stores import MemoryTokenStore

from ._raw_server import RawReply, RawRequest, RawServer, raw_server

TASK = {"taskId": 1, "taskTitle": "Write tests"}
TIMER = {"timeTrackerId": 9, "taskId": 1, "running": False}


async def _no_wait(_seconds: float) -> None:
    await asyncio.sleep(0)


def client_for(server: RawServer, **kwargs: Any) -> AstravueClient:
    kwargs.setdefault("access_token", "raw-access-token")
    kwargs.setdefault("base_url", server.url)
    kwargs.setdefault("trust_env", False)
    client = AstravueClient(org_id=42, **kwargs)
    client._transport._sleep = _no_wait  # backoff is the policy's business, not these tests'
    return client


def refreshing_client(server: RawServer, token: OAuth2Token, **kwargs: Any) -> AstravueClient:
    """A client whose ``token`` is refreshed at ``server``'s token endpoint."""
    kwargs.update(access_token=None, token=token, client_id="app", token_url=server.token_url)
    return client_for(server, **kwargs)


def created(counter: itertools.count[int]) -> Callable[[RawRequest], RawReply]:
    def reply(request: RawRequest) -> RawReply:
        return RawReply.envelope({"taskId": next(counter), "taskTitle": "t"}, status=201)

    return reply


# --------------------------------------------------------------------------- stale connections


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, bytes]:
    """One HTTP/1.1 request off a raw connection: its method and body."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        (int(line.split(":")[1]) for line in lines if line.lower().startswith("content-length")),
        0,
    )
    return lines[0].split(" ")[0], await reader.readexactly(length) if length else b""


async def _answer(
    writer: asyncio.StreamWriter, seen: list[tuple[str, bytes]], headers: bytes = b""
) -> None:
    """The task the last request in ``seen`` asked for (a create echoes its title)."""
    method, body = seen[-1]
    data = (
        {"taskId": len(seen), "taskTitle": json.loads(body)["taskTitle"]}
        if method == "POST"
        else TASK
    )
    payload = json.dumps({"success": True, "message": "OK", "code": 200, "data": data}).encode()
    writer.write(
        b"HTTP/1.1 200 OK\r\n%sContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (headers, len(payload), payload)
    )
    await writer.drain()


def _local_client(
    port: int,
    max_retries: int,
    session: aiohttp.ClientSession | None = None,
    access_token: str = "raw-access-token",  # noqa: S107 - a test server's
) -> AstravueClient:
    """A client of a raw server on this machine's port ``port`` (``session``: a caller's)."""
    return AstravueClient(
        org_id=42,
        access_token=access_token,
        base_url=f"http://127.0.0.1:{port}/v1",
        trust_env=False,
        max_retries=max_retries,
        session=session,
    )


@contextlib.asynccontextmanager
async def _listening(
    serve: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> AsyncIterator[int]:
    """A raw server on this machine running ``serve`` per connection, for the block: its port."""
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


async def _serve_then_close(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, seen: list[tuple[str, bytes]]
) -> None:
    """One request, answered with keep-alive, and the connection closed right after."""
    try:
        seen.append(await _read_request(reader))
    except (asyncio.IncompleteReadError, ConnectionError):
        writer.close()
        return
    await _answer(writer, seen, b"Connection: keep-alive\r\n")
    writer.close()


@pytest.mark.parametrize("max_retries", [0, 3])
async def test_connection_closed_right_after_each_answer_loses_nothing(max_retries: int) -> None:
    # The input: a raw asyncio server that answers with keep-alive and closes right
    # after; 20 calls alternating get and create. The FIN is on this machine before the next
    # request wants the pooled connection, so nothing is written to it: every create goes
    # out on a fresh connection, exactly once, whatever max_retries says.
    seen: list[tuple[str, bytes]] = []
    server = await asyncio.start_server(lambda r, w: _serve_then_close(r, w, seen), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with _local_client(port, max_retries=max_retries) as client:
            for i in range(10):
                assert (await client.tasks.get(1)).task_id == 1
                task = await client.tasks.create(task_title=f"task {i}")
                assert task.task_title == f"task {i}"
    finally:
        server.close()
        await server.wait_closed()
    creates = [json.loads(body)["taskTitle"] for method, body in seen if method == "POST"]
    assert creates == [f"task {i}" for i in range(10)]
    assert sum(method == "GET" for method, _ in seen) == 10


async def test_close_racing_the_next_request_never_duplicates() -> None:
    # The same server in a thread of its own: now its close can race the client's next
    # write. Whatever wins, a create is never sent twice, and one that fails says it may
    # have been sent (the server may have read it before closing).
    ids = itertools.count(100)

    def handler(request: RawRequest) -> RawReply:
        if request.method == "POST":
            title = request.json()["taskTitle"]
            return RawReply.envelope(
                {"taskId": next(ids), "taskTitle": title}, status=201, then="close"
            )
        return RawReply.envelope(TASK, then="close")

    failed: list[str] = []
    with raw_server(handler) as server:
        async with client_for(server, max_retries=0) as client:
            for i in range(20):
                with contextlib.suppress(APIConnectionError):
                    await client.tasks.get(1)
                try:
                    await client.tasks.create(task_title=f"task {i}")
                except APIConnectionError as exc:
                    assert exc.request_sent is True
                    failed.append(f"task {i}")
    titles = [r.json()["taskTitle"] for r in server.seen("POST", "/tasks")]
    assert len(titles) == len(set(titles))  # never twice
    assert set(titles) | set(failed) == {f"task {i}" for i in range(20)}  # none lost quietly


@pytest.mark.parametrize("callers_session", [False, True], ids=["own-pool", "callers-session"])
@pytest.mark.parametrize("answered", [False, True], ids=["before-answer", "mid-answer"])
async def test_reset_after_the_server_read_the_request_is_not_resent(
    answered: bool, callers_session: bool
) -> None:
    # A load balancer or a server closing with linger 0 resets the connection after the
    # request was read (and acted on). A reset proves nothing: never send it again, whether
    # the connection came from the SDK's pool or from a session the caller passed in.
    created: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        )
        created.append(await reader.readexactly(length))
        if answered:
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            await writer.drain()
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    session = aiohttp.ClientSession() if callers_session else None
    try:
        async with _local_client(port, max_retries=3, session=session) as client:
            with pytest.raises(APIConnectionError) as info:
                await client.tasks.create(task_title="Pay invoice")
    finally:
        if session is not None:
            await session.close()
        server.close()
        await server.wait_closed()
    assert info.value.request_sent is True
    assert len(created) == 1


@pytest.mark.parametrize(("announced", "connections"), [("timeout=1", 3), ("timeout=30", 1)])
@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_keep_alive_timeout_announced_by_the_server_is_honoured(
    announced: str, connections: int, callers_session: bool
) -> None:
    # Node, uvicorn and gunicorn close idle connections after a few seconds and say so in
    # "Keep-Alive: timeout=N": a connection is retired before that, never raced.
    reply = RawReply.envelope(TASK, headers={"Keep-Alive": announced})
    with raw_server(lambda r: reply) as server:
        async with (
            aiohttp.ClientSession() if callers_session else contextlib.nullcontext() as session,
            client_for(server, session=session) as client,
        ):
            for _ in range(3):
                await client.tasks.get(1)
    assert server.connections == connections


async def test_a_handshake_that_never_completes_is_reported_unsent() -> None:
    # An https URL answered by a server that accepts and then says nothing: the TLS
    # handshake hangs until the call's deadline. Nothing was sent, and the error says so.
    writers: list[asyncio.StreamWriter] = []

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        await reader.read()  # until the client gives up

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with AstravueClient(
            org_id=42,
            access_token="t",
            base_url=f"https://127.0.0.1:{port}/v1",
            trust_env=False,
            timeout=0.5,
        ) as client:
            with pytest.raises(APITimeoutError) as info:
                await client.tasks.create(task_title="x")
    finally:
        for writer in writers:
            writer.close()
        server.close()
        await server.wait_closed()
        await asyncio.sleep(0)  # let the handlers see their connections close
    assert info.value.request_sent is False
    assert "connecting" in str(info.value)


async def test_idle_connection_closed_later_is_not_used() -> None:
    # The sibling: the server closes a connection some time after answering (an idle
    # timeout shorter than the client's), while the connection sits in the pool.
    closed_after = 0.05

    def handler(request: RawRequest) -> RawReply:
        return RawReply.envelope(
            TASK if request.method == "GET" else {"taskId": 2, "taskTitle": "t"}, status=200
        )

    with raw_server(handler) as server:
        async with client_for(server, max_retries=0) as client:
            await client.tasks.get(1)
            # Close every server-side connection while the client keeps them pooled.
            for writer in list(server._writers):
                server._loop.call_soon_threadsafe(writer.close)
            await asyncio.sleep(closed_after)
            await client.tasks.create(task_title="after the idle timeout")
    assert len(server.seen("POST")) == 1


async def test_a_live_pooled_connection_is_reused() -> None:
    # The liveness check must not throw healthy connections away.
    with raw_server(lambda r: RawReply.envelope(TASK)) as server:
        async with client_for(server) as client:
            for _ in range(5):
                await client.tasks.get(1)
    assert server.connections == 1
    assert [r.index_on_connection for r in server.requests] == [0, 1, 2, 3, 4]


# --------------------------------------------------------------------------- replay safety


def stop_drops_answer(request: RawRequest) -> RawReply:
    if request.method == "PUT" and request.path.endswith("/stop"):
        # The timer is stopped, then the connection dies before the answer is written.
        return RawReply(then="drop")
    return RawReply.envelope(TASK)


@pytest.mark.parametrize("max_retries", [0, 3])
async def test_non_repeatable_put_is_sent_once_when_its_answer_is_lost(max_retries: int) -> None:
    # "Stop timer" is a PUT whose replay after success answers 404. Sent on a reused
    # connection (the first GET pooled it), aiohttp itself would quietly send it again.
    with raw_server(stop_drops_answer) as server:
        async with client_for(server, max_retries=max_retries) as client:
            await client.tasks.get(1)
            with pytest.raises(APIConnectionError) as info:
                await client.timers.stop(1)
    assert info.value.request_sent is True
    assert not isinstance(info.value, NotFoundError)
    assert len(server.seen("PUT")) == 1


@pytest.mark.parametrize("max_retries", [0, 3])
async def test_a_callers_session_never_resends_what_may_have_been_received(
    max_retries: int,
) -> None:
    # On a session the caller passes in, as on the SDK's own, every failure once its pool
    # has handed out a connection counts as "may have been sent": a lost answer, a hung
    # server.
    async with aiohttp.ClientSession() as session:
        with raw_server(stop_drops_answer) as server:
            async with client_for(server, max_retries=max_retries, session=session) as client:
                await client.tasks.get(1)
                with pytest.raises(APIConnectionError) as info:
                    await client.timers.stop(1)
        assert info.value.request_sent is True
        assert len(server.seen("PUT")) == 1
        with raw_server(lambda r: RawReply(then="hang")) as server:
            async with client_for(
                server, max_retries=max_retries, session=session, timeout=0.3
            ) as client:
                with pytest.raises(APITimeoutError) as timed_out:
                    await client.tasks.create(task_title="Pay invoice")
        assert timed_out.value.request_sent is True
        assert len(server.seen("POST", "/tasks")) == 1


async def test_a_callers_session_still_knows_a_refused_connection_sent_nothing() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once it is closed
    async with (
        aiohttp.ClientSession() as session,
        _local_client(port, max_retries=0, session=session) as client,
    ):
        with pytest.raises(APIConnectionError) as info:
            await client.tasks.create(task_title="x")
    assert info.value.request_sent is False


async def test_a_callers_session_that_raises_for_status_leaves_statuses_to_the_sdk() -> None:
    # aiohttp's raise_for_status=True on the caller's session would turn every 4xx/5xx into
    # a ClientResponseError before the SDK saw the status: a 404 retried as a connection
    # failure, a 503 with Retry-After on a create never retried, no token refresh after 401.
    replies = iter([RawReply.error(404), RawReply.error(503, headers={"Retry-After": "0"})])

    def handler(request: RawRequest) -> RawReply:
        reply = next(replies, None)
        if reply is not None:
            return reply
        return RawReply.envelope({"taskId": 7, "taskTitle": request.json()["taskTitle"]})

    async with aiohttp.ClientSession(raise_for_status=True) as session:
        with raw_server(handler) as server:
            async with client_for(server, session=session) as client:
                with pytest.raises(NotFoundError):
                    await client.tasks.get(1)
                created = await client.tasks.create(task_title="after a 503")
    assert created.task_title == "after a 503"
    assert len(server.seen("GET")) == 1  # a 404 is not retried
    assert len(server.seen("POST", "/tasks")) == 2  # a 503 with Retry-After is


async def test_a_callers_session_reports_refused_attempts_as_unsent() -> None:
    # Every attempt refused: nothing ever left, even though each attempt on a caller's
    # session starts out counted as "may have been sent". Closed during the backoff after
    # the refusal, the call must still say so.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backing_off = asyncio.Event()

    async def long_backoff(_seconds: float) -> None:
        backing_off.set()
        await asyncio.sleep(30)

    async with aiohttp.ClientSession() as session:
        client = _local_client(port, max_retries=2, session=session)
        client._transport._sleep = long_backoff
        call = asyncio.ensure_future(client.tasks.create(task_title="x"))
        await backing_off.wait()
        await client.aclose()
        with pytest.raises(APIConnectionError) as info:
            await call
    assert "closed" in str(info.value)
    assert info.value.request_sent is False


async def test_max_retries_zero_sends_an_idempotent_request_once() -> None:
    def handler(request: RawRequest) -> RawReply:
        if len(server.requests) == 1:
            return RawReply.envelope(TASK)  # pools the connection
        return RawReply(then="drop")

    with raw_server(handler) as server:
        async with client_for(server, max_retries=0) as client:
            await client.tasks.get(1)
            with pytest.raises(APIConnectionError):
                await client.tasks.get(1)
    assert len(server.requests) == 2


async def test_idempotent_request_is_retried_when_its_answer_is_lost() -> None:
    answered = iter([RawReply(then="drop"), RawReply.envelope(TASK)])
    with raw_server(lambda r: next(answered)) as server:
        async with client_for(server, max_retries=2) as client:
            assert (await client.tasks.get(1)).task_id == 1
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    "refusal",
    [
        RawReply.error(429, "slow down", headers={"Retry-After": "0"}),
        RawReply.error(503, "restarting", headers={"Retry-After": "0"}),
        RawReply.error(408, "request timeout"),
    ],
    ids=["429", "503+Retry-After", "408"],
)
async def test_post_refused_without_acting_is_retried(refusal: RawReply) -> None:
    replies = iter([refusal, RawReply.envelope({"taskId": 5, "taskTitle": "t"}, status=201)])
    with raw_server(lambda r: next(replies)) as server:
        async with client_for(server, max_retries=2) as client:
            task = await client.tasks.create(task_title="t")
    assert task.task_id == 5
    assert len(server.seen("POST")) == 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_post_is_not_retried_after_a_status_that_may_follow_the_work(status: int) -> None:
    with raw_server(lambda r: RawReply.error(status)) as server:
        async with client_for(server, max_retries=3) as client:
            with pytest.raises(Exception) as info:
                await client.tasks.create(task_title="t")
    assert getattr(info.value, "status", None) == status
    assert len(server.seen("POST")) == 1


async def test_post_429_with_a_long_retry_after_fails_at_once() -> None:
    with raw_server(lambda r: RawReply.error(429, headers={"Retry-After": "3600"})) as server:
        async with client_for(server, max_retries=3) as client:
            with pytest.raises(RateLimitError) as info:
                await client.tasks.create(task_title="t")
    assert info.value.retry_after == 3600
    assert len(server.requests) == 1


async def test_repeated_delete_whose_first_attempt_succeeded_reports_success(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The first DELETE deletes and loses its answer; the retry finds nothing: "gone" is what
    # the call asked for.
    replies = iter([RawReply(then="drop"), RawReply.error(404, "Task not found")])
    with raw_server(lambda r: next(replies)) as server:
        async with client_for(server, max_retries=2) as client:
            with caplog.at_level(logging.INFO, logger="astravue_async"):
                assert await client.tasks.delete(7) is None
    assert len(server.seen("DELETE")) == 2
    assert any("answered 404" in r.getMessage() for r in caplog.records)


async def test_delete_of_a_missing_object_is_still_not_found() -> None:
    with raw_server(lambda r: RawReply.error(404, "Task not found")) as server:
        async with client_for(server, max_retries=2) as client:
            with pytest.raises(NotFoundError):
                await client.tasks.delete(7)
    assert len(server.requests) == 1


async def test_delete_retried_after_a_refusal_then_404_is_not_found() -> None:
    # A 429 proves the first attempt did nothing, so the retry's 404 is the real answer.
    replies = iter([RawReply.error(429, headers={"Retry-After": "0"}), RawReply.error(404)])
    with raw_server(lambda r: next(replies)) as server:
        async with client_for(server, max_retries=2) as client:
            with pytest.raises(NotFoundError):
                await client.tasks.delete(7)


# --------------------------------------------------------------------------- deadlines


async def test_timeout_bounds_a_call_whose_token_endpoint_hangs() -> None:
    # The token endpoint accepts the connection and answers only much later; the call still
    # ends at its own deadline, with an error that says what it was waiting for. (Closing
    # the client then waits for the refresh, bounded by its own timeout: its answer may
    # carry a rotated refresh token. So the endpoint does answer, after a while.)
    def handler(request: RawRequest) -> RawReply:
        if request.path == "/token":
            time.sleep(1.0)  # blocks only the server's thread
            return RawReply(status=503, body=b"{}")
        return RawReply.envelope(TASK)

    with raw_server(handler) as server:
        token = OAuth2Token(
            access_token="expired",
            refresh_token="refresh-1",
            expires_at=utcnow() - timedelta(minutes=1),
        )
        async with client_for(
            server,
            access_token=None,
            token=token,
            client_id="app",
            token_url=server.token_url,
            timeout=0.5,
            max_retries=0,
        ) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError) as info:
                await client.tasks.get(1)
            elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed
    assert "token" in str(info.value)
    assert info.value.request_sent is False
    assert server.seen("GET") == []


async def test_timeout_covers_retries_and_backoff() -> None:
    # Every attempt answers 503 slowly: retries stop when the next one could not finish.
    def handler(request: RawRequest) -> RawReply:
        time.sleep(0.15)  # this server thread is slow, not the client
        return RawReply.error(503)

    with raw_server(handler) as server:
        async with client_for(server, timeout=0.5, max_retries=50) as client:
            started = time.monotonic()
            with pytest.raises((APITimeoutError, Exception)):
                await client.tasks.get(1)
            elapsed = time.monotonic() - started
    assert elapsed < 2, elapsed
    assert 1 <= len(server.requests) <= 5


async def test_hung_server_times_out_at_the_deadline() -> None:
    with raw_server(lambda r: RawReply(then="hang")) as server:
        async with client_for(server, timeout=0.3, max_retries=3) as client:
            started = time.monotonic()
            with pytest.raises(APITimeoutError) as info:
                await client.tasks.get(1)
            elapsed = time.monotonic() - started
    assert elapsed < 2, elapsed
    assert info.value.request_sent is True
    assert len(server.requests) == 1


# --------------------------------------------------------------------------- closing


async def test_aclose_under_load_fails_calls_promptly() -> None:
    with raw_server(lambda r: RawReply(then="hang")) as server:
        client = client_for(server, timeout=30, max_retries=3, connection_limit=20)
        calls = [asyncio.ensure_future(client.tasks.get(1)) for _ in range(200)]
        while len(server.requests) < 20:  # noqa: ASYNC110 - another thread's list
            await asyncio.sleep(0.01)
        started = time.monotonic()
        await client.aclose()
        results = await asyncio.gather(*calls, return_exceptions=True)
        elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed
    assert all(isinstance(r, APIConnectionError) for r in results), {type(r) for r in results}
    assert all("closed" in str(r) for r in results)
    assert len(server.requests) == 20  # nothing was retried, nothing queued was sent
    with pytest.raises(RuntimeError, match="closed"):
        await client.tasks.get(1)


def test_aclose_from_another_event_loop_is_a_clear_error() -> None:
    with raw_server(lambda r: RawReply.envelope(TASK)) as server:
        client = client_for(server)
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(client.tasks.get(1))
            with pytest.raises(RuntimeError, match="another event loop"):
                asyncio.run(client.aclose())
            loop.run_until_complete(client.aclose())  # on its own loop it works
        finally:
            loop.close()
        assert client._transport.closed


# --------------------------------------------------------------------------- liveness check


class _SocketTransport(asyncio.BaseTransport):
    """Just enough of an asyncio transport over a real socket for the pool's checks."""

    def __init__(self, sock: Any) -> None:
        super().__init__()
        self._sock = sock
        self.closing = False

    def is_closing(self) -> bool:
        return self.closing

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._sock if name == "socket" else default


def test_peer_has_closed_reads_the_socket_state() -> None:
    import socket

    from astravue_async._transport import _peer_has_closed

    FakeTransport = _SocketTransport

    ours, theirs = socket.socketpair()
    with ours, theirs:
        assert not _peer_has_closed(FakeTransport(ours))  # idle and open
        theirs.sendall(b"HTTP/1.1 408 Request Timeout\r\n\r\n")  # unsolicited: unusable
        assert _peer_has_closed(FakeTransport(ours))
    ours, theirs = socket.socketpair()
    with ours:
        theirs.close()  # FIN
        assert _peer_has_closed(FakeTransport(ours))
    assert _peer_has_closed(None)


class _Protocol:
    """What the pool reads of aiohttp's protocol: its transport and its own verdict."""

    def __init__(self, transport: _SocketTransport | None) -> None:
        self.transport = transport
        self.should_close = False


def test_reuse_record_polls_its_own_socket() -> None:
    # The record made when a connection is first handed out keeps a poll object registered
    # on that socket: every reuse is then checked with one poll(0), with the same verdicts as
    # _peer_has_closed, and a closing transport is refused before its descriptor (which a
    # new socket may have taken by then) is polled.
    import socket

    from astravue_async._transport import _Reuse

    ours, theirs = socket.socketpair()
    with ours, theirs:
        protocol = _Protocol(_SocketTransport(ours))
        reuse = _Reuse(protocol.transport)
        assert reuse.still_usable(protocol)  # idle and open
        assert reuse.still_usable(protocol)  # polling does not consume anything
        theirs.sendall(b"HTTP/1.1 408 Request Timeout\r\n\r\n")
        assert not reuse.still_usable(protocol)
    ours, theirs = socket.socketpair()
    with ours:
        protocol = _Protocol(_SocketTransport(ours))
        reuse = _Reuse(protocol.transport)
        theirs.close()  # FIN
        assert not reuse.still_usable(protocol)
    ours, theirs = socket.socketpair()
    with ours, theirs:
        transport = _SocketTransport(ours)
        protocol = _Protocol(transport)
        reuse = _Reuse(transport)
        transport.closing = True
        assert not reuse.still_usable(protocol)
        transport.closing = False
        protocol.should_close = True  # aiohttp already read something from it
        assert not reuse.still_usable(protocol)
        protocol.should_close = False
        reuse.retire_at = time.monotonic() - 1  # a server's Keep-Alive timeout has run out
        assert not reuse.still_usable(protocol)
        reuse.retire_at = time.monotonic() + 60
        assert reuse.still_usable(protocol)
        assert not reuse.still_usable(_Protocol(None))  # aiohttp drops a lost transport
    # No socket to poll (an unusual transport): the full check decides every time.
    assert not _Reuse(None).still_usable(_Protocol(None))


_UNSOLICITED = {
    # As a server gives up on an idle keep-alive connection, announcing the close ...
    "408, then close later": (
        b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        True,
    ),
    # ... or not, keeping the connection open.
    "408, kept open": (b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n", False),
    # The worst sibling: a stray answer that parses as a success for some other request.
    "stray 200": (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 94\r\n\r\n"
        b'{"success": true, "message": "OK", "code": 200, '
        b'"data": {"taskId": 666, "taskTitle": "stray"}}',
        False,
    ),
}


@pytest.mark.parametrize("unsolicited", sorted(_UNSOLICITED))
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_bytes_an_idle_connection_received_are_never_taken_for_the_next_answer(
    unsolicited: str, method: str, callers_session: bool
) -> None:
    # The event loop reads what a server sends on an idle pooled connection before the
    # next request wants it: the bytes are no longer in the kernel for the poll to see, they
    # sit in aiohttp's parser. The next request must go out on a fresh connection, exactly
    # once, and get its own answer, never the stray one.
    stray, close_later = _UNSOLICITED[unsolicited]
    assert len(stray.partition(b"\r\n\r\n")[2]) in (0, 94)
    seen: list[tuple[str, bytes]] = []
    writers: list[asyncio.StreamWriter] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                seen.append(await _read_request(reader))
                await _answer(writer, seen)

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    # A caller's pool gets the same check (a stray 200 was another request's answer there).
    session = aiohttp.ClientSession() if callers_session else None
    try:
        async with _local_client(port, max_retries=0, session=session) as client:
            assert (await client.tasks.get(1)).task_id == 1
            writers[0].write(stray)
            await asyncio.sleep(0.05)  # the client's loop reads it; the server keeps it open
            if method == "GET":
                assert (await client.tasks.get(1)).task_id == 1
            else:
                assert (await client.tasks.create(task_title="mine")).task_title == "mine"
            if close_later:
                writers[0].close()
    finally:
        for writer in writers:
            writer.close()
        server.close()
        await server.wait_closed()
        if session is not None:
            await session.close()
    assert [m for m, _ in seen] == ["GET", method]
    assert len(writers) == 2  # the second request went out on a fresh connection


@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_fin_waiting_in_the_kernel_is_seen_before_writing(
    caplog: pytest.LogCaptureFixture, callers_session: bool
) -> None:
    # The FIN has reached this machine but the event loop has not run since, so aiohttp
    # still believes the pooled connection is open. The request must go out on a fresh
    # connection without ever being written to the dead one (no reset, no resend).
    with raw_server(lambda r: RawReply.envelope(TASK, status=201)) as server:
        async with (
            aiohttp.ClientSession() if callers_session else contextlib.nullcontext() as session,
            client_for(server, max_retries=0, session=session) as client,
        ):
            await client.tasks.get(1)
            for writer in list(server._writers):
                server._loop.call_soon_threadsafe(writer.close)
            deadline = time.monotonic() + 5
            while server._writers and time.monotonic() < deadline:
                time.sleep(0.01)  # noqa: ASYNC251 - blocks the loop on purpose: FIN unread
            time.sleep(0.05)  # noqa: ASYNC251
            with caplog.at_level(logging.DEBUG, logger="astravue_async"):
                await client.tasks.create(task_title="x")
    messages = [r.getMessage() for r in caplog.records]
    assert any("discarding a pooled connection" in m for m in messages), messages
    assert not any("resending" in m for m in messages), messages
    assert [r.index_on_connection for r in server.requests] == [0, 0]


# --------------------------------------------------------------------------- fork


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_async_client_used_in_a_forked_child_starts_afresh() -> None:
    # The prefork case: a client used in the parent, then the same object in each worker
    # with the worker's own event loop. The child must neither hang nor touch the parent's
    # connections or calls (one is in progress at the fork), and the parent's client must
    # keep working.
    def handler(request: RawRequest) -> RawReply:
        return RawReply(then="hang") if request.path == "/tasks/2" else RawReply.envelope(TASK)

    with raw_server(handler) as server:
        client = client_for(server)
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(client.tasks.get(1))
            in_progress = loop.create_task(client.tasks.get(2))
            loop.run_until_complete(asyncio.sleep(0.2))
            assert client._transport._attempting  # the parent's call, waiting for its answer
            read_end, write_end = os.pipe()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads
                pid = os.fork()
            if pid == 0:  # pragma: no cover - the child reports through its exit code
                code = 1
                try:
                    os.close(read_end)

                    async def child() -> int:
                        task = await client.tasks.get(1)
                        # Closing leaves the parent's call alone: its task is the parent's.
                        if client._transport._attempting or client._transport._waiting:
                            return -1
                        await client.aclose()
                        return task.task_id

                    code = 0 if asyncio.run(child()) == 1 else 2
                    os.write(write_end, b"ok")
                finally:
                    os._exit(code)
            os.close(write_end)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
                time.sleep(0.05)
            else:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pytest.fail("the forked child hung")
            with os.fdopen(read_end, "rb") as pipe:
                assert pipe.read() == b"ok"
            assert os.waitstatus_to_exitcode(status) == 0
            # The parent's pooled connection is untouched and still serves it.
            assert loop.run_until_complete(client.tasks.get(1)).task_id == 1
            assert not in_progress.done()  # the child did not end the parent's call
            loop.run_until_complete(client.aclose())
            with pytest.raises(APIConnectionError, match="client was closed"):
                loop.run_until_complete(in_progress)
        finally:
            loop.close()
    gets = [r for r in server.requests if r.path == "/tasks/1"]
    (hanging,) = [r for r in server.requests if r.path == "/tasks/2"]
    assert len(gets) == 3
    assert hanging.connection == gets[0].connection  # the parent reused its pool
    assert gets[1].connection not in (gets[0].connection, gets[2].connection)  # the child's


# --------------------------------------------------------------------------- bounded memory


async def test_with_options_per_call_leaves_no_state_behind() -> None:
    # 100,000 different timeouts once grew a cache by ~164 bytes each, forever.
    with raw_server(lambda r: RawReply.envelope(TASK)) as server:
        async with client_for(server) as client:
            transport = client._transport
            for i in range(50):
                await client.with_options(timeout=10 + i / 1000).tasks.get(1)
            gc.collect()
            tracemalloc.start()
            try:
                before = tracemalloc.take_snapshot()
                for i in range(2000):
                    options = client.with_options(timeout=20 + i / 997, org_id=1 + i % 50)
                    await options.tasks.get(1)
                gc.collect()
                after = tracemalloc.take_snapshot()
            finally:
                tracemalloc.stop()
            assert len(transport._headers._built) <= transport._headers._LIMIT
            assert len(transport._proxies) <= 8
    growth = sum(
        stat.size_diff
        for stat in after.compare_to(before, "filename")
        if "astravue_async" in str(stat.traceback)
    )
    # A leak of even 16 bytes a call would show as 32 kB; allow for allocator noise.
    assert growth < 16_000, growth


def test_request_binding_caches_are_bounded() -> None:
    from astravue_async import _request

    for cached in (_request._placeholder, _request._bindable_parameters, _request._binding):
        assert cached.cache_info().maxsize is not None


# --------------------------------------------------------------------------- secrets


def _exception_texts(exc: BaseException) -> list[str]:
    """Everything a traceback, a log formatter or an error tracker could print."""
    texts: list[str] = []
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        texts += [str(current), repr(current), repr(current.args)]
        texts += [repr(value) for value in vars(current).values()]
        stack += [current.__cause__, current.__context__]
    return texts


async def test_rejected_refresh_after_an_echoing_401_leaks_nothing() -> None:
    # The API's 401 quotes the bearer token back; the refresh it triggers is then refused.
    # The 401 must not ride along as __context__ of the final error, and nothing may quote
    # either token.
    def handler(request: RawRequest) -> RawReply:
        if request.path == "/token":
            return RawReply(
                status=400,
                body=b'{"error":"invalid_grant","error_description":"Token is not active"}',
            )
        bearer = request.headers.get("authorization", "")
        return RawReply.error(
            401,
            f"invalid token: {bearer}",
            headers={"WWW-Authenticate": f'Bearer error="invalid_token", token="{bearer}"'},
        )

    with raw_server(handler) as server:
        token = OAuth2Token(
            access_token="planted-access-token-0123456789",
            refresh_token="planted-refresh-token-9876543210",
            expires_at=utcnow() + timedelta(minutes=20),
        )
        async with client_for(
            server, access_token=None, token=token, client_id="app", token_url=server.token_url
        ) as client:
            with pytest.raises(Exception) as info:
                await client.tasks.get(1)
    texts = "\n".join(_exception_texts(info.value))
    assert "planted-access-token" not in texts
    assert "planted-refresh-token" not in texts
    assert info.value.__context__ is None


# --------------------------------------------------------------------------- large response heads

# What real infrastructure puts in a head, past aiohttp's defaults (8,190-byte lines, and from
# aiohttp 3.14 128 headers): a long policy or Link header, a load balancer's many headers.
_LARGE_HEADS = {
    "a 20 KiB header value": {"Content-Security-Policy": "default-src 'self' " + "x" * 20_000},
    "200 headers": {f"X-Trace-{i}": str(i) for i in range(200)},
    "a 30 KiB cookie": {"Set-Cookie": "lb=" + "c" * 30_000 + "; Path=/"},
}


@pytest.mark.parametrize("head", _LARGE_HEADS.values(), ids=_LARGE_HEADS.keys())
@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_an_answer_with_a_large_head_is_read(
    head: dict[str, str], callers_session: bool
) -> None:
    counter = itertools.count(1)

    def handler(request: RawRequest) -> RawReply:
        if request.method == "POST":
            reply = created(counter)(request)
            reply.headers.update(head)
            return reply
        return RawReply.envelope(TASK, headers=head)

    with raw_server(handler) as server:
        session = aiohttp.ClientSession() if callers_session else None
        try:
            async with client_for(server, session=session) as client:
                assert (await client.tasks.get(1)).task_id == 1
                assert (await client.tasks.create(task_title="t")).task_id == 1
        finally:
            if session is not None:
                await session.close()
    assert [r.method for r in server.requests] == ["GET", "POST"]  # each once, nothing retried


async def test_a_long_status_line_is_read() -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen = [await _read_request(reader)]
        payload = json.dumps({"success": True, "message": "OK", "code": 200, "data": TASK})
        writer.write(
            b"HTTP/1.1 200 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
            % (b"O" * 12_000, len(payload), payload.encode())
        )
        await writer.drain()
        del seen
        writer.close()

    async with _listening(serve) as port, _local_client(port, max_retries=0) as client:
        assert (await client.tasks.get(1)).task_id == 1


async def test_a_token_answer_with_a_large_head_is_read() -> None:
    def handler(request: RawRequest) -> RawReply:
        if request.path == "/token":
            body = {"access_token": "fresh-access", "expires_in": 1800, "refresh_token": "r2"}
            return RawReply(
                body=json.dumps(body).encode(), headers={"Set-Cookie": "k=" + "v" * 20_000}
            )
        return RawReply.envelope(TASK)

    token = OAuth2Token(
        access_token="old-access", refresh_token="r1", expires_at=utcnow() - timedelta(minutes=1)
    )
    with raw_server(handler) as server:
        async with client_for(
            server, access_token=None, token=token, client_id="app", token_url=server.token_url
        ) as client:
            assert (await client.tasks.get(1)).task_id == 1
    assert [r.path for r in server.requests] == ["/token", "/tasks/1"]
    assert server.requests[1].headers["authorization"] == "Bearer fresh-access"


async def test_an_unreadable_answer_says_why_and_quotes_no_credential() -> None:
    # Past even the raised limits, and quoting the bearer token the request carried, as a
    # server echoing the request into a header would.
    def handler(request: RawRequest) -> RawReply:
        echo = request.headers["authorization"] + " " + "z" * 70_000
        return RawReply.envelope(TASK, headers={"X-Echo": echo})

    with raw_server(handler) as server:
        async with client_for(server, access_token="planted-access-token-0123456789") as client:
            with pytest.raises(APIConnectionError) as info:
                await client.tasks.get(1)
    error = info.value
    assert "could not be read" in str(error)
    assert "65536 bytes" in str(error)  # aiohttp's own words: what was too long
    assert error.request_sent
    texts = "\n".join(_exception_texts(error))
    assert "planted-access-token" not in texts
    assert error.__cause__ is None and error.__context__ is None


# --------------------------------------------------------------------------- a caller's session


async def test_a_callers_session_adding_netrc_credentials_is_a_clear_error(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # trust_env=True (common, for proxies) also reads ~/.netrc, and a "default" entry there
    # matches every host: aiohttp then refuses to send our Authorization header beside it.
    netrc = tmp_path / "netrc"
    netrc.write_text("default login someone password netrc-secret-password\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with raw_server(lambda request: RawReply.envelope(TASK)) as server:
        async with (
            aiohttp.ClientSession(trust_env=True) as session,
            client_for(server, session=session, max_retries=3) as client,
        ):
            with pytest.raises(ValueError, match="netrc") as info:
                await client.tasks.get(1)
    assert server.requests == []  # refused before sending, and not retried
    assert "netrc-secret-password" not in "\n".join(_exception_texts(info.value))


async def test_a_callers_session_closed_under_the_client_is_a_clear_error() -> None:
    with raw_server(lambda request: RawReply.envelope(TASK)) as server:
        session = aiohttp.ClientSession()
        async with client_for(server, session=session) as client:
            assert (await client.tasks.get(1)).task_id == 1
            await session.close()
            with pytest.raises(RuntimeError, match="passed as session= was closed"):
                await client.tasks.get(1)
    assert len(server.requests) == 1


async def test_a_callers_session_waiting_for_a_free_connection_has_sent_nothing() -> None:
    # The caller's pool has one connection, held by a request that hangs. A create queued
    # behind it until the deadline never left this machine: the error must say so, or an
    # application would have to treat a task that was never sent as maybe created.
    arrived = threading.Event()

    def handler(request: RawRequest) -> RawReply:
        arrived.set()
        return (
            RawReply(then="hang")
            if request.method == "GET"
            else created(itertools.count())(request)
        )

    with raw_server(handler) as server:
        async with (
            aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1)) as session,
            client_for(server, session=session, max_retries=0) as client,
        ):
            hanging = asyncio.ensure_future(client.tasks.get(1))
            assert await asyncio.to_thread(arrived.wait, 5)
            with pytest.raises(APITimeoutError) as info:
                await client.with_options(timeout=0.3).tasks.create(task_title="queued")
            hanging.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await hanging
    assert info.value.request_sent is False
    assert [r.method for r in server.requests] == ["GET"]


async def test_clients_sharing_a_callers_session_check_its_pool_once() -> None:
    with raw_server(lambda r: RawReply.envelope(TASK)) as server:
        async with aiohttp.ClientSession() as session:
            connector = session.connector
            assert connector is not None
            async with client_for(server, session=session) as first:
                installed = connector.connect
                async with client_for(server, session=session) as second:
                    assert connector.connect is installed  # not wrapped twice
                    await first.tasks.get(1)
                    await second.tasks.get(1)
            # The caller's own requests on it keep working, on the same live connection.
            async with session.get(server.url + "/tasks/1") as response:
                assert response.status == 200
    assert server.connections == 1


# --------------------------------------------------------------------------- closing under calls


def _hold_gets(request: RawRequest) -> RawReply:
    """GETs hang (holding their connection), creates are answered."""
    if request.method == "GET":
        return RawReply(then="hang")
    return RawReply.envelope({"taskId": 7, "taskTitle": "t"}, status=201)


async def _until(predicate: Callable[[], bool]) -> None:
    await asyncio.wait_for(asyncio.to_thread(_poll_until, predicate), 5)


def _poll_until(predicate: Callable[[], bool]) -> None:
    while not predicate():
        time.sleep(0.005)


@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_aclose_ends_calls_in_progress_at_once(callers_session: bool) -> None:
    # A caller's session is not closed with the client, so nothing used to end its requests:
    # they ran on to their deadline.
    with raw_server(_hold_gets) as server:
        async with (
            aiohttp.ClientSession() if callers_session else contextlib.nullcontext() as (session)
        ):
            client = client_for(server, session=session, timeout=30)
            call = asyncio.ensure_future(client.tasks.get(1))
            await _until(lambda: len(server.requests) == 1)
            begun = time.monotonic()
            await client.aclose()
            with pytest.raises(APIConnectionError, match="client was closed") as info:
                await call
            assert time.monotonic() - begun < 2
    assert info.value.request_sent is True


@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_a_create_queued_for_a_connection_is_never_sent_after_aclose(
    callers_session: bool,
) -> None:
    # One connection, held by a hanging GET; the create waits in aiohttp's pool. Closing the
    # client must end it unsent, not let it out once the connection frees up, nor end it
    # with a bare CancelledError (which reads as the caller's own cancellation).
    with raw_server(_hold_gets) as server:
        async with (
            aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1))
            if callers_session
            else contextlib.nullcontext() as session
        ):
            # max_concurrency above the pool's size: the create waits in aiohttp's pool, not ours.
            options: dict[str, Any] = (
                {} if callers_session else {"connection_limit": 1, "max_concurrency": 4}
            )
            client = client_for(server, session=session, timeout=30, **options)
            holding = asyncio.ensure_future(client.tasks.get(1))
            await _until(lambda: len(server.requests) == 1)
            queued = asyncio.ensure_future(client.tasks.create(task_title="queued"))
            await asyncio.sleep(0.1)
            begun = time.monotonic()
            await client.aclose()
            results = await asyncio.gather(holding, queued, return_exceptions=True)
            assert time.monotonic() - begun < 2  # not at the calls' deadline
            await asyncio.sleep(0.2)  # anything still on its way would arrive by now
    assert all(isinstance(result, APIConnectionError) for result in results), results
    assert isinstance(results[1], APIConnectionError) and results[1].request_sent is False
    assert [r.method for r in server.requests] == ["GET"]


async def test_a_callers_session_closed_under_queued_calls_fails_them() -> None:
    # aiohttp's pool cancels the calls queued in it as it closes. Raised as a bare
    # CancelledError, a create in a TaskGroup counted as cancelled: the group ended without
    # an error and the create was silently lost.
    with raw_server(_hold_gets) as server:
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1))
        client = client_for(server, session=session, timeout=30)
        with pytest.raises(ExceptionGroup) as info:
            async with asyncio.TaskGroup() as group:
                group.create_task(client.tasks.get(1))
                await _until(lambda: len(server.requests) == 1)
                group.create_task(client.tasks.create(task_title="queued"))
                await asyncio.sleep(0.1)
                await session.close()
        await client.aclose()
    errors = info.value.exceptions
    assert len(errors) == 2 and all(isinstance(e, APIConnectionError) for e in errors), errors
    assert all("session= was closed" in str(e) for e in errors)
    assert sorted(e.request_sent for e in errors if isinstance(e, APIConnectionError)) == [
        False,
        True,
    ]
    assert [r.method for r in server.requests] == ["GET"]  # the create was never sent


# --------------------------------------------------------------------------- quoted answers

_OPAQUE = "9f2c4e71b0d84a6fa3e5c2d19b7e4f60a1c3d5e7"  # no shape a scrubber knows


def _fragments(secret: str, text: str, size: int = 8) -> list[str]:
    """Every piece of ``secret`` at least ``size`` characters long that ``text`` contains."""
    return [
        secret[i : i + size] for i in range(len(secret) - size + 1) if secret[i : i + size] in text
    ]


@pytest.mark.parametrize("offset", [60, 85, 95], ids=lambda n: f"at byte {n}")
@pytest.mark.parametrize("where", ["a header", "the status line"])
async def test_an_unreadable_answer_quotes_no_part_of_an_echoed_token(
    where: str, offset: int
) -> None:
    # aiohttp quotes the first 100 bytes of a line too long to read: a token echoed across
    # byte 100 would be cut in two, and no scrubber recognises half a token.
    line = "p" * offset + _OPAQUE + "x" * 70_000

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            await _read_request(reader)
            head = (
                f"HTTP/1.1 200 {line}\r\n"
                if where == "the status line"
                else (f"HTTP/1.1 200 OK\r\nX-Echo: {line}\r\n")
            )
            writer.write(head.encode() + b"Content-Length: 2\r\n\r\n{}")
            await writer.drain()
        writer.close()

    async with _listening(serve) as port, _local_client(port, 0, access_token=_OPAQUE) as client:
        with pytest.raises(APIConnectionError, match="could not be read") as info:
            await client.tasks.get(1)
    assert _fragments(_OPAQUE, "\n".join(_exception_texts(info.value))) == []


async def test_an_unreadable_token_answer_quotes_no_part_of_the_refresh_token() -> None:
    def handler(request: RawRequest) -> RawReply:
        refresh = request.body.decode().partition("refresh_token=")[2].partition("&")[0]
        return RawReply(body=b"{}", headers={"X-Echo": "p" * 85 + refresh + "x" * 70_000})

    token = OAuth2Token(
        access_token="old-access", refresh_token=_OPAQUE, expires_at=utcnow() - timedelta(1)
    )
    with raw_server(handler) as server:
        async with client_for(
            server, access_token=None, token=token, client_id="app", token_url=server.token_url
        ) as client:
            with pytest.raises(APIConnectionError, match="token request failed") as info:
                await client.tasks.get(1)
    assert _fragments(_OPAQUE, "\n".join(_exception_texts(info.value))) == []


# --------------------------------------------------------------------------- proxies, sessions


@pytest.mark.parametrize("status", [407, 403])
async def test_a_proxy_refusing_the_tunnel_is_not_the_apis_answer(status: int) -> None:
    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 %d Refused\r\nContent-Length: 0\r\n\r\n" % status)
            await writer.drain()
        writer.close()

    async with (
        _listening(proxy) as port,
        AstravueClient(
            org_id=42,
            access_token="t",
            base_url="https://api.example.test/v1",
            proxy=f"http://127.0.0.1:{port}",
            trust_env=False,
            max_retries=0,
        ) as client,
    ):
        with pytest.raises(APIConnectionError, match="proxy refused") as info:
            await client.tasks.get(1)
    assert info.value.request_sent is False
    assert str(status) in str(info.value)
    assert ("proxy='http://user:password@host:port'" in str(info.value)) is (status == 407)


async def test_a_callers_session_without_decompression_still_reads_compressed_answers() -> None:
    # aiohttp asks for gzip on every request, auto_decompress=False or not.
    body = json.dumps({"success": True, "message": "OK", "code": 200, "data": TASK}).encode()

    def handler(request: RawRequest) -> RawReply:
        assert "gzip" in request.headers.get("accept-encoding", "")
        return RawReply(body=gzip.compress(body), headers={"Content-Encoding": "gzip"})

    with raw_server(handler) as server:
        async with (
            aiohttp.ClientSession(auto_decompress=False) as session,
            client_for(server, session=session) as client,
        ):
            assert (await client.tasks.get(1)).task_id == 1
            async with session.get(server.url + "/tasks/1") as own:  # the caller's, as asked
                assert (await own.read())[:2] == b"\x1f\x8b"


def test_a_callers_session_from_another_event_loop_is_a_clear_error() -> None:
    async def make() -> aiohttp.ClientSession:
        return aiohttp.ClientSession()

    session = asyncio.run(make())  # its loop is gone once asyncio.run() returns

    async def use() -> None:
        client = AstravueClient(org_id=42, access_token="t", session=session, trust_env=False)
        with pytest.raises(RuntimeError, match="created in another event loop"):
            await client.tasks.get(1)

    asyncio.run(use())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session._connector = None  # its loop is closed: nothing left to close there


async def test_closing_one_client_never_strands_the_next_request_in_a_shared_pool() -> None:
    # One connection, held by the caller's own request; client A's create and then client
    # B's get queue in aiohttp's pool. When the connection comes back aiohttp hands it to A,
    # and in that same step the caller closes A. The slot must go on to B, not sit unused
    # while B waits for its connect timeout.
    release = threading.Event()

    def handler(request: RawRequest) -> RawReply:
        if request.path == "/hold":
            release.wait(5)
        return RawReply.envelope(TASK)

    with raw_server(handler) as server:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1)) as session:
            first = client_for(server, session=session, timeout=30)
            second = client_for(server, session=session, timeout=30)

            async def hold_then_close_first() -> None:
                async with session.get(server.url + "/hold") as response:
                    await response.read()
                await first.aclose()  # no await in between: the slot was just handed to A

            holding = asyncio.ensure_future(hold_then_close_first())
            await _until(lambda: len(server.requests) == 1)
            queued_first = asyncio.ensure_future(first.tasks.create(task_title="A"))
            await asyncio.sleep(0.05)
            queued_second = asyncio.ensure_future(second.tasks.get(1))
            await asyncio.sleep(0.05)
            release.set()
            await holding
            with pytest.raises(APIConnectionError, match="client was closed") as info:
                await queued_first
            assert (await asyncio.wait_for(queued_second, 2)).task_id == 1
            await second.aclose()
    assert info.value.request_sent is False
    assert [r.path for r in server.requests] == ["/hold", "/tasks/1"]


async def test_a_refresh_cut_off_by_the_callers_session_closing_fails_the_call() -> None:
    # The refresh's POST waits in the caller's pool, whose only connection is held; the
    # caller closes the session. The call must fail, not end as if cancelled (in a TaskGroup
    # a cancelled create is silently dropped).
    def handler(request: RawRequest) -> RawReply:
        return RawReply(then="hang") if request.path == "/hold" else RawReply.envelope(TASK)

    token = OAuth2Token(
        access_token="expired", refresh_token="r1", expires_at=utcnow() - timedelta(minutes=1)
    )
    with raw_server(handler) as server:
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1))
        client = refreshing_client(server, token, session=session, timeout=30)
        holding = asyncio.ensure_future(session.get(server.url + "/hold"))
        await _until(lambda: len(server.requests) == 1)
        with pytest.raises(ExceptionGroup) as info:
            async with asyncio.TaskGroup() as group:
                group.create_task(client.tasks.create(task_title="x"))
                await asyncio.sleep(0.1)
                await session.close()
        holding.cancel()
        await asyncio.gather(holding, return_exceptions=True)
        await client.aclose()
    (error,) = info.value.exceptions
    assert isinstance(error, APIConnectionError)
    assert "refreshed" in str(error) and error.request_sent is False
    assert [r.path for r in server.requests] == ["/hold"]


@pytest.mark.parametrize("callers_session", [False, True], ids=["own session", "caller's session"])
async def test_closing_during_a_refresh_keeps_the_rotated_refresh_token(
    callers_session: bool,
) -> None:
    # The token endpoint has spent r0 and issued r1 by the time it answers. Closing the
    # client meanwhile (a service shutting down) must not cut that answer off: r0 no longer
    # works, so losing r1 means signing in again.
    def handler(request: RawRequest) -> RawReply:
        if request.path == "/token":
            time.sleep(0.5)  # a slow token endpoint (this blocks only the server's thread)
            body = {"access_token": "a1", "refresh_token": "r1", "expires_in": 1800}
            return RawReply(body=json.dumps(body).encode())
        return RawReply.envelope(TASK)

    saved: list[str | None] = []
    token = OAuth2Token(
        access_token="a0", refresh_token="r0", expires_at=utcnow() - timedelta(minutes=1)
    )
    with raw_server(handler) as server:
        async with (
            aiohttp.ClientSession() if callers_session else contextlib.nullcontext() as (session)
        ):
            client = refreshing_client(
                server,
                token,
                session=session,
                on_token_refresh=lambda fresh: saved.append(fresh.refresh_token),
            )
            call = asyncio.ensure_future(client.tasks.get(1))
            await _until(lambda: len(server.requests) == 1)  # the refresh is on its way
            await client.aclose()
            with pytest.raises(APIConnectionError, match="refreshed"):
                await call
            assert client.token.refresh_token == "r1"  # when aclose() returns, not later
    assert saved == ["r1"]
    assert [r.path for r in server.requests] == ["/token"]


def _slow_rotating_token_endpoint(request: RawRequest) -> RawReply:
    """The token endpoint takes half a second and rotates r0 → r1; the API answers."""
    if request.path == "/token":
        time.sleep(0.5)  # blocks only the server's thread
        body = {"access_token": "a1", "refresh_token": "r1", "expires_in": 1800}
        return RawReply(body=json.dumps(body).encode())
    return RawReply.envelope(TASK)


def _expired() -> OAuth2Token:
    return OAuth2Token(
        access_token="a0", refresh_token="r0", expires_at=utcnow() - timedelta(minutes=1)
    )


@pytest.mark.parametrize("second", ["a concurrent aclose()", "a cancelled aclose()"])
async def test_no_way_of_closing_cuts_off_a_refresh_in_flight(second: str) -> None:
    # A shutdown task closes the client while the `async with` block also leaves it; or a
    # timeout around aclose() gives up on it. Either way the rotated token is kept.
    saved: list[str | None] = []
    with raw_server(_slow_rotating_token_endpoint) as server:
        client = refreshing_client(
            server, _expired(), on_token_refresh=lambda fresh: saved.append(fresh.refresh_token)
        )
        call = asyncio.ensure_future(client.tasks.get(1))
        await _until(lambda: len(server.requests) == 1)  # the refresh is on its way
        if second == "a concurrent aclose()":
            first = asyncio.ensure_future(client.aclose())
            await asyncio.sleep(0)
            await client.aclose()  # returns when the first is done, not at once
            assert client.token.refresh_token == "r1"
            await first
        else:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(client.aclose(), 0.1)
            await _until(lambda: saved == ["r1"])  # the closing went on without its caller
            await client.aclose()
        await asyncio.gather(call, return_exceptions=True)
    assert client.token.refresh_token == "r1"
    assert saved == ["r1"]


async def test_closing_does_not_wait_for_a_refresh_that_has_sent_nothing() -> None:
    # The refresh waits for the store's lock (another refresh holds it): nothing was sent,
    # so closing cancels it rather than wait for the lock.
    store = MemoryTokenStore(_expired())
    with raw_server(_slow_rotating_token_endpoint) as server:
        client = refreshing_client(server, _expired(), token_store=store)
        async with store.lock():  # held elsewhere
            call = asyncio.ensure_future(client.tasks.get(1))
            await asyncio.sleep(0.1)
            begun = time.monotonic()
            await client.aclose()
            assert time.monotonic() - begun < 1
        with pytest.raises(APIConnectionError, match="refreshed"):
            await call
    assert server.requests == []


async def test_closing_ends_a_refresh_waiting_to_retry() -> None:
    # A 429 with Retry-After: 10: the refresh would try again in 10 s. Closing must neither
    # wait for that nor let the retry go out.
    def handler(request: RawRequest) -> RawReply:
        return RawReply.error(429, "slow down", headers={"Retry-After": "10"})

    with raw_server(handler) as server:
        client = refreshing_client(server, _expired())
        call = asyncio.ensure_future(client.tasks.get(1))
        await _until(lambda: len(server.requests) == 1)
        await asyncio.sleep(0.1)  # the refresh is in its backoff now
        begun = time.monotonic()
        await client.aclose()
        assert time.monotonic() - begun < 1
        await asyncio.gather(call, return_exceptions=True)
        await asyncio.sleep(0.2)
    assert [r.path for r in server.requests] == ["/token"]
