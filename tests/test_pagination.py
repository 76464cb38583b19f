"""Paginators: every item exactly once, the stop rules, ``limit``, ``page_size``, the
repeating-server guard and a collection that changes between pages (``on_change``) — through
the real client against a local server — plus pure tests of ``page_from_response``, the id
field each model is known by and the walk's bounded memory."""

from __future__ import annotations

import contextlib
import gc
import logging
import pickle
import tracemalloc
import typing
import warnings
import weakref
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

import attrs
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
from astravue_async._convert import wire_name
from astravue_async._descriptors import Operation, Pagination
from astravue_async._generated import operations as ops
from astravue_async._pagination import (
    CollectionChange,
    CollectionChangedError,
    CollectionChangedWarning,
    Fetch,
    OnChange,
    id_field,
    page_from_response,
)


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
    api.on("GET", "/spaces", [{"spaceId": i, "spaceName": f"s{i}"} for i in range(1, 31)])
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
        content = (
            [models.TaskDto(task_id=number * 2 + i, task_title="t") for i in range(2)]
            if number < 2
            else []
        )
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
    return [models.TaskDto(task_id=i, task_title="t") for i in range(n)]


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


# --------------------------------------------------------------------------- changing data


class LiveTasks:
    """``GET /tasks`` over a list the test changes between pages, like a real server.

    Serves ``ids`` as they are at the moment of each request; ``total`` says whether pages
    carry ``totalElements`` (``stale_total`` pins it to a number that no longer holds).
    """

    def __init__(self, count: int, *, total: bool = True, stale_total: int | None = None):
        self.ids = list(range(1, count + 1))
        self.total = total
        self.stale_total = stale_total

    def __call__(self, request: Recorded) -> Any:
        number, size = int(request.query["page"]), int(request.query["size"])
        start = number * size
        content = [task_json(i) for i in self.ids[start : start + size]]
        total = self.stale_total if self.stale_total is not None else len(self.ids)
        return page_json(
            content,
            page=number,
            size=size,
            last=start + size >= len(self.ids),
            total=total if self.total else None,
        )


def changes(records: Iterable[warnings.WarningMessage]) -> list[CollectionChange]:
    """The changes carried by the CollectionChangedWarnings among ``records``."""
    return [w.message.change for w in records if isinstance(w.message, CollectionChangedWarning)]


async def test_deleting_each_item_while_iterating_raises(
    api: FakeAPI, client: AstravueClient
) -> None:
    live = LiveTasks(25)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with pytest.raises(CollectionChangedError) as caught:
        async for task in client.tasks.list(page_size=5, search="s3cr3t-filter"):
            handed.append(task.task_id)
            live.ids.remove(task.task_id)
    assert handed == [1, 2, 3, 4, 5]  # nothing of the changed page was handed over
    change = caught.value.change
    assert (change.page, change.yielded, change.previous_total, change.total) == (1, 5, 25, 20)
    assert change.operation_id == "list_tasks" and change.repeated == 0
    assert change.reasons == ("totalElements went from 25 to 20",)
    message = str(caught.value)
    assert "page 1" in message and "5 item(s) yielded" in message and "page 0" in message
    assert "s3cr3t-filter" not in message  # arguments (possibly private) stay out of it
    assert isinstance(caught.value, PaginationError)
    assert pages_requested(api) == [0, 1]


@pytest.mark.parametrize("policy", ["warn", "ignore"])
async def test_deleting_each_item_goes_on_when_asked(
    api: FakeAPI, client: AstravueClient, policy: OnChange
) -> None:
    live = LiveTasks(25)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async for task in client.tasks.list(page_size=5).on_change(policy):
            handed.append(task.task_id)
            live.ids.remove(task.task_id)
    # Page-number paging really does skip every other page here; the point is that it says so.
    assert handed == [1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 21, 22, 23, 24, 25]
    reported = [w for w in caught if issubclass(w.category, CollectionChangedWarning)]
    if policy == "ignore":
        assert caught == []
        return
    assert len(reported) == 2 and len(caught) == 2
    first, second = changes(reported)
    assert (first.page, first.previous_total, first.total, first.yielded) == (1, 25, 20, 5)
    assert (second.page, second.previous_total, second.total, second.yielded) == (2, 20, 15, 10)
    # The warning points at the caller's loop, not into the SDK.
    assert all(w.filename == __file__ for w in reported)


async def test_deletions_behind_a_stale_total_show_as_a_short_walk(
    api: FakeAPI, client: AstravueClient
) -> None:
    # The server keeps announcing 25 (a cached count): no total moves, but the pages run out.
    live = LiveTasks(25, stale_total=25)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with pytest.raises(CollectionChangedError, match="short of the 25 announced") as caught:
        async for task in client.tasks.list(page_size=5):
            handed.append(task.task_id)
            live.ids.remove(task.task_id)
    # Page 2 says `last` after 15 of the 25 it announced; its items are held back.
    assert handed == [1, 2, 3, 4, 5, 11, 12, 13, 14, 15]
    assert (caught.value.change.page, caught.value.change.yielded) == (2, 10)


async def test_a_short_page_before_the_announced_total_is_reported(
    api: FakeAPI, client: AstravueClient
) -> None:
    served = iter(
        [
            page_json([task_json(i) for i in range(5)], size=5, last=False, total=12),
            page_json([task_json(5)], size=5, last=False, total=12),
        ]
    )
    api.on("GET", "/tasks", responder=lambda _: next(served))
    with pytest.raises(CollectionChangedError, match="ended after 6 item"):
        await client.tasks.list(page_size=5).to_list()


async def test_insertions_at_the_front_never_yield_twice(
    api: FakeAPI, client: AstravueClient
) -> None:
    live = LiveTasks(25)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with pytest.raises(CollectionChangedError) as caught:
        async for task in client.tasks.list(page_size=5):
            handed.append(task.task_id)
            live.ids.insert(0, 100 + task.task_id)  # newest first, like sort=createTime,desc
    assert handed == [1, 2, 3, 4, 5]
    change = caught.value.change
    assert (change.page, change.repeated, change.total) == (1, 5, 30)
    assert "5 item(s) already yielded were served again" in str(caught.value)

    live = LiveTasks(25)
    api.on("GET", "/tasks", responder=live)
    handed = []
    with pytest.warns(CollectionChangedWarning) as warned:
        async for task in client.tasks.list(page_size=5).on_change("warn"):
            handed.append(task.task_id)
            if task.task_id % 3 == 0:
                live.ids.insert(0, 100 + task.task_id)
    # Insertions only push items forward: every original item exactly once, in order.
    assert handed == list(range(1, 26))
    assert sum(change.repeated for change in changes(warned)) == 8


async def test_an_editor_moving_a_seen_item_to_the_end_is_caught_there(
    api: FakeAPI, client: AstravueClient
) -> None:
    # Sorted by updateTime ascending: touching task 1 after it was yielded moves it to the end,
    # so everything shifts back by one and task 6 is skipped. The total never moves; what
    # shows it is task 1 coming back on the last page, two pages on (still remembered).
    live = LiveTasks(15)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with pytest.warns(CollectionChangedWarning) as warned:
        async for task in client.tasks.list(page_size=5).on_change("warn"):
            handed.append(task.task_id)
            if task.task_id == 5:
                live.ids.append(live.ids.pop(0))
    assert handed == [1, 2, 3, 4, 5, *range(7, 16)]
    assert len(handed) == len(set(handed))
    [only] = changes(warned)
    assert (only.page, only.repeated, only.total) == (2, 1, 15)


async def test_a_seen_item_moved_further_than_the_window_comes_back_unnoticed(
    api: FakeAPI, client: AstravueClient
) -> None:
    # The documented price of bounded memory: touching task 11 (page 2) after it was yielded
    # brings it back on page 7, past the two pages remembered; by then the anchors are pages
    # 0, 1, 4 and 5. Nothing else shows it: the total holds, every page is full, the walk
    # ends where announced.
    live = LiveTasks(40)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        async for task in client.tasks.list(page_size=5):
            handed.append(task.task_id)
            if task.task_id == 15:
                live.ids.remove(11)
                live.ids.append(11)
    assert handed == [*range(1, 16), *range(17, 41), 11]


async def test_a_seen_item_of_the_first_two_pages_is_recognised_however_far_it_moves(
    api: FakeAPI, client: AstravueClient
) -> None:
    # Pages 0 and 1 are remembered for the whole walk: task 1, moved to the end of 25 tasks,
    # comes back on page 4 and is caught there.
    live = LiveTasks(25)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with pytest.warns(CollectionChangedWarning) as warned:
        async for task in client.tasks.list(page_size=5).on_change("warn"):
            handed.append(task.task_id)
            if task.task_id == 5:
                live.ids.append(live.ids.pop(0))
    assert handed == [1, 2, 3, 4, 5, *range(7, 26)]
    [only] = changes(warned)
    assert (only.page, only.repeated, only.total) == (4, 1, 25)


@pytest.mark.parametrize("shift", [5, 9])
async def test_insertions_of_up_to_two_pages_between_fetches_never_yield_twice(
    api: FakeAPI, client: AstravueClient, shift: int
) -> None:
    live = LiveTasks(40)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with pytest.warns(CollectionChangedWarning):
        async for task in client.tasks.list(page_size=5).on_change("warn"):
            handed.append(task.task_id)
            if task.task_id == 10:  # the last item of page 1
                live.ids[:0] = range(1000, 1000 + shift)
    assert handed == list(range(1, 41))


async def test_a_reordered_page_of_only_repeats_is_tolerated_once_when_going_on(
    api: FakeAPI, client: AstravueClient
) -> None:
    # An editor moves five unseen items to the front: page 2 then holds exactly page 1's
    # items. Not a looping server (page 3 brings new items), so "warn" walks on.
    live = LiveTasks(20)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with pytest.warns(CollectionChangedWarning, match="no item on it was new"):
        async for task in client.tasks.list(page_size=5).on_change("warn"):
            handed.append(task.task_id)
            if task.task_id == 10:
                moved = live.ids[15:20]
                live.ids = moved + live.ids[:15]
    assert handed == list(range(1, 16))  # 16-20 moved behind the walk: reported, not hidden
    assert pages_requested(api) == [0, 1, 2, 3]


@pytest.mark.parametrize("policy", ["raise", "warn", "ignore"])
async def test_a_looping_server_stops_in_every_mode(
    api: FakeAPI, client: AstravueClient, policy: OnChange
) -> None:
    api.on("GET", "/tasks", page_json([task_json(i) for i in range(5)], size=5, last=False))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CollectionChangedWarning)
        with pytest.raises(PaginationError, match="repeats an earlier page") as caught:
            await client.tasks.list(page_size=5).on_change(policy).to_list()
    # A plain PaginationError: code that restarts on a change would otherwise restart forever.
    assert type(caught.value) is PaginationError
    assert api.count == (2 if policy == "raise" else 3)


async def test_a_looping_server_with_a_steady_total_is_not_mistaken_for_a_change(
    api: FakeAPI, client: AstravueClient
) -> None:
    page = page_json([task_json(i) for i in range(5)], size=5, last=False, total=50)
    api.on("GET", "/tasks", page)
    with pytest.raises(PaginationError, match="page 1 repeats") as caught:
        await client.tasks.list(page_size=5).to_list()
    assert type(caught.value) is PaginationError


def fixed_pages(*pages: list[int], total: int | None = None) -> Any:
    """A ``GET /tasks`` responder serving ``pages`` (task ids) by page number, the last one
    marked ``last``; ``total`` is sent as ``totalElements`` on every page."""

    def respond(request: Recorded) -> Any:
        number = int(request.query["page"])
        return page_json(
            [task_json(i) for i in pages[number]],
            page=number,
            size=int(request.query["size"]),
            last=number == len(pages) - 1,
            total=total,
        )

    return respond


def doubled_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "extra copy" in r.getMessage()]


@pytest.mark.parametrize("policy", ["raise", "warn", "ignore"])
async def test_an_item_twice_on_one_page_is_a_server_fault_skipped_and_logged(
    api: FakeAPI, client: AstravueClient, caplog: pytest.LogCaptureFixture, policy: OnChange
) -> None:
    # No change between fetches can put an item twice on one page: reporting it as one sent
    # callers that restart on CollectionChangedError round the same page forever.
    api.on("GET", "/tasks", responder=fixed_pages([1, 1, 2, 3], total=4))
    paginator = client.tasks.list(page_size=5).on_change(policy)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no CollectionChangedWarning either
        for _ in range(2):  # iterating again meets the same page, and the same answer
            assert [t.task_id async for t in paginator] == [1, 2, 3]
    records = doubled_records(caplog)
    assert len(records) == 2
    assert records[0].levelno == logging.WARNING and records[0].name == "astravue_async"
    message = records[0].getMessage()
    assert "list_tasks: page 0 served 1 extra copy" in message and "server fault" in message
    assert getattr(records[0], "astravue_operation", None) == "list_tasks"
    pages = [p async for p in paginator.pages()]
    assert [t.task_id for t in pages[0]] == [1, 2, 3]


async def test_a_repeat_across_a_page_boundary_with_a_steady_total_is_a_change(
    api: FakeAPI, client: AstravueClient, caplog: pytest.LogCaptureFixture
) -> None:
    # One task deleted behind the walk and one created in front between two fetches: the
    # total holds, task 4 comes back at the top of page 1.
    api.on("GET", "/tasks", responder=fixed_pages([1, 2, 3, 4], [4, 5, 6, 7], [8], total=9))
    with pytest.raises(CollectionChangedError) as caught:
        await client.tasks.list(page_size=4).to_list()
    change = caught.value.change
    assert (change.page, change.yielded, change.repeated) == (1, 4, 1)
    assert change.reasons == ("1 item(s) already yielded were served again and skipped",)
    assert "none twice" not in str(caught.value)
    with pytest.warns(CollectionChangedWarning) as warned:
        tasks = await client.tasks.list(page_size=4).on_change("warn").to_list()
    assert [t.task_id for t in tasks] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [(c.page, c.repeated) for c in changes(warned)] == [(1, 1)]
    assert doubled_records(caplog) == []


@pytest.mark.parametrize("second", [[4, 5, 5, 6], [4, 4, 5, 6]], ids=["new twice", "old twice"])
async def test_a_page_repeating_the_page_before_and_itself_reports_only_the_change(
    api: FakeAPI, client: AstravueClient, caplog: pytest.LogCaptureFixture, second: list[int]
) -> None:
    api.on("GET", "/tasks", responder=fixed_pages([1, 2, 3, 4], second, [7, 8], total=10))
    with pytest.raises(CollectionChangedError) as caught:
        await client.tasks.list(page_size=4).to_list()
    # Task 4 (from page 0) is the change; the second copy on page 1 is the server's fault.
    change = caught.value.change
    assert (change.page, change.repeated) == (1, 1)
    assert change.reasons == ("1 item(s) already yielded were served again and skipped",)
    [record] = doubled_records(caplog)
    assert "page 1 served 1 extra copy" in record.getMessage()
    with pytest.warns(CollectionChangedWarning) as warned:
        tasks = await client.tasks.list(page_size=4).on_change("warn").to_list()
    assert [t.task_id for t in tasks] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [(c.page, c.repeated) for c in changes(warned)] == [(1, 1)]


@pytest.mark.parametrize(("limit", "pages"), [(5, [0]), (7, [0, 1])])
async def test_limit_stops_before_a_change_it_never_fetches(
    api: FakeAPI, client: AstravueClient, limit: int, pages: list[int]
) -> None:
    live = LiveTasks(25)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    with contextlib.suppress(CollectionChangedError):
        async for task in client.tasks.list(page_size=5, limit=limit):
            handed.append(task.task_id)
            live.ids.remove(task.task_id)
    assert handed == [1, 2, 3, 4, 5]
    assert pages_requested(api) == pages


async def test_limit_counts_items_yielded_not_items_skipped(
    api: FakeAPI, client: AstravueClient
) -> None:
    live = LiveTasks(25)
    api.on("GET", "/tasks", responder=live)
    handed: list[int] = []
    async for task in client.tasks.list(page_size=5, limit=8).on_change("ignore"):
        handed.append(task.task_id)
        if task.task_id == 5:
            live.ids[:0] = [101, 102]  # page 1 now starts with two items already yielded
    assert handed == [1, 2, 3, 4, 5, 6, 7, 8]
    assert pages_requested(api) == [0, 1]
    pages = [p async for p in client.tasks.list(page_size=5, limit=8).on_change("ignore").pages()]
    assert [(p.page, len(p), p.has_next) for p in pages] == [(0, 5, True), (1, 3, False)]


async def test_iterating_again_after_a_change_starts_over(
    api: FakeAPI, client: AstravueClient
) -> None:
    live = LiveTasks(12)
    api.on("GET", "/tasks", responder=live)
    paginator = client.tasks.list(page_size=5)
    with pytest.raises(CollectionChangedError):
        async for task in paginator:
            live.ids.remove(task.task_id)
    api.requests.clear()
    assert [t.task_id async for t in paginator] == [6, 7, 8, 9, 10, 11, 12]
    assert pages_requested(api) == [0, 1]


async def test_without_totals_a_deletion_cannot_be_seen_but_nothing_repeats(
    api: FakeAPI, client: AstravueClient
) -> None:
    # Documented limit: no totalElements, no way to tell a shrunk list from a short one.
    live = LiveTasks(25, total=False)
    api.on("GET", "/tasks", responder=live)
    handed = []
    async for task in client.tasks.list(page_size=5):
        handed.append(task.task_id)
        live.ids.remove(task.task_id)
    assert len(handed) == len(set(handed)) == 15


async def test_on_change_is_checked_and_returns_a_copy(
    api: FakeAPI, client: AstravueClient
) -> None:
    paginator = client.tasks.list(page_size=5, limit=9)
    with pytest.raises(ValueError, match="on_change must be one of raise, warn, ignore"):
        paginator.on_change("skip")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="on_change"):
        Paginator(_no_fetch, ops.LIST_TASKS, {}, on_change=None)  # type: ignore[arg-type]
    warn = paginator.on_change("warn")
    assert warn is not paginator
    assert "on_change=warn" in repr(warn) and "on_change=raise" in repr(paginator)
    api.on("GET", "/tasks", responder=PagedTasks(30, total=True))
    assert len(await warn.to_list()) == 9  # limit and page size carried over
    assert {r.query["size"] for r in api.requests} == {"5"}
    assert api.count == 2


async def _no_fetch(op: Operation, args: Mapping[str, Any]) -> Any:
    raise AssertionError("no request expected")


async def test_earlier_pages_are_not_kept_alive() -> None:
    refs: list[weakref.ref[models.TaskDto]] = []

    async def fetch(op: Operation, args: Mapping[str, Any]) -> Any:
        number = args["page"]
        content = [models.TaskDto(task_id=number * 10 + i, task_title="t") for i in range(10)]
        refs.extend(weakref.ref(t) for t in content)
        return models.TaskListResponse(content=content, total_elements=50)

    paginator: Paginator[models.TaskDto] = Paginator(fetch, ops.LIST_TASKS, {}, page_size=10)
    count = 0
    async for task in paginator:
        count += 1
        del task
        if count == 45:
            gc.collect()
            alive = [r for r in refs if r() is not None]
            assert len(alive) <= 10  # at most the page being handed over
    assert count == 50


def test_collection_changed_error_pickles() -> None:
    change = CollectionChange(
        operation_id="list_tasks",
        page=2,
        reasons=("totalElements went from 9 to 8",),
        yielded=4,
        previous_total=9,
        total=8,
        repeated=0,
    )
    # Our own object, round-tripped (as multiprocessing and pytest-xdist do): not untrusted.
    error = pickle.loads(pickle.dumps(CollectionChangedError(change)))  # noqa: S301
    assert error.change == change and str(error) == str(change)
    assert str(CollectionChangedWarning(change)) == str(change)


# --------------------------------------------------------------------------- item identity


def item_model(operation: Operation) -> type[Any]:
    hint = operation.response
    if operation.pagination is not None:
        [field] = [
            f
            for f in attrs.fields(operation.response)
            if wire_name(f) == operation.pagination.items_field
        ]
        hint = typing.get_type_hints(operation.response)[field.name]
    [listed] = [a for a in typing.get_args(hint) if typing.get_origin(a) is list] or [hint]
    [model] = typing.get_args(listed)
    return model  # type: ignore[no-any-return]


LIST_OPERATIONS = [
    op
    for op in vars(ops).values()
    if isinstance(op, Operation)
    and (op.pagination is not None or typing.get_origin(op.response) is list)
]


@pytest.mark.parametrize("operation", LIST_OPERATIONS, ids=lambda op: op.operation_id)
def test_every_listed_model_has_a_required_int_id(operation: Operation) -> None:
    model = item_model(operation)
    name = id_field(model)
    assert name is not None, model
    field = attrs.fields_dict(model)[name]
    assert field.default is attrs.NOTHING and wire_name(field).endswith("Id")
    assert typing.get_type_hints(model)[name] is int


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (models.TaskDto, "task_id"),
        (models.TaskCheckListDto, "task_check_list_id"),
        (models.NotificationDto, "notification_id"),
        (models.TimerData, "time_tracker_id"),  # not "timerDataId": the required *Id field
    ],
)
def test_id_field_by_wire_name(model: type[Any], name: str) -> None:
    assert id_field(model) == name


def test_id_field_fallbacks() -> None:
    @attrs.define
    class Widget:
        owner_id: int = attrs.field(metadata={"wire": "ownerId"})
        id: int = attrs.field(metadata={"wire": "id"})

    @attrs.define
    class Link:  # no own id by name: the first declared field, a required *Id, is it
        link_id: int = attrs.field(metadata={"wire": "linkRef"})  # not *Id: none
        to_id: int = attrs.field(metadata={"wire": "toId"})

    @attrs.define
    class Note:
        text: str = ""

    assert id_field(Widget) == "id"
    assert id_field(Link) is None
    assert id_field(Note) is None
    assert id_field(str) is None


async def test_items_without_ids_still_catch_a_repeated_page() -> None:
    async def fetch(op: Operation, args: Mapping[str, Any]) -> Any:
        return models.TaskListResponse(content=[models.TaskDto(task_id=None, task_title="t")] * 2)  # type: ignore[arg-type]

    paginator: Paginator[Any] = Paginator(fetch, ops.LIST_TASKS, {}, page_size=2)
    with pytest.raises(PaginationError, match="page 1 repeats"):
        await paginator.to_list()


def cycling_fetch(pages: int, *, back_to: int = 0) -> tuple[Fetch, list[int]]:
    """A fetch that serves pages ``0`` to ``pages - 1`` of 5 tasks each, then starts over
    from ``back_to`` whatever page is asked; no total, never ``last``. Also the list of page
    numbers asked for."""
    asked: list[int] = []

    async def fetch(op: Operation, args: Mapping[str, Any]) -> Any:
        asked.append(args["page"])
        number = args["page"]
        if number >= pages:
            number = back_to + (number - back_to) % (pages - back_to)
        content = [models.TaskDto(task_id=number * 5 + i, task_title="t") for i in range(5)]
        return models.TaskListResponse(content=content)

    return fetch, asked


@pytest.mark.parametrize("policy", typing.get_args(OnChange))
@pytest.mark.parametrize("cycle", [3, 5, 9])
async def test_a_server_wrapping_round_to_page_0_is_stopped_on_the_first_repeat(
    policy: OnChange, cycle: int
) -> None:
    # Neither the page before nor the one before that repeats: pages 0 and 1, remembered for
    # the whole walk, catch it. (Before they were, a 3-page cycle yielded 35 items, 15 unique.)
    fetch, asked = cycling_fetch(cycle)
    walker: Paginator[models.TaskDto] = Paginator(
        fetch, ops.LIST_TASKS, {}, page_size=5, on_change=policy
    )
    handed: list[int] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CollectionChangedWarning)
        with pytest.raises(PaginationError, match="repeats an earlier page") as caught:
            async for task in walker:
                handed.append(task.task_id)
    assert type(caught.value) is PaginationError
    assert handed == list(range(cycle * 5))  # every item once, none twice
    # "raise" stops on the first repeated page; going on tolerates one (a reorder can do it).
    assert len(asked) == cycle + (1 if policy == "raise" else 2)


@pytest.mark.parametrize("policy", typing.get_args(OnChange))
@pytest.mark.parametrize(("pages", "back_to"), [(5, 2), (14, 5), (40, 3)])
async def test_a_server_looping_back_to_a_later_page_is_stopped(
    policy: OnChange, pages: int, back_to: int
) -> None:
    # The moving anchor pair catches it, later: the documented price is items yielded again
    # on the way round, within about three times the walk up to the first repeat.
    fetch, asked = cycling_fetch(pages, back_to=back_to)
    walker: Paginator[models.TaskDto] = Paginator(
        fetch, ops.LIST_TASKS, {}, page_size=5, on_change=policy
    )
    handed: list[int] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CollectionChangedWarning)
        with pytest.raises(PaginationError, match="repeats an earlier page"):
            async for task in walker:
                handed.append(task.task_id)
    assert set(handed) == set(range(pages * 5))
    assert len(asked) <= 3 * pages + 1


async def test_memory_stays_at_a_few_pages_however_long_the_walk() -> None:
    # 200,000 items in pages of 100, every item a fresh object with a new id: what the walk
    # holds must not grow with the pages it has seen.
    size, pages = 100, 2_000

    async def fetch(op: Operation, args: Mapping[str, Any]) -> Any:
        first = args["page"] * size
        content = [models.TaskDto(task_id=first + i, task_title="t") for i in range(size)]
        return models.TaskListResponse(content=content, total_elements=size * pages)

    held: list[int] = []
    tracemalloc.start()
    try:
        count = 0
        async for _ in Paginator(fetch, ops.LIST_TASKS, {}, page_size=size):
            count += 1
            if count % (size * pages // 10) == 0:
                gc.collect()
                held.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    assert count == size * pages
    # After the first tenth (the anchors and the window are filled by then) it is flat.
    assert max(held[1:]) - min(held[1:]) < 16 * 1024, held
