"""Bad responses: whatever a server (or something pretending to be one) sends back, the
caller gets a result or an SDK error (an ``AstravueError``) with a readable message.

Hypothesis generates the responses, served by a local aiohttp app into the real transport:
JSON of the wrong shape (wrong types, missing fields, ``success: false`` on a 200, pages that
are not pages), truncated bodies, wrong content types and encodings, junk ``Retry-After``
headers, bodies cut off mid-transfer, and raw bytes on a bare TCP socket instead of HTTP.
"Readable" means: the message is not empty and shorter than 1 kB, however large the body.

Successes without data (204, 205, a 200/202 with an empty or blank body, ``data: null``) are
success for operations that return nothing, and a clear ``ResponseDecodeError`` (or an empty
list, for ``data: null`` on a list) for operations that return data.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import traceback
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from astravue_async import (
    AstravueClient,
    AstravueError,
    ConflictError,
    Paginator,
    ResponseDecodeError,
)

from ._support import SUMMARY, FakeSleep, serve

MESSAGE_LIMIT = 1000
NO_HANG = 30.0
TOKEN = "tok-5ecret-bearer-0123456789"

# Each call decodes into a different shape: a model, a page of models, a plain list, nothing.
CALLS: dict[str, Callable[[AstravueClient], Any]] = {
    "tasks.get": lambda c: c.tasks.get(1),
    "tasks.list": lambda c: c.tasks.list(),
    "spaces.list": lambda c: c.spaces.list(),
    "tasks.create": lambda c: c.tasks.create(task_title="t"),
    "timers.stop": lambda c: c.timers.stop(1),
    "notifications.mark_read": lambda c: c.notifications.mark_read([1]),
    "timers.active": lambda c: c.timers.active(),
    "request": lambda c: c.request("GET", "/anything"),
}

long_text = st.text(min_size=1_000, max_size=3_000)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63, max_value=2**200),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    long_text,
    st.sampled_from(["2024-03-04T09:00:00Z", "not a date", "", "9999-99-99T99:99:99Z"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def maybe(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(valid, valid, json_values)


task_like = st.fixed_dictionaries(
    {},
    optional={
        "taskId": maybe(st.integers(1, 9)),
        "taskTitle": maybe(st.text(max_size=20)),
        "completion": maybe(st.integers(0, 100)),
        "owners": maybe(st.lists(st.fixed_dictionaries({"userId": maybe(st.integers(1, 3))}))),
        "createTime": maybe(st.just("2024-03-04T09:00:00Z")),
        "status": json_values,
        "tags": maybe(st.lists(st.text(max_size=5))),
    },
)
page_like = st.fixed_dictionaries(
    {},
    optional={
        "content": maybe(st.lists(task_like, max_size=3)),
        "last": maybe(st.booleans()),
        "size": maybe(st.integers(0, 100)),
        "page": maybe(st.integers(0, 3)),
        "totalElements": maybe(st.integers(0, 100)),
    },
)
envelopes = st.fixed_dictionaries(
    {},
    optional={
        "success": maybe(st.booleans()),
        "message": maybe(st.one_of(st.text(max_size=30), long_text)),
        "code": maybe(st.sampled_from([200, 400, 404, 409, 500, 0, -1])),
        "data": st.one_of(task_like, page_like, st.lists(task_like, max_size=3), json_values),
        "errors": maybe(
            st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "field": maybe(st.text(max_size=300)),
                        "message": maybe(st.text(max_size=300)),
                        "rejectedValue": json_values,
                    },
                ),
                max_size=20,
            )
        ),
    },
)


def _truncate(data: bytes, cut: int) -> bytes:
    return data[: cut % max(len(data), 1)]


json_bodies = st.one_of(envelopes, json_values).map(lambda v: json.dumps(v).encode())
bodies = st.one_of(
    json_bodies,
    json_bodies,
    st.builds(_truncate, json_bodies, st.integers(0, 10_000)),  # cut anywhere
    st.binary(max_size=300),
    st.sampled_from(
        [
            b"",
            b"null",
            b"<html><body><h1>502 Bad Gateway</h1></body></html>",
            b"[" * 100_000,  # nesting deep enough to overflow a recursive parser
            b'{"success": true, "data": ' + b"9" * 5_000 + b"}",  # beyond int() digit limit
            b'{"success": true, "data": NaN}',
            b"\xef\xbb\xbf{}",  # a byte-order mark
            '{"message": "\u00e9"}'.encode("latin-1"),
        ]
    ),
)
statuses = st.one_of(
    st.sampled_from([200, 201, 202, 204, 301, 302, 400, 401, 403, 404, 409, 429, 500, 503]),
    st.integers(200, 599),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/json; charset=latin-1",
        "application/problem+json",
        "text/html",
        "text/plain",
        "application/octet-stream",
        "",
    ]
)
RETRY_AFTERS = [
    "0", "1", "-1", "abc", "1e9", "99999999999999999999", "NaN", "", "0.5",
    "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
]  # fmt: skip
extra_headers = st.fixed_dictionaries(
    {},
    optional={
        "Retry-After": st.sampled_from(
            [
                "0",
                "1",
                "-1",
                "abc",
                "1e9",
                "99999999999999999999",
                "NaN",
                "",
                "0.5",
                "Wed, 21 Oct 2015 07:28:00 GMT",
                "Fri, 31 Dec 9999 23:59:59 GMT",
            ]
        ),
        "Content-Encoding": st.sampled_from(["gzip", "deflate", "br", "x-unknown"]),
        "Location": st.sampled_from(["http://evil.example/", "/v1/tasks", "::"]),
    },
)


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    cut_transfer: bool = False
    """Announce the full length, send half, close the connection."""

    def __repr__(self) -> str:
        body = self.body if len(self.body) <= 120 else self.body[:117] + b"..."
        return (
            f"Reply({self.status}, {body!r}, {self.content_type!r}, {self.headers!r}, "
            f"cut_transfer={self.cut_transfer})"
        )


replies = st.builds(Reply, statuses, bodies, content_types, extra_headers, st.booleans())


async def answer(reply: Reply, request: web.Request) -> web.StreamResponse:
    await request.read()
    if reply.cut_transfer and len(reply.body) > 1:
        response = web.StreamResponse(status=reply.status, headers=reply.headers)
        response.content_length = len(reply.body)
        if reply.content_type:
            response.content_type = reply.content_type
        await response.prepare(request)
        await response.write(reply.body[: len(reply.body) // 2])
        assert request.transport is not None
        request.transport.close()
        return response
    headers = dict(reply.headers)
    if reply.content_type:
        headers["Content-Type"] = reply.content_type
    body = None if reply.status in (204, 304) else reply.body
    return web.Response(status=reply.status, body=body, headers=headers)


def check_outcome(outcome: Any, described: str) -> None:
    if isinstance(outcome, AstravueError):
        message = str(outcome)
        assert message, f"{described}: {type(outcome).__name__} with an empty message"
        assert len(message) < MESSAGE_LIMIT, (
            f"{described}: a {len(message)}-character message: {message[:300]!r}..."
        )
        repr(outcome)
        # Nor anywhere in the chain: aiohttp's exceptions carry the request's headers.
        printed = "".join(traceback.format_exception(outcome))
        assert TOKEN not in printed, f"{described}: the bearer token is in the traceback"
    elif isinstance(outcome, BaseException):
        raise AssertionError(f"{described}: not an SDK error: {outcome!r}") from outcome


async def outcome_of(client: AstravueClient, name: str) -> Any:
    """The call's result, or the exception it raised (never a hang)."""
    try:
        result = CALLS[name](client)
        if isinstance(result, Paginator):
            return await asyncio.wait_for(result.to_list(), NO_HANG)
        return await asyncio.wait_for(result, NO_HANG)
    except Exception as exc:
        return exc


def make_client(base_url: str) -> AstravueClient:
    client = AstravueClient(org_id=1, access_token=TOKEN, base_url=base_url, max_retries=1)
    return FakeSleep().install(client)


RESPONSE_SETTINGS = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@RESPONSE_SETTINGS
@given(reply=replies, name=st.sampled_from(sorted(CALLS)))
async def test_any_http_response_gives_a_result_or_a_readable_sdk_error(
    reply: Reply, name: str
) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        return await answer(reply, request)

    async with serve(handler, record=False) as server:
        client = make_client(server.origin + "/v1")
        async with client:
            outcome = await outcome_of(client, name)
    SUMMARY.faults += 1
    check_outcome(outcome, f"{name} <- {reply!r}")


@contextlib.asynccontextmanager
async def raw_tcp(payload: bytes) -> AsyncIterator[str]:
    """A TCP server that answers every connection with ``payload`` and hangs up."""

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            await reader.readuntil(b"\r\n\r\n")  # the request head; any body is ignored
            writer.write(payload)
            await writer.drain()
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    try:
        port = server.sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.close()
        await server.wait_closed()


raw_responses = st.one_of(
    st.binary(max_size=200),
    st.builds(
        lambda status, head, body: b"HTTP/1.1 " + status + b"\r\n" + head + b"\r\n" + body,
        st.sampled_from([b"200 OK", b"200", b"999 Nope", b"abc", b"", b"200 OK\x00"]),
        st.sampled_from(
            [
                b"",
                b"Content-Length: 1000\r\n",
                b"Content-Length: -5\r\n",
                b"Content-Length: abc\r\n",
                b"Transfer-Encoding: chunked\r\n",
                b"Content-Type: application/json\r\nContent-Length: 2\r\n",
                b"X-Broken-Header\r\n",
                b"Content-Length: 2\r\nContent-Length: 3\r\n",
            ]
        ),
        st.binary(max_size=100),
    ),
)


@RESPONSE_SETTINGS
@given(payload=raw_responses, name=st.sampled_from(["tasks.get", "tasks.create"]))
async def test_raw_bytes_instead_of_http_give_an_sdk_error(payload: bytes, name: str) -> None:
    async with raw_tcp(payload) as base_url, make_client(base_url) as client:
        outcome = await outcome_of(client, name)
    SUMMARY.faults += 1
    check_outcome(outcome, f"{name} <- raw {payload[:120]!r}")


async def test_huge_error_texts_are_cut_in_the_message_but_kept_on_the_error() -> None:
    # Found by the test above: str() of the error repeated the server's whole message.
    errors = [{"field": "f" * 300, "message": "m" * 300}] * 20
    body = json.dumps({"success": False, "message": "x" * 5_000, "errors": errors}).encode()
    reply = Reply(200, body, "application/json")

    async def handler(request: web.Request) -> web.StreamResponse:
        return await answer(reply, request)

    async with serve(handler) as server:
        client = make_client(server.origin + "/v1")
        async with client:
            outcome = await outcome_of(client, "tasks.get")
    check_outcome(outcome, "a 5 kB message")
    assert outcome.message == "x" * 5_000 and len(outcome.field_errors) == 20


# --------------------------------------------------------------------------- empty successes

ENVELOPE_WITHOUT_DATA = json.dumps({"success": True, "message": "OK", "code": 200, "data": None})
# (status, body) pairs that all mean "done, nothing to return".
NO_CONTENT = {
    "204-empty": (204, None),
    "205-empty": (205, None),
    "200-empty": (200, b""),
    "200-whitespace": (200, b" \r\n\t\n"),
    "202-empty": (202, b""),
    "201-newline": (201, b"\n"),
    "200-data-null": (200, ENVELOPE_WITHOUT_DATA.encode()),
    "202-data-null": (202, ENVELOPE_WITHOUT_DATA.encode()),
}


def answering(status: int, body: bytes | None) -> Callable[[web.Request], Any]:
    async def handler(request: web.Request) -> web.StreamResponse:
        await request.read()
        headers = {"Content-Type": "application/json"} if body else {}
        return web.Response(status=status, body=body, headers=headers)

    return handler


@pytest.mark.parametrize("case", sorted(NO_CONTENT))
@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.tasks.delete(1),
        lambda c: c.spaces.delete(2),
        lambda c: c.timers.delete(3),
        lambda c: c.request("DELETE", "/tasks/1"),
    ],
    ids=["tasks.delete", "spaces.delete", "timers.delete", "request"],
)
async def test_operations_without_data_succeed_on_any_empty_success(case: str, call: Any) -> None:
    status, body = NO_CONTENT[case]
    async with (
        serve(answering(status, body)) as server,
        make_client(server.origin + "/v1") as client,
    ):
        assert await call(client) is None
    assert len(server.hits) == 1  # once: nothing was retried


@pytest.mark.parametrize("case", [c for c in sorted(NO_CONTENT) if "data-null" not in c])
@pytest.mark.parametrize(
    ("call", "returns"),
    [
        (lambda c: c.tasks.get(1), "TaskDto"),
        (lambda c: c.tasks.create(task_title="t"), "TaskDto"),
        (lambda c: c.spaces.list().to_list(), "list[SpaceDto]"),
        (lambda c: c.tasks.list().to_list(), "TaskListResponse"),
    ],
    ids=["tasks.get", "tasks.create", "spaces.list", "tasks.list"],
)
async def test_operations_with_data_refuse_an_empty_success(
    case: str, call: Any, returns: str
) -> None:
    status, body = NO_CONTENT[case]
    async with (
        serve(answering(status, body)) as server,
        make_client(server.origin + "/v1") as client,
    ):
        with pytest.raises(ResponseDecodeError) as caught:
            await call(client)
    SUMMARY.faults += 1
    assert f"HTTP {status} without a body" in str(caught.value)
    assert f"returns {returns}" in str(caught.value)


@pytest.mark.parametrize("status", [200, 202])
async def test_data_null_is_an_empty_list_for_lists_and_an_error_for_objects(status: int) -> None:
    async with (
        serve(answering(status, ENVELOPE_WITHOUT_DATA.encode())) as server,
        make_client(server.origin + "/v1") as client,
    ):
        assert await client.spaces.list().to_list() == []
        with pytest.raises(ResponseDecodeError, match=r"no data .* returns TaskDto"):
            await client.tasks.get(1)
        with pytest.raises(ResponseDecodeError, match="returns TaskListResponse"):
            await client.tasks.list().to_list()


@pytest.mark.parametrize("status", [200, 202])
async def test_success_false_fails_an_operation_without_data(status: int) -> None:
    body = json.dumps({"success": False, "code": 409, "message": "a timer is running"})
    async with (
        serve(answering(status, body.encode())) as server,
        make_client(server.origin + "/v1") as client,
    ):
        with pytest.raises(ConflictError, match="a timer is running"):
            await client.tasks.delete(1)
