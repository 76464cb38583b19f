"""A recording fake of the Astravue API on 127.0.0.1, and a client pointed at it.

The server records every request (method, path below ``/v1``, query, JSON body, headers) and
answers with canned ``{success, message, code, data}`` envelopes. Unregistered routes answer
404, so a facade method that builds the wrong path fails loudly.

Also imported by ``tests/test_pagination.py``, ``tests/test_client.py`` and
``tests/test_bulk.py`` (``from resources.conftest import ...``) for the same server.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import attrs
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from astravue_async import AstravueClient, Page
from astravue_async._descriptors import Operation
from astravue_async.resources._base import Resource, operations_of

ORG_ID = 42
ACCESS_TOKEN = "t"

_NO_BODY: Any = object()


def envelope(data: Any, *, code: int = 200, message: str = "ok") -> dict[str, Any]:
    """The API's success envelope."""
    return {"success": True, "message": message, "code": code, "data": data}


def error_envelope(status: int, message: str) -> dict[str, Any]:
    return {"success": False, "message": message, "code": status, "errors": []}


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it."""

    method: str
    path: str
    """Path below the ``/v1`` base, e.g. ``/tasks/7``."""
    raw_path: str
    """The same, as it was on the wire (percent-escapes not decoded)."""
    query: dict[str, str]
    query_string: str
    body: Any
    """Decoded JSON body, or ``None`` when the request had no JSON body."""
    raw_body: bytes
    headers: Mapping[str, str]


@dataclass
class Reply:
    """A non-default answer: any status and any JSON body (or raw text)."""

    status: int = 200
    body: Any = None
    text: str | None = None


Responder = Callable[[Recorded], Any]
"""Returns the envelope ``data`` for a request, or a :class:`Reply`."""


@dataclass
class FakeAPI:
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    routes: dict[tuple[str, str], Responder] = field(default_factory=dict)
    delay: float = 0.0
    in_flight: int = 0
    max_in_flight: int = 0

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    @property
    def count(self) -> int:
        return len(self.requests)

    @property
    def last(self) -> Recorded:
        assert self.requests, "the server received no request"
        return self.requests[-1]

    def on(
        self,
        method: str,
        path: str,
        data: Any = None,
        *,
        responder: Responder | None = None,
        status: int = 200,
    ) -> None:
        """Answer ``method path`` with ``envelope(data)`` (or whatever ``responder`` returns)."""
        if responder is None:
            body = envelope(data) if status < 400 else data

            def responder(_: Recorded) -> Any:
                return Reply(status, body)

        self.routes[(method.upper(), path)] = responder

    async def handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        recorded = Recorded(
            method=request.method,
            path=request.path.removeprefix("/v1"),
            raw_path=request.raw_path.split("?")[0].removeprefix("/v1"),
            query=dict(request.query),
            query_string=request.query_string,
            body=json.loads(raw) if raw and request.content_type == "application/json" else None,
            raw_body=raw,
            headers=dict(request.headers),
        )
        self.requests.append(recorded)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            responder = self.routes.get((recorded.method, recorded.path))
            if responder is None:
                return web.json_response(
                    error_envelope(404, f"no route {recorded.method} {recorded.path}"), status=404
                )
            answer = responder(recorded)
            if inspect.isawaitable(answer):
                answer = await answer
            if not isinstance(answer, Reply):
                answer = Reply(200, envelope(answer))
            if answer.text is not None:
                return web.Response(status=answer.status, text=answer.text)
            return web.json_response(answer.body, status=answer.status)
        finally:
            self.in_flight -= 1


@contextlib.asynccontextmanager
async def running_api() -> AsyncIterator[FakeAPI]:
    api = FakeAPI()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", api.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        api.url = str(server.make_url("")).rstrip("/")
        yield api
    finally:
        await server.close()


def make_client(api: FakeAPI, **overrides: Any) -> AstravueClient:
    kwargs: dict[str, Any] = {
        "org_id": ORG_ID,
        "access_token": ACCESS_TOKEN,
        "base_url": api.base_url,
    }
    kwargs.update(overrides)
    return AstravueClient(**kwargs)


@pytest.fixture
async def api() -> AsyncIterator[FakeAPI]:
    async with running_api() as fake:
        yield fake


@pytest.fixture
async def client(api: FakeAPI) -> AsyncIterator[AstravueClient]:
    async with make_client(api) as c:
        yield c


# --------------------------------------------------------------------------- sample payloads


def user_json(user_id: int = 1) -> dict[str, Any]:
    return {"userId": user_id, "firstName": "Ada", "lastName": "Lovelace", "email": "a@x.io"}


def task_json(task_id: int = 7, **extra: Any) -> dict[str, Any]:
    return {
        "taskId": task_id,
        "tenantId": ORG_ID,
        "taskTitle": f"task {task_id}",
        "dueDate": "2024-05-01T12:00:00Z",
        "status": {"taskStatusId": 1, "statusName": "Open"},
        "priority": {"taskPriorityId": 2, "priorityLabel": "High"},
        "owners": [user_json()],
        **extra,
    }


def page_json(
    content: list[Any],
    *,
    page: int = 0,
    size: int = 20,
    last: bool | None = True,
    total: int | None = None,
) -> dict[str, Any]:
    """A Spring-style page object; ``last``/``total`` left out of the JSON when ``None``."""
    body: dict[str, Any] = {"content": content, "page": page, "size": size}
    if last is not None:
        body["last"] = last
    if total is not None:
        body["totalElements"] = total
        body["totalPages"] = -(-total // size)
    return body


def timer_json(timer_id: int = 99, **extra: Any) -> dict[str, Any]:
    return {
        "timeTrackerId": timer_id,
        "taskId": 7,
        "entryType": "MANUAL",
        "startTime": "2024-05-01T09:00:00Z",
        "duration": 5_400_000,
        "running": False,
        **extra,
    }


# --------------------------------------------------------------------------- call tables


@attrs.frozen
class PageOf:
    """Expected result of a list method: a :class:`Page` of ``model`` items."""

    model: type[Any]


@attrs.frozen
class Case:
    """One facade call and exactly what must go over the wire for it.

    ``method``/``path`` are spelled out literally (not read from the descriptor) so a change
    of the descriptors is caught too; ``operation`` ties the case to the spec operation.
    """

    name: str
    call: Callable[[AstravueClient], Awaitable[Any]]
    operation: Operation
    method: str
    path: str
    response: Any
    returns: type[Any] | PageOf | None
    query: Mapping[str, str] = attrs.field(factory=dict)
    body: Any = _NO_BODY
    """Exact JSON body expected; left out: the request must have no body."""

    def __str__(self) -> str:
        return self.name


def case_ids(cases: list[Case]) -> list[str]:
    return [case.name for case in cases]


async def run_case(api: FakeAPI, client: AstravueClient, case: Case) -> Any:
    """Serve ``case.response``, make the call, check the request and the decoded result."""
    template = re.sub(r"\{[^/]+\}", "[^/]+", case.operation.path)
    assert case.method == case.operation.method, case.name
    assert re.fullmatch(template, case.path), f"{case.name}: not {case.operation.path}"
    api.on(case.method, case.path, case.response)
    result = await case.call(client)
    assert api.count == 1, f"{case.name}: expected one request, got {api.requests}"
    seen = api.last
    assert (seen.method, seen.path) == (case.method, case.path)
    assert seen.query == dict(case.query)
    assert seen.headers["X-Org-Id"] == str(ORG_ID)
    assert seen.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    if case.body is _NO_BODY:
        assert seen.raw_body == b"", f"{case.name}: unexpected body {seen.raw_body!r}"
    else:
        assert seen.headers["Content-Type"].startswith("application/json")
        assert seen.body == case.body
        assert_no_nulls(seen.body)
    if case.returns is None:
        assert result is None
    elif isinstance(case.returns, PageOf):
        assert isinstance(result, Page)
        assert result.items, f"{case.name}: the canned response has items"
        assert all(isinstance(item, case.returns.model) for item in result.items)
    else:
        assert isinstance(result, case.returns)
    return result


def assert_no_nulls(value: Any) -> None:
    """Nothing the SDK sends contains a JSON null (``None`` means "not given")."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert item is not None, f"null sent for {key!r}"
            assert_no_nulls(item)
    elif isinstance(value, list):
        for item in value:
            assert_no_nulls(item)


def operations_of_resource(resource_cls: type[Resource]) -> set[str]:
    """Operation ids of every public method of a resource class."""
    return {
        op.operation_id
        for name, member in inspect.getmembers(resource_cls, inspect.isfunction)
        if not name.startswith("_")
        for op in operations_of(member)
    }


def assert_cases_cover(resource_cls: type[Resource], cases: list[Case]) -> None:
    """Every operation (every branch) of ``resource_cls`` is called by at least one case."""
    called = {case.operation.operation_id for case in cases}
    assert called == operations_of_resource(resource_cls)
