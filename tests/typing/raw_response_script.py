"""``with_raw_response`` and the observability options, type-checked by ``mypy --strict
tests/typing/`` (never executed).

Each raw method must take exactly its normal twin's arguments (overloads included) and
return ``APIResponse[<what the twin returns>]``; ``assert_type`` catches a type that silently
became ``Any``, and the ``# type: ignore[...]`` lines must keep failing (``--strict`` reports an
unused ignore).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, assert_type

from astravue_async import (
    APIResponse,
    AstravueClient,
    AttemptEvent,
    EventHooks,
    Page,
    TokenRefreshEvent,
)
from astravue_async import models as models
from astravue_async.sync import AstravueSyncClient


def on_attempt(event: AttemptEvent) -> None:
    print(event.operation_id, event.url_template, event.status, event.will_retry)


def on_refresh(event: TokenRefreshEvent) -> None:
    print(event.reason, event.outcome)


async def async_client() -> None:
    hooks = EventHooks(on_attempt=[on_attempt], on_token_refresh=[on_refresh])
    async with AstravueClient(
        org_id=1, access_token="t", event_hooks=hooks, propagate_trace_context=False
    ) as client:
        raw = client.with_raw_response
        got = await raw.tasks.get(7)
        assert_type(got, APIResponse[models.TaskDto])
        assert_type(got.parse(), models.TaskDto)
        assert_type(got.status, int)
        assert_type(got.attempts, int)
        assert_type(got.request_id, str | None)
        assert_type(got.elapsed, timedelta)

        page = await raw.tasks.list(search="x", page_size=10)
        assert_type(page, APIResponse[Page[models.TaskDto]])
        assert_type(page.parse().items, list[models.TaskDto])

        created = await raw.tasks.create(task_title="x")  # the keyword overload
        assert_type(created, APIResponse[models.TaskDto])
        by_model = await raw.tasks.create(models.TaskCreateRequest(task_title="x"))
        assert_type(by_model, APIResponse[models.TaskDto])
        deleted = await raw.tasks.delete(7)
        assert_type(deleted, APIResponse[None])

        # hand-written methods keep their signatures too
        started = await raw.timers.start(7, project_id=3, notes="n")
        assert_type(started, APIResponse[models.TimeTrackerDto])
        manual = await raw.timers.add_manual(7, duration=timedelta(minutes=5))
        assert_type(manual, APIResponse[models.TimeTrackerDto])
        subtasks = await raw.subtasks.list(7, space_id=2, project_id=3)
        assert_type(subtasks, APIResponse[Page[models.TaskDto]])
        read = await raw.notifications.mark_read([1, 2])
        assert_type(read, APIResponse[models.NotificationReadResponseDto])

        anything = await raw.request("GET", "/tasks/7")
        assert_type(anything, APIResponse[Any])


async def async_misuse(client: AstravueClient) -> None:
    raw = client.with_raw_response
    await raw.tasks.get("7")  # type: ignore[arg-type]
    await raw.tasks.get(7, extra=1)  # type: ignore[call-arg]
    await raw.timers.start(7, billable="yes")  # type: ignore[arg-type]
    await raw.tasks.create()  # type: ignore[call-overload]
    task: models.TaskDto = await raw.tasks.get(7)  # type: ignore[assignment]
    print(task)


def sync_client() -> None:
    with AstravueSyncClient(org_id=1, access_token="t") as client:
        got = client.with_raw_response.tasks.get(7)
        assert_type(got, APIResponse[models.TaskDto])
        page = client.with_raw_response.project_tasks.list(1, 2)
        assert_type(page, APIResponse[Page[models.TaskDto]])
        started = client.with_raw_response.timers.start(7)
        assert_type(started, APIResponse[models.TimeTrackerDto])
        checklists = client.with_raw_response.checklists.list(7)
        assert_type(checklists.parse(), Page[models.TaskCheckListDto])
        client.with_raw_response.tasks.get("7")  # type: ignore[arg-type]
