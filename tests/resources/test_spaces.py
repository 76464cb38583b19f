"""``client.spaces`` against the recording server."""

from __future__ import annotations

import re
from typing import Any

import pytest

from astravue_async import AstravueClient, NotFoundError, Page, models
from astravue_async._generated import operations as ops
from astravue_async.resources import Spaces

from .conftest import (
    Case,
    FakeAPI,
    PageOf,
    assert_cases_cover,
    case_ids,
    error_envelope,
    run_case,
    user_json,
)


def space_json(space_id: int = 3, **extra: Any) -> dict[str, Any]:
    return {
        "spaceId": space_id,
        "tenantId": 42,
        "spaceName": f"space {space_id}",
        "isPrivate": False,
        "createdBy": user_json(),
        "createTime": "2024-01-02T03:04:05Z",
        **extra,
    }


CASES = [
    Case(
        name="list",
        call=lambda c: c.spaces.list(),
        operation=ops.LIST_SPACES,
        method="GET",
        path="/spaces",
        response=[space_json(1), space_json(2)],
        returns=PageOf(models.SpaceDto),
    ),
    Case(
        name="get",
        call=lambda c: c.spaces.get(3),
        operation=ops.GET_SPACE,
        method="GET",
        path="/spaces/3",
        response=space_json(3),
        returns=models.SpaceDto,
    ),
    Case(
        name="create-kwargs",
        call=lambda c: c.spaces.create(
            space_name="Marketing", description="d", color="#ff0000", is_private=False
        ),
        operation=ops.CREATE_SPACE,
        method="POST",
        path="/spaces",
        body={
            "spaceName": "Marketing",
            "description": "d",
            "color": "#ff0000",
            "isPrivate": False,
        },
        response=space_json(4),
        returns=models.SpaceDto,
    ),
    Case(
        name="create-model",
        call=lambda c: c.spaces.create(models.SpaceRequest(space_name="S", is_private=True)),
        operation=ops.CREATE_SPACE,
        method="POST",
        path="/spaces",
        body={"spaceName": "S", "isPrivate": True},
        response=space_json(4),
        returns=models.SpaceDto,
    ),
    Case(
        name="update-partial",
        call=lambda c: c.spaces.update(3, description="new"),
        operation=ops.UPDATE_SPACE,
        method="PUT",
        path="/spaces/3",
        body={"description": "new"},
        response=space_json(3, description="new"),
        returns=models.SpaceDto,
    ),
    Case(
        name="update-model",
        call=lambda c: c.spaces.update(3, models.SpaceUpdateRequest(color="#00ff00")),
        operation=ops.UPDATE_SPACE,
        method="PUT",
        path="/spaces/3",
        body={"color": "#00ff00"},
        response=space_json(3),
        returns=models.SpaceDto,
    ),
    Case(
        name="delete",
        call=lambda c: c.spaces.delete(3),
        operation=ops.DELETE_SPACE,
        method="DELETE",
        path="/spaces/3",
        response=None,
        returns=None,
    ),
]


def test_cases_call_every_operation() -> None:
    assert_cases_cover(Spaces, CASES)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
async def test_call(api: FakeAPI, client: AstravueClient, case: Case) -> None:
    await run_case(api, client, case)


async def test_list_is_one_page_of_everything(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/spaces", [space_json(i) for i in range(1, 4)])
    page = await client.spaces.list()
    assert isinstance(page, Page)
    assert (page.page, page.size, page.total_elements, page.has_next) == (0, None, 3, False)
    assert [s.space_id async for s in client.spaces.list()] == [1, 2, 3]
    assert api.count == 2  # one request per walk: no second page is ever asked for
    assert all(r.query == {} for r in api.requests)


async def test_decoded_space(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/spaces/3", space_json(3))
    space = await client.spaces.get(3)
    assert space.space_name == "space 3"
    assert space.created_by is not None and space.created_by.user_id == 1
    assert space.create_time is not None and space.create_time.tzinfo is not None


async def test_get_missing_space(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/spaces/9", error_envelope(404, "Space not found"), status=404)
    with pytest.raises(NotFoundError, match="Space not found") as info:
        await client.spaces.get(9)
    assert info.value.status == 404


BAD_CALLS: list[tuple[str, Any, type[Exception], str]] = [
    ("get-str", lambda c: c.spaces.get("3"), TypeError, "space_id"),
    ("create-missing-name", lambda c: c.spaces.create(), TypeError, "space_name"),
    ("create-empty-name", lambda c: c.spaces.create(space_name=""), ValueError, "space_name"),
    (
        "create-private-str",
        lambda c: c.spaces.create(space_name="S", is_private="yes"),
        TypeError,
        "is_private",
    ),
    (
        "create-model-and-kwargs",
        lambda c: c.spaces.create(models.SpaceRequest(space_name="S"), color="#fff"),
        TypeError,
        "color",
    ),
    ("update-empty-name", lambda c: c.spaces.update(3, space_name=""), ValueError, "space_name"),
    ("delete-negative-looking-str", lambda c: c.spaces.delete("-1"), TypeError, "space_id"),
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


async def test_list_takes_no_page_size(client: AstravueClient) -> None:
    with pytest.raises(TypeError):
        client.spaces.list(page_size=10)  # type: ignore[call-arg]
