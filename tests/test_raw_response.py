"""``client.with_raw_response``: every resource and verb, answering with an ``APIResponse``.

Against the scripted local server (``_server.py``) for headers and failures, and against
FakeAstravue for the sync client.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import pytest
from _server import Reply, ScriptedServer, running_server

from astravue_async import (
    APIResponse,
    AstravueClient,
    InternalServerError,
    NotFoundError,
    Page,
    ResponseDecodeError,
)
from astravue_async._descriptors import Operation
from astravue_async._generated import operations as ops
from astravue_async.resources._raw import WithRawResponse
from astravue_async.sync import AstravueSyncClient, SyncWithRawResponse
from astravue_async.testing import SyncFakeAstravue

ORG_ID = 42
TASK = {
    "taskId": 7,
    "tenantId": ORG_ID,
    "taskTitle": "task 7",
    "status": {"taskStatusId": 1, "statusName": "Open"},
    "priority": {"taskPriorityId": 2, "priorityLabel": "High"},
    "owners": [],
}
RESOURCES = (
    "spaces",
    "projects",
    "tasks",
    "project_tasks",
    "timers",
    "notifications",
    "comments",
    "subtasks",
    "checklists",
)


async def _no_sleep(seconds: float) -> None:
    return None


@pytest.fixture
async def server() -> AsyncIterator[ScriptedServer]:
    async with running_server() as srv:
        yield srv


@pytest.fixture
async def client(server: ScriptedServer) -> AsyncIterator[AstravueClient]:
    async with AstravueClient(
        org_id=ORG_ID, access_token="raw-access-token", base_url=server.url
    ) as c:
        c._transport._sleep = _no_sleep
        yield c


async def test_the_response_says_what_the_server_said(
    client: AstravueClient, server: ScriptedServer
) -> None:
    server.script(
        "GET",
        "/tasks/7",
        Reply.error(503, "busy"),
        Reply.ok(
            TASK,
            headers={"X-Request-Id": "req-42", "Set-Cookie": "session=abc", "X-Extra": "yes"},
        ),
    )
    response = await client.with_raw_response.tasks.get(7)
    assert response.status == 200
    assert response.attempts == 2  # the 503 was retried
    assert response.request_id == "req-42"
    assert response.headers["x-extra"] == "yes"  # case-insensitive
    assert response.headers["Set-Cookie"] == "<redacted>"
    assert "raw-access-token" not in repr(dict(response.headers))
    assert response.operation_id == "get_task"
    assert (response.method, response.url_template, response.path) == (
        "GET",
        "/tasks/{taskId}",
        "/tasks/7",
    )
    assert response.http_version == "1.1"
    assert timedelta(0) < response.elapsed < timedelta(seconds=30)
    task = response.parse()
    assert task.task_id == 7 and response.parse() is task  # decoded once, kept
    assert response.json()["data"]["taskId"] == 7
    assert '"taskId":7' in response.text.replace(" ", "")
    assert "get_task" in repr(response) and "req-42" in repr(response)


async def test_without_a_request_id_header_there_is_none(
    client: AstravueClient, server: ScriptedServer
) -> None:
    server.script("GET", "/tasks/7", Reply.ok(TASK))
    response = await client.with_raw_response.tasks.get(7)
    assert response.request_id is None and response.attempts == 1


async def test_errors_and_retries_are_the_normal_calls(
    client: AstravueClient, server: ScriptedServer
) -> None:
    server.script("GET", "/tasks/8", Reply.error(404, "gone", headers={"X-Request-Id": "r8"}))
    with pytest.raises(NotFoundError) as missing:
        await client.with_raw_response.tasks.get(8)
    assert (missing.value.attempts, missing.value.request_id) == (1, "r8")
    server.script("GET", "/tasks/9", *[Reply.error(500) for _ in range(4)])
    with pytest.raises(InternalServerError) as failed:
        await client.with_raw_response.tasks.get(9)
    assert failed.value.attempts == 4
    # Decoded eagerly: a body off the model fails the call, as the normal call does.
    server.script("GET", "/tasks/10", Reply.ok({"taskId": "not a number"}))
    with pytest.raises(ResponseDecodeError):
        await client.with_raw_response.tasks.get(10)


async def test_bad_arguments_fail_before_anything_is_sent(
    client: AstravueClient, server: ScriptedServer
) -> None:
    with pytest.raises(TypeError):
        await client.with_raw_response.tasks.get("7")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="whole minutes"):
        await client.with_raw_response.timers.add_manual(7, duration=timedelta(seconds=5))
    with pytest.raises(ValueError):
        client.with_raw_response.tasks.list(page_size=0).close()  # at once, as list() does
    assert server.requests == []


async def test_a_list_answers_with_its_first_page(
    client: AstravueClient, server: ScriptedServer
) -> None:
    page_json = {"content": [TASK, {**TASK, "taskId": 8}], "totalElements": 5, "last": False}
    server.default("GET", "/tasks", Reply.ok(page_json, headers={"X-Request-Id": "list-1"}))
    response = await client.with_raw_response.tasks.list(page_size=2)
    page = response.parse()
    assert isinstance(page, Page)
    assert [t.task_id for t in page.items] == [7, 8] and page.has_next
    assert page == await client.tasks.list(page_size=2)  # what awaiting the paginator gives
    assert (response.request_id, response.operation_id) == ("list-1", "list_tasks")
    assert server.requests[0].query == [("page", "0"), ("size", "2")]
    limited = await client.with_raw_response.tasks.list(page_size=2, limit=1)
    assert [t.task_id for t in limited.parse().items] == [7]
    with pytest.raises(ValueError, match="limit=0"):
        await client.with_raw_response.tasks.list(limit=0)


async def test_the_request_escape_hatch_has_a_raw_twin(
    client: AstravueClient, server: ScriptedServer
) -> None:
    server.script("POST", "/custom", Reply.ok({"x": 1}, status=201))
    response = await client.with_raw_response.request("POST", "/custom", json={"a": 1})
    assert response.status == 201 and response.parse() == {"x": 1}
    assert (response.operation_id, response.url_template, response.path) == (
        "request",
        None,
        "/custom",
    )
    with pytest.raises(ValueError):
        await client.with_raw_response.request("GET", "no-slash")


async def test_copies_and_the_client_share_nothing_but_the_transport(
    client: AstravueClient, server: ScriptedServer
) -> None:
    server.default("GET", "/tasks/7", Reply.ok(TASK))
    assert client.with_raw_response is client.with_raw_response  # built once
    other = client.with_options(org_id=7)
    assert other.with_raw_response is not client.with_raw_response
    await other.with_raw_response.tasks.get(7)
    assert server.requests[-1].headers["X-Org-Id"] == "7"


def _public_methods(namespace: object) -> set[str]:
    return {
        name
        for name, value in inspect.getmembers(namespace)
        if not name.startswith("_") and callable(value)
    }


async def test_every_resource_and_verb_has_a_raw_twin(client: AstravueClient) -> None:
    raw = client.with_raw_response
    assert isinstance(raw, WithRawResponse)
    for resource in RESOURCES:
        verbs = _public_methods(getattr(client, resource))
        assert verbs, resource
        assert _public_methods(getattr(raw, resource)) == verbs, resource
        for verb in verbs:
            normal = inspect.signature(getattr(getattr(client, resource), verb))
            twin = inspect.signature(getattr(getattr(raw, resource), verb))
            assert list(twin.parameters) == list(normal.parameters), (resource, verb)


def test_every_sync_resource_and_verb_has_a_raw_twin() -> None:
    with AstravueSyncClient(org_id=1, access_token="t") as client:
        raw = client.with_raw_response
        assert isinstance(raw, SyncWithRawResponse)
        for resource in RESOURCES:
            verbs = _public_methods(getattr(client, resource))
            assert _public_methods(getattr(raw, resource)) == verbs, resource


@pytest.fixture
def fake() -> Iterator[SyncFakeAstravue]:
    with SyncFakeAstravue() as running:
        yield running


def test_the_sync_client_answers_with_responses(fake: SyncFakeAstravue) -> None:
    with fake.sync_client() as client:
        raw = client.with_raw_response
        created = raw.tasks.create(task_title="sync raw")
        assert isinstance(created, APIResponse) and created.status == 200
        task = created.parse()
        fake.fail_next(1, 503, retry_after=0, path="/tasks/{taskId}")
        got = raw.tasks.get(task.task_id)
        assert got.attempts == 2 and got.parse().task_title == "sync raw"
        started = raw.timers.start(task.task_id)
        assert started.operation_id == "start_personal_task_timer"
        page = raw.tasks.list(limit=1).parse()
        assert [t.task_id for t in page.items] == [task.task_id]
        checklist = raw.checklists.list(task.task_id)
        assert checklist.parse().items == []
        plain: Any = raw.request("GET", f"/tasks/{task.task_id}").parse()
        assert plain["taskTitle"] == "sync raw"
        with pytest.raises(NotFoundError) as missing:
            raw.tasks.get(99_999)
        assert missing.value.attempts == 1


# Every verb that answers without data: (resource, its arguments, the path they fill in).
NO_DATA_VERBS = (
    ("spaces", (3,), "/spaces/3"),
    ("projects", (3, 4), "/spaces/3/projects/4"),
    ("project_tasks", (3, 4, 5), "/spaces/3/projects/4/tasks/5"),
    ("tasks", (5,), "/tasks/5"),
    ("timers", (6,), "/time-track/6"),
)


def test_the_no_data_verbs_listed_are_all_there_are() -> None:
    no_data = {
        op.path for op in vars(ops).values() if isinstance(op, Operation) and op.response is None
    }
    assert len(no_data) == len(NO_DATA_VERBS)


@pytest.mark.parametrize(("resource", "args", "path"), NO_DATA_VERBS)
async def test_a_verb_without_data_answers_with_its_response(
    client: AstravueClient, server: ScriptedServer, resource: str, args: tuple[int, ...], path: str
) -> None:
    server.script("DELETE", path, Reply.error(503), Reply.ok(None, headers={"X-Request-Id": "d1"}))
    response = await getattr(client.with_raw_response, resource).delete(*args)
    assert isinstance(response, APIResponse)
    assert (response.status, response.attempts, response.request_id) == (200, 2, "d1")
    assert response.method == "DELETE" and response.path == path
    assert response.parse() is None
    server.script("DELETE", path, Reply.ok(None))
    assert await getattr(client, resource).delete(*args) is None  # the normal call: None


@pytest.mark.parametrize(("resource", "args", "path"), NO_DATA_VERBS)
def test_a_sync_verb_without_data_answers_with_its_response(
    fake: SyncFakeAstravue, resource: str, args: tuple[int, ...], path: str
) -> None:
    with fake.sync_client() as client:
        raw = getattr(client.with_raw_response, resource)
        # The fake has none of these ids: the 404 shows the request went out, as the raw call.
        with pytest.raises(NotFoundError):
            raw.delete(*args)
        if resource == "tasks":
            task = client.tasks.create(task_title="to delete")
            response = raw.delete(task.task_id)
            assert isinstance(response, APIResponse) and response.status == 200
            assert response.parse() is None
