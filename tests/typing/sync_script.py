"""A realistic script using the blocking client, type-checked by ``mypy --strict tests/typing/``.

It is never executed. Like ``user_script.py`` for the async client, it pins types two ways
(annotated assignments catch wrong types, ``assert_type`` catches types that silently became
``Any``), and ``_misuse`` holds calls that must not type-check, each with a
``# type: ignore[...]`` that ``--strict`` (``warn_unused_ignores``) reports once it is unused.
Every resource call here would have failed mypy when the sync twins were derived from the
async methods through a ``ParamSpec`` (one overload only, the resource type bound to the base).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import assert_type

from astravue_async import NOT_GIVEN, NotFoundError, Page
from astravue_async import models as models
from astravue_async.sync import AstravueSyncClient, SyncClientOptions, SyncPaginator


def nightly(client: AstravueSyncClient) -> None:
    # A list call: a SyncPaginator, iterated with a plain `for` (pages fetched lazily).
    paginator = client.tasks.list(status="Open", page_size=50, limit=200)
    assert_type(paginator, SyncPaginator[models.TaskDto])
    for task in paginator:
        assert_type(task, models.TaskDto)
        print(task.task_id, task.task_title)
    first: Page[models.TaskDto] = client.tasks.list().first_page()
    everything: list[models.TaskDto] = client.tasks.list(limit=10).to_list()
    spaces: list[models.SpaceDto] = client.spaces.list().to_list()
    print(len(first), len(everything), len(spaces))

    task = client.tasks.get(42)
    assert_type(task, models.TaskDto)
    try:
        client.project_tasks.get(1, 2, 3)
    except NotFoundError as error:
        print(error.status)

    # create: keywords (the required ones required) or a ready request model.
    by_keywords = client.tasks.create(task_title="Write report", description="weekly")
    assert_type(by_keywords, models.TaskDto)
    by_model = client.tasks.create(models.TaskCreateRequest(task_title="From a model"))
    assert_type(by_model, models.TaskDto)
    project: models.ProjectDto = client.projects.create(1, project_name="Launch")
    space: models.SpaceDto = client.spaces.create(space_name="Team")
    project_task: models.TaskDto = client.project_tasks.create(
        1, project.project_id, task_title="x"
    )
    print(space.space_id, project_task.task_id)

    # update: not given (unchanged), None (cleared, where the field is nullable), a value.
    cleared: models.TaskDto = client.tasks.update(by_keywords.task_id, due_date=None)
    unchanged: models.TaskDto = client.tasks.update(
        by_keywords.task_id, task_title="Renamed", due_date=NOT_GIVEN
    )
    from_model: models.TaskDto = client.tasks.update(
        by_model.task_id, models.TaskUpdateRequest(completion=50)
    )
    print(cleared, unchanged, from_model)
    deleted = client.tasks.delete(by_model.task_id)
    assert_type(deleted, None)

    # Timers: generated (stop, update, active ...) and hand-written (start, add_range ...).
    running = client.timers.start(task.task_id, project_id=5, notes="on it")
    assert_type(running, models.TimeTrackerDto)
    stopped: models.TimeTrackerDto = client.timers.stop(running.task_id or 0)
    ranged: models.TimeTrackerDto = client.timers.add_range(
        task.task_id,
        start_time=datetime(2024, 5, 1, 9, tzinfo=UTC),
        end_time=datetime(2024, 5, 1, 10, tzinfo=UTC),
    )
    manual = client.timers.add_manual(task.task_id, duration=timedelta(minutes=90))
    assert_type(manual, models.TimeTrackerDto)
    fixed: models.TimeTrackerDto = client.timers.update(
        ranged.time_tracker_id, duration=timedelta(minutes=45), notes=None
    )
    active = client.timers.active()
    assert_type(active, SyncPaginator[models.TimerData])
    entries: list[models.TimeTrackerDto] = client.timers.list_for_task(task.task_id).to_list()
    print(stopped.running, fixed.duration, len(entries))

    # Notifications: list generated, mark_read and delete hand-written.
    for note in client.notifications.list():
        assert_type(note, models.NotificationDto)
    read: models.NotificationReadResponseDto = client.notifications.mark_read([1, 2])
    gone = client.notifications.delete({3, 4})
    assert_type(gone, models.NotificationDeleteResponseDto)
    print(read.updated_count)

    # The newer sections.
    subtasks: SyncPaginator[models.TaskDto] = client.subtasks.list(1, space_id=2, project_id=3)
    items: SyncPaginator[models.TaskCheckListDto] = client.checklists.list(1, subtask_id=4)
    comments: list[models.TaskCommentDto] = client.comments.list(1).to_list()
    print(subtasks, items, comments)


def configured() -> AstravueSyncClient:
    options: SyncClientOptions = {"max_retries": 5, "timeout": 30.0}
    client = AstravueSyncClient.from_env(org_id=7, **options)
    assert_type(client.with_options(org_id=8), AstravueSyncClient)
    return client


def _misuse(client: AstravueSyncClient) -> None:
    """Each line must be rejected; the ignore comment fails --strict once it is not needed."""
    client.tasks.get("1")  # type: ignore[arg-type]
    client.tasks.create()  # type: ignore[call-overload]
    client.tasks.create(task_title=5)  # type: ignore[call-overload]
    client.tasks.create(task_titel="x")  # type: ignore[call-overload]
    client.tasks.create(models.TaskCreateRequest(task_title="x"), task_title="y")  # type: ignore[call-overload]
    client.tasks.update(1, task_title=None)  # type: ignore[arg-type]
    client.tasks.list(owner_id="me")  # type: ignore[arg-type]
    client.timers.add_manual(1, duration=90)  # type: ignore[arg-type]
    client.timers.start("1")  # type: ignore[arg-type]
    client.notifications.mark_read(["1"])  # type: ignore[list-item]
    AstravueSyncClient.from_env(session=None)  # type: ignore[call-arg]
    not_a_page: Page[models.TaskDto] = client.tasks.list()  # type: ignore[assignment]
    wrong: models.ProjectDto = client.tasks.get(1)  # type: ignore[assignment]
    print(not_a_page, wrong)
