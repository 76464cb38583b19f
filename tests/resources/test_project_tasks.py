"""``client.project_tasks`` against the recording server."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from astravue_async import AstravueClient, models
from astravue_async._generated import operations as ops
from astravue_async.resources import ProjectTasks

from .conftest import (
    Case,
    FakeAPI,
    PageOf,
    assert_cases_cover,
    case_ids,
    page_json,
    run_case,
    task_json,
)

BASE = "/spaces/5/projects/6/tasks"

CASES = [
    Case(
        name="list",
        call=lambda c: c.project_tasks.list(5, 6),
        operation=ops.LIST_PROJECT_TASKS,
        method="GET",
        path=BASE,
        query={"page": "0", "size": "20"},
        response=page_json([task_json(1, spaceId=5, projectId=6)]),
        returns=PageOf(models.TaskDto),
    ),
    Case(
        name="list-every-filter",
        call=lambda c: c.project_tasks.list(
            5,
            6,
            status="In Progress",
            priority="Low",
            search="api",
            due_date_from=datetime(2024, 1, 1, tzinfo=UTC),
            due_date_to=datetime(2024, 12, 31, 23, 59, 59, tzinfo=UTC),
            owner_id=3,
            sort="taskTitle,asc",
            page_size=1,
        ),
        operation=ops.LIST_PROJECT_TASKS,
        method="GET",
        path=BASE,
        query={
            "page": "0",
            "size": "1",
            "sort": "taskTitle,asc",
            "status": "In Progress",
            "priority": "Low",
            "search": "api",
            "dueDateFrom": "2024-01-01T00:00:00Z",
            "dueDateTo": "2024-12-31T23:59:59Z",
            "ownerId": "3",
        },
        response=page_json([task_json(1)], size=1),
        returns=PageOf(models.TaskDto),
    ),
    Case(
        name="get",
        call=lambda c: c.project_tasks.get(5, 6, 7),
        operation=ops.GET_PROJECT_TASK,
        method="GET",
        path=f"{BASE}/7",
        response=task_json(7, spaceId=5, projectId=6),
        returns=models.TaskDto,
    ),
    Case(
        name="create-kwargs",
        call=lambda c: c.project_tasks.create(
            5, 6, task_title="Ship it", owners=[4], priority="High", tags=["release", "v2"]
        ),
        operation=ops.CREATE_PROJECT_TASK,
        method="POST",
        path=BASE,
        body={"taskTitle": "Ship it", "owners": [4], "priority": "High", "tags": ["release", "v2"]},
        response=task_json(8),
        returns=models.TaskDto,
    ),
    Case(
        name="create-model",
        call=lambda c: c.project_tasks.create(
            5, 6, models.TaskCreateRequest(task_title="T", completion=50)
        ),
        operation=ops.CREATE_PROJECT_TASK,
        method="POST",
        path=BASE,
        body={"taskTitle": "T", "completion": 50},
        response=task_json(8),
        returns=models.TaskDto,
    ),
    Case(
        name="update",
        call=lambda c: c.project_tasks.update(
            5, 6, 7, status="Done", due_date=datetime(2024, 6, 1, tzinfo=UTC)
        ),
        operation=ops.UPDATE_PROJECT_TASK,
        method="PUT",
        path=f"{BASE}/7",
        body={"status": "Done", "dueDate": "2024-06-01T00:00:00Z"},
        response=task_json(7),
        returns=models.TaskDto,
    ),
    Case(
        name="delete",
        call=lambda c: c.project_tasks.delete(5, 6, 7),
        operation=ops.DELETE_PROJECT_TASK,
        method="DELETE",
        path=f"{BASE}/7",
        response=None,
        returns=None,
    ),
]


def test_cases_call_every_operation() -> None:
    assert_cases_cover(ProjectTasks, CASES)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
async def test_call(api: FakeAPI, client: AstravueClient, case: Case) -> None:
    await run_case(api, client, case)


BAD_CALLS: list[tuple[str, Any, type[Exception], str]] = [
    ("create-missing-title", lambda c: c.project_tasks.create(5, 6), TypeError, "task_title"),
    (
        "create-missing-project",
        lambda c: c.project_tasks.create(5, None, task_title="x"),
        ValueError,
        "project_id",
    ),
    ("get-str-task", lambda c: c.project_tasks.get(5, 6, "7"), TypeError, "task_id"),
    (
        "update-model-and-kwargs",
        lambda c: c.project_tasks.update(5, 6, 7, models.TaskUpdateRequest(), status="Done"),
        TypeError,
        "status",
    ),
    (
        "update-create-model",
        lambda c: c.project_tasks.update(5, 6, 7, models.TaskCreateRequest(task_title="x")),
        TypeError,
        "TaskUpdateRequest",
    ),
    ("delete-float-space", lambda c: c.project_tasks.delete(5.0, 6, 7), TypeError, "space_id"),
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


async def test_list_checks_filters_when_called(api: FakeAPI, client: AstravueClient) -> None:
    with pytest.raises(ValueError, match="due_date_to"):
        client.project_tasks.list(5, 6, due_date_to=datetime(2024, 1, 1))
    with pytest.raises(TypeError, match="owner_id"):
        client.project_tasks.list(5, 6, owner_id=1.5)
    assert api.count == 0
