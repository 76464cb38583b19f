"""``client.tasks``: personal tasks, against the recording server."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from astravue_async import AstravueClient, NotFoundError, Page, PaginationError, models
from astravue_async._generated import operations as ops
from astravue_async.resources import Tasks

from .conftest import (
    Case,
    FakeAPI,
    PageOf,
    assert_cases_cover,
    case_ids,
    error_envelope,
    page_json,
    run_case,
    task_json,
)

CEST = timezone(timedelta(hours=2))

CASES = [
    Case(
        name="list-defaults",
        call=lambda c: c.tasks.list(),
        operation=ops.LIST_TASKS,
        method="GET",
        path="/tasks",
        query={"page": "0", "size": "20"},
        response=page_json([task_json(1), task_json(2)]),
        returns=PageOf(models.TaskDto),
    ),
    Case(
        name="list-every-filter",
        call=lambda c: c.tasks.list(
            status="Open",
            priority="High",
            search="report",
            due_date_from=datetime(2024, 1, 1, 2, 0, tzinfo=CEST),
            due_date_to=datetime(2024, 2, 1, tzinfo=UTC),
            owner_id=9,
            sort="dueDate,desc",
            page_size=50,
        ),
        operation=ops.LIST_TASKS,
        method="GET",
        path="/tasks",
        query={
            "page": "0",
            "size": "50",
            "sort": "dueDate,desc",
            "status": "Open",
            "priority": "High",
            "search": "report",
            "dueDateFrom": "2024-01-01T00:00:00Z",
            "dueDateTo": "2024-02-01T00:00:00Z",
            "ownerId": "9",
        },
        response=page_json([task_json(1)], size=50),
        returns=PageOf(models.TaskDto),
    ),
    Case(
        name="get",
        call=lambda c: c.tasks.get(7),
        operation=ops.GET_TASK,
        method="GET",
        path="/tasks/7",
        response=task_json(7),
        returns=models.TaskDto,
    ),
    Case(
        name="create-kwargs",
        call=lambda c: c.tasks.create(
            task_title="Write report",
            description="for @ada",
            owners=[1, 2],
            start_date=datetime(2024, 5, 1, 10, 0, tzinfo=CEST),
            due_date=datetime(2024, 5, 3, tzinfo=UTC),
            completion=0,
            status="Open",
            priority="High",
            tags=["q2"],
        ),
        operation=ops.CREATE_TASK,
        method="POST",
        path="/tasks",
        body={
            "taskTitle": "Write report",
            "description": "for @ada",
            "owners": [1, 2],
            "startDate": "2024-05-01T08:00:00Z",
            "dueDate": "2024-05-03T00:00:00Z",
            "completion": 0,
            "status": "Open",
            "priority": "High",
            "tags": ["q2"],
        },
        response=task_json(8),
        returns=models.TaskDto,
    ),
    Case(
        name="create-title-only-sends-no-nulls",
        call=lambda c: c.tasks.create(task_title="x"),
        operation=ops.CREATE_TASK,
        method="POST",
        path="/tasks",
        body={"taskTitle": "x"},
        response=task_json(8),
        returns=models.TaskDto,
    ),
    Case(
        name="create-model",
        call=lambda c: c.tasks.create(models.TaskCreateRequest(task_title="x", tags=["a"])),
        operation=ops.CREATE_TASK,
        method="POST",
        path="/tasks",
        body={"taskTitle": "x", "tags": ["a"]},
        response=task_json(8),
        returns=models.TaskDto,
    ),
    Case(
        name="update-partial",
        call=lambda c: c.tasks.update(7, completion=100, status="Done"),
        operation=ops.UPDATE_TASK,
        method="PUT",
        path="/tasks/7",
        body={"completion": 100, "status": "Done"},
        response=task_json(7, completion=100),
        returns=models.TaskDto,
    ),
    Case(
        name="update-model",
        call=lambda c: c.tasks.update(7, models.TaskUpdateRequest(task_title="renamed")),
        operation=ops.UPDATE_TASK,
        method="PUT",
        path="/tasks/7",
        body={"taskTitle": "renamed"},
        response=task_json(7),
        returns=models.TaskDto,
    ),
    Case(
        name="delete",
        call=lambda c: c.tasks.delete(7),
        operation=ops.DELETE_TASK,
        method="DELETE",
        path="/tasks/7",
        response=None,
        returns=None,
    ),
]


def test_cases_call_every_operation() -> None:
    assert_cases_cover(Tasks, CASES)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
async def test_call(api: FakeAPI, client: AstravueClient, case: Case) -> None:
    await run_case(api, client, case)


async def test_decoded_task(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks/7", task_json(7))
    task = await client.tasks.get(7)
    assert task.task_id == 7
    assert task.due_date == datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert task.status is not None and task.status.status_name == "Open"
    assert task.owners is not None and task.owners[0].first_name == "Ada"


async def test_list_first_page_attributes(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", page_json([task_json(1)], size=20, last=True, total=41))
    page = await client.tasks.list(status="Open")
    assert isinstance(page, Page)
    assert [t.task_id for t in page.items] == [1]
    assert (page.page, page.size, page.total_elements) == (0, 20, 41)
    assert page.has_next is False  # the server said last=true


async def test_not_found(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks/404", error_envelope(404, "Task not found"), status=404)
    with pytest.raises(NotFoundError) as info:
        await client.tasks.get(404)
    assert info.value.status == 404
    assert info.value.message == "Task not found"
    assert (info.value.method, info.value.path) == ("GET", "/tasks/404")


BAD_CALLS: list[tuple[str, Any, type[Exception], str]] = [
    ("get-str-id", lambda c: c.tasks.get("1"), TypeError, "task_id"),
    ("get-bool-id", lambda c: c.tasks.get(True), TypeError, "task_id"),
    ("get-none-id", lambda c: c.tasks.get(None), ValueError, "task_id"),
    ("create-missing-title", lambda c: c.tasks.create(), TypeError, "task_title"),
    ("create-int-title", lambda c: c.tasks.create(task_title=5), TypeError, "task_title"),
    ("create-empty-title", lambda c: c.tasks.create(task_title=""), ValueError, "task_title"),
    (
        "create-model-and-kwargs",
        lambda c: c.tasks.create(models.TaskCreateRequest(task_title="x"), task_title="y"),
        TypeError,
        "task_title",
    ),
    (
        "create-wrong-model",
        lambda c: c.tasks.create(models.TaskUpdateRequest(task_title="x")),
        TypeError,
        "TaskCreateRequest",
    ),
    (
        "create-naive-due-date",
        lambda c: c.tasks.create(task_title="x", due_date=datetime(2024, 1, 1)),
        ValueError,
        "due_date",
    ),
    (
        "create-owner-names",
        lambda c: c.tasks.create(task_title="x", owners=["ada"]),
        TypeError,
        "owners[0]",
    ),
    (
        "create-completion-out-of-range",
        lambda c: c.tasks.create(task_title="x", completion=101),
        ValueError,
        "completion",
    ),
    (
        "update-bad-tags",
        lambda c: c.tasks.update(7, tags="urgent"),
        TypeError,
        "tags",
    ),
    ("delete-float-id", lambda c: c.tasks.delete(7.0), TypeError, "task_id"),
]


@pytest.mark.parametrize(
    ("call", "error", "name"), [b[1:] for b in BAD_CALLS], ids=[b[0] for b in BAD_CALLS]
)
async def test_bad_arguments_fail_before_any_request(
    api: FakeAPI, client: AstravueClient, call: Any, error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=re.escape(name)):
        await call(client)
    assert api.count == 0


BAD_LISTS: list[tuple[str, dict[str, Any], type[Exception], str]] = [
    ("naive-due-date-from", {"due_date_from": datetime(2024, 1, 1)}, ValueError, "due_date_from"),
    ("str-due-date-to", {"due_date_to": "2024-01-01"}, TypeError, "due_date_to"),
    ("str-owner", {"owner_id": "x"}, TypeError, "owner_id"),
    ("int-status", {"status": 1}, TypeError, "status"),
    ("page-size-zero", {"page_size": 0}, ValueError, "page_size"),
    ("page-size-too-big", {"page_size": 101}, ValueError, "page_size"),
    ("page-size-str", {"page_size": "x"}, TypeError, "page_size"),
    ("negative-limit", {"limit": -1}, ValueError, "limit"),
    ("unknown-kwarg", {"owner": 1}, TypeError, "owner"),
]


@pytest.mark.parametrize(
    ("kwargs", "error", "name"), [b[1:] for b in BAD_LISTS], ids=[b[0] for b in BAD_LISTS]
)
async def test_bad_list_arguments_fail_when_called(
    api: FakeAPI, client: AstravueClient, kwargs: dict[str, Any], error: type[Exception], name: str
) -> None:
    # Raised by list() itself, not at the first iteration.
    with pytest.raises(error, match=name):
        client.tasks.list(**kwargs)
    assert api.count == 0


async def test_list_iterates_every_task(api: FakeAPI, client: AstravueClient) -> None:
    def pages(request: Any) -> Any:
        number, size = int(request.query["page"]), int(request.query["size"])
        content = [task_json(i) for i in range(number * size, min((number + 1) * size, 5))]
        return page_json(content, page=number, size=size, last=(number + 1) * size >= 5)

    api.on("GET", "/tasks", responder=pages)
    ids = [task.task_id async for task in client.tasks.list(status="Open", page_size=2)]
    assert ids == [0, 1, 2, 3, 4]
    assert [r.query["page"] for r in api.requests] == ["0", "1", "2"]
    assert all(r.query["status"] == "Open" for r in api.requests)


async def test_repeating_server_is_detected(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", page_json([task_json(1), task_json(2)], size=2, last=False))
    with pytest.raises(PaginationError):
        await client.tasks.list(page_size=2).to_list()
    assert api.count == 2
