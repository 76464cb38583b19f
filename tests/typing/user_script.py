"""A realistic user script, type-checked by ``mypy --strict tests/typing/`` (``make typecheck``).

It is never executed. Types are pinned two ways, so a facade that lost or widened a type
fails the check:

* annotated assignments (``page: Page[models.TaskDto] = ...``) catch wrong types;
* ``assert_type`` catches types that silently became ``Any`` (which an assignment accepts).

``_misuse`` holds calls that must *not* type-check: each carries a ``# type: ignore[...]``,
and ``--strict`` (``warn_unused_ignores``) fails if one of them suddenly type-checks.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, assert_type

from astravue_async import (
    NOT_GIVEN,
    APIStatusError,
    AstravueClient,
    NotFoundError,
    OAuth2Token,
    Page,
    PaginationError,
    Paginator,
    RateLimitError,
)
from astravue_async import models as models
from astravue_async.models import ProjectDto, TaskDto

TOKEN_FILE = Path("astravue-token.json")


async def save(token: OAuth2Token) -> None:
    """Persist every refreshed token (``on_token_refresh`` accepts async callbacks)."""
    data = {"access_token": token.access_token, "refresh_token": token.refresh_token}
    await asyncio.to_thread(TOKEN_FILE.write_text, json.dumps(data))


def load_token() -> OAuth2Token:
    stored = json.loads(TOKEN_FILE.read_text())
    return OAuth2Token(
        access_token=stored["access_token"],
        refresh_token=stored["refresh_token"],
        expires_at=datetime.now(UTC) + timedelta(minutes=30),
    )


async def weekly_report(client: AstravueClient) -> None:
    # `await` a list call: its first page.
    page = await client.tasks.list(status="Open", page_size=50)
    assert_type(page, Page[models.TaskDto])
    items: list[models.TaskDto] = page.items
    number: int = page.page
    size: int | None = page.size
    total: int | None = page.total_elements
    more: bool = page.has_next
    print(f"page {number} ({size}): {len(items)} of {total}, more: {more}")

    # `async for` a list call: every task, page by page.
    paginator = client.tasks.list(
        status="Open", due_date_from=datetime(2024, 1, 1, tzinfo=UTC), owner_id=7, limit=500
    )
    assert_type(paginator, Paginator[models.TaskDto])
    async for task in paginator:
        assert_type(task, models.TaskDto)
        task_id: int = task.task_id
        title: str | None = task.task_title
        due: datetime | None = task.due_date
        status_name: str | None = task.status.status_name if task.status else None
        print(task_id, title, due, status_name)

    async for each_page in client.projects.list(5, page_size=100).pages():
        assert_type(each_page, Page[models.ProjectDto])
    everything: list[models.SpaceDto] = await client.spaces.list().to_list()
    first_space: Page[models.SpaceDto] = await client.spaces.list()
    print(len(everything), first_space.has_next)


async def log_work(client: AstravueClient) -> None:
    created = await client.tasks.create(
        task_title="Write the weekly report",
        owners=[1, 2],
        due_date=datetime.now(UTC) + timedelta(days=2),
        tags=["reports"],
    )
    assert_type(created, models.TaskDto)
    from_model: models.TaskDto = await client.tasks.create(
        models.TaskCreateRequest(task_title="From a model")
    )
    updated: models.TaskDto = await client.tasks.update(created.task_id, completion=50)
    # Required response fields are plain values: no None check before using them.
    title: str = updated.task_title.upper()
    # Three meanings for an update argument: not given (unchanged), None (cleared), a value.
    cleared: TaskDto = await client.tasks.update(created.task_id, due_date=None)
    unchanged: TaskDto = await client.tasks.update(
        created.task_id, task_title="Renamed", due_date=NOT_GIVEN
    )
    project: ProjectDto = await client.projects.create(1, project_name="Launch")
    project_name: str = project.project_name

    entry = await client.timers.add_manual(
        created.task_id, duration=timedelta(hours=1, minutes=30), notes="drafting"
    )
    assert_type(entry, models.TimeTrackerDto)
    elapsed: timedelta | None = entry.duration  # a timedelta (absent while a timer runs)
    if elapsed is not None:
        assert_type(elapsed.total_seconds(), float)
    task_total: timedelta | None = updated.total_time
    kind: models.TimeEntryType | None = entry.entry_type

    running: models.TimeTrackerDto = await client.timers.start(updated.task_id, project_id=5)
    stopped: models.TimeTrackerDto = await client.timers.stop(running.task_id or 0)
    ranged: models.TimeTrackerDto = await client.timers.add_range(
        from_model.task_id,
        start_time=datetime(2024, 5, 1, 9, tzinfo=UTC),
        end_time=datetime(2024, 5, 1, 10, tzinfo=UTC),
    )
    fixed: models.TimeTrackerDto = await client.timers.update(
        ranged.time_tracker_id, duration=timedelta(minutes=45)
    )
    active: Page[models.TimerData] = await client.timers.active()
    print(elapsed, task_total, kind, stopped.running, fixed.duration, len(active))
    print(title, cleared, unchanged, project_name)

    read: models.NotificationReadResponseDto = await client.notifications.mark_read([1, 2])
    updated_count: int | None = read.updated_count
    print(updated_count)
    await client.tasks.delete(created.task_id)


async def other_org(client: AstravueClient) -> None:
    tenant = client.with_options(org_id=7)
    assert_type(tenant, AstravueClient)
    org: int = tenant.org_id
    spaces: Page[models.SpaceDto] = await tenant.spaces.list()
    print(org, len(spaces))


async def bulk(client: AstravueClient, ids: list[int]) -> list[models.TaskDto]:
    results = await client.gather([client.tasks.get(i) for i in ids], concurrency=5)
    assert_type(results, list[models.TaskDto | BaseException])
    found: list[models.TaskDto] = []
    for result in results:
        if isinstance(result, NotFoundError):
            continue
        if isinstance(result, BaseException):
            raise result
        found.append(result)
    return found


async def careful_get(client: AstravueClient, task_id: int) -> models.TaskDto | None:
    try:
        return await client.tasks.get(task_id)
    except NotFoundError as e:
        status: int = e.status
        message: str = e.message
        print(f"task {task_id} is gone ({status}: {message})")
        return None
    except RateLimitError as e:
        wait: float | None = e.retry_after
        print(f"slow down for {wait} s")
        raise
    except APIStatusError as e:
        code: int | None = e.code
        print(e.status, code, [err.field for err in e.field_errors])
        raise
    except PaginationError:
        raise


async def escape_hatch(client: AstravueClient) -> None:
    raw = await client.request("GET", "/tasks/1/comments", params={"unread": True})
    assert_type(raw, Any)


async def main() -> None:
    async with AstravueClient(
        org_id=42,
        token=load_token(),
        client_id="my-astravue-app",
        client_secret="app-secret",
        on_token_refresh=save,
    ) as client:
        assert_type(client, AstravueClient)
        current: OAuth2Token = client.token
        print(current.expires_at)
        await weekly_report(client)
        await log_work(client)
        await other_org(client)
        print(await bulk(client, [1, 2, 3]))
        print(await careful_get(client, 404))
        await escape_hatch(client)

    env_client: AstravueClient = AstravueClient.from_env()
    await env_client.aclose()


async def _misuse(client: AstravueClient) -> None:
    """Never called: every line must be a type error (see the module docstring)."""
    await client.tasks.get("1")  # type: ignore[arg-type]
    await client.tasks.create(task_title=5)  # type: ignore[call-overload]
    client.tasks.list(owner_id="me")  # type: ignore[arg-type]
    await client.timers.add_manual(1, duration=90)  # type: ignore[arg-type]
    await client.timers.add_range(1, start_time="09:00", end_time="10:00")  # type: ignore[arg-type]
    await client.notifications.mark_read(["1"])  # type: ignore[list-item]
    client.with_options(org_id="7")  # type: ignore[arg-type]
    AstravueClient(org_id=1, access_token=b"t")  # type: ignore[arg-type]
    wrong: models.ProjectDto = await client.tasks.get(1)  # type: ignore[assignment]
    not_a_list: list[models.TaskDto] = client.tasks.list()  # type: ignore[assignment]
    print(wrong, not_a_list)


if __name__ == "__main__":
    asyncio.run(main())
