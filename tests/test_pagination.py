"""Paginators: every item exactly once, the stop rules, ``limit``, ``page_size`` and the
repeating-server guard — through the real client against a local server, plus pure tests of
``page_from_response``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import pytest
from resources.conftest import (
    FakeAPI,
    Recorded,
    make_client,
    page_json,
    running_api,
    task_json,
)

from astravue_async import AstravueClient, Page, PaginationError, Paginator, models
from astravue_async._descriptors import Operation, Pagination
from astravue_async._generated import operations as ops
from astravue_async._pagination import page_from_response


@pytest.fixture
async def api() -> AsyncIterator[FakeAPI]:
    async with running_api() as fake:
        yield fake


@pytest.fixture
async def client(api: FakeAPI) -> AsyncIterator[AstravueClient]:
    async with make_client(api) as c:
        yield c


class PagedTasks:
    """``GET /tasks`` over ``count`` tasks, paged the way the query asks.

    ``last``/``total`` choose which end-of-list signals the server sends, so each stop rule
    can be tested on its own; ``claims_last_after`` makes it say ``last: true`` early.
    """

    def __init__(
        self,
        count: int,
        *,
        last: bool = False,
        total: bool = False,
        claims_last_after: int | None = None,
        claims_total: int | None = None,
    ) -> None:
        self.count = count
        self.last = last
        self.total = total
        self.claims_last_after = claims_last_after
        self.claims_total = claims_total

    def __call__(self, request: Recorded) -> Any:
        number, size = int(request.query["page"]), int(request.query["size"])
        start = number * size
        content = [task_json(i) for i in range(start, min(start + size, self.count))]
        last: bool | None = None
        if self.last:
            last = start + size >= self.count
        if self.claims_last_after is not None:
            last = number >= self.claims_last_after
        total = self.claims_total if self.claims_total is not None else None
        if self.total and total is None:
            total = self.count
        return page_json(content, page=number, size=size, last=last, total=total)


def pages_requested(api: FakeAPI) -> list[int]:
    return [int(r.query["page"]) for r in api.requests]


async def test_three_full_pages_and_a_short_last_page(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(35, last=True, total=True))
    ids = [task.task_id async for task in client.tasks.list(page_size=10)]
    assert ids == list(range(35))  # every item, in order, exactly once
    assert pages_requested(api) == [0, 1, 2, 3]
    assert {r.query["size"] for r in api.requests} == {"10"}


@pytest.mark.parametrize(
    ("server", "items", "pages"),
    [
        # Only `last: true` says stop; the pages before it are full.
        (PagedTasks(100, claims_last_after=1), 20, [0, 1]),
        # No last flag, no total: a full page is followed by an empty one.
        (PagedTasks(30), 30, [0, 1, 2, 3]),
        # No last flag, no total: a short page is the last one.
        (PagedTasks(25), 25, [0, 1, 2]),
        # totalElements reached: no request for a page that cannot exist.
        (PagedTasks(30, total=True), 30, [0, 1, 2]),
        # totalElements smaller than what the server would send: trust it.
        (PagedTasks(100, claims_total=20), 20, [0, 1]),
    ],
    ids=["last-flag", "empty-page", "short-page", "total-reached", "total-claimed"],
)
async def test_stop_rules(
    api: FakeAPI, client: AstravueClient, server: PagedTasks, items: int, pages: list[int]
) -> None:
    api.on("GET", "/tasks", responder=server)
    ids = [task.task_id async for task in client.tasks.list(page_size=10)]
    assert ids == list(range(items))
    assert pages_requested(api) == pages


async def test_limit_within_the_first_page_fetches_one_page(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(100))
    ids = [task.task_id async for task in client.tasks.list(limit=5)]
    assert ids == [0, 1, 2, 3, 4]
    assert api.count == 1
    assert api.last.query == {"page": "0", "size": "20"}


@pytest.mark.parametrize(
    ("limit", "pages"), [(25, [0, 1, 2]), (20, [0, 1]), (10, [0]), (1, [0]), (0, [])]
)
async def test_limit_across_pages(
    api: FakeAPI, client: AstravueClient, limit: int, pages: list[int]
) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(100))
    tasks = await client.tasks.list(page_size=10, limit=limit).to_list()
    assert [t.task_id for t in tasks] == list(range(limit))
    assert pages_requested(api) == pages


async def test_limit_larger_than_everything(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(12, last=True))
    tasks = await client.tasks.list(page_size=10, limit=1000).to_list()
    assert len(tasks) == 12
    assert pages_requested(api) == [0, 1]


async def test_pages_yields_numbered_pages(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(35, last=True, total=True))
    pages = [page async for page in client.tasks.list(page_size=10).pages()]
    assert all(isinstance(page, Page) for page in pages)
    assert [p.page for p in pages] == [0, 1, 2, 3]
    assert [len(p) for p in pages] == [10, 10, 10, 5]
    assert [p.size for p in pages] == [10, 10, 10, 10]
    assert [p.total_elements for p in pages] == [35, 35, 35, 35]
    assert [p.has_next for p in pages] == [True, True, True, False]
    assert [t.task_id for p in pages for t in p] == list(range(35))


async def test_pages_with_limit_truncates_the_last_page(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(100))
    pages = [page async for page in client.tasks.list(page_size=10, limit=15).pages()]
    assert [(p.page, len(p), p.has_next) for p in pages] == [(0, 10, True), (1, 5, False)]


async def test_await_gives_the_first_page(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(35, last=True, total=True))
    page = await client.tasks.list(status="Open", page_size=10)
    assert isinstance(page, Page)
    assert [t.task_id for t in page.items] == list(range(10))
    assert all(isinstance(t, models.TaskDto) for t in page)
    assert (page.page, page.size, page.total_elements, page.has_next) == (0, 10, 35, True)
    assert api.count == 1
    assert api.last.query == {"page": "0", "size": "10", "status": "Open"}


async def test_await_with_limit_truncates_the_first_page(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(35))
    page = await client.tasks.list(page_size=10, limit=3)
    assert [t.task_id for t in page] == [0, 1, 2]
    assert page.has_next is False


async def test_a_paginator_can_be_walked_twice(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(15, last=True))
    paginator = client.tasks.list(page_size=10)
    first = [t.task_id async for t in paginator]
    second = [t.task_id async for t in paginator]
    assert first == second == list(range(15))
    assert pages_requested(api) == [0, 1, 0, 1]


async def test_repeating_server_raises_instead_of_looping(
    api: FakeAPI, client: AstravueClient
) -> None:
    same = page_json([task_json(i) for i in range(10)], size=10, last=False)
    api.on("GET", "/tasks", same)
    seen: list[int] = []
    with pytest.raises(PaginationError, match="repeats"):
        async for task in client.tasks.list(page_size=10):
            seen.append(task.task_id)
    assert seen == list(range(10))  # the first page is still delivered, once
    assert api.count == 2


async def test_repeating_server_raises_from_pages(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", page_json([task_json(1)], size=1, last=False))
    pages = client.tasks.list(page_size=1).pages()
    first = await anext(pages)
    assert (first.page, first.has_next) == (0, True)
    with pytest.raises(PaginationError, match="page 1 repeats an earlier page"):
        await anext(pages)
    assert api.count == 2


async def test_plain_array_endpoint_is_one_page(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/spaces", [{"spaceId": i} for i in range(1, 31)])
    page = await client.spaces.list()
    assert (page.page, page.size, page.total_elements, page.has_next) == (0, None, 30, False)
    assert len(page) == 30
    pages = [p async for p in client.spaces.list().pages()]
    assert len(pages) == 1
    limited = await client.spaces.list().to_list()
    assert [s.space_id for s in limited] == list(range(1, 31))
    assert api.count == 3
    assert all(r.query == {} for r in api.requests)  # no page/size parameters


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"page_size": 0}, ValueError),
        ({"page_size": 101}, ValueError),
        ({"page_size": -1}, ValueError),
        ({"page_size": "x"}, TypeError),
        ({"page_size": 10.0}, TypeError),
        ({"page_size": True}, TypeError),
        ({"limit": -1}, ValueError),
        ({"limit": "5"}, TypeError),
        ({"limit": False}, TypeError),
    ],
)
async def test_bad_page_size_or_limit_fails_before_any_request(
    api: FakeAPI, client: AstravueClient, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error, match=next(iter(kwargs))):
        client.tasks.list(**kwargs)
    assert api.count == 0


async def test_largest_page_size_is_allowed(api: FakeAPI, client: AstravueClient) -> None:
    api.on("GET", "/tasks", responder=PagedTasks(3, last=True))
    page = await client.tasks.list(page_size=100)
    assert len(page) == 3
    assert api.last.query["size"] == "100"


async def test_page_size_on_a_plain_array_endpoint_is_refused() -> None:
    async def fetch(op: Operation, args: Mapping[str, Any]) -> Any:
        raise AssertionError("no request expected")

    with pytest.raises(ValueError, match="not paged"):
        Paginator(fetch, ops.LIST_SPACES, {}, page_size=10)


async def test_paginator_with_a_fake_fetch_passes_paging_arguments() -> None:
    calls: list[dict[str, Any]] = []

    async def fetch(op: Operation, args: Mapping[str, Any]) -> Any:
        calls.append(dict(args))
        number = args["page"]
        content = [models.TaskDto(task_id=number * 2 + i) for i in range(2)] if number < 2 else []
        return models.TaskListResponse(content=content)

    paginator: Paginator[models.TaskDto] = Paginator(
        fetch, ops.LIST_TASKS, {"status": "Open"}, page_size=2
    )
    assert [t.task_id async for t in paginator] == [0, 1, 2, 3]
    assert calls == [
        {"status": "Open", "page": 0, "size": 2},
        {"status": "Open", "page": 1, "size": 2},
        {"status": "Open", "page": 2, "size": 2},
    ]
    assert "list_tasks" in repr(paginator)


# --------------------------------------------------------------------------- pure


PAGING = ops.LIST_TASKS.pagination
assert PAGING is not None


def tasks(n: int) -> list[models.TaskDto]:
    return [models.TaskDto(task_id=i) for i in range(n)]


def test_plain_list_is_one_page() -> None:
    page = page_from_response(tasks(3), None, number=0, size=None)
    assert page == Page(items=tasks(3), page=0, size=None, total_elements=3, has_next=False)
    empty = page_from_response(None, None, number=0, size=None)
    assert (empty.items, empty.total_elements, empty.has_next) == ([], 0, False)


@pytest.mark.parametrize(
    ("response", "number", "size", "has_next"),
    [
        (models.TaskListResponse(content=tasks(10), last=False), 0, 10, True),
        (models.TaskListResponse(content=tasks(10)), 0, 10, True),  # no signal: ask again
        (models.TaskListResponse(content=tasks(10), last=True), 0, 10, False),
        (models.TaskListResponse(content=tasks(4), last=False), 0, 10, False),  # short
        (models.TaskListResponse(content=[], last=False), 3, 10, False),  # empty
        (models.TaskListResponse(content=None), 0, 10, False),  # missing content
        (models.TaskListResponse(content=tasks(10), total_elements=20), 1, 10, False),
        (models.TaskListResponse(content=tasks(10), total_elements=21), 1, 10, True),
        (models.TaskListResponse(content=tasks(10), total_elements=20), 0, 10, True),
        (models.TaskListResponse(content=tasks(10), last=False), 0, None, True),
    ],
    ids=[
        "full-not-last",
        "full-no-signal",
        "last",
        "short",
        "empty",
        "no-content",
        "total-reached",
        "total-one-more",
        "total-not-reached",
        "no-size",
    ],
)
def test_page_from_response(
    response: models.TaskListResponse, number: int, size: int | None, has_next: bool
) -> None:
    page = page_from_response(response, PAGING, number=number, size=size)
    assert page.has_next is has_next
    assert page.items == (response.content or [])
    assert (page.page, page.size, page.total_elements) == (number, size, response.total_elements)


def test_page_from_response_with_a_wrong_items_field() -> None:
    broken = Pagination(style="page", page_param="page", size_param="size", items_field="items")
    with pytest.raises(PaginationError, match="items"):
        page_from_response(models.TaskListResponse(), broken, number=0, size=10)


def test_page_is_iterable_and_sized() -> None:
    page: Page[models.TaskDto] = Page(
        items=tasks(2), page=0, size=2, total_elements=None, has_next=True
    )
    assert [t.task_id for t in page] == [0, 1]
    assert len(page) == 2


async def test_server_alternating_between_two_pages_is_detected(
    api: FakeAPI, client: AstravueClient
) -> None:
    first = page_json([task_json(i) for i in range(2)], size=2, last=False)
    second = page_json([task_json(i) for i in range(2, 4)], size=2, last=False)
    served = iter([first, second, first, second, first])
    api.on("GET", "/tasks", responder=lambda _: next(served))
    with pytest.raises(PaginationError, match="repeats"):
        async for _ in client.tasks.list(page_size=2):
            pass
    assert api.count == 3


async def test_limit_zero_fetches_nothing(api: FakeAPI, client: AstravueClient) -> None:
    page = await client.tasks.list(limit=0)
    assert page.items == [] and not page.has_next
    assert [t async for t in client.tasks.list(limit=0)] == []
    assert api.count == 0
