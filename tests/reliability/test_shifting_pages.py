"""Data that shifts while it is paged (issue #12, item 10), against the stateful fake.

Page-number paging over a collection that changes between pages cannot be exact: deleting
what was handed over skips items, inserting in front serves items again, an editor who
re-sorts by touching items does both. These tests hold the paginator to what it can
guarantee: never an item twice, and never a silently short walk (an error by default, a
warning or silence only when asked). They also run the documented safe way to delete
everything ("Deleting everything safely" in the README), verbatim, through both clients.
"""

from __future__ import annotations

import asyncio
import warnings
from typing import Any

import pytest

from astravue_async import AstravueClient, PaginationError
from astravue_async._pagination import (
    CollectionChange,
    CollectionChangedError,
    CollectionChangedWarning,
    OnChange,
)
from astravue_async.sync import AstravueSyncClient
from astravue_async.testing import FakeAstravue

COUNT = 25
PAGE = 5


async def seeded(fake: FakeAstravue, count: int = COUNT) -> tuple[AstravueClient, list[int]]:
    """A client of the fake and the ids of ``count`` fresh personal tasks (oldest first).

    The fake's clock moves a second per task, so ``createTime``/``updateTime`` order them.
    """
    client = fake.client()
    ids = []
    for n in range(count):
        ids.append((await client.tasks.create(task_title=f"task {n}")).task_id)
        fake.advance(1)
    return client, ids


async def remaining(client: AstravueClient) -> list[int]:
    return [t.task_id for t in await client.tasks.list(page_size=100).to_list()]


def changes(records: list[warnings.WarningMessage]) -> list[CollectionChange]:
    return [w.message.change for w in records if isinstance(w.message, CollectionChangedWarning)]


# --------------------------------------------------------------------------- the input


async def test_deleting_each_task_while_iterating_raises_instead_of_stopping_at_15(
    fake: FakeAstravue,
) -> None:
    client, ids = await seeded(fake)
    handed: list[int] = []
    with pytest.raises(CollectionChangedError) as caught:
        async for t in client.tasks.list(page_size=PAGE):
            handed.append(t.task_id)
            await client.tasks.delete(t.task_id)
    assert handed == ids[:PAGE]
    change = caught.value.change
    assert (change.page, change.yielded, change.previous_total, change.total) == (1, 5, 25, 20)
    assert await remaining(client) == ids[PAGE:]  # nothing deleted that was not handed over


@pytest.mark.parametrize("policy", ["warn", "ignore"])
async def test_deleting_each_task_while_iterating_when_asked_to_go_on(
    fake: FakeAstravue, policy: OnChange
) -> None:
    client, ids = await seeded(fake)
    handed: list[int] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async for t in client.tasks.list(page_size=PAGE).on_change(policy):
            handed.append(t.task_id)
            await client.tasks.delete(t.task_id)
    assert len(handed) == len(set(handed)) == 15
    left = await remaining(client)
    assert sorted(handed + left) == ids  # the 10 survivors are exactly the skipped ones
    if policy == "ignore":
        assert caught == []  # the caller opted out of hearing about it
    else:
        assert [c.page for c in changes(caught)] == [1, 2]
        assert all(w.filename == __file__ for w in caught)  # names the caller's loop


# --------------------------------------------------------------------------- siblings


async def test_tasks_created_in_front_during_iteration(fake: FakeAstravue) -> None:
    # Newest first: each task created while walking lands on page 0 and pushes the rest on.
    client, _ = await seeded(fake)
    with pytest.raises(CollectionChangedError) as caught:
        async for t in client.tasks.list(page_size=PAGE, sort="taskId,desc"):
            await client.tasks.create(task_title=f"follow-up of {t.task_id}")
    assert (caught.value.change.page, caught.value.change.repeated) == (1, 5)

    client, ids = await seeded(fake)
    newest_first = ids[::-1]
    handed: list[int] = []
    with pytest.warns(CollectionChangedWarning) as warned:
        async for t in client.tasks.list(page_size=PAGE, sort="taskId,desc").on_change("warn"):
            handed.append(t.task_id)
            if t.task_id % 4 == 0:
                await client.tasks.create(task_title=f"follow-up of {t.task_id}")
    # The walk started with 25 tasks and sees each of them once, in order, none twice.
    assert [i for i in handed if i in newest_first] == newest_first
    assert len(handed) == len(set(handed))
    assert sum(c.repeated for c in changes(warned.list)) > 0


async def test_an_editor_touching_an_unseen_task_moves_it_behind_the_walk(
    fake: FakeAstravue,
) -> None:
    # Sorted by updateTime, newest first: editing a task moves it to page 0. Editing one
    # not yet reached shifts the ones in between forward (served again) and the edited one
    # is never reached.
    client, ids = await seeded(fake)
    handed: list[int] = []
    with pytest.raises(CollectionChangedError) as caught:
        async for t in client.tasks.list(page_size=PAGE, sort="updateTime,desc"):
            handed.append(t.task_id)
            if len(handed) == 3:
                fake.advance(1)
                await client.tasks.update(ids[0], task_title="edited")
    assert caught.value.change.total == caught.value.change.previous_total == 25
    assert caught.value.change.repeated == 1

    with pytest.warns(CollectionChangedWarning, match="served again"):
        seen = []
        async for t in client.tasks.list(page_size=PAGE, sort="updateTime,desc").on_change("warn"):
            seen.append(t.task_id)
            if len(seen) == 3:
                fake.advance(1)
                await client.tasks.update(ids[1], task_title="edited too")
    assert len(seen) == len(set(seen)) == 24
    assert ids[1] not in seen  # moved behind the walk: the warning is how the caller knows


async def test_a_stable_collection_walks_cleanly_in_every_mode(fake: FakeAstravue) -> None:
    client, ids = await seeded(fake, 23)
    policies: tuple[OnChange, ...] = ("raise", "warn", "ignore")
    for policy in policies:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            listed = client.tasks.list(page_size=PAGE).on_change(policy)
            assert [t.task_id async for t in listed] == ids


# --------------------------------------------------------------------------- the README


# README "Deleting everything safely", verbatim: keep the two in step.
async def delete_every_task(client: AstravueClient) -> None:
    # Collect the ids first: deleting while paging shifts later tasks onto pages already read.
    task_ids = [task.task_id async for task in client.tasks.list(page_size=100)]
    for task_id in task_ids:
        await client.tasks.delete(task_id)


async def delete_every_task_page_by_page(client: AstravueClient) -> None:
    # Or keep deleting what is on page 0 until it comes back empty (memory stays at one page).
    while True:
        page = await client.tasks.list(page_size=100)
        if not page.items:
            break
        for task in page.items:
            await client.tasks.delete(task.task_id)


@pytest.mark.parametrize("count", [COUNT, 230])
@pytest.mark.parametrize("recipe", [delete_every_task, delete_every_task_page_by_page])
async def test_deleting_everything_safely(fake: FakeAstravue, recipe: Any, count: int) -> None:
    client, _ = await seeded(fake, count)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await recipe(client)
    assert await remaining(client) == []
    assert fake.requests["delete_task"] == count  # each task deleted once, none missed


# --------------------------------------------------------------------------- sync client


async def test_the_sync_client_reports_the_same_change(fake: FakeAstravue) -> None:
    _, ids = await seeded(fake)
    access_token = fake.issue_token().access_token

    def walk() -> tuple[list[int], CollectionChangedError | None, list[int]]:
        handed: list[int] = []
        error = None
        with AstravueSyncClient(
            org_id=1, access_token=access_token, base_url=fake.base_url
        ) as client:
            try:
                for t in client.tasks.list(page_size=PAGE):
                    handed.append(t.task_id)
                    client.tasks.delete(t.task_id)
            except CollectionChangedError as caught:
                error = caught
            # The safe way, through the sync client: collect first, then delete.
            for task_id in [t.task_id for t in client.tasks.list(page_size=PAGE)]:
                client.tasks.delete(task_id)
            left = [t.task_id for t in client.tasks.list().to_list()]
        return handed, error, left

    handed, error, left = await asyncio.to_thread(walk)
    assert handed == ids[:PAGE]
    assert error is not None and error.change.page == 1 and error.change.yielded == PAGE
    assert isinstance(error, PaginationError)
    assert left == []


async def test_the_sync_paginator_can_be_told_to_go_on(fake: FakeAstravue) -> None:
    _, ids = await seeded(fake)
    access_token = fake.issue_token().access_token

    def walk() -> list[int]:
        handed: list[int] = []
        with AstravueSyncClient(
            org_id=1, access_token=access_token, base_url=fake.base_url
        ) as client:
            with pytest.raises(ValueError):
                client.tasks.list().on_change("sometimes")  # type: ignore[arg-type]
            with pytest.warns(CollectionChangedWarning):
                for t in client.tasks.list(page_size=PAGE).on_change("warn"):
                    handed.append(t.task_id)
                    client.tasks.delete(t.task_id)
        return handed

    handed = await asyncio.to_thread(walk)
    assert len(handed) == len(set(handed))
    assert set(handed) <= set(ids)
