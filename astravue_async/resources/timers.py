"""``client.timers``: live timers, range entries and manual entries.

``list_for_task``, ``active``, ``stop``, ``update`` and ``delete`` only restate the spec and are
generated. Written here: the methods where the API has twin URLs for personal and project
tasks (``project_id`` picks the right one, so callers never choose between them) and manual
entries, whose ``timedelta`` goes on the wire as hours + minutes. One name per concept across
all timer methods: ``start_time``, ``end_time``, ``duration`` (a ``timedelta``) and
``time_tracker_id``, as the models name them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from astravue_async._convert import to_wire_datetime
from astravue_async._descriptors import Operation
from astravue_async._generated import models
from astravue_async._generated import operations as ops
from astravue_async._generated.resources import TimersBase
from astravue_async._types import NOT_GIVEN, NotGiven
from astravue_async.resources._base import api_operation, build_body

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


def _twin(
    personal: Operation, project: Operation, task_id: int, project_id: int | None
) -> tuple[Operation, dict[str, int]]:
    if project_id is None:
        return personal, {"task_id": task_id}
    return project, {"task_id": task_id, "project_id": project_id}


class Timers(TimersBase):
    """Time tracking on personal and project tasks."""

    @api_operation(ops.START_PERSONAL_TASK_TIMER, ops.START_PROJECT_TASK_TIMER)
    async def start(
        self,
        task_id: int,
        *,
        project_id: int | None = None,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
    ) -> models.TimeTrackerDto:
        """Start a timer on a task (give ``project_id`` for a project task).

        Not retried after it may have reached the server: a duplicate start is data loss.

        Args:
            task_id: Id of the task to track time on.
            project_id: Project of the task, for a project task; ``None`` (the default) for a
                personal task. Picks the project or the personal endpoint.
            billable: Whether the time is billable. Optional: left out, nothing is sent and
                the server decides.
            notes: Free-text notes. Optional: left out, nothing is sent.

        Returns:
            The running :class:`~astravue_async.models.TimeTrackerDto`.

        Raises:
            TypeError, ValueError: an argument has the wrong type or an invalid value (named in
                the message); nothing is sent.
            NotFoundError: HTTP 404: no such task (or project) in this organisation.
            BadRequestError, AuthenticationError, PermissionDeniedError, RateLimitError,
                InternalServerError: the API refused the call (HTTP 400, 401, 403, 429, 5xx).
            APIConnectionError: the API could not be reached or did not answer in time.
            ConflictError: HTTP 409: a timer is already running for the caller (one per
                user).
        """
        request = build_body(models.TimerRequest, None, {"billable": billable, "notes": notes})
        operation, arguments = _twin(
            ops.START_PERSONAL_TASK_TIMER, ops.START_PROJECT_TASK_TIMER, task_id, project_id
        )
        result: models.TimeTrackerDto = await self._call(operation, arguments, request)
        return result

    @api_operation(ops.ADD_PERSONAL_TASK_RANGE, ops.ADD_PROJECT_TASK_RANGE)
    async def add_range(
        self,
        task_id: int,
        *,
        start_time: datetime,
        end_time: datetime,
        project_id: int | None = None,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
    ) -> models.TimeTrackerDto:
        """Log the time between two instants on a task.

        Args:
            task_id: Id of the task to log time on.
            start_time: Start of the interval: a timezone-aware ``datetime`` (naive ones are
                refused).
            end_time: End of the interval: a timezone-aware ``datetime``, after ``start_time``
                (compared as instants, whatever their time zones).
            project_id: Project of the task, for a project task; ``None`` (the default) for a
                personal task. Picks the project or the personal endpoint.
            billable: Whether the time is billable. Optional: left out, nothing is sent and
                the server decides.
            notes: Free-text notes. Optional: left out, nothing is sent.

        Returns:
            The new :class:`~astravue_async.models.TimeTrackerDto` (entry type ``RANGE``).

        Raises:
            TypeError, ValueError: an argument has the wrong type or an invalid value (named in
                the message); nothing is sent.
            NotFoundError: HTTP 404: no such task (or project) in this organisation.
            BadRequestError, AuthenticationError, PermissionDeniedError, RateLimitError,
                InternalServerError: the API refused the call (HTTP 400, 401, 403, 429, 5xx).
            APIConnectionError: the API could not be reached or did not answer in time.
        """
        # Checked here, before the model, so that end <= start is refused without a request.
        to_wire_datetime(start_time, name="start_time")
        to_wire_datetime(end_time, name="end_time")
        if end_time <= start_time:
            raise ValueError(
                f"end_time ({end_time.isoformat()}) must be after start_time "
                f"({start_time.isoformat()})"
            )
        request = build_body(
            models.TimeRangeRequest,
            None,
            {"start_time": start_time, "end_time": end_time, "billable": billable,
             "notes": notes},
        )  # fmt: skip
        operation, arguments = _twin(
            ops.ADD_PERSONAL_TASK_RANGE, ops.ADD_PROJECT_TASK_RANGE, task_id, project_id
        )
        result: models.TimeTrackerDto = await self._call(operation, arguments, request)
        return result

    @api_operation(ops.ADD_PERSONAL_TASK_MANUAL, ops.ADD_PROJECT_TASK_MANUAL)
    async def add_manual(
        self,
        task_id: int,
        *,
        duration: timedelta,
        start_time: datetime | NotGiven = NOT_GIVEN,
        project_id: int | None = None,
        billable: bool | NotGiven = NOT_GIVEN,
        notes: str | NotGiven = NOT_GIVEN,
    ) -> models.TimeTrackerDto:
        """Log a duration on a task, optionally saying when the work started.

        Args:
            task_id: Id of the task to log time on.
            duration: How long the work took: a positive ``timedelta`` of whole minutes (the
                API stores hours and minutes; 26 hours is fine).
            start_time: When the work started: a timezone-aware ``datetime``. Optional: left
                out, the server uses the current time.
            project_id: Project of the task, for a project task; ``None`` (the default) for a
                personal task. Picks the project or the personal endpoint.
            billable: Whether the time is billable. Optional: left out, nothing is sent and
                the server decides.
            notes: Free-text notes. Optional: left out, nothing is sent.

        Returns:
            The new :class:`~astravue_async.models.TimeTrackerDto` (entry type ``MANUAL``).

        Raises:
            TypeError, ValueError: an argument has the wrong type or an invalid value (named in
                the message); nothing is sent.
            NotFoundError: HTTP 404: no such task (or project) in this organisation.
            BadRequestError, AuthenticationError, PermissionDeniedError, RateLimitError,
                InternalServerError: the API refused the call (HTTP 400, 401, 403, 429, 5xx).
            APIConnectionError: the API could not be reached or did not answer in time.
        """
        hours, minutes = duration_to_hours_minutes(duration)
        if not isinstance(start_time, NotGiven):
            to_wire_datetime(start_time, name="start_time")
        request = build_body(
            models.ManualTimeRequest,
            None,
            {"hours": hours, "minutes": minutes, "start_time": start_time,
             "billable": billable, "notes": notes},
        )  # fmt: skip
        operation, arguments = _twin(
            ops.ADD_PERSONAL_TASK_MANUAL, ops.ADD_PROJECT_TASK_MANUAL, task_id, project_id
        )
        result: models.TimeTrackerDto = await self._call(operation, arguments, request)
        return result
