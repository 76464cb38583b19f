"""``client.timers``: live timers, range entries and manual entries.

The API has twin URLs for personal and project tasks; here ``project_id`` picks the right one,
so callers never choose between them. Durations are ``timedelta`` in Python and milliseconds
(or hours + minutes, for manual entries) on the wire.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from astravue_async._convert import to_wire_datetime
from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._pagination import Paginator
from astravue_async.resources._base import Resource, api_operation

__all__ = ["Timers", "duration_to_hours_minutes", "duration_to_milliseconds"]


def duration_to_milliseconds(duration: timedelta, *, name: str = "duration") -> int:
    """A non-negative ``timedelta`` → whole milliseconds (sub-millisecond parts refused)."""
    if not isinstance(duration, timedelta):
        raise TypeError(f"{name} must be a datetime.timedelta, not {type(duration).__name__}")
    if duration < timedelta(0):
        raise ValueError(f"{name} must not be negative, got {duration}")
    if duration.microseconds % 1000:
        raise ValueError(f"{name} has sub-millisecond precision the API cannot store: {duration}")
    return duration // timedelta(milliseconds=1)


def duration_to_hours_minutes(duration: timedelta, *, name: str = "duration") -> tuple[int, int]:
    """A positive whole-minute ``timedelta`` → ``(hours, minutes)`` for manual entries."""
    if not isinstance(duration, timedelta):
        raise TypeError(f"{name} must be a datetime.timedelta, not {type(duration).__name__}")
    if duration <= timedelta(0):
        raise ValueError(f"{name} must be positive, got {duration}")
    if duration % timedelta(minutes=1):
        raise ValueError(f"{name} must be whole minutes (manual entries store hours and minutes)")
    total_minutes = duration // timedelta(minutes=1)
    return divmod(total_minutes, 60)


class Timers(Resource):
    """Time tracking on personal and project tasks."""

    @api_operation(ops.LIST_TASK_TIMERS)
    def list_for_task(
        self, task_id: int, *, user_id: int | None = None
    ) -> Paginator[models.TimeTrackerDto]:
        """Time entries of a task (the caller's, or ``user_id``'s)."""
        return self._paginate(ops.LIST_TASK_TIMERS, {"task_id": task_id, "user_id": user_id})

    @api_operation(ops.LIST_ACTIVE_TIMERS)
    def active(self, *, user_id: int | None = None) -> Paginator[models.TimerData]:
        """Running timers (the caller's, or ``user_id``'s)."""
        return self._paginate(ops.LIST_ACTIVE_TIMERS, {"user_id": user_id})

    @api_operation(ops.START_PERSONAL_TASK_TIMER, ops.START_PROJECT_TASK_TIMER)
    async def start(
        self,
        task_id: int,
        *,
        project_id: int | None = None,
        billable: bool | None = None,
        notes: str | None = None,
    ) -> models.TimeTrackerDto:
        """Start a timer on a task (give ``project_id`` for a project task).

        Not retried after it may have reached the server: a duplicate start is data loss.

        :raises ConflictError: a timer is already running for the caller (one per user).
        """
        request = models.TimerRequest(billable=billable, notes=notes)
        if project_id is None:
            operation, arguments = ops.START_PERSONAL_TASK_TIMER, {"task_id": task_id}
        else:
            operation = ops.START_PROJECT_TASK_TIMER
            arguments = {"task_id": task_id, "project_id": project_id}
        result: models.TimeTrackerDto = await self._call(operation, arguments, request)
        return result

    @api_operation(ops.STOP_TIMER)
    async def stop(
        self, task_id: int, *, billable: bool | None = None, notes: str | None = None
    ) -> models.TimeTrackerDto:
        """Stop the caller's running timer on a task and save the entry."""
        request = models.TimerRequest(billable=billable, notes=notes)
        result: models.TimeTrackerDto = await self._call(
            ops.STOP_TIMER, {"task_id": task_id}, request
        )
        return result

    @api_operation(ops.UPDATE_TIMER)
    async def update(
        self,
        timer_id: int,
        *,
        start_time: datetime | None = None,
        end_time: datetime | None = None,
        duration: timedelta | None = None,
        billable: bool | None = None,
        notes: str | None = None,
    ) -> models.TimeTrackerDto:
        """Change a time entry; ``duration`` is a ``timedelta``."""
        request = models.TimerUpdateRequest(
            start_time=start_time,
            end_time=end_time,
            duration=None if duration is None else duration_to_milliseconds(duration),
            billable=billable,
            notes=notes,
        )
        result: models.TimeTrackerDto = await self._call(
            ops.UPDATE_TIMER, {"time_tracker_id": timer_id}, request
        )
        return result

    @api_operation(ops.DELETE_TIMER)
    async def delete(self, timer_id: int) -> None:
        """Delete a time entry."""
        await self._call(ops.DELETE_TIMER, {"time_tracker_id": timer_id})

    @api_operation(ops.ADD_PERSONAL_TASK_RANGE, ops.ADD_PROJECT_TASK_RANGE)
    async def add_range(
        self,
        task_id: int,
        *,
        start: datetime,
        end: datetime,
        project_id: int | None = None,
        billable: bool | None = None,
        notes: str | None = None,
    ) -> models.TimeTrackerDto:
        """Log the time between two aware datetimes on a task."""
        # Checked here so errors name the arguments (``start``), not the model's ``start_time``.
        to_wire_datetime(start, name="start")
        to_wire_datetime(end, name="end")
        if end <= start:
            raise ValueError(f"end ({end.isoformat()}) must be after start ({start.isoformat()})")
        request = models.TimeRangeRequest(
            start_time=start, end_time=end, billable=billable, notes=notes
        )
        if project_id is None:
            operation, arguments = ops.ADD_PERSONAL_TASK_RANGE, {"task_id": task_id}
        else:
            operation = ops.ADD_PROJECT_TASK_RANGE
            arguments = {"task_id": task_id, "project_id": project_id}
        result: models.TimeTrackerDto = await self._call(operation, arguments, request)
        return result

    @api_operation(ops.ADD_PERSONAL_TASK_MANUAL, ops.ADD_PROJECT_TASK_MANUAL)
    async def add_manual(
        self,
        task_id: int,
        *,
        duration: timedelta,
        started_at: datetime | None = None,
        project_id: int | None = None,
        billable: bool | None = None,
        notes: str | None = None,
    ) -> models.TimeTrackerDto:
        """Log a duration (whole minutes) on a task, optionally saying when it started."""
        hours, minutes = duration_to_hours_minutes(duration)
        if started_at is not None:
            to_wire_datetime(started_at, name="started_at")
        request = models.ManualTimeRequest(
            hours=hours, minutes=minutes, start_time=started_at, billable=billable, notes=notes
        )
        if project_id is None:
            operation, arguments = ops.ADD_PERSONAL_TASK_MANUAL, {"task_id": task_id}
        else:
            operation = ops.ADD_PROJECT_TASK_MANUAL
            arguments = {"task_id": task_id, "project_id": project_id}
        result: models.TimeTrackerDto = await self._call(operation, arguments, request)
        return result
