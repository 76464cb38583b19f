"""``client.comments``, ``client.subtasks`` and ``client.checklists`` (x-seed: false paths)."""

from __future__ import annotations

from typing import Any

import pytest

from astravue_async import AstravueClient, models
from astravue_async._generated import operations as ops
from astravue_async.resources import Checklists, Comments, Subtasks
from astravue_async.resources._base import Resource

from .conftest import (
    Case,
    FakeAPI,
    PageOf,
    assert_cases_cover,
    case_ids,
    operations_of_resource,
    run_case,
    task_json,
)


def comment_json(comment_id: int = 1) -> dict[str, Any]:
    return {"taskCommentId": comment_id, "taskId": 7, "comment": "hi @ada", "mentionedUserIds": [1]}


def checklist_json(item_id: int = 1) -> dict[str, Any]:
    return {"taskCheckListId": item_id, "checkListTitle": "step", "isCompleted": False}


CASES = [
    Case(
        name="comments",
        call=lambda c: c.comments.list(7),
        operation=ops.LIST_TASK_COMMENTS,
        method="GET",
        path="/tasks/7/comments",
        response=[comment_json(1), comment_json(2)],
        returns=PageOf(models.TaskCommentDto),
    ),
    Case(
        name="subtasks-personal",
        call=lambda c: c.subtasks.list(7),
        operation=ops.LIST_PERSONAL_SUBTASKS,
        method="GET",
        path="/tasks/7/subtasks",
        response=[task_json(70, parentTaskId=7)],
        returns=PageOf(models.TaskDto),
    ),
    Case(
        name="subtasks-project",
        call=lambda c: c.subtasks.list(7, space_id=5, project_id=6),
        operation=ops.LIST_PROJECT_SUBTASKS,
        method="GET",
        path="/spaces/5/projects/6/tasks/7/subtasks",
        response=[task_json(70, parentTaskId=7, spaceId=5, projectId=6)],
        returns=PageOf(models.TaskDto),
    ),
    Case(
        name="checklists-task",
        call=lambda c: c.checklists.list(7),
        operation=ops.LIST_PARENT_TASK_CHECKLISTS,
        method="GET",
        path="/tasks/7/checklists",
        response=[checklist_json(1)],
        returns=PageOf(models.TaskCheckListDto),
    ),
    Case(
        name="checklists-subtask",
        call=lambda c: c.checklists.list(7, subtask_id=70),
        operation=ops.LIST_SUBTASK_CHECKLISTS,
        method="GET",
        path="/tasks/7/subtasks/70/checklists",
        response=[checklist_json(2)],
        returns=PageOf(models.TaskCheckListDto),
    ),
]


@pytest.mark.parametrize("resource_cls", [Comments, Subtasks, Checklists])
def test_cases_call_every_operation(resource_cls: type[Resource]) -> None:
    own = operations_of_resource(resource_cls)
    assert_cases_cover(resource_cls, [case for case in CASES if case.operation.operation_id in own])


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
async def test_call(api: FakeAPI, client: AstravueClient, case: Case) -> None:
    await run_case(api, client, case)


async def test_lists_are_single_pages(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks/7/comments", [comment_json(i) for i in range(1, 4)])
    page = await client.comments.list(7)
    assert (page.page, page.size, page.has_next, len(page)) == (0, None, False, 3)
    comments = await client.comments.list(7).to_list()
    assert [c.task_comment_id for c in comments] == [1, 2, 3]
    assert comments[0].mentioned_user_ids == [1]
    assert api.count == 2


async def test_empty_list(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks/7/checklists", [])
    page = await client.checklists.list(7)
    assert (page.items, page.has_next) == ([], False)


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda c: c.subtasks.list(1, space_id=2), ValueError, "project_id"),
        (lambda c: c.subtasks.list(1, project_id=2), ValueError, "space_id"),
        (lambda c: c.subtasks.list("1"), TypeError, "task_id"),
        (lambda c: c.subtasks.list(1, space_id="2", project_id=3), TypeError, "space_id"),
        (lambda c: c.checklists.list(1, subtask_id="2"), TypeError, "subtask_id"),
        (lambda c: c.comments.list(None), ValueError, "task_id"),
    ],
    ids=[
        "subtasks-space-without-project",
        "subtasks-project-without-space",
        "subtasks-str-task",
        "subtasks-str-space",
        "checklists-str-subtask",
        "comments-missing-task",
    ],
)
def test_bad_arguments_fail_when_called(
    api: FakeAPI, client: AstravueClient, call: Any, error: type[Exception], name: str
) -> None:
    with pytest.raises(error, match=name):
        call(client)
    assert api.count == 0
