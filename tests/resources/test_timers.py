"""``client.timers``: every personal/project branch, durations and time ranges."""

from __future__ import annotations

import inspect
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from astravue_async import AstravueClient, ConflictError, models
from astravue_async._generated import operations as ops
from astravue_async.resources import Timers
from astravue_async.resources.timers import duration_to_hours_minutes, duration_to_milliseconds

from .conftest import (
    Case,
    FakeAPI,
    PageOf,
    assert_cases_cover,
    case_ids,
    error_envelope,
    run_case,
    timer_json,
)

START = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
END = datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
CEST = timezone(timedelta(hours=2))


def timer_data_json(timer_id: int = 99) -> dict[str, Any]:
    return {
        "timeTrackerId": timer_id,
        "taskId": 7,
        "startTime": "2024-05-01T09:00:00Z",
        "duration": 0,
    }


CASES = [
    Case(
        name="list-for-task",
        call=lambda c: c.timers.list_for_task(7),
        operation=ops.LIST_TASK_TIMERS,
        method="GET",
        path="/time-track/tasks/7",
        response=[timer_json(1), timer_json(2)],
        returns=PageOf(models.TimeTrackerDto),
    ),
    Case(
        name="list-for-task-of-user",
        call=lambda c: c.timers.list_for_task(7, user_id=3),
        operation=ops.LIST_TASK_TIMERS,
        method="GET",
        path="/time-track/tasks/7",
        query={"userId": "3"},
        response=[timer_json(1)],
        returns=PageOf(models.TimeTrackerDto),
    ),
    Case(
        name="active",
        call=lambda c: c.timers.active(),
        operation=ops.LIST_ACTIVE_TIMERS,
        method="GET",
        path="/time-track/active",
        response=[timer_data_json()],
        returns=PageOf(models.TimerData),
    ),
    Case(
        name="active-of-user",
        call=lambda c: c.timers.active(user_id=3),
        operation=ops.LIST_ACTIVE_TIMERS,
        method="GET",
        path="/time-track/active",
        query={"userId": "3"},
        response=[timer_data_json()],
        returns=PageOf(models.TimerData),
    ),
    Case(
        name="start-personal",
        call=lambda c: c.timers.start(7),
        operation=ops.START_PERSONAL_TASK_TIMER,
        method="POST",
        path="/time-track/tasks/7/start",
        body={},
        response=timer_json(running=True, entryType="TIMER"),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="start-project",
        call=lambda c: c.timers.start(7, project_id=5, billable=True, notes="standup"),
        operation=ops.START_PROJECT_TASK_TIMER,
        method="POST",
        path="/time-track/projects/5/tasks/7/start",
        body={"billable": True, "notes": "standup"},
        response=timer_json(running=True, projectId=5),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="stop",
        call=lambda c: c.timers.stop(7, billable=False, notes="done"),
        operation=ops.STOP_TIMER,
        method="PUT",
        path="/time-track/tasks/7/stop",
        body={"billable": False, "notes": "done"},
        response=timer_json(),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="update-duration",
        call=lambda c: c.timers.update(99, duration=timedelta(seconds=90)),
        operation=ops.UPDATE_TIMER,
        method="PUT",
        path="/time-track/99",
        body={"duration": 90000},
        response=timer_json(duration=90000),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="update-times",
        call=lambda c: c.timers.update(
            99, start_time=datetime(2024, 5, 1, 11, 0, tzinfo=CEST), end_time=END, notes="x"
        ),
        operation=ops.UPDATE_TIMER,
        method="PUT",
        path="/time-track/99",
        body={"startTime": "2024-05-01T09:00:00Z", "endTime": "2024-05-01T10:30:00Z", "notes": "x"},
        response=timer_json(),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="delete",
        call=lambda c: c.timers.delete(99),
        operation=ops.DELETE_TIMER,
        method="DELETE",
        path="/time-track/99",
        response=None,
        returns=None,
    ),
    Case(
        name="add-range-personal",
        call=lambda c: c.timers.add_range(7, start_time=START, end_time=END),
        operation=ops.ADD_PERSONAL_TASK_RANGE,
        method="POST",
        path="/time-track/tasks/7/range",
        body={"startTime": "2024-05-01T09:00:00Z", "endTime": "2024-05-01T10:30:00Z"},
        response=timer_json(entryType="RANGE"),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="add-range-project",
        call=lambda c: c.timers.add_range(
            7,
            start_time=datetime(2024, 5, 1, 11, 0, tzinfo=CEST),
            end_time=END,
            project_id=5,
            billable=True,
            notes="pairing",
        ),
        operation=ops.ADD_PROJECT_TASK_RANGE,
        method="POST",
        path="/time-track/projects/5/tasks/7/range",
        body={
            "startTime": "2024-05-01T09:00:00Z",
            "endTime": "2024-05-01T10:30:00Z",
            "billable": True,
            "notes": "pairing",
        },
        response=timer_json(entryType="RANGE", projectId=5),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="add-manual-personal",
        call=lambda c: c.timers.add_manual(7, duration=timedelta(hours=1, minutes=30)),
        operation=ops.ADD_PERSONAL_TASK_MANUAL,
        method="POST",
        path="/time-track/tasks/7/manual",
        body={"hours": 1, "minutes": 30},
        response=timer_json(),
        returns=models.TimeTrackerDto,
    ),
    Case(
        name="add-manual-project",
        call=lambda c: c.timers.add_manual(
            7,
            duration=timedelta(minutes=45),
            start_time=START,
            project_id=5,
            billable=False,
            notes="review",
        ),
        operation=ops.ADD_PROJECT_TASK_MANUAL,
        method="POST",
        path="/time-track/projects/5/tasks/7/manual",
        body={
            "hours": 0,
            "minutes": 45,
            "startTime": "2024-05-01T09:00:00Z",
            "billable": False,
            "notes": "review",
        },
        response=timer_json(projectId=5),
        returns=models.TimeTrackerDto,
    ),
]


def test_cases_call_every_operation_and_branch() -> None:
    assert_cases_cover(Timers, CASES)


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
async def test_call(api: FakeAPI, client: AstravueClient, case: Case) -> None:
    await run_case(api, client, case)


async def test_decoded_time_entry(api: FakeAPI, client: AstravueClient) -> None:
    api.on("POST", "/time-track/tasks/7/manual", timer_json(99))
    entry = await client.timers.add_manual(7, duration=timedelta(hours=1, minutes=30))
    assert entry.time_tracker_id == 99
    assert entry.entry_type is models.TimeEntryType.MANUAL
    assert entry.duration == timedelta(hours=1, minutes=30)
    assert entry.start_time == START


async def test_long_manual_duration_is_split_into_hours(
    api: FakeAPI, client: AstravueClient
) -> None:
    api.on("POST", "/time-track/tasks/7/manual", timer_json())
    await client.timers.add_manual(7, duration=timedelta(days=1, hours=2, minutes=5))
    assert api.last.body == {"hours": 26, "minutes": 5}


async def test_second_start_is_a_conflict(api: FakeAPI, client: AstravueClient) -> None:
    api.on(
        "POST",
        "/time-track/tasks/7/start",
        error_envelope(409, "Timer already running"),
        status=409,
    )
    with pytest.raises(ConflictError) as info:
        await client.timers.start(7)
    assert info.value.status == 409
    assert api.count == 1  # a start is never repeated


BAD_CALLS: list[tuple[str, Any, type[Exception], str]] = [
    (
        "manual-sub-minute",
        lambda c: c.timers.add_manual(7, duration=timedelta(seconds=30)),
        ValueError,
        "duration",
    ),
    (
        "manual-not-whole-minutes",
        lambda c: c.timers.add_manual(7, duration=timedelta(minutes=1, seconds=1)),
        ValueError,
        "whole minutes",
    ),
    (
        "manual-zero",
        lambda c: c.timers.add_manual(7, duration=timedelta(0)),
        ValueError,
        "duration",
    ),
    (
        "manual-negative",
        lambda c: c.timers.add_manual(7, duration=timedelta(minutes=-5)),
        ValueError,
        "duration",
    ),
    (
        "manual-int-duration",
        lambda c: c.timers.add_manual(7, duration=90),
        TypeError,
        "duration",
    ),
    (
        "manual-naive-start",
        lambda c: c.timers.add_manual(
            7, duration=timedelta(minutes=5), start_time=datetime(2024, 1, 1)
        ),
        ValueError,
        "start_time is a naive datetime",
    ),
    (
        "range-end-before-start",
        lambda c: c.timers.add_range(7, start_time=END, end_time=START),
        ValueError,
        "must be after start_time",
    ),
    (
        "range-end-equals-start",
        lambda c: c.timers.add_range(7, start_time=START, end_time=START),
        ValueError,
        "must be after start_time",
    ),
    (
        "range-end-before-start-other-zone",
        # 10:30 CEST is 08:30 UTC: before START although the wall-clock digits are later.
        lambda c: c.timers.add_range(
            7, start_time=START, end_time=datetime(2024, 5, 1, 10, 30, tzinfo=CEST), project_id=5
        ),
        ValueError,
        "must be after start_time",
    ),
    (
        "range-naive",
        lambda c: c.timers.add_range(7, start_time=datetime(2024, 1, 1), end_time=END),
        ValueError,
        "start_time is a naive datetime",
    ),
    (
        "range-naive-end",
        lambda c: c.timers.add_range(
            7, start_time=START, end_time=datetime(2024, 6, 1), project_id=5
        ),
        ValueError,
        "end_time is a naive datetime",
    ),
    (
        "range-str",
        lambda c: c.timers.add_range(7, start_time="2024-01-01T00:00:00Z", end_time=END),
        TypeError,
        "start_time must be a datetime",
    ),
    (
        "update-naive-end",
        lambda c: c.timers.update(99, end_time=datetime(2024, 1, 1)),
        ValueError,
        "end_time is a naive datetime",
    ),
    (
        "update-sub-millisecond",
        lambda c: c.timers.update(99, duration=timedelta(microseconds=1500)),
        ValueError,
        "duration",
    ),
    (
        "update-negative",
        lambda c: c.timers.update(99, duration=timedelta(seconds=-1)),
        ValueError,
        "duration",
    ),
    (
        "update-int-duration",
        lambda c: c.timers.update(99, duration=90000),
        TypeError,
        "duration",
    ),
    ("start-str-task", lambda c: c.timers.start("7"), TypeError, "task_id"),
    ("start-str-project", lambda c: c.timers.start(7, project_id="5"), TypeError, "project_id"),
    ("stop-notes-int", lambda c: c.timers.stop(7, notes=1), TypeError, "notes"),
    ("delete-str", lambda c: c.timers.delete("99"), TypeError, "time_tracker_id"),
    ("update-str-id", lambda c: c.timers.update("99", notes="x"), TypeError, "time_tracker_id"),
    # None is "send null", which these non-nullable fields do not allow; leaving them out is
    # how to send nothing.
    ("start-none-billable", lambda c: c.timers.start(7, billable=None), TypeError, "billable"),
    (
        "range-none-notes",
        lambda c: c.timers.add_range(7, start_time=START, end_time=END, notes=None),
        TypeError,
        "notes",
    ),
    (
        "manual-none-start",
        lambda c: c.timers.add_manual(7, duration=timedelta(minutes=5), start_time=None),
        TypeError,
        "start_time",
    ),
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


async def test_timer_methods_use_one_name_per_concept() -> None:
    # The wire's startTime/endTime/duration/timeTrackerId are start_time/end_time/duration/
    # time_tracker_id in every timer method, as the models name them.
    names = {
        name
        for _, method in inspect.getmembers(Timers, inspect.isfunction)
        for name in inspect.signature(method).parameters
    }
    assert {"start_time", "end_time", "duration", "time_tracker_id"} <= names
    assert not names & {"start", "end", "started_at", "timer_id", "ended_at"}


def test_list_arguments_are_checked_when_called(api: FakeAPI, client: AstravueClient) -> None:
    with pytest.raises(TypeError, match="user_id"):
        client.timers.active(user_id="me")
    with pytest.raises(TypeError, match="task_id"):
        client.timers.list_for_task("7")
    assert api.count == 0


@pytest.mark.parametrize(
    ("duration", "millis"),
    [
        (timedelta(0), 0),
        (timedelta(seconds=90), 90_000),
        (timedelta(milliseconds=1), 1),
        (timedelta(days=2, milliseconds=5), 172_800_005),
    ],
)
def test_duration_to_milliseconds(duration: timedelta, millis: int) -> None:
    assert duration_to_milliseconds(duration) == millis


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (timedelta(minutes=1), (0, 1)),
        (timedelta(minutes=59), (0, 59)),
        (timedelta(hours=1), (1, 0)),
        (timedelta(hours=1, minutes=30), (1, 30)),
        (timedelta(days=3), (72, 0)),
    ],
)
def test_duration_to_hours_minutes(duration: timedelta, expected: tuple[int, int]) -> None:
    assert duration_to_hours_minutes(duration) == expected
