"""``client.projects`` against the recording server."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from astravue_async import AstravueClient, models
from astravue_async._generated import operations as ops
from astravue_async.resources import Projects

from .conftest import Case, FakeAPI, PageOf, assert_cases_cover, case_ids, page_json, run_case

IST = timezone(timedelta(hours=5, minutes=30))


def project_json(project_id: int = 6, **extra: Any) -> dict[str, Any]:
    return {
        "projectId": project_id,
        "spaceId": 5,
        "projectName": f"project {project_id}",
        "status": "IN_PROGRESS",
        "health": "ON_TRACK",
        "budget": 1500.5,
        "members": [{"userId": 1}],
        **extra,
    }


CASES = [
    Case(
        name="list",
        call=lambda c: c.projects.list(5),
        operation=ops.LIST_PROJECTS,
        method="GET",
        path="/spaces/5/projects",
        query={"page": "0", "size": "20"},
        response=page_json([project_json(6), project_json(7)]),
        returns=PageOf(models.ProjectDto),
    ),
    Case(
        name="list-sorted-paged",
        call=lambda c: c.projects.list(5, sort="projectName,asc", page_size=100),
        operation=ops.LIST_PROJECTS,
        method="GET",
        path="/spaces/5/projects",
        query={"page": "0", "size": "100", "sort": "projectName,asc"},
        response=page_json([project_json(6)], size=100),
        returns=PageOf(models.ProjectDto),
    ),
    Case(
        name="get",
        call=lambda c: c.projects.get(5, 6),
        operation=ops.GET_PROJECT,
        method="GET",
        path="/spaces/5/projects/6",
        response=project_json(6),
        returns=models.ProjectDto,
    ),
    Case(
        name="create-kwargs",
        call=lambda c: c.projects.create(
            5,
            project_name="Launch",
            description="Q3 launch",
            status=models.ProjectStatus.NOT_STARTED,
            priority="High",
            health="AT_RISK",
            start_date=datetime(2024, 7, 1, 9, 30, tzinfo=IST),
            end_date=datetime(2024, 9, 30, tzinfo=UTC),
            budget=1500.5,
            currency="EUR",
            member_ids=[1, 2],
        ),
        operation=ops.CREATE_PROJECT,
        method="POST",
        path="/spaces/5/projects",
        body={
            "projectName": "Launch",
            "description": "Q3 launch",
            "status": "NOT_STARTED",
            "priority": "High",
            "health": "AT_RISK",
            "startDate": "2024-07-01T04:00:00Z",
            "endDate": "2024-09-30T00:00:00Z",
            "budget": 1500.5,
            "currency": "EUR",
            "memberIds": [1, 2],
        },
        response=project_json(8),
        returns=models.ProjectDto,
    ),
    Case(
        name="create-model",
        call=lambda c: c.projects.create(5, models.ProjectRequest(project_name="P", budget=0)),
        operation=ops.CREATE_PROJECT,
        method="POST",
        path="/spaces/5/projects",
        body={"projectName": "P", "budget": 0},
        response=project_json(8),
        returns=models.ProjectDto,
    ),
    Case(
        name="update-partial",
        call=lambda c: c.projects.update(5, 6, status="COMPLETED", member_ids=[]),
        operation=ops.UPDATE_PROJECT,
        method="PUT",
        path="/spaces/5/projects/6",
        body={"status": "COMPLETED", "memberIds": []},
        response=project_json(6, status="COMPLETED"),
        returns=models.ProjectDto,
    ),
    Case(
        name="update-model",
        call=lambda c: c.projects.update(
            5, 6, models.ProjectUpdateRequest(health=models.ProjectHealth.OFF_TRACK)
        ),
        operation=ops.UPDATE_PROJECT,
        method="PUT",
        path="/spaces/5/projects/6",
        body={"health": "OFF_TRACK"},
        response=project_json(6),
        returns=models.ProjectDto,
    ),
    Case(
        name="delete",
        call=lambda c: c.projects.delete(5, 6),
        operation=ops.DELETE_PROJECT,
        method="DELETE",
        path="/spaces/5/projects/6",
        response=None,
        returns=None,
    ),
]


def test_cases_call_every_operation() -> None:
    assert_cases_cover(Projects, CASES)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
async def test_call(api: FakeAPI, client: AstravueClient, case: Case) -> None:
    await run_case(api, client, case)


async def test_decoded_project_keeps_unknown_enum_values(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.on("GET", "/spaces/5/projects/6", project_json(6, status="ARCHIVED"))
    project = await client.projects.get(5, 6)
    assert project.status == "ARCHIVED"
    assert project.status is not None and not project.status.is_known
    assert project.health is models.ProjectHealth.ON_TRACK
    assert project.budget == 1500.5


async def test_list_walks_pages_with_the_space_in_the_path(
    api: FakeAPI, client: AstravueClient
) -> None:
    def pages(request: Any) -> Any:
        number = int(request.query["page"])
        return page_json([project_json(10 * number + i) for i in range(2)], page=number, size=2,
                         last=number == 1)  # fmt: skip

    api.on("GET", "/spaces/5/projects", responder=pages)
    ids = [p.project_id async for p in client.projects.list(5, page_size=2)]
    assert ids == [0, 1, 10, 11]
    assert [(r.path, r.query["page"]) for r in api.requests] == [
        ("/spaces/5/projects", "0"),
        ("/spaces/5/projects", "1"),
    ]


BAD_CALLS: list[tuple[str, Any, type[Exception], str]] = [
    (
        "create-nan-budget",
        lambda c: c.projects.create(1, project_name="p", budget=float("nan")),
        ValueError,
        "budget",
    ),
    (
        "create-inf-budget",
        lambda c: c.projects.create(1, project_name="p", budget=float("inf")),
        ValueError,
        "budget",
    ),
    (
        "create-negative-budget",
        lambda c: c.projects.create(1, project_name="p", budget=-1),
        ValueError,
        "budget",
    ),
    (
        "create-str-budget",
        lambda c: c.projects.create(1, project_name="p", budget="100"),
        TypeError,
        "budget",
    ),
    ("create-missing-name", lambda c: c.projects.create(1), TypeError, "project_name"),
    (
        "create-str-space",
        lambda c: c.projects.create("1", project_name="p"),
        TypeError,
        "space_id",
    ),
    ("update-int-status", lambda c: c.projects.update(1, 2, status=5), TypeError, "status"),
    (
        "update-naive-end",
        lambda c: c.projects.update(1, 2, end_date=datetime(2024, 1, 1)),
        ValueError,
        "end_date",
    ),
    ("get-missing-project", lambda c: c.projects.get(1, None), ValueError, "project_id"),
    ("delete-bool-space", lambda c: c.projects.delete(False, 2), TypeError, "space_id"),
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


async def test_list_needs_an_int_space_id(api: FakeAPI, client: AstravueClient) -> None:
    with pytest.raises(TypeError, match="space_id"):
        client.projects.list("5")
    with pytest.raises(ValueError, match="space_id"):
        client.projects.list(None)
    assert api.count == 0
